// One execution: status and actions, live progress, parameters, estimate against cost, steps and partitions, the
// item ledger filterable by status, results inline (charts, GIFs, mosaic, files), the STAC link and the map.

import {api, post, objectUrl, ApiError} from './api.js';
import {onEvent, canOperate} from './app.js';
import {el, time, number, bytes, seconds, progressBar, counts, statusBadge, STATUSES} from './format.js';
import {executionMap} from './map.js';

const RUNNING = ['STARTING', 'STARTED', 'STOPPING'];
const PAGE = 100;

export async function executionView(target, id) {
    let e = await api('api/executions/' + id);
    let disposed = false;
    const urls = [];
    const header = el('div', {className: 'exec-head'});
    const actions = el('div', {className: 'actions', id: 'actions', role: 'group', 'aria-label': 'Actions'});
    const message = el('p', {className: 'message', role: 'status', id: 'action-message'});
    const progress = el('div', {className: 'card', id: 'progress'});
    const failures = el('ul', {className: 'failures', id: 'live-failures'});
    const ledger = el('section', {className: 'card', id: 'ledger'});
    const results = el('section', {className: 'card', id: 'results'});
    const steps = el('section', {className: 'card', id: 'steps'});
    const params = el('section', {className: 'card', id: 'parameters'});
    const cost = el('section', {className: 'card', id: 'cost'});
    const mapCard = el('section', {className: 'card', id: 'map-card'});
    let map = null;

    function renderHead() {
        header.replaceChildren(
            el('h1', {}, 'Execution #' + e.id + ' ', el('span', {className: 'job'}, e.job), ' ', statusBadge(e.status)),
            el('dl', {className: 'facts'},
                el('dt', {}, 'Exit status'), el('dd', {id: 'exit-status'}, e.exitStatus || '–'),
                el('dt', {}, 'Started by'), el('dd', {}, startedBy() || '–'),
                el('dt', {}, 'Created'), el('dd', {}, time(e.created)),
                el('dt', {}, 'Started'), el('dd', {}, time(e.started)),
                el('dt', {}, 'Ended'), el('dd', {}, time(e.ended)),
                el('dt', {}, 'STAC'), el('dd', {}, el('a', {href: 'api/executions/' + e.id + '/stac', id: 'stac-link',
                    target: '_blank', rel: 'noopener'}, 'Collection (JSON)'))));
        renderActions();
    }

    function startedBy() {
        const a = (e.actions || []).find(x => x.execution === e.id && ['LAUNCH', 'RESTART', 'RETRY_FAILED']
            .includes(x.action));
        return a ? a.user : null;
    }

    function renderActions() {
        actions.replaceChildren();
        if (!canOperate()) {
            return;
        }
        const running = RUNNING.includes(e.status);
        const can = {
            stop: running && e.status !== 'STOPPING',
            restart: ['FAILED', 'STOPPED'].includes(e.status),
            'retry-failed': !running && e.status !== 'ABANDONED' && e.progress && e.progress.failed > 0,
            abandon: ['FAILED', 'STOPPED'].includes(e.status)
        };
        const labels = {stop: 'Stop', restart: 'Restart', 'retry-failed': 'Retry failed items', abandon: 'Abandon'};
        for (const action of Object.keys(labels)) {
            if (!can[action]) {
                continue;
            }
            actions.append(el('button', {type: 'button', id: 'action-' + action, className: action === 'abandon'
                ? 'danger' : '', onclick: () => act(action)}, labels[action]));
        }
    }

    async function act(action) {
        if (action === 'abandon' && !confirm('Abandon execution #' + e.id + '? It can then not be restarted.')) {
            return;
        }
        message.textContent = '';
        for (const b of actions.querySelectorAll('button')) {
            b.disabled = true;
        }
        try {
            const answer = await post('api/executions/' + e.id + '/' + action, {});
            if ((action === 'restart' || action === 'retry-failed') && answer && answer.id !== e.id) {
                message.textContent = (action === 'restart' ? 'Restarted' : 'Retrying') + ' as execution #'
                    + answer.id + '.';
                location.hash = '#/executions/' + answer.id;
                return;
            }
            message.textContent = action === 'stop' ? 'Stop requested: it stops at the next chunk.' : 'Done.';
            await refresh();
        } catch (err) {
            message.textContent = describe(err);
            renderActions();
        }
    }

    function renderProgress() {
        progress.replaceChildren(el('h2', {}, 'Progress'), progressBar(e.progress), counts(e.progress),
            el('h3', {className: 'small'}, 'Failures as they happen'), failures);
    }

    function renderParams() {
        const dl = el('dl', {className: 'params'});
        for (const [k, v] of Object.entries(e.parameters || {})) {
            dl.append(el('dt', {}, k), el('dd', {}, v));
        }
        params.replaceChildren(el('h2', {}, 'Parameters'), dl);
    }

    function renderSteps() {
        const tbody = el('tbody');
        for (const s of e.steps || []) {
            const metrics = Object.entries(s.metrics || {}).filter(([, v]) => v > 0)
                .map(([k, v]) => k + ' ' + number(v)).join(', ');
            tbody.append(el('tr', {},
                el('th', {scope: 'row'}, s.name), el('td', {}, statusBadge(s.status)),
                el('td', {}, time(s.started)), el('td', {}, time(s.ended)),
                el('td', {}, metrics || '–'),
                el('td', {}, s.partitions ? el('ul', {className: 'partitions'}, s.partitions.map(p =>
                    el('li', {title: 'exit status ' + (p.exitStatus || '–')}, 'partition ' + p.partition + ' ',
                        statusBadge(p.status)))) : '–')));
        }
        steps.replaceChildren(el('h2', {}, 'Steps'), el('div', {className: 'scroll'}, el('table', {},
            el('thead', {}, el('tr', {}, ['Step', 'Status', 'Started', 'Ended', 'Metrics (items)', 'Partitions']
                .map(h => el('th', {scope: 'col'}, h)))), tbody)));
    }

    // --- the ledger, filterable by status, a page at a time
    let ledgerStatus = '';
    let ledgerOffset = 0;

    async function renderLedger() {
        const select = el('select', {id: 'ledger-status', onchange: () => {
            ledgerStatus = select.value;
            ledgerOffset = 0;
            renderLedger().catch(err => ledger.append(el('p', {className: 'error'}, describe(err))));
        }}, el('option', {value: ''}, 'every status'), STATUSES.map(s => el('option', {value: s,
            selected: s === ledgerStatus}, s)));
        const items = await api('api/executions/' + e.id + '/items?limit=' + PAGE + '&offset=' + ledgerOffset
            + (ledgerStatus ? '&status=' + ledgerStatus : ''));
        const tbody = el('tbody');
        for (const i of items) {
            tbody.append(el('tr', {className: 'item s-' + i.status.toLowerCase(), dataset: {status: i.status}},
                el('td', {}, i.aoiId || '–'), el('td', {}, i.sceneId || '–'),
                el('td', {}, statusBadge(i.status)), el('td', {className: 'num'}, number(i.attempts)),
                el('td', {className: 'reason'}, i.lastError || ''),
                el('td', {className: 'num'}, i.cost === null ? '–' : number(i.cost)),
                el('td', {}, time(i.updatedAt))));
        }
        const nav = el('div', {className: 'pager'},
            el('button', {type: 'button', disabled: ledgerOffset === 0, onclick: () => {
                ledgerOffset = Math.max(0, ledgerOffset - PAGE);
                renderLedger().catch(err => ledger.append(el('p', {className: 'error'}, describe(err))));
            }}, 'Previous'),
            el('span', {}, items.length === 0 ? 'no items' : 'items ' + number(ledgerOffset + 1) + '–'
                + number(ledgerOffset + items.length)),
            el('button', {type: 'button', disabled: items.length < PAGE, onclick: () => {
                ledgerOffset += PAGE;
                renderLedger().catch(err => ledger.append(el('p', {className: 'error'}, describe(err))));
            }}, 'Next'));
        ledger.replaceChildren(el('h2', {}, 'Items'),
            el('div', {className: 'filter'}, el('label', {htmlFor: 'ledger-status'}, 'Status '), select),
            el('div', {className: 'scroll'}, el('table', {className: 'ledger'},
                el('thead', {}, el('tr', {}, ['AOI', 'Scene / period', 'Status', 'Attempts', 'Reason', 'Cost',
                    'Updated'].map(h => el('th', {scope: 'col'}, h)))), tbody)), nav);
    }

    // --- the estimate the job instance was launched with, against what it cost
    async function renderCost() {
        const all = await api('api/executions/' + e.id + '/items?limit=10000');
        const spent = all.reduce((sum, i) => sum + (i.cost || 0), 0);
        const x = e.launchEstimate;
        const unit = (x && x.costUnit) || 'cost units';
        const elapsed = e.started ? ((e.ended ? Date.parse(e.ended) : Date.now()) - Date.parse(e.started)) / 1000
            : null;
        const budget = e.parameters && e.parameters.budget ? Number(e.parameters.budget) : null;
        const row = (name, id, estimated, actual) => el('tr', {},
            el('th', {scope: 'row'}, name), el('td', {className: 'num', id: 'launch-estimate-' + id}, estimated),
            el('td', {className: 'num', id: 'actual-' + id}, actual));
        const numbers = x && x.items !== null;
        const est = v => numbers ? v : '–';
        const table = el('table', {className: 'compare', id: 'launch-estimate'},
            el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, ''),
                el('th', {scope: 'col'}, 'Estimated at launch'), el('th', {scope: 'col'}, 'Actual'))),
            el('tbody', {},
                row('Items', 'items', est(number(x && x.items, 'items')),
                    number(e.progress ? e.progress.total : 0, 'items')),
                row('Cost', 'cost', est(number(x && x.cost, unit)), el('span', {id: 'spent'}, number(spent, unit))),
                row('Time', 'time', est(seconds(x && x.expectedSeconds)),
                    el('span', {title: 'this execution, from its start'}, seconds(elapsed))),
                row('Bytes read', 'bytes', est(bytes(x && x.bytes)), '–'),
                row('Budget', 'budget', est(x && x.budget !== null ? number(x.budget, unit) + (x.withinBudget
                    ? ' (within)' : ' (over)') : 'none'), budget === null ? 'none' : number(budget, unit))));
        cost.replaceChildren(el('h2', {}, 'Estimate and cost'), el('p', {className: 'muted', id:
            'launch-estimate-origin'}, origin(x)), el('div', {className: 'scroll'}, table));
        if (canOperate()) {
            const again = el('div', {id: 'estimate'});
            cost.append(el('button', {type: 'button', id: 'estimate-again', onclick: () => estimate(again)},
                'Estimate these parameters now'), again);
        }
        return all;
    }

    // where the launch estimate comes from, in words
    function origin(x) {
        if (!x) {
            return RUNNING.includes(e.status) ? 'The launch estimate is being made.'
                : 'No estimate was recorded when this execution was launched.';
        }
        const of = x.execution === e.id ? 'this execution' : 'execution #' + x.execution
            + ' (this one restarts its job instance)';
        const at = ' (' + time(x.estimatedAt).textContent + ')';
        if (x.origin === 'ESTIMATE') {
            return 'The estimate shown before Start' + at + ', launching ' + of + '.';
        }
        if (x.origin === 'RETRY') {
            return 'Retry of execution #' + x.sourceExecution + ': ' + (x.note || '') + at + '.';
        }
        return (x.items === null ? (x.note || 'No estimate') : 'Estimated when ' + of + ' was launched') + at + '.';
    }

    // the estimate of the execution's parameters, on request (it searches the catalog)
    async function estimate(est) {
        est.replaceChildren(el('p', {className: 'muted'}, 'Estimating…'));
        try {
            const body = {...e.parameters};
            delete body.retryOf;
            const x = await post('api/jobs/' + e.job + '/estimate', body);
            const t = x.total || {};
            est.replaceChildren(el('p', {className: 'muted'}, 'The estimate of these parameters now (the catalog '
                + 'answers as it does today):'), el('dl', {className: 'facts'},
            el('dt', {}, 'Items'), el('dd', {}, number(t.items, 'items')),
            el('dt', {}, 'Cost'), el('dd', {}, number(t.cost, t.costUnit || 'cost units')),
            el('dt', {}, 'Time'), el('dd', {}, seconds(t.expectedSeconds)),
            el('dt', {}, 'Bytes'), el('dd', {}, bytes(t.bytes))));
        } catch (err) {
            est.replaceChildren(el('p', {className: 'muted'}, 'No estimate: ' + describe(err)));
        }
    }

    // --- results inline
    async function renderResults() {
        let files = [];
        try {
            files = await api('api/executions/' + e.id + '/results');
        } catch (err) {
            results.replaceChildren(el('h2', {}, 'Results'), el('p', {className: 'muted'}, describe(err)));
            return files;
        }
        const gallery = el('div', {className: 'gallery'});
        const list = el('ul', {className: 'files'});
        for (const f of files) {
            if (/^image\/(png|gif|jpeg)/.test(f.mediaType) && f.size < 8 * 1024 * 1024) {
                const img = el('img', {alt: f.path, loading: 'lazy', className: f.role === 'chart' ? 'chart' : ''});
                gallery.append(el('figure', {className: 'result', dataset: {path: f.path}}, img,
                    el('figcaption', {}, f.path + ' (' + bytes(f.size) + ')')));
                objectUrl(f.href).then(u => {
                    urls.push(u);
                    img.src = u;
                }).catch(() => img.replaceWith(el('span', {className: 'error'}, 'could not load ' + f.path)));
            }
            list.append(el('li', {}, el('button', {type: 'button', className: 'link', onclick: () => download(f)},
                f.path), ' ', el('span', {className: 'muted'}, f.mediaType + ', ' + bytes(f.size))));
        }
        results.replaceChildren(el('h2', {}, 'Results'), files.length ? gallery : el('p', {className: 'muted'},
            'No result yet.'), files.length ? el('details', {}, el('summary', {}, 'Files (' + files.length + ')'),
            list) : '');
        return files;
    }

    async function download(f) {
        const u = await objectUrl(f.href);
        const a = el('a', {href: u, download: f.path.split('/').pop()});
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(u), 10000);
    }

    async function renderMap(items, files) {
        if (!map) {
            map = executionMap(mapCard);
        }
        await map.show(e, items, files);
    }

    async function refresh() {
        e = await api('api/executions/' + id);
        renderHead();
        renderProgress();
        renderParams();
        renderSteps();
        await renderLedger();
        const items = await renderCost();
        const files = await renderResults();
        await renderMap(items, files);
    }

    target.replaceChildren(header, actions, message, progress, mapCard, results, ledger, steps, cost, params);
    await refresh();

    let refreshing = null;
    const off = onEvent((type, d) => {
        if (disposed) {
            return;
        }
        if (type === 'reset') {
            refresh().catch(err => console.warn('could not reload the execution', err));
            return;
        }
        if (d.execution !== e.id) {
            return;
        }
        if (type === 'progress') {
            e.progress = {...e.progress, ...d};
            renderProgress();
            renderActions();
        } else if (type === 'item-failed') {
            failures.prepend(el('li', {className: 'failure'}, el('strong', {}, d.aoiId + ' ' + (d.sceneId || '')),
                ': ', d.lastError || 'failed', ' (', number(d.attempts, d.attempts === 1 ? 'attempt' : 'attempts'),
                ')'));
        } else if (type === 'execution') {
            e.status = d.status;
            e.exitStatus = d.exitStatus;
            renderHead();
            if (!RUNNING.includes(d.status) && !refreshing) {
                refreshing = refresh().catch(err => console.warn('could not reload the execution', err))
                    .finally(() => { refreshing = null; });
            }
        }
    });
    return {dispose() {
        disposed = true;
        off();
        urls.forEach(u => URL.revokeObjectURL(u));
        if (map) {
            map.dispose();
        }
    }};
}

export function describe(err) {
    if (err instanceof ApiError) {
        const p = err.problem || {};
        return (p.title ? p.title + ': ' : '') + (p.detail || err.message) + (p.field ? ' (' + p.field + ')' : '');
    }
    return String(err && err.message ? err.message : err);
}
