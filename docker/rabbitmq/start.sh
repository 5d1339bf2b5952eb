#!/bin/bash
# Starts RabbitMQ for compose with the hub's users, permissions and shared topology:
#   - every application's own user, from RABBITMQ_<APP>_USERNAME and RABBITMQ_<APP>_PASSWORD (APP: ONEC, DMS, CRM,
#     SOINDI, ODOO), created or given its password again on every start, with the permissions of app-permissions.conf
#     in the virtual host RABBITMQ_DEFAULT_VHOST (/ by default);
#   - the shared topology of definitions.json (exchanges, queues, bindings; no users, no secrets), imported into it;
#   - the administrator (RABBITMQ_DEFAULT_USER, RABBITMQ_DEFAULT_PASS) is created by the server itself on its first
#     start, for the management UI; guest is deleted when the administrator is another user.
# A definitions file cannot take passwords from the environment, hence this script rather than the server's own
# definitions import. The service is healthy only once it is done (/tmp/hub-broker-ready).
# In a cluster (compose profile "cluster"): HUB_BROKER_ERLANG_COOKIE, when set, becomes the node's Erlang cookie (the
# same on every node: the nodes and their CLI tools authenticate with it); a node given HUB_BROKER_JOIN (the first
# node's name, rabbit@rabbitmq) joins that node's cluster on its first start, once it can reach it, instead of
# configuring the broker: the users, permissions and topology are the cluster's, made by the first node. On a later
# start it is a member already and rejoins by itself.
# Works in the official rabbitmq image (started as root: it gives the data directory, HUB_BROKER_DATA_DIR or
# /var/lib/rabbitmq, to the rabbitmq user and goes on as that user, as the image's entrypoint does) and in the stand-in
# of scripts/local-images.sh (started as rabbitmq). Check the file and the credentials without a broker:
#   bash docker/rabbitmq/start.sh --check
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ready=${HUB_BROKER_READY_FILE:-/tmp/hub-broker-ready}
vhost=${RABBITMQ_DEFAULT_VHOST:-/}

log() { echo "hub-broker: $*" >&2; }

# The user name and password of an application: RABBITMQ_<APP>_USERNAME and RABBITMQ_<APP>_PASSWORD.
credentials() {
    local prefix="RABBITMQ_${1^^}"
    local user_var="${prefix}_USERNAME" password_var="${prefix}_PASSWORD"
    if [[ -z "${!user_var:-}" || -z "${!password_var:-}" ]]; then
        log "$user_var and $password_var must be set (.env): the user of application '$1'"
        return 1
    fi
    user=${!user_var}
    password=${!password_var}
}

# Each line of app-permissions.conf: permissions <app> <configure> <write> <read>, or
# topic-permissions <app> <exchange> <write> <read>. Runs "$1" for each.
each_permission() {
    local kind app a b c rest
    # from descriptor 3: the commands run for each line must not read the file as their standard input
    while read -r -u 3 kind app a b c rest; do
        [[ -z "$kind" || "$kind" == \#* ]] && continue
        if [[ -z "$c" || -n "$rest" || ( "$kind" != permissions && "$kind" != topic-permissions ) ]]; then
            log "unexpected line in app-permissions.conf: $kind $app $a $b $c $rest"
            return 1
        fi
        "$1" "$kind" "$app" "$a" "$b" "$c"
    done 3< "$here/app-permissions.conf"
}

check_line() {
    credentials "$2"
}

apply_line() {
    local kind=$1 app=$2
    credentials "$app"
    if [[ "$kind" == permissions ]]; then
        # the password as an argument: RabbitMQ 4's rabbitmqctl waits for a terminal when it is to read it from its
        # standard input; only this container's own processes see the command line
        if ! rabbitmqctl -q add_user "$user" "$password" </dev/null >/dev/null 2>&1; then
            rabbitmqctl -q change_password "$user" "$password" </dev/null >/dev/null
        fi
        rabbitmqctl -q set_permissions -p "$vhost" "$user" "$3" "$4" "$5" </dev/null
        log "user $user ($app): configure '$3' write '$4' read '$5' in $vhost"
    else
        rabbitmqctl -q set_topic_permissions -p "$vhost" "$user" "$3" "$4" "$5" </dev/null
        log "user $user ($app): topic $3 write '$4' read '$5'"
    fi
}

# The definitions for the virtual host: the file names "/".
definitions_for_vhost() {
    if [[ "$vhost" == / ]]; then
        echo "$here/definitions.json"
        return
    fi
    local escaped=${vhost//\\/\\\\}
    escaped=${escaped//\"/\\\"}
    escaped=${escaped//&/\\&}
    escaped=${escaped//|/\\|}
    sed "s|\"vhost\": \"/\"|\"vhost\": \"$escaped\"|" "$here/definitions.json" > /tmp/hub-definitions.json
    echo /tmp/hub-definitions.json
}

configure() {
    rabbitmqctl -q add_vhost "$vhost" >/dev/null 2>&1 || true
    each_permission apply_line
    rabbitmqctl -q import_definitions "$(definitions_for_vhost)"
    log "shared topology imported into $vhost"
    if [[ -n "${RABBITMQ_DEFAULT_USER:-}" && "${RABBITMQ_DEFAULT_USER}" != guest ]]; then
        rabbitmqctl -q delete_user guest >/dev/null 2>&1 || true
    fi
}

# The Erlang cookie of HUB_BROKER_ERLANG_COOKIE, where the server and rabbitmqctl read it ($HOME/.erlang.cookie);
# without it the node keeps the cookie it made itself on its first start.
write_cookie() {
    [[ -n "${HUB_BROKER_ERLANG_COOKIE:-}" ]] || return 0
    local file="${HOME:-/var/lib/rabbitmq}/.erlang.cookie"
    rm -f "$file"
    (umask 077 && printf '%s' "$HUB_BROKER_ERLANG_COOKIE" >"$file")
    chmod 400 "$file"
}

# Joins the cluster of node $1 (HUB_BROKER_JOIN), unless this node is a member already; waits up to
# HUB_BROKER_JOIN_TIMEOUT seconds (300) for that node to answer.
join() {
    local seed=$1 waited=0 limit=${HUB_BROKER_JOIN_TIMEOUT:-300}
    if rabbitmqctl -q cluster_status --formatter json </dev/null | grep -q "\"$seed\""; then
        log "a member of the cluster of $seed already"
        return 0
    fi
    until rabbitmqctl -q -n "$seed" await_startup --timeout 10 </dev/null >/dev/null 2>&1; do
        if ((waited >= limit)); then
            log "$seed did not answer within ${limit}s (is it running, with the same Erlang cookie," \
                "RABBITMQ_ERLANG_COOKIE?)"
            return 1
        fi
        sleep 2
        waited=$((waited + 2))
    done
    log "joining the cluster of $seed"
    # (each step checked: set -e does not act inside the caller's if)
    rabbitmqctl -q stop_app </dev/null \
        && rabbitmqctl -q join_cluster "$seed" </dev/null \
        && rabbitmqctl -q start_app </dev/null \
        && rabbitmqctl -q await_startup --timeout 120 </dev/null >/dev/null \
        || return 1
    log "joined the cluster of $seed"
}

if [[ "${1:-}" == --check ]]; then
    each_permission check_line
    [[ -s "$here/definitions.json" ]]
    log "app-permissions.conf and the applications' credentials are complete"
    exit 0
fi

if [[ $(id -u) == 0 ]] && id rabbitmq >/dev/null 2>&1; then
    # the official image: its entrypoint hands over to the rabbitmq user only for rabbitmq-* commands
    find "${HUB_BROKER_DATA_DIR:-/var/lib/rabbitmq}" \! -user rabbitmq -exec chown rabbitmq '{}' +
    if command -v gosu >/dev/null; then
        exec gosu rabbitmq bash "${BASH_SOURCE[0]}" "$@"
    fi
    exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups bash "${BASH_SOURCE[0]}" "$@"
fi
[[ -d /usr/lib/rabbitmq/bin ]] && PATH=/usr/lib/rabbitmq/bin:$PATH

if [[ -z "${HUB_BROKER_JOIN:-}" ]]; then
    each_permission check_line
elif [[ -z "${HUB_BROKER_ERLANG_COOKIE:-}" ]]; then
    log "HUB_BROKER_ERLANG_COOKIE must be set (RABBITMQ_ERLANG_COOKIE in .env) to join $HUB_BROKER_JOIN's cluster"
    exit 1
fi
write_cookie
rm -f "$ready"
rabbitmq-server "$@" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true; wait "$server"; exit $?' TERM INT

until rabbitmqctl -q await_startup --timeout 10 >/dev/null 2>&1; do
    if ! kill -0 "$server" 2>/dev/null; then
        wait "$server"
        exit $?
    fi
    sleep 1
done
if [[ -n "${HUB_BROKER_JOIN:-}" ]]; then setup() { join "$HUB_BROKER_JOIN"; }; else setup() { configure; }; fi
if setup; then
    touch "$ready"
    log "ready"
else
    log "setting the broker up failed: stopping it"
    kill -TERM "$server"
fi
wait "$server"
