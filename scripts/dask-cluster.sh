#!/usr/bin/env bash
# A throw-away Dask cluster on 127.0.0.1 for trials of `--engine dask`.
#
#   scripts/dask-cluster.sh start [N]    # a scheduler and N workers (default 2); prints tcp://127.0.0.1:PORT
#   scripts/dask-cluster.sh stop         # stops what start started
#
# Each worker is one process with one thread (the stages are CPU-bound Python). The
# scheduler and workers listen on 127.0.0.1 only; their logs and pid files are kept in
# $TMPDIR/parallax-dask until stop. The address is the only line on stdout.
set -euo pipefail

STATE_DIR="${TMPDIR:-/tmp}/parallax-dask"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DASK="${DASK:-$ROOT/.venv/bin/dask}"
[[ -x "$DASK" ]] || DASK="$(command -v dask || true)"

say() { echo "dask-cluster.sh: $*" >&2; }
die() { say "$*"; exit 1; }

free_port() {
    "$ROOT/.venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    local workers="${1:-2}"
    [[ "$workers" =~ ^[1-9][0-9]*$ ]] || die "the number of workers must be a positive integer, got '$workers'"
    [[ -n "$DASK" ]] || die "no 'dask' command; pip install 'dask[distributed]'"
    [[ ! -f "$STATE_DIR/address" ]] || die "a cluster is running at $(cat "$STATE_DIR/address"); stop it first"
    mkdir -p "$STATE_DIR"
    local port address
    port="$(free_port)"
    address="tcp://127.0.0.1:$port"
    "$DASK" scheduler --host 127.0.0.1 --port "$port" --dashboard-address 127.0.0.1:0 \
        >"$STATE_DIR/scheduler.log" 2>&1 &
    echo $! >"$STATE_DIR/scheduler.pid"
    for ((n = 1; n <= workers; n++)); do
        "$DASK" worker "$address" --host 127.0.0.1 --nthreads 1 --name "worker-$n" \
            --no-dashboard >"$STATE_DIR/worker-$n.log" 2>&1 &
        echo $! >"$STATE_DIR/worker-$n.pid"
    done
    echo "$address" >"$STATE_DIR/address"
    if ! "$ROOT/.venv/bin/python" - "$address" "$workers" <<'PY'
import sys
from distributed import Client

with Client(sys.argv[1], timeout=30) as client:
    client.wait_for_workers(int(sys.argv[2]), timeout=60)
PY
    then
        stop
        die "the cluster did not start; see the logs above"
    fi
    say "scheduler and $workers workers up (logs in $STATE_DIR)"
    echo "$address"
}

stop() {
    [[ -d "$STATE_DIR" ]] || { say "no cluster running"; return 0; }
    local pidfile
    for pidfile in "$STATE_DIR"/worker-*.pid "$STATE_DIR"/scheduler.pid; do
        [[ -f "$pidfile" ]] || continue
        kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    sleep 1
    for pidfile in "$STATE_DIR"/worker-*.pid "$STATE_DIR"/scheduler.pid; do
        [[ -f "$pidfile" ]] || continue
        kill -9 "$(cat "$pidfile")" 2>/dev/null || true
    done
    rm -rf "$STATE_DIR"
    say "stopped"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) stop ;;
    *) die "usage: $0 start [N] | stop" ;;
esac
