// How the page writes times and numbers: times in the user's time zone with the UTC instant on hover (title),
// numbers grouped in the user's locale and always with their unit.

const numberFormat = new Intl.NumberFormat(undefined, {maximumFractionDigits: 2});
const timeFormat = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'medium'});

/** A <time> element: local time, the UTC instant in its title and datetime. */
export function time(iso) {
    if (!iso) {
        return el('span', {className: 'muted'}, '–');
    }
    const d = new Date(iso);
    const t = el('time', {dateTime: d.toISOString(), title: d.toISOString().replace('.000Z', 'Z') + ' (UTC)'},
        timeFormat.format(d));
    return t;
}

export function number(n, unit) {
    if (n === null || n === undefined || Number.isNaN(n)) {
        return '–';
    }
    const text = numberFormat.format(n);
    return unit ? text + '\u00a0' + unit : text;
}

export function count(n, singular, plural) {
    return number(n, n === 1 ? singular : (plural || singular + 's'));
}

export function bytes(n) {
    if (n === null || n === undefined) {
        return '–';
    }
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    let v = n;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return number(i === 0 ? v : Math.round(v * 10) / 10, units[i]);
}

export function seconds(s) {
    if (s === null || s === undefined) {
        return '–';
    }
    if (s < 120) {
        return number(Math.round(s * 10) / 10, 's');
    }
    if (s < 7200) {
        return number(Math.round(s / 6) / 10, 'min');
    }
    return number(Math.round(s / 360) / 10, 'h');
}

/** A small DOM builder: el('a', {href: '#'}, 'text', child, ...). */
export function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
        if (v === undefined || v === null || v === false) {
            continue;
        }
        if (k === 'className' || k === 'textContent' || k === 'value' || k === 'checked' || k === 'disabled'
            || k === 'hidden' || k === 'selected' || k === 'multiple' || k === 'dateTime' || k === 'htmlFor') {
            node[k] = v;
        } else if (k.startsWith('on') && typeof v === 'function') {
            node.addEventListener(k.slice(2), v);
        } else if (k === 'dataset') {
            Object.assign(node.dataset, v);
        } else {
            node.setAttribute(k, v === true ? '' : v);
        }
    }
    for (const c of children.flat()) {
        if (c === null || c === undefined || c === false) {
            continue;
        }
        node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
}

export const STATUSES = ['DONE', 'NO_DATA', 'TOO_CLOUDY', 'FAILED', 'IN_FLIGHT', 'PENDING'];

/** The progress bar of an execution: the share of each item status, and the percentage finished. */
export function progressBar(p) {
    const total = p ? p.total : 0;
    const parts = p ? [['done', p.done], ['no-data', p.noData], ['too-cloudy', p.tooCloudy],
        ['failed', p.failed], ['in-flight', p.inFlight]] : [];
    const bar = el('div', {className: 'bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
        'aria-valuenow': String(p ? p.percent : 0), 'aria-label': 'items finished',
        title: p ? number(p.percent, '%') + ' finished' : ''},
    parts.filter(([, n]) => n > 0).map(([k, n]) => el('span', {className: 'seg ' + k,
        style: 'width:' + (100 * n / total) + '%'})));
    return el('div', {className: 'progress'}, bar,
        el('span', {className: 'pct', dataset: {percent: String(p ? p.percent : 0)}}, number(p ? p.percent : 0, '%')));
}

/** The counts per item status of a progress, with units. */
export function counts(p) {
    if (!p) {
        return el('span', {className: 'muted'}, 'no items yet');
    }
    const list = el('ul', {className: 'counts'});
    const entries = [['total', p.total], ['done', p.done], ['no data', p.noData], ['too cloudy', p.tooCloudy],
        ['failed', p.failed], ['in flight', p.inFlight], ['pending', p.pending]];
    for (const [name, n] of entries) {
        if (name === 'total' || n > 0) {
            list.append(el('li', {className: 'c-' + name.replace(' ', '-')}, el('span', {className: 'n'}, number(n)),
                ' ' + name + (name === 'total' ? (n === 1 ? ' item' : ' items') : '')));
        }
    }
    return list;
}

export function statusBadge(status) {
    return el('span', {className: 'badge s-' + String(status || '').toLowerCase()}, status || '–');
}
