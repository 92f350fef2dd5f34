// Launch: a form generated from GET /api/jobs (each parameter's type, default, allowed values, description); AOIs
// and AOI sets chosen from the stored ones; the estimate (items, cost, time, within budget) shown before the start
// button, which starts exactly the parameters that were estimated.

import {api, post} from './api.js';
import {canOperate} from './app.js';
import {el, number, bytes, seconds, count} from './format.js';
import {describe} from './execution.js';

export async function launchView(target) {
    if (!canOperate()) {
        target.replaceChildren(el('h1', {}, 'Launch'), el('p', {}, 'Launching needs the operator role.'));
        return {};
    }
    const [jobs, aois, sets] = await Promise.all([api('api/jobs'),
        api('api/aois?geometry=false', {headers: {'Accept': 'application/geo+json'}}), api('api/aoi-sets')]);
    const aoiIds = (aois.features || []).map(f => ({id: f.id, name: (f.properties || {}).name}));
    const jobSelect = el('select', {id: 'job', name: 'job'}, jobs.map(j => el('option', {value: j.id}, j.id)));
    const fields = el('div', {className: 'fields'});
    const estimateBox = el('div', {id: 'estimate-result', role: 'status'});
    const errorBox = el('p', {className: 'error', id: 'launch-error', role: 'alert'});
    const estimateButton = el('button', {type: 'submit', id: 'estimate'}, 'Estimate');
    const startButton = el('button', {type: 'button', id: 'start', disabled: true, className: 'primary'}, 'Start');
    const form = el('form', {id: 'launch-form', className: 'card', novalidate: true},
        el('label', {htmlFor: 'job'}, 'Job'), jobSelect, el('p', {className: 'hint', id: 'job-description'}),
        fields, el('div', {className: 'buttons'}, estimateButton, startButton), errorBox, estimateBox);
    let estimated = null;

    function job() {
        return jobs.find(j => j.id === jobSelect.value);
    }

    function input(p) {
        const id = 'p-' + p.name;
        const hintId = id + '-hint';
        let control;
        if (p.name === 'aois') {
            control = el('select', {id, name: p.name, multiple: true, size: Math.min(8, Math.max(3, aoiIds.length))},
                aoiIds.map(a => el('option', {value: a.id}, a.name && a.name !== a.id ? a.id + ' – ' + a.name : a.id)));
        } else if (p.name === 'aoiSet') {
            control = el('select', {id, name: p.name, multiple: true, size: Math.min(5, Math.max(2, sets.length))},
                sets.map(s => el('option', {value: s.name}, s.name + ' (' + count(s.aois, 'AOI') + ')')));
        } else if (p.type === 'enum') {
            control = el('select', {id, name: p.name},
                p.required ? '' : el('option', {value: ''}, p.defaultValue ? '(default: ' + p.defaultValue + ')' : '–'),
                (p.allowed || []).map(a => el('option', {value: a}, a)));
        } else if (p.type === 'date') {
            control = el('input', {id, name: p.name, type: 'date', value: p.defaultValue || ''});
        } else if (p.type === 'integer' || p.type === 'number') {
            control = el('input', {id, name: p.name, type: 'number', step: p.type === 'integer' ? '1' : 'any',
                min: p.min === null ? null : String(p.min), max: p.max === null || p.max > 1e15 ? null : String(p.max),
                placeholder: p.defaultValue || ''});
        } else {
            control = el('input', {id, name: p.name, type: 'text', placeholder: p.defaultValue || ''});
        }
        if (p.required) {
            control.required = true;
        }
        control.setAttribute('aria-describedby', hintId);
        control.addEventListener('change', invalidate);
        control.addEventListener('input', invalidate);
        return el('div', {className: 'field', dataset: {name: p.name}},
            el('label', {htmlFor: id}, p.name, p.required ? el('span', {className: 'req', title: 'required'}, ' *') : ''),
            control,
            el('p', {className: 'hint', id: hintId}, p.description || '', p.defaultValue ? ' Default: '
                + p.defaultValue + '.' : ''),
            el('p', {className: 'field-error', id: id + '-error'}));
    }

    function renderFields() {
        const j = job();
        form.querySelector('#job-description').textContent = j.description || '';
        fields.replaceChildren(...j.parameters.filter(p => p.name !== 'retryOf').map(input));
        invalidate();
    }

    function values() {
        const body = {};
        for (const c of fields.querySelectorAll('input, select')) {
            if (c.multiple) {
                const chosen = [...c.selectedOptions].map(o => o.value);
                if (chosen.length) {
                    body[c.name] = chosen;
                }
            } else if (c.value !== '') {
                body[c.name] = c.type === 'number' ? Number(c.value) : c.value;
            }
        }
        return body;
    }

    function invalidate() {
        estimated = null;
        startButton.disabled = true;
        estimateBox.replaceChildren();
        errorBox.textContent = '';
        for (const f of fields.querySelectorAll('.field-error')) {
            f.textContent = '';
        }
        for (const c of fields.querySelectorAll('[aria-invalid]')) {
            c.removeAttribute('aria-invalid');
        }
    }

    function showProblem(err) {
        errorBox.textContent = describe(err);
        const field = err.problem && err.problem.field;
        const slot = field && fields.querySelector('#p-' + CSS.escape(field) + '-error');
        if (slot) {
            slot.textContent = err.problem.detail;
            fields.querySelector('#p-' + CSS.escape(field)).setAttribute('aria-invalid', 'true');
            fields.querySelector('#p-' + CSS.escape(field)).focus();
        }
    }

    form.addEventListener('submit', async ev => {
        ev.preventDefault();
        invalidate();
        const body = values();
        estimateBox.replaceChildren(el('p', {className: 'muted'}, 'Estimating…'));
        try {
            const x = await post('api/jobs/' + job().id + '/estimate', body);
            const t = x.total || {};
            estimated = {job: job().id, body};
            estimateBox.replaceChildren(el('h2', {}, 'Estimate'), el('dl', {className: 'facts', id: 'estimate-facts'},
                el('dt', {}, 'Items'), el('dd', {id: 'estimate-items'}, number(t.items, 'items')),
                el('dt', {}, 'AOIs'), el('dd', {}, number(t.aois, 'AOIs')),
                el('dt', {}, 'Requests'), el('dd', {}, number(t.requests, 'requests')),
                el('dt', {}, 'Data read'), el('dd', {}, bytes(t.bytes)),
                el('dt', {}, 'Cost'), el('dd', {}, number(t.cost, t.costUnit || 'cost units')),
                el('dt', {}, 'Time'), el('dd', {}, seconds(t.expectedSeconds) + (t.limitedBy ? ' (limited by '
                    + t.limitedBy + ')' : '')),
                el('dt', {}, 'Within budget'), el('dd', {}, t.withinBudget === undefined || t.withinBudget === null
                    ? 'no budget given' : (t.withinBudget ? 'yes' : 'NO')))); 
            startButton.disabled = false;
            startButton.focus();
        } catch (err) {
            estimateBox.replaceChildren();
            showProblem(err);
        }
    });

    startButton.addEventListener('click', async () => {
        if (!estimated) {
            return;
        }
        startButton.disabled = true;
        try {
            const e = await post('api/jobs/' + estimated.job + '/executions', estimated.body);
            location.hash = '#/executions/' + e.id;
        } catch (err) {
            showProblem(err);
        }
    });

    jobSelect.addEventListener('change', renderFields);
    target.replaceChildren(el('h1', {}, 'Launch a job'), form);
    renderFields();
    return {};
}
