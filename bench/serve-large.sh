#!/usr/bin/env bash
# Pages of the generated ~200k-event archive served under -Xmx512m (issue 11, the defect of a
# first page that planned the whole site): start to /healthz, then each page cold (first
# request after start) and warm (second request, the page cache cleared by nothing: a hit), with
# the server's CPU seconds per request read from /proc, and the peak RSS from /usr/bin/time -v.
# Needs target/currents.jar and the archive of bench/serve-search.sh (copied, never written).
# Usage: bench/serve-large.sh ARCHIVE.db [PORT]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
db=$1
port=${2:-8095}
tick=$(getconf CLK_TCK)
cpu() { awk -v t="$tick" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
echo "== uptime: $(uptime)"
start=$(date +%s%N)
/usr/bin/time -v -o /tmp/serve-large.time java -Xmx512m ${JFR:-} -jar "$repo/target/currents.jar" serve --db "$db" \
  --port "$port" --access-log off & tpid=$!
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done
echo "== start to first /healthz answer: $(( ($(date +%s%N) - start) / 1000000 )) ms"
jpid=$(pgrep -P "$tpid" java)
echo "== server CPU at /healthz: $(cpu "$jpid") s"
while read -r path; do
  for round in cold warm; do
    before=$(cpu "$jpid")
    out=$(curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}' "http://127.0.0.1:$port$path")
    echo "$path $round: status/bytes/seconds $out, server CPU $(awk -v a="$before" -v b="$(cpu "$jpid")" 'BEGIN { printf "%.2f", b - a }') s, load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
jcmd "$jpid" GC.heap_info | head -3
kill "$jpid"; wait "$tpid" 2>/dev/null || true
grep -E "Maximum resident|Elapsed|User time|System time" /tmp/serve-large.time
