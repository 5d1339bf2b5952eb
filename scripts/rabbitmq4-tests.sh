#!/usr/bin/env bash
# Runs the messaging tests on RabbitMQ 4 as well: `./mvnw verify` runs them on the machine's RabbitMQ (3.10 on
# Debian 12), the compose stack runs RabbitMQ 4; this proves both. It starts a RabbitMQ 4 container (RABBITMQ_IMAGE:
# the official rabbitmq:4.1-management where it can be pulled, else the stand-in of scripts/local-images.sh) with its
# ports on 127.0.0.1 only, and points the tests at it with RABBITMQ_HOST, RABBITMQ_PORT and RABBITMQ_MANAGEMENT_PORT
# (the first way the test harness finds a broker; each test class still works in a virtual host of its own).
#
#   scripts/rabbitmq4-tests.sh                        common-messaging and the apps' tests (RABBITMQ4_TESTS_MODULES)
#   scripts/rabbitmq4-tests.sh -Dtest=SomeTests       extra Maven arguments are passed on
#
# The Docker engine: the one DOCKER_HOST names, else one started on a socket of its own and stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

LOG_TAG=rabbitmq4-tests
INSTALL_MISSING=1
# shellcheck source=lib/common.sh
source scripts/lib/common.sh

MODULES=${RABBITMQ4_TESTS_MODULES:-common-messaging,onec-adapter,dms-adapter,crm-adapter,soindi-consumer,odoo-producer,hub-console}
AMQP_PORT=${RABBITMQ4_TESTS_PORT:-36672}
MANAGEMENT_PORT=${RABBITMQ4_TESTS_MANAGEMENT_PORT:-36673}
CONTAINER=hub-rabbitmq4-tests

choose_image() {
    if [[ -n "${RABBITMQ_IMAGE:-}" ]]; then return 0; fi
    if docker image inspect rabbitmq:4.1-management >/dev/null 2>&1 \
        || timeout 60 docker pull -q rabbitmq:4.1-management >/dev/null 2>&1; then
        RABBITMQ_IMAGE=rabbitmq:4.1-management
        return 0
    fi
    log "rabbitmq:4.1-management cannot be pulled: using the stand-in built from Debian's packages"
    scripts/local-images.sh
    RABBITMQ_IMAGE=$(scripts/local-images.sh --env | sed -n 's/^RABBITMQ_IMAGE=//p')
}

start_broker() {
    docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
    local port
    for port in "$AMQP_PORT" "$MANAGEMENT_PORT"; do
        if port_open 127.0.0.1 "$port"; then
            log "port $port is taken; free it or choose others (RABBITMQ4_TESTS_PORT, RABBITMQ4_TESTS_MANAGEMENT_PORT)"
            return 1
        fi
    done
    log "starting $RABBITMQ_IMAGE as $CONTAINER (127.0.0.1:$AMQP_PORT, management 127.0.0.1:$MANAGEMENT_PORT)"
    docker run -d --name "$CONTAINER" --hostname rabbitmq4 --memory 1g \
        -p "127.0.0.1:$AMQP_PORT:5672" -p "127.0.0.1:$MANAGEMENT_PORT:15672" "$RABBITMQ_IMAGE" >/dev/null
    local i
    for ((i = 0; i < 120; i++)); do
        if curl -fsS -u guest:guest "http://127.0.0.1:$MANAGEMENT_PORT/api/overview" -o /tmp/rabbitmq4-overview.json \
            2>/dev/null && port_open 127.0.0.1 "$AMQP_PORT"; then
            log "RabbitMQ $(python3 -c 'import json; print(json.load(open("/tmp/rabbitmq4-overview.json"))["rabbitmq_version"])') is up"
            return 0
        fi
        sleep 1
    done
    log "RabbitMQ 4 did not come up within 120s; its log:"
    docker logs --tail 100 "$CONTAINER" >&2 || true
    return 1
}

stop_broker() { docker rm -f "$CONTAINER" >/dev/null 2>&1 || true; }

finish() {
    local status=$?
    if [[ "$status" != 0 ]] && docker inspect "$CONTAINER" >/dev/null 2>&1; then
        log "FAILED (exit $status); the broker's log (last 60 lines):"
        docker logs --tail 60 "$CONTAINER" 2>&1 || true
    fi
    stop_broker
    stop_docker_engine || true
    exit "$status"
}

main() {
    trap finish EXIT
    local start
    start=$(now_s)
    ensure_jdk
    ensure_docker_engine
    choose_image
    start_broker
    log "started in $(since "$start"); ./mvnw verify -pl $MODULES on it"
    local tests
    tests=$(now_s)
    # the engine stays out of the tests' sight: they use the broker named here, not Testcontainers
    env -u DOCKER_HOST RABBITMQ_HOST=127.0.0.1 RABBITMQ_PORT="$AMQP_PORT" RABBITMQ_MANAGEMENT_PORT="$MANAGEMENT_PORT" \
        RABBITMQ_USERNAME=guest RABBITMQ_PASSWORD=guest \
        ./mvnw ${MAVEN_ARGS:--B --no-transfer-progress} -pl "$MODULES" -am verify "$@"
    log "the tests on RabbitMQ 4 passed in $(since "$tests") (all: $(since "$start"))"
}

main "$@"
