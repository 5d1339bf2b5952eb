#!/usr/bin/env bash
# Runs the compose stack for real and walks the README through it:
#   1. a Docker engine (the one DOCKER_HOST names, else one started on a socket of its own and stopped at the end),
#      Compose v2 and Buildx;
#   2. the base images: the official ones if they can be pulled, else the stand-ins of scripts/local-images.sh;
#   3. docker compose up --build --wait;
#   4. the README's walkthrough: both curl commands reach COMPLETED in the 1C journal, odoo-producer publishes through
#      docker compose run and SOINDI applies the events, every health check is UP, a poison message lands in
#      dms_dead_letter_queue;
#   5. each container's memory; docker compose down -v.
# A failure prints the logs of the containers concerned. Each stage's time is logged.
#
#   scripts/compose-check.sh
#
# The stack runs as compose project "hub-compose-check" with host ports of its own (COMPOSE_CHECK_PORTS below), so
# that it does not collide with the machine's RabbitMQ or a stack run by scripts/stack.sh; set JDK_IMAGE, JRE_IMAGE
# and RABBITMQ_IMAGE to choose the base images yourself.
set -euo pipefail
cd "$(dirname "$0")/.."

LOG_TAG=compose-check
# shellcheck source=lib/common.sh
source scripts/lib/common.sh

PROJECT=${COMPOSE_CHECK_PROJECT:-hub-compose-check}
export RABBITMQ_PORT=${COMPOSE_CHECK_RABBITMQ_PORT:-35672}
export RABBITMQ_MANAGEMENT_PORT=${COMPOSE_CHECK_RABBITMQ_MANAGEMENT_PORT:-35673}
export ONEC_PORT=${COMPOSE_CHECK_ONEC_PORT:-35000}
export DMS_PORT=${COMPOSE_CHECK_DMS_PORT:-35081}
export CRM_PORT=${COMPOSE_CHECK_CRM_PORT:-35082}
export SOINDI_PORT=${COMPOSE_CHECK_SOINDI_PORT:-35083}
export FAKE_CREATIO_PORT=${COMPOSE_CHECK_FAKE_CREATIO_PORT:-35090}
COMPOSE_CHECK_PORTS=("$RABBITMQ_PORT" "$RABBITMQ_MANAGEMENT_PORT" "$ONEC_PORT" "$DMS_PORT" "$CRM_PORT" "$SOINDI_PORT"
    "$FAKE_CREATIO_PORT")
AWAIT_SECONDS=${COMPOSE_CHECK_AWAIT_SECONDS:-300}
TIMINGS=()
STACK_UP=0

compose() { docker compose -p "$PROJECT" "$@"; }

# stage NAME COMMAND...: runs a stage, logs and keeps its time
stage() {
    local name=$1 start
    shift
    start=$(now_s)
    log "--- $name"
    "$@"
    TIMINGS+=("$name: $(since "$start")")
    log "--- $name: done in $(since "$start")"
}

# The official base images where they can be pulled, else the stand-ins (built or found current).
choose_base_images() {
    if [[ -n "${JDK_IMAGE:-}" && -n "${JRE_IMAGE:-}" && -n "${RABBITMQ_IMAGE:-}" ]]; then
        log "base images from the environment: $JDK_IMAGE, $JRE_IMAGE, $RABBITMQ_IMAGE"
        return 0
    fi
    local official=(eclipse-temurin:21-jdk eclipse-temurin:21-jre rabbitmq:4.1-management) image pulled=1
    for image in "${official[@]}"; do
        if ! docker image inspect "$image" >/dev/null 2>&1 && ! timeout 60 docker pull -q "$image" >/dev/null 2>&1; then
            pulled=0
            break
        fi
    done
    if [[ "$pulled" == 1 ]]; then
        log "using the official base images"
        return 0
    fi
    log "the official base images cannot be pulled: using stand-ins built from Debian's packages"
    scripts/local-images.sh
    local line
    while IFS= read -r line; do export "${line?}"; done < <(scripts/local-images.sh --env)
}

ports_free() {
    local port busy=()
    for port in "${COMPOSE_CHECK_PORTS[@]}"; do
        if port_open 127.0.0.1 "$port"; then busy+=("$port"); fi
    done
    if ((${#busy[@]})); then
        log "host ports ${busy[*]} are taken; free them or choose others (COMPOSE_CHECK_*_PORT)"
        return 1
    fi
}

# every image, odoo-producer's too (profile "tools")
build() { compose --profile tools build; }

up() {
    compose down -v --remove-orphans >/dev/null 2>&1 || true
    STACK_UP=1
    # --build finds every image current after the build stage: this stage is the start until all are healthy
    compose up -d --build --wait --wait-timeout "$AWAIT_SECONDS"
    compose ps --format 'table {{.Service}}\t{{.Status}}'
}

# await SECONDS DESCRIPTION COMMAND...: until COMMAND succeeds
await() {
    local seconds=$1 what=$2 i
    shift 2
    for ((i = 0; i < seconds; i++)); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 1
    done
    log "FAILED: $what within ${seconds}s"
    return 1
}

# the request's state in the 1C journal
status_of() {
    curl -fsS "http://127.0.0.1:$ONEC_PORT/requests/$1" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])'
}

completed() { [[ "$(status_of "$1")" == COMPLETED ]]; }

post() {
    local path=$1 body=$2 code
    code=$(curl -sS -o /tmp/compose-check-answer -w '%{http_code}' -X POST "http://127.0.0.1:$ONEC_PORT$path" \
        -H 'Content-Type: application/json' -d "$body")
    log "POST $path: $code $(cat /tmp/compose-check-answer)"
    [[ "$code" == 202 ]] || { log "FAILED: POST $path answered $code, not 202"; return 1; }
}

rabbit_api() { curl -fsS -u "${RABBITMQ_USERNAME:-guest}:${RABBITMQ_PASSWORD:-guest}" "$@"; }

queue_messages() {
    rabbit_api "http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT/api/queues/%2F/$1" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin).get("messages", 0))'
}

has_messages() { (($(queue_messages "$1") >= $2)); }

products_applied() {
    (($(curl -fsS "http://127.0.0.1:$SOINDI_PORT/products" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') >= 1))
}

walkthrough() {
    local port probe
    # 1. and 2. of the README; 3. both reach COMPLETED in the journal
    post /send_to_dms '{"request_id":"USER_REQ_001","user_id":"U12345","name":"Иванов Иван","email":"ivanov@example.com"}'
    post /send_to_crm '{"request_id":"ORDER_REQ_002","order_id":"ORD9876","status":"Shipped","needs_policy_info":true}'
    await 60 "USER_REQ_001 COMPLETED in the 1C journal" completed USER_REQ_001
    await 60 "ORDER_REQ_002 COMPLETED in the 1C journal" completed ORDER_REQ_002
    log "journal: USER_REQ_001 $(status_of USER_REQ_001), ORDER_REQ_002 $(status_of ORDER_REQ_002)"
    # 5. a poison message (an unknown message type) lands in dms_dead_letter_queue at once
    local before
    before=$(queue_messages dms_dead_letter_queue)
    rabbit_api -X POST -H 'Content-Type: application/json' \
        "http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT/api/exchanges/%2F/main_exchange/publish" \
        -d '{"routing_key":"1c.request.dms.unknown_thing","properties":{"delivery_mode":2,"content_type":"application/json"},"payload_encoding":"string","payload":"{\"request_id\":\"BAD_1\",\"source_system\":\"1C\",\"target_system\":\"DMS\",\"message_type\":\"unknown_thing\",\"payload\":{}}"}' \
        | grep -q '"routed":true' || { log "FAILED: the poison message was not routed"; return 1; }
    await 30 "the poison message in dms_dead_letter_queue" has_messages dms_dead_letter_queue "$((before + 1))"
    log "dms_dead_letter_queue holds $(queue_messages dms_dead_letter_queue) message(s)"
    # 6. event sync: odoo-producer through docker compose run, SOINDI applies the events
    compose run --rm odoo-producer --count=5
    await 60 "SOINDI applied the product events" products_applied
    await 30 "odoo_events drained" has_no_messages odoo_events
    log "SOINDI holds $(curl -fsS "http://127.0.0.1:$SOINDI_PORT/products" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') product(s)"
    # 8. every health check UP
    for port in "$ONEC_PORT" "$DMS_PORT" "$CRM_PORT" "$SOINDI_PORT"; do
        for probe in liveness readiness; do
            probe_up "http://127.0.0.1:$port/actuator/health/$probe"
        done
    done
    probe_up "http://127.0.0.1:$FAKE_CREATIO_PORT/actuator/health"
}

has_no_messages() { (($(queue_messages "$1") == 0)); }

probe_up() {
    local answer
    answer=$(curl -sS "$1" || true)
    if [[ "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["status"])' "$answer" 2>/dev/null)" != UP ]]; then
        log "FAILED: $1 answered: ${answer:-nothing}"
        return 1
    fi
    log "$1: UP"
}

memory() {
    docker stats --no-stream --format 'table {{.Name}}\t{{.MemUsage}}\t{{.CPUPerc}}' \
        $(compose ps -q) | tee /tmp/compose-check-memory.txt
}

down() {
    compose --profile tools down -v --remove-orphans
    STACK_UP=0
}

# The logs of the containers that are not running and healthy; when all are, of every container (the walkthrough
# failed on one of them).
print_failing_logs() {
    [[ "$STACK_UP" == 1 ]] || return 0
    local id name state health failing=()
    for id in $(compose ps -aq); do
        name=$(docker inspect --format '{{ .Name }}' "$id")
        state=$(docker inspect --format '{{ .State.Status }}' "$id")
        health=$(docker inspect --format '{{ if .State.Health }}{{ .State.Health.Status }}{{ else }}none{{ end }}' "$id")
        log "container ${name#/}: $state, health $health"
        if [[ "$state" != running || "$health" == unhealthy || "$health" == starting ]]; then failing+=("$id"); fi
    done
    ((${#failing[@]})) || failing=($(compose ps -aq))
    for id in "${failing[@]}"; do
        log "===== logs of $(docker inspect --format '{{ .Name }}' "$id" | cut -c2-) (last 150 lines)"
        docker logs --tail 150 "$id" 2>&1 || true
    done
}

finish() {
    local status=$?
    if [[ "$status" != 0 ]]; then
        log "FAILED (exit $status)"
        if ! docker info >/dev/null 2>&1; then
            log "the Docker engine at ${DOCKER_HOST:-its default socket} does not answer; the end of $HUB_DOCKER_LOG:"
            tail -n 40 "$HUB_DOCKER_LOG" 2>/dev/null || true
            STACK_UP=0
        fi
        print_failing_logs || true
        if [[ "$STACK_UP" == 1 ]]; then compose down -v --remove-orphans >/dev/null 2>&1 || true; fi
    fi
    stop_docker_engine || true
    local timing
    for timing in "${TIMINGS[@]}"; do log "time of $timing"; done
    exit "$status"
}

main() {
    trap finish EXIT
    local start
    start=$(now_s)
    stage "docker engine" ensure_docker_engine
    stage "compose and buildx" ensure_docker_cli_plugins
    stage "base images" choose_base_images
    ports_free
    stage "compose build" build
    stage "compose up --wait" up
    stage "walkthrough" walkthrough
    stage "memory" memory
    stage "compose down -v" down
    TIMINGS+=("total: $(since "$start")")
    log "the compose stack was built, healthy, walked through and removed"
}

main "$@"
