# Shared shell helpers of .ci/run and scripts/stack.sh. Source it; it defines functions only.

log() { printf '[%s] %s\n' "${LOG_TAG:-hub}" "$*"; }

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# Exports JAVA_HOME as a JDK 21 or newer: the one given, else the newest under /usr/lib/jvm.
# With INSTALL_MISSING=1 it installs one from Debian's packages when there is none.
ensure_jdk() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]]; then
        local given
        given=$(java_major "$JAVA_HOME")
        if [[ "$given" =~ ^[0-9]+$ ]] && (( given >= 21 )); then return 0; fi
    fi
    local candidate best="" best_major=0 major attempt
    for attempt in 1 2; do
        for candidate in /usr/lib/jvm/*; do
            [[ -x "$candidate/bin/javac" ]] || continue
            major=$(java_major "$candidate")
            if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= 21 && major > best_major )); then
                best="$candidate" best_major=$major
            fi
        done
        [[ -n "$best" || "$attempt" == 2 || "${INSTALL_MISSING:-0}" != 1 ]] && break
        log "no JDK 21+ found: installing one from Debian's packages"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-21-jdk-headless \
            || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-25-jdk-headless
    done
    if [[ -z "$best" ]]; then
        log "no JDK 21 or newer found: set JAVA_HOME to one"
        return 1
    fi
    export JAVA_HOME="$best"
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
