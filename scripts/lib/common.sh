# shellcheck shell=bash
# Shared shell helpers of .ci/run, scripts/*.sh and examples/python/check_examples.sh. Source it; it defines functions
# (and the Docker engine's defaults below) only.

log() { printf '[%s] %s\n' "${LOG_TAG:-hub}" "$*"; }

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# Exports JAVA_HOME as a JDK 21 or newer: the one JAVA_HOME names, else the newest under /usr/lib/jvm, else the one
# whose java is on the PATH. Sets JDK_FOUND_BY to which of these it was. With INSTALL_MISSING=1 it installs one from
# Debian's packages when there is none.
ensure_jdk() {
    if [[ -n "${JAVA_HOME:-}" ]]; then
        local given=""
        [[ -x "$JAVA_HOME/bin/javac" ]] && given=$(java_major "$JAVA_HOME")
        if [[ "$given" =~ ^[0-9]+$ ]] && ((given >= 21)); then
            JDK_FOUND_BY=JAVA_HOME
            return 0
        fi
        log "JAVA_HOME=$JAVA_HOME is not a JDK 21 or newer (${given:+Java }${given:-no javac there}):" \
            "looking for one elsewhere" >&2
    fi
    local candidate best="" best_major=0 major attempt on_path
    for attempt in 1 2; do
        for candidate in /usr/lib/jvm/*; do
            [[ -x "$candidate/bin/javac" ]] || continue
            major=$(java_major "$candidate")
            if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= 21 && major > best_major )); then
                best="$candidate" best_major=$major
            fi
        done
        JDK_FOUND_BY="the newest JDK 21+ under /usr/lib/jvm"
        if [[ -z "$best" ]] && on_path=$(command -v java 2>/dev/null); then
            candidate=$(dirname "$(dirname "$(readlink -f "$on_path")")")
            major=$(java_major "$candidate")
            if [[ -x "$candidate/bin/javac" && "$major" =~ ^[0-9]+$ ]] && ((major >= 21)); then
                best="$candidate" JDK_FOUND_BY="the java on the PATH"
            fi
        fi
        [[ -n "$best" || "$attempt" == 2 || "${INSTALL_MISSING:-0}" != 1 ]] && break
        log "no JDK 21+ found: installing one from Debian's packages"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-21-jdk-headless \
            || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-25-jdk-headless
    done
    if [[ -z "$best" ]]; then
        log "no JDK 21 or newer found (JAVA_HOME, /usr/lib/jvm, the PATH): set JAVA_HOME to one"
        return 1
    fi
    export JAVA_HOME="$best"
}

# ensure_jdk, and a line that says which JDK it found and how
use_jdk() {
    ensure_jdk || return 1
    log "JDK $(java_major "$JAVA_HOME") at $JAVA_HOME (${JDK_FOUND_BY})"
}

# --- .env files -----------------------------------------------------------------------------------------------------
# The settings of a .env file as docker compose reads them, each printed as KEY=VALUE and ended by a NUL byte (a value
# may hold a newline); the Java code reads them alike (DotEnv of messaging-test-support). Blank lines and lines
# starting with # are skipped, as is an "export " before a key. A value in single quotes is taken as it stands, but for
# \' (a quote); one in double quotes has \n, \r, \t, \a, \b, \f, \v, \0 and three octal digits, \$, \" and \\ undone,
# any other backslash kept. An unquoted value ends at the first " #" (a blank, then #: a#b is a#b, as in compose and
# bash), without trailing blanks. Quote a value with blanks (bash needs it). Unlike compose, this does not expand $VAR
# or ${VAR} in a value: such a value is taken as it stands, with a warning. A quoted value must end on its line. A line
# it cannot read is left out, with a warning. Warnings go to stderr.
env_file_entries() {
    local file=$1 line number=0 key rest value
    local assignment='^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$'
    local single_quoted="^'(([^'\\\\]|\\\\.)*)'[[:space:]]*(#.*)?\$"
    local double_quoted='^"(([^"\\]|\\.)*)"[[:space:]]*(#.*)?$'
    while IFS= read -r line || [[ -n "$line" ]]; do
        number=$((number + 1))
        line=${line%$'\r'}
        [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
        if [[ ! "$line" =~ $assignment ]]; then
            log "$file:$number: not a KEY=VALUE line: left out" >&2
            continue
        fi
        key=${BASH_REMATCH[2]} rest=${BASH_REMATCH[3]}
        if [[ "$rest" == "'"* ]]; then
            if [[ ! "$rest" =~ $single_quoted ]]; then
                log "$file:$number: $key: a single-quoted value must end on its line: left out" >&2
                continue
            fi
            unescape_quoted "'" "${BASH_REMATCH[1]}"
        else
            if [[ "$rest" == '"'* ]]; then
                if [[ ! "$rest" =~ $double_quoted ]]; then
                    log "$file:$number: $key: a double-quoted value must end on its line: left out" >&2
                    continue
                fi
                rest=${BASH_REMATCH[1]}
                unescape_quoted '"' "$rest"
                rest=${rest//"\\\$"/}
            else
                value=${rest%%" #"*}
                value=${value%"${value##*[![:space:]]}"}
                [[ "$value" != *[[:space:]]* ]] \
                    || log "$file:$number: $key: bash reads an unquoted value with blanks otherwise: quote it" >&2
                rest=$value
            fi
            [[ "$rest" != *'$'* ]] \
                || log "$file:$number: $key: \$ is taken as it stands here (compose and bash would expand it)" >&2
        fi
        printf '%s=%s\0' "$key" "$value"
    done <"$file"
}

# Sets value (the caller's) to the text of a .env value quoted with $1 (' or "), its escapes undone as compose does
unescape_quoted() {
    local quote=$1 text=$2 next
    value=""
    while [[ -n "$text" ]]; do
        if [[ "${text:0:1}" == "\\" && ${#text} -ge 2 ]]; then
            next=${text:1:1}
            text=${text:2}
            if [[ "$next" == "$quote" ]]; then
                value+=$next
            elif [[ "$quote" == "'" ]]; then
                value+="\\$next"
            else
                case $next in
                    a) value+=$'\a' ;;
                    b) value+=$'\b' ;;
                    f) value+=$'\f' ;;
                    n) value+=$'\n' ;;
                    r) value+=$'\r' ;;
                    t) value+=$'\t' ;;
                    v) value+=$'\v' ;;
                    '$' | '\') value+=$next ;;
                    0)
                        if [[ "$text" =~ ^[0-7]{3} ]]; then
                            printf -v next '%b' "\\0${text:0:3}"
                            value+=$next
                            text=${text:3}
                        else
                            value+="\\0"
                        fi
                        ;;
                    *) value+="\\$next" ;;
                esac
            fi
        else
            value+=${text:0:1}
            text=${text:1}
        fi
    done
}

# Exports the settings of a .env file (env_file_entries) that the environment does not already have: the environment
# wins over the file, as in docker compose
load_env_file() {
    local entry key
    while IFS= read -r -d '' entry; do
        key=${entry%%=*}
        [[ -n "${!key+x}" ]] || export "${entry?}"
    done < <(env_file_entries "$1")
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for_port() {
    local host=$1 port=$2 what=$3 seconds=${4:-90} i
    for ((i = 0; i < seconds; i++)); do
        port_open "$host" "$port" && return 0
        sleep 1
    done
    log "$what at $host:$port did not come up within ${seconds}s"
    return 1
}

# --- Docker engine (scripts/compose-check.sh, scripts/local-images.sh) ------------------------------------------
# An engine this project starts listens on a socket of its own, so that nothing else on the machine (Testcontainers
# in the test suite, say) picks it up by accident; its images and build cache stay in HUB_DOCKER_ROOT between runs.
HUB_DOCKER_SOCK=${HUB_DOCKER_SOCK:-/run/hub-docker.sock}
HUB_DOCKER_ROOT=${HUB_DOCKER_ROOT:-/var/lib/hub-docker}
HUB_DOCKER_PIDFILE=${HUB_DOCKER_PIDFILE:-/run/hub-docker.pid}
HUB_DOCKER_LOG=${HUB_DOCKER_LOG:-/var/log/hub-docker.log}
HUB_DOCKER_STARTED=0

# Seconds since the epoch, and "Ns" since a start taken from it: stage timings in the log.
now_s() { date +%s; }
since() { echo "$(($(now_s) - $1))s"; }

# The Debian release after this machine's, where Compose v2 and Buildx are packaged (bookworm's docker-compose is v1).
next_debian_release() {
    local codename
    # shellcheck source=/dev/null
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    case "$codename" in
        bookworm) echo trixie ;;
        trixie) echo forky ;;
        *) echo "" ;;
    esac
}

# Installs the Compose v2 and Buildx CLI plugins where `docker compose version` does not already answer v2: from this
# release's packages if they are v2, else downloaded (not installed) from the next release's, through a package list
# of their own that leaves this machine's apt sources as they are, and unpacked under /usr/local/lib/docker/cli-plugins.
ensure_docker_cli_plugins() {
    if docker compose version 2>/dev/null | grep -q 'v\?2\.' && docker buildx version >/dev/null 2>&1; then
        return 0
    fi
    local release work plugins=/usr/local/lib/docker/cli-plugins
    release=$(next_debian_release)
    if [[ -z "$release" ]]; then
        log "Docker Compose v2 and Buildx are missing and this is not a Debian release I know: install them as CLI plugins"
        return 1
    fi
    log "installing Docker Compose v2 and Buildx from Debian $release's packages as CLI plugins in $plugins"
    work=$(mktemp -d)
    mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$plugins"
    echo "deb http://deb.debian.org/debian $release main" >"$work/sources.list"
    local apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/nonexistent
        -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root)
    apt-get "${apt_opts[@]}" update -qq
    (cd "$work" && apt-get "${apt_opts[@]}" download -qq docker-compose docker-buildx)
    local deb
    for deb in "$work"/docker-compose_*.deb "$work"/docker-buildx_*.deb; do
        dpkg-deb -x "$deb" "$work/root"
    done
    install -m 0755 "$work/root/usr/libexec/docker/cli-plugins/docker-compose" \
        "$work/root/usr/libexec/docker/cli-plugins/docker-buildx" "$plugins/"
    rm -rf "$work"
    docker compose version
}

# Exports DOCKER_HOST for an engine: the one DOCKER_HOST names if it answers, else one this function starts on
# HUB_DOCKER_SOCK (installing Debian's docker.io first when dockerd is missing). stop_docker_engine stops only the
# engine started here.
ensure_docker_engine() {
    if [[ -n "${DOCKER_HOST:-}" ]] && docker info >/dev/null 2>&1; then
        log "using the Docker engine at $DOCKER_HOST"
        return 0
    fi
    export DOCKER_HOST="unix://$HUB_DOCKER_SOCK"
    if docker info >/dev/null 2>&1; then
        log "using the Docker engine already running at $DOCKER_HOST"
        return 0
    fi
    if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
        log "no Docker engine installed: installing Debian's docker.io"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io iptables
    fi
    log "starting a Docker engine at $DOCKER_HOST (data in $HUB_DOCKER_ROOT, log $HUB_DOCKER_LOG)"
    mkdir -p "$HUB_DOCKER_ROOT"
    # its own bridge network and exec root, so that it does not collide with an engine on the default socket
    dockerd --host "$DOCKER_HOST" --data-root "$HUB_DOCKER_ROOT" --exec-root /run/hub-docker \
        --pidfile "$HUB_DOCKER_PIDFILE" >>"$HUB_DOCKER_LOG" 2>&1 &
    HUB_DOCKER_STARTED=1
    local i
    for ((i = 0; i < 60; i++)); do
        docker info >/dev/null 2>&1 && return 0
        if ! kill -0 "$!" 2>/dev/null; then break; fi
        sleep 1
    done
    log "the Docker engine did not start; the end of $HUB_DOCKER_LOG:"
    tail -n 30 "$HUB_DOCKER_LOG" >&2
    return 1
}

stop_docker_engine() {
    [[ "$HUB_DOCKER_STARTED" == 1 && -f "$HUB_DOCKER_PIDFILE" ]] || return 0
    local pid i
    pid=$(cat "$HUB_DOCKER_PIDFILE")
    log "stopping the Docker engine this run started (pid $pid)"
    kill "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 30; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 1
    done
    log "the Docker engine (pid $pid) did not stop within 30s"
}
