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
# The server (started by server.sh) gets a fresh data directory (EOBATCH_DATA_DIR) under OUT, listens on 127.0.0.1
# only, and is stopped by its pid when the script ends (also on error or Ctrl-C).
# The driver logs in as BENCH_USER (default scale-bench), an operator this script adds to the server's
# application realm with bin/add-user.sh when it is missing.
set -eu
cd "$(dirname "$0")/../../.."
PORT_OFFSET=${PORT_OFFSET:-300}
OUT=${OUT:-$(mktemp -d /tmp/eobatch-scale.XXXX)}
mkdir -p "$OUT"
if [ "${LARGE:-0}" = 1 ]; then SIZES=${SIZES:-"1000 10000 100000"}; else SIZES=${SIZES:-"1000 10000"}; fi
. src/test/bench/server.sh

prepare_server
# the operator the driver logs in as (HTTP Basic), added to the server's application realm once
BENCH_USER=${BENCH_USER:-scale-bench}
BENCH_PASSWORD=${BENCH_PASSWORD:-Scale-Bench-pw-1}
export BENCH_USER BENCH_PASSWORD
add_app_user "$BENCH_USER" "$BENCH_PASSWORD" operator
start_server -Xmx512m "$BENCH_USER" "$BENCH_PASSWORD"
echo "heap: $(jcmd "$SERVER_PID" VM.flags 2>/dev/null | tr ' ' '\n' | grep -E 'MaxHeapSize|Use.*GC$' | tr '\n' ' ')"

BASE="http://127.0.0.1:$HTTP_PORT" SERVER_PID="$SERVER_PID" OUT="$OUT" SIZES="$SIZES" PROFILE="${PROFILE:-0}" \
    python3 src/test/bench/scale.py
echo "lines with OutOfMemoryError in the server's console output: $(grep -c OutOfMemoryError "$OUT/server.out" || true)"
echo "load average after the run: $(cut -d" " -f1-3 /proc/loadavg)"
