"""Sanity check of `parallax.compare` on whole articles: the 70 BASIL triplets.

    python eval/basil_claims.py              # all triplets
    python eval/basil_claims.py --limit 5    # a quick run

Each triplet is one event reported by Fox News, The New York Times and HuffPost
(`../shared/data/basil/articles/YEAR/UUID_{1,2,3}.json`). The three articles are built
with `parallax.load_text` (paragraphs joined with blank lines) and compared; the report
counts claims carried by 3, 2 and 1 outlets, the share of each outlet's sentences that
sit in a shared claim, and the relations. There is no gold alignment here: the figures
say whether the output is plausible, not whether it is right.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

import parallax
from parallax import Article, Comparison, ParallaxError
from parallax.align.embed import load_model
from parallax.annotate.languages import spacy_pipeline

ROOT = Path(__file__).resolve().parents[1]
BASIL = ROOT.parent / "shared" / "data" / "basil" / "articles"
OUTLETS = ("fox", "nyt", "hpo")
OUTLET_NAMES = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}

err = Console(stderr=True)


@dataclass(frozen=True, slots=True)
class Triplet:
    """One BASIL event: its id and the paths of its three articles (None where missing)."""

    uuid: str
    year: str
    paths: tuple[Path | None, Path | None, Path | None]


@dataclass
class Totals:
    """Figures gathered over the compared triplets."""

    triplets: int = 0
    by_source_count: Counter[int] = field(default_factory=Counter)
    per_triplet: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    relations: Counter[str] = field(default_factory=Counter)
    pairs: Counter[str] = field(default_factory=Counter)
    unique: Counter[str] = field(default_factory=Counter)
    sentences: Counter[str] = field(default_factory=Counter)
    shared_sentences: Counter[str] = field(default_factory=Counter)
    shares: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    compare_s: float = 0.0
    skipped: list[str] = field(default_factory=list)


def source_digest() -> str:
    """SHA-256 (16 hex digits) of the package's Python sources, to tell aligner versions apart."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src" / "parallax").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def busy_seconds() -> tuple[float, float] | None:
    """CPU seconds the whole machine and this process have been busy (Linux only)."""
    stat = Path("/proc/stat")
    if not stat.is_file():
        return None
    fields = [int(v) for v in stat.read_text().split("\n", 1)[0].split()[1:9]]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    machine = (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")
    return machine, usage.ru_utime + usage.ru_stime


def foreign_share(start: tuple[float, float] | None, seconds: float) -> float | None:
    """Share of the CPUs other processes used since `start` (their work slows ours)."""
    end = busy_seconds()
    if start is None or end is None or seconds <= 0:
        return None
    other = (end[0] - start[0]) - (end[1] - start[1])
    return max(0.0, other / (seconds * (os.cpu_count() or 1)))


def find_triplets(root: Path) -> list[Triplet]:
    """Every triplet with at least one article under `root`, sorted by year and id."""
    found: dict[tuple[str, str], dict[int, Path]] = defaultdict(dict)
    for path in root.glob("*/*_[123].json"):
        uuid, number = path.stem.rsplit("_", 1)
        found[(path.parent.name, uuid)][int(number)] = path
    return [
        Triplet(uuid, year, (files.get(1), files.get(2), files.get(3)))
        for (year, uuid), files in sorted(found.items())
    ]


def article_of(path: Path) -> Article:
    """A BASIL article as `parallax.load_text` builds it; its source is the outlet code."""
    record = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = [
        " ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]
    ]
    return parallax.load_text(
        "\n\n".join(p.strip() for p in paragraphs if p.strip()),
        source=str(record["source"]).strip().lower(),
        title=record.get("title"),
        published=record.get("date"),
    )


def tally(totals: Totals, comparison: Comparison) -> None:
    """Add one triplet's comparison to the totals."""
    outlet = {a.id: a.article.source for a in comparison.articles}
    counts = Counter(len(c.sources) for c in comparison.claims)
    for k in (3, 2, 1):
        totals.per_triplet[k].append(counts.get(k, 0))
    totals.by_source_count.update(counts)
    totals.relations.update(str(c.relation) for c in comparison.claims)
    in_shared: set[tuple[str, int]] = set()
    for claim in comparison.claims:
        sources = claim.sources
        if len(sources) == 1:
            totals.unique[outlet[sources[0]]] += 1
            continue
        if len(sources) == 2:
            totals.pairs["+".join(sorted(outlet[s] for s in sources))] += 1
        in_shared.update((s.article, s.sentence) for s in claim.statements)
    for annotated in comparison.articles:
        name = annotated.article.source
        n = len(annotated.sentences)
        shared = sum((annotated.id, s.index) in in_shared for s in annotated.sentences)
        totals.sentences[name] += n
        totals.shared_sentences[name] += shared
        if n:
            totals.shares[name].append(shared / n)
    totals.triplets += 1


def run(triplets: list[Triplet]) -> Totals:
    """Compare every complete triplet, with a progress bar on stderr."""
    totals = Totals()
    columns = (TextColumn("[bold]BASIL"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=err) as progress:
        task = progress.add_task("", total=len(triplets))
        for triplet in triplets:
            progress.update(task, description=f"{triplet.year}/{triplet.uuid[:8]}")
            missing = [str(i) for i, p in enumerate(triplet.paths, 1) if p is None]
            if missing:
                message = (f"skipped {triplet.year}/{triplet.uuid}: "
                           f"article {', '.join(missing)} of 3 is missing")
                totals.skipped.append(message)
                progress.console.print(f"[yellow]{message}")
                progress.advance(task)
                continue
            try:
                articles = [article_of(p) for p in triplet.paths if p is not None]
                start = time.perf_counter()
                comparison = parallax.compare(articles)
                totals.compare_s += time.perf_counter() - start
            except (ParallaxError, KeyError, ValueError) as exc:
                message = f"skipped {triplet.year}/{triplet.uuid}: {exc}"
                totals.skipped.append(message)
                progress.console.print(f"[yellow]{message}")
            else:
                tally(totals, comparison)
            progress.advance(task)
    return totals


def mean(values: list[int] | list[float]) -> float:
    """The mean, 0 for no values."""
    return statistics.fmean(values) if values else 0.0


def report(totals: Totals, tried: int, found: int, load_s: float, total_s: float,
           others: float | None) -> str:
    """The figures as Markdown."""
    n = totals.triplets
    claims = sum(totals.by_source_count.values())
    scope = f"the first {tried} of {found}" if tried < found else f"all {found}"
    lines = [
        f"BASIL: {n} triplets compared ({scope} found"
        + (f"; {len(totals.skipped)} skipped" if totals.skipped else "") + ")",
        "",
        "| claims carried by | total | mean per triplet | median per triplet | share of claims |",
        "|---|---:|---:|---:|---:|",
    ]
    for k in (3, 2, 1):
        values = totals.per_triplet[k]
        total = totals.by_source_count.get(k, 0)
        lines.append(
            f"| {k} outlet{'s' if k > 1 else ''} | {total} | {mean(values):.1f} | "
            f"{statistics.median(values) if values else 0:g} | {total / max(claims, 1):.1%} |"
        )
    lines += [
        "",
        "| outlet | articles | sentences | in a shared claim (pooled) | mean per article "
        "| unique claims |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for outlet in OUTLETS:
        sentences = totals.sentences.get(outlet, 0)
        shared = totals.shared_sentences.get(outlet, 0)
        lines.append(
            f"| {OUTLET_NAMES[outlet]} ({outlet}) | {len(totals.shares.get(outlet, []))} | "
            f"{sentences} | {shared / max(sentences, 1):.1%} | "
            f"{mean(totals.shares.get(outlet, [])):.1%} | {totals.unique.get(outlet, 0)} |"
        )
    lines += [
        "",
        "| claims shared by two | count |",
        "|---|---:|",
        *(f"| {pair} | {count} |" for pair, count in sorted(totals.pairs.items())),
        "",
        "| relation | claims |",
        "|---|---:|",
        *(f"| {relation} | {count} |" for relation, count in totals.relations.most_common()),
        "",
        f"Time: {total_s:.1f} s in all; model load {load_s:.1f} s, `parallax.compare` "
        f"{totals.compare_s:.1f} s ({totals.compare_s / max(n, 1):.2f} s per triplet). "
        f"Sources sha256 {source_digest()}."
        + (f" Other processes used {others:.0%} of the {os.cpu_count()} CPUs meanwhile."
           if others is not None else ""),
    ]
    return "\n".join(lines)


def main() -> int:
    """Compare the BASIL triplets and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="compare only the first N")
    parser.add_argument("--data", type=Path, default=BASIL, help="BASIL articles folder")
    args = parser.parse_args()
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be >= 1")
    if not args.data.is_dir():
        print(f"BASIL not found at {args.data}; put ../shared/data beside the repository "
              "to run this check (skipped)")
        return 0
    triplets = find_triplets(args.data)
    if not triplets:
        print(f"no BASIL articles under {args.data} (skipped)")
        return 0
    found = len(triplets)
    triplets = triplets[: args.limit] if args.limit else triplets

    start = time.perf_counter()
    busy_at_start = busy_seconds()
    with err.status("loading models …"):
        spacy_pipeline("en")
        load_model()
    load_s = time.perf_counter() - start
    totals = run(triplets)
    total_s = time.perf_counter() - start
    others = foreign_share(busy_at_start, total_s)
    print(report(totals, len(triplets), found, load_s, total_s, others))
    return 0


if __name__ == "__main__":
    sys.exit(main())
