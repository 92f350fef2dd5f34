"""What the benchmark drivers load.py and scale.py share (Python 3 standard library only): the log line, a keep-alive
HTTP client with one user's Basic credentials, and the poll of an execution to its end with a deadline."""
import base64
import http.client
import json
import sys
import time
import urllib.parse

ENDED = ("COMPLETED", "FAILED", "STOPPED", "ABANDONED")


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


class Client:
    """One keep-alive HTTP/1.1 connection to BASE with one user's Basic credentials; reconnects when the server
    closes."""

    def __init__(self, base, user, timeout=120):
        self.url = urllib.parse.urlsplit(base)
        self.auth = "Basic " + base64.b64encode(f"{user[0]}:{user[1]}".encode()).decode()
        self.timeout = timeout
        self.conn = None

    def request(self, method, path, body=None, ctype=None, accept="application/json"):
        """(status, headers, body bytes) of any answer; raises only when no answer came."""
        headers = {"Authorization": self.auth, "Accept": accept}
        if body is not None:
            headers["Content-Type"] = ctype or "application/json"
            body = body.encode() if isinstance(body, str) else body
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, r.headers, data
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # a kept-alive connection the server closed between requests: once more on a new one
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise

    def json(self, method, path, body=None, ctype=None, expect=200, accept="application/json"):
        """The JSON body of an answer with the status expect; RuntimeError with the start of the body otherwise."""
        status, _, data = self.request(method, path, body, ctype, accept=accept)
        if status != expect:
            raise RuntimeError(f"{method} {path}: {status} {data[:300]!r}")
        return json.loads(data)

    def wait_for_end(self, eid, deadline_s, poll, progress=None):
        """Polls GET /api/executions/{eid} every poll seconds until it has ended or deadline_s seconds have passed:
        (the last execution read, whether it has ended). progress(execution) is called on every poll that did not
        end it."""
        end = time.monotonic() + deadline_s
        while True:
            e = self.json("GET", f"/api/executions/{eid}")
            if e["status"] in ENDED:
                return e, True
            if time.monotonic() > end:
                return e, False
            if progress:
                progress(e)
            time.sleep(poll)
