#!/usr/bin/env bash
# One client's /api/search latency for one jar on one archive, to compare two builds in
# alternation (A B A B ...) on the archive of bench/serve-search.sh: serve -Xmx512m, wrk 10 s
# warm-up then 20 s over that script's queries.txt; prints p50, p99, requests and the load.
# Usage: bench/search-ab.sh DIR JAR DB [PORT]   (DIR as given to bench/serve-search.sh)
set -euo pipefail
dir=$1 jar=$(realpath "$2") db=$3 port=${4:-8095}
cd "$dir"
java -Xmx512m -jar "$jar" serve --db "$db" --port "$port" --access-log off >/dev/null 2>&1 & srv=$!
trap 'kill $srv 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done
until curl -fs "http://127.0.0.1:$port/api/search?q=the" >/dev/null; do sleep 0.05; done
wrk -t1 -c1 -d10s -s search.lua "http://127.0.0.1:$port/" >/dev/null
out=$(wrk -t1 -c1 -d20s --latency -s search.lua "http://127.0.0.1:$port/")
echo "$2 $(echo "$out" | grep -E '^ +50%|^ +99%' | tr -s ' ' | tr '\n' ' ')requests=$(echo "$out" | grep -o '[0-9]* requests in' | cut -d' ' -f1) load=$(cut -d' ' -f1 /proc/loadavg)"
