#!/bin/sh
# Cost of one admission through a provider throttle: in the JVM (one node) against the limits across nodes kept in
# the database (DatabaseLimits) on H2 and on an embedded PostgreSQL started on a free port of 127.0.0.1.
#
#   sh src/test/bench/limiter.sh        (from the project directory; about a minute)
#
# Needs JDK 17 and Maven (offline once the dependencies are cached). Prints a Markdown table for BENCHMARKS.md
# ("Provider limits across nodes").
set -eu
mvn -o -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
echo "machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g')"
echo "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"
java -cp "target/classes:target/test-classes:$(cat target/bench.cp)" io.eobatch.bench.LimiterBench 2>/dev/null
echo "load average after the run: $(cut -d" " -f1-3 /proc/loadavg)"
