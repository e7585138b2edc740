"""Story clustering against gold stories, and article similarity against human scores.

    python eval/story_clusters.py                 # all figures (about 15 minutes)
    python eval/story_clusters.py --only basil    # one of: allsides, basil, semeval, speed

- AllSides triplets (../shared/data/allsides-triplets): each line of train.source and
  val.source is one story told by three outlets. The articles are shuffled into one
  stream with dates unknown; the threshold is tuned on train and reported on val.
- BASIL (70 triplets with dates): leave one year out; the threshold is tuned on the
  other years and the held-out year's stream is clustered; figures pooled over the years.
- SemEval-2022 task 8 (English pairs): Pearson of the sketch similarity with the Overall
  score (1 = very similar, 4 = very dissimilar, so a good similarity correlates
  negatively).
- speed: sketching and clustering the 37,554 AllSides articles, dates known.

Each clustering figure is given for the incremental clusterer (`parallax.corpus.stories.clusterer`)
and for the peer baseline: TF-IDF of title + first three sentences, average-link
agglomerative clustering of all articles at once (scikit-learn), threshold tuned the
same way.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

import numpy as np
from corpora import DATA, basil_triplets, run_steps
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from scipy.stats import pearsonr
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances

from parallax.corpus.store.session import parse_published
from parallax.corpus.stories.clusterer import (
    ArticleSketch,
    ClusterParams,
    StoryClusterer,
    StoryInput,
    sketch_articles,
)
from parallax.corpus.stories.neighbours import NeighbourIndex
from parallax.corpus.stories.sketch import DENSE_DIM, lead

ALLSIDES = DATA / "allsides-triplets"
ARTICLES = DATA / "allsides-articles" / "articles.jsonl.gz"
SEMEVAL = DATA / "semeval2022-task8" / "training_set.csv"
SIDES = ("left", "center", "right")
SEED = 13
THRESHOLDS = [round(t, 3) for t in np.arange(0.025, 0.51, 0.025)]
BASELINE_THRESHOLDS = [round(t, 3) for t in np.arange(0.02, 0.81, 0.02)]

Labelled = list[tuple[StoryInput, int]]  # an article and its gold story
Labeller = Callable[[float], list[int]]  # threshold → predicted story of each article
Clusterer = Callable[[Sequence[StoryInput]], Labeller]  # prepares a stream once


def allsides_stories(split: str, seed: int = SEED) -> Labelled:
    """The articles of one split, each with its gold story (the line number), shuffled."""
    path = ALLSIDES / f"{split}.source"
    found: Labelled = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        for side, part in zip(SIDES, line.split("[SEP]"), strict=False):
            title, _, text = part.partition("ARTICLE=>")
            title = title.replace("TITLE=>", "").strip()
            item = StoryInput(f"{split}-{number}-{side}", title or None, text.strip(), None, side)
            found.append((item, number))
    random.Random(seed).shuffle(found)
    return found


def basil_years() -> dict[int, Labelled]:
    """BASIL articles by year, each with its gold story, in publication order."""
    years: dict[int, Labelled] = {}
    for number, triplet in enumerate(basil_triplets()):
        for article in triplet:
            when = datetime.fromisoformat(article.published) if article.published else None
            item = StoryInput(article.id, article.title, article.text, when, article.source)
            year = when.year if when else 0
            years.setdefault(year, []).append((item, number))
    for stream in years.values():
        stream.sort(key=lambda pair: (pair[0].published_at or datetime.max, pair[0].article_id))
    return years


def b_cubed(predicted: Sequence[int], gold: Sequence[int]) -> tuple[float, float, float]:
    """B³ precision, recall and F1 of a clustering against gold labels."""
    pairs = list(zip(predicted, gold, strict=True))
    both: dict[tuple[int, int], int] = {}
    sizes_p: dict[int, int] = {}
    sizes_g: dict[int, int] = {}
    for p, g in pairs:
        both[p, g] = both.get((p, g), 0) + 1
        sizes_p[p] = sizes_p.get(p, 0) + 1
        sizes_g[g] = sizes_g.get(g, 0) + 1
    precision = sum(both[p, g] / sizes_p[p] for p, g in pairs) / len(pairs)
    recall = sum(both[p, g] / sizes_g[g] for p, g in pairs) / len(pairs)
    return precision, recall, 2 * precision * recall / (precision + recall)


def pairwise_f1(predicted: Sequence[int], gold: Sequence[int]) -> float:
    """F1 over pairs of articles put in one cluster."""
    def pairs(labels: Sequence[int]) -> set[tuple[int, int]]:
        groups: dict[int, list[int]] = {}
        for n, label in enumerate(labels):
            groups.setdefault(label, []).append(n)
        return {(a, b) for g in groups.values() for i, a in enumerate(g) for b in g[i + 1 :]}

    found, wanted = pairs(predicted), pairs(gold)
    hits = len(found & wanted)
    return 2 * hits / (len(found) + len(wanted)) if found or wanted else 1.0


def labeller(items: Sequence[StoryInput], sketches: Sequence[ArticleSketch],
             params: ClusterParams) -> Labeller:
    """Threshold → the online clusterer's stories for these articles, fed in order."""
    def run(threshold: float) -> list[int]:
        clusterer = StoryClusterer(replace(params, threshold=threshold))
        return [a.story for a in clusterer.add(items, sketches)]
    return run


def incremental(params: ClusterParams) -> Clusterer:
    """The online clusterer, fed the stream in order."""
    def prepare(items: Sequence[StoryInput]) -> Labeller:
        return labeller(items, sketch_articles(items), params)
    return prepare


def peer_baseline(items: Sequence[StoryInput]) -> Labeller:
    """TF-IDF of title + first three sentences, average-link clustering of all at once."""
    texts = [f"{item.title or ''}. {lead(item.text)}" for item in items]
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    distances = np.clip(cosine_distances(vectors), 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")

    def cut(threshold: float) -> list[int]:
        return [int(x) for x in fcluster(tree, 1 - threshold, criterion="distance")]
    return cut


def score(streams: Sequence[tuple[Labeller, Labelled]], threshold: float) -> list[float]:
    """B³ P, R, F1 and pairwise F1, pooled over streams (each clustered on its own)."""
    predicted: list[int] = []
    gold: list[int] = []
    for number, (labeller, stream) in enumerate(streams):
        labels = labeller(threshold)
        predicted += [number * 1_000_000 + label for label in labels]
        gold += [number * 1_000_000 + story for _, story in stream]
    return [*b_cubed(predicted, gold), pairwise_f1(predicted, gold)]


def tune(streams: Sequence[tuple[Labeller, Labelled]], grid: Sequence[float]) -> float:
    """The threshold of best B³ F1 on these streams."""
    return max(grid, key=lambda t: score(streams, t)[2])


def prepared(cluster: Clusterer, stream: Labelled) -> tuple[Labeller, Labelled]:
    """A stream with its labeller."""
    return cluster([item for item, _ in stream]), stream


def row(name: str, threshold: float, figures: Sequence[float]) -> str:
    """One line of results."""
    p, r, f, pf = figures
    return (f"  {name:<12} t={threshold:.3f}  B3 P {p:.3f} R {r:.3f} F1 {f:.3f}  "
            f"pairwise F1 {pf:.3f}")


def methods() -> dict[str, tuple[Clusterer, Sequence[float]]]:
    """The clusterers compared, with their threshold grids."""
    return {
        "incremental": (incremental(ClusterParams()), THRESHOLDS),
        "peer": (peer_baseline, BASELINE_THRESHOLDS),
    }


def eval_allsides() -> None:
    """Tune on train, report on val (both as one undated shuffled stream)."""
    train, val = allsides_stories("train"), allsides_stories("val")
    print(f"AllSides: tuned on train ({len(train)} articles), reported on val ({len(val)})")
    for name, (cluster, grid) in methods().items():
        threshold = tune([prepared(cluster, train)], grid)
        print(row(name, threshold, score([prepared(cluster, val)], threshold)))
        if name == "incremental":
            orders = [score([prepared(cluster, allsides_stories("val", seed))], threshold)[2]
                      for seed in range(SEED, SEED + 5)]
            print(f"  {'':<12} B3 F1 over 5 orders of the val stream: {np.mean(orders):.3f} "
                  f"({min(orders):.3f}–{max(orders):.3f})")
    default = ClusterParams().threshold
    shipped = score([prepared(incremental(ClusterParams()), val)], default)
    print(row("default", default, shipped) + "  (the shipped threshold, untuned)")


def eval_basil() -> None:
    """Leave one year out: tune on the other years, cluster the held-out year."""
    years = basil_years()
    print(f"BASIL: {sum(map(len, years.values()))} articles, leave one year out")
    for name, (cluster, grid) in methods().items():
        streams = {year: prepared(cluster, stream) for year, stream in years.items()}
        predicted: list[int] = []
        gold: list[int] = []
        each: list[str] = []
        for year in sorted(streams):
            threshold = tune([s for y, s in streams.items() if y != year], grid)
            labeller, stream = streams[year]
            predicted += [year * 1_000_000 + label for label in labeller(threshold)]
            gold += [story for _, story in stream]
            each.append(f"{year}: {score([streams[year]], threshold)[2]:.2f} at t={threshold}")
        p, r, f = b_cubed(predicted, gold)
        print(f"  {name:<12} held-out B3 P {p:.3f} R {r:.3f} F1 {f:.3f}  pairwise F1 "
              f"{pairwise_f1(predicted, gold):.3f}")
        print(f"  {'':<12} per year: {'; '.join(each)}")
    default = ClusterParams().threshold
    streams = [prepared(incremental(ClusterParams()), s) for s in years.values()]
    print(row("default", default, score(streams, default)) + "  (the shipped threshold)")
    whole = [pair for year in sorted(years) for pair in years[year]]
    undated = [(replace(item, published_at=None), story) for item, story in whole]
    for name, stream in (("one stream", whole), ("undated", undated)):
        figures = score([prepared(incremental(ClusterParams()), stream)], default)
        print(row(name, default, figures) + "  (all 210 articles at once, shipped threshold)")


def eval_semeval() -> None:
    """Pearson of the sketch similarity (and TF-IDF cosine) with the Overall score."""
    pairs: list[tuple[str, str, float]] = []
    with SEMEVAL.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            if record["lang1"] == "en" and record["lang2"] == "en":
                pairs.append((record["text1"], record["text2"], float(record["Overall"])))
    items = [StoryInput(str(n), None, text, None, "") for n, pair in enumerate(pairs)
             for text in pair[:2]]
    sketches = sketch_articles(items)
    ours = [sketches[2 * n].similarity(sketches[2 * n + 1]) for n in range(len(pairs))]
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [lead(item.text) for item in items])
    peer = [float((vectors[2 * n] @ vectors[2 * n + 1].T).toarray()[0, 0])
            for n in range(len(pairs))]
    overall = [p[2] for p in pairs]
    print(f"SemEval-2022 task 8: {len(pairs)} English pairs, Pearson with Overall "
          "(negative = agrees)")
    print(f"  incremental sketch similarity r = {pearsonr(ours, overall)[0]:.3f}")
    print(f"  peer TF-IDF cosine            r = {pearsonr(peer, overall)[0]:.3f}")


def allsides_articles() -> list[StoryInput]:
    """The 37,554 AllSides articles in publication order (undated ones last)."""
    items: list[StoryInput] = []
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            items.append(StoryInput(
                record["id"], record.get("title") or None, record.get("text") or "",
                parse_published(record.get("published")), record["source"],
            ))  # fmt: skip
    items.sort(key=lambda item: (item.published_at or datetime.max, item.article_id))
    return items


def eval_speed() -> None:
    """Sketch and cluster the 37,554 AllSides articles in publication order."""
    items = allsides_articles()
    start = time.perf_counter()
    sketches = sketch_articles(items)
    sketched = time.perf_counter()
    assignments = StoryClusterer().add(items, sketches)
    done = time.perf_counter()
    stories = len({a.story for a in assignments})
    print(f"speed: {len(items)} articles: sketch {sketched - start:.1f} s "
          f"({len(items) / (sketched - start):.0f}/s), cluster {done - sketched:.1f} s "
          f"({len(items) / (done - sketched):.0f}/s); {stories} stories")
    print(f"  HNSW recall@20 against exact search: {index_recall(sketches):.3f}")


def index_recall(sketches: Sequence[ArticleSketch], queries: int = 500, k: int = 20) -> float:
    """Share of the exact k nearest (dense vectors) that the index returns, one graph."""
    vectors = np.stack([sketch.dense() for sketch in sketches])
    index = NeighbourIndex(DENSE_DIM, None)
    for position, vector in enumerate(vectors):
        index.add(position, vector, None)
    found = 0
    for position in random.Random(SEED).sample(range(len(vectors)), queries):
        exact = np.argsort(-(vectors @ vectors[position]))[:k]
        found += len(set(exact.tolist()) & set(index.search(vectors[position], None, k)))
    return found / (queries * k)


STEPS = {"allsides": eval_allsides, "basil": eval_basil, "semeval": eval_semeval,
         "speed": eval_speed}


def main() -> int:
    return run_steps(STEPS, __doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
