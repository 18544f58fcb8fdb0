#!/usr/bin/env bash
# Builds and runs the service on http://localhost:8080 against the project-local PostgreSQL + pgvector,
# installing whatever is missing first. Extra arguments go to the jar (e.g. --server.port=9090).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOG_TAG=run
. "$ROOT/scripts/lib.sh"
cd "$ROOT"
ensure_java_and_maven
scripts/db.sh start
log "building the jar"
mvn -B -q -DskipTests -pl app -am package
exec java -jar app/target/inkwell.jar "$@"
