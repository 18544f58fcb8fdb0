#!/usr/bin/env bash
# Runs every module's tests against the project-local PostgreSQL + pgvector, installing whatever is
# missing first (JDK 17, Maven, PostgreSQL, pgvector, PgBouncer, chromium for the browser test), and starts
# the project's PgBouncer and hot standby. Extra arguments
# go to Maven.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOG_TAG=test
. "$ROOT/scripts/lib.sh"
cd "$ROOT"
ensure_java_and_maven
ensure_browser
scripts/db.sh start
# PgBouncer in transaction mode: the REST suites run a second time through it (*ThroughPoolerTest).
scripts/db.sh pooler start
# A hot standby of it: the read-replica suites route reads there (dev.inkwell.app.replicas).
scripts/db.sh replica start
exec mvn -B verify "$@"
