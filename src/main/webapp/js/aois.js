// AOIs: the stored AOIs and sets, and an upload (GeoJSON or GeoPackage) that shows each rejected feature and why.

import {api} from './api.js';
import {canOperate} from './app.js';
import {el, number, time, count} from './format.js';
import {describe} from './execution.js';

export async function aoisView(target) {
    const [aois, sets] = await Promise.all([
        api('api/aois?geometry=false', {headers: {'Accept': 'application/geo+json'}}), api('api/aoi-sets')]);
    const rows = (aois.features || []).map(f => {
        const p = f.properties || {};
        return el('tr', {}, el('td', {}, f.id), el('td', {}, p.name || '–'),
            el('td', {className: 'num'}, p.areaM2 === undefined ? '–' : number(p.areaM2 / 1e4, 'ha')),
            el('td', {}, time(p.created)));
    });
    const setRows = sets.map(s => el('tr', {}, el('td', {}, s.name), el('td', {className: 'num'}, count(s.aois, 'AOI')),
        el('td', {}, time(s.created))));
    const parts = [el('h1', {}, 'AOIs')];
    if (canOperate()) {
        parts.push(uploadForm(() => aoisView(target)));
    }
    parts.push(el('section', {className: 'card'}, el('h2', {}, 'Stored AOIs (' + rows.length + ')'),
        el('div', {className: 'scroll'}, el('table', {id: 'aois'}, el('thead', {}, el('tr', {},
            ['Id', 'Name', 'Area', 'Stored'].map(h => el('th', {scope: 'col'}, h)))), el('tbody', {}, rows)))),
    el('section', {className: 'card'}, el('h2', {}, 'AOI sets (' + sets.length + ')'),
        el('table', {id: 'aoi-sets'}, el('thead', {}, el('tr', {}, ['Name', 'AOIs', 'Created']
            .map(h => el('th', {scope: 'col'}, h)))), el('tbody', {}, setRows))));
    target.replaceChildren(...parts);
    return {};
}

function uploadForm(reload) {
    const file = el('input', {type: 'file', id: 'aoi-file', accept: '.geojson,.json,.gpkg', required: true});
    const set = el('input', {type: 'text', id: 'aoi-set', placeholder: 'optional'});
    const layer = el('input', {type: 'text', id: 'aoi-layer', placeholder: 'GeoPackage only, optional'});
    const result = el('div', {id: 'upload-result', role: 'status'});
    const form = el('form', {className: 'card', id: 'upload-form'}, el('h2', {}, 'Upload AOIs'),
        el('label', {htmlFor: 'aoi-file'}, 'GeoJSON or GeoPackage file'), file,
        el('label', {htmlFor: 'aoi-set'}, 'Add to set'), set,
        el('label', {htmlFor: 'aoi-layer'}, 'Layer'), layer,
        el('div', {className: 'buttons'}, el('button', {type: 'submit', id: 'upload'}, 'Upload')), result);
    form.addEventListener('submit', async ev => {
        ev.preventDefault();
        const f = file.files[0];
        if (!f) {
            return;
        }
        const gpkg = /\.gpkg$/i.test(f.name);
        const q = new URLSearchParams();
        if (set.value) {
            q.set('set', set.value);
        }
        if (gpkg && layer.value) {
            q.set('layer', layer.value);
        }
        result.replaceChildren(el('p', {className: 'muted'}, 'Uploading…'));
        try {
            const answer = await api('api/aois' + (q.toString() ? '?' + q : ''), {method: 'POST',
                headers: {'Content-Type': gpkg ? 'application/geopackage+sqlite3' : 'application/geo+json'},
                body: await f.arrayBuffer()});
            const n = answer && answer.features ? answer.features.length : 0;
            result.replaceChildren(el('p', {className: 'ok'}, 'Stored ' + count(n, 'AOI') + '.'));
            setTimeout(reload, 1500);
        } catch (err) {
            const p = err.problem || {};
            const issues = (p.extra && p.extra.errors) || p.errors || [];
            result.replaceChildren(el('p', {className: 'error', role: 'alert'}, 'Refused, nothing stored: '
                + describe(err)),
            issues.length ? el('ul', {className: 'rejected', id: 'rejected'}, issues.map(i =>
                el('li', {}, el('strong', {}, i.field || 'feature'), ': ', i.detail))) : '');
        }
    });
    return form;
}
