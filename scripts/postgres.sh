#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests and trials, on 127.0.0.1 only.
#
#   scripts/postgres.sh start        # prints the URL, e.g. postgresql+psycopg://parallax@127.0.0.1:40123/parallax
#   scripts/postgres.sh stop URL     # (or the port, or the cluster directory) stops it, deletes its data
#   scripts/postgres.sh stop-all     # stops every server this script started
#
# start installs Debian's postgresql with apt-get when no server binaries are found, makes a
# cluster in a temporary directory (trust authentication, listening on 127.0.0.1 and a unix
# socket in that directory only), starts it on a free port and creates the database
# "parallax" owned by the superuser "parallax". The URL is the only line on stdout; messages
# go to stderr. As root, the server runs as the system user "postgres" (it refuses root).
# Durability is traded for speed (fsync off): the data is for tests, never for keeping.
set -euo pipefail

STATE_DIR="${TMPDIR:-/tmp}/parallax-postgres"
DB_USER=parallax
DB_NAME=parallax

say() { echo "postgres.sh: $*" >&2; }
die() { say "$*"; exit 1; }

find_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir 2>/dev/null || true)"
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
    fi
    for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"; return 0
    fi
    return 1
}

install_postgres() {
    command -v apt-get >/dev/null 2>&1 || die "no PostgreSQL found and no apt-get to install it"
    [[ "$(id -u)" == 0 ]] || die "no PostgreSQL found; install it (as root: apt-get install postgresql)"
    say "installing Debian's postgresql (apt-get)…"
    # No default cluster: this script makes its own.
    if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
        mkdir -p /etc/postgresql-common
        echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
    fi
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q --no-install-recommends postgresql >&2; then
        apt-get update -q >&2
        apt-get install -y -q --no-install-recommends postgresql >&2
    fi
}

free_port() {
    python3 - <<'EOF'
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
EOF
}

# Run a server binary as the user that owns the cluster.
as_owner() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    local bindir dir port url attempt
    bindir="$(find_bindir)" || { install_postgres; bindir="$(find_bindir)" || die "PostgreSQL installed but initdb not found"; }
    if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    mkdir -p "$STATE_DIR"
    chmod 1777 "$STATE_DIR"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/parallax-pg.XXXXXX")"
    [[ "$(id -u)" == 0 ]] && chown postgres: "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U "$DB_USER" --auth=trust -E UTF8 --locale=C \
        --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
    for attempt in 1 2 3 4 5; do
        port="$(free_port)"
        if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null 2>&1; then
            break
        fi
        port=""
        say "could not start on a free port (attempt $attempt), retrying"
    done
    if [[ -z "$port" ]]; then
        tail -n 20 "$dir/server.log" >&2 || true
        rm -rf "$dir"
        die "the server did not start"
    fi
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$DB_USER" "$DB_NAME" >&2 \
        || { as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$dir"; die "createdb failed"; }
    echo "$dir" > "$STATE_DIR/$port"
    url="postgresql+psycopg://$DB_USER@127.0.0.1:$port/$DB_NAME"
    say "started PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') in $dir; stop it with: $0 stop $port"
    echo "$url"
}

stop_dir() {
    local dir="$1" bindir
    bindir="$(find_bindir)" || die "PostgreSQL binaries not found"
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
            || as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    case "$dir" in
        "${TMPDIR:-/tmp}"/parallax-pg.*) rm -rf "$dir" ;;
        *) say "left $dir in place (not a directory this script made)" ;;
    esac
}

stop() {
    local target="${1:-}" port dir
    [[ -n "$target" ]] || die "usage: $0 stop URL|PORT|DIR"
    if [[ -d "$target" ]]; then
        stop_dir "$target"
        grep -lx "$target" "$STATE_DIR"/* 2>/dev/null | xargs -r rm -f
        return
    fi
    port="$(sed -E 's#.*:([0-9]+)(/.*)?$#\1#' <<<"$target")"
    [[ "$port" =~ ^[0-9]+$ ]] || die "cannot find a port in '$target'"
    [[ -f "$STATE_DIR/$port" ]] || die "no server started by this script on port $port"
    dir="$(cat "$STATE_DIR/$port")"
    stop_dir "$dir"
    rm -f "$STATE_DIR/$port"
    say "stopped the server on port $port"
}

stop_all() {
    local file
    for file in "$STATE_DIR"/*; do
        [[ -f "$file" ]] || continue
        stop "$(basename "$file")"
    done
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    stop-all) stop_all ;;
    *) echo "usage: $0 start | stop URL|PORT|DIR | stop-all" >&2; exit 2 ;;
esac
