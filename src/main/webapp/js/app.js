// The dashboard: a login form, then views by the URL's hash (#/, #/executions/{id}, #/launch, #/aois), updated
// live by server-sent events (events.js). Plain ES modules, no build step; Leaflet comes from its WebJar.

import {api, login, logout, loggedIn, whenUnauthorized} from './api.js';
import {LiveEvents} from './events.js';
import {el} from './format.js';
import {executionsView} from './executions.js';
import {executionView} from './execution.js';
import {launchView} from './launch.js';
import {aoisView} from './aois.js';

const state = {me: null, live: null, view: null, listeners: new Set()};

/** Subscribes a view to the live events; answers the function that unsubscribes. */
export function onEvent(listener) {
    state.listeners.add(listener);
    return () => state.listeners.delete(listener);
}

export function me() {
    return state.me;
}

/** Whether the user may act (launch, stop, restart, retry, abandon, upload). */
export function canOperate() {
    return !!state.me && (state.me.roles.includes('operator') || state.me.roles.includes('admin'));
}

function emit(type, data) {
    for (const l of state.listeners) {
        try {
            l(type, data);
        } catch (e) {
            console.warn('event handler failed', e);
        }
    }
}

function showLogin(message) {
    stopLive();
    state.me = null;
    document.getElementById('view').replaceChildren();
    document.getElementById('nav').hidden = true;
    document.getElementById('who').hidden = true;
    document.getElementById('login').hidden = false;
    document.getElementById('login-error').textContent = message || '';
    document.getElementById('login-user').focus();
}

function stopLive() {
    if (state.live) {
        state.live.stop();
        state.live = null;
    }
}

function startLive() {
    stopLive();
    const live = document.getElementById('live');
    state.live = new LiveEvents('api/events', {
        hello: () => {},
        reset: d => emit('reset', d),
        execution: d => emit('execution', d),
        progress: d => emit('progress', d),
        'item-failed': d => emit('item-failed', d)
    }, s => {
        live.textContent = s;
        live.className = 'live ' + s;
    });
}

async function start() {
    try {
        state.me = await api('api/me');
    } catch (e) {
        logout();
        showLogin(e.status === 401 ? 'Wrong user or password.' : e.status === 403
            ? 'This user has no eobatch role.' : 'The server did not answer: ' + e.message);
        return;
    }
    document.getElementById('login').hidden = true;
    document.getElementById('nav').hidden = false;
    document.getElementById('who').hidden = false;
    document.getElementById('who-name').textContent = state.me.user;
    document.getElementById('who-roles').textContent = '(' + state.me.roles.join(', ') + ')';
    for (const a of document.querySelectorAll('[data-role="operator"]')) {
        a.hidden = !canOperate();
    }
    startLive();
    route();
}

let routes = 0;

async function route() {
    if (!state.me) {
        return;
    }
    if (state.view && state.view.dispose) {
        state.view.dispose();
        state.view = null;
    }
    // each view renders into its own container, shown only if no later route started meanwhile
    const mine = ++routes;
    const target = document.getElementById('view');
    const container = el('div', {className: 'page'});
    const hash = location.hash || '#/';
    let m;
    let view = null;
    try {
        if ((m = hash.match(/^#\/executions\/(\d+)$/))) {
            view = await executionView(container, Number(m[1]));
        } else if (hash === '#/launch') {
            view = await launchView(container);
        } else if (hash === '#/aois') {
            view = await aoisView(container);
        } else {
            view = await executionsView(container);
        }
    } catch (e) {
        container.replaceChildren(el('p', {className: 'error', role: 'alert'}, 'Could not show this page: '
            + e.message));
    }
    if (mine !== routes) {
        if (view && view.dispose) {
            view.dispose();
        }
        return;
    }
    state.view = view;
    target.replaceChildren(container);
    for (const a of document.querySelectorAll('#nav a')) {
        if (a.getAttribute('href') === hash || (hash.startsWith('#/executions') && a.getAttribute('href') === '#/')) {
            a.setAttribute('aria-current', 'page');
        } else {
            a.removeAttribute('aria-current');
        }
    }
}

document.getElementById('login-form').addEventListener('submit', e => {
    e.preventDefault();
    login(document.getElementById('login-user').value, document.getElementById('login-password').value);
    document.getElementById('login-password').value = '';
    start();
});
document.getElementById('logout').addEventListener('click', () => {
    logout();
    showLogin('Logged out.');
});
whenUnauthorized(() => {
    if (state.me) {
        logout();
        showLogin('Your login was refused; log in again.');
    }
});
window.addEventListener('hashchange', route);

if (loggedIn()) {
    start();
} else {
    showLogin();
}
