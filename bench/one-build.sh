#!/usr/bin/env bash
# One new revision, imported and built, from the same starting point every run: copies
# $DIR/base0.db and $DIR/site0 (an archive imported and built once), imports $DIR/one2.xml
# (bench/one_more.py) and builds incrementally into the copy, printing wall, CPU and peak RSS
# of each step and the build's summary line. For A/B runs of two jars, alternated.
# Usage: bench/one-build.sh JAR [java options...]   (DIR defaults to /tmp/b, SITE0 to site0)
set -euo pipefail
jar=$1; shift
dir=${DIR:-/tmp/b}
cd "$dir"
rm -rf t.db t.db-wal t.db-shm t.db.lock tsite
cp base0.db t.db
cp -a "${SITE0:-site0}" tsite
/usr/bin/time -f "import: %e s wall, %U user %S sys, %M KB" \
    java -Xmx512m "$@" -jar "$jar" import --db t.db one2.xml 2>&1 | tail -1
/usr/bin/time -f "build: %e s wall, %U user %S sys, %M KB" \
    java -Xmx512m "$@" -jar "$jar" build --db t.db --out tsite 2>&1 | grep -E "^built|^build: [0-9.]+ s wall"
