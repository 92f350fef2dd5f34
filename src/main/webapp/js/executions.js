// The executions list: job, status, who started it, progress bar and counts per item status; live.

import {api} from './api.js';
import {onEvent} from './app.js';
import {el, time, progressBar, counts, statusBadge} from './format.js';

export async function executionsView(target) {
    const list = await api('api/executions?limit=100');
    const rows = new Map();
    const tbody = el('tbody');
    const table = el('table', {className: 'executions', id: 'executions'},
        el('caption', {}, 'Executions, newest first'),
        el('thead', {}, el('tr', {},
            el('th', {scope: 'col'}, 'Id'), el('th', {scope: 'col'}, 'Job'), el('th', {scope: 'col'}, 'Status'),
            el('th', {scope: 'col'}, 'Started by'), el('th', {scope: 'col'}, 'Created'),
            el('th', {scope: 'col', className: 'wide'}, 'Progress'), el('th', {scope: 'col'}, 'Items'))),
        tbody);

    function row(e) {
        const tr = el('tr', {id: 'execution-' + e.id, dataset: {status: e.status}},
            el('td', {}, el('a', {href: '#/executions/' + e.id}, '#' + e.id)),
            el('td', {}, e.job),
            el('td', {className: 'status'}, statusBadge(e.status)),
            el('td', {}, e.startedBy || '–'),
            el('td', {}, time(e.created)),
            el('td', {className: 'progress-cell'}, progressBar(e.progress)),
            el('td', {className: 'counts-cell'}, counts(e.progress)));
        return tr;
    }

    function put(e) {
        const tr = row(e);
        const old = rows.get(e.id);
        rows.set(e.id, {data: e, tr});
        if (old) {
            old.tr.replaceWith(tr);
        } else {
            tbody.prepend(tr);
        }
    }

    for (const e of list.slice().reverse()) {
        put(e);
    }
    const empty = el('p', {className: 'muted', hidden: list.length > 0}, 'No execution yet.');
    target.replaceChildren(el('h1', {}, 'Executions'), empty, el('div', {className: 'scroll'}, table));

    const off = onEvent((type, d) => {
        update(type, d).catch(err => console.warn('executions list: could not apply an event', err));
    });

    async function update(type, d) {
        if (type === 'reset') {
            const fresh = await api('api/executions?limit=100');
            for (const e of fresh.slice().reverse()) {
                put(e);
            }
            return;
        }
        if (type !== 'execution' && type !== 'progress') {
            return;
        }
        const known = rows.get(d.execution);
        if (!known) {
            if (type === 'execution') {
                // a new execution: its summary (who started it) from the API
                const fresh = await api('api/executions?limit=20');
                for (const e of fresh.slice().reverse()) {
                    if (!rows.has(e.id) || e.id === d.execution) {
                        put(e);
                    }
                }
                empty.hidden = true;
            }
            return;
        }
        const e = {...known.data};
        if (type === 'execution') {
            e.status = d.status;
            e.exitStatus = d.exitStatus;
        } else {
            e.progress = d;
        }
        put(e);
    }
    return {dispose: off};
}
