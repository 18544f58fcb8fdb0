#!/usr/bin/env bash
# HTTP benchmark of the deployed jar (scripts/bench.sh http [seconds=20] [--jar-option=value ...]): starts
# target/inkwell.jar (with its default settings, or the options given) on
# a database of its own (inkwell_bench_http, created again each run, seeded with plain SQL), then runs
# Debian's wrk against six routes and the HTTP stack's floor, 32 connections each, after an untimed warm-up pass over all of them;
# each route is measured once the service's worker has embedded the posts written before it.
# Prints one JSON line per route: requests/s, p50 and p99 in ms, non-2xx responses, socket errors, requests,
# the service's CPU per request (µs) and the posts still waiting to be embedded when the route began.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOG_TAG=bench-http
. "$ROOT/scripts/lib.sh"
cd "$ROOT"
SECONDS_PER_ROUTE=${1:-20}
shift || true
CONNECTIONS=32
PORT=18081
DB=inkwell_bench_http
ensure_java_and_maven
command -v wrk >/dev/null || { log "installing wrk"; apt_install wrk; }
scripts/db.sh start
PSQL=(psql -X -q -h 127.0.0.1 -p 54329 -U inkwell -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d "$DB" -c "CREATE EXTENSION vector"
log "building the service jar"
mvn -B -q -DskipTests -pl app -am package >&2
start_service $PORT target-bench-http.log --spring.datasource.url="jdbc:postgresql://127.0.0.1:54329/$DB" "$@"

log "seeding 1,000 users with 5 posts each, 2 tags per post, 10,000 embeddings"
"${PSQL[@]}" -d "$DB" <<'SQL'
INSERT INTO users (email, name, age) SELECT 'u' || n || '@bench.test', 'User ' || n, 18 + n % 60 FROM generate_series(1, 1000) n;
INSERT INTO tags (name) SELECT 'tag-' || n FROM generate_series(1, 20) n;
INSERT INTO posts (title, content, published, "authorId")
  SELECT 'Post ' || u || '-' || k, 'text', k % 2 = 0, u FROM generate_series(1, 1000) u, generate_series(1, 5) k;
INSERT INTO post_tags ("postId", "tagId") SELECT p.id, 1 + p.id % 20 FROM posts p UNION SELECT p.id, 1 + (p.id + 7) % 20 FROM posts p;
INSERT INTO embeddings (name, embedding)
  SELECT 'e' || n, ('[' || random() || ',' || random() || ',' || random() || ']')::vector FROM generate_series(1, 10000) n;
ANALYZE;
SQL

export WRK_DIR="$ROOT/bench/wrk" TOKEN USERS=1000
CLK_TCK=$(getconf CLK_TCK)
service_cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVICE/stat"; } # utime + stime
# INKWELL_BENCH_ROUTES (an extended regular expression, e.g. search): only the routes it matches, warm-up included.
ROUTES=${INKWELL_BENCH_ROUTES:-.}
# Posts written (the seed, the with-post route) wait in the outbox for the service's worker, whose
# model takes a core while it embeds them: each route is measured once the outbox is empty, or after
# at most 180 s with what it still holds in its line (outboxBacklog). Prints that backlog.
drain_outbox() {
  local left
  for _ in $(seq 1 180); do
    left=$("${PSQL[@]}" -d "$DB" -At -c 'SELECT count(*) FROM post_search_outbox')
    [ "$left" = 0 ] && break
    sleep 1
  done
  echo "$left"
}
PAGE_PATH='/api/users?age%5B%24gte%5D=30&order=-age&size=20'
route() { # PASS SECONDS: every route once; the first pass is the untimed warm-up (JIT, pool, caches)
  local pass=$1 seconds=$2
  measure() { # ROUTE SCRIPT PATH
    grep -Eq -- "$ROUTES" <<<"$1" || return 0
    local out before after requests backlog=0
    [ "$pass" = measured ] && backlog=$(drain_outbox)
    before=$(service_cpu_ticks)
    out=$(ROUTE=$1 wrk -t2 -c$CONNECTIONS -d"${seconds}s" -s "$WRK_DIR/$2" "http://127.0.0.1:$PORT$3" | grep '^{')
    after=$(service_cpu_ticks)
    requests=$(sed -E 's/.*"requests": ([0-9]+).*/\1/' <<<"$out")
    # The service's CPU (all its threads, user and system) per request served: it moves less between
    # runs than the rates do on a machine that wrk and PostgreSQL share.
    [ "$pass" = measured ] && echo "${out%\}}, \"serviceCpuUsPerRequest\": $(( (after - before) * 1000000 / CLK_TCK / (requests > 0 ? requests : 1) )), \"outboxBacklog\": $backlog}"
    return 0
  }
  INCLUDE= measure "GET /api/users/{id}" get-user.lua ""
  INCLUDE=posts.tags measure "GET /api/users/{id}?include=posts.tags" get-user.lua ""
  measure "GET /api/users?age[\$gte]=30&order=-age&size=20" report.lua "$PAGE_PATH"
  # Aged 29, under the page's filter: the page counts the 797 seeded users it matches, not those the
  # warm-up created (with age 30, some 40,000 per 20 s: the count, not the page, was then measured).
  PATH_=/api/users BODY='{"email": "w%d@bench.test", "name": "W", "age": 29}' measure "POST /api/users" post-json.lua ""
  PATH_=/api/embeddings/search BODY='{"vector": [0.5, 0.5, 0.5], "k": 5}' \
    measure "POST /api/embeddings/search (k=5, cosine)" post-json.lua ""
  PATH_=/api/users/with-post BODY='{"user": {"email": "p%d@bench.test", "name": "P"}, "post": {"title": "T", "content": "C"}}' \
    measure "POST /api/users/with-post" post-json.lua ""
  # No database, no authentication, no Inkwell code: the tail of the JVM's HTTP stack itself on this
  # machine, beside which the routes above are read (docs/benchmarks.md, "The HTTP stack's own tail").
  # The liveness probe: /actuator/info, measured until it needed the write token, was another such.
  measure "GET /actuator/health/liveness (no database)" report.lua /actuator/health/liveness
}
# 20 s per route unless INKWELL_BENCH_WARMUP says otherwise: after 5 s each, -XX:+PrintCompilation
# showed the JIT compiling some 5,000 more methods while the routes were measured, and -Xlog:gc* young
# collections copying 18 MB of the warm-up's survivors each (pauses of 22-37 ms, 4-10 once tenured).
WARMUP=${INKWELL_BENCH_WARMUP:-20}
log "warm-up: every route for $WARMUP s"
route warm-up "$WARMUP"
log "measuring: every route for $SECONDS_PER_ROUTE s at $CONNECTIONS connections"
route measured "$SECONDS_PER_ROUTE"
