#!/usr/bin/env bash
# Extraction of every event of every revision of one export, currents side by side with the
# peers in ../shared/tools (bare-read floors, mwparserfromhell, wtf_wikipedia), in one run,
# one process at a time. Usage: bench/extractors.sh [EXPORT.xml] (default /tmp/large.xml).
# Needs: Debian python3-mwparserfromhell and time; the node peers installed as ../shared/tools/README.md
# says (cp -r ../shared/tools/node /tmp/peers && (cd /tmp/peers && npm install)).
set -euo pipefail
cd "$(dirname "$0")/.."
xml=${1:-/tmp/large.xml}
export NODE_PATH=${NODE_PATH:-/tmp/peers/node_modules}
mvn -q -B -DskipTests package
mvn -q -B test-compile
echo "== peers (../shared/tools/bench.py, one run each)"
/usr/bin/python3 ../shared/tools/bench.py "$xml" --runs 1 \
    --only "python iterparse,node reader,mwparserfromhell,wtf_wikipedia"
echo "== currents: the bare read (floor), then DayPageParser on every revision in memory (JMH, one core)"
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
taskset -c 0 java -Xmx1g -cp target/currents.jar:target/test-classes org.currents.source.dump.ReadBench read "$xml"
taskset -c 0 java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main \
    'ParserBenchmark.history' -p export="$xml" -p pages=1000000 -jvmArgsAppend -Xmx4g -wi 1 -i 3 -w 1 -r 1
