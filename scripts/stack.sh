#!/usr/bin/env bash
# Runs the whole stack without Docker: the same apps as docker-compose.yml, from their jars, with the same settings
# (.env, else .env.example), against a RabbitMQ on this machine.
#
#   scripts/stack.sh up [--no-build]   build the jars (unless --no-build), start every app, wait until all are healthy
#   scripts/stack.sh down              stop every app
#   scripts/stack.sh status            health of every app
#   scripts/stack.sh produce [ARGS]    run odoo-producer once, e.g. --count=10
#
# Logs: $RUN_DIR/logs/<app>.log; data: $RUN_DIR/data/<app>. RUN_DIR defaults to ./run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOG_TAG=stack
# shellcheck source=lib/common.sh
source scripts/lib/common.sh

APPS=(fake-creatio onec-adapter dms-adapter crm-adapter soindi-consumer)
RUN_DIR=${RUN_DIR:-$ROOT/run}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-120}

load_settings() {
    local file=.env
    [[ -f "$file" ]] || file=.env.example
    local line key value
    while IFS= read -r line || [[ -n "$line" ]]; do
        [[ "$line" =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
        key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
        # the environment wins over the file, as in docker compose
        [[ -n "${!key+x}" ]] || export "$key=$value"
    done <"$file"
    # compose's service names are this machine's loopback here
    [[ "${RABBITMQ_HOST:-localhost}" == rabbitmq ]] && export RABBITMQ_HOST=127.0.0.1
    export RABBITMQ_HOST=${RABBITMQ_HOST:-127.0.0.1}
    if [[ "${CREATIO_BASE_URL:-}" == *"//fake-creatio:"* || -z "${CREATIO_BASE_URL:-}" ]]; then
        export CREATIO_BASE_URL="http://127.0.0.1:${FAKE_CREATIO_PORT:-8090}"
    fi
    export JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError}
}

port_of() {
    case $1 in
        fake-creatio) echo "${FAKE_CREATIO_PORT:-8090}" ;;
        onec-adapter) echo "${ONEC_PORT:-5000}" ;;
        dms-adapter) echo "${DMS_PORT:-8081}" ;;
        crm-adapter) echo "${CRM_PORT:-8082}" ;;
        soindi-consumer) echo "${SOINDI_PORT:-8083}" ;;
    esac
}

health_path_of() {
    case $1 in
        fake-creatio) echo /actuator/health ;;
        *) echo /actuator/health/readiness ;;
    esac
}

jar_of() {
    local module=$1 jar
    jar=$(ls "$module"/target/*-exec.jar 2>/dev/null | head -n 1 || true)
    [[ -n "$jar" ]] || jar=$(ls "$module"/target/"$module"-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)
    [[ -n "$jar" ]] || { log "no jar for $module: run without --no-build"; return 1; }
    echo "$jar"
}

healthy() {
    local app=$1
    curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$(port_of "$app")$(health_path_of "$app")"
}

ensure_vhost() {
    local vhost=${RABBITMQ_VHOST:-/}
    [[ "$vhost" == / ]] && return 0
    local encoded mgmt="http://${RABBITMQ_HOST}:${RABBITMQ_MANAGEMENT_PORT:-15672}/api"
    encoded=$(printf '%s' "$vhost" | sed 's#/#%2F#g')
    curl -fsS -u "${RABBITMQ_USERNAME:-guest}:${RABBITMQ_PASSWORD:-guest}" -X PUT "$mgmt/vhosts/$encoded" >/dev/null
    curl -fsS -u "${RABBITMQ_USERNAME:-guest}:${RABBITMQ_PASSWORD:-guest}" -X PUT -H 'content-type: application/json' \
        -d '{"configure":".*","write":".*","read":".*"}' \
        "$mgmt/permissions/$encoded/${RABBITMQ_USERNAME:-guest}" >/dev/null
}

start_app() {
    local app=$1 jar pid_file="$RUN_DIR/pids/$1.pid"
    if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        log "$app is already running (pid $(cat "$pid_file"))"
        return 0
    fi
    jar=$(jar_of "$app")
    mkdir -p "$RUN_DIR/data/$app"
    local data_dir="$RUN_DIR/data/$app"
    # shellcheck disable=SC2086
    ONEC_DATA_DIR="$data_dir" SOINDI_DATA_DIR="$data_dir" SERVER_PORT="$(port_of "$app")" \
        nohup "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$jar" >"$RUN_DIR/logs/$app.log" 2>&1 &
    echo $! >"$pid_file"
    log "started $app (pid $!, port $(port_of "$app"), log $RUN_DIR/logs/$app.log)"
}

up() {
    local build=1
    [[ "${1:-}" == --no-build ]] && build=0
    load_settings
    ensure_jdk
    if ! port_open "$RABBITMQ_HOST" "${RABBITMQ_PORT:-5672}"; then
        log "RabbitMQ is not reachable at $RABBITMQ_HOST:${RABBITMQ_PORT:-5672}: start it (rabbitmq-server -detached)"
        exit 1
    fi
    ensure_vhost
    if ((build)); then
        log "building the jars"
        ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package \
            -pl "$(IFS=,; echo "${APPS[*]},odoo-producer")" -am
    fi
    mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids"
    local started=$SECONDS app
    for app in "${APPS[@]}"; do start_app "$app"; done
    local pending=("${APPS[@]}") still=() ready_at
    declare -A ready=()
    while ((${#pending[@]} > 0)); do
        if ((SECONDS - started > STARTUP_TIMEOUT)); then
            log "not healthy within ${STARTUP_TIMEOUT}s: ${pending[*]} (see $RUN_DIR/logs)"
            exit 1
        fi
        still=()
        for app in "${pending[@]}"; do
            if healthy "$app"; then
                ready_at=$((SECONDS - started))
                ready[$app]=$ready_at
                log "$app is healthy after ${ready_at}s"
            elif ! kill -0 "$(cat "$RUN_DIR/pids/$app.pid")" 2>/dev/null; then
                log "$app exited: last lines of $RUN_DIR/logs/$app.log:"
                tail -n 30 "$RUN_DIR/logs/$app.log" >&2
                exit 1
            else
                still+=("$app")
            fi
        done
        pending=("${still[@]+"${still[@]}"}")
        ((${#pending[@]} == 0)) || sleep 1
    done
    log "the stack is healthy after $((SECONDS - started))s: 1C at http://127.0.0.1:$(port_of onec-adapter)," \
        "RabbitMQ management at http://$RABBITMQ_HOST:${RABBITMQ_MANAGEMENT_PORT:-15672}"
}

down() {
    local app pid_file pid i
    for app in "${APPS[@]}"; do
        pid_file="$RUN_DIR/pids/$app.pid"
        [[ -f "$pid_file" ]] || continue
        pid=$(cat "$pid_file")
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
            log "stopped $app"
        fi
        rm -f "$pid_file"
    done
}

status() {
    load_settings
    local app
    for app in "${APPS[@]}"; do
        if healthy "$app"; then echo "$app: UP"; else echo "$app: DOWN"; fi
    done
}

produce() {
    load_settings
    ensure_jdk
    # shellcheck disable=SC2086
    "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$(jar_of odoo-producer)" "$@"
}

case "${1:-}" in
    up) shift; up "$@" ;;
    down) load_settings; down ;;
    status) status ;;
    produce) shift; produce "$@" ;;
    *) sed -n '2,12p' "$0"; exit 2 ;;
esac
