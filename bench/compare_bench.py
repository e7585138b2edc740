"""Benchmark `parallax.compare` stage by stage, against raw spaCy and sentence-transformers.

    python bench/compare_bench.py                    # 3 repeats, medians
    python bench/compare_bench.py --repeats 5 --output /tmp/compare.json

Two cases: the seed pair (`../shared/seeds/*.txt`) and a synthetic 20-outlet story built
from real text (the seed articles and one BASIL triplet; paragraphs dropped, swapped and
borrowed between articles with a fixed seed). Both models are loaded first, cold, and
timed on their own; one untimed comparison then warms the process.

Each repeat times ingest, annotate, embed (a fresh `Encoder`, so its cache is cold),
align (grouping and summary only: the vectors are cached by then), `parallax.compare`
whole (less annotate, embed and align, that is the analyse stage: quotes, numbers,
dates, entities, contradictions) and report (JSON, Markdown and HTML of that full
comparison). Annotate and `parallax.compare` each start with the cache of parsed
paragraphs empty (`clear_parse_cache`), so both parse, once, and the analysers reuse that
parse as they would in a first comparison. Raw `nlp.pipe` runs just before annotate and raw
`SentenceTransformer.encode` just before embed, on the same inputs. Medians are
reported, with the CPU share other processes took during each repeat (the timings are
only as clean as the machine). A last pass per case traces the Python heap
(tracemalloc). The Markdown goes to stdout, the full results to
`bench/results/compare.json`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import parallax
from parallax import AnnotatedArticle, Article, Comparison
from parallax.align import align, default_model
from parallax.align.embed import Encoder, load_model
from parallax.align.extra import with_extra
from parallax.analyse.digest.rank import digest_of
from parallax.annotate import annotate
from parallax.annotate.languages import spacy_pipeline
from parallax.annotate.pipeline import clear_parse_cache
from parallax.compare import summarise
from parallax.options import Models
from parallax.report import render_html, render_json, render_markdown

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
BASIL = SHARED / "data" / "basil" / "articles"
# A median-length BASIL triplet (Jesse Jackson Jr. pleads guilty, 2013; 1,732 words in all).
BASIL_TRIPLET = "f506aafc-8b43-427a-936e-bbd1ef33e076"
DEFAULT_OUTPUT = ROOT / "bench" / "results" / "compare.json"

SYNTHETIC_OUTLETS = 20
SYNTHETIC_SEED = 20220107
DROP_SHARE = 0.25  # each non-lead paragraph is dropped with this probability
SWAP_SHARE = 0.30  # each neighbouring pair of kept paragraphs is swapped with this probability
BORROWED = (1, 3)  # paragraphs taken from the other source articles, at random positions

# "analyse" is derived: `parallax.compare` timed whole, less annotate, embed and align; it
# holds the analysers (quotes, numbers, dates, entities, contradictions) and whatever else
# compare() does beyond the public stages.
STAGES = ("load", "annotate", "embed", "align", "extra", "analyse", "digest", "report")
TRACED = ("load", "annotate", "embed", "align", "compare", "report")
TARGET_RATIO = 1.5
DISTURBED = 0.10  # above this CPU share of other processes in a repeat, timings are flagged

T = TypeVar("T")


def log(message: str) -> None:
    """Progress on stderr, so stdout stays clean Markdown."""
    print(message, file=sys.stderr, flush=True)


def clock(fn: Callable[[], T]) -> tuple[T, float]:
    """The result of `fn` and its wall time in seconds."""
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def heap_peak(fn: Callable[[], T]) -> tuple[T, float]:
    """The result of `fn` and the traced Python heap's peak (bytes) while it ran."""
    tracemalloc.reset_peak()
    result = fn()
    return result, float(tracemalloc.get_traced_memory()[1])


def max_rss_mib() -> float:
    """The process's peak resident set size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median(values: Sequence[float]) -> float:
    """The median of a non-empty sequence."""
    return float(statistics.median(values))


@dataclass(frozen=True, slots=True)
class CpuSample:
    """Wall clock, the machine's busy CPU time and this process's CPU time, in seconds."""

    wall: float
    busy: float | None
    own: float

    @staticmethod
    def now() -> CpuSample:
        """A sample taken now (busy time from /proc/stat; None off Linux)."""
        usage = resource.getrusage(resource.RUSAGE_SELF)
        busy = None
        stat = Path("/proc/stat")
        if stat.is_file():
            fields = [int(v) for v in stat.read_text().split("\n", 1)[0].split()[1:9]]
            ticks = os.sysconf("SC_CLK_TCK")
            busy = (sum(fields) - fields[3] - fields[4]) / ticks  # all but idle and iowait
        return CpuSample(time.perf_counter(), busy, usage.ru_utime + usage.ru_stime)


def foreign_load(start: CpuSample, end: CpuSample) -> float | None:
    """Share of the machine's CPU used by other processes between two samples."""
    if start.busy is None or end.busy is None or end.wall <= start.wall:
        return None
    other = (end.busy - start.busy) - (end.own - start.own)
    return max(0.0, other / ((end.wall - start.wall) * (os.cpu_count() or 1)))


# --- inputs -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceText:
    """A real article reduced to what the synthetic story needs."""

    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Case:
    """A benchmark input: a name, a description and the ingest step that yields articles."""

    name: str
    description: str
    ingest: Callable[[], list[Article]]


def paragraph_texts(article: Article) -> list[str]:
    """The article's paragraphs as strings (the whole text when ingest gave none)."""
    if not article.paragraphs:
        return [article.text.strip()] if article.text.strip() else []
    return [article.text[p.start:p.end] for p in article.paragraphs]


def seed_paths() -> list[Path]:
    """The seed articles, sorted."""
    return sorted(SEEDS.glob("*.txt"))


def basil_sources(triplet: str) -> list[SourceText]:
    """The articles of one BASIL triplet, or none when the data is absent."""
    sources = []
    for path in sorted(BASIL.glob(f"*/{triplet}_[123].json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = tuple(
            " ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]
        )
        sources.append(SourceText(record["title"], tuple(p for p in paragraphs if p.strip())))
    return sources


def synthetic_story(
    pool: Sequence[SourceText], *, outlets: int = SYNTHETIC_OUTLETS, seed: int = SYNTHETIC_SEED
) -> list[tuple[str, str, str]]:
    """`(source, title, text)` of `outlets` variants of the pool's articles.

    Variant i rewrites pool article i mod len(pool): its lead paragraph stays first, each
    other paragraph is dropped with probability DROP_SHARE, neighbours are swapped with
    probability SWAP_SHARE, and 1–3 paragraphs of the other pool articles are inserted.
    """
    rng = random.Random(seed)
    story = []
    for i in range(outlets):
        base = pool[i % len(pool)]
        lead, *rest = base.paragraphs
        kept = [p for p in rest if rng.random() >= DROP_SHARE]
        for j in range(len(kept) - 1):
            if rng.random() < SWAP_SHARE:
                kept[j], kept[j + 1] = kept[j + 1], kept[j]
        others = [p for source in pool if source is not base for p in source.paragraphs]
        for paragraph in rng.sample(others, k=min(len(others), rng.randint(*BORROWED))):
            kept.insert(rng.randint(0, len(kept)), paragraph)
        story.append((f"Outlet {i + 1:02d}", base.title, "\n\n".join([lead, *kept])))
    return story


def build_cases() -> tuple[list[Case], dict[str, Any]]:
    """The two benchmark cases and a description of how the synthetic one was built."""
    paths = seed_paths()
    seeds = [parallax.load(p) for p in paths]
    pool = [SourceText(a.title or a.source, tuple(paragraph_texts(a))) for a in seeds]
    basil = basil_sources(BASIL_TRIPLET)
    if not basil:
        log(f"BASIL triplet {BASIL_TRIPLET} not found under {BASIL}; "
            "the synthetic story uses the seed articles only")
    pool.extend(basil)
    story = synthetic_story(pool)
    cases = [
        Case("seed pair", f"{len(paths)} seed articles, loaded from .txt files",
             lambda: [parallax.load(p) for p in paths]),
        Case(f"synthetic {SYNTHETIC_OUTLETS}", f"{SYNTHETIC_OUTLETS} variants of "
             f"{len(pool)} real articles, built with load_text",
             lambda: [parallax.load_text(text, source=source, title=title,
                                         published="2022-01-07")
                      for source, title, text in story]),
    ]
    recipe = {
        "pool": [{"title": s.title, "paragraphs": len(s.paragraphs)} for s in pool],
        "basil_triplet": BASIL_TRIPLET if basil else None,
        "outlets": SYNTHETIC_OUTLETS, "seed": SYNTHETIC_SEED, "drop_share": DROP_SHARE,
        "swap_share": SWAP_SHARE, "borrowed_paragraphs": list(BORROWED),
    }
    return cases, recipe


# --- measurement --------------------------------------------------------------------------


def comparison_of(annotated: list[AnnotatedArticle], encoder: Encoder) -> Comparison:
    """What `parallax.compare` builds after annotation: claims, then their summary."""
    claims = align(annotated, encoder=encoder)
    return Comparison(tuple(annotated), tuple(claims), summarise(annotated, claims))


def render_all(comparison: Comparison) -> int:
    """Render the three report formats; their total length in characters."""
    return sum(len(render(comparison)) for render in (render_json, render_markdown, render_html))


@dataclass
class ModelCalls:
    """Calls of the sentence-transformers model seen while a block ran, and their time."""

    calls: int = 0
    seconds: float = 0.0
    texts: int = 0


@contextlib.contextmanager
def model_calls() -> Iterator[ModelCalls]:
    """Count the model's `encode` calls in the block (align should make none: cache hits)."""
    model = load_model()
    original = model.encode
    seen = ModelCalls()

    def counted(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        sentences = args[0] if args else kwargs.get("sentences", ())
        seen.texts += 1 if isinstance(sentences, str) else len(sentences)
        try:
            return original(*args, **kwargs)
        finally:
            seen.calls += 1
            seen.seconds += time.perf_counter() - start

    model.encode = counted  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        del model.encode  # back to the class's method


def run_stages(
    case: Case, meter: Callable[[Callable[[], Any]], tuple[Any, float]], *,
    baselines: bool = False,
) -> tuple[dict[str, float], Comparison]:
    """One pass of the pipeline, each step measured by `meter`.

    The public stages run one by one (align on a warm cache, so it is grouping only), then
    `parallax.compare` runs whole with a fresh Encoder, and its result is rendered. With
    `baselines`, raw spaCy runs just before annotate and raw encode just before embed, on
    the same inputs, so each ratio compares runs seconds apart.
    """
    figures: dict[str, float] = {}
    clear_parse_cache()  # parses cached by the run before would make annotate look free
    articles, figures["load"] = meter(case.ingest)
    if baselines:
        figures["raw_spacy"] = raw_spacy([p for a in articles for p in paragraph_texts(a)])
    annotated, figures["annotate"] = meter(lambda: annotate(articles))
    encoder = Encoder()  # cold cache: the embed stage does the real work
    texts = [s.text for a in annotated for s in a.sentences]
    if baselines:
        figures["raw_encode"] = raw_encode(list(dict.fromkeys(texts)))
    _, figures["embed"] = meter(lambda: encoder.encode(texts))
    with model_calls() as in_align:
        staged, figures["align"] = meter(lambda: comparison_of(annotated, encoder))
    # What each statement adds (align/extra.py) and the digest, timed on their own and
    # taken out of align and analyse.
    _, figures["extra"] = meter(lambda: with_extra(staged.claims, annotated))
    figures["align"] = max(0.0, figures["align"] - figures["extra"])
    figures["model_calls_in_align"] = in_align.calls
    figures["model_s_in_align"] = in_align.seconds
    clear_parse_cache()  # compare parses afresh, as the staged annotate did
    with model_calls() as in_compare:
        comparison, figures["compare"] = meter(
            lambda: parallax.compare(articles, models=Models(Encoder(), default_model())))
    figures["model_calls_in_compare"] = in_compare.calls
    figures["model_texts_in_compare"] = in_compare.texts
    figures["model_s_in_compare"] = in_compare.seconds
    if staged.summary != comparison.summary:
        log(f"  note: parallax.compare and the staged align differ on {case.name}")
    found = comparison.analyses
    _, figures["digest"] = meter(lambda: digest_of(
        comparison.articles, comparison.claims, quotes=found.quotes, quantities=found.quantities,
        quantity_matches=found.quantity_matches, dates=found.dates,
        contradictions=found.contradictions, entities=found.entities))
    _, figures["report"] = meter(lambda: render_all(comparison))
    return figures, comparison


def raw_spacy(texts: Sequence[str]) -> float:
    """Seconds for spaCy's own `nlp.pipe` (default batch size) over the texts."""
    nlp = spacy_pipeline("en")
    return clock(lambda: list(nlp.pipe(texts)))[1]


def raw_encode(texts: Sequence[str]) -> float:
    """Seconds for `SentenceTransformer.encode` over the texts, as the Encoder calls it."""
    model = load_model()
    batch_size = Encoder().batch_size
    return clock(lambda: model.encode(list(texts), batch_size=batch_size,
                                      normalize_embeddings=True, convert_to_numpy=True,
                                      show_progress_bar=False))[1]


def measure_case(case: Case, repeats: int) -> dict[str, Any]:
    """Timings (medians of `repeats`), baselines, throughput and memory of one case."""
    articles = case.ingest()
    paragraphs = [p for a in articles for p in paragraph_texts(a)]
    runs: list[dict[str, float]] = []
    foreign: list[float | None] = []  # CPU share of other processes: it skews the timings
    comparison: Comparison | None = None
    for repeat in range(repeats):
        gc.collect()
        before = CpuSample.now()
        figures, comparison = run_stages(case, clock, baselines=True)
        figures["analyse"] = max(0.0, figures["compare"] - figures["annotate"]
                                 - figures["embed"] - figures["align"] - figures["extra"]
                                 - figures["digest"])
        figures["total"] = sum(figures[s] for s in STAGES)
        figures["ratio"] = figures["total"] / (figures["annotate"] + figures["embed"])
        figures["annotate_over_raw_spacy"] = figures["annotate"] / figures["raw_spacy"]
        figures["embed_over_raw_encode"] = figures["embed"] / figures["raw_encode"]
        figures["compare_over_raw_models"] = figures["compare"] / (figures["raw_spacy"]
                                                                   + figures["raw_encode"])
        runs.append(figures)
        others = foreign_load(before, CpuSample.now())
        foreign.append(others)
        log(f"  {case.name} repeat {repeat + 1}/{repeats}: total {figures['total']:.2f} s, "
            f"ratio {figures['ratio']:.2f}"
            + (f", other processes {others:.0%} of the CPUs" if others is not None else ""))
    assert comparison is not None
    sentences = [s.text for a in comparison.articles for s in a.sentences]
    unique = list(dict.fromkeys(sentences))
    rss_after = max_rss_mib()

    gc.collect()
    tracemalloc.start()
    heap, _ = run_stages(case, heap_peak)
    tracemalloc.stop()

    med = {key: median([r[key] for r in runs]) for key in runs[0]}
    best = {key: min(r[key] for r in runs) for key in runs[0]}
    pairs = len(articles) * (len(articles) - 1) // 2
    summary = comparison.summary
    return {
        "name": case.name,
        "description": case.description,
        "articles": len(articles),
        "paragraphs": len(paragraphs),
        "characters": sum(len(a.text) for a in articles),
        "sentences": len(sentences),
        "unique_sentences": len(unique),
        "article_pairs": pairs,
        "claims": len(comparison.claims),
        "claims_by_source_count": {str(k): v for k, v in summary.claims_by_source_count.items()},
        "median_s": med,
        "min_s": best,
        "runs_s": runs,
        "other_processes_cpu_share": foreign,
        "ratios": {
            "total_over_annotate_embed": med["ratio"],
            "annotate_over_raw_spacy": med["annotate_over_raw_spacy"],
            "embed_over_raw_encode": med["embed_over_raw_encode"],
            "compare_over_raw_models": med["compare_over_raw_models"],
            "stage_share": {s: med[s] / med["total"] for s in STAGES},
        },
        "throughput": {
            "annotate_articles_per_s": len(articles) / med["annotate"],
            "raw_spacy_articles_per_s": len(articles) / med["raw_spacy"],
            "embed_sentences_per_s": len(unique) / med["embed"],
            "raw_encode_sentences_per_s": len(unique) / med["raw_encode"],
            "align_article_pairs_per_s": pairs / med["align"],
        },
        "memory": {
            "max_rss_mib_after_case": rss_after,
            "heap_peak_mib": max(heap[s] for s in TRACED) / 2**20,
            "heap_peak_mib_by_stage": {s: heap[s] / 2**20 for s in TRACED},
        },
    }


def load_models() -> dict[str, float]:
    """Cold load of both models (their library imports included), timed separately."""
    _, spacy_s = clock(lambda: spacy_pipeline("en"))
    _, st_s = clock(load_model)
    return {"spacy_s": spacy_s, "sentence_transformers_s": st_s, "total_s": spacy_s + st_s}


def source_digest() -> str:
    """SHA-256 of the package's Python sources: the tree is edited while we measure."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src" / "parallax").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def machine() -> dict[str, Any]:
    """Where the figures were taken."""
    cpu = platform.processor()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
    import torch

    versions: dict[str, str | None] = {}
    for package in ("news-parallax", "torch", "spacy", "sentence-transformers", "numpy"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    git = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                         capture_output=True, text=True, check=False)
    return {
        "cpu": cpu, "cpu_count": os.cpu_count(), "torch_threads": torch.get_num_threads(),
        "gpu": "none used (device=cpu)", "python": platform.python_version(),
        "platform": platform.platform(), "versions": versions,
        "git": git.stdout.strip() or None, "source_sha256": source_digest(),
    }


# --- output -------------------------------------------------------------------------------


def markdown(results: dict[str, Any]) -> str:
    """The results as Markdown tables."""
    cases = results["cases"]
    models = results["model_load_s"]
    lines = [
        f"Machine: {results['machine']['cpu']}, {results['machine']['cpu_count']} CPU cores, "
        f"no GPU; medians of {results['repeats']} repeats; seconds are from this CPU.",
        "",
        "| case | articles | sentences (unique) | load | annotate | embed | align | extra "
        "| analyse* | digest | report | total | total / (annotate + embed), target ≤ 1.5 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in cases:
        m = c["median_s"]
        ratio = c["ratios"]["total_over_annotate_embed"]
        verdict = "✓" if ratio <= TARGET_RATIO else "✗"
        lines.append(
            f"| {c['name']} | {c['articles']} | {c['sentences']} ({c['unique_sentences']}) | "
            + " | ".join(f"{m[s]:.3f}" for s in STAGES)
            + f" | {m['total']:.3f} | **{ratio:.2f}** {verdict} |"
        )
    lines += [
        "",
        "\\* analyse = `parallax.compare` timed whole (fresh Encoder) less annotate, embed, "
        "align, extra and digest: the analysers (quotes, numbers, dates, entities, "
        "contradictions, framing) and their own model calls. Extra (what each statement "
        "adds) and digest are timed on their own. Report renders that full comparison.",
    ]
    lines += [
        "",
        "Stage shares of the total:",
        "",
        "| case | " + " | ".join(STAGES) + " |",
        "|---|" + "---:|" * len(STAGES),
    ]
    for c in cases:
        share = c["ratios"]["stage_share"]
        lines.append(f"| {c['name']} | " + " | ".join(f"{share[s]:.1%}" for s in STAGES) + " |")
    lines.append("")
    for c in cases:
        m = c["median_s"]
        calls = (f"{m['model_calls_in_align']:g} model calls ({m['model_s_in_align']:.3f} s)"
                 if m["model_calls_in_align"] else "no model calls (cache hits only)")
        shares = [f for f in c["other_processes_cpu_share"] if f is not None]
        disturbed = sum(f > DISTURBED for f in shares)
        busy = (f"; other processes took {min(shares):.0%}–{max(shares):.0%} of the CPUs"
                + (f" (**{disturbed} of {len(shares)} repeats disturbed**, over "
                   f"{DISTURBED:.0%})" if disturbed else "")
                if shares else "")
        lines.append(
            f"- {c['name']}: align covers {c['article_pairs']} article pair(s), "
            f"{c['throughput']['align_article_pairs_per_s']:.1f} pairs/s, {calls}; "
            f"`parallax.compare` end to end (fresh Encoder) {m['compare']:.3f} s, of which "
            f"{m['model_s_in_compare']:.3f} s in {m['model_calls_in_compare']:g} model calls "
            f"on {m['model_texts_in_compare']:g} texts ({c['unique_sentences']} "
            f"of them the unique sentences){busy}."
        )
    lines += [
        "",
        "Against the in-run baselines (raw spaCy `nlp.pipe` on the same paragraphs, raw "
        "`SentenceTransformer.encode` on the same unique sentences, each run just before "
        "its stage; medians of the per-repeat ratios):",
        "",
        "| case | annotate / raw spaCy | embed / raw encode | `compare()` / (raw spaCy + raw "
        "encode) | annotate articles/s (raw) | embed sentences/s (raw) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for c in cases:
        r, t = c["ratios"], c["throughput"]
        lines.append(
            f"| {c['name']} | {r['annotate_over_raw_spacy']:.2f}× | "
            f"{r['embed_over_raw_encode']:.2f}× | {r['compare_over_raw_models']:.2f}× | "
            f"{t['annotate_articles_per_s']:.1f} ({t['raw_spacy_articles_per_s']:.1f}) | "
            f"{t['embed_sentences_per_s']:.0f} ({t['raw_encode_sentences_per_s']:.0f}) |"
        )
    lines += [
        "",
        "| memory | " + " | ".join(c["name"] for c in cases) + " |",
        "|---|" + "---:|" * len(cases),
        "| max RSS after the case, MiB | "
        + " | ".join(f"{c['memory']['max_rss_mib_after_case']:.0f}" for c in cases) + " |",
        "| Python heap peak of the comparison (tracemalloc), MiB | "
        + " | ".join(f"{c['memory']['heap_peak_mib']:.1f}" for c in cases) + " |",
        "",
        f"Model load (cold, first in the process, imports included): spaCy "
        f"{models['spacy_s']:.2f} s + sentence-transformers "
        f"{models['sentence_transformers_s']:.2f} s = {models['total_s']:.2f} s; max RSS "
        f"{results['max_rss_mib']['after_models']:.0f} MiB after loading "
        f"({results['max_rss_mib']['start']:.0f} MiB before). First comparison in the "
        f"process (untimed warm-up): {results['warmup_s']:.2f} s. Load average "
        f"{results['load_average']['start'][0]:.2f} at the start, "
        f"{results['load_average']['end'][0]:.2f} at the end.",
    ]
    return "\n".join(lines)


def main() -> int:
    """Run the benchmark; print Markdown, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON results")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be >= 1")
    if not seed_paths():
        log(f"no seed articles in {SEEDS}; put ../shared beside the repository")
        return 2

    rss_start = max_rss_mib()
    load_start = os.getloadavg()  # other work on the machine skews the timings
    log("loading models (cold) …")
    models = load_models()
    rss_models = max_rss_mib()
    cases, recipe = build_cases()
    log("warm-up comparison …")
    _, warmup_s = clock(lambda: run_stages(cases[0], clock))
    results: dict[str, Any] = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "repeats": args.repeats,
        "model_load_s": models,
        "warmup_s": warmup_s,
        "synthetic_recipe": recipe,
        "cases": [],
    }
    for case in cases:
        log(f"measuring {case.name} …")
        results["cases"].append(measure_case(case, args.repeats))
    results["max_rss_mib"] = {"start": rss_start, "after_models": rss_models,
                              "end": max_rss_mib()}
    results["load_average"] = {"start": load_start, "end": os.getloadavg()}
    results["markdown"] = markdown(results)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                           encoding="utf-8")
    print(results["markdown"])
    log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
