#!/bin/sh
# What the outbound rules (policy check, one deadline for headers and body, bounded body, our own redirects) cost a
# COG range read over 127.0.0.1, against the JDK's plain blocking send used before, in alternating rounds of one run
# (about 1 minute).
#
#   sh src/test/bench/outbound.sh       (from the project directory; JDK 17 and Maven only)
set -eu
mvn -o -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
echo "machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g')"
echo "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"
java -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" io.eobatch.bench.OutboundBench
echo "load average after the run: $(cut -d" " -f1-3 /proc/loadavg)"
