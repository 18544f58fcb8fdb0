#!/usr/bin/env bash
# Mixed read/write load against the running jar on loopback, then a check that the database holds
# exactly what the successful responses claimed. Usage: scripts/load.sh [seconds=60] [clients=32]
# Starts the local database if needed, builds and starts the jar on port 18080, stops it afterwards.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOG_TAG=load
. "$ROOT/scripts/lib.sh"
cd "$ROOT"
SECONDS_TO_RUN=${1:-60}
CLIENTS=${2:-32}
PORT=18080
ensure_java_and_maven
scripts/db.sh start
mvn -B -q -DskipTests -pl app,load -am package
TOKEN=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
java -jar app/target/inkwell.jar --server.port=$PORT --inkwell.security.token="$TOKEN" > target-load-service.log 2>&1 &
SERVICE=$!
trap 'kill -TERM $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
log "running $CLIENTS clients for $SECONDS_TO_RUN s against http://127.0.0.1:$PORT"
java -jar load/target/inkwell-load.jar --url "http://127.0.0.1:$PORT" --token "$TOKEN" \
  --clients "$CLIENTS" --seconds "$SECONDS_TO_RUN"
