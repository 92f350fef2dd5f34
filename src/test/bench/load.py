#!/usr/bin/env python3
"""The load benchmark's driver (issue 10 point 6): run by load.sh against a server it started; Python 3 standard
library only.

1. Loads the demo AOIs and runs a short aoi-statistics execution to its end (the execution the reads read).
2. Starts a long aoi-statistics execution (all demo AOIs, the whole of 2023): the job that runs during the load.
3. CLIENTS (50) threads, each with its own keep-alive HTTP connection and HTTP Basic credentials (operators and
   viewers), send requests for DURATION seconds, each request drawn from this mix (weights in MIX):
     executions    GET /api/executions?limit=20
     execution     GET /api/executions/{done}
     running       GET /api/executions/{running}              (progress of the job that runs)
     items         GET /api/executions/{done}/items?limit=100
     csv           GET /api/executions/{done}/statistics?format=csv   (the whole CSV, streamed)
     stac          GET /api/executions/{done}/stac            (the STAC collection)
     stac-item     GET /api/executions/{done}/stac/items/{one item}
     estimate      POST /api/jobs/aoi-statistics/estimate     (operators)
     launch        POST /api/jobs/aoi-statistics/executions   (operators; one AOI, one month, one partition)
   Every answer is checked (200, or 201 for a launch, and a body of the expected kind); anything else is an error,
   counted and its first lines kept.
4. Waits (bounded) for every execution launched to end and counts their statuses; the long one must still be
   running or have completed, never failed.
Prints per endpoint: count, errors, p50/p95/p99/max latency (ms); writes the numbers as JSON to OUT/load.json.
"""
import json
import math
import os
import random
import sys
import threading
import time
import urllib.parse

from bench_http import ENDED, Client, log

BASE = os.environ.get("BASE", "http://127.0.0.1:9580")
OUT = os.environ.get("OUT", "/tmp/eobatch-load")
CLIENTS = int(os.environ.get("CLIENTS", "50"))
DURATION = float(os.environ.get("DURATION", "120"))
OPERATOR = (os.environ.get("OPERATOR_USER", "bench-operator"), os.environ.get("OPERATOR_PASSWORD", "bench-Op-1"))
VIEWER = (os.environ.get("VIEWER_USER", "bench-viewer"), os.environ.get("VIEWER_PASSWORD", "bench-View-1"))
OPERATORS = int(os.environ.get("OPERATORS", "10"))  # of the CLIENTS; the others are viewers
SEED = int(os.environ.get("SEED", "10"))
MIX = {"executions": 10, "execution": 15, "running": 15, "items": 15, "csv": 10, "stac": 10, "stac-item": 10,
       "estimate": 10, "launch": 5}
READS_ONLY = {k: v for k, v in MIX.items() if k not in ("estimate", "launch")}


def setup(c):
    fc = c.json("GET", "/api/demo/aois", accept="application/geo+json")
    ids = [f["properties"]["id"] for f in fc["features"]]
    status, _, data = c.request("GET", "/api/aois/" + urllib.parse.quote(ids[0]))
    if status == 404:
        c.json("POST", "/api/aois", json.dumps(fc), "application/geo+json", expect=201)
    log(f"demo AOIs: {len(ids)}")
    done = c.json("POST", "/api/jobs/aoi-statistics/executions",
                  json.dumps({"from": "2023-06-01", "to": "2023-06-30", "partitions": 2}), expect=201)["id"]
    e, ended = c.wait_for_end(done, 600, 1)
    if not ended:
        raise RuntimeError(f"execution {done} not finished in 600 s")
    if e["status"] != "COMPLETED":
        raise RuntimeError(f"execution {done}: {e['status']}")
    items = c.json("GET", f"/api/executions/{done}/items?limit=1000")
    stac_items = c.json("GET", f"/api/executions/{done}/stac/items")
    stac_ids = [f["id"] for f in stac_items["features"]][:50]
    log(f"execution {done}: {e['status']}, {len(items)} items, {len(stac_ids)} STAC items sampled")
    running = c.json("POST", "/api/jobs/aoi-statistics/executions",
                     json.dumps({"from": "2023-01-01", "to": "2023-12-31", "partitions": 4}), expect=201)["id"]
    log(f"execution {running}: the long job, running during the load")
    return ids, done, running, stac_ids


def main():
    os.makedirs(OUT, exist_ok=True)
    ids, done, running, stac_ids = setup(Client(BASE, OPERATOR))
    months = [f"2023-{m:02d}" for m in range(1, 13)]
    lock = threading.Lock()
    lat = {k: [] for k in MIX}
    errors = {k: 0 for k in MIX}
    samples = []
    launched = []
    stop_at = time.time() + DURATION
    start_barrier = threading.Barrier(CLIENTS)

    # the reads: kind -> (path, expected start of the body), drawn with the worker's random
    reads = {"executions": lambda r: ("/api/executions?limit=20", "["),
             "execution": lambda r: (f"/api/executions/{done}", "{"),
             "running": lambda r: (f"/api/executions/{running}", "{"),
             "items": lambda r: (f"/api/executions/{done}/items?offset={r.randrange(0, 400)}&limit=100", "["),
             "csv": lambda r: (f"/api/executions/{done}/statistics?format=csv", "aoi_id"),
             "stac": lambda r: (f"/api/executions/{done}/stac", "{"),
             "stac-item": lambda r: (f"/api/executions/{done}/stac/items/{r.choice(stac_ids)}", "{")}

    def request_for(kind, r):
        """(method, path, body, expected status, expected start of the body) of one request of the kind."""
        if kind in reads:
            path, starts = reads[kind](r)
            return "GET", path, None, 200, starts
        m = r.choice(months)
        last = {"02": "28", "04": "30", "06": "30", "09": "30", "11": "30"}.get(m[5:], "31")
        body = {"aois": r.choice(ids), "from": m + "-01", "to": f"{m}-{last}", "partitions": 1}
        if kind == "estimate":
            return "POST", "/api/jobs/aoi-statistics/estimate", json.dumps(body), 200, "{"
        return "POST", "/api/jobs/aoi-statistics/executions", json.dumps(body), 201, "{"

    def worker(n):
        r = random.Random(SEED * 1000 + n)
        operator = n < OPERATORS
        client = Client(BASE, OPERATOR if operator else VIEWER)
        mix = MIX if operator else READS_ONLY
        kinds, weights = list(mix), list(mix.values())
        start_barrier.wait()
        while time.time() < stop_at:
            kind = r.choices(kinds, weights)[0]
            method, path, body, expect, starts = request_for(kind, r)
            t0 = time.perf_counter()
            try:
                status, headers, data = client.request(method, path, body)
                ok = status == expect and data.lstrip()[:len(starts)].decode(errors="replace") == starts
                problem = None if ok else f"{status} {headers.get('Content-Type', '')} {data[:200]!r}"
            except Exception as e:  # a refused or reset connection, a timeout: an error of the run
                ok, problem, data = False, f"{type(e).__name__}: {e}", b""
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                lat[kind].append(ms)
                if not ok:
                    errors[kind] += 1
                    if len(samples) < 20:
                        samples.append(f"{kind} {method} {path}: {problem}")
                elif kind == "launch":
                    launched.append(json.loads(data)["id"])

    load_before = open("/proc/loadavg").read().split()[:3]
    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(CLIENTS)]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.time() - t0
    load_after = open("/proc/loadavg").read().split()[:3]
    long_at_end = Client(BASE, VIEWER).json("GET", f"/api/executions/{running}")
    long_at_end = f"{long_at_end['status']}, {long_at_end['progress']['percent']:.0f} % of its items"

    def pct(v, p):
        """Nearest-rank percentile: the smallest value with at least p % of the values at or below it."""
        v = sorted(v)
        return v[min(len(v) - 1, max(0, math.ceil(p / 100 * len(v)) - 1))] if v else None

    rows = {}
    for k in MIX:
        v = lat[k]
        rows[k] = {"count": len(v), "errors": errors[k], "p50": pct(v, 50), "p95": pct(v, 95), "p99": pct(v, 99),
                   "max": max(v) if v else None}
    total = sum(len(v) for v in lat.values())
    print(f"{CLIENTS} clients ({OPERATORS} operators, {CLIENTS - OPERATORS} viewers) for {wall:.0f} s: "
          f"{total} requests, {total / wall:.1f}/s, {sum(errors.values())} errors; "
          f"load average {' '.join(load_before)} -> {' '.join(load_after)}")
    print(f"{'endpoint':<12} {'count':>6} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for k, row in rows.items():
        f = lambda x: f"{x:8.0f}" if x is not None else f"{'-':>8}"
        print(f"{k:<12} {row['count']:6d} {row['errors']:6d} {f(row['p50'])} {f(row['p95'])} {f(row['p99'])} "
              f"{f(row['max'])}")
    for s in samples:
        print("error:", s)

    # every execution launched ends; the long one has not failed
    c = Client(BASE, OPERATOR)
    statuses = {}
    deadline = time.time() + float(os.environ.get("DRAIN_S", "900"))
    pending = list(launched)
    while pending and time.time() < deadline:
        still = []
        for eid in pending:
            s = c.json("GET", f"/api/executions/{eid}")["status"]
            if s in ENDED:
                statuses[s] = statuses.get(s, 0) + 1
            else:
                still.append(eid)
        pending = still
        if pending:
            time.sleep(2)
    long_status = c.json("GET", f"/api/executions/{running}")["status"]
    print(f"launched during the load: {len(launched)}; after the load: {statuses}, not ended: {len(pending)}; "
          f"the long execution {running}: {long_at_end} when the load ended, {long_status} now")
    result = {"clients": CLIENTS, "operators": OPERATORS, "durationS": round(wall, 1), "requests": total,
              "errors": sum(errors.values()), "endpoints": rows, "errorSamples": samples,
              "launched": len(launched), "launchedStatuses": statuses, "launchedNotEnded": len(pending),
              "longExecution": {"id": running, "atEndOfLoad": long_at_end, "status": long_status}, "doneExecution": done,
              "loadBefore": load_before, "loadAfter": load_after}
    with open(os.path.join(OUT, "load.json"), "w") as f:
        json.dump(result, f, indent=1)
    bad = sum(errors.values()) + len(pending) + sum(v for k, v in statuses.items() if k != "COMPLETED")
    if long_status in ("FAILED", "ABANDONED", "STOPPED"):
        bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
