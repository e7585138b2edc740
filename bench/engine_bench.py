"""Benchmark the engines: sketching and MinHash signing of AllSides articles, 1 and 2 workers.

    python bench/engine_bench.py                 # 5,000 articles
    python bench/engine_bench.py --articles 2000 --repeats 1

The per-article stages that `--engine` runs (`cluster.sketch_articles` and the MinHash
signing of ingest) are timed on the first N articles of
`../shared/data/allsides-articles/articles.jsonl.gz`, read and extracted once as ingest
reads them (`corpus.formats`, timed too), with the local engine on 1 and 2 worker
processes and a Dask LocalCluster (127.0.0.1) of 1 and 2 workers. Each configuration runs
in a fresh process: the engine is started (timed), warmed on one small job (workers
import the code), then the articles are mapped in batches as the stages do (1,000 per
clustering batch, 500 per ingest batch); results must equal the 1-worker local ones.
Throughput is the median over repeats, shown as a ratio to the 1-worker local baseline
of the same run, with the CPU seconds the workers spent inside the stage functions (wall
time above that is transfer, scheduling and waiting for a core). Peak memory is the
driver's maximum resident set and the largest worker's. The load average (1 min) before
and after each configuration is reported: the machine's cores are shared, so ratios are
only as clean as that load. The Markdown table goes to stdout, the results to
`bench/results/engine.json`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from parallax.corpus.dedupe.bands import DedupeParams
from parallax.corpus.ingest import sign_texts
from parallax.corpus.stories.clusterer import StoryInput, sketch_articles
from parallax.corpus.stories.stage import DEFAULT_CLUSTER_BATCH
from parallax.engine import Engine, map_chunked, open_engine
from parallax.ingest.stream import plan, read
from parallax.types import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "allsides-articles" / "articles.jsonl.gz"
RESULTS = ROOT / "bench" / "results" / "engine.json"
CONFIGS = ["local:1", "local:2", "dask:1", "dask:2"]
SIGN_BATCH = 500  # the ingest batch


def _articles(limit: int) -> tuple[list[StoryInput], float]:
    """The first `limit` articles as the clustering stage sees them, and the read time."""
    started = time.perf_counter()
    items: list[StoryInput] = []
    for record in read(plan([DATA])[0]):
        article = record.item
        if not isinstance(article, Article):
            continue
        items.append(StoryInput(article.id, article.title, article.text, None, article.source))
        if len(items) >= limit:
            break
    return items, time.perf_counter() - started


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _digest(values: Sequence[Any]) -> str:
    digest = hashlib.sha256()
    for value in values:
        digest.update(value.to_bytes() if hasattr(value, "to_bytes") else value.tobytes())
    return digest.hexdigest()[:16]


def _timed(fn: Callable[[Sequence[Any]], list[Any]], batch: Sequence[Any]) -> list[Any]:
    """`fn(batch)` followed by the CPU seconds the worker spent on it."""
    started = time.process_time()
    result = fn(batch)
    return [*result, time.process_time() - started]


def _map(engine: Engine, fn: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any],
         size: int) -> tuple[list[Any], float]:
    """`fn` over `items` as a stage maps it (batches of `size`, chunked per worker), and the
    CPU seconds the workers spent."""
    results: list[Any] = []
    cpu = 0.0
    parts = 2 * engine.workers
    for batch in _batches(items, size):
        chunk = max(1, -(-len(batch) // parts))
        for out in engine.map_batches(partial(_timed, fn), list(_batches(batch, chunk))):
            results.extend(out[:-1])
            cpu += out[-1]
    return results, cpu


def _worker_peak_mb(engine: Engine) -> float:
    """The largest worker's peak resident set: Dask workers are asked; local pool workers
    are children of this process, measured when the pool is closed."""
    client = getattr(engine, "client", None)
    if client is None:
        engine.close()
        return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    engine.close()
    return float(max(peaks.values())) / 1024


def run_one(config: str, count: int, repeats: int) -> dict[str, Any]:
    """Time one engine configuration (in this process)."""
    name, workers = config.split(":")
    items, read_s = _articles(count)
    texts = [item.text for item in items]
    sign = partial(sign_texts, params=DedupeParams())
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    engine = open_engine(name, workers=int(workers))
    startup_s = time.perf_counter() - started
    map_chunked(engine, sketch_articles, items[:50])  # warm: workers import the code
    map_chunked(engine, sign, texts[:50])
    sketch_times, sign_times, cpu_times = [], [], []
    for _ in range(repeats):
        started = time.perf_counter()
        sketches, sketch_cpu = _map(engine, sketch_articles, items, DEFAULT_CLUSTER_BATCH)
        sketch_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        signatures, sign_cpu = _map(engine, sign, texts, SIGN_BATCH)
        sign_times.append(time.perf_counter() - started)
        cpu_times.append(sketch_cpu + sign_cpu)
    worker_mb = _worker_peak_mb(engine)
    sketch_s, sign_s = statistics.median(sketch_times), statistics.median(sign_times)
    return {
        "config": config,
        "articles": len(items),
        "read_s": read_s,
        "startup_s": startup_s,
        "sketch_s": sketch_s,
        "sign_s": sign_s,
        "sketch_per_s": len(items) / sketch_s,
        "sign_per_s": len(items) / sign_s,
        "both_per_s": len(items) / (sketch_s + sign_s),
        "worker_cpu_s": statistics.median(cpu_times),
        "driver_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_mb": worker_mb,
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "sketch_digest": _digest(sketches),
        "sign_digest": _digest(signatures),
    }


def _table(results: list[dict[str, Any]]) -> str:
    base = results[0]
    lines = [
        "| engine | workers | startup s | sketch art/s | sign art/s | sketch+sign art/s "
        "| × 1-worker local | wall s / worker CPU s | driver / worker peak MB "
        "| load 1 min before → after |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        name, workers = r["config"].split(":")
        lines.append(
            f"| {name} | {workers} | {r['startup_s']:.2f} | {r['sketch_per_s']:,.0f} "
            f"| {r['sign_per_s']:,.0f} | {r['both_per_s']:,.0f} "
            f"| {r['both_per_s'] / base['both_per_s']:.2f} "
            f"| {r['sketch_s'] + r['sign_s']:.1f} / {r['worker_cpu_s']:.1f} "
            f"| {r['driver_peak_mb']:,.0f} / {r['worker_peak_mb']:,.0f} "
            f"| {r['load_before']:.2f} → {r['load_after']:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Run every configuration in its own process; print the table, write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--one", choices=CONFIGS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"skipped: {DATA} is absent (see ../shared/data/README.md)")
    if args.one:
        print(json.dumps(run_one(args.one, args.articles, args.repeats)))
        return
    results = []
    for config in CONFIGS:
        output = subprocess.run(
            [sys.executable, __file__, "--one", config, "--articles", str(args.articles),
             "--repeats", str(args.repeats)],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        results.append(json.loads(output.strip().splitlines()[-1]))
        print(f"{config}: {results[-1]['both_per_s']:,.0f} articles/s", file=sys.stderr)
    mismatched = [
        r["config"] for r in results
        if (r["sketch_digest"], r["sign_digest"])
        != (results[0]["sketch_digest"], results[0]["sign_digest"])
    ]  # fmt: skip
    if mismatched:
        sys.exit(f"results differ from the 1-worker local engine: {', '.join(mismatched)}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"machine": platform.platform(), "cpus": os.cpu_count(), "results": results},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{results[0]['articles']:,} AllSides articles, read + extracted in "
          f"{results[0]['read_s']:.1f} s in the driver (not engine work); medians of "
          f"{args.repeats} repeats\n")  # fmt: skip
    print(_table(results))


if __name__ == "__main__":
    main()
