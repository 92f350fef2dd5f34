// The map of an execution: its STAC items (one per AOI, or per tile) as polygons on an empty Leaflet map (no online
// base map: the layers are the AOIs and tiles from the API), coloured by the items' status or by the index mean,
// with a popup per AOI/tile: its numbers and its images.

import {api, objectUrl} from './api.js';
import {el, number} from './format.js';

const STATUS_COLOURS = {failed: '#c0392b', running: '#2e86c1', done: '#1e8449', 'no data': '#7f8c8d'};

/** Diverging colours for an index mean in [-1, 1]: brown (bare, water) to green (vegetation). */
function meanColour(v) {
    if (v === null || v === undefined || Number.isNaN(v)) {
        return '#999999';
    }
    const stops = [[-1, [69, 117, 180]], [0, [255, 255, 191]], [0.3, [166, 217, 106]], [0.6, [26, 152, 80]],
        [1, [0, 104, 55]]];
    let i = 0;
    while (i < stops.length - 2 && v > stops[i + 1][0]) {
        i++;
    }
    const [a, ca] = stops[i];
    const [b, cb] = stops[i + 1];
    const t = Math.max(0, Math.min(1, (v - a) / (b - a)));
    const c = ca.map((x, k) => Math.round(x + t * (cb[k] - x)));
    return 'rgb(' + c.join(',') + ')';
}

export function executionMap(card) {
    const select = el('select', {id: 'map-colour'}, el('option', {value: 'status'}, 'item status'),
        el('option', {value: 'mean'}, 'index mean'));
    const legend = el('div', {className: 'legend', id: 'map-legend'});
    const div = el('div', {className: 'map', id: 'map', role: 'region', 'aria-label': 'Map of the AOIs'});
    card.replaceChildren(el('h2', {}, 'Map'), el('div', {className: 'filter'},
        el('label', {htmlFor: 'map-colour'}, 'Colour by '), select), div, legend);
    const map = L.map(div, {attributionControl: false, zoomSnap: 0.25});
    map.setView([0, 0], 2);
    let layer = null;
    let last = null;
    const urls = [];
    select.addEventListener('change', () => last && draw(...last));
    // the view is built before it is shown: fit the AOIs once the map has a size, and on every resize
    let fitted = false;
    const resize = new ResizeObserver(() => {
        if (div.clientWidth === 0) {
            return;
        }
        map.invalidateSize();
        if (!fitted && layer) {
            fit();
        }
    });
    resize.observe(div);

    function fit() {
        const bounds = layer.getBounds();
        if (bounds.isValid() && div.clientWidth > 0) {
            map.fitBounds(bounds, {padding: [20, 20], maxZoom: 14});
            fitted = true;
        }
    }

    function byAoi(items) {
        const out = new Map();
        // by AOI id (an AOI's items), and by scene id (a tile's item), so a feature finds its items either way
        for (const i of items) {
            for (const key of new Set([i.aoiId || i.key, i.sceneId].filter(k => k))) {
                add(out, key, i);
            }
        }
        return out;
    }

    function add(out, key, i) {
        const s = out.get(key) || {total: 0, failed: 0, open: 0, done: 0, noData: 0, errors: []};
        s.total++;
        if (i.status === 'FAILED') {
            s.failed++;
            s.errors.push(i.lastError);
        } else if (i.status === 'PENDING' || i.status === 'IN_FLIGHT') {
            s.open++;
        } else if (i.status === 'DONE') {
            s.done++;
        } else {
            s.noData++;
        }
        out.set(key, s);
    }

    function statusOf(s) {
        if (!s) {
            return 'running';
        }
        if (s.failed > 0) {
            return 'failed';
        }
        if (s.open > 0) {
            return 'running';
        }
        return s.done > 0 ? 'done' : 'no data';
    }

    function draw(features, stats, files) {
        if (layer) {
            layer.remove();
        }
        const mode = select.value;
        layer = L.geoJSON(features, {
            style: f => {
                const s = stats.get(f.id);
                const mean = f.properties['eobatch:mean'];
                const colour = mode === 'mean' ? meanColour(mean) : STATUS_COLOURS[statusOf(s)];
                return {color: colour, weight: 2, fillColor: colour, fillOpacity: 0.45};
            },
            onEachFeature: (f, l) => {
                l.bindPopup(() => popup(f, stats.get(f.id), files), {maxWidth: 360});
                l.on('add', () => {
                    const p = l.getElement ? l.getElement() : null;
                    if (p) {
                        p.setAttribute('data-aoi', f.id);
                        p.setAttribute('data-status', statusOf(stats.get(f.id)));
                    }
                });
            }
        }).addTo(map);
        if (!fitted) {
            fit();
        }
        legend.replaceChildren(...(mode === 'mean'
            ? [-0.5, 0, 0.3, 0.6, 0.9].map(v => el('span', {}, el('i', {style: 'background:' + meanColour(v)}),
                number(v)))
            : Object.entries(STATUS_COLOURS).map(([k, c]) => el('span', {}, el('i', {style: 'background:' + c}),
                k))));
    }

    function popup(f, s, files) {
        const p = f.properties || {};
        const box = el('div', {className: 'popup'}, el('h3', {}, f.id),
            el('dl', {className: 'facts'},
                el('dt', {}, 'Items'), el('dd', {}, s ? number(s.total, s.total === 1 ? 'item' : 'items') : '–'),
                el('dt', {}, 'Failed'), el('dd', {}, s ? number(s.failed) : '–'),
                el('dt', {}, 'Mean'), el('dd', {}, number(p['eobatch:mean'])),
                el('dt', {}, 'Min / max'), el('dd', {}, number(p['eobatch:min']) + ' / ' + number(p['eobatch:max'])),
                el('dt', {}, 'Valid scenes'), el('dd', {}, number(p['eobatch:valid_scenes'], 'scenes'))));
        if (s && s.errors.length) {
            box.append(el('p', {className: 'reason'}, s.errors[0]));
        }
        const images = files.filter(x => /^image\/(png|gif)/.test(x.mediaType) && x.path.includes(f.id)
            && x.size < 4 * 1024 * 1024).slice(0, 2);
        for (const x of images) {
            const img = el('img', {alt: x.path, className: 'thumb'});
            box.append(img);
            objectUrl(x.href).then(u => {
                urls.push(u);
                img.src = u;
            }).catch(() => img.remove());
        }
        return box;
    }

    return {
        async show(e, items, files) {
            const stats = byAoi(items);
            let features = [];
            if (!['STARTING', 'STARTED', 'STOPPING'].includes(e.status)) {
                // the results' STAC items: AOIs or tiles with their geometry and summary numbers
                try {
                    const fc = await api('api/executions/' + e.id + '/stac/items',
                        {headers: {'Accept': 'application/json'}});
                    features = (fc.features || []).filter(f => f.geometry);
                } catch (err) {
                    features = [];
                }
            }
            if (features.length === 0 && stats.size > 0) {
                // no STAC item yet (a running job): the stored AOIs of the ledger
                const fc = await api('api/aois', {headers: {'Accept': 'application/geo+json'}});
                features = (fc.features || []).filter(f => stats.has(f.id) && f.geometry)
                    .map(f => ({...f, properties: {...(f.properties || {})}}));
            }
            last = [features, stats, files];
            fitted = false;
            draw(features, stats, files);
        },
        dispose() {
            resize.disconnect();
            urls.forEach(u => URL.revokeObjectURL(u));
            map.remove();
        }
    };
}
