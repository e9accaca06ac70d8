#!/usr/bin/env bash
# Search on a generated archive of ~200k events (6,200 day pages x 10 revisions), and the
# server's start on it. Needs wrk (Debian) and target/currents.jar. Usage: bench/serve-search.sh [DIR]
# DB=postgresql://postgres@127.0.0.1/psbench bench/serve-search.sh [DIR] serves and searches that
# PostgreSQL copy of the archive instead (made with `currents migrate --from e200k.db --to URL`)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/tmp/serve-bench}
mkdir -p "$dir" && cd "$dir"
cp "$repo/target/currents.jar" currents.jar
if [ ! -f e200k.db ]; then
  /usr/bin/python3 "$repo/../shared/tools/gen_corpus.py" --pages 6200 --revisions 10 --events 64 --seed 7 --out e200k.xml
  java -Xmx512m -jar currents.jar import --db e200k.db e200k.xml
fi
cp "$repo/bench/search.lua" search.lua
cat > queries.txt <<'Q'
q=the
q=in
q=of
q=the%20in
q=killing
q=president
q=%22the%20president%22
q=pres*
q=the&from=2010-01-01&to=2012-12-31
q=the&status=removed
q=killing%20OR%20president
q=zzzzqqq
q=the&cursor=MjA
Q
db=${DB:-e200k.db}
if [ "$db" = e200k.db ]; then
  echo "== events: $(sqlite3 e200k.db 'SELECT count(*) FROM events'), versions matching 'the': $(sqlite3 e200k.db "SELECT count(*) FROM search WHERE search MATCH 'the'")"
else
  echo "== $db: events: $(psql -Atq "$db" -c 'SELECT count(*) FROM events'), versions matching 'the': $(psql -Atq "$db" -c "SELECT count(*) FROM search_docs WHERE doc @@ to_tsquery('simple', 'the')")"
fi
echo "== uptime: $(uptime)"
start=$(date +%s%N)
java -Xmx512m -jar currents.jar serve --db "$db" --port 8094 --access-log off & srv=$!
until curl -fs http://127.0.0.1:8094/healthz >/dev/null; do sleep 0.05; done
echo "== start to first /healthz answer: $(( ($(date +%s%N) - start) / 1000000 )) ms"
until curl -fs "http://127.0.0.1:8094/api/search?q=the" >/dev/null; do sleep 0.05; done
wrk -t1 -c1 -d10s -s search.lua http://127.0.0.1:8094/ > /dev/null   # warm-up (JIT, page cache)
# the CPU (user + sys, /proc) of the server's request threads (XNIO I/O and workers) per request
# of a run, the figure that a loaded machine distorts least; the JIT's compiler threads, still
# busy after the warm-up, are left out
cpu() { grep -h '(XNIO' /proc/"$srv"/task/*/stat | sed 's/.*) //' | awk '{s += $12 + $13} END {print s}'; }
run() {
  local c0 n
  c0=$(cpu)
  wrk "$@" -d20s --latency -s search.lua http://127.0.0.1:8094/ | tee wrk.out
  n=$(grep -o '[0-9]* requests in' wrk.out | cut -d' ' -f1)
  echo "server CPU per request: $(echo "scale=2; ($(cpu) - $c0) * 1000 / $(getconf CLK_TCK) / $n" | bc) ms"
}
echo "== search, one client in turn over the queries (no cache hits), uptime: $(uptime)"
run -t1 -c1
echo "== search, 8 clients, uptime: $(uptime)"
run -t2 -c8
kill "$srv"; wait "$srv" 2>/dev/null || true
echo "== in process, each query alone (min and median of 40), uptime: $(uptime)"
java -Xmx512m -cp currents.jar "$repo/bench/SearchTimes.java" "$db" 'the,in,of,the in,killing,president,"the president",pres*,killing OR president,zzzzqqq'
echo "== done, uptime: $(uptime)"
