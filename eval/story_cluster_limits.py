"""What holds story clustering back on AllSides: the missing dates, and the sketch itself.

    python eval/story_cluster_limits.py                  # all three (about 7 minutes)
    python eval/story_cluster_limits.py --only ceiling   # one of: dated, ceiling, encoders
    PARALLAX_EVAL_ENCODERS=~/models/all-mpnet-base-v2 \
        python eval/story_cluster_limits.py --only encoders

- dated: the 37,554 AllSides articles (full texts, with dates) clustered in publication
  order by the shipped clusterer, as a feed would arrive. Scored on the articles that are
  those of a triplet of eval/story_clusters.py (matched by title, each triplet split on its
  own); the other articles are unlabelled distractors that may join any story.
- ceiling: the AllSides val articles clustered all at once by complete-link over the exact
  sketch similarity, with the threshold chosen on val itself: an upper bound of what any
  decision rule over this similarity can reach on the undated stream; and how often an
  article's most similar article belongs to its own story.
- encoders: the same ceiling with the headline vectors replaced by sentence vectors of title
  + lead, from the shipped all-MiniLM-L6-v2 and from any further sentence-transformers model
  folders listed in $PARALLAX_EVAL_ENCODERS (separated by the path separator): would a
  stronger (slower) encoder lift the ceiling?
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from corpora import run_steps
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from story_clusters import allsides_articles, allsides_stories, b_cubed, pairwise_f1

from parallax.corpus.stories.clusterer import (
    ClusterParams,
    StoryClusterer,
    StoryInput,
    sketch_articles,
)
from parallax.corpus.stories.sketch import VECTOR_WEIGHT, lead

# Folders of further sentence-transformers models for `encoders` (none ships with parallax).
EXTRA_ENCODERS = "PARALLAX_EVAL_ENCODERS"
ENCODER_SHARES = (0.2, 0.35, 0.5, 1.0)

Matrix = npt.NDArray[np.float64]


def _title_key(title: str | None) -> str:
    return " ".join(re.findall(r"\w+", (title or "").lower()))


def triplet_labels(items: Sequence[StoryInput], split: str) -> dict[int, int]:
    """Position in `items` → gold story, for the triplets of `split` whose three articles
    each match exactly one dated article by title (and no two the same one)."""
    positions: dict[str, list[int]] = {}
    for position, item in enumerate(items):
        if item.published_at is not None:
            positions.setdefault(_title_key(item.title), []).append(position)
    stories: dict[int, list[int]] = {}
    for item, story in allsides_stories(split):
        matches = positions.get(_title_key(item.title), [])
        stories.setdefault(story, []).append(matches[0] if len(matches) == 1 else -1)
    return {position: story for story, found in stories.items()
            if -1 not in found and len(set(found)) == len(found) for position in found}


def eval_dated() -> None:
    """The shipped clusterer over the whole dated stream, scored on the matched triplets."""
    items = allsides_articles()
    labels = [a.story for a in StoryClusterer().add(items, sketch_articles(items))]
    print(f"AllSides dated: {len(items)} articles in publication order, shipped threshold "
          f"{ClusterParams().threshold}; scored on the triplets matched by title")
    for split in ("train", "val"):
        gold = triplet_labels(items, split)
        predicted = [labels[position] for position in gold]
        stories = list(gold.values())
        p, r, f = b_cubed(predicted, stories)
        print(f"  {split:<5} {len(gold) // 3} stories ({len(gold)} articles): B3 P {p:.3f} "
              f"R {r:.3f} F1 {f:.3f}  pairwise F1 {pairwise_f1(predicted, stories):.3f}")


def ceiling(similarity: Matrix, gold: Sequence[int]) -> tuple[float, float, float, float, float]:
    """B³ P, R, F1 of complete-link over `similarity` at its best threshold (picked on these
    articles), that threshold, and the share of articles whose most similar article is of
    their story."""
    distances = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="complete")
    found = [(b_cubed([int(x) for x in fcluster(tree, 1 - t, criterion="distance")], gold), t)
             for t in np.arange(0.05, 0.95, 0.01)]
    (p, r, f), threshold = max(found, key=lambda pair: pair[0][2])
    others = similarity.copy()
    np.fill_diagonal(others, -np.inf)
    labels = np.array(gold)
    nearest = float(np.mean(labels[others.argmax(axis=1)] == labels))
    return p, r, f, float(threshold), nearest


def ceiling_row(name: str, similarity: Matrix, gold: Sequence[int]) -> str:
    """One line of `ceiling` figures."""
    p, r, f, threshold, nearest = ceiling(similarity, gold)
    return (f"  {name:<36} complete-link at {threshold:.2f}: B3 P {p:.3f} R {r:.3f} F1 {f:.3f}; "
            f"nearest of the same story {nearest:.1%}")


def eval_ceiling() -> None:
    """Complete-link over all val articles at once, threshold picked on val (an upper bound)."""
    stream = allsides_stories("val")
    sketches = sketch_articles([item for item, _ in stream])
    gold = [story for _, story in stream]
    similarity = np.array([[a.similarity(b) for b in sketches] for a in sketches])
    print(f"AllSides val, {len(stream)} articles, all at once, threshold picked on val:")
    print(ceiling_row(f"sketch ({1 - VECTOR_WEIGHT:.1f} words + {VECTOR_WEIGHT:.1f} headlines)",
                      similarity, gold))


def eval_encoders() -> None:
    """The `ceiling` with the headline vectors replaced by an encoder's title + lead vectors."""
    from sentence_transformers import SentenceTransformer

    from parallax.align.embed import load_model

    stream = allsides_stories("val")
    items = [item for item, _ in stream]
    sketches = sketch_articles(items)
    gold = [story for _, story in stream]
    words = np.array([[a.word_similarity(b) for b in sketches] for a in sketches])
    texts = [f"{item.title or ''}. {lead(item.text)}" for item in items]
    encoders: list[tuple[str, SentenceTransformer]] = [("all-MiniLM-L6-v2", load_model("cpu"))]
    encoders += [(Path(folder).name, SentenceTransformer(folder, device="cpu"))
                 for folder in os.environ.get(EXTRA_ENCODERS, "").split(os.pathsep) if folder]
    print(f"AllSides val, {len(stream)} articles, all at once, threshold picked on val; "
          "words mixed with an encoder's title + lead cosine:")
    for name, model in encoders:
        started = time.perf_counter()
        vectors = model.encode(texts, batch_size=32, normalize_embeddings=True)
        print(f"  {name}: {len(texts) / (time.perf_counter() - started):.0f} articles/s")
        for share in ENCODER_SHARES:
            mixed = (1 - share) * words + share * (vectors @ vectors.T)
            print(ceiling_row(f"{name}, {share:.2f} of the mix", mixed, gold))


STEPS = {"dated": eval_dated, "ceiling": eval_ceiling, "encoders": eval_encoders}


def main() -> int:
    return run_steps(STEPS, __doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
