"""Benchmark corpus mode: ingest, near-duplicates and story clustering as the corpus grows.

    python bench/corpus_bench.py                       # 1,000, 5,000 and all 37,554 articles
    python bench/corpus_bench.py --sizes 1000 5000     # a quick run

Each size runs in a fresh process on a fresh SQLite store in a temporary directory: the
first N lines of `../shared/data/allsides-articles/articles.jsonl.gz` (all of it for the
last size) are ingested with `parallax.corpus.ingest` (read + store + MinHash
near-duplicates, one pass), then clustered with `parallax.corpus.stories.cluster`. The
dedupe share of the ingest pass (signing and linking) is timed by wrapping those two
functions. Peak memory is the process's maximum resident set after each stage (it only
grows). Wall time is shown with the CPU time the process used, which other processes on
the same cores do not inflate. The Markdown table goes to stdout, the results to
`bench/results/corpus.json`.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "allsides-articles" / "articles.jsonl.gz"
DEFAULT_OUTPUT = ROOT / "bench" / "results" / "corpus.json"
DEFAULT_SIZES = ("1000", "5000", "all")

F = TypeVar("F", bound=Callable[..., Any])


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    """CPU seconds this process has used (user + system): unlike wall time, not inflated
    by other processes sharing the cores."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(seconds: list[float], function: F) -> F:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[0] += time.perf_counter() - started

    return wrapper  # type: ignore[return-value]


def _subset(data: Path, size: str, folder: Path) -> tuple[Path, int]:
    """The input file for a size: the data itself, or its first N lines."""
    if size == "all":
        with gzip.open(data, "rt", encoding="utf-8") as handle:
            return data, sum(1 for _ in handle)
    wanted = int(size)
    path = folder / f"first-{wanted}.jsonl"
    with gzip.open(data, "rt", encoding="utf-8") as source, path.open("w") as target:
        for number, line in enumerate(source):
            if number == wanted:
                break
            target.write(line)
    return path, wanted


def run_one(data: Path, size: str) -> dict[str, Any]:
    """Ingest and cluster one size in this process; the figures as a dict."""
    from parallax.corpus import open_store
    from parallax.corpus.stories import cluster_stories

    # The package exports the function `ingest`, which hides the module of that name.
    ingest_module = importlib.import_module("parallax.corpus.ingest")
    dedupe = [0.0]
    for name in ("signature", "link_batch"):  # the dedupe share of the ingest pass
        setattr(ingest_module, name, _timed(dedupe, getattr(ingest_module, name)))
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as folder:
        source, articles = _subset(data, size, Path(folder))
        with open_store(f"sqlite:///{Path(folder) / 'corpus.db'}") as store:
            started, cpu = time.perf_counter(), _cpu_s()
            stats = ingest_module.ingest(store, [source])
            ingest_s, ingest_cpu = time.perf_counter() - started, _cpu_s() - cpu
            ingest_peak = _peak_mib()
            started, cpu = time.perf_counter(), _cpu_s()
            clustered = cluster_stories(store)
            cluster_s, cluster_cpu = time.perf_counter() - started, _cpu_s() - cpu
        db_mib = (Path(folder) / "corpus.db").stat().st_size / 2**20
    return {
        "size": articles,
        "stored": stats.new,
        "near_duplicates": stats.near_duplicates,
        "stories": clustered.new_stories,
        "ingest_s": ingest_s,
        "dedupe_s": dedupe[0],
        "cluster_s": cluster_s,
        "total_s": ingest_s + cluster_s,
        "ingest_cpu_s": ingest_cpu,
        "cluster_cpu_s": cluster_cpu,
        "peak_rss_ingest_mib": ingest_peak,
        "peak_rss_mib": _peak_mib(),
        "store_mib": db_mib,
    }


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds > 0 else "–"


def markdown(results: list[dict[str, Any]]) -> str:
    """The results as the tables of docs/benchmarks.md."""
    lines = [
        "| articles | ingest, dedupe excluded (art./s) | dedupe (art./s) | cluster (art./s) "
        "| all three, wall (s) | CPU (s) | stories | near-dup. | peak RSS ingest / cluster (MiB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['size']:,} | {_rate(r['size'], r['ingest_s'] - r['dedupe_s'])} "
            f"| {_rate(r['size'], r['dedupe_s'])} | {_rate(r['size'], r['cluster_s'])} "
            f"| {r['total_s']:,.1f} | {r['ingest_cpu_s'] + r['cluster_cpu_s']:,.1f} "
            f"| {r['stories']:,} | {r['near_duplicates']} "
            f"| {r['peak_rss_ingest_mib']:,.0f} / {r['peak_rss_mib']:,.0f} |"
        )
    lines += ["", "| sizes | × articles | × ingest CPU | × dedupe wall | × cluster CPU |",
              "|---|---:|---:|---:|---:|"]  # fmt: skip
    for small, large in itertools.pairwise(results):
        lines.append(
            f"| {small['size']:,} → {large['size']:,} | {large['size'] / small['size']:.1f} "
            f"| {large['ingest_cpu_s'] / small['ingest_cpu_s']:.1f} "
            f"| {large['dedupe_s'] / small['dedupe_s']:.1f} "
            f"| {large['cluster_cpu_s'] / small['cluster_cpu_s']:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Run every size in its own process and report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a size, in a child process
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"skipped: the AllSides articles are not at {args.data}")
    if args.one:
        print(json.dumps(run_one(args.data, args.one)))
        return
    results = []
    for size in args.sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--one", size, "--data", str(args.data)],
            capture_output=True, text=True, check=False,
            env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
        )  # fmt: skip
        if child.returncode != 0:
            sys.exit(f"size {size} failed: {child.stderr.strip().splitlines()[-1:]}")
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(f"{size}: {results[-1]}", file=sys.stderr)
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "results": results,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(markdown(results))


if __name__ == "__main__":
    main()
