"""Benchmark corpus mode: ingest, near-duplicates and story clustering as the corpus grows.

    python bench/corpus_bench.py                       # 1,000, 10,000, 37,554 and 100,000
    python bench/corpus_bench.py --sizes 1000 10000    # a quick run
    python bench/corpus_bench.py --sizes 10000 --engines local:1 local:2 dask:2

Each size runs in a fresh process on a fresh SQLite store in a temporary directory: the
first N lines of `../shared/data/allsides-articles/articles.jsonl.gz`; above its 37,554
articles, all of them followed by light rewrites of them that this script makes
deterministically (`rewrite`: a sentence dropped, two swapped, about one word in 100
replaced, another outlet, URL and id, published some hours later), which near-duplicate
detection should link to their originals: the share it does is reported. The input is
ingested with `parallax.corpus.ingest` (read + store + MinHash near-duplicates, one
pass), then clustered with `parallax.corpus.stories.stage.cluster_stories`. The dedupe share of
the ingest pass (signing and linking) is timed by wrapping those two functions (in this
process: only with the default engine, local:1). Peak memory is the process's maximum
resident set after each stage (it only grows). Wall time is shown with the CPU time the
process used, which other processes on the same cores do not inflate. `--engines` runs
each size once per engine (`local:N` or `dask:N`, a LocalCluster of N workers started
for the run). The Markdown tables go to stdout, the results to `bench/results/corpus.json`.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import itertools
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "allsides-articles" / "articles.jsonl.gz"
DEFAULT_OUTPUT = ROOT / "bench" / "results" / "corpus.json"
DEFAULT_SIZES = ("1000", "10000", "all", "100000")
REWRITE_SUFFIX = "#rewrite-"  # ends a rewrite's URL, followed by its number
_SENTENCE = re.compile(r"(?<=[.!?])\s+")

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


def rewrite(record: dict[str, Any], number: int) -> dict[str, Any]:
    """A light rewrite of a record, the same for the same number: one sentence dropped,
    two neighbours swapped, about one word in 100 replaced by another word of the text,
    another outlet and URL, published 1 to 47 hours later (undated stays undated)."""
    rng = random.Random(number)
    sentences = _SENTENCE.split(str(record.get("text") or ""))
    if len(sentences) > 3:
        del sentences[rng.randrange(1, len(sentences))]
        at = rng.randrange(1, len(sentences) - 1)
        sentences[at], sentences[at + 1] = sentences[at + 1], sentences[at]
    words = " ".join(sentences).split(" ")
    for _ in range(len(words) // 100):
        words[rng.randrange(len(words))] = rng.choice(words)
    from parallax.corpus.store.session import parse_published

    published = record.get("published")
    day = parse_published(str(published)) if published else None
    if day is not None:  # read as ingest reads it ("2017-07-23", "7/23/17")
        published = (day + timedelta(hours=rng.randint(1, 47))).isoformat()
    return {
        **record,
        "id": f"{record.get('id')}-r{number}",
        "source": f"{record.get('source')} (syndicated)",
        "url": f"{record.get('url') or 'https://rewrite.example/'}{REWRITE_SUFFIX}{number}",
        "published": published,
        "text": " ".join(words),
    }


def _subset(data: Path, size: str, folder: Path) -> tuple[Path, int]:
    """The input file for a size: the data itself, its first N lines, or all of it
    followed by rewrites of its lines up to N."""
    with gzip.open(data, "rt", encoding="utf-8") as handle:
        total = sum(1 for _ in handle)
    if size == "all" or int(size) == total:
        return data, total
    wanted = int(size)
    path = folder / f"first-{wanted}.jsonl"
    with gzip.open(data, "rt", encoding="utf-8") as source, path.open("w") as target:
        lines = itertools.islice(source, wanted)
        originals: list[str] = []
        for line in lines:
            target.write(line)
            if wanted > total:
                originals.append(line)
        for number in range(max(0, wanted - total)):
            record = json.loads(originals[number % total])
            target.write(json.dumps(rewrite(record, number)) + "\n")
    return path, wanted


def _linked_rewrites(store: Any) -> tuple[int, int, int]:
    """Rewrites stored, linked as near-duplicates, and linked to their own original (or
    to the article their original is itself a copy of)."""
    from sqlalchemy import select
    from sqlalchemy.orm import aliased

    from parallax.corpus.store.session import ArticleRow, NearDuplicateRow

    original = aliased(ArticleRow)
    with store.session() as session:
        urls = [u for u in session.scalars(select(ArticleRow.url))
                if u and REWRITE_SUFFIX in u]  # fmt: skip
        links = session.execute(
            select(ArticleRow.url, original.url)
            .join(NearDuplicateRow, NearDuplicateRow.article_id == ArticleRow.id)
            .join(original, original.id == NearDuplicateRow.original_id)
        ).all()
        copies = dict(links)
    linked = [u for u in urls if u in copies]
    own = 0
    for url in linked:
        base = url.split(REWRITE_SUFFIX)[0]
        target = copies[url]
        own += target == base or copies.get(base) == target
    return len(urls), len(linked), own


def run_one(data: Path, size: str, engine_spec: str = "local:1") -> dict[str, Any]:
    """Ingest and cluster one size in this process on one engine; the figures as a dict."""
    from parallax.corpus import open_store
    from parallax.corpus.stories.stage import cluster_stories
    from parallax.engine import open_engine

    # The package exports the function `ingest`, which hides the module of that name.
    ingest_module = importlib.import_module("parallax.corpus.ingest")
    dedupe = [0.0]
    for name in ("signature", "link_batch"):  # the dedupe share of the ingest pass
        setattr(ingest_module, name, _timed(dedupe, getattr(ingest_module, name)))
    name, workers = engine_spec.split(":")
    with (
        tempfile.TemporaryDirectory(prefix="parallax-bench-") as folder,
        open_engine(name, workers=int(workers)) as engine,
    ):
        source, articles = _subset(data, size, Path(folder))
        with open_store(f"sqlite:///{Path(folder) / 'corpus.db'}") as store:
            started, cpu = time.perf_counter(), _cpu_s()
            stats = ingest_module.ingest(store, [source], engine=engine)
            ingest_s, ingest_cpu = time.perf_counter() - started, _cpu_s() - cpu
            ingest_peak = _peak_mib()
            started, cpu = time.perf_counter(), _cpu_s()
            clustered = cluster_stories(store, engine=engine)
            cluster_s, cluster_cpu = time.perf_counter() - started, _cpu_s() - cpu
            rewrites, linked, own = _linked_rewrites(store)
        db_mib = (Path(folder) / "corpus.db").stat().st_size / 2**20
    return {
        "size": articles,
        "engine": engine_spec,
        "stored": stats.new,
        "near_duplicates": stats.near_duplicates,
        "rewrites": rewrites,
        "rewrites_linked": linked,
        "rewrites_linked_to_original": own,
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


def _ms(seconds: float, count: int) -> str:
    return f"{1000 * seconds / count:.2f}"


def _rewrites(r: dict[str, Any]) -> str:
    if not r["rewrites"]:
        return "–"
    return (
        f"{r['rewrites_linked'] / r['rewrites']:.1%} "
        f"({r['rewrites_linked_to_original'] / r['rewrites']:.1%})"
    )


def markdown(results: list[dict[str, Any]]) -> str:
    """The growth tables of docs/benchmarks.md (results of one engine, by size)."""
    lines = [
        "| articles | ingest, dedupe excluded (art./s) | dedupe (art./s) | cluster (art./s) "
        "| all three, wall (s) | CPU (s) | CPU per article (ms) | stories | near-dup. "
        "| rewrites linked (to their original) | peak RSS ingest / cluster (MiB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        cpu = r["ingest_cpu_s"] + r["cluster_cpu_s"]
        lines.append(
            f"| {r['size']:,} | {_rate(r['size'], r['ingest_s'] - r['dedupe_s'])} "
            f"| {_rate(r['size'], r['dedupe_s'])} | {_rate(r['size'], r['cluster_s'])} "
            f"| {r['total_s']:,.1f} | {cpu:,.1f} | {_ms(cpu, r['size'])} "
            f"| {r['stories']:,} | {r['near_duplicates']:,} | {_rewrites(r)} "
            f"| {r['peak_rss_ingest_mib']:,.0f} / {r['peak_rss_mib']:,.0f} |"
        )
    lines += ["", "| sizes | × articles | × ingest CPU | × dedupe wall | × cluster CPU "
              "| CPU per article, ms (ingest / cluster) |",
              "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for small, large in itertools.pairwise(results):
        lines.append(
            f"| {small['size']:,} → {large['size']:,} | {large['size'] / small['size']:.1f} "
            f"| {large['ingest_cpu_s'] / small['ingest_cpu_s']:.1f} "
            f"| {large['dedupe_s'] / small['dedupe_s']:.1f} "
            f"| {large['cluster_cpu_s'] / small['cluster_cpu_s']:.1f} "
            f"| {_ms(small['ingest_cpu_s'], small['size'])} → "
            f"{_ms(large['ingest_cpu_s'], large['size'])} / "
            f"{_ms(small['cluster_cpu_s'], small['size'])} → "
            f"{_ms(large['cluster_cpu_s'], large['size'])} |"
        )
    return "\n".join(lines)


def engine_markdown(results: list[dict[str, Any]]) -> str:
    """The engine comparison table: one row per engine at one size."""
    lines = [
        "| engine | articles | ingest (art./s) | cluster (art./s) | all, wall (s) "
        "| driver CPU (s) | stories | near-dup. |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['engine']} | {r['size']:,} | {_rate(r['size'], r['ingest_s'])} "
            f"| {_rate(r['size'], r['cluster_s'])} | {r['total_s']:,.1f} "
            f"| {r['ingest_cpu_s'] + r['cluster_cpu_s']:,.1f} | {r['stories']:,} "
            f"| {r['near_duplicates']:,} |"
        )
    return "\n".join(lines)


def _child(data: Path, size: str, engine: str) -> dict[str, Any]:
    """One size on one engine, in a fresh process."""
    child = subprocess.run(
        [sys.executable, __file__, "--one", size, "--data", str(data), "--engines", engine],
        capture_output=True, text=True, check=False,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
    )  # fmt: skip
    if child.returncode != 0:
        sys.exit(f"size {size} on {engine} failed: {child.stderr.strip().splitlines()[-1:]}")
    result: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"{size} on {engine}: {result}", file=sys.stderr)
    return result


def main() -> None:
    """Run every size (and engine) in its own process and report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--engines", nargs="+", default=["local:1"],
                        help="local:N or dask:N; more than one: the engine table")  # fmt: skip
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a size, in a child process
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"skipped: the AllSides articles are not at {args.data}")
    if args.one:
        print(json.dumps(run_one(args.data, args.one, args.engines[0])))
        return
    results = [_child(args.data, size, engine) for engine in args.engines for size in args.sizes]
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "results": results,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if len(args.engines) > 1:
        print(engine_markdown(results))
    else:
        print(markdown(results))


if __name__ == "__main__":
    main()
