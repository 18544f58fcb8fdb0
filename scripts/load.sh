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
mvn -B -q -DskipTests -pl app,load -am package >&2
start_service $PORT target-load-service.log
log "running $CLIENTS clients for $SECONDS_TO_RUN s against http://127.0.0.1:$PORT"
java -jar load/target/inkwell-load.jar --url "http://127.0.0.1:$PORT" --token "$TOKEN" \
  --clients "$CLIENTS" --seconds "$SECONDS_TO_RUN"
