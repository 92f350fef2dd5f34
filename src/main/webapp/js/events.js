// Live events: GET /api/events (or /api/executions/{id}/events) read with fetch and a ReadableStream, because
// EventSource cannot send the Authorization header. Parsed as EventSource would (id, event, data; blank line ends an
// event; ':' comments); on a lost connection it reconnects after a pause, with Last-Event-ID, so the server sends
// again what was missed (or a 'reset' event when it no longer has it: the caller reloads). No polling.

import {authorization} from './api.js';

export class LiveEvents {
    /** @param path the stream; handlers: {execution, progress, 'item-failed', reset, hello} -> function(data) */
    constructor(path, handlers, onState) {
        this.path = path;
        this.handlers = handlers;
        this.onState = onState || (() => {});
        this.lastEventId = null;
        this.stopped = false;
        this.controller = null;
        this.retryMillis = 1000;
        this.run();
    }

    stop() {
        this.stopped = true;
        if (this.controller) {
            this.controller.abort();
        }
    }

    async run() {
        while (!this.stopped) {
            try {
                await this.readOnce();
                this.retryMillis = 1000;
            } catch (e) {
                if (this.stopped) {
                    return;
                }
            }
            if (this.stopped) {
                return;
            }
            this.onState('reconnecting');
            await new Promise(resolve => setTimeout(resolve, this.retryMillis));
            this.retryMillis = Math.min(this.retryMillis * 2, 30000);
        }
    }

    async readOnce() {
        this.controller = new AbortController();
        const headers = {'Accept': 'text/event-stream', 'Authorization': authorization() || ''};
        if (this.lastEventId !== null) {
            headers['Last-Event-ID'] = this.lastEventId;
        }
        const response = await fetch(this.path, {headers, credentials: 'omit', signal: this.controller.signal,
            cache: 'no-store'});
        if (response.status === 401 || response.status === 403 || response.status === 404) {
            this.stopped = true;
            this.onState('refused');
            return;
        }
        if (!response.ok || !response.body) {
            throw new Error('HTTP ' + response.status);
        }
        this.onState('live');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        let event = {id: null, type: 'message', data: []};
        for (;;) {
            const {value, done} = await reader.read();
            if (done) {
                throw new Error('stream ended');
            }
            buffer += value;
            let newline;
            while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
                const line = buffer.slice(0, newline);
                buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
                if (line === '') {
                    if (event.data.length > 0) {
                        this.dispatch(event);
                    }
                    event = {id: null, type: 'message', data: []};
                } else if (!line.startsWith(':')) {
                    const colon = line.indexOf(':');
                    const field = colon < 0 ? line : line.slice(0, colon);
                    const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
                    if (field === 'id') {
                        event.id = val;
                    } else if (field === 'event') {
                        event.type = val;
                    } else if (field === 'data') {
                        event.data.push(val);
                    }
                }
            }
        }
    }

    dispatch(event) {
        if (event.id !== null) {
            this.lastEventId = event.id;
        }
        const handler = this.handlers[event.type];
        if (handler) {
            handler(JSON.parse(event.data.join('\n')));
        }
    }
}
