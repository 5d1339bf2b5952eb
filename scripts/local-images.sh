#!/usr/bin/env bash
# Stand-in base images for the compose stack, built from Debian's packages, for machines that cannot pull from
# Docker Hub:
#   hub-local/debian:trixie              a minimal Debian root file system (debootstrap), with this machine's extra CA
#                                        certificates (those update-ca-certificates installed, for a TLS-intercepting
#                                        proxy), imported as an image
#   hub-local/jdk:21, hub-local/jre:21   OpenJDK 21 (openjdk-21-jdk-headless / -jre-headless) on it
#   hub-local/rabbitmq:4-management      Debian's RabbitMQ 4 with the management and Prometheus plugins,
#                                        loopback_users.guest = false
#   hub-local/postgres:17                Debian's PostgreSQL 17, started as the official postgres:17 image is: its data
#                                        in PGDATA=/var/lib/postgresql/data, initialised on the first start with
#                                        POSTGRES_USER/POSTGRES_PASSWORD and /docker-entrypoint-initdb.d/*.sh and *.sql
#   hub-local/haproxy:3.0                Debian's HAProxy 3.0, started as the official haproxy:3.0 image is: its
#                                        configuration in /usr/local/etc/haproxy/haproxy.cfg
#   hub-local/prometheus:debian          Debian's Prometheus (2.x), started as the official prom/prometheus image is:
#                                        /usr/bin/prometheus as entrypoint, as user nobody, data in /prometheus, its
#                                        configuration in /etc/prometheus/prometheus.yml (compose profile observability)
# Grafana has no Debian package: there is no stand-in for it (GRAFANA_IMAGE, from a registry that mirrors it).
# They keep local names: nothing is tagged as an official image. Point the build at them with the variables this
# prints (JDK_IMAGE, JRE_IMAGE, RABBITMQ_IMAGE, POSTGRES_IMAGE, LB_IMAGE, PROMETHEUS_IMAGE; in .env or the
# environment).
#
#   scripts/local-images.sh             build the images that are missing or whose recipe changed
#   scripts/local-images.sh --rebuild   build them all again
#   scripts/local-images.sh --env       print the variables only
#
# Needs a Docker engine (DOCKER_HOST, or the engine scripts/compose-check.sh starts) and, for the root file system,
# root and debootstrap (installed from Debian's packages when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

LOG_TAG=local-images
# shellcheck source=lib/common.sh
source scripts/lib/common.sh

DEBIAN_RELEASE=${LOCAL_IMAGES_RELEASE:-trixie}
DEBIAN_MIRROR=${LOCAL_IMAGES_MIRROR:-http://deb.debian.org/debian}
PREFIX=${LOCAL_IMAGES_PREFIX:-hub-local}
BASE_IMAGE="$PREFIX/debian:$DEBIAN_RELEASE"
JDK_LOCAL="$PREFIX/jdk:21"
JRE_LOCAL="$PREFIX/jre:21"
RABBITMQ_LOCAL="$PREFIX/rabbitmq:4-management"
POSTGRES_LOCAL="$PREFIX/postgres:17"
LB_LOCAL="$PREFIX/haproxy:3.0"
PROMETHEUS_LOCAL="$PREFIX/prometheus:debian"
CA_DIR=/usr/local/share/ca-certificates

print_env() {
    echo "JDK_IMAGE=$JDK_LOCAL"
    echo "JRE_IMAGE=$JRE_LOCAL"
    echo "RABBITMQ_IMAGE=$RABBITMQ_LOCAL"
    echo "POSTGRES_IMAGE=$POSTGRES_LOCAL"
    echo "LB_IMAGE=$LB_LOCAL"
    echo "PROMETHEUS_IMAGE=$PROMETHEUS_LOCAL"
}

# The extra CA certificates of this machine, as a stable listing (names and contents) for the recipes' fingerprints.
ca_fingerprint() {
    if [[ -d "$CA_DIR" ]]; then
        find "$CA_DIR" -type f -name '*.crt' -print0 | sort -z | xargs -0r sha256sum
    fi
}

# An image is current when it exists and carries the fingerprint of the recipe it would be built from now.
recipe_label() { docker image inspect --format '{{ index .Config.Labels "hub.recipe" }}' "$1" 2>/dev/null || true; }

current() {
    local image=$1 fingerprint=$2
    [[ "$REBUILD" == 0 && "$(recipe_label "$image")" == "$fingerprint" ]]
}

build_base() {
    local fingerprint
    fingerprint=$(printf '%s\n%s\n%s\n' "$DEBIAN_RELEASE" "$DEBIAN_MIRROR" "$(ca_fingerprint)" | sha256sum | cut -c1-16)
    if current "$BASE_IMAGE" "$fingerprint"; then
        log "$BASE_IMAGE is current"
        return 0
    fi
    if [[ $(id -u) != 0 ]]; then
        log "building $BASE_IMAGE needs root (debootstrap): run this script as root"
        return 1
    fi
    if ! command -v debootstrap >/dev/null 2>&1; then
        log "installing debootstrap from Debian's packages"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
    fi
    local start root
    start=$(now_s)
    root=$(mktemp -d /var/tmp/hub-rootfs.XXXXXX)
    log "debootstrap $DEBIAN_RELEASE (minbase) into $root"
    if ! debootstrap --variant=minbase --include=ca-certificates "$DEBIAN_RELEASE" "$root" "$DEBIAN_MIRROR" \
        >"$root.log" 2>&1; then
        tail -n 30 "$root.log" >&2
        rm -rf "$root" "$root.log"
        log "debootstrap failed (its log is above)"
        return 1
    fi
    cat >"$root/etc/apt/sources.list" <<EOF
deb $DEBIAN_MIRROR $DEBIAN_RELEASE main
deb $DEBIAN_MIRROR $DEBIAN_RELEASE-updates main
deb ${DEBIAN_MIRROR%/debian}/debian-security $DEBIAN_RELEASE-security main
EOF
    # no services start inside an image build; apt keeps no caches in the images
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 0755 "$root/usr/sbin/policy-rc.d"
    printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$root/etc/apt/apt.conf.d/90hub-local"
    if [[ -d "$CA_DIR" ]] && [[ -n "$(find "$CA_DIR" -type f -name '*.crt' -print -quit)" ]]; then
        log "adding this machine's extra CA certificates ($CA_DIR)"
        cp -a "$CA_DIR/." "$root$CA_DIR/"
        chroot "$root" update-ca-certificates >/dev/null
    fi
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    tar --numeric-owner -C "$root" -c . \
        | docker import --change "LABEL hub.recipe=$fingerprint" --change 'CMD ["bash"]' \
            --change 'ENV LANG=C.UTF-8' - "$BASE_IMAGE" >/dev/null
    rm -rf "$root" "$root.log"
    log "built $BASE_IMAGE in $(since "$start")"
}

# build_from IMAGE DOCKERFILE_TEXT: a small image on the base, from a Dockerfile given on standard input (no context).
build_from() {
    local image=$1 dockerfile=$2 fingerprint start
    fingerprint=$(printf '%s\n%s\n' "$(recipe_label "$BASE_IMAGE")" "$dockerfile" | sha256sum | cut -c1-16)
    if current "$image" "$fingerprint"; then
        log "$image is current"
        return 0
    fi
    start=$(now_s)
    log "building $image"
    if ! printf '%s\n' "$dockerfile" \
        | docker build -q --label "hub.recipe=$fingerprint" --build-arg "BASE=$BASE_IMAGE" -t "$image" - \
            >/dev/null; then
        log "building $image failed"
        return 1
    fi
    log "built $image in $(since "$start")"
}

JDK_DOCKERFILE='ARG BASE
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y openjdk-21-jdk-headless curl unzip \
    && rm -rf /var/lib/apt/lists/*
ENV JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64'

JRE_DOCKERFILE='ARG BASE
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y openjdk-21-jre-headless \
    && rm -rf /var/lib/apt/lists/*
ENV JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64'

# As the official rabbitmq:4-management image: the management and Prometheus plugins, guest allowed from other hosts,
# the node runs as the rabbitmq user with its data in /var/lib/rabbitmq; RABBITMQ_DEFAULT_USER, _PASS and _VHOST are
# read by the server itself.
RABBITMQ_DOCKERFILE='ARG BASE
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y rabbitmq-server \
    && rm -rf /var/lib/apt/lists/* \
    && rabbitmq-plugins enable --offline rabbitmq_management rabbitmq_prometheus >/dev/null \
    && printf "loopback_users.guest = false\nlisteners.tcp.default = 5672\nmanagement.tcp.port = 15672\n" \
        >/etc/rabbitmq/rabbitmq.conf \
    && chown -R rabbitmq:rabbitmq /etc/rabbitmq /var/lib/rabbitmq /var/log/rabbitmq
ENV RABBITMQ_LOGS=- HOME=/var/lib/rabbitmq
USER rabbitmq
EXPOSE 4369 5672 15672 15692 25672
CMD ["/usr/lib/rabbitmq/bin/rabbitmq-server"]'

# The stand-in's entrypoint: what the official postgres image's docker-entrypoint.sh does for compose. On the first
# start (an empty PGDATA) it runs initdb with POSTGRES_USER (postgres) and POSTGRES_PASSWORD, listens on every
# address and allows password logins (scram-sha-256) from other hosts, starts the server on its Unix socket only,
# creates POSTGRES_DB when it is not "postgres", runs /docker-entrypoint-initdb.d/*.sh (executed if executable, else
# sourced) and *.sql, and stops it; then it runs its command (postgres, with the arguments given; "-c ..." alone is
# taken as postgres -c ...).
POSTGRES_ENTRYPOINT='#!/bin/bash
set -euo pipefail
if [[ "${1:-}" == -* ]]; then set -- postgres "$@"; fi
if [[ "${1:-}" == postgres && ! -s "$PGDATA/PG_VERSION" ]]; then
    : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
    export POSTGRES_USER=${POSTGRES_USER:-postgres} POSTGRES_DB=${POSTGRES_DB:-postgres}
    pwfile=$(mktemp)
    printf "%s\n" "$POSTGRES_PASSWORD" >"$pwfile"
    initdb --pgdata="$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
    printf "host all all all scram-sha-256\n" >>"$PGDATA/pg_hba.conf"
    printf "listen_addresses = \x27*\x27\n" >>"$PGDATA/postgresql.conf"
    pg_ctl --pgdata="$PGDATA" --options="-c listen_addresses=\"\"" --wait start >/dev/null
    if [[ "$POSTGRES_DB" != postgres ]]; then
        psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -c "CREATE DATABASE \"$POSTGRES_DB\""
    fi
    for f in /docker-entrypoint-initdb.d/*; do
        case "$f" in
            *.sh) echo "running $f"; if [[ -x "$f" ]]; then "$f"; else . "$f"; fi ;;
            *.sql) echo "running $f"; psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -f "$f" ;;
        esac
    done
    pg_ctl --pgdata="$PGDATA" --mode=fast --wait stop >/dev/null
    echo "PostgreSQL initialised in $PGDATA"
fi
exec "$@"'

# Debian's PostgreSQL 17 without the cluster its package creates; the entrypoint above (no heredoc in the Dockerfile:
# the engine's builder may be too old for one, so it goes in as base64); runs as the postgres user
POSTGRES_DOCKERFILE="ARG BASE
FROM \${BASE}
RUN apt-get update \\
    && apt-get install -y postgresql-17 \\
    && rm -rf /var/lib/apt/lists/* /var/lib/postgresql/17 /etc/postgresql/17 \\
    && mkdir -p /var/lib/postgresql/data /var/run/postgresql /docker-entrypoint-initdb.d \\
    && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql \\
    && chmod 0700 /var/lib/postgresql/data \\
    && echo $(printf '%s\n' "$POSTGRES_ENTRYPOINT" | base64 -w0) | base64 -d >/usr/local/bin/docker-entrypoint.sh \\
    && chmod 0755 /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/lib/postgresql/17/bin:\$PATH PGDATA=/var/lib/postgresql/data
USER postgres
VOLUME /var/lib/postgresql/data
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT [\"docker-entrypoint.sh\"]
CMD [\"postgres\"]"

# Debian's HAProxy, run in the foreground as the haproxy user, its configuration where the official image has it
LB_DOCKERFILE='ARG BASE
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y haproxy \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /usr/local/etc/haproxy
USER haproxy
STOPSIGNAL SIGUSR1
CMD ["haproxy", "-W", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]'

# Debian's Prometheus as the official image runs: the compose service gives its flags (--config.file, --storage.tsdb.path)
# as its command; wget for the health check, as in the official image (busybox)
PROMETHEUS_DOCKERFILE='ARG BASE
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y prometheus wget \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /prometheus \
    && chown nobody:nogroup /prometheus
USER nobody
WORKDIR /prometheus
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]'

main() {
    REBUILD=0
    case "${1:-}" in
        --env) print_env; return 0 ;;
        --rebuild) REBUILD=1 ;;
        "") ;;
        *) log "unknown option $1 (--rebuild, --env)"; return 2 ;;
    esac
    if [[ -z "${DOCKER_HOST:-}" ]] && ! docker info >/dev/null 2>&1; then
        log "no Docker engine answers: set DOCKER_HOST, or run scripts/compose-check.sh, which starts one"
        return 1
    fi
    local start
    start=$(now_s)
    build_base
    build_from "$JDK_LOCAL" "$JDK_DOCKERFILE"
    build_from "$JRE_LOCAL" "$JRE_DOCKERFILE"
    build_from "$RABBITMQ_LOCAL" "$RABBITMQ_DOCKERFILE"
    build_from "$POSTGRES_LOCAL" "$POSTGRES_DOCKERFILE"
    build_from "$LB_LOCAL" "$LB_DOCKERFILE"
    build_from "$PROMETHEUS_LOCAL" "$PROMETHEUS_DOCKERFILE"
    log "stand-in images ready in $(since "$start"); use them with:"
    print_env | sed 's/^/    /'
}

main "$@"
