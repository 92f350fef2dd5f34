#!/bin/sh
# The load benchmark of issue 10 point 6: 50 concurrent authenticated clients on 127.0.0.1 against one server while
# a job runs, mixing reads (executions list, one execution, items, statistics CSV, STAC), estimates and launches;
# latency percentiles (p50/p95/p99/max) per endpoint, errors, and the end of every execution launched (load.py).
#
#   sh src/test/bench/load.sh        (from the project directory; JDK 17, Maven, python3, curl)
#
# Settings (environment): PORT_OFFSET (1500: HTTP 9580, management 11490), CLIENTS (50), OPERATORS (10 of them; the
# others are viewers and only read), DURATION (120 s of load), HEAP (-Xmx1g), OUT (where server.out and load.json
# go, default a fresh /tmp/eobatch-load.XXXX), KEEP=1 (keep the data dir).
# After the run it prints the datasource pool's high-water marks and waits and the batch thread pool's (read with
# the server's jboss-cli.sh on the management port; the server runs with -Dwildfly.statistics-enabled=true).
# Users: bench-operator and bench-viewer are added to the provisioned server's application realm with its own
# bin/add-user.sh (as the build adds the ITs' users). The server gets a fresh data directory, listens on 127.0.0.1
# only, and is stopped by its pid when the script ends (also on error or Ctrl-C).
set -eu
cd "$(dirname "$0")/../../.."
PORT_OFFSET=${PORT_OFFSET:-1500}
HTTP_PORT=$((8080 + PORT_OFFSET))
OUT=${OUT:-$(mktemp -d /tmp/eobatch-load.XXXX)}
mkdir -p "$OUT"

if [ ! -f target/server/standalone/deployments/eobatch.war ] || [ ! -x target/server/bin/standalone.sh ] \
        || [ -n "$(find src/main pom.xml batch-jobs wildfly-config -newer target/server/standalone/deployments/eobatch.war -type f 2>/dev/null | head -1)" ]; then
    echo "building and provisioning the server (mvn -B -o package -DskipTests)"
    mvn -B -o -q package -DskipTests
fi
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$HTTP_PORT/"; then
    echo "something already listens on 127.0.0.1:$HTTP_PORT: choose another PORT_OFFSET" >&2
    exit 1
fi
OPERATOR_USER=bench-operator OPERATOR_PASSWORD=bench-Op-1 VIEWER_USER=bench-viewer VIEWER_PASSWORD=bench-View-1
target/server/bin/add-user.sh -a -s -u "$OPERATOR_USER" -p "$OPERATOR_PASSWORD" -g operator
target/server/bin/add-user.sh -a -s -u "$VIEWER_USER" -p "$VIEWER_PASSWORD" -g viewer

echo "machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g'), $(free -g | awk '/Mem:/ {print $2}') GiB"
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

# standalone.conf takes the heap from JBOSS_JAVA_SIZING; LAUNCH_JBOSS_IN_BACKGROUND + JBOSS_PIDFILE give the JVM's pid
EOBATCH_DATA_DIR="$DATA" JBOSS_JAVA_SIZING="-Xms64m ${HEAP:--Xmx1g}" LAUNCH_JBOSS_IN_BACKGROUND=1 \
    JBOSS_PIDFILE="$PIDFILE" target/server/bin/standalone.sh -b 127.0.0.1 -bmanagement 127.0.0.1 \
    -Djboss.socket.binding.port-offset="$PORT_OFFSET" -Dwildfly.statistics-enabled=true >"$OUT/server.out" 2>&1 &
i=0
until [ -s "$PIDFILE" ]; do
    i=$((i + 1)); [ $i -gt 60 ] && { echo "no server pid after 60 s, see $OUT/server.out" >&2; exit 1; }; sleep 1
done
SERVER_PID=$(cat "$PIDFILE")
echo "server pid $SERVER_PID, http://127.0.0.1:$HTTP_PORT"
i=0
until curl -s -o /dev/null -f --max-time 5 -u "$VIEWER_USER:$VIEWER_PASSWORD" "http://127.0.0.1:$HTTP_PORT/api/jobs"; do
    i=$((i + 1))
    [ $i -gt 240 ] && { echo "server not up after 240 s, see $OUT/server.out" >&2; exit 1; }
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died, see $OUT/server.out" >&2; exit 1; }
    sleep 1
done
echo "server up after ${i} s"
# The datasource pool's statistics (high-water marks, waits) for the report: switched on in the running server only
# (a runtime attribute; nothing is written to its configuration).
CLI="target/server/bin/jboss-cli.sh --connect --controller=127.0.0.1:$((9990 + PORT_OFFSET))"
POOL=/subsystem=datasources/data-source=EobatchDS
$CLI --command="$POOL/statistics=pool:write-attribute(name=statistics-enabled, value=true)" >/dev/null

status=0
BASE="http://127.0.0.1:$HTTP_PORT" OUT="$OUT" OPERATOR_USER="$OPERATOR_USER" OPERATOR_PASSWORD="$OPERATOR_PASSWORD" \
    VIEWER_USER="$VIEWER_USER" VIEWER_PASSWORD="$VIEWER_PASSWORD" python3 src/test/bench/load.py || status=$?
echo "datasource pool EobatchDS (max-pool-size 30) after the run:"
$CLI --command="$POOL/statistics=pool:read-resource(include-runtime=true)" \
    | grep -E '"(ActiveCount|MaxUsedCount|MaxWaitTime|WaitCount|TimedOut|TotalBlockingTime|BlockingFailureCount)"' || true
echo "batch thread pool after the run:"
$CLI --command="/subsystem=batch-jberet/thread-pool=batch:read-resource(include-runtime=true)" \
    | grep -E '"(max-threads|largest-thread-count|queue-size|rejected-count|completed-task-count)"' || true
echo "server console: $(grep -c ' ERROR ' "$OUT/server.out" || true) ERROR lines, $(grep -c OutOfMemoryError "$OUT/server.out" || true) OutOfMemoryError lines"
grep ' ERROR ' "$OUT/server.out" | cut -c1-300 | sort | uniq -c | sort -rn | head -10 || true
echo "load average after the run: $(cut -d" " -f1-3 /proc/loadavg)"
exit $status
