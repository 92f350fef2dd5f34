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
# bin/add-user.sh (as the build adds the ITs' users) when missing. The server (started by server.sh) gets a fresh
# data directory, listens on 127.0.0.1 only, and is stopped by its pid when the script ends (also on error or Ctrl-C).
set -eu
cd "$(dirname "$0")/../../.."
PORT_OFFSET=${PORT_OFFSET:-1500}
OUT=${OUT:-$(mktemp -d /tmp/eobatch-load.XXXX)}
mkdir -p "$OUT"
. src/test/bench/server.sh

prepare_server
OPERATOR_USER=bench-operator OPERATOR_PASSWORD=bench-Op-1 VIEWER_USER=bench-viewer VIEWER_PASSWORD=bench-View-1
add_app_user "$OPERATOR_USER" "$OPERATOR_PASSWORD" operator
add_app_user "$VIEWER_USER" "$VIEWER_PASSWORD" viewer
start_server "${HEAP:--Xmx1g}" "$VIEWER_USER" "$VIEWER_PASSWORD" -Dwildfly.statistics-enabled=true
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
