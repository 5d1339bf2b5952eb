#!/usr/bin/env bash
# The hub's benchmarks: throughput and latency of the hub, side by side with RabbitMQ's PerfTest on the same broker.
#
#   benchmarks/run.sh            the full run (about 15 minutes): the figures of docs/benchmarks.md
#   benchmarks/run.sh --quick    short points, for trying things out (5-8 minutes)
#   benchmarks/run.sh --no-build use the jars already built
#   benchmarks/run.sh --wait-quiet[=MINUTES]  first wait (default: up to 30 minutes) until the 1-minute load average
#                                is below 1.5, so that nothing else disturbs the figures
#   other --name=value options go to the runner, e.g. --dms-rates=500,1000 --crm-rates=100 --seconds=60
#
# Needs what the tests need (a JDK 21+, the local RabbitMQ with its management plugin on 127.0.0.1) and a quiet machine:
# the broker, the apps, the load generator and PerfTest share its cores. Starts the stack with scripts/stack.sh in a
# fresh virtual host, measures, stops every app it started and deletes the virtual host. Results go to
# benchmarks/results/<timestamp>/ (results.json, results.md, chart.svg, PerfTest's output, JFR views); the apps'
# logs, the raw per-request records and the JFR recordings to benchmarks/target/run-<timestamp>/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOG_TAG=bench
# shellcheck source=../scripts/lib/common.sh
source scripts/lib/common.sh

build=1
wait_quiet=0
args=()
for arg in "$@"; do
    case $arg in
        --no-build) build=0 ;;
        --wait-quiet) wait_quiet=30 ;;
        --wait-quiet=*) wait_quiet=${arg#--wait-quiet=} ;;
        --help|-h) sed -n '2,16p' "$0"; exit 0 ;;
        *) args+=("$arg") ;;
    esac
done

ensure_jdk
export JAVA_HOME
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results=benchmarks/results/$stamp
run_dir=$ROOT/benchmarks/target/run-$stamp
vhost=bench-$stamp
mkdir -p "$results" "$run_dir"

mgmt_port=${RABBITMQ_MANAGEMENT_PORT:-15672}
if ! port_open 127.0.0.1 "${RABBITMQ_PORT:-5672}" || ! port_open 127.0.0.1 "$mgmt_port"; then
    log "RabbitMQ (with its management plugin) is not reachable on 127.0.0.1: start it first (see README.md)"
    exit 1
fi

if ((build)); then
    log "building the apps' jars, the benchmarks and PerfTest"
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package \
        -pl fake-creatio,onec-adapter,dms-adapter,crm-adapter,soindi-consumer,odoo-producer,hub-console -am
    # the benchmarks use messaging-test-support's client of the management API (and the parent pom): installed first
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true install -pl messaging-test-support -am
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -f benchmarks/pom.xml package
    ./mvnw -B -q -f benchmarks/perf-test/pom.xml package
fi
# the apps start from their start-up archives, as with scripts/stack.sh up (only missing or stale ones are made)
[[ "${STACK_ARCHIVES:-auto}" == off ]] || scripts/stack.sh train

load1() { cut -d' ' -f1 /proc/loadavg; }
quiet() { awk -v l="$(load1)" 'BEGIN { exit !(l < 1.5) }'; }
if ((wait_quiet > 0)) && ! quiet; then
    log "waiting up to $wait_quiet minutes for the machine to be quiet (load average $(load1))"
    for ((i = 0; i < wait_quiet * 6; i++)); do
        quiet && break
        sleep 10
    done
fi
quiet || log "the machine is busy (load average $(load1)): the figures will be disturbed"

cleanup() {
    # the runner stops the stack itself; this is the safety net when it was interrupted
    RUN_DIR=$run_dir RABBITMQ_VHOST=$vhost bash scripts/stack.sh down >/dev/null 2>&1 || true
    curl -s -o /dev/null -u "${RABBITMQ_USERNAME:-guest}:${RABBITMQ_PASSWORD:-guest}" -X DELETE \
        "http://127.0.0.1:$mgmt_port/api/vhosts/$vhost" || true
}
trap cleanup EXIT

log "results: $results; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -Xmx1g -cp benchmarks/target/benchmarks.jar com.example.hub.bench.BenchmarkRun \
    --root="$ROOT" --results="$results" --run-dir="$run_dir" --vhost="$vhost" "${args[@]+"${args[@]}"}" \
    2>&1 | tee "$results/run.log"
