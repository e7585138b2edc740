"""Load test of the web app: 2 clients × 200 requests on loopback, latency percentiles.

    python bench/web_load.py                       # 2 clients × 200 requests
    python bench/web_load.py --clients 4 --requests 500 --output /tmp/web.json

Starts `parallax serve` in its own process on a free loopback port (models loaded before
it answers), then runs the clients as threads, each cycling through the same mix:
GET /api/health, POST /api/compare of a small built-in pair, GET / (the compare page),
GET /api/health, POST /api/compare. The same pair is compared every time, so after the
first request the sentence vectors are cached: the figures are the web layer plus the
pipeline's warm path, and the in-process baseline, `compare()` + `render_json()` timed
in this process before the load, is warm in the same way. At the end the server must
still answer /api/health. The Markdown goes to stdout, the results to
`bench/results/web_load.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from parallax.compare import compare
from parallax.report import render_json
from parallax.web.inputs import record_article

RESULTS = Path(__file__).parent / "results" / "web_load.json"
PAIR = {
    "articles": [
        {
            "source": "Herald",
            "text": "The Harbour Bridge was closed on Tuesday after a storm damaged its cables. "
            "Officials said repairs would take two weeks.\n\n"
            'The mayor called the damage "serious" and promised help for local shops.',
        },
        {
            "source": "Courier",
            "text": "A storm damaged the cables of the Harbour Bridge, which was shut on Tuesday. "
            "Repairs are expected to last about a fortnight, officials said.\n\n"
            "Ferries will run every 15 minutes while the bridge is closed.",
        },
    ]
}
MIX = ("health", "compare", "page", "health", "compare")


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    """`parallax serve` on loopback, once it answers /api/health."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "parallax", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {server.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not answer within 300 s")


def in_process_ms(repeats: int) -> float:
    """Median time of compare() + render_json() on the pair, warm, in this process."""
    articles = [record_article(a, number=n) for n, a in enumerate(PAIR["articles"], 1)]
    render_json(compare(articles))  # loads the models and fills the caches
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        render_json(compare(articles))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def client(base: str, requests: int, samples: dict[str, list[float]], errors: list[str]) -> None:
    """One client: `requests` requests of the mix, one after the other."""
    with httpx.Client(base_url=base, timeout=180) as http:
        for number in range(requests):
            kind = MIX[number % len(MIX)]
            started = time.perf_counter()
            try:
                if kind == "health":
                    response = http.get("/api/health")
                elif kind == "page":
                    response = http.get("/")
                else:
                    response = http.post("/api/compare", json=PAIR)
                ok = response.status_code == 200
                detail = f"{kind}: HTTP {response.status_code}"
            except httpx.HTTPError as err:
                ok, detail = False, f"{kind}: {type(err).__name__}"
            elapsed = (time.perf_counter() - started) * 1000
            samples[kind].append(elapsed)
            if not ok:
                errors.append(detail)


def percentiles(values: list[float]) -> dict[str, float]:
    """p50, p90 and p99 of `values`, in milliseconds."""
    p50, p90, p99 = np.percentile(values, [50, 90, 99])
    return {"p50": round(float(p50), 1), "p90": round(float(p90), 1), "p99": round(float(p99), 1)}


def main() -> None:
    """Run the load test and print its Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--requests", type=int, default=200, help="per client")
    parser.add_argument("--repeats", type=int, default=20, help="in-process timings")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()

    baseline = in_process_ms(args.repeats)
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    samples: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    try:
        started = time.perf_counter()
        threads = [
            threading.Thread(target=client, args=(base, args.requests, samples, errors))
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        alive = server.poll() is None and httpx.get(base + "/api/health").status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)

    total = sum(len(v) for v in samples.values())
    results: dict[str, Any] = {
        "clients": args.clients,
        "requests_per_client": args.requests,
        "wall_s": round(wall, 2),
        "requests_per_s": round(total / wall, 1),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "server_alive_after": alive,
        "in_process_compare_ms": round(baseline, 1),
        "latency_ms": {kind: percentiles(v) for kind, v in sorted(samples.items())},
        "compare_p50_over_in_process": round(
            float(np.percentile(samples["compare"], 50)) / baseline, 2
        ),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", "utf-8")

    print(f"{args.clients} clients × {args.requests} requests, {wall:.1f} s, "
          f"{results['requests_per_s']} requests/s, {len(errors)} errors, "
          f"server alive after: {alive}\n")
    print("| request | n | p50 ms | p90 ms | p99 ms |\n|---|---|---|---|---|")
    for kind, stats in results["latency_ms"].items():
        print(f"| {kind} | {len(samples[kind])} | {stats['p50']} | {stats['p90']} "
              f"| {stats['p99']} |")
    print(f"\nin-process compare() + render_json(): {baseline:.1f} ms (median of "
          f"{args.repeats}); compare request p50 / in-process: "
          f"{results['compare_p50_over_in_process']}")


if __name__ == "__main__":
    main()
