#!/bin/sh
# The scale benchmark of issue 11: aoi-statistics over sets of 1k, 10k (and with LARGE=1 100k) synthetic AOIs on
# the embedded demo catalog, June 2023, 4 partitions, on the provisioned server started here with -Xmx512m.
# Reports per size: items, plan / fetch / summarize seconds, items/s of the fetch step, peak used heap of the JVM
# (jstat -gc every second: S0U+S1U+EU+OU) and the time of the main read endpoints on the finished run.
#
#   sh src/test/bench/scale.sh             (from the project directory; JDK 17, Maven, python3, curl)
#   LARGE=1 sh src/test/bench/scale.sh     (+ 100k AOIs; its run is stopped after DEADLINE_100K s, default 2700)
#
# Settings (environment): PORT_OFFSET (300: HTTP 8380, management 10290), SIZES (overrides the sizes, e.g.
# "1000"), OUT (where the JSON and table go, default a fresh /tmp/eobatch-scale.XXXX), PROFILE=1 (a JFR recording
# of each size's run into OUT, read with `jfr print --events jdk.ExecutionSample`), KEEP=1 (keep the data dir).
# The server gets a fresh data directory (EOBATCH_DATA_DIR) under OUT, listens on 127.0.0.1 only, and is stopped
# by its pid when the script ends (also on error or Ctrl-C).
# The driver logs in as BENCH_USER (default scale-bench), an operator this script adds to the server's
# application realm with bin/add-user.sh when it is missing.
set -eu
cd "$(dirname "$0")/../../.."
PORT_OFFSET=${PORT_OFFSET:-300}
HTTP_PORT=$((8080 + PORT_OFFSET))
OUT=${OUT:-$(mktemp -d /tmp/eobatch-scale.XXXX)}
mkdir -p "$OUT"
if [ "${LARGE:-0}" = 1 ]; then SIZES=${SIZES:-"1000 10000 100000"}; else SIZES=${SIZES:-"1000 10000"}; fi

if [ ! -f target/server/standalone/deployments/eobatch.war ] || [ ! -x target/server/bin/standalone.sh ] \
        || [ -n "$(find src/main pom.xml batch-jobs wildfly-config -newer target/server/standalone/deployments/eobatch.war -type f 2>/dev/null | head -1)" ]; then
    echo "building and provisioning the server (mvn -B -o package -DskipTests)"
    mvn -B -o -q package -DskipTests
fi
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$HTTP_PORT/"; then
    echo "something already listens on 127.0.0.1:$HTTP_PORT: choose another PORT_OFFSET" >&2
    exit 1
fi

echo "machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g')"
echo "java: $(java -version 2>&1 | head -1)"
echo "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"
echo "output: $OUT"

DATA="$OUT/data"
rm -rf "$DATA"
mkdir -p "$DATA"
PIDFILE="$OUT/server.pid"
SERVER_PID=
stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "stopping the server (pid $SERVER_PID)"
        kill "$SERVER_PID"
        i=0
        while kill -0 "$SERVER_PID" 2>/dev/null && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
        kill -0 "$SERVER_PID" 2>/dev/null && kill -9 "$SERVER_PID" || true
    fi
    if [ "${KEEP:-0}" != 1 ]; then rm -rf "$DATA"; fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# the operator the driver logs in as (HTTP Basic), added to the server's application realm once
BENCH_USER=${BENCH_USER:-scale-bench}
BENCH_PASSWORD=${BENCH_PASSWORD:-Scale-Bench-pw-1}
export BENCH_USER BENCH_PASSWORD
if ! grep -q "^$BENCH_USER=" target/server/standalone/configuration/application-users.properties 2>/dev/null; then
    target/server/bin/add-user.sh -a -s -u "$BENCH_USER" -p "$BENCH_PASSWORD" -g operator
fi

# standalone.conf takes the heap from JBOSS_JAVA_SIZING; LAUNCH_JBOSS_IN_BACKGROUND + JBOSS_PIDFILE give the JVM's pid
EOBATCH_DATA_DIR="$DATA" JBOSS_JAVA_SIZING="-Xms64m -Xmx512m" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$PIDFILE" \
    target/server/bin/standalone.sh -b 127.0.0.1 -bmanagement 127.0.0.1 \
    -Djboss.socket.binding.port-offset="$PORT_OFFSET" >"$OUT/server.out" 2>&1 &
i=0
until [ -s "$PIDFILE" ]; do
    i=$((i + 1)); [ $i -gt 60 ] && { echo "no server pid after 60 s, see $OUT/server.out" >&2; exit 1; }; sleep 1
done
SERVER_PID=$(cat "$PIDFILE")
echo "server pid $SERVER_PID, http://127.0.0.1:$HTTP_PORT"
i=0
until curl -s -o /dev/null -f --max-time 5 -u "$BENCH_USER:$BENCH_PASSWORD" "http://127.0.0.1:$HTTP_PORT/api/jobs"; do
    i=$((i + 1))
    [ $i -gt 240 ] && { echo "server not up after 240 s, see $OUT/server.out" >&2; exit 1; }
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died, see $OUT/server.out" >&2; exit 1; }
    sleep 1
done
echo "server up after ${i} s; heap: $(jcmd "$SERVER_PID" VM.flags 2>/dev/null | tr ' ' '\n' | grep -E 'MaxHeapSize|Use.*GC$' | tr '\n' ' ')"

BASE="http://127.0.0.1:$HTTP_PORT" SERVER_PID="$SERVER_PID" OUT="$OUT" SIZES="$SIZES" PROFILE="${PROFILE:-0}" \
    python3 src/test/bench/scale.py
echo "lines with OutOfMemoryError in the server's console output: $(grep -c OutOfMemoryError "$OUT/server.out" || true)"
echo "load average after the run: $(cut -d" " -f1-3 /proc/loadavg)"
