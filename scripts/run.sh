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
# Writes need a bearer token: generate one for this run unless INKWELL_TOKEN is set.
export INKWELL_TOKEN=${INKWELL_TOKEN:-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')}
log "API token for this run: $INKWELL_TOKEN"
log "  curl -X POST -H 'Authorization: Bearer $INKWELL_TOKEN' -H 'Content-Type: application/json' \\"
log "       -d '{\"email\": \"alice@example.com\", \"name\": \"Alice\"}' http://localhost:8080/api/users"
# shellcheck disable=SC2046
exec java $(java_opts) -jar app/target/inkwell.jar "$@"
