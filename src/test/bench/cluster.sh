#!/bin/sh
# The cluster benchmark of issue 12 point 6: the scale benchmark's 10k-AOI aoi-statistics run (scale.py's synthetic
# AOIs, the embedded demo catalog, June 2023, 4 partitions) on one node, then on two nodes sharing one PostgreSQL,
# in one run. Reports per run: items, plan / fetch / summarize seconds, items/s of the fetch step over all nodes and
# per node, each node's share, its fetch window, peak used heap and CPU seconds per node, and checks (every item
# DONE or NO_DATA and claimed once, one statistics row per DONE item, no duplicate row, each node did at least
# MIN_SHARE % of a two-node run); exits 1 when a check fails (cluster.py).
#
#   sh src/test/bench/cluster.sh               (from the project directory; JDK 17, Maven, python3, curl)
#   SIZES=1000 sh src/test/bench/cluster.sh    (a quick try: 1k AOIs)
#
# What it starts, all on 127.0.0.1 and stopped by pid when the script ends (also on error or Ctrl-C):
# - an embedded PostgreSQL (the one the ITs use: io.eobatch.bench.ClusterBench postgres, through PostgresLauncher) on
#   the first free port of EXTRA_PORT_RANGE, a fresh cluster under OUT/postgres;
# - node A (node id node-a) from the provisioned server (target/server, provisioned with -Ppostgres when it is not:
#   server.sh), on PORT_OFFSET; for the second part node B (node-b) on PORT_OFFSET_B. Each node runs from a copy of
#   the server's standalone folder (OUT/node-a, OUT/node-b: configuration, deployments) with its own node id and
#   transaction node id, HEAP (-Xmx512m), EOBATCH_CLUSTER_ENABLED=true and the cluster's default heartbeat (5 s)
#   and lease (60 s); both share the database and the data directory OUT/data (results, the demo catalog), as
#   README "Several nodes" says a deployment should.
# Phase 1: node A alone runs a fresh set cluster-1node-10k. Then node B starts; phase 2: a fresh set
# cluster-2nodes-10k of the same AOIs is launched on A and B joins it with its worker (README, Several nodes).
#
# Settings (environment): PORT_OFFSET (500: node A's HTTP 8580, management 10490), PORT_OFFSET_B (PORT_OFFSET + 10),
# EXTRA_PORT_RANGE (18400-18499: PostgreSQL's port), SIZES ("10000"), HEAP (-Xmx512m per node), MIN_SHARE (20: %),
# WARM_AOIS (500: the warm-up set each phase runs on its new node first, not reported),
# OUT (default a fresh /tmp/eobatch-cluster.XXXX: cluster.json, cluster.md, the nodes' console output), KEEP=1
# (keep the data directory and the database). The nodes take EOBATCH_CLUSTER_* settings from the environment.
# The driver logs in as BENCH_USER (default scale-bench), an operator added to the server's application realm
# with bin/add-user.sh when missing (before the nodes' copies are made).
set -eu
cd "$(dirname "$0")/../../.."
PORT_OFFSET=${PORT_OFFSET:-500}
PORT_OFFSET_B=${PORT_OFFSET_B:-$((PORT_OFFSET + 10))}
EXTRA_PORT_RANGE=${EXTRA_PORT_RANGE:-18400-18499}
SIZES=${SIZES:-10000}
HEAP=${HEAP:--Xmx512m}
OUT=${OUT:-$(mktemp -d /tmp/eobatch-cluster.XXXX)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SERVER_DB=postgres
. src/test/bench/server.sh
HTTP_PORT_B=$((8080 + PORT_OFFSET_B))

prepare_server
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$HTTP_PORT_B/"; then
    echo "something already listens on 127.0.0.1:$HTTP_PORT_B: choose another PORT_OFFSET_B" >&2
    exit 1
fi
BENCH_USER=${BENCH_USER:-scale-bench}
BENCH_PASSWORD=${BENCH_PASSWORD:-Scale-Bench-pw-1}
export BENCH_USER BENCH_PASSWORD
add_app_user "$BENCH_USER" "$BENCH_PASSWORD" operator
# the benchmark's Java side (io.eobatch.bench.ClusterBench: the database, the ledger's counts) and its classpath
mvn -o -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
BENCH_CP="$(pwd)/target/classes:$(pwd)/target/test-classes:$(cat target/bench.cp)"

A_PID= B_PID= PG_HOLDER= PG_PID=
cleanup() {
    stop_pid "$B_PID" "node B"
    stop_pid "$A_PID" "node A"
    if [ -n "$PG_HOLDER" ]; then
        # the holder's shutdown hook stops PostgreSQL (fast shutdown); wait for the postmaster to end
        stop_pid "$PG_HOLDER" "the PostgreSQL holder JVM"
        i=0
        while [ -n "$PG_PID" ] && kill -0 "$PG_PID" 2>/dev/null && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
        # still there (the hook did not run): the postmaster this script started, if that pid is still a postgres
        if [ -n "$PG_PID" ] && [ "$(cat "/proc/$PG_PID/comm" 2>/dev/null)" = postgres ]; then
            stop_pid "$PG_PID" "PostgreSQL"
        fi
    fi
    if [ "${KEEP:-0}" != 1 ]; then rm -rf "$DATA" "$OUT/postgres/data" "$OUT/node-a" "$OUT/node-b"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# PostgreSQL on the first port of EXTRA_PORT_RANGE that 127.0.0.1 has free
PG_PORT=$(python3 -c '
import socket, sys
lo, hi = (int(x) for x in sys.argv[1].split("-"))
for port in range(lo, hi + 1):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
' "$EXTRA_PORT_RANGE")
[ -n "$PG_PORT" ] || { echo "no free port in $EXTRA_PORT_RANGE" >&2; exit 1; }
DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/eobatch" DB_USER=eobatch DB_PASSWORD=eobatch-Bench-pw-1
export DB_URL DB_USER DB_PASSWORD BENCH_CP
java -Xmx64m -cp "$BENCH_CP" io.eobatch.bench.ClusterBench postgres "$OUT/postgres/data" "$PG_PORT" "$DB_PASSWORD" \
    >"$OUT/postgres.out" 2>&1 </dev/null &
PG_HOLDER=$!
i=0
until grep -q "ready in" "$OUT/postgres.out" 2>/dev/null; do
    i=$((i + 1))
    [ $i -gt 180 ] && { echo "PostgreSQL not up after 180 s, see $OUT/postgres.out" >&2; exit 1; }
    kill -0 "$PG_HOLDER" 2>/dev/null || { echo "PostgreSQL did not start, see $OUT/postgres.out" >&2; exit 1; }
    sleep 1
done
PG_PID=$(head -1 "$OUT/postgres/data/postmaster.pid")
echo "PostgreSQL pid $PG_PID on 127.0.0.1:$PG_PORT (holder JVM pid $PG_HOLDER)"

rm -rf "$DATA"
mkdir -p "$DATA"
# start_node VAR NAME PORT_OFFSET: a node from a copy of the server's standalone folder; its pid into VAR at once
start_node() {
    var=$1 name=$2 offset=$3
    base="$OUT/$name"
    rm -rf "$base"
    mkdir -p "$base/data"
    cp -a target/server/standalone/configuration target/server/standalone/deployments "$base/"
    if [ -d target/server/standalone/data/content ]; then cp -a target/server/standalone/data/content "$base/data/"; fi
    pidfile="$OUT/$name.pid"
    rm -f "$pidfile"
    # JBOSS_JAVA_SIZING: the heap (standalone.conf); LAUNCH_JBOSS_IN_BACKGROUND + JBOSS_PIDFILE: the JVM's pid
    EOBATCH_DATA_DIR="$DATA" EOBATCH_DB_URL="$DB_URL" EOBATCH_DB_USER="$DB_USER" EOBATCH_DB_PASSWORD="$DB_PASSWORD" \
        EOBATCH_CLUSTER_ENABLED=true EOBATCH_NODE_ID="$name" \
        JBOSS_JAVA_SIZING="-Xms64m $HEAP" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$pidfile" \
        target/server/bin/standalone.sh -b 127.0.0.1 -bmanagement 127.0.0.1 -Djboss.server.base.dir="$base" \
        -Djboss.socket.binding.port-offset="$offset" -Djboss.tx.node.id="$name" >"$OUT/$name.out" 2>&1 </dev/null &
    await_server "$var" "$name" "$pidfile" $((8080 + offset)) "$BENCH_USER" "$BENCH_PASSWORD" "$OUT/$name.out"
    eval "pid=\$$var"
    echo "$name: $(jcmd "$pid" VM.flags 2>/dev/null | tr ' ' '\n' | grep -E 'MaxHeapSize' | tr '\n' ' ')"
}

start_node A_PID node-a "$PORT_OFFSET"
export BASE="http://127.0.0.1:$HTTP_PORT" SERVER_PID="$A_PID" OUT SIZES PG_PID
python3 src/test/bench/cluster.py 1
echo "load average before node B starts: $(cut -d" " -f1-3 /proc/loadavg)"
start_node B_PID node-b "$PORT_OFFSET_B"
if BASE_B="http://127.0.0.1:$HTTP_PORT_B" PID_B="$B_PID" python3 src/test/bench/cluster.py 2; then rc=0; else rc=$?; fi
for n in node-a node-b; do
    echo "lines with OutOfMemoryError in $n's console output: $(grep -c OutOfMemoryError "$OUT/$n.out" || true)"
done
echo "load average after the run: $(cut -d" " -f1-3 /proc/loadavg)"
exit $rc
