#!/usr/bin/env bash
# Event pages of a generated 300-page archive: nginx serving the built files, then currents
# serve, one after the other in one run, with wrk -t2 -c64 rotating over the same 200 pages.
# Needs wrk and nginx-light (Debian), target/currents.jar. Usage: bench/serve-pages.sh [DIR]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/tmp/serve-bench}
mkdir -p "$dir" && cd "$dir"
cp "$repo/target/currents.jar" currents.jar
if [ ! -f p300.db ]; then
  /usr/bin/python3 "$repo/../shared/tools/gen_corpus.py" --pages 300 --revisions 4 --events 30 --seed 3 --out p300.xml
  java -Xmx512m -jar currents.jar import --db p300.db p300.xml
fi
[ -d p300-site ] || java -Xmx512m -jar currents.jar build --db p300.db --out p300-site --format html
find p300-site/news -name '*.html' ! -name 'index.html' | sed 's|^p300-site||' | sort | awk 'NR % 15 == 1 && n < 200 { print; n++ }' > paths.txt
cp "$repo/bench/rotate.lua" rotate.lua
sed "s|@DIR@|$dir|g" "$repo/bench/nginx.conf" > nginx.conf

echo "== uptime: $(uptime)"
nginx -c "$dir/nginx.conf" & ngx=$!
sleep 1
wrk -t2 -c64 -d5s -s rotate.lua http://127.0.0.1:8091/ > /dev/null   # warm-up
echo "== nginx (1 worker), uptime: $(uptime)"
wrk -t2 -c64 -d15s --latency -s rotate.lua http://127.0.0.1:8091/
kill "$ngx"; wait "$ngx" 2>/dev/null || true

java -Xmx512m -jar currents.jar serve --db p300.db --port 8092 --access-log "$dir/access.log" & srv=$!
for _ in $(seq 1 60); do curl -fs http://127.0.0.1:8092/healthz >/dev/null && break; sleep 0.5; done
wrk -t2 -c64 -d5s -s rotate.lua http://127.0.0.1:8092/ > /dev/null   # warm-up: plan, cache, JIT
echo "== currents serve (-Xmx512m), uptime: $(uptime)"
wrk -t2 -c64 -d15s --latency -s rotate.lua http://127.0.0.1:8092/
kill "$srv"; wait "$srv" 2>/dev/null || true
