#!/usr/bin/env python3
"""The scale benchmark's driver (issue 11): run by scale.sh against a server it started; Python 3 standard library
and curl only.

For each size (1k, 10k and, with LARGE=1, 100k AOIs): uploads a set of synthetic small square AOIs spread over the
demo AOIs' bounding box (POST /api/aois?set=NAME, in batches under AoiLimits), runs aoi-statistics on the demo
catalog over June 2023 with the set (4 partitions), polls the execution to its end (bounded by a deadline), and
times the main read endpoints on the finished run. The JVM's used heap (S0U+S1U+EU+OU of `jstat -gc`, sampled
every second) is tracked per phase. Prints one table and writes the numbers as JSON.
"""
import json
import math
import os
import subprocess
import threading
import time
from datetime import datetime

from bench_http import Client, log

BASE = os.environ.get("BASE", "http://127.0.0.1:8380")
# every /api call logs in (HTTP Basic); scale.sh adds this operator to the server it starts
USER = os.environ.get("BENCH_USER", "scale-bench")
PASSWORD = os.environ.get("BENCH_PASSWORD", "Scale-Bench-pw-1")
API = Client(BASE, (USER, PASSWORD), timeout=600)
PID = int(os.environ["SERVER_PID"])
OUT = os.environ.get("OUT", "/tmp/eobatch-scale")
POLL = float(os.environ.get("POLL", "2"))
PROFILE = os.environ.get("PROFILE", "0") == "1"
FROM, TO = "2023-06-01", "2023-06-30"
BATCH = int(os.environ.get("BATCH", "5000"))  # features per upload: AoiLimits.MAX_FEATURES is 10,000, 10 MiB body
SIDE_M = float(os.environ.get("SIDE_M", "60"))  # side of a synthetic square AOI, metres (capped by the grid cell)
# deadline of one run (upload excluded), seconds, per size
DEADLINES = {1000: 900, 10000: 1800, 100000: int(os.environ.get("DEADLINE_100K", "2700"))}


class HeapSampler(threading.Thread):
    """`jstat -gc PID 1000` in the background; the max of used heap (KiB) since the last mark()."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.proc = subprocess.Popen(["jstat", "-gc", str(pid), "1000"], stdout=subprocess.PIPE, text=True)
        self.lock = threading.Lock()
        self.peak = 0.0
        self.last = None
        self.cols = None
        self.samples = 0

    def run(self):
        for line in self.proc.stdout:
            f = line.split()
            if not f:
                continue
            if f[0] == "S0C":
                self.cols = f
                continue
            if self.cols is None or len(f) != len(self.cols):
                continue
            try:
                v = dict(zip(self.cols, (float(x) if x != "-" else 0.0 for x in f)))
            except ValueError:
                continue
            used = v["S0U"] + v["S1U"] + v["EU"] + v["OU"]
            with self.lock:
                self.peak = max(self.peak, used)
                self.last = v
                self.samples += 1

    def mark(self):
        """Peak used heap (MiB) since the previous mark, GC counters now; starts a new window."""
        with self.lock:
            peak, last, n = self.peak, self.last, self.samples
            self.peak = 0.0
            self.samples = 0
        gc = {}
        if last:
            gc = {"youngGCs": int(last.get("YGC", 0)), "fullGCs": int(last.get("FGC", 0)),
                  "gcSeconds": last.get("GCT", 0.0), "oldUsedMiB": round(last["OU"] / 1024, 1)}
        return round(peak / 1024, 1), n, gc

    def stop(self):
        self.proc.terminate()


def demo_bbox():
    fc = API.json("GET", "/api/demo/aois", accept="application/geo+json")
    xs, ys = [], []

    def walk(c):
        if isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for x in c:
                walk(x)

    for f in fc["features"]:
        walk(f["geometry"]["coordinates"])
    return min(xs), min(ys), max(xs), max(ys)


def squares(name, n, bbox):
    """n squares on a jittered-free grid of the bbox, one per cell, ids NAME-0000001..."""
    x0, y0, x1, y1 = bbox
    lat = (y0 + y1) / 2
    m_per_deg_x = 111320 * math.cos(math.radians(lat))
    m_per_deg_y = 110540
    w_m, h_m = (x1 - x0) * m_per_deg_x, (y1 - y0) * m_per_deg_y
    cols = max(1, math.ceil(math.sqrt(n * w_m / h_m)))
    rows = math.ceil(n / cols)
    cw, ch = (x1 - x0) / cols, (y1 - y0) / rows
    side = min(SIDE_M, 0.8 * cw * m_per_deg_x, 0.8 * ch * m_per_deg_y)
    hx, hy = side / 2 / m_per_deg_x, side / 2 / m_per_deg_y
    for i in range(n):
        r, c = divmod(i, cols)
        cx, cy = x0 + (c + 0.5) * cw, y0 + (r + 0.5) * ch
        ring = [[round(cx - hx, 7), round(cy - hy, 7)], [round(cx + hx, 7), round(cy - hy, 7)],
                [round(cx + hx, 7), round(cy + hy, 7)], [round(cx - hx, 7), round(cy + hy, 7)],
                [round(cx - hx, 7), round(cy - hy, 7)]]
        yield {"type": "Feature", "properties": {"id": f"{name}-{i:07d}"},
               "geometry": {"type": "Polygon", "coordinates": [ring]}}, side


def upload(name, n, bbox):
    t = time.monotonic()
    batch, side = [], None
    sent = 0

    def flush():
        nonlocal sent
        body = json.dumps({"type": "FeatureCollection", "features": batch}).encode()
        status, _, data = API.request("POST", "/api/aois?set=" + name, body, "application/geo+json")
        if status not in (200, 201):
            raise RuntimeError(f"upload into {name}: {status} {data[:500]!r}")
        sent += len(batch)
        batch.clear()

    for f, side in squares(name, n, bbox):
        batch.append(f)
        if len(batch) == BATCH:
            flush()
    if batch:
        flush()
    sets = {s["name"]: s for s in API.json("GET", "/api/aoi-sets")}
    if sets.get(name, {}).get("aois") != n:
        raise RuntimeError(f"set {name} holds {sets.get(name)} after uploading {n}")
    return time.monotonic() - t, side


def iso(s):
    # 2023-06-01T10:00:00.123Z -> seconds since the epoch
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def launch(params, api=None):
    """The id of a new aoi-statistics execution with these parameters, launched on api's server (default BASE)."""
    status, headers, data = (api or API).request("POST", "/api/jobs/aoi-statistics/executions", json.dumps(params))
    if status != 201:
        raise RuntimeError(f"launch: {status} {data[:500]!r}")
    return int(headers["Location"].rstrip("/").rsplit("/", 1)[1])


def run_to_end(eid, deadline_s, api=None):
    """(the execution at its end, whether the deadline cut it): a run still going at the deadline is stopped."""
    api = api or API
    last_print = 0

    def progress(e):
        nonlocal last_print
        now = time.monotonic()
        if now - last_print >= 30:
            p = e.get("progress") or {}
            step = next((s["name"] for s in reversed(e.get("steps") or []) if not s.get("ended")), "-")
            log(f"execution {eid}: {e['status']} step {step}, {p.get('done', 0) + p.get('noData', 0)}"
                f"/{p.get('total', 0)} items")
            last_print = now

    e, ended = api.wait_for_end(eid, deadline_s, POLL, progress)
    if ended:
        return e, False
    log(f"execution {eid}: deadline of {deadline_s} s passed, stopping it")
    api.request("POST", f"/api/executions/{eid}/stop", b"", "application/json")
    e, _ = api.wait_for_end(eid, 60 * POLL, POLL)
    return e, True


def curl_time(path, accept=None):
    cmd = ["curl", "-s", "-o", "/dev/null", "-u", f"{USER}:{PASSWORD}", "--max-time",
           os.environ.get("READ_MAX_TIME", "300"), "-w", "%{http_code} %{size_download} %{time_total}"]
    if accept:
        cmd += ["-H", "Accept: " + accept]
    out = subprocess.run(cmd + [BASE + path], capture_output=True, text=True).stdout.split()
    return {"status": int(out[0]), "bytes": int(out[1]), "seconds": float(out[2])}


def steps_of(e):
    out = {}
    for s in e.get("steps") or []:
        if s.get("started") and s.get("ended"):
            out[s["name"]] = round(iso(s["ended"]) - iso(s["started"]), 2)
    return out


def one_size(sampler, label, n, bbox):
    name = f"scale-{label}"
    log(f"{label}: uploading {n} AOIs into set {name}")
    sampler.mark()
    up_s, side = upload(name, n, bbox)
    up_heap, _, _ = sampler.mark()
    log(f"{label}: uploaded in {up_s:.1f} s (squares of {side:.0f} m), peak heap {up_heap} MiB")
    jfr = os.path.join(OUT, f"{label}.jfr")
    if PROFILE:
        subprocess.run(["jcmd", str(PID), "JFR.start", f"name=scale-{label}", "settings=profile", f"filename={jfr}"],
                       capture_output=True, check=True)
    eid = launch({"aoiSet": name, "catalog": "demo", "from": FROM, "to": TO, "partitions": 4})
    log(f"{label}: execution {eid} started")
    t0 = time.monotonic()
    e, cut = run_to_end(eid, DEADLINES.get(n, 1800))
    wall = time.monotonic() - t0
    if PROFILE:
        subprocess.run(["jcmd", str(PID), "JFR.stop", f"name=scale-{label}"], capture_output=True)
        log(f"{label}: JFR recording {jfr}")
    run_heap, samples, gc = sampler.mark()
    steps = steps_of(e)
    run_s = round(iso(e["ended"]) - iso(e["started"]), 2) if e.get("ended") else None
    p = e.get("progress") or {}
    fetch = steps.get("fetch-statistics")
    items = p.get("total", 0)
    # items the fetch step read (its readCount; a run cut by the deadline did not read all)
    fs = next((s for s in e.get("steps") or [] if s["name"] == "fetch-statistics"), {})
    finished = (fs.get("metrics") or {}).get("readCount") or 0
    res = {"size": n, "set": name, "execution": eid, "status": e["status"], "exitStatus": e.get("exitStatus"),
           "cutByDeadline": cut, "items": items, "done": p.get("done"), "noData": p.get("noData"),
           "failed": p.get("failed"), "uploadSeconds": round(up_s, 1), "uploadPeakHeapMiB": up_heap,
           "squareMetres": round(side), "planSeconds": steps.get("plan-items"), "fetchSeconds": fetch,
           "summarizeSeconds": steps.get("summarize-statistics"), "runSeconds": run_s,
           "pollWallSeconds": round(wall, 1),
           "fetchReadCount": finished, "itemsPerSecondFetch": round(finished / fetch, 1) if fetch else None,
           "runPeakHeapMiB": run_heap, "heapSamples": samples, "gc": gc, "reads": {}}
    log(f"{label}: {e['status']} in {run_s} s; steps {steps}; peak heap {run_heap} MiB")
    if e["status"] == "COMPLETED" or cut:  # a run stopped at its deadline: the reads over its ledger as it is
        aoi = f"{name}-{0:07d}"
        reads = [("execution", f"/api/executions/{eid}", None),
                 ("items?limit=1000", f"/api/executions/{eid}/items?limit=1000", None),
                 ("statistics?format=csv", f"/api/executions/{eid}/statistics?format=csv", None),
                 ("summary", f"/api/executions/{eid}/summary", None),
                 ("results", f"/api/executions/{eid}/results", None),
                 ("stac (the Collection)", f"/api/executions/{eid}/stac", None),
                 ("stac/items", f"/api/executions/{eid}/stac/items", None),
                 ("stac/items?limit=1000&after= (a middle page)",
                  f"/api/executions/{eid}/stac/items?limit=1000&after={name}-{n // 2:07d}", None),
                 ("stac/items/{aoi} (one item)", f"/api/executions/{eid}/stac/items/{aoi}", None),
                 ("chart (1st: drawn)", f"/api/executions/{eid}/results/charts/timeseries-{aoi}.png", None),
                 ("chart (2nd: kept)", f"/api/executions/{eid}/results/charts/timeseries-{aoi}.png", None)]
        for what, path, accept in reads:
            r = curl_time(path, accept)
            res["reads"][what] = r
            log(f"{label}: GET {what}: {r['status']} {r['bytes']} bytes in {r['seconds']:.3f} s")
        res["readsPeakHeapMiB"], _, _ = sampler.mark()
    return res


def warm_up(api=None):
    """The 8 demo AOIs over the same month on api's server (default BASE): demo catalog generated, classes loaded;
    not reported."""
    api = api or API
    body = api.request("GET", "/api/demo/aois", accept="application/geo+json")[2]
    status, _, data = api.request("POST", "/api/aois?set=scale-warmup", body, "application/geo+json")
    if status not in (200, 201, 409):  # 409: uploaded already (a second node's warm-up on the same database)
        raise RuntimeError(f"warm-up upload: {status} {data[:300]!r}")
    eid = launch({"aoiSet": "scale-warmup", "catalog": "demo", "from": FROM, "to": TO, "partitions": 4}, api)
    e, _ = run_to_end(eid, 300, api)
    log(f"warm-up execution {eid}: {e['status']}, steps {steps_of(e)}")


def fmt(v, nd=1):
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.{nd}f}"
    return str(v)


def step_rows(row):
    """The table rows of a run's steps and its time (scale.py's and cluster.py's tables): row(label, f(result))."""
    row("plan-items (s)", lambda r: fmt(r["planSeconds"]))
    row("fetch-statistics (s)", lambda r: fmt(r["fetchSeconds"]))
    row("summarize-statistics (s)", lambda r: fmt(r["summarizeSeconds"]))
    row("run, started..ended (s)", lambda r: fmt(r["runSeconds"]))


def table(results):
    cols = [r for r in results]
    lines = ["| | " + " | ".join(f"{r['size']:,} AOIs" for r in cols) + " |",
             "|---|" + "---|" * len(cols)]

    def row(label, f):
        lines.append(f"| {label} | " + " | ".join(f(r) for r in cols) + " |")

    row("execution, status", lambda r: f"{r['execution']}, {r['status']}" + (" (deadline)" if r["cutByDeadline"] else ""))
    row("items (done / no data / failed)", lambda r: f"{r['items']:,} ({r['done']} / {r['noData']} / {r['failed']})")
    row("upload (s)", lambda r: fmt(r["uploadSeconds"]))
    step_rows(row)
    row("summarize / run", lambda r: (f"{100 * r['summarizeSeconds'] / r['runSeconds']:.1f} %"
                                      if r["summarizeSeconds"] is not None and r["runSeconds"] else "-"))
    row("items/s in fetch", lambda r: fmt(r["itemsPerSecondFetch"]))
    row("peak used heap, upload (MiB)", lambda r: fmt(r["uploadPeakHeapMiB"]))
    row("peak used heap, run (MiB)", lambda r: fmt(r["runPeakHeapMiB"]))
    row("peak used heap, reads (MiB)", lambda r: fmt(r.get("readsPeakHeapMiB")))
    row("GCs young / full, GC s (cumulative)",
        lambda r: f"{r['gc'].get('youngGCs', '-')} / {r['gc'].get('fullGCs', '-')}, {fmt(r['gc'].get('gcSeconds'), 1)}")
    names = []
    for r in cols:
        for k in r["reads"]:
            if k not in names:
                names.append(k)
    for k in names:
        row(f"GET {k} (s, bytes)", lambda r, k=k: (f"{r['reads'][k]['seconds']:.3f}, {r['reads'][k]['bytes']:,}"
                                                   + ("" if r['reads'][k]['status'] == 200
                                                      else f" HTTP {r['reads'][k]['status']}"))
            if k in r["reads"] else "-")
    return "\n".join(lines)


def main():
    sizes = [int(s) for s in os.environ.get("SIZES", "1000 10000").split()]
    os.makedirs(OUT, exist_ok=True)
    sampler = HeapSampler(PID)
    sampler.start()
    try:
        bbox = demo_bbox()
        log(f"demo AOIs' bounding box {bbox}")
        warm_up()
        sampler.mark()
        results = []
        for n in sizes:
            label = f"{n // 1000}k" if n >= 1000 else f"{n}"
            results.append(one_size(sampler, label, n, bbox))
            with open(os.path.join(OUT, "scale.json"), "w") as f:
                json.dump({"base": BASE, "from": FROM, "to": TO, "results": results}, f, indent=1)
        t = table(results)
        with open(os.path.join(OUT, "scale.md"), "w") as f:
            f.write(t + "\n")
        print(t)
        by = {r["size"]: r for r in results}
        if 10000 in by and 100000 in by and by[10000]["runSeconds"] and by[100000]["runSeconds"]:
            print(f"\nrun time 100k / 10k: {by[100000]['runSeconds'] / by[10000]['runSeconds']:.2f}x")
    finally:
        sampler.stop()


if __name__ == "__main__":
    main()
