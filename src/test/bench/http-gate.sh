#!/bin/sh
# What the stac provider's throttle gate adds to each HTTP request when no limit binds: the gate alone, and 16 KiB
# range reads over 127.0.0.1 direct and gated in alternating rounds of one run (about 1 minute).
#
#   sh src/test/bench/http-gate.sh       (from the project directory; JDK 17 and Maven only)
set -eu
mvn -o -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
echo "machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g')"
echo "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"
java -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" io.eobatch.bench.HttpGateBench
echo "load average after the run: $(cut -d" " -f1-3 /proc/loadavg)"
