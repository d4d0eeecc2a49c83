#!/usr/bin/env bash
# Start or stop the project's own Elasticsearch: one node, or a cluster of ES_NODES nodes, on 127.0.0.1.
#
#   scripts/elasticsearch.sh start    fetch (once), unpack (once), start the nodes not running,
#                                     wait for yellow (one node) or green with every node (cluster)
#   scripts/elasticsearch.sh stop     stop exactly the nodes this script started under ES_VAR
#   scripts/elasticsearch.sh status
#   scripts/elasticsearch.sh pid N    the pid of node N (0-based), as the script wrote it
#
# One node (ES_NODES=1, the default): HTTP on ES_PORT, files in ES_VAR (data/, logs/, es.pid).
# A cluster (ES_NODES=3): node N serves HTTP on ES_PORT+N and transport on ES_TRANSPORT_PORT+N,
# files in ES_VAR/node-N/ (its own config, data, logs and es.pid); the nodes find each other
# through discovery.seed_hosts and bootstrap the cluster on their first start.
#
# The distribution is the bare server published on Maven Central as
# org.elasticsearch.distribution.integ-test-zip (no optional modules), so the
# project's mapping can only use what every cluster has.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ES_VERSION=${ES_VERSION:-8.19.21}
ES_PORT=${ES_PORT:-9200}
ES_NODES=${ES_NODES:-1}
ES_HEAP=${ES_HEAP:-$([ "$ES_NODES" -gt 1 ] && echo 512m || echo 1g)}
ES_TRANSPORT_PORT=${ES_TRANSPORT_PORT:-$((ES_PORT + 100))}
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
CACHE_DIR="$ROOT/.cache/elasticsearch"
HOME_DIR="$CACHE_DIR/elasticsearch-$ES_VERSION"
VAR_DIR=${ES_VAR:-$ROOT/var/elasticsearch}
URL="http://127.0.0.1:$ES_PORT"
# Its own name, so that a cluster never joins another one started on other ports.
CLUSTER_NAME="casebase-$ES_PORT"
# Elasticsearch refuses to run as root; as root we run it as this system user.
ES_USER=${ES_USER:-casebase-es}

log() { echo "[elasticsearch] $*" >&2; }

is_cluster() { [ "$ES_NODES" -gt 1 ]; }

# The directory of node $1: ES_VAR itself for a single node (as before clusters existed).
node_dir() { if is_cluster; then echo "$VAR_DIR/node-$1"; else echo "$VAR_DIR"; fi; }

# Every pid file this script wrote under ES_VAR, whatever ES_NODES says now.
pid_files() { ls "$VAR_DIR"/es.pid "$VAR_DIR"/node-*/es.pid 2>/dev/null || true; }

pid_in() {
    local file=$1 pid
    [ -f "$file" ] || return 1
    pid=$(cat "$file" 2>/dev/null) || return 1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

running_pid() { pid_in "$(node_dir "$1")/es.pid"; }

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

# As root, the files the nodes use belong to the unprivileged user Elasticsearch runs as.
prepare_user() {
    [ "$(id -u)" -eq 0 ] || return 0
    id "$ES_USER" >/dev/null 2>&1 \
        || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    chown -R "$ES_USER" "$HOME_DIR" "$VAR_DIR"
}

# Runs the given command as that user when we are root.
as_es_user() {
    if [ "$(id -u)" -ne 0 ]; then "$@"; return; fi
    runuser -u "$ES_USER" -- "$@"
}

# The cluster-only settings of node $1: its transport port, its peers, and on the very first
# start (empty data directory) the nodes that may bootstrap the cluster: giving them to a node
# that already belongs to a cluster would make it wait for a bootstrap that never comes again.
cluster_args() {
    local n=$1 dir seeds="" masters="" i
    dir=$(node_dir "$n")
    for i in $(seq 0 $((ES_NODES - 1))); do
        seeds+="${seeds:+,}127.0.0.1:$((ES_TRANSPORT_PORT + i))"
        masters+="${masters:+,}$CLUSTER_NAME-$i"
    done
    echo "-Ecluster.name=$CLUSTER_NAME -Enode.name=$CLUSTER_NAME-$n"
    echo "-Etransport.port=$((ES_TRANSPORT_PORT + n)) -Ediscovery.seed_hosts=$seeds"
    [ -n "$(ls -A "$dir/data" 2>/dev/null)" ] || echo "-Ecluster.initial_master_nodes=$masters"
}

start_node() {
    local n=$1 dir pid port java_home
    dir=$(node_dir "$n")
    port=$((ES_PORT + n))
    if pid=$(running_pid "$n"); then
        log "node $n already running (pid $pid)"
        return
    fi
    if curl -s -o /dev/null "http://127.0.0.1:$port" 2>/dev/null; then
        log "port $port is taken by a process this script did not start; stop it or set ES_PORT"
        exit 1
    fi
    rm -f "$dir/es.pid"
    if is_cluster; then
        local -x ES_PATH_CONF="$dir/config"
        # shellcheck disable=SC2046 # cluster_args prints whitespace-free options
        set -- $(cluster_args "$n")
    else
        set -- -Ediscovery.type=single-node
    fi
    java_home=$(find_java_home)
    log "starting node $n of $ES_VERSION on http://127.0.0.1:$port (JDK: $java_home, heap $ES_HEAP)"
    ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP ${ES_EXTRA_JAVA_OPTS:-}" \
        as_es_user "$HOME_DIR/bin/elasticsearch" -d -p "$dir/es.pid" \
        "$@" \
        -Enetwork.host=127.0.0.1 \
        -Ehttp.port="$port" \
        -Epath.data="$dir/data" \
        -Epath.logs="$dir/logs" \
        -Expack.security.enabled=false \
        -Ecluster.routing.allocation.disk.threshold_enabled=false \
        >"$dir/logs/stdout.log" 2>&1 \
        || { log "node $n failed to start:"; tail -n 40 "$dir/logs/stdout.log" >&2; exit 1; }
}

# Yellow for one node (as before clusters existed); green with every node for a cluster.
health_query() {
    if is_cluster; then echo "wait_for_status=green&wait_for_nodes=$ES_NODES"; else echo "wait_for_status=yellow"; fi
}

wait_for_health() {
    local deadline=$((SECONDS + ${ES_START_TIMEOUT:-180})) n query
    query=$(health_query)
    while [ $SECONDS -lt $deadline ]; do
        if curl -sf "$URL/_cluster/health?$query&timeout=5s" >/dev/null 2>&1; then
            return 0
        fi
        for n in $(seq 0 $((ES_NODES - 1))); do
            running_pid "$n" >/dev/null && continue
            log "node $n exited during start-up; last log lines:"
            tail -n 40 "$(node_dir "$n")/logs/$(is_cluster && echo "$CLUSTER_NAME" || echo elasticsearch).log" 2>/dev/null >&2 || true
            return 1
        done
        sleep 1
    done
    log "the cluster did not reach ${query} within ${ES_START_TIMEOUT:-180}s"
    return 1
}

# Creates the directories of node $1 (and, in a cluster, its own copy of the config: each node
# writes its keystore there at first start).
prepare_node() {
    local dir
    dir=$(node_dir "$1")
    mkdir -p "$dir/data" "$dir/logs"
    if is_cluster && [ ! -d "$dir/config" ]; then cp -r "$HOME_DIR/config" "$dir/config"; fi
}

# Starts the nodes that are not running, side by side (each start takes tens of seconds).
start() {
    local n launches=() failed=0 launch
    fetch
    for n in $(seq 0 $((ES_NODES - 1))); do running_pid "$n" >/dev/null || prepare_node "$n"; done
    prepare_user
    for n in $(seq 0 $((ES_NODES - 1))); do
        start_node "$n" &
        launches+=($!)
    done
    for launch in "${launches[@]}"; do wait "$launch" || failed=1; done
    [ "$failed" -eq 0 ] || exit 1
    wait_for_health
    for n in $(seq 0 $((ES_NODES - 1))); do log "node $n up on http://127.0.0.1:$((ES_PORT + n)) (pid $(running_pid "$n"))"; done
}

# Asks every node to stop at once, then waits for each (killing what ignores the request).
stop() {
    local file pid pids=()
    for file in $(pid_files); do
        if pid=$(pid_in "$file"); then
            log "stopping pid $pid ($file)"
            kill "$pid"
            pids+=("$pid:$file")
        else
            rm -f "$file"
        fi
    done
    [ ${#pids[@]} -gt 0 ] || { log "not running"; return; }
    local entry
    for entry in "${pids[@]}"; do
        pid=${entry%%:*}; file=${entry#*:}
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "pid $pid did not stop within 60s; killing it"
            kill -9 "$pid" 2>/dev/null || true
        fi
        rm -f "$file"
    done
    log "stopped"
}

status() {
    local n pid down=0
    for n in $(seq 0 $((ES_NODES - 1))); do
        if pid=$(running_pid "$n"); then echo "node $n: running (pid $pid, port $((ES_PORT + n)))"
        else echo "node $n: stopped"; down=1; fi
    done
    return $((down * 3))
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    pid) running_pid "${2:?usage: $0 pid N}" || { log "node $2 is not running"; exit 3; } ;;
    *) echo "usage: $0 start|stop|status|pid N" >&2; exit 2 ;;
esac
