// The REST client of the page. Every /api call needs HTTP Basic (web.xml): the user logs in once in the page's
// form, the credentials stay in sessionStorage (this tab only, gone when it closes) and go as an Authorization
// header on each fetch. credentials: 'omit' keeps the browser's own Basic dialog away on a 401 (the Fetch
// standard prompts only for requests that include credentials); the page shows its form instead.

const KEY = 'eobatch.auth';

export function loggedIn() {
    return sessionStorage.getItem(KEY) !== null;
}

export function login(user, password) {
    const bytes = new TextEncoder().encode(user + ':' + password);
    let binary = '';
    bytes.forEach(b => { binary += String.fromCharCode(b); });
    sessionStorage.setItem(KEY, 'Basic ' + btoa(binary));
}

export function logout() {
    sessionStorage.removeItem(KEY);
}

export function authorization() {
    return sessionStorage.getItem(KEY);
}

/** An error answer of the API: its status and problem+json body. */
export class ApiError extends Error {
    constructor(status, problem) {
        super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
        this.status = status;
        this.problem = problem || {};
    }
}

let onUnauthorized = () => {};

export function whenUnauthorized(callback) {
    onUnauthorized = callback;
}

/** fetch with the login; answers the parsed JSON (or the Response for other types), throws ApiError. */
export async function api(path, options = {}) {
    const headers = new Headers(options.headers || {});
    const auth = authorization();
    if (auth) {
        headers.set('Authorization', auth);
    }
    if (!headers.has('Accept')) {
        headers.set('Accept', 'application/json');
    }
    const response = await fetch(path, {...options, headers, credentials: 'omit'});
    if (response.status === 401) {
        onUnauthorized();
    }
    if (!response.ok) {
        let problem = null;
        try {
            problem = await response.json();
        } catch (e) {
            problem = {detail: response.statusText};
        }
        throw new ApiError(response.status, problem);
    }
    if (options.raw) {
        return response;
    }
    const type = response.headers.get('Content-Type') || '';
    if (response.status === 204 || !/json/.test(type)) {
        return response;
    }
    return response.json();
}

/** A POST of a JSON body (the API takes JSON only for state changes: CrossSiteFilter). */
export function post(path, body) {
    return api(path, {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(body === undefined ? {} : body)});
}

/** An object URL of a file of the API (an <img> cannot send the Authorization header itself). */
export async function objectUrl(path) {
    const response = await api(path, {raw: true, headers: {'Accept': '*/*'}});
    return URL.createObjectURL(await response.blob());
}
