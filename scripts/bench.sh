#!/usr/bin/env bash
# Benchmarks that print figures (JSON). Usage: scripts/bench.sh [data|vectors|search] [--quick] [--split-cores]  (data = W1..W9)
#                                            or scripts/bench.sh http [seconds per route] [--jar-option=value ...]  (the jar, wrk)
#                                            or scripts/bench.sh replica [seconds per route]  (http, reads on the primary, then on the standby)
# Starts the local database if needed and runs against a database of its own (inkwell_bench,
# inkwell_bench_http), dropped and created again each run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOG_TAG=bench
. "$ROOT/scripts/lib.sh"
cd "$ROOT"
if [ "${1:-}" = http ]; then
  shift
  exec scripts/bench-http.sh "$@"
fi
if [ "${1:-}" = replica ]; then
  shift
  exec scripts/bench-replica.sh "$@"
fi
# --split-cores: the database on the upper half of the cores, the JVM and pgbench on the lower half,
# as when the service and its database run on machines of their own; by default all share them all.
split=false
args=()
for a in "$@"; do if [ "$a" = --split-cores ]; then split=true; else args+=("$a"); fi; done
ensure_java_and_maven
scripts/db.sh start
log "building the benchmark jar"
mvn -B -q -DskipTests -pl bench -am install >&2  # stdout is the JSON report
# The JVM options the service runs with (scripts/lib.sh).
# shellcheck disable=SC2046
if ! $split; then exec java $(java_opts) -jar bench/target/inkwell-bench.jar "${args[@]}"; fi
cores=$(nproc --all)
[ "$cores" -ge 2 ] || die "--split-cores needs two cores or more"
half=$((cores / 2))
client="0-$((half - 1))" database="$half-$((cores - 1))"
[ "$half" -gt 1 ] || client=0
[ $((cores - half)) -gt 1 ] || database=$half
scripts/db.sh pin "$database"
trap 'scripts/db.sh pin 0-$((cores - 1))' EXIT
# G1, which the JVM picks on two cores or more and so runs the service, not the serial collector it
# would pick on one.
# shellcheck disable=SC2046
taskset -c "$client" java $(java_opts) -XX:+UseG1GC -Dbench.cores="client $client, database $database" \
  -jar bench/target/inkwell-bench.jar "${args[@]}"
