#!/bin/sh
# Provider throttle benchmark: eobatch's shared Throttle against the seed's fixed pool of 5 threads, in one run,
# against a loopback stub on 127.0.0.1 with a fixed 50 ms latency (about 70 s; stops by itself).
#
#   sh src/test/bench/throttle.sh [seedItems freeItems boundItems]     (from the project directory)
#
# Needs only JDK 17 and Maven (offline is fine once dependencies are cached). Prints a Markdown table for
# BENCHMARKS.md ("Provider throttle") and exits 1 if eobatch misses 0.95 x N / latency, or the stub saw more than
# N = 8 calls in flight or more than R = 200 calls in any 20 s window.
set -eu
mvn -o -q -B test-compile
echo "machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g')"
echo "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"
java -cp target/classes:target/test-classes io.eobatch.bench.ThrottleBench "$@"
echo "load average after the run: $(cut -d" " -f1-3 /proc/loadavg)"
