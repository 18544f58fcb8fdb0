# Shared by the scripts in this folder: logging and installing Debian packages as root or via sudo.
log() { printf '[%s] %s\n' "${LOG_TAG:-inkwell}" "$*" >&2; }
die() { printf '[%s] error: %s\n' "${LOG_TAG:-inkwell}" "$*" >&2; exit 1; }

# Root runs package installs directly; a normal user needs sudo for them (and only for them).
as_admin() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "'$*' needs root: install it yourself, or run as root"; fi
}

apt_updated=false
apt_update_once() { $apt_updated || { as_admin apt-get update -qq; apt_updated=true; }; }
apt_install() {
  command -v apt-get >/dev/null || die "cannot install $* here: not a Debian/Ubuntu machine"
  apt_update_once
  as_admin env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# JDK 17+ and Maven, from the distribution when missing.
ensure_java_and_maven() {
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  if [ -z "$v" ] || [ "${v%%.*}" -lt 17 ] || ! command -v javac >/dev/null; then
    log "installing a JDK 17"
    apt_install openjdk-17-jdk-headless
  fi
  command -v mvn >/dev/null || { log "installing Maven"; apt_install maven; }
}

# Debian's chromium and chromedriver (the Swagger UI browser test) and curl (docs/from-sequelize.md).
ensure_browser() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing chromium and chromedriver (browser test)"
    apt_install chromium chromium-driver
  fi
  command -v curl >/dev/null || apt_install curl
}

# The JVM options of the service and of the benchmarks that measure it (INKWELL_JAVA_OPTS replaces
# them): a heap of fixed size, every page of it touched at start-up. Otherwise the heap grows for the
# first minutes of traffic, and each page it grows into costs the thread that first writes to it a
# kernel page fault (docs/benchmarks.md: 15-50 % of the benchmark paths' CPU in a default JVM).
java_opts() { echo "${INKWELL_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}"; }

# start_service PORT LOGFILE [jar options...]: starts app/target/inkwell.jar on PORT with a fresh
# bearer token (in $TOKEN), stops it when the calling script exits, and waits until it is healthy.
start_service() {
  local port=$1 logfile=$2
  shift 2
  TOKEN=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  # shellcheck disable=SC2046
  java $(java_opts) -jar app/target/inkwell.jar --server.port="$port" --inkwell.security.token="$TOKEN" "$@" > "$logfile" 2>&1 &
  SERVICE=$!
  trap 'kill -TERM $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  die "the service did not start: see $logfile"
}
