#!/usr/bin/env python3
"""The cluster benchmark's driver (issue 12 point 6): run by cluster.sh against the nodes it started; Python 3
standard library, curl and java only. It reuses the scale benchmark (scale.py): the same synthetic AOI sets, the
same aoi-statistics run (demo catalog, June 2023, 4 partitions), the same heap sampling.

  cluster.py 1   node A alone: a warm-up of WARM_AOIS AOIs, then per size a fresh set cluster-1node-<size>, uploaded
                 and run on node A
  cluster.py 2   nodes A and B (cluster.sh started B in between): warm-up launched on B, then per size a fresh set
                 cluster-2nodes-<size>, uploaded and launched on A (B joins with its worker); then the table of both
                 phases, and the exit status: 1 when a check of any run failed

Per run: items, plan / fetch / summarize seconds, items/s of the fetch step over all nodes and per node, each node's
share, the window of each node's fetch step (its main or worker executions) and its items/s inside it, peak used heap
per node (jstat, as scale.py), CPU seconds of each node's JVM and of PostgreSQL during the run (/proc: what each got
of the shared cores, and items per CPU second, which depends less on the neighbours' load than items/s), and the checks:
every item DONE or NO_DATA, none claimed twice, one statistics row per DONE item, no duplicate row, each item's node
the node of the execution that did it; with two nodes, each did at least MIN_SHARE % of the items. What a node did
is read from the shared ledger (io.eobatch.bench.ClusterBench ledger: work_item.lease_node, execution_node, JBeret's
step_execution). The results of both phases go to OUT/cluster.json, the table to OUT/cluster.md.
"""
import json
import os
import subprocess
import sys
import time

import scale
from bench_http import Client, log

PHASE = sys.argv[1] if len(sys.argv) > 1 else "1"
OUT = os.environ.get("OUT", "/tmp/eobatch-cluster")
SIZES = [int(s) for s in os.environ.get("SIZES", "10000").split()]
# the nodes: id -> (HTTP client, JVM pid); node B only in phase 2
NODES = {"node-a": (scale.API, int(os.environ["SERVER_PID"]))}
if PHASE == "2":
    NODES["node-b"] = (Client(os.environ["BASE_B"], (scale.USER, scale.PASSWORD), timeout=600),
                       int(os.environ["PID_B"]))
DB = (os.environ["DB_URL"], os.environ["DB_USER"], os.environ["DB_PASSWORD"])
CLASSPATH = os.environ["BENCH_CP"]
MIN_SHARE = float(os.environ.get("MIN_SHARE", "20"))
WARM_AOIS = int(os.environ.get("WARM_AOIS", "500"))
RESULTS = os.path.join(OUT, "cluster.json")


def ledger(eid):
    """What the shared database says about the main execution eid's instance (ClusterBench ledger)."""
    out = subprocess.run(["java", "-Xmx64m", "-cp", CLASSPATH, "io.eobatch.bench.ClusterBench", "ledger", *DB,
                          str(eid)], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


TICK = os.sysconf("SC_CLK_TCK")
PG_PID = int(os.environ.get("PG_PID", "0"))


def cpu_seconds(pid, children=False):
    """CPU seconds (user + system) process pid has used so far; with children, also those of its live children and
    of the children it has waited for (PostgreSQL: the postmaster and its backends)."""
    def stat(p):
        with open(f"/proc/{p}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()  # fields from the 3rd on (the name may hold spaces)
    try:
        f = stat(pid)
    except OSError:
        return None
    total = int(f[11]) + int(f[12])  # utime, stime
    if children:
        total += int(f[13]) + int(f[14])  # cutime, cstime
        for p in os.listdir("/proc"):
            if p.isdigit():
                try:
                    c = stat(p)
                except OSError:
                    continue
                if int(c[1]) == pid:
                    total += int(c[11]) + int(c[12])
    return total / TICK


def cpu_now():
    """CPU seconds so far of each node's JVM and of PostgreSQL."""
    out = {node: cpu_seconds(pid) for node, (_, pid) in NODES.items()}
    if PG_PID:
        out["postgres"] = cpu_seconds(PG_PID, children=True)
    return out


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def one_run(samplers, n, bbox):
    nodes = len(NODES)
    label = f"{n // 1000}k" if n >= 1000 else f"{n}"
    name = f"cluster-{nodes}node{'s' if nodes > 1 else ''}-{label}"
    log(f"{label} on {nodes} node(s): uploading {n} AOIs into set {name}")
    up_s, side = scale.upload(name, n, bbox)
    for s in samplers.values():
        s.mark()
    load_before = load()
    cpu_before = cpu_now()
    eid = scale.launch({"aoiSet": name, "catalog": "demo", "from": scale.FROM, "to": scale.TO, "partitions": 4})
    log(f"{label} on {nodes} node(s): execution {eid} started on node-a, load average {load_before}")
    e, cut = scale.run_to_end(eid, scale.DEADLINES.get(n, 1800))
    heap = {node: s.mark()[0] for node, s in samplers.items()}
    load_after = load()
    cpu_after = cpu_now()
    cpu = {k: round(cpu_after[k] - cpu_before[k], 1) for k in cpu_after
           if cpu_after[k] is not None and cpu_before.get(k) is not None}
    steps = scale.steps_of(e)
    p = e.get("progress") or {}
    items = (p.get("done") or 0) + (p.get("noData") or 0)
    fetch = steps.get("fetch-statistics")
    led = ledger(eid)
    main_fetch = next((f for f in led["fetchSteps"] if f["execution"] == eid), {})
    per_node = []
    for b in led["byNode"]:
        node = b["node"]
        mine = [f for f in led["fetchSteps"] if f["node"] == node and f["started"] is not None]
        start = min((f["started"] for f in mine), default=None)
        end = max((f["ended"] for f in mine if f["ended"] is not None), default=None)
        window = round(end - start, 2) if start is not None and end is not None else None
        per_node.append({
            "node": node, "items": b["items"], "share": round(100 * b["items"] / max(1, items), 1),
            "itemsPerSecondOverFetch": round(b["items"] / fetch, 1) if fetch else None,
            "executions": sorted({f["execution"] for f in mine}),
            "joinedAfterSeconds": (round(start - main_fetch["started"], 1)
                                   if start is not None and main_fetch.get("started") is not None else None),
            "fetchWindowSeconds": window,
            "itemsPerSecondInWindow": round(b["items"] / window, 1) if window else None,
            "commitsSeconds": round(b["lastCommit"] - b["firstCommit"], 2),
            "peakHeapMiB": heap.get(node), "cpuSeconds": cpu.get(node),
            "itemsPerCpuSecond": round(b["items"] / cpu[node], 1) if cpu.get(node) else None})
    checks = [{"name": "execution COMPLETED", "ok": e["status"] == "COMPLETED" and not cut, "value": e["status"]},
              {"name": "ledger items = progress total", "ok": sum(led["byStatus"].values()) == p.get("total"),
               "value": f"{sum(led['byStatus'].values())} / {p.get('total')}"}]
    for k, v in led["checks"].items():
        checks.append({"name": k + " = 0", "ok": v == 0, "value": v})
    if nodes > 1:
        for node in NODES:
            share = next((x["share"] for x in per_node if x["node"] == node), 0.0)
            checks.append({"name": f"{node} did at least {MIN_SHARE:g} % of the items", "ok": share >= MIN_SHARE,
                           "value": share})
    res = {"nodes": nodes, "size": n, "set": name, "execution": eid, "status": e["status"], "cutByDeadline": cut,
           "items": p.get("total"), "done": p.get("done"), "noData": p.get("noData"), "failed": p.get("failed"),
           "rows": led["rows"], "uploadSeconds": round(up_s, 1), "planSeconds": steps.get("plan-items"),
           "fetchSeconds": fetch, "summarizeSeconds": steps.get("summarize-statistics"),
           "runSeconds": round(scale.iso(e["ended"]) - scale.iso(e["started"]), 2) if e.get("ended") else None,
           "itemsPerSecondFetch": round(items / fetch, 1) if fetch else None, "perNode": per_node,
           "loadBefore": load_before, "loadAfter": load_after, "postgresCpuSeconds": cpu.get("postgres"),
           "checks": checks, "ledger": led}
    failed = [c for c in checks if not c["ok"]]
    log(f"{label} on {nodes} node(s): {e['status']}, steps {steps}, by node "
        + ", ".join(f"{x['node']} {x['items']} ({x['share']} %)" for x in per_node)
        + (f"; FAILED checks: {failed}" if failed else "; all checks passed"))
    return res


def table(results):
    lines = ["| | " + " | ".join(f"{r['size']:,} AOIs, {r['nodes']} node{'s' if r['nodes'] > 1 else ''}"
                                 for r in results) + " |", "|---|" + "---|" * len(results)]
    fmt = scale.fmt

    def row(label, f):
        lines.append(f"| {label} | " + " | ".join(f(r) for r in results) + " |")

    def node(r, name):
        return next((x for x in r["perNode"] if x["node"] == name), None)

    row("execution, status",
        lambda r: f"{r['execution']}, {r['status']}" + (" (deadline)" if r["cutByDeadline"] else ""))
    row("load average before / after the run", lambda r: f"{r['loadBefore']} / {r['loadAfter']}")
    row("items (done / no data / failed)", lambda r: f"{r['items']:,} ({r['done']} / {r['noData']} / {r['failed']})")
    row("statistics rows", lambda r: f"{r['rows']:,}")
    scale.step_rows(row)
    row("items/s in fetch, all nodes", lambda r: fmt(r["itemsPerSecondFetch"]))
    names = sorted({x["node"] for r in results for x in r["perNode"] if x["node"]})
    for name in names:
        def cell(r, f, name=name):
            x = node(r, name)
            return f(x) if x else "-"
        row(f"{name}: items (share)", lambda r, cell=cell: cell(r, lambda x: f"{x['items']:,} ({x['share']} %)"))
        row(f"{name}: items/s over the whole fetch step",
            lambda r, cell=cell: cell(r, lambda x: fmt(x["itemsPerSecondOverFetch"])))
        row(f"{name}: joined after (s), its fetch window (s), items/s in it",
            lambda r, cell=cell: cell(r, lambda x: f"{fmt(x['joinedAfterSeconds'])}, {fmt(x['fetchWindowSeconds'])}, "
                                                   f"{fmt(x['itemsPerSecondInWindow'])}"))
        row(f"{name}: peak used heap in the run (MiB)", lambda r, cell=cell: cell(r, lambda x: fmt(x["peakHeapMiB"])))
        row(f"{name}: CPU seconds in the run, items per CPU second",
            lambda r, cell=cell: cell(r, lambda x: f"{fmt(x.get('cpuSeconds'))}, {fmt(x.get('itemsPerCpuSecond'))}"))
    row("PostgreSQL: CPU seconds in the run, ms per item",
        lambda r: f"{fmt(r.get('postgresCpuSeconds'))}, "
                  + (fmt(1000 * r["postgresCpuSeconds"] / r["items"], 2) if r.get("postgresCpuSeconds") else "-"))
    row("one claim's select (50 items) on the finished ledger (ms)",
        lambda r: fmt((r["ledger"].get("claimAtTheEnd") or {}).get("medianMs"), 2))
    row("checks", lambda r: (f"all {len(r['checks'])} passed" if all(c["ok"] for c in r["checks"]) else "FAILED: "
                             + "; ".join(f"{c['name']} ({c['value']})" for c in r["checks"] if not c["ok"])))
    return "\n".join(lines)


def main():
    os.makedirs(OUT, exist_ok=True)
    samplers = {node: scale.HeapSampler(pid) for node, (_, pid) in NODES.items()}
    for s in samplers.values():
        s.start()
    results = []
    if PHASE == "2" and os.path.exists(RESULTS):
        with open(RESULTS) as f:
            results = json.load(f)["results"]
    try:
        bbox = scale.demo_bbox()
        log(f"phase {PHASE}: nodes {list(NODES)}; demo AOIs' bounding box {bbox}")
        # phase 1 warms node A, phase 2 node B (launched there; A joins it with a worker at its next heartbeat):
        # scale.py's warm-up, then a set of WARM_AOIS AOIs, so that the JIT has compiled the COG decoding and the
        # statistics on the new node as on the node that ran phase 1 (B warmed by the 8 demo AOIs alone did a third
        # of A's items per second in a first try)
        api = NODES["node-b" if PHASE == "2" else "node-a"][0]
        scale.warm_up(api)
        warm = f"cluster-warm-{'b' if PHASE == '2' else 'a'}"
        scale.upload(warm, WARM_AOIS, bbox)
        eid = scale.launch({"aoiSet": warm, "catalog": "demo", "from": scale.FROM, "to": scale.TO, "partitions": 4},
                           api)
        e, _ = scale.run_to_end(eid, 900, api)
        log(f"warm-up execution {eid} ({WARM_AOIS} AOIs): {e['status']}, steps {scale.steps_of(e)}")
        for n in SIZES:
            results.append(one_run(samplers, n, bbox))
            with open(RESULTS, "w") as f:
                json.dump({"from": scale.FROM, "to": scale.TO, "results": results}, f, indent=1)
    finally:
        for s in samplers.values():
            s.stop()
    if PHASE != "2":
        return 0
    t = table(results)
    with open(os.path.join(OUT, "cluster.md"), "w") as f:
        f.write(t + "\n")
    print(t)
    failed = [(r["size"], r["nodes"], c) for r in results for c in r["checks"] if not c["ok"]]
    for size, nodes, c in failed:
        print(f"check failed: {size} AOIs on {nodes} node(s): {c['name']} (got {c['value']})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
