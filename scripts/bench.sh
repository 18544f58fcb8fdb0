#!/usr/bin/env bash
# Benchmarks that print figures (JSON). Usage: scripts/bench.sh [data|vectors|search] [--quick]  (data = W1..W9)
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
ensure_java_and_maven
scripts/db.sh start
log "building the benchmark jar"
mvn -B -q -DskipTests -pl bench -am install >&2  # stdout is the JSON report
# The JVM options the service runs with (scripts/lib.sh).
# shellcheck disable=SC2046
exec java $(java_opts) -jar bench/target/inkwell-bench.jar "$@"
