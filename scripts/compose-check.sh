#!/usr/bin/env bash
# Runs the compose stack for real and walks the README through it:
#   1. a Docker engine (the one DOCKER_HOST names, else one started on a socket of its own and stopped at the end),
#      Compose v2 and Buildx;
#   2. the base images: the official ones if they can be pulled, else the stand-ins of scripts/local-images.sh;
#   3. docker compose up --build --wait;
#   4. the README's walkthrough: both curl commands reach COMPLETED in the 1C journal, odoo-producer publishes through
#      docker compose run and SOINDI applies the events, every health check is UP, a poison message is dead-lettered
#      from dms_queue and shows in the dead-letter console, and the console serves its operator page and the AsyncAPI
#      document;
#   5. the profile observability (README: Operating the hub): its Prometheus started (the stand-in of
#      scripts/local-images.sh where prom/prometheus cannot be pulled) with the metrics client's key, every target up
#      (each app by its service's DNS name, the broker's plugin), every metric name the Grafana dashboard's queries use
#      present (after a replay and a discard in the console), and the queries of the panels marked "checked by
#      compose-check" answering with data; Grafana too when its image can be pulled (there is no stand-in); Prometheus
#      keeps running and must find both instances of each app once they are scaled (6.);
#   5a. each container's memory;
#   6. several instances (README: Running more than one instance): docker compose up --scale onec-adapter=2
#      --scale dms-adapter=2 --scale crm-adapter=2 --scale soindi-consumer=2 --wait; COMPOSE_CHECK_SCALED_REQUESTS
#      (100) requests, /send_to_dms and /send_to_crm in turn, each with an id of its own, posted through the load
#      balancer's port; each must reach COMPLETED with one attempt and one answer (GET /requests/{id} through the
#      balancer), DMS must hold each user once, and every instance must be healthy and have taken its share (SOINDI's
#      of 40 product events); the figures (completed, time, requests per 1C instance, memory of every container) are
#      printed; then docker compose up without --scale brings each app back to one instance, which still works;
#   7. a RabbitMQ cluster (COMPOSE_CHECK_CLUSTER=on, the default; off leaves it out; it adds some 2-3 minutes): the
#      stack goes on with docker compose --profile cluster up, the apps given all three nodes (RABBITMQ_ADDRESSES);
#      the cluster must have 3 nodes and every quorum queue a replica on each; then 4 batches of
#      COMPOSE_CHECK_CLUSTER_REQUESTS (40) requests through 1C: one with every node up, one with rabbitmq-2 stopped
#      (docker compose stop), one while the node the 1C adapter is connected to is stopped (after rabbitmq-2 is back),
#      one with that node down; every request must be answered 202 (posted again with the same id when refused, as
#      a 1C client does) and reach COMPLETED, none answered twice, each DMS user created once; the 1C adapter must
#      have moved to another node; then the stopped node comes back, the cluster has 3 nodes again, every app is
#      healthy and SOINDI takes product events again (and it counts how many of 5 published while rabbitmq, the node
#      of the classic queue odoo_events, was away reached SOINDI);
#   8. docker compose down -v.
# A failure prints the logs of the containers concerned. Each stage's time is logged.
#
#   scripts/compose-check.sh
#
# The stack runs as compose project "hub-compose-check" with host ports of its own (PORT_DEFAULTS below), so
# that it does not collide with the machine's RabbitMQ or a stack run by scripts/stack.sh; set JDK_IMAGE, JRE_IMAGE,
# RABBITMQ_IMAGE, POSTGRES_IMAGE and LB_IMAGE to choose the base images yourself.
set -euo pipefail
cd "$(dirname "$0")/.."

LOG_TAG=compose-check
# shellcheck source=lib/common.sh
source scripts/lib/common.sh

PROJECT=${COMPOSE_CHECK_PROJECT:-hub-compose-check}
# each host port: COMPOSE_CHECK_<NAME> if set, else its default; a default that another process holds (a stack left
# by an earlier run, another checkout's check) is replaced by a free port, a port chosen by hand is not (ports_free)
PORT_DEFAULTS=(RABBITMQ_PORT=35672 RABBITMQ_MANAGEMENT_PORT=35673 ONEC_PORT=35000 DMS_PORT=35081 CRM_PORT=35082
    SOINDI_PORT=35083 CONSOLE_PORT=35085 FAKE_CREATIO_PORT=35090 LB_STATS_PORT=35404 PROMETHEUS_PORT=35091
    GRAFANA_PORT=35030)
# API keys of this run (the apps take them as .env's HUB_API_KEYS_*; README: Security): new ones every run
export HUB_API_KEYS_1C="compose-check-1c-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export HUB_API_KEYS_READER="compose-check-reader-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export HUB_API_KEYS_OPERATOR="compose-check-operator-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export HUB_API_KEYS_METRICS="compose-check-metrics-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export GRAFANA_ADMIN_PASSWORD="compose-check-grafana-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# the scaled stage: instances of each app, and the requests sent through the load balancer
SCALE=(onec-adapter=2 dms-adapter=2 crm-adapter=2 soindi-consumer=2)
SCALED_REQUESTS=${COMPOSE_CHECK_SCALED_REQUESTS:-100}
# the cluster stage: on or off, and the requests of each of its batches
CLUSTER=${COMPOSE_CHECK_CLUSTER:-on}
CLUSTER_REQUESTS=${COMPOSE_CHECK_CLUSTER_REQUESTS:-40}
# the Erlang cookie of the RabbitMQ nodes (.env's RABBITMQ_ERLANG_COOKIE): set from the start, so that the cluster
# stage joins the running node rather than restart it with a new one
export RABBITMQ_ERLANG_COOKIE="compose-check-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# --profile cluster from the cluster stage on, so that every later command sees rabbitmq-2 and rabbitmq-3
PROFILES=()
AWAIT_SECONDS=${COMPOSE_CHECK_AWAIT_SECONDS:-300}
TIMINGS=()
STACK_UP=0

compose() { docker compose -p "$PROJECT" "${PROFILES[@]}" "$@"; }

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
    if [[ -n "${JDK_IMAGE:-}" && -n "${JRE_IMAGE:-}" && -n "${RABBITMQ_IMAGE:-}" && -n "${POSTGRES_IMAGE:-}" \
        && -n "${LB_IMAGE:-}" && -n "${PROMETHEUS_IMAGE:-}" ]]; then
        log "base images from the environment: $JDK_IMAGE, $JRE_IMAGE, $RABBITMQ_IMAGE, $POSTGRES_IMAGE, $LB_IMAGE," \
            "$PROMETHEUS_IMAGE"
        return 0
    fi
    local official=(eclipse-temurin:21-jdk eclipse-temurin:21-jre rabbitmq:4.1-management postgres:17 haproxy:3.0
        "$(compose_image prometheus)")
    local image pulled=1
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

# a TCP port nobody listens on now, from the kernel's ephemeral range
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Exports every host port (PORT_DEFAULTS); fails only when a port set by hand is taken.
ports_free() {
    local entry name port chosen free busy=() moved=()
    for entry in "${PORT_DEFAULTS[@]}"; do
        name=${entry%%=*}
        chosen="COMPOSE_CHECK_$name"
        port=${!chosen:-${entry#*=}}
        if port_open 127.0.0.1 "$port"; then
            if [[ -n "${!chosen:-}" ]]; then
                busy+=("$port")
            else
                free=$(free_port)
                moved+=("$name $port->$free")
                port=$free
            fi
        fi
        export "$name=$port"
    done
    if ((${#moved[@]})); then
        log "default host ports taken by another process, using free ones instead: $(IFS=,; echo "${moved[*]}")"
    fi
    if ((${#busy[@]})); then
        log "host ports ${busy[*]} are taken; free them or choose others (COMPOSE_CHECK_*_PORT)"
        return 1
    fi
}

# the image compose gives a service (its default, or the variable's value)
compose_image() {
    docker compose -p "$PROJECT" --profile observability config --format json \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["services"][sys.argv[1]]["image"])' "$1"
}

# every image, odoo-producer's too (profile "tools")
build() { compose --profile tools build; }

up() {
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
    curl -fsS -H "X-API-Key: $HUB_API_KEYS_1C" "http://127.0.0.1:$ONEC_PORT/requests/$1" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])'
}

completed() { [[ "$(status_of "$1")" == COMPLETED ]]; }

post() {
    local path=$1 body=$2 code
    code=$(curl -sS -o /tmp/compose-check-answer -w '%{http_code}' -X POST "http://127.0.0.1:$ONEC_PORT$path" \
        -H 'Content-Type: application/json' -H "X-API-Key: $HUB_API_KEYS_1C" -d "$body")
    log "POST $path: $code $(cat /tmp/compose-check-answer)"
    [[ "$code" == 202 ]] || { log "FAILED: POST $path answered $code, not 202"; return 1; }
}

rabbit_api() { curl -fsS -u "${RABBITMQ_USERNAME:-guest}:${RABBITMQ_PASSWORD:-guest}" "$@"; }

queue_messages() {
    rabbit_api "http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT/api/queues/%2F/$1" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin).get("messages", 0))'
}

has_messages() { (($(queue_messages "$1") >= $2)); }

# answer_has PATTERN COMMAND...: COMMAND succeeds and its whole output matches PATTERN. Read whole first: grep -q
# reading a pipe stops at the first match and closes it, and the writer's failed write (curl: exit 23) would fail the
# pipe under pipefail
answer_has() {
    local pattern=$1 answer
    shift
    answer=$("$@") && grep -q "$pattern" <<<"$answer"
}

# the dead letters of a request in the console's ledger, as queue/failure kind/reason lines
console_dead_letters() {
    curl -fsS -H "X-API-Key: $HUB_API_KEYS_READER" "http://127.0.0.1:$CONSOLE_PORT/dead-letters?request_id=$1" \
        | python3 -c 'import json,sys
for d in json.load(sys.stdin)["items"]:
    print(d.get("queue"), d.get("failure_kind"), d.get("exception_message"))'
}

in_console() { [[ -n "$(console_dead_letters "$1")" ]]; }

products_applied() {
    (($(curl -fsS -H "X-API-Key: $HUB_API_KEYS_READER" "http://127.0.0.1:$SOINDI_PORT/products" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') >= 1))
}

walkthrough() {
    local port probe
    # 1. and 2. of the README; 3. both reach COMPLETED in the journal
    post /send_to_dms '{"request_id":"USER_REQ_001","user_id":"U12345","name":"Иванов Иван","email":"ivanov@example.com"}'
    post /send_to_crm '{"request_id":"ORDER_REQ_002","order_id":"ORD9876","status":"Shipped","needs_policy_info":true}'
    await 60 "USER_REQ_001 COMPLETED in the 1C journal" completed USER_REQ_001
    await 60 "ORDER_REQ_002 COMPLETED in the 1C journal" completed ORDER_REQ_002
    log "journal: USER_REQ_001 $(status_of USER_REQ_001), ORDER_REQ_002 $(status_of ORDER_REQ_002)"
    # 5. a poison message (an unknown message type) is dead-lettered at once, and the console has it in its ledger
    answer_has '"routed":true' rabbit_api -X POST -H 'Content-Type: application/json' \
        "http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT/api/exchanges/%2F/main_exchange/publish" \
        -d '{"routing_key":"1c.request.dms.unknown_thing","properties":{"delivery_mode":2,"content_type":"application/json"},"payload_encoding":"string","payload":"{\"request_id\":\"BAD_1\",\"source_system\":\"1C\",\"target_system\":\"DMS\",\"message_type\":\"unknown_thing\",\"payload\":{}}"}' \
        || { log "FAILED: the poison message was not routed"; return 1; }
    await 30 "the poison message BAD_1 in the dead-letter console" in_console BAD_1
    log "the console: $(console_dead_letters BAD_1)"
    curl -fsS -o /dev/null "http://127.0.0.1:$CONSOLE_PORT/" || { log "FAILED: the console's operator page"; return 1; }
    answer_has '^asyncapi: 3' curl -fsS "http://127.0.0.1:$CONSOLE_PORT/asyncapi.yaml" \
        || { log "FAILED: the console's AsyncAPI document"; return 1; }
    log "the console serves its operator page and the AsyncAPI document"
    # 6. event sync: odoo-producer through docker compose run, SOINDI applies the events
    compose run --rm odoo-producer --count=5
    await 60 "SOINDI applied the product events" products_applied
    await 30 "odoo_events drained" has_no_messages odoo_events
    log "SOINDI holds $(curl -fsS -H "X-API-Key: $HUB_API_KEYS_READER" "http://127.0.0.1:$SOINDI_PORT/products" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') product(s)"
    # 8. every health check UP
    for port in "$ONEC_PORT" "$DMS_PORT" "$CRM_PORT" "$SOINDI_PORT" "$CONSOLE_PORT"; do
        for probe in liveness readiness; do
            probe_up "http://127.0.0.1:$port/actuator/health/$probe"
        done
    done
    probe_up "http://127.0.0.1:$FAKE_CREATIO_PORT/actuator/health"
    # 9. without an API key only the probes answer
    refused_without_key -X POST "http://127.0.0.1:$ONEC_PORT/send_to_dms" -H 'Content-Type: application/json' \
        -d '{"request_id":"NO_KEY_1","user_id":"U1","name":"N","email":"n@example.com"}'
    refused_without_key "http://127.0.0.1:$ONEC_PORT/requests/USER_REQ_001"
    for port in "$ONEC_PORT" "$DMS_PORT" "$CRM_PORT" "$SOINDI_PORT" "$CONSOLE_PORT"; do
        refused_without_key "http://127.0.0.1:$port/actuator/prometheus"
    done
    refused_without_key "http://127.0.0.1:$SOINDI_PORT/products"
    refused_without_key "http://127.0.0.1:$CONSOLE_PORT/dead-letters"
    log "without an API key: 401 with a problem body from every endpoint but the probes"
}

has_no_messages() { (($(queue_messages "$1") == 0)); }

# --- the profile observability ---------------------------------------------------------------------------------

DASHBOARD=docker/grafana/dashboards/hub.json
GRAFANA_UP=0

prometheus_api() { curl -fsS "http://127.0.0.1:$PROMETHEUS_PORT/api/v1/$1" "${@:2}"; }

# every target up: at least one per app of the hub, and the broker's two; prints "job service instance health" lines
targets() {
    prometheus_api targets | python3 -c '
import json, sys
for t in json.load(sys.stdin)["data"]["activeTargets"]:
    print(t["labels"]["job"], t["labels"].get("service", "-"), t["labels"]["instance"], t["health"], t.get("lastError", ""))'
}

all_targets_up() {
    local lines
    lines=$(targets)
    [[ -n "$lines" && -z "$(awk '$4 != "up"' <<<"$lines")" ]] || return 1
    for service in onec-adapter dms-adapter crm-adapter soindi-consumer hub-console; do
        grep -q "^hub $service " <<<"$lines" || return 1
    done
    grep -q '^rabbitmq ' <<<"$lines" && grep -q '^rabbitmq-queues ' <<<"$lines"
}

# dashboard COMMAND: the metric names of the dashboard's queries (names), or the queries of the panels marked
# "checked by compose-check", one "title<TAB>query" a line, with Grafana's $__rate_interval as 1m (key-queries)
dashboard() {
    python3 - "$1" "$DASHBOARD" <<'PY'
import json, re, sys

KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
            "inf", "nan"}

def metric_names(expr):
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', "", expr)
    expr = re.sub(r"\{[^}]*\}", "", expr)
    expr = re.sub(r"\[[^\]]*\]", "", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    return {m.group(1) for m in re.finditer(r"(?<![\w:.])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()", expr)
            if m.group(1) not in KEYWORDS}

def panels(items):
    for panel in items:
        yield panel
        yield from panels(panel.get("panels", []))

command, path = sys.argv[1], sys.argv[2]
board = json.load(open(path, encoding="utf-8"))
for panel in panels(board["panels"]):
    for target in panel.get("targets", []):
        expr = target["expr"]
        if command == "names":
            print("\n".join(sorted(metric_names(expr))))
        elif "(checked by compose-check)" in panel.get("description", ""):
            print(panel["title"] + "\t" + expr.replace("$__rate_interval", "1m"))
PY
}

# the metric names of the dashboard that Prometheus has none of; hub_messages_retried_total appears with the first
# retry, which the walkthrough makes none of
missing_metrics() {
    local present
    present=$(prometheus_api label/__name__/values | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["data"]))')
    dashboard names | sort -u | grep -vx hub_messages_retried_total | grep -vxF -f <(printf '%s\n' "$present") || true
}

no_missing_metrics() { [[ -z "$(missing_metrics)" ]]; }

# series QUERY: how many series the instant query answers with
series() {
    prometheus_api query --data-urlencode "query=$1" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["result"]))'
}

# every query of the checked panels answers with at least one series
key_panels_have_data() {
    local title query
    while IFS=$'\t' read -r title query; do
        (($(series "$query") > 0)) || return 1
    done < <(dashboard key-queries)
}

# the console's ledger id of the first dead letter of a request
console_id() {
    curl -fsS -H "X-API-Key: $HUB_API_KEYS_READER" "http://127.0.0.1:$CONSOLE_PORT/dead-letters?request_id=$1" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])'
}

observability() {
    local services=(prometheus) grafana_image
    grafana_image=$(compose_image grafana)
    if docker image inspect "$grafana_image" >/dev/null 2>&1 || timeout 60 docker pull -q "$grafana_image" >/dev/null 2>&1
    then
        services+=(grafana)
        GRAFANA_UP=1
    else
        log "Grafana NOT started: $grafana_image cannot be pulled here and Grafana has no Debian package for a" \
            "stand-in; its dashboard ($DASHBOARD) is checked through its queries against Prometheus below"
    fi
    compose --profile observability up -d --no-build --wait --wait-timeout 120 "${services[@]}"
    # the metrics key reads the meters, as Prometheus sends it, and nothing else
    curl -fsS -o /dev/null -H "Authorization: Bearer $HUB_API_KEYS_METRICS" "http://127.0.0.1:$ONEC_PORT/actuator/prometheus" \
        || { log "FAILED: the metrics key as a Bearer token did not read 1C's /actuator/prometheus"; return 1; }
    [[ "$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $HUB_API_KEYS_METRICS" \
        "http://127.0.0.1:$ONEC_PORT/actuator/health")" == 403 ]] \
        || { log "FAILED: the metrics key was not refused 403 on /actuator/health"; return 1; }
    # a replay and a discard in the console, so that its counters exist: a second poison message replayed (it is
    # dead-lettered again), BAD_1 discarded
    answer_has '"routed":true' rabbit_api -X POST -H 'Content-Type: application/json' \
        "http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT/api/exchanges/%2F/main_exchange/publish" \
        -d '{"routing_key":"1c.request.dms.unknown_thing","properties":{"delivery_mode":2,"content_type":"application/json"},"payload_encoding":"string","payload":"{\"request_id\":\"BAD_OBS_1\",\"source_system\":\"1C\",\"target_system\":\"DMS\",\"message_type\":\"unknown_thing\",\"payload\":{}}"}' \
        || { log "FAILED: the poison message BAD_OBS_1 was not routed"; return 1; }
    await 30 "the poison message BAD_OBS_1 in the dead-letter console" in_console BAD_OBS_1
    curl -fsS -o /dev/null -X POST -H "X-API-Key: $HUB_API_KEYS_OPERATOR" \
        "http://127.0.0.1:$CONSOLE_PORT/dead-letters/$(console_id BAD_OBS_1)/replay" \
        || { log "FAILED: replaying BAD_OBS_1"; return 1; }
    curl -fsS -o /dev/null -X POST -H "X-API-Key: $HUB_API_KEYS_OPERATOR" -H 'Content-Type: application/json' \
        "http://127.0.0.1:$CONSOLE_PORT/dead-letters/$(console_id BAD_1)/discard" -d '{"note":"compose-check"}' \
        || { log "FAILED: discarding BAD_1"; return 1; }
    log "the console replayed BAD_OBS_1 and discarded BAD_1"
    if ! await 90 "every Prometheus target up" all_targets_up; then targets; return 1; fi
    log "Prometheus targets (job service instance health):"
    targets | sed 's/^/    /'
    if ! await 90 "every metric name of the dashboard in Prometheus" no_missing_metrics; then
        log "FAILED: not in Prometheus: $(missing_metrics | tr '\n' ' ')"
        return 1
    fi
    log "all $(dashboard names | sort -u | grep -cvx hub_messages_retried_total) metric names of the dashboard's" \
        "queries are in Prometheus (hub_messages_retried_total, which appears with the first retry:" \
        "$(dashboard names | grep -qx hub_messages_retried_total && (($(series hub_messages_retried_total) > 0)) \
            && echo present || echo absent))"
    if ! await 90 "the checked panels' queries answer with data" key_panels_have_data; then
        local title query
        while IFS=$'\t' read -r title query; do log "  $(series "$query") series: $title: $query"; done \
            < <(dashboard key-queries)
        return 1
    fi
    local title query
    while IFS=$'\t' read -r title query; do log "  $(series "$query") series: $title"; done < <(dashboard key-queries)
    if [[ "$GRAFANA_UP" == 1 ]]; then
        answer_has '"uid":"integration-hub"' curl -fsS -u "admin:$GRAFANA_ADMIN_PASSWORD" \
            "http://127.0.0.1:$GRAFANA_PORT/api/search?query=Integration%20hub" \
            || { log "FAILED: Grafana has not provisioned the hub's dashboard"; return 1; }
        log "Grafana serves the provisioned dashboard Integration hub"
    fi
}

# Prometheus (still running from the observability stage) finds every instance of each scaled app
prometheus_sees_instances() {
    local entry lines
    lines=$(targets)
    for entry in "${SCALE[@]}"; do
        (($(awk -v service="${entry%=*}" '$1 == "hub" && $2 == service && $4 == "up"' <<<"$lines" | wc -l) \
            == ${entry#*=})) || return 1
    done
}

# refused without an API key: 401 with a problem body (README: Security)
refused_without_key() {
    local answer
    answer=$(curl -sS -o /dev/null -w '%{http_code} %{content_type}' "$@" || true)
    [[ "$answer" == "401 application/problem+json"* ]] || { log "FAILED: $* without a key answered: $answer"; return 1; }
}

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
        $(compose ps -q) | tee "${1:-/tmp/compose-check-memory.txt}"
}

# --- several instances -----------------------------------------------------------------------------------------

# the number of the service's containers that are running, with their health check healthy
healthy_instances() {
    local id count=0
    for id in $(compose ps -q "$1"); do
        [[ "$(docker inspect --format '{{ .State.Status }}/{{ if .State.Health }}{{ .State.Health.Status }}{{ end }}' \
            "$id")" == running/healthy ]] && count=$((count + 1))
    done
    echo "$count"
}

# the number of the load balancer's servers of a backend that are UP (its stats page, CSV: pxname, svname, ...,
# status is the 18th column)
lb_servers_up() {
    curl -fsS "http://127.0.0.1:$LB_STATS_PORT/stats;csv" \
        | awk -F, -v backend="$1" '$1 == backend && $2 != "BACKEND" && $18 == "UP" { n++ } END { print n + 0 }'
}

lb_has_servers_up() { (($(lb_servers_up "$1") >= $2)); }

# every instance of every scaled app: running, healthy for Docker, its readiness UP when asked inside its container,
# and seen UP by the load balancer
instances_healthy() {
    local entry service wanted port id answer
    for entry in "${SCALE[@]}"; do
        service=${entry%=*} wanted=${entry#*=}
        case "$service" in
            onec-adapter) port=5000 ;; dms-adapter) port=8081 ;; crm-adapter) port=8082 ;; soindi-consumer) port=8083 ;;
        esac
        if (($(healthy_instances "$service") != wanted)); then
            log "FAILED: $service has $(healthy_instances "$service") healthy instance(s), not $wanted"
            return 1
        fi
        for id in $(compose ps -q "$service"); do
            answer=$(docker exec "$id" curl -sS "http://localhost:$port/actuator/health/readiness" || true)
            if [[ "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["status"])' "$answer" 2>/dev/null)" != UP ]]
            then
                log "FAILED: $(docker inspect --format '{{ .Name }}' "$id" | cut -c2-) readiness: ${answer:-nothing}"
                return 1
            fi
        done
        await 30 "the load balancer sees $wanted instance(s) of $service UP" lb_has_servers_up "$service" "$wanted"
        log "$service: $wanted instance(s), each healthy and ready, $(lb_servers_up "$service") UP in the load balancer"
    done
}

scale_up() {
    local entry args=()
    for entry in "${SCALE[@]}"; do args+=(--scale "$entry"); done
    compose up -d --no-build --wait --wait-timeout "$AWAIT_SECONDS" "${args[@]}"
    compose ps --format 'table {{.Name}}\t{{.Status}}'
    instances_healthy
    # Prometheus's DNS discovery (type A) finds each instance
    await 60 "Prometheus scraping every instance of the scaled apps" prometheus_sees_instances \
        || { targets; return 1; }
    log "Prometheus scrapes $(targets | grep -c '^hub ') app instance(s), each up"
}

# requests post PREFIX FROM COUNT FILE RESEND_SECONDS [RATE]: COUNT requests posted to 1C through the load balancer's
# port, /send_to_dms and /send_to_crm in turn, 8 at a time (RATE: at most RATE a second), ids PREFIX0000 and up from
# FROM; each one's outcome is appended
# to FILE as a JSON line (id, path, HTTP status, posts, time) as soon as it is known. A request refused with 502, 503
# or 504 or a broken connection is posted again with the same id and body, as a 1C client does (README), for up to
# RESEND_SECONDS (0: never); it fails unless every request ends up answered 202.
# requests await FILE KEY SECONDS STRICT: asks GET /requests/{id} (with the API key KEY) for every id of FILE until
# each is COMPLETED, for up to SECONDS; prints sent, 202, completed, failed, undecided and duplicates (more than one
# distinct answer, as the fault suite counts them); fails unless all are COMPLETED without a duplicate, and with
# STRICT=strict also unless each has one attempt and one answer.
requests() {
    python3 - "http://127.0.0.1:$ONEC_PORT" "$HUB_API_KEYS_1C" "$@" <<'PY'
import json, sys, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor

base, key, command = sys.argv[1], sys.argv[2], sys.argv[3]

def post(rid, i, resend_seconds):
    if i % 2 == 0:
        path, body = "/send_to_dms", {"request_id": rid, "user_id": f"U_{rid}", "name": f"User {i}",
                                      "email": f"user{i}@example.com"}
    else:
        path, body = "/send_to_crm", {"request_id": rid, "order_id": f"ORD_{rid}", "status": "Shipped",
                                      "needs_policy_info": i % 4 == 1}
    data, posts, deadline = json.dumps(body).encode(), 0, time.monotonic() + resend_seconds
    while True:
        posts += 1
        request = urllib.request.Request(base + path, data=data, method="POST",
                                         headers={"Content-Type": "application/json", "X-API-Key": key})
        retry_after = 1.0
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                status = answer.status
        except urllib.error.HTTPError as error:
            status = error.code
            retry_after = min(float(error.headers.get("Retry-After") or 1), 5.0)
        except Exception as error:  # noqa: BLE001 - a broken connection: posted again like a refusal
            status = repr(error)
        if status == 202 or status not in (502, 503, 504) and not isinstance(status, str) \
                or time.monotonic() + retry_after > deadline:
            return {"id": rid, "path": path, "status": status, "posts": posts, "at": time.time()}
        time.sleep(retry_after)

def get(rid):
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{base}/requests/{rid}", headers={"X-API-Key": key}),
                                    timeout=10) as answer:
            return json.load(answer)
    except Exception:  # noqa: BLE001 - not there yet, or the balancer between instances: asked again
        return None

if command == "post":
    prefix, first, count, path, resend = sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), sys.argv[7], \
        float(sys.argv[8])
    rate = float(sys.argv[9]) if len(sys.argv) > 9 else 0.0
    start, outcomes = time.monotonic(), []

    def paced(i):
        if rate > 0:
            time.sleep(max(0.0, start + (i - first) / rate - time.monotonic()))
        return post(f"{prefix}{i:04d}", i, resend)

    with open(path, "a", encoding="utf-8") as out, ThreadPoolExecutor(8) as pool:
        for outcome in pool.map(paced, range(first, first + count)):
            outcomes.append(outcome)
            out.write(json.dumps(outcome) + "\n")
            out.flush()
    refused = [(o["id"], o["status"]) for o in outcomes if o["status"] != 202]
    again = sum(1 for o in outcomes if o["status"] == 202 and o["posts"] > 1)
    print(f"posted {count} requests through the load balancer in {time.monotonic() - start:.1f}s: "
          f"{count - len(refused)} answered 202" + (f" ({again} of them after posting again)" if again else "")
          + (f", not 202: {refused[:10]}" if refused else ""), flush=True)
    sys.exit(1 if refused else 0)

path, key, seconds, strict = sys.argv[4], sys.argv[5], float(sys.argv[6]), sys.argv[7] == "strict"
with open(path, encoding="utf-8") as lines:
    posted = [json.loads(line) for line in lines if line.strip()]
accepted = [o["id"] for o in posted if o["status"] == 202]
pending, views, deadline = list(accepted), {}, time.monotonic() + seconds
while pending and time.monotonic() < deadline:
    with ThreadPoolExecutor(8) as pool:
        for rid, view in zip(pending, pool.map(get, pending)):
            if view is not None:
                views[rid] = view
    pending = [rid for rid in pending if views.get(rid, {}).get("state") != "COMPLETED"]
    if pending:
        time.sleep(1)
seconds = time.time() - min(o["at"] for o in posted)

completed = failed = undecided = duplicates = 0
problems, attempts = [], {}
for rid in accepted:
    view = views.get(rid)
    state = view.get("state") if view else None
    if state != "COMPLETED":
        failed += state == "FAILED"
        undecided += state != "FAILED"
        problems.append(f"{rid}: {state or 'not in the journal'}"
                        + (f" ({view.get('reason')})" if view and view.get("reason") else ""))
        continue
    completed += 1
    answers = [r for r in view.get("responses", []) if r.get("message_type") != "retry_scheduled"]
    deciding = [r for r in answers if r.get("deciding")]
    tries = len(view.get("attempts", []))
    attempts[tries] = attempts.get(tries, 0) + 1
    distinct = {r.get("message_id") for r in answers}
    if len(distinct) > 1 or not deciding:
        duplicates += len(distinct) > 1
        problems.append(f"{rid}: {len(distinct)} distinct answer(s), {len(deciding)} deciding")
    elif strict and (tries != 1 or len(answers) != 1):
        problems.append(f"{rid}: {tries} attempt(s), {len(answers)} answer(s), {len(deciding)} deciding")
print(f"sent {len(posted)}, 202 {len(accepted)}, completed {completed}, failed {failed}, undecided {undecided}, "
      f"duplicates {duplicates}, within {seconds:.1f}s of the first post ({len(posted) / seconds:.1f} requests/s "
      f"end to end); attempts per request: "
      + ", ".join(f"{n}: {attempts[n]}" for n in sorted(attempts))
      + (f"; {len(problems)} problem(s): " + "; ".join(problems[:10]) if problems else ""), flush=True)
sys.exit(1 if problems or completed != len(posted) else 0)
PY
}

# SCALED_REQUESTS requests through the load balancer; then each must reach COMPLETED with one attempt and one deciding
# answer, no repeated one
scaled_requests() {
    local run prefix ids=/tmp/compose-check-scaled-requests.jsonl
    run=$(date +%s)
    prefix="SCALE_${run}_"
    rm -f "$ids"
    requests post "$prefix" 0 "$SCALED_REQUESTS" "$ids" 0
    requests await "$ids" "$HUB_API_KEYS_1C" 90 strict
    # DMS created each of the users once (its users table in its database)
    local users expected=$(((SCALED_REQUESTS + 1) / 2))
    users=$(compose exec -T postgres psql -U postgres -d dms -tAc \
        "SELECT count(*) FROM users WHERE user_id LIKE 'U_${prefix}%'")
    log "DMS holds $users user(s) of the $expected /send_to_dms requests"
    [[ "$users" == "$expected" ]] || { log "FAILED: DMS holds $users user(s), not $expected"; return 1; }
    instances_healthy
    # how the load balancer shared out the HTTP requests among the 1C instances
    curl -fsS "http://127.0.0.1:$LB_STATS_PORT/stats;csv" | awk -F, '
        $1 == "onec-adapter" && $2 != "BACKEND" && $18 == "UP" {
            printf "[compose-check] load balancer: 1C instance %s took %s HTTP requests\n", $2, $8 }'
    # every instance of every app logged some of them: each took its share of the queues' messages
    local entry id lines
    for entry in "${SCALE[@]}"; do
        [[ "${entry%=*}" == soindi-consumer ]] && continue
        for id in $(compose ps -q "${entry%=*}"); do
            lines=$(docker logs "$id" 2>&1 | grep -c "$prefix" || true)
            log "$(docker inspect --format '{{ .Name }}' "$id" | cut -c2-): $lines log line(s) naming this run's requests"
            ((lines > 0)) || { log "FAILED: an instance took none of the requests"; return 1; }
        done
    done
    # SOINDI's instances: product events through odoo-producer, applied by both, each product at its latest event
    SOINDI_SINCE=$(date -u +%Y-%m-%dT%H:%M:%S)
    compose run --rm odoo-producer --count=40 2>/dev/null | tail -n 1
    # (not the queue's depth: the management API's figures may be seconds old)
    await 60 "SOINDI's instances took the 40 events" soindi_took_at_least 40
    for id in $(compose ps -q soindi-consumer); do
        log "$(docker inspect --format '{{ .Name }}' "$id" | cut -c2-): took $(soindi_took "$id") of the 40 product events"
    done
    log "SOINDI holds $(curl -fsS -H "X-API-Key: $HUB_API_KEYS_READER" "http://127.0.0.1:$SOINDI_PORT/products" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') product(s)"
    # every work queue is consumed from as many hosts as its app has instances
    local queue hosts
    for entry in 1c_queue=onec-adapter dms_queue=dms-adapter crm_queue=crm-adapter odoo_events=soindi-consumer; do
        queue=${entry%=*}
        hosts=$(rabbit_api "http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT/api/queues/%2F/$queue" | python3 -c '
import json, sys
queue = json.load(sys.stdin)
print(len({c["channel_details"]["peer_host"] for c in queue.get("consumer_details", [])}))')
        log "$queue: consumers on $hosts instance(s) of ${entry#*=}"
        ((hosts == 2)) || { log "FAILED: $queue has consumers on $hosts instance(s), not 2"; return 1; }
    done
}

# the product events a SOINDI instance took since SOINDI_SINCE (its log: "Took N event(s): ..." per batch)
soindi_took() {
    docker logs --since "$SOINDI_SINCE" "$1" 2>&1 | sed -n 's/.*Took \([0-9]*\) event.*/\1/p' \
        | awk '{ n += $1 } END { print n + 0 }'
}

soindi_took_at_least() {
    local id total=0
    for id in $(compose ps -q soindi-consumer); do total=$((total + $(soindi_took "$id"))); done
    ((total >= $1))
}

# back to one instance of each app: compose up without --scale; the load balancer drops the removed instances
scale_down() {
    compose up -d --no-build --wait --wait-timeout "$AWAIT_SECONDS"
    local entry service
    for entry in "${SCALE[@]}"; do
        service=${entry%=*}
        (($(healthy_instances "$service") == 1)) || { log "FAILED: $service is not back to 1 instance"; return 1; }
        await 30 "the load balancer sees 1 instance of $service UP" lb_servers_up_exactly "$service" 1
    done
    post /send_to_dms '{"request_id":"AFTER_SCALE_IN","user_id":"U_AFTER","name":"After","email":"after@example.com"}'
    await 30 "AFTER_SCALE_IN COMPLETED" completed AFTER_SCALE_IN
    log "back to one instance of each app; AFTER_SCALE_IN $(status_of AFTER_SCALE_IN)"
}

lb_servers_up_exactly() { (($(lb_servers_up "$1") == $2)); }

# --- a RabbitMQ cluster (the profile "cluster") ------------------------------------------------------------------

CLUSTER_SERVICES=(rabbitmq rabbitmq-2 rabbitmq-3)

# rabbitmqctl ARGS... on the first node whose container answers (the cluster's state is the same from any of them)
cluster_ctl() {
    local service
    for service in "${CLUSTER_SERVICES[@]}"; do
        compose exec -T "$service" rabbitmqctl -q "$@" 2>/dev/null && return 0
    done
    return 1
}

running_nodes() {
    cluster_ctl cluster_status --formatter json \
        | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["running_nodes"]))'
}

has_running_nodes() { (($(running_nodes) == $1)); }

# the quorum queues, each with its replicas and those online: "1c_queue 3/3 ..."
quorum_replicas() {
    cluster_ctl list_queues name type members online --formatter json | python3 -c '
import json, sys
queues = [q for q in json.load(sys.stdin) if q["type"] == "quorum"]
print(" ".join("%s %d/%d" % (q["name"], len(q["online"]), len(q["members"]))
               for q in sorted(queues, key=lambda q: q["name"])))'
}

# every quorum queue with a replica on each of $1 nodes, all of them online
quorum_replicas_online() {
    local replicas
    replicas=$(quorum_replicas)
    [[ -n "$replicas" ]] && ! grep -qvE "^$1/$1\$" < <(tr ' ' '\n' <<<"$replicas" | sed -n '2~2p')
}

# the services of the nodes a broker user's connections are on (the 1C adapter's: onec): the nodes' addresses those
# connections reached (list_connections' host: a string, or the words of an IPv4 or IPv4-mapped IPv6 address),
# matched to the running nodes' containers
node_of() {
    local hosts service id found=()
    hosts=" $(cluster_ctl list_connections user host --formatter json | python3 -c '
import json, sys

def address(host):
    if isinstance(host, list) and len(host) == 8 and host[:6] == [0, 0, 0, 0, 0, 65535]:
        host = [host[6] >> 8, host[6] & 255, host[7] >> 8, host[7] & 255]
    return ".".join(map(str, host)) if isinstance(host, list) else str(host)

print(" ".join(sorted({address(c["host"]) for c in json.load(sys.stdin) if c["user"] == sys.argv[1]})))' "$1") "
    for service in "${CLUSTER_SERVICES[@]}"; do
        id=$(compose ps -q "$service")
        [[ -n "$id" ]] || continue
        if [[ "$hosts" == *" $(docker inspect --format \
            '{{ range .NetworkSettings.Networks }}{{ .IPAddress }}{{ end }}' "$id") "* ]]; then
            found+=("$service")
        fi
    done
    echo "${found[*]}"
}

connected_elsewhere() { local now; now=$(node_of "$1"); [[ -n "$now" && " $now " != *" $2 "* ]]; }

# each app's broker user and the nodes its connections are on
log_connections() {
    local user
    for user in onec dms crm soindi; do log "broker user $user is connected to: $(node_of "$user")"; done
}

# The running stack goes on as a cluster: rabbitmq-2 and rabbitmq-3 join rabbitmq, the apps are recreated with the
# three addresses; the quorum queues, declared on rabbitmq alone, must grow a replica on each node
cluster_up() {
    PROFILES=(--profile cluster)
    export RABBITMQ_ADDRESSES=rabbitmq:5672,rabbitmq-2:5672,rabbitmq-3:5672
    compose up -d --no-build --wait --wait-timeout "$AWAIT_SECONDS"
    compose ps --format 'table {{.Service}}\t{{.Status}}'
    await 60 "the cluster has 3 running nodes" has_running_nodes 3
    log "cluster_status: $(running_nodes) running nodes"
    await 120 "every quorum queue with a replica on each of the 3 nodes" quorum_replicas_online 3
    log "quorum queues (online/replicas): $(quorum_replicas)"
    log "odoo_events (a classic queue, not replicated in RabbitMQ 4) is on" \
        "$(cluster_ctl list_queues name members --formatter json | python3 -c '
import json, sys
print(" ".join(" ".join(q["members"]) for q in json.load(sys.stdin) if q["name"] == "odoo_events"))')"
    log_connections
}

# CLUSTER_REQUESTS requests a batch through 1C: with every node up; with rabbitmq-2 stopped; while the node the 1C
# adapter is connected to stops (rabbitmq-2 back first: one node away at a time); with it down. Every request must
# complete once. Then the node comes back.
cluster_failover() {
    local ids=/tmp/compose-check-cluster-requests.jsonl prefix service posting
    prefix="CLUSTER_$(date +%s)_"
    rm -f "$ids"
    requests post "$prefix" 0 "$CLUSTER_REQUESTS" "$ids" 60
    compose stop rabbitmq-2
    await 60 "2 running nodes without rabbitmq-2" has_running_nodes 2
    log "rabbitmq-2 stopped; quorum queues (online/replicas): $(quorum_replicas)"
    requests post "$prefix" "$CLUSTER_REQUESTS" "$CLUSTER_REQUESTS" "$ids" 60
    requests await "$ids" "$HUB_API_KEYS_READER" 120 lenient
    compose up -d --no-build --wait --wait-timeout "$AWAIT_SECONDS" rabbitmq-2
    await 60 "3 running nodes with rabbitmq-2 back" has_running_nodes 3
    await 60 "every quorum queue with its 3 replicas online" quorum_replicas_online 3
    log "rabbitmq-2 is back; quorum queues (online/replicas): $(quorum_replicas)"
    service=$(node_of onec)
    [[ -n "$service" && " ${CLUSTER_SERVICES[*]} " == *" $service "* ]] \
        || { log "FAILED: the 1C adapter's connections are on '$service', not on one node of the cluster"; return 1; }
    log "the 1C adapter is connected to $service: stopping it while a batch is posted"
    # 4 a second: the batch goes on for some 10 s, while the node shuts down
    requests post "$prefix" $((2 * CLUSTER_REQUESTS)) "$CLUSTER_REQUESTS" "$ids" 60 4 &
    posting=$!
    await 30 "the first requests of the third batch answered" lines_at_least "$ids" $((2 * CLUSTER_REQUESTS + 2))
    compose stop "$service"
    log "$service stopped after $(($(wc -l <"$ids") - 2 * CLUSTER_REQUESTS)) request(s) of the third batch were answered"
    wait "$posting" || { log "FAILED: requests of the batch posted while $service stopped were not accepted"; return 1; }
    await 60 "the 1C adapter connected to another node than $service" connected_elsewhere onec "$service"
    log "quorum queues (online/replicas) without $service: $(quorum_replicas)"
    log_connections
    SOINDI_SINCE=$(date -u +%Y-%m-%dT%H:%M:%S)
    if [[ "$service" == rabbitmq ]]; then
        # odoo_events (classic) lives on rabbitmq: what a producer meets while it is away (logged, counted below)
        local produced status=0
        produced=$(compose run --rm odoo-producer --count=5 2>&1) || status=$?
        log "odoo-producer while odoo_events' node is away: $(tail -n 1 <<<"$produced") (exit $status)"
    fi
    requests post "$prefix" $((3 * CLUSTER_REQUESTS)) "$CLUSTER_REQUESTS" "$ids" 60
    requests await "$ids" "$HUB_API_KEYS_READER" 180 lenient
    # the DMS created each of the users once
    local users expected
    expected=$(grep -c '"path": "/send_to_dms"' "$ids")
    users=$(compose exec -T postgres psql -U postgres -d dms -tAc \
        "SELECT count(*) FROM users WHERE user_id LIKE 'U_${prefix}%'")
    log "DMS holds $users user(s) of the $expected /send_to_dms requests"
    [[ "$users" == "$expected" ]] || { log "FAILED: DMS holds $users user(s), not $expected"; return 1; }
    # the node comes back: three nodes, every replica online, every app healthy, SOINDI consumes odoo_events again
    compose up -d --no-build --wait --wait-timeout "$AWAIT_SECONDS" "$service"
    await 60 "3 running nodes with $service back" has_running_nodes 3
    await 60 "every quorum queue with its 3 replicas online" quorum_replicas_online 3
    log "$service is back; quorum queues (online/replicas): $(quorum_replicas)"
    local app
    for app in onec-adapter dms-adapter crm-adapter soindi-consumer hub-console; do
        await 120 "$app healthy" one_healthy "$app"
    done
    compose run --rm odoo-producer --count=10 2>/dev/null | tail -n 1
    await 60 "SOINDI took the 10 events" soindi_took_at_least 10
    await 60 "odoo_events drained" odoo_events_empty
    local took
    took=$(soindi_took "$(compose ps -q soindi-consumer)")
    log "every app healthy; SOINDI took $took product event(s) since $service stopped, 10 published after it came" \
        "back$([[ "$service" == rabbitmq ]] && echo ", so $((took - 10)) of the 5 published while it was away")"
}

odoo_events_empty() {
    [[ "$(cluster_ctl list_queues name messages --formatter json | python3 -c '
import json, sys
print(sum(q["messages"] for q in json.load(sys.stdin) if q["name"] == "odoo_events"))')" == 0 ]]
}

lines_at_least() { [[ -f "$1" ]] && (($(wc -l <"$1") >= $2)); }

one_healthy() { (($(healthy_instances "$1") == 1)); }

down() {
    compose --profile tools --profile cluster --profile observability down -v --remove-orphans
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
        if [[ "$STACK_UP" == 1 ]]; then
            compose --profile cluster --profile observability down -v --remove-orphans >/dev/null 2>&1 || true
        fi
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
    # what an interrupted earlier run left on this engine goes first, and with it the host ports it held
    down >/dev/null 2>&1 || true
    ports_free
    stage "compose build" build
    stage "compose up --wait" up
    stage "walkthrough" walkthrough
    stage "observability: Prometheus and the hub's dashboard" observability
    stage "memory" memory
    stage "scale to several instances" scale_up
    stage "requests through the load balancer" scaled_requests
    stage "memory of the scaled stack" memory /tmp/compose-check-memory-scaled.txt
    stage "scale back to one instance" scale_down
    local cluster=""
    if [[ "$CLUSTER" == on ]]; then
        stage "a RabbitMQ cluster: compose --profile cluster up" cluster_up
        stage "a RabbitMQ cluster: requests while nodes are lost" cluster_failover
        cluster=", run on a RabbitMQ cluster that lost a node twice"
    else
        log "the cluster stage is off (COMPOSE_CHECK_CLUSTER=$CLUSTER)"
    fi
    stage "compose down -v" down
    TIMINGS+=("total: $(since "$start")")
    log "the compose stack was built, healthy, walked through, observed by Prometheus, scaled out ($(IFS=' '; echo "${SCALE[*]}"))$cluster," \
        "and removed"
}

main "$@"
