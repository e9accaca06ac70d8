#!/usr/bin/env bash
# CPU seconds of each thread of one `currents import` (read from /proc/PID/task/*/stat every
# 0.2 s; the last sample before the JVM exits), for comparisons on a loaded machine where wall
# times mean little. Usage: bench/thread-cpu.sh JAR DB [EXPORT.xml (default /tmp/large.xml)]
# Prints wall, user+sys and peak RSS (/usr/bin/time), the CPU of the threads "java" (main) and
# "currents-read", and the CPU per thread name (C1/C2 compilers show as "C", GC workers as "GC").
set -uo pipefail
jar=$1; db=$2; xml=${3:-/tmp/large.xml}
rm -f "$db" "$db-wal" "$db-shm"
tck=$(getconf CLK_TCK)
/usr/bin/time -o /tmp/thread-cpu.time -f "%e s wall, %U user %S sys, %M KB" \
    java -Xmx512m -jar "$jar" import --db "$db" "$xml" >/tmp/thread-cpu.out 2>/dev/null &
sleep 0.5
pid=$(pgrep -n -f "jar $jar import --db $db")
declare -A cpu all
while kill -0 "$pid" 2>/dev/null; do
  for t in /proc/"$pid"/task/*; do
    n=$(cat "$t"/comm 2>/dev/null) || continue
    s=($(sed 's/.*) //' "$t"/stat 2>/dev/null))
    [ -n "${s[11]:-}" ] || continue
    v=$(( s[11] + s[12] ))
    all[${t##*/}]="$v $n"
    case "$n" in java|currents-read) [ "$v" -gt "${cpu[$n]:-0}" ] && cpu[$n]=$v;; esac
  done
  sleep 0.2
done
wait
echo "$jar: $(cat /tmp/thread-cpu.time); main thread $(echo "scale=1; ${cpu[java]:-0}/$tck" | bc) s CPU," \
     "currents-read $(echo "scale=1; ${cpu[currents-read]:-0}/$tck" | bc) s CPU; load $(uptime | sed 's/.*average: //')"
for k in "${!all[@]}"; do echo "${all[$k]}"; done |
    awk -v tck="$tck" '{n=$2; sub(/#.*/,"",n); sub(/[0-9]+$/,"",n); c[n]+=$1} END {for (k in c) if (c[k] > 0) printf "  %s=%.1fs", k, c[k]/tck; print ""}'
