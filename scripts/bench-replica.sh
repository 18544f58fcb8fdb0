#!/usr/bin/env bash
# Reads on the primary only, then routed to the project's hot standby (scripts/bench.sh replica
# [seconds=20]): the HTTP benchmark (bench-http.sh) twice, the second time with
# inkwell.datasource.replica.url, while the standby's replay lag as the primary sees it
# (pg_stat_replication.replay_lag) is sampled every 200 ms. Prints the two runs' JSON lines, each
# with "reads", the transactions the standby served in each run (pg_stat_database on it), and one
# line with the lag.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOG_TAG=bench-replica
. "$ROOT/scripts/lib.sh"
cd "$ROOT"
SECONDS_PER_ROUTE=${1:-20}
scripts/db.sh replica start
LAG_FILE=$(mktemp)
trap 'rm -f "$LAG_FILE"' EXIT

# Transactions the standby committed in the benchmark's database (its statistics, flushed within ~10 s).
standby_transactions() {
  sleep 11
  psql -X -q -h 127.0.0.1 -p 54330 -U inkwell -d postgres -tAc \
    "SELECT pg_stat_clear_snapshot(); SELECT COALESCE(sum(xact_commit), 0) FROM pg_stat_database WHERE datname = 'inkwell_bench_http'" | tail -1
}

log "reads on the primary"
scripts/bench-http.sh "$SECONDS_PER_ROUTE" | grep -o '{"route".*' | sed 's/^{/{"reads": "primary", /'
echo "{\"reads\": \"primary\", \"standbyTransactions\": $(standby_transactions)}"

log "reads routed to the standby, its replay lag sampled"
( while :; do
    psql -X -q -h 127.0.0.1 -p 54329 -U inkwell -d postgres -tAc \
      "SELECT COALESCE(EXTRACT(EPOCH FROM replay_lag) * 1000, 0) FROM pg_stat_replication WHERE application_name = 'inkwell_replica'" \
      >> "$LAG_FILE" 2>/dev/null || true
    sleep 0.2
  done ) &
SAMPLER=$!
scripts/bench-http.sh "$SECONDS_PER_ROUTE" --inkwell.datasource.replica.url=jdbc:postgresql://127.0.0.1:54330/inkwell_bench_http \
  | grep -o '{"route".*' | sed 's/^{/{"reads": "standby", /'
kill "$SAMPLER" 2>/dev/null || true
echo "{\"reads\": \"standby\", \"standbyTransactions\": $(standby_transactions)}"
sort -n "$LAG_FILE" | awk '$1 != "" {v[n++] = $1} END {
  if (n == 0) { print "{\"replayLagMs\": null}"; exit }
  printf "{\"replayLagMs\": {\"samples\": %d, \"p50\": %.2f, \"p99\": %.2f, \"max\": %.2f}}\n", n, v[int(n * 0.5)], v[int(n * 0.99)], v[n - 1] }'
