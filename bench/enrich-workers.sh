#!/bin/sh
# Enrich throughput with 1, 2 and 4 worker processes sharing one SQLite archive (issue 9),
# against a local server answering each page after 50 ms. Two settings:
#   scaling:    1200 URLs on 100 hosts, delay 100 ms (politeness allows 1000 pages/s), each
#               worker at --concurrency 2 (at most 2 x 1000/50 = 40 pages/s per worker)
#   politeness: 400 URLs on 4 hosts, delay 100 ms (politeness allows 40 pages/s in all),
#               each worker at --concurrency 2
# Usage: bench/enrich-workers.sh   (from the project root; compiles the tests first)
set -eu
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
uptime
echo "scaling: 1200 URLs, 100 hosts, 50 ms responses, delay 100ms, concurrency 2 per worker"
java -cp "$CP" org.currents.cli.EnrichWorkersBench 1200 100 50 100ms 2 1 2 4
uptime
echo "politeness binds: 400 URLs, 4 hosts, 50 ms responses, delay 100ms, concurrency 2 per worker"
java -cp "$CP" org.currents.cli.EnrichWorkersBench 400 4 50 100ms 2 1 2 4
uptime
