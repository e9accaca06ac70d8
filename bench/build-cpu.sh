#!/usr/bin/env bash
# CPU seconds of each thread of one `currents build` (read from /proc/PID/task/*/stat every
# 0.2 s; the last sample before the JVM exits), as bench/thread-cpu.sh does for an import: for
# comparisons on a loaded machine where wall times mean little.
# Usage: bench/build-cpu.sh JAR DB OUT
# Prints wall, user+sys and peak RSS (/usr/bin/time), the CPU of the main thread ("java") and
# the CPU per thread name (C1/C2 compilers show as "C", GC workers as "GC", day drawing as
# "currents-build", topics as "currents-topics", the plan's relating as "ForkJoinPool").
set -uo pipefail
jar=$1; db=$2; out=$3
tck=$(getconf CLK_TCK)
/usr/bin/time -o /tmp/build-cpu.time -f "%e s wall, %U user %S sys, %M KB" \
    java -Xmx512m -jar "$jar" build --db "$db" --out "$out" >/tmp/build-cpu.out 2>&1 &
sleep 0.3
pid=$(pgrep -n -f "jar $jar build --db $db")
declare -A all
main=0
while kill -0 "$pid" 2>/dev/null; do
  for t in /proc/"$pid"/task/*; do
    n=$(cat "$t"/comm 2>/dev/null) || continue
    s=($(sed 's/.*) //' "$t"/stat 2>/dev/null))
    [ -n "${s[11]:-}" ] || continue
    v=$(( s[11] + s[12] ))
    all[${t##*/}]="$v $n"
    [ "$n" = java ] && [ "$v" -gt "$main" ] && main=$v
  done
  sleep 0.2
done
wait
echo "$jar: $(cat /tmp/build-cpu.time); main thread $(echo "scale=2; $main/$tck" | bc) s CPU; load $(uptime | sed 's/.*average: //')"
grep "^built" /tmp/build-cpu.out
for k in "${!all[@]}"; do echo "${all[$k]}"; done |
    awk -v tck="$tck" '{n=$2; sub(/#.*/,"",n); sub(/[0-9]+$/,"",n); sub(/-worker-$/,"",n); c[n]+=$1} END {for (k in c) if (c[k] > 0) printf "  %s=%.2fs", k, c[k]/tck; print ""}'
