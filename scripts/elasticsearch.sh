#!/usr/bin/env bash
# Start or stop the project's own Elasticsearch node on 127.0.0.1.
#
#   scripts/elasticsearch.sh start   fetch (once), unpack (once), start, wait for yellow
#   scripts/elasticsearch.sh stop    stop exactly the node this script started
#   scripts/elasticsearch.sh status
#
# The distribution is the bare server published on Maven Central as
# org.elasticsearch.distribution.integ-test-zip (no optional modules), so the
# project's mapping can only use what every cluster has.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ES_VERSION=${ES_VERSION:-8.19.21}
ES_PORT=${ES_PORT:-9200}
ES_HEAP=${ES_HEAP:-1g}
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
CACHE_DIR="$ROOT/.cache/elasticsearch"
HOME_DIR="$CACHE_DIR/elasticsearch-$ES_VERSION"
VAR_DIR="$ROOT/var/elasticsearch"
PID_FILE="$VAR_DIR/es.pid"
URL="http://127.0.0.1:$ES_PORT"
# Elasticsearch refuses to run as root; as root we run it as this system user.
ES_USER=${ES_USER:-casebase-es}

log() { echo "[elasticsearch] $*" >&2; }

running_pid() {
    [ -f "$PID_FILE" ] || return 1
    local pid
    pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# The newest JDK (17 or later) on the machine, unless ES_JAVA_HOME says otherwise.
find_java_home() {
    if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
    local best="" best_major=0 dir major
    for dir in /usr/lib/jvm/*/ ${JAVA_HOME:+"$JAVA_HOME/"}; do
        [ -x "$dir/bin/java" ] || continue
        major=$("$dir/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
        if [ -n "$major" ] && [ "$major" -ge 17 ] && [ "$major" -gt "$best_major" ]; then
            best=${dir%/}; best_major=$major
        fi
    done
    [ -n "$best" ] || { log "no JDK 17 or newer found in /usr/lib/jvm; set ES_JAVA_HOME"; exit 1; }
    echo "$best"
}

fetch() {
    [ -x "$HOME_DIR/bin/elasticsearch" ] && return
    mkdir -p "$CACHE_DIR"
    local zip="$CACHE_DIR/elasticsearch-$ES_VERSION.zip"
    if [ ! -f "$zip" ]; then
        log "fetching $ARTIFACT from Maven Central"
        mvn -q -B dependency:copy -Dartifact="$ARTIFACT" -DoutputDirectory="$CACHE_DIR" \
            || { log "could not fetch $ARTIFACT"; exit 1; }
    fi
    log "unpacking $zip"
    rm -rf "$HOME_DIR.partial"
    mkdir -p "$HOME_DIR.partial"
    unzip -q "$zip" -d "$HOME_DIR.partial"
    mv "$HOME_DIR.partial/elasticsearch-$ES_VERSION" "$HOME_DIR"
    rmdir "$HOME_DIR.partial"
}

# Runs the given command as the unprivileged user when we are root.
as_es_user() {
    if [ "$(id -u)" -ne 0 ]; then "$@"; return; fi
    id "$ES_USER" >/dev/null 2>&1 \
        || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    chown -R "$ES_USER" "$HOME_DIR" "$VAR_DIR"
    runuser -u "$ES_USER" -- "$@"
}

wait_for_yellow() {
    local deadline=$((SECONDS + ${ES_START_TIMEOUT:-180}))
    while [ $SECONDS -lt $deadline ]; do
        if curl -sf "$URL/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null 2>&1; then
            return 0
        fi
        if ! running_pid >/dev/null; then
            log "the node exited during start-up; last log lines:"
            tail -n 40 "$VAR_DIR/logs/elasticsearch.log" 2>/dev/null >&2 || true
            return 1
        fi
        sleep 1
    done
    log "the cluster did not reach yellow within ${ES_START_TIMEOUT:-180}s"
    return 1
}

start() {
    if pid=$(running_pid); then
        log "already running (pid $pid)"
        wait_for_yellow
        return
    fi
    if curl -s -o /dev/null "$URL" 2>/dev/null; then
        log "port $ES_PORT is taken by a process this script did not start; stop it or set ES_PORT"
        exit 1
    fi
    fetch
    mkdir -p "$VAR_DIR/data" "$VAR_DIR/logs"
    rm -f "$PID_FILE"
    local java_home
    java_home=$(find_java_home)
    log "starting $ES_VERSION on $URL (JDK: $java_home, heap $ES_HEAP)"
    ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP ${ES_EXTRA_JAVA_OPTS:-}" \
        as_es_user "$HOME_DIR/bin/elasticsearch" -d -p "$PID_FILE" \
        -Ediscovery.type=single-node \
        -Enetwork.host=127.0.0.1 \
        -Ehttp.port="$ES_PORT" \
        -Epath.data="$VAR_DIR/data" \
        -Epath.logs="$VAR_DIR/logs" \
        -Expack.security.enabled=false \
        -Ecluster.routing.allocation.disk.threshold_enabled=false \
        >"$VAR_DIR/logs/stdout.log" 2>&1 \
        || { log "start failed:"; tail -n 40 "$VAR_DIR/logs/stdout.log" >&2; exit 1; }
    wait_for_yellow
    log "up (pid $(running_pid))"
}

stop() {
    local pid
    if ! pid=$(running_pid); then
        log "not running"
        rm -f "$PID_FILE"
        return
    fi
    log "stopping pid $pid"
    kill "$pid"
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; log "stopped"; return; }
        sleep 1
    done
    log "pid $pid did not stop within 60s; killing it"
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$PID_FILE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) if pid=$(running_pid); then echo "running (pid $pid)"; else echo "stopped"; exit 3; fi ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
