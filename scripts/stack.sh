#!/usr/bin/env bash
# Runs the whole stack without Docker: the same apps as docker-compose.yml, from their jars, with the same settings
# (.env, else .env.example), against a RabbitMQ on this machine.
#
#   scripts/stack.sh up [--no-build]   build the jars (unless --no-build), start every app, wait until all are healthy
#   scripts/stack.sh down              stop every app
#   scripts/stack.sh status            health of every app
#   scripts/stack.sh produce [ARGS]    run odoo-producer once, e.g. --count=10
#   scripts/stack.sh train             make the start-up archive of every app whose archive is missing or stale
#   scripts/stack.sh start APP...      start these apps (e.g. after stop or kill), wait until they are healthy
#   scripts/stack.sh stop APP...       stop these apps (SIGTERM, after 30 s SIGKILL)
#   scripts/stack.sh kill APP...       kill these apps at once (kill -9), as a crash does
#
# Logs: $RUN_DIR/logs/<app>.log (start appends to it); data: $RUN_DIR/data/<app>. RUN_DIR defaults to ./run.
# Settings for one app only: $RUN_DIR/env/<app>.env, KEY=VALUE lines that win over everything else for that app,
# e.g. SPRING_DATASOURCE_URL for a database of its own. STACK_JARS=DIR runs DIR/<app>.jar instead of the jar in the
# app's target/ (a copy that a rebuild meanwhile does not touch).
#
# Start-up archives: `up` (when it builds) and `train` extract each app's jar to <module>/target/cds/app/ and make a
# training run of it that exits once its Spring context is refreshed (-Dspring.context.exit=onRefresh: before the
# listeners, the web server or any connection to the broker start; its database goes to a temporary directory). That
# leaves a JDK 25+ AOT cache (app.aot) or, on JDK 21-24, a CDS archive (app.jsa) beside the extracted app. An app
# starts from its archive when that was made from the same jar contents by the same JDK, else from its jar as before,
# and the log line that starts it says which. STACK_ARCHIVES=off starts every app from its jar; STACK_ARCHIVES=cds makes
# and uses CDS archives on JDK 25 too.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOG_TAG=stack
# shellcheck source=lib/common.sh
source scripts/lib/common.sh

APPS=(fake-creatio onec-adapter dms-adapter crm-adapter soindi-consumer)
RUN_DIR=${RUN_DIR:-$ROOT/run}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-120}
TRAINING_JOBS=${TRAINING_JOBS:-2}

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
    export JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError}
    export STACK_ARCHIVES=${STACK_ARCHIVES:-auto}
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
    if [[ -n "${STACK_JARS:-}" ]]; then
        [[ -f "$STACK_JARS/$module.jar" ]] || { log "no jar for $module in $STACK_JARS"; return 1; }
        echo "$STACK_JARS/$module.jar"
        return 0
    fi
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

# Starts an app in the background; "append" keeps its earlier log (a restart), else the log starts afresh
start_app() {
    local app=$1 log_mode=${2:-new} jar pid_file="$RUN_DIR/pids/$1.pid"
    if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        log "$app is already running (pid $(cat "$pid_file"))"
        return 0
    fi
    jar=$(jar_of "$app")
    mkdir -p "$RUN_DIR/data/$app" "$RUN_DIR/logs" "$RUN_DIR/pids"
    local data_dir="$RUN_DIR/data/$app" launch=() launch_how app_env=()
    launch_args "$app" "$jar"
    mapfile -t app_env < <(app_settings "$app")
    [[ "$log_mode" == append ]] || : >"$RUN_DIR/logs/$app.log"
    # shellcheck disable=SC2086
    ONEC_DATA_DIR="$data_dir" SOINDI_DATA_DIR="$data_dir" DMS_DATA_DIR="$data_dir" CRM_DATA_DIR="$data_dir" \
        SERVER_PORT="$(port_of "$app")" \
        nohup env "${app_env[@]}" "$JAVA_HOME/bin/java" $JAVA_OPTS "${launch[@]}" >>"$RUN_DIR/logs/$app.log" 2>&1 &
    echo $! >"$pid_file"
    log "started $app (pid $!, port $(port_of "$app"), ${launch_how}, log $RUN_DIR/logs/$app.log)"
}

# The KEY=VALUE lines of $RUN_DIR/env/<app>.env, the settings of this app only
app_settings() {
    local file="$RUN_DIR/env/$1.env" line
    [[ -f "$file" ]] || return 0
    while IFS= read -r line || [[ -n "$line" ]]; do
        [[ "$line" =~ ^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*= ]] && echo "${line#"${line%%[![:space:]]*}"}"
    done <"$file"
}

# Waits until every app named is healthy; fails when one exits or STARTUP_TIMEOUT passes
await_healthy() {
    local started=$SECONDS app pending=("$@") still=()
    while ((${#pending[@]} > 0)); do
        if ((SECONDS - started > STARTUP_TIMEOUT)); then
            log "not healthy within ${STARTUP_TIMEOUT}s: ${pending[*]} (see $RUN_DIR/logs)"
            return 1
        fi
        still=()
        for app in "${pending[@]}"; do
            if healthy "$app"; then
                log "$app is healthy after $((SECONDS - started))s"
            elif ! kill -0 "$(cat "$RUN_DIR/pids/$app.pid")" 2>/dev/null; then
                log "$app exited: last lines of $RUN_DIR/logs/$app.log:"
                tail -n 30 "$RUN_DIR/logs/$app.log" >&2
                return 1
            else
                still+=("$app")
            fi
        done
        pending=("${still[@]+"${still[@]}"}")
        ((${#pending[@]} == 0)) || sleep 1
    done
}

# Stops an app: SIGTERM, after 30 s SIGKILL; "kill" as the second argument: SIGKILL at once
stop_app() {
    local app=$1 how=${2:-stop} pid_file="$RUN_DIR/pids/$1.pid" pid i
    [[ -f "$pid_file" ]] || return 0
    pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null; then
        if [[ "$how" == kill ]]; then
            kill -9 "$pid"
            for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            log "killed $app (kill -9 $pid)"
        else
            kill "$pid"
            for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
            log "stopped $app"
        fi
    fi
    rm -f "$pid_file"
}

# The apps named on the command line, each checked against APPS
apps_named() {
    local app known
    (($# > 0)) || { log "name at least one app: ${APPS[*]}"; exit 2; }
    for app in "$@"; do
        for known in "${APPS[@]}"; do [[ "$app" == "$known" ]] && continue 2; done
        log "unknown app '$app': one of ${APPS[*]}"
        exit 2
    done
}

# --- start-up archives (AOT cache / CDS) ---------------------------------------------------------------------------

# aot on JDK 25 or newer (-XX:AOTCacheOutput), cds before (or when STACK_ARCHIVES=cds)
archive_kind() {
    local major
    [[ "$STACK_ARCHIVES" != cds ]] || { echo cds; return 0; }
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || true)
    [[ "$major" =~ ^[0-9]+$ ]] || major=$(java_major "$JAVA_HOME")
    if ((major >= 25)); then echo aot; else echo cds; fi
}

archive_dir_of() { echo "$ROOT/$1/target/cds"; }

archive_file_of() {
    local extension=jsa
    [[ "$(archive_kind)" != aot ]] || extension=aot
    echo "$(archive_dir_of "$1")/app.$extension"
}

# What a jar holds: the size, CRC-32 and name of every entry, less the build time in META-INF/build-info.properties, so
# that a rebuild of unchanged code (Maven rewrites the jar every time) keeps its archive. Without unzip: the jar's size
# and modification time.
jar_fingerprint() {
    local jar=$1
    if command -v unzip >/dev/null; then
        {
            unzip -v "$jar" | awk '$7 ~ /^[0-9a-f]{8}$/ && $8 != "META-INF/build-info.properties" { print $1, $7, $8 }'
            unzip -p "$jar" META-INF/build-info.properties 2>/dev/null | grep -v '^build\.time=' || true
        } | sha256sum | cut -d' ' -f1
    else
        stat -c '%s %y' "$jar"
    fi
}

# What an archive was made from: the kind, the JDK, the JVM options of its training run and the jar's contents. An
# archive is used only while these are still the same; the JVM checks the extracted jars itself as well.
archive_key() {
    local jar=$1
    printf '%s\n' "$(archive_kind)" "$JAVA_HOME" "$JAVA_OPTS" \
        "$(grep -h -e '^JAVA_RUNTIME_VERSION=' -e '^IMPLEMENTOR=' "$JAVA_HOME/release" 2>/dev/null | tr '\n' ' ')" \
        "$(jar_fingerprint "$jar")"
}

# Empty when the app's archive is usable, else why not
archive_problem() {
    local app=$1 jar=$2 dir
    dir=$(archive_dir_of "$app")
    if [[ ! -f "$dir/key" ]]; then
        echo "no start-up archive (scripts/stack.sh train makes one)"
    elif [[ "$(cat "$dir/key")" != "$(archive_key "$jar")" ]]; then
        echo "its start-up archive is stale: made from another jar, JDK or JAVA_OPTS (scripts/stack.sh train)"
    elif [[ ! -f "$(archive_file_of "$app")" || ! -f "$dir/app/app.jar" ]]; then
        echo "its start-up archive is incomplete (scripts/stack.sh train)"
    fi
}

# Sets launch (the java arguments after JAVA_OPTS) and launch_how (for the log): the extracted app with its archive
# when that is usable, else the jar
launch_args() {
    local app=$1 jar=$2 dir problem
    dir=$(archive_dir_of "$app")
    if [[ "$STACK_ARCHIVES" == off ]]; then
        launch=(-jar "$jar") launch_how="from its jar (STACK_ARCHIVES=off)"
        return 0
    fi
    problem=$(archive_problem "$app" "$jar") || problem="its start-up archive could not be checked"
    if [[ -n "$problem" ]]; then
        launch=(-jar "$jar") launch_how="from its jar: $problem"
    elif [[ "$(archive_kind)" == aot ]]; then
        launch=("-XX:AOTCache=$(archive_file_of "$app")" -jar "$dir/app/app.jar") launch_how="with its AOT cache"
    else
        launch=("-XX:SharedArchiveFile=$(archive_file_of "$app")" -jar "$dir/app/app.jar")
        launch_how="with its CDS archive"
    fi
}

# Extracts the app's jar and makes its archive in a training run that exits when the Spring context is refreshed
train_app() {
    local app=$1 jar dir data archive record status=0
    jar=$(jar_of "$app") || return 1
    [[ "$jar" == /* ]] || jar=$ROOT/$jar
    dir=$(archive_dir_of "$app")
    archive=$(archive_file_of "$app")
    rm -rf "$dir"
    mkdir -p "$dir"
    data=$(mktemp -d)
    record=-XX:ArchiveClassesAtExit=$archive
    [[ "$(archive_kind)" != aot ]] || record=-XX:AOTCacheOutput=$archive
    # shellcheck disable=SC2086
    (
        cd "$dir" || exit 1
        "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination app \
                --application-filename app.jar \
            && ONEC_DATA_DIR="$data" SOINDI_DATA_DIR="$data" DMS_DATA_DIR="$data" CRM_DATA_DIR="$data" SERVER_PORT=0 \
                "$JAVA_HOME/bin/java" $JAVA_OPTS "$record" "-Djava.io.tmpdir=$data" -Dspring.context.exit=onRefresh \
                -jar "$dir/app/app.jar"
    ) >"$dir/training.log" 2>&1 || status=$?
    rm -rf "$data"
    if ((status == 0)) && [[ -s "$archive" ]]; then
        archive_key "$jar" >"$dir/key"
        log "$app: made $archive ($(du -m "$archive" | cut -f1) MB)"
    else
        log "$app: the training run made no archive (exit $status, see $dir/training.log): it will start from its jar"
        return 1
    fi
}

# Trains every app (and odoo-producer) whose archive is missing or stale, TRAINING_JOBS at a time; never fails the
# caller: an app without an archive starts from its jar
train() {
    local app jar running=0 failed=0 todo=()
    for app in "${APPS[@]}" odoo-producer; do
        jar=$(jar_of "$app") || continue
        [[ -z "$(archive_problem "$app" "$jar")" ]] || todo+=("$app")
    done
    if ((${#todo[@]} == 0)); then
        log "every start-up archive is up to date"
        return 0
    fi
    log "training runs for the start-up archives ($(archive_kind), $TRAINING_JOBS at a time): ${todo[*]}"
    for app in "${todo[@]}"; do
        if ((running >= TRAINING_JOBS)); then
            wait -n || failed=$((failed + 1))
            running=$((running - 1))
        fi
        train_app "$app" &
        running=$((running + 1))
    done
    while ((running > 0)); do
        wait -n || failed=$((failed + 1))
        running=$((running - 1))
    done
    ((failed == 0)) || log "$failed training run(s) failed: those apps start from their jars"
    return 0
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
        [[ "$STACK_ARCHIVES" == off ]] || train
    fi
    mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids"
    local started=$SECONDS app
    for app in "${APPS[@]}"; do start_app "$app"; done
    await_healthy "${APPS[@]}" || exit 1
    log "the stack is healthy after $((SECONDS - started))s: 1C at http://127.0.0.1:$(port_of onec-adapter)," \
        "RabbitMQ management at http://$RABBITMQ_HOST:${RABBITMQ_MANAGEMENT_PORT:-15672}"
}

down() {
    local app
    for app in "${APPS[@]}"; do stop_app "$app"; done
}

# start APP...: starts the apps named (appending to their logs) and waits until they are healthy
start() {
    local app
    apps_named "$@"
    load_settings
    ensure_jdk
    for app in "$@"; do start_app "$app" append; done
    await_healthy "$@" || exit 1
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
    local jar launch=() launch_how
    jar=$(jar_of odoo-producer)
    launch_args odoo-producer "$jar"
    # shellcheck disable=SC2086
    "$JAVA_HOME/bin/java" $JAVA_OPTS "${launch[@]}" "$@"
}

case "${1:-}" in
    up) shift; up "$@" ;;
    down) load_settings; down ;;
    status) status ;;
    produce) shift; produce "$@" ;;
    train) load_settings; ensure_jdk; train ;;
    start) shift; start "$@" ;;
    stop) shift; apps_named "$@"; load_settings; for app in "$@"; do stop_app "$app"; done ;;
    kill) shift; apps_named "$@"; load_settings; for app in "$@"; do stop_app "$app" kill; done ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 2 ;;
esac
