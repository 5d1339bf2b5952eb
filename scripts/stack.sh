#!/usr/bin/env bash
# Runs the whole stack without Docker: the same apps as docker-compose.yml, from their jars, with the same settings
# (.env, else .env.example, read as docker compose reads it), against a RabbitMQ on this machine.
#
#   scripts/stack.sh up [--no-build]   build the jars (unless --no-build), start every app, wait until all are healthy
#   scripts/stack.sh down              stop every app
#   scripts/stack.sh status            PID, port and health of every app; exits with 1 when one is not UP
#   scripts/stack.sh produce [ARGS]    run odoo-producer once, e.g. --count=10
#   scripts/stack.sh train             make the start-up archive of every app whose archive is missing or stale
#   scripts/stack.sh start APP...      start these apps (e.g. after stop or kill), wait until they are healthy
#   scripts/stack.sh stop APP...       stop these apps (SIGTERM, after 30 s SIGKILL)
#   scripts/stack.sh restart APP...    stop, then start these apps, and wait until they are healthy
#   scripts/stack.sh kill APP...       kill these apps at once (kill -9), as a crash does
#   scripts/stack.sh reset [QUEUE...]  through the management API: empty the hub's queues, its retry and dead-letter
#                                      queues; delete the queues the Python examples leave (python_queue_1,
#                                      python_queue_2, warehouse_odoo_events) and the QUEUEs named
#   scripts/stack.sh cluster up|down|status
#                                      a RabbitMQ cluster of this machine's installation, for a try of the apps on
#                                      several nodes: CLUSTER_SIZE (3) nodes hubcluster-<n>@localhost, AMQP ports
#                                      CLUSTER_PORT (5701) and up, management 10000 higher, their data, logs and
#                                      Erlang cookie (one for all of them) under $RUN_DIR/cluster; the second and
#                                      later nodes join the first (rabbitmqctl join_cluster). Every command names its
#                                      node: a broker that was already running (5672) is never touched. The hub's
#                                      quorum queues get a member on every node; a policy mirrors the classic queue
#                                      odoo_events (RabbitMQ 3.x). up prints the SPRING_RABBITMQ_ADDRESSES to give the
#                                      apps; down stops the nodes, keeping their data
#   scripts/stack.sh --help            this text
#
# Broker users: with STACK_APP_USERS=on, `up` makes each app's own broker user in RABBITMQ_VHOST through the management
# API, as the administrator (RABBITMQ_USERNAME), from RABBITMQ_<APP>_USERNAME and _PASSWORD (.env) with the permissions
# of docker/rabbitmq/app-permissions.conf, imports the shared topology (docker/rabbitmq/definitions.json), and starts
# every app (and produce runs odoo-producer) as its own user, as compose does; off (the default) runs them as
# RABBITMQ_USERNAME, which then declares the topology itself.
# Apps: fake-creatio onec-adapter dms-adapter crm-adapter soindi-consumer hub-console (the dead-letter console, port
# CONSOLE_PORT, 8085). The JDK: JAVA_HOME if it is a JDK 21+, else the newest JDK 21+ under /usr/lib/jvm, else the java
# on the PATH; the runner says which it uses.
# Logs: $RUN_DIR/logs/<app>.log; start and restart append to it, up moves the previous one to <app>.log.1 first. Data:
# $RUN_DIR/data/<app>. RUN_DIR defaults to ./run.
# Settings for one app only: $RUN_DIR/env/<app>.env, KEY=VALUE lines as in .env that win over everything else for it,
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
export LOG_TAG=stack
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source scripts/lib/common.sh

APPS=(fake-creatio onec-adapter dms-adapter crm-adapter soindi-consumer hub-console)
RUN_DIR=${RUN_DIR:-$ROOT/run}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-120}
TRAINING_JOBS=${TRAINING_JOBS:-2}

load_settings() {
    local file=.env
    [[ -f "$file" ]] || file=.env.example
    # the environment wins over the file, as in docker compose
    load_env_file "$file"
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
        hub-console) echo "${CONSOLE_PORT:-8085}" ;;
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
    for jar in "$module"/target/*-exec.jar "$module"/target/"$module"-*.jar; do
        [[ -f "$jar" && "$jar" != *-sources.jar && "$jar" != *-tests.jar ]] || continue
        echo "$jar"
        return 0
    done
    log "no jar for $module: run without --no-build"
    return 1
}

health_url_of() { echo "http://127.0.0.1:$(port_of "$1")$(health_path_of "$1")"; }

healthy() {
    curl -fs -o /dev/null --max-time 2 "$(health_url_of "$1")"
}

# The status the app's health endpoint answers (UP, DOWN, OUT_OF_SERVICE...), or "no answer"
health_of() {
    local body status
    body=$(curl -s --max-time 2 "$(health_url_of "$1")" || true)
    status=$(grep -o '"status":"[A-Z_]*"' <<<"$body" | head -n 1 | cut -d'"' -f4 || true)
    echo "${status:-no answer}"
}

# The process id of an app this runner started and that is still running; fails when there is none
running_pid() {
    local pid_file="$RUN_DIR/pids/$1.pid" pid
    [[ -f "$pid_file" ]] || return 1
    pid=$(cat "$pid_file")
    kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

# One path segment of a URL: every byte outside A-Z a-z 0-9 . _ ~ - percent-encoded
url_segment() {
    local LC_ALL=C text=$1 out="" char i
    for ((i = 0; i < ${#text}; i++)); do
        char=${text:i:1}
        case $char in
            [A-Za-z0-9._~-]) out+=$char ;;
            *) printf -v char '%%%02X' "'$char"; out+=$char ;;
        esac
    done
    echo "$out"
}

# A call of the broker's management API: management METHOD PATH [JSON BODY]; prints the answer, fails on an error
management() {
    local method=$1 path=$2 body=${3:-}
    curl -fsS -u "${RABBITMQ_USERNAME:-guest}:${RABBITMQ_PASSWORD:-guest}" -X "$method" \
        ${body:+-H 'content-type: application/json' -d "$body"} \
        "http://${RABBITMQ_HOST}:${RABBITMQ_MANAGEMENT_PORT:-15672}/api$path"
}

ensure_vhost() {
    local vhost=${RABBITMQ_VHOST:-/}
    [[ "$vhost" == / ]] && return 0
    local encoded
    encoded=$(url_segment "$vhost")
    management PUT "/vhosts/$encoded" >/dev/null
    management PUT "/permissions/$encoded/$(url_segment "${RABBITMQ_USERNAME:-guest}")" \
        '{"configure":".*","write":".*","read":".*"}' >/dev/null
}

# The key of an app's broker user in .env (RABBITMQ_<KEY>_USERNAME) and app-permissions.conf; none for fake-creatio
app_user_key() {
    case "$1" in
        onec-adapter) echo onec ;; dms-adapter) echo dms ;; crm-adapter) echo crm ;;
        soindi-consumer) echo soindi ;; odoo-producer) echo odoo ;; hub-console) echo console ;; *) echo "" ;;
    esac
}

# STACK_APP_USERS=on: the apps' broker users with their permissions, and the shared topology, through the management
# API (docker/rabbitmq/start.sh does the same with rabbitmqctl for compose)
ensure_app_users() {
    [[ "${STACK_APP_USERS:-off}" == on ]] || return 0
    local vhost kind app a b c rest user_var password_var
    vhost=$(url_segment "${RABBITMQ_VHOST:-/}")
    while read -r -u 3 kind app a b c rest; do
        [[ -z "$kind" || "$kind" == \#* ]] && continue
        user_var="RABBITMQ_${app^^}_USERNAME" password_var="RABBITMQ_${app^^}_PASSWORD"
        if [[ -z "${!user_var:-}" || -z "${!password_var:-}" ]]; then
            log "STACK_APP_USERS=on needs $user_var and $password_var (.env)"
            exit 1
        fi
        if [[ "$kind" == permissions ]]; then
            management PUT "/users/$(url_segment "${!user_var}")" \
                "$(python3 -c 'import json,sys; print(json.dumps({"password": sys.argv[1], "tags": ""}))' \
                    "${!password_var}")" >/dev/null
            management PUT "/permissions/$vhost/$(url_segment "${!user_var}")" \
                "$(python3 -c 'import json,sys; print(json.dumps(dict(zip(["configure","write","read"], sys.argv[1:]))))' \
                    "$a" "$b" "$c")" >/dev/null
        else
            management PUT "/topic-permissions/$vhost/$(url_segment "${!user_var}")" \
                "$(python3 -c 'import json,sys; print(json.dumps(dict(zip(["exchange","write","read"], sys.argv[1:]))))' \
                    "$a" "$b" "$c")" >/dev/null
        fi
    done 3<docker/rabbitmq/app-permissions.conf
    management POST "/definitions/$vhost" "$(cat docker/rabbitmq/definitions.json)" >/dev/null
    log "STACK_APP_USERS=on: each app's broker user and the shared topology are in ${RABBITMQ_VHOST:-/}"
}

# The environment that makes an app connect as its own broker user (STACK_APP_USERS=on), as KEY=VALUE words
app_user_env() {
    [[ "${STACK_APP_USERS:-off}" == on ]] || return 0
    local key user_var password_var
    key=$(app_user_key "$1")
    [[ -n "$key" ]] || return 0
    user_var="RABBITMQ_${key^^}_USERNAME" password_var="RABBITMQ_${key^^}_PASSWORD"
    printf '%s\0' "SPRING_RABBITMQ_USERNAME=${!user_var}" "SPRING_RABBITMQ_PASSWORD=${!password_var}" \
        HUB_MESSAGING_TOPOLOGY_DECLARESHARED=false
}

# Starts an app in the background; "append" appends to its log (a start or restart), else the log starts afresh and
# the previous one is kept as <app>.log.1
start_app() {
    local app=$1 log_mode=${2:-new} jar pid_file="$RUN_DIR/pids/$1.pid"
    if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        log "$app is already running (pid $(cat "$pid_file"))"
        return 0
    fi
    jar=$(jar_of "$app")
    mkdir -p "$RUN_DIR/data/$app" "$RUN_DIR/logs" "$RUN_DIR/pids"
    local data_dir="$RUN_DIR/data/$app" launch=() launch_how app_env=() log_file="$RUN_DIR/logs/$app.log"
    launch_args "$app" "$jar"
    mapfile -d '' -t app_env < <(app_user_env "$app"; app_settings "$app")
    if [[ "$log_mode" != append && -s "$log_file" ]]; then
        mv -f "$log_file" "$log_file.1"
    fi
    printf '%s scripts/stack.sh starts %s, %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$app" "$launch_how" >>"$log_file"
    # shellcheck disable=SC2086
    ONEC_DATA_DIR="$data_dir" SOINDI_DATA_DIR="$data_dir" DMS_DATA_DIR="$data_dir" CRM_DATA_DIR="$data_dir" \
        CONSOLE_DATA_DIR="$data_dir" SERVER_PORT="$(port_of "$app")" \
        nohup env "${app_env[@]}" "$JAVA_HOME/bin/java" $JAVA_OPTS "${launch[@]}" >>"$log_file" 2>&1 &
    echo $! >"$pid_file"
    log "started $app (pid $!, port $(port_of "$app"), ${launch_how}, log $log_file)"
}

# The settings of $RUN_DIR/env/<app>.env, this app's only, as KEY=VALUE entries ended by NUL bytes (env_file_entries)
app_settings() {
    local file="$RUN_DIR/env/$1.env"
    [[ -f "$file" ]] || return 0
    env_file_entries "$file"
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
            && ONEC_DATA_DIR="$data" SOINDI_DATA_DIR="$data" DMS_DATA_DIR="$data" CRM_DATA_DIR="$data" \
                CONSOLE_DATA_DIR="$data" SERVER_PORT=0 \
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
    use_jdk
    if ! port_open "$RABBITMQ_HOST" "${RABBITMQ_PORT:-5672}"; then
        log "RabbitMQ is not reachable at $RABBITMQ_HOST:${RABBITMQ_PORT:-5672}: start it (rabbitmq-server -detached)"
        exit 1
    fi
    ensure_vhost
    ensure_app_users
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
        "the dead-letter console at http://127.0.0.1:$(port_of hub-console)/dead-letters," \
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
    use_jdk
    for app in "$@"; do start_app "$app" append; done
    await_healthy "$@" || exit 1
}

# restart APP...: stops the apps named (SIGTERM), starts them again (appending to their logs), waits until healthy
restart() {
    local app
    apps_named "$@"
    load_settings
    use_jdk
    for app in "$@"; do stop_app "$app"; done
    for app in "$@"; do start_app "$app" append; done
    await_healthy "$@" || exit 1
}

# One line per app: its process id (- when this runner has none running), port and health; fails when one is not UP
status() {
    load_settings
    local app pid health not_up=0
    printf '%-16s %-8s %-6s %s\n' APP PID PORT HEALTH
    for app in "${APPS[@]}"; do
        pid=$(running_pid "$app") || pid=-
        health=$(health_of "$app")
        if [[ "$pid" == - && "$health" != "no answer" ]]; then
            health+=" (not started from $RUN_DIR)"
        elif [[ "$pid" == - ]]; then
            health="not running"
        fi
        [[ "$health" == UP* ]] || not_up=$((not_up + 1))
        printf '%-16s %-8s %-6s %s\n' "$app" "$pid" "$(port_of "$app")" "$health"
    done
    ((not_up == 0)) || { log "$not_up of ${#APPS[@]} apps are not UP (logs in $RUN_DIR/logs)"; return 1; }
}

# The queues the Python examples (examples/python) declare and leave behind, bound or not
EXAMPLE_QUEUES=(python_queue_1 python_queue_2 warehouse_odoo_events)

# reset [QUEUE...]: empties the hub's work, retry and dead-letter queues and deletes the Python examples' queues and
# the QUEUEs named, in RABBITMQ_VHOST, through the management API. Messages a running app holds unacknowledged are
# not purged: stop the stack first for empty queues.
reset() {
    load_settings
    local vhost queues name purged=0 deleted=0 delete=("${EXAMPLE_QUEUES[@]}" "$@")
    vhost=$(url_segment "${RABBITMQ_VHOST:-/}")
    if ! queues=$(management GET "/queues/$vhost?columns=name"); then
        log "cannot list the queues of virtual host ${RABBITMQ_VHOST:-/} through the management API at" \
            "http://${RABBITMQ_HOST}:${RABBITMQ_MANAGEMENT_PORT:-15672} (rabbitmq-plugins enable rabbitmq_management)"
        exit 1
    fi
    while IFS= read -r name; do
        [[ -n "$name" ]] || continue
        if [[ " ${delete[*]} " == *" $name "* ]]; then
            management DELETE "/queues/$vhost/$(url_segment "$name")" >/dev/null
            log "deleted $name"
            deleted=$((deleted + 1))
        elif [[ "$name" =~ ^(1c_queue|dms_queue|crm_queue|odoo_events)(\.retry\..+)?$ \
            || "$name" =~ ^(1c|dms|crm|odoo_events)_dead_letter_queue$ ]]; then
            management DELETE "/queues/$vhost/$(url_segment "$name")/contents" >/dev/null
            purged=$((purged + 1))
        fi
    done < <(grep -o '"name":"[^"]*"' <<<"$queues" | sed 's/^"name":"//; s/"$//')
    log "virtual host ${RABBITMQ_VHOST:-/}: emptied $purged of the hub's queues, deleted $deleted other queue(s)"
}

# --- a RabbitMQ cluster of this machine's installation ------------------------------------------------------------

CLUSTER_SIZE=${CLUSTER_SIZE:-3}
CLUSTER_PORT=${CLUSTER_PORT:-5701}
RABBITMQ_SBIN=${RABBITMQ_SBIN:-/usr/lib/rabbitmq/bin}

# Runs a command with node N's environment: its name, ports, directories and the cluster's cookie (in its HOME)
with_node() {
    local n=$1 dir="$RUN_DIR/cluster/node-$1" port=$((CLUSTER_PORT + $1 - 1))
    shift
    env HOME="$dir/home" RABBITMQ_NODENAME="hubcluster-$n@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
        RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT=$((port + 20000)) RABBITMQ_MNESIA_BASE="$dir/mnesia" \
        RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
        RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_PID_FILE="$dir/rabbitmq.pid" "$@"
}

ctl_node() { local n=$1; shift; with_node "$n" "$RABBITMQ_SBIN/rabbitmqctl" -n "hubcluster-$n@localhost" "$@"; }

cluster_addresses() {
    local n addresses=()
    for ((n = 1; n <= CLUSTER_SIZE; n++)); do addresses+=("127.0.0.1:$((CLUSTER_PORT + n - 1))"); done
    (IFS=,; echo "${addresses[*]}")
}

cluster_up() {
    local n dir cookie
    [[ -x "$RABBITMQ_SBIN/rabbitmq-server" ]] || { log "no RabbitMQ installation at $RABBITMQ_SBIN"; exit 1; }
    mkdir -p "$RUN_DIR/cluster"
    if [[ ! -s "$RUN_DIR/cluster/cookie" ]]; then
        od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$RUN_DIR/cluster/cookie"
    fi
    cookie=$(cat "$RUN_DIR/cluster/cookie")
    for ((n = 1; n <= CLUSTER_SIZE; n++)); do
        dir="$RUN_DIR/cluster/node-$n"
        # the cookie first: the CLI tools need it (in the node's HOME) to ask the node anything
        mkdir -p "$dir/home"
        rm -f "$dir/home/.erlang.cookie"
        printf '%s' "$cookie" >"$dir/home/.erlang.cookie"
        chmod 400 "$dir/home/.erlang.cookie"
        if ctl_node "$n" -q status >/dev/null 2>&1; then
            log "hubcluster-$n@localhost runs already"
            continue
        fi
        if port_open 127.0.0.1 $((CLUSTER_PORT + n - 1)); then
            log "port $((CLUSTER_PORT + n - 1)) is taken by something else: set CLUSTER_PORT"
            exit 1
        fi
        printf 'management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = %d\n' \
            $((CLUSTER_PORT + n - 1 + 10000)) >"$dir/rabbitmq.conf"
        echo '[rabbitmq_management].' >"$dir/enabled_plugins"
        with_node "$n" "$RABBITMQ_SBIN/rabbitmq-server" -detached >>"$dir/console.log" 2>&1
    done
    for ((n = 1; n <= CLUSTER_SIZE; n++)); do
        ctl_node "$n" -q await_startup --timeout "$STARTUP_TIMEOUT" >/dev/null \
            || { log "hubcluster-$n@localhost did not start (see $RUN_DIR/cluster/node-$n)"; exit 1; }
    done
    for ((n = 2; n <= CLUSTER_SIZE; n++)); do
        if ctl_node 1 -q cluster_status --formatter json | grep -q "hubcluster-$n@localhost"; then
            continue
        fi
        if ! { ctl_node "$n" -q stop_app && ctl_node "$n" -q join_cluster hubcluster-1@localhost \
            && ctl_node "$n" -q start_app; }; then
            log "hubcluster-$n@localhost did not join the cluster (see $RUN_DIR/cluster/node-$n/log)"
            exit 1
        fi
    done
    ctl_node 1 -q await_online_nodes "$CLUSTER_SIZE" --timeout "$STARTUP_TIMEOUT" >/dev/null
    # odoo_events and its dead-letter queue are classic queues: mirrored to every node (RabbitMQ 3.x), else on one
    if ! ctl_node 1 -q set_policy --apply-to queues hub-odoo-events-mirrored '^odoo_events' \
        '{"ha-mode":"all","ha-sync-mode":"automatic"}' >/dev/null; then
        log "could not mirror odoo_events (RabbitMQ 4 has no mirrored classic queues): it lives on one node"
    fi
    log "a cluster of $CLUSTER_SIZE nodes runs (management at http://127.0.0.1:$((CLUSTER_PORT + 10000))); give" \
        "the apps SPRING_RABBITMQ_ADDRESSES=$(cluster_addresses) (e.g. in .env, with RABBITMQ_PORT=$CLUSTER_PORT" \
        "and RABBITMQ_MANAGEMENT_PORT=$((CLUSTER_PORT + 10000)) for this runner)"
}

cluster_down() {
    local n
    for ((n = CLUSTER_SIZE; n >= 1; n--)); do
        [[ -f "$RUN_DIR/cluster/node-$n/home/.erlang.cookie" ]] || continue
        if ctl_node "$n" -q stop >/dev/null 2>&1; then log "stopped hubcluster-$n@localhost"; fi
    done
}

cluster_status() {
    local n running=0
    for ((n = 1; n <= CLUSTER_SIZE; n++)); do
        if [[ -f "$RUN_DIR/cluster/node-$n/home/.erlang.cookie" ]] && ctl_node "$n" -q status >/dev/null 2>&1; then
            printf 'hubcluster-%s@localhost  running  amqp 127.0.0.1:%s\n' "$n" $((CLUSTER_PORT + n - 1))
            running=$((running + 1))
        else
            printf 'hubcluster-%s@localhost  not running\n' "$n"
        fi
    done
    ((running == CLUSTER_SIZE))
}

cluster() {
    case "${1:-}" in
        up) cluster_up ;;
        down) cluster_down ;;
        status) cluster_status ;;
        *) log "cluster up|down|status"; exit 2 ;;
    esac
}

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }

produce() {
    load_settings
    use_jdk
    local jar launch=() launch_how
    jar=$(jar_of odoo-producer)
    launch_args odoo-producer "$jar"
    local user_env=()
    mapfile -d '' -t user_env < <(app_user_env odoo-producer)
    # shellcheck disable=SC2086
    env "${user_env[@]}" "$JAVA_HOME/bin/java" $JAVA_OPTS "${launch[@]}" "$@"
}

case "${1:-}" in
    up) shift; up "$@" ;;
    down) load_settings; down ;;
    status) status ;;
    produce) shift; produce "$@" ;;
    train) load_settings; use_jdk; train ;;
    start) shift; start "$@" ;;
    stop) shift; apps_named "$@"; load_settings; for app in "$@"; do stop_app "$app"; done ;;
    restart) shift; restart "$@" ;;
    kill) shift; apps_named "$@"; load_settings; for app in "$@"; do stop_app "$app" kill; done ;;
    reset) shift; reset "$@" ;;
    cluster) shift; cluster "$@" ;;
    -h | --help | help) usage ;;
    "") usage >&2; exit 2 ;;
    *) log "unknown command '$1'" >&2; usage >&2; exit 2 ;;
esac
