#!/usr/bin/env bash
# Proves the round trips of the Python examples against a real RabbitMQ, in a fresh virtual host that is deleted at
# the end, and exits non-zero on any failure:
#   1. producer_1.py -> python_queue_1 -> consumer_1.py (producer first, consumer drains the backlog)
#   2. producer_2.py -> python_queue_2 -> consumer_2.py (consumer first, gets the messages live)
#   3. odoo_event_producer.py -> odoo_events_exchange -> warehouse_subscriber.py, and its events wait in odoo_events
#   4. odoo_event_producer.py --direct -> odoo_events (declared as a plain durable queue, as older clients do)
#   5. the Java odoo-producer -> odoo_events_exchange -> warehouse_subscriber.py
# The Java side of the other cross-language round trips (the Python producer's events applied by SOINDI) runs in the
# Maven build: soindi-consumer's PythonProducerInteropTests and odoo-producer's WarehouseSubscriberInteropTests.
#
#   examples/python/check_examples.sh [--python-only]
#
# --python-only leaves out check 5, which needs odoo-producer's jar (./mvnw -pl odoo-producer -am package
# -DskipTests), found at ODOO_PRODUCER_JAR or odoo-producer/target/, and a JDK 21+, found as scripts/stack.sh finds one
# (scripts/lib/common.sh: JAVA_HOME if it is a JDK 21+, else the newest under /usr/lib/jvm, else the java on the PATH).
# Broker: RABBITMQ_HOST (127.0.0.1), RABBITMQ_PORT (5672), RABBITMQ_MANAGEMENT_PORT (15672), RABBITMQ_USERNAME and
# RABBITMQ_PASSWORD (guest). Python: PYTHON (/usr/bin/python3, which needs python3-pika).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LOG_TAG="check-examples"
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
PYTHON="${PYTHON:-/usr/bin/python3}"
export RABBITMQ_HOST="${RABBITMQ_HOST:-127.0.0.1}"
export RABBITMQ_PORT="${RABBITMQ_PORT:-5672}"
export RABBITMQ_USERNAME="${RABBITMQ_USERNAME:-guest}"
export RABBITMQ_PASSWORD="${RABBITMQ_PASSWORD:-guest}"
MANAGEMENT="http://${RABBITMQ_HOST}:${RABBITMQ_MANAGEMENT_PORT:-15672}/api"
PYTHON_ONLY=false
[[ "${1:-}" == "--python-only" ]] && PYTHON_ONLY=true
COUNT=20

WORK="$(mktemp -d)"
RABBITMQ_VHOST="examples-$(date +%s)-$$"
export RABBITMQ_VHOST
BACKGROUND=()

management() {
    local method=$1 path=$2 body=${3:-}
    curl -fsS -u "$RABBITMQ_USERNAME:$RABBITMQ_PASSWORD" -X "$method" -H 'content-type: application/json' \
        ${body:+-d "$body"} "$MANAGEMENT$path"
}

cleanup() {
    local pid
    for pid in "${BACKGROUND[@]}"; do kill "$pid" 2>/dev/null || true; done
    management DELETE "/vhosts/$RABBITMQ_VHOST" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# Starts a script in the background, its output in $WORK/<name>.out; sets $STARTED to its process id.
start() {
    local name=$1; shift
    "$PYTHON" "$HERE/$1" "${@:2}" >"$WORK/$name.out" 2>&1 &
    STARTED=$!
    BACKGROUND+=("$STARTED")
}

# Waits (at most 30 s) until a file contains a line starting with a text.
wait_for_line() {
    local file=$1 text=$2 tries
    for ((tries = 0; tries < 150; tries++)); do
        grep -q "^$text" "$file" 2>/dev/null && return 0
        sleep 0.2
    done
    log "no line '$text' in $file:"; cat "$file"
    return 1
}

# How many messages a queue holds, as the broker tells a passive declaration (not the sampled management figures).
queue_depth() {
    "$PYTHON" - "$1" <<'PY'
import sys
sys.path.insert(0, ".")
from hub_examples import connect
connection = connect()
print(connection.channel().queue_declare(queue=sys.argv[1], passive=True).method.message_count)
connection.close()
PY
}

# The JSON objects after the prefix of each matching line, one per line, compacted and sorted by eventId or id.
json_lines() {
    local file=$1 prefix=$2
    grep -E "^$prefix([^{ ][^ ]* )?\{" "$file" | sed -E "s/^$prefix([^{ ][^ ]* )?//" | "$PYTHON" -c '
import json, sys
events = [json.loads(line) for line in sys.stdin if line.strip()]
for event in sorted(events, key=lambda e: e.get("eventId") or e.get("message_id")):
    print(json.dumps(event, sort_keys=True))'
}

same_messages() {
    local what=$1 expected=$2 sent=$3 received=$4 count
    count=$(echo "$sent" | grep -c . || true)
    if [[ "$count" != "$expected" ]]; then
        log "$what: $expected message(s) should have been sent, the output shows $count"
        return 1
    fi
    if ! diff <(echo "$sent") <(echo "$received") >/dev/null; then
        log "$what: the messages received differ from those sent:"
        diff <(echo "$sent") <(echo "$received") || true
        return 1
    fi
    log "$what: $count message(s) sent and received alike"
}

check_pair_backlog() {
    "$PYTHON" "$HERE/producer_1.py" --count "$COUNT" >"$WORK/producer_1.out" 2>&1 || { cat "$WORK/producer_1.out"; return 1; }
    [[ "$(queue_depth python_queue_1)" == "$COUNT" ]] || { log "python_queue_1 does not hold $COUNT messages"; return 1; }
    "$PYTHON" "$HERE/consumer_1.py" --max "$COUNT" --timeout 10 >"$WORK/consumer_1.out" 2>&1 \
        || { cat "$WORK/consumer_1.out"; return 1; }
    same_messages "python_queue_1" "$COUNT" "$(json_lines "$WORK/producer_1.out" 'sent ')" \
        "$(json_lines "$WORK/consumer_1.out" 'received ')" || return 1
    [[ "$(queue_depth python_queue_1)" == 0 ]] || { log "python_queue_1 is not empty: every message must be acked"; return 1; }
}

check_pair_live() {
    start consumer_2 consumer_2.py --max "$COUNT" --timeout 30
    local consumer=$STARTED
    wait_for_line "$WORK/consumer_2.out" "consuming python_queue_2" || return 1
    "$PYTHON" "$HERE/producer_2.py" --count "$COUNT" >"$WORK/producer_2.out" 2>&1 || { cat "$WORK/producer_2.out"; return 1; }
    wait "$consumer" || { log "consumer_2.py failed:"; cat "$WORK/consumer_2.out"; return 1; }
    same_messages "python_queue_2" "$COUNT" "$(json_lines "$WORK/producer_2.out" 'sent ')" \
        "$(json_lines "$WORK/consumer_2.out" 'received ')" || return 1
    [[ "$(queue_depth python_queue_2)" == 0 ]] || { log "python_queue_2 is not empty: every message must be acked"; return 1; }
}

check_odoo_events_to_warehouse() {
    start warehouse warehouse_subscriber.py --queue warehouse_python --max "$COUNT" --timeout 30
    local subscriber=$STARTED
    wait_for_line "$WORK/warehouse.out" "listening on warehouse_python" || return 1
    "$PYTHON" "$HERE/odoo_event_producer.py" --count $((COUNT - 1)) >"$WORK/odoo.out" 2>&1 || { cat "$WORK/odoo.out"; return 1; }
    "$PYTHON" "$HERE/odoo_event_producer.py" --event-type deleted --product-id PROD-CHECK >>"$WORK/odoo.out" 2>&1 \
        || { cat "$WORK/odoo.out"; return 1; }
    wait "$subscriber" || { log "warehouse_subscriber.py failed:"; cat "$WORK/warehouse.out"; return 1; }
    same_messages "odoo_events_exchange -> warehouse_python" "$COUNT" "$(json_lines "$WORK/odoo.out" 'sent ')" \
        "$(json_lines "$WORK/warehouse.out" 'received ')" || return 1
    grep -q '^received product.product_deleted ' "$WORK/warehouse.out" \
        || { log "routing key product.product_deleted missing"; return 1; }
    # the producer declared SOINDI's queue too: the events wait there for SOINDI
    [[ "$(queue_depth odoo_events)" == "$COUNT" ]] || { log "odoo_events does not hold the $COUNT events"; return 1; }
}

check_odoo_events_direct() {
    local before
    before=$(queue_depth odoo_events)
    "$PYTHON" "$HERE/odoo_event_producer.py" --direct --count 3 >"$WORK/direct.out" 2>&1 || { cat "$WORK/direct.out"; return 1; }
    [[ "$(queue_depth odoo_events)" == $((before + 3)) ]] || { log "the direct events did not reach odoo_events"; return 1; }
    local arguments
    arguments=$(management GET "/queues/$RABBITMQ_VHOST/odoo_events" | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["arguments"])')
    [[ "$arguments" == "{}" ]] || { log "odoo_events must have no arguments, has $arguments"; return 1; }
    log "odoo_events: 3 event(s) published straight to the plain durable queue"
}

check_java_producer_to_warehouse() {
    local jar=${ODOO_PRODUCER_JAR:-} candidate
    if [[ -z "$jar" ]]; then
        for candidate in "$ROOT"/odoo-producer/target/odoo-producer-*.jar; do
            [[ -f "$candidate" && "$candidate" != *-plain.jar && "$candidate" != *-sources.jar ]] || continue
            jar=$candidate
            break
        done
    fi
    if [[ -z "$jar" || ! -f "$jar" ]]; then
        log "odoo-producer's jar is missing: build it (./mvnw -pl odoo-producer -am package -DskipTests),"
        log "set ODOO_PRODUCER_JAR, or run with --python-only"
        return 1
    fi
    use_jdk || return 1
    local java="$JAVA_HOME/bin/java"
    start warehouse_java warehouse_subscriber.py --queue warehouse_java --max "$COUNT" --timeout 60
    local subscriber=$STARTED
    wait_for_line "$WORK/warehouse_java.out" "listening on warehouse_java" || return 1
    "$java" -jar "$jar" --count="$COUNT" --event-type=created >"$WORK/java.out" 2>&1 \
        || { log "odoo-producer failed:"; cat "$WORK/java.out"; return 1; }
    wait "$subscriber" || { log "warehouse_subscriber.py failed:"; cat "$WORK/warehouse_java.out"; return 1; }
    same_messages "Java odoo-producer -> warehouse_java" "$COUNT" "$(json_lines "$WORK/java.out" 'confirmed ')" \
        "$(json_lines "$WORK/warehouse_java.out" 'received ')"
}

if ! "$PYTHON" -c 'import pika' 2>/dev/null; then
    log "$PYTHON cannot import pika: apt-get install -y python3-pika (or pip install -r $HERE/requirements.txt)"
    exit 1
fi
management PUT "/vhosts/$RABBITMQ_VHOST" '{}' >/dev/null \
    || { log "cannot create a virtual host through the management API at $MANAGEMENT"; exit 1; }
management PUT "/permissions/$RABBITMQ_VHOST/$RABBITMQ_USERNAME" '{"configure":".*","write":".*","read":".*"}' >/dev/null
log "virtual host $RABBITMQ_VHOST on $RABBITMQ_HOST:$RABBITMQ_PORT"

CHECKS=(check_pair_backlog check_pair_live check_odoo_events_to_warehouse check_odoo_events_direct)
$PYTHON_ONLY || CHECKS+=(check_java_producer_to_warehouse)
passed=0 failed=0
cd "$HERE"
for check in "${CHECKS[@]}"; do
    if "$check"; then
        passed=$((passed + 1)); log "PASSED $check"
    else
        failed=$((failed + 1)); log "FAILED $check"
    fi
done
echo "check-examples: $passed passed, $failed failed"
(( failed == 0 ))
