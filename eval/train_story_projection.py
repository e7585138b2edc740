"""A learned "same story" projection of the headline vectors: trained, measured, not shipped.

    python eval/train_story_projection.py    # about 4 minutes (sketching is most of it)

The story sketch (`parallax.corpus.stories.sketch`) mixes its word cosine with the cosine of
frozen all-MiniLM-L6-v2 headline vectors. This fits a linear map W (384 × 384, from the
identity) of those vectors on AllSides *train* triplets with an in-batch
multiple-negatives ranking loss (an article's positive is another headline of its story,
the other stories of the batch are its negatives), early-stopped on 400 train stories left
out of the fit by the share of their headlines whose nearest headline is of their story.
The val stream is then clustered with the projected, renormalised headline vectors, the
threshold tuned on the left-out train stories, beside the unprojected sketch tuned the
same way. Val and BASIL are never seen by the fit. Figures and verdict:
docs/evaluation.md, "Story clustering".
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from corpora import DATA
from story_clusters import THRESHOLDS, allsides_stories, labeller, row, score, tune

from parallax.corpus.stories.clusterer import ArticleSketch, ClusterParams, sketch_articles

SEED = 0
HELD_STORIES = 400
EPOCHS = 20
BATCH = 128
TEMPERATURE = 0.05
LEARNING_RATE = 1e-3

Matrix = npt.NDArray[np.float32]


def nearest_accuracy(vectors: Matrix, gold: Sequence[int]) -> float:
    """Share of rows whose most similar other row (dot product) has the same gold label."""
    similar = vectors @ vectors.T
    np.fill_diagonal(similar, -np.inf)
    labels = np.asarray(gold)
    return float(np.mean(labels[similar.argmax(axis=1)] == labels))


def headline_accuracy(sketches: Sequence[ArticleSketch], gold: Sequence[int]) -> float:
    """`nearest_accuracy` of the sketches' headline vectors."""
    return nearest_accuracy(np.stack([sketch.vector for sketch in sketches]), gold)


def projected(sketches: Sequence[ArticleSketch], weights: Matrix) -> list[ArticleSketch]:
    """The sketches with their headline vectors mapped by `weights`, renormalised and
    rounded as a stored sketch is."""
    vectors = np.stack([sketch.vector for sketch in sketches]) @ weights
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    vectors = vectors.astype(np.float16).astype(np.float32)
    return [ArticleSketch(s.hashes, s.weights, v) for s, v in zip(sketches, vectors, strict=True)]


def fit_projection(
    vectors: Matrix, stories: Sequence[Sequence[int]], held: Matrix, held_gold: Sequence[int]
) -> tuple[Matrix, float, int]:
    """W trained on `stories` (row numbers of `vectors` per story), the epoch of best
    held-out nearest-headline accuracy, with that accuracy."""
    import torch
    import torch.nn.functional as F

    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    rows, held_rows = torch.tensor(vectors), torch.tensor(held)
    weights = torch.nn.Parameter(torch.eye(vectors.shape[1]))
    optimiser = torch.optim.Adam([weights], lr=LEARNING_RATE)
    batches = [list(story) for story in stories if len(story) >= 2]
    best = (nearest_accuracy(held, held_gold), 0, weights.detach().numpy().copy())
    for epoch in range(1, EPOCHS + 1):
        rng.shuffle(batches)
        for start in range(0, len(batches), BATCH):
            pairs = [rng.sample(story, 2) for story in batches[start : start + BATCH]]
            anchors = F.normalize(rows[[a for a, _ in pairs]] @ weights, dim=1)
            positives = F.normalize(rows[[p for _, p in pairs]] @ weights, dim=1)
            logits = anchors @ positives.T / TEMPERATURE
            target = torch.arange(len(pairs))
            loss = (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target)) / 2
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        with torch.no_grad():
            mapped = F.normalize(held_rows @ weights, dim=1).numpy()
        accuracy = nearest_accuracy(mapped, held_gold)
        if accuracy > best[0]:
            best = (accuracy, epoch, weights.detach().numpy().copy())
    return best[2], best[0], best[1]


def main() -> int:
    if not DATA.is_dir():
        print(f"skipped: the evaluation data ({DATA}) is not here", file=sys.stderr)
        return 0
    train, val = allsides_stories("train"), allsides_stories("val")
    train_sketches = sketch_articles([item for item, _ in train])
    val_sketches = sketch_articles([item for item, _ in val])
    numbers = sorted({story for _, story in train})
    random.Random(SEED).shuffle(numbers)
    held_out = set(numbers[:HELD_STORIES])
    members: dict[int, list[int]] = {}
    for row_number, (_, story) in enumerate(train):
        members.setdefault(story, []).append(row_number)
    held_rows = [n for n, (_, story) in enumerate(train) if story in held_out]
    held = [train[n] for n in held_rows]
    held_sketches = [train_sketches[n] for n in held_rows]
    held_gold = [story for _, story in held]
    vectors = np.stack([sketch.vector for sketch in train_sketches])
    fit_stories = [rows for story, rows in members.items() if story not in held_out]
    weights, accuracy, epoch = fit_projection(vectors, fit_stories, vectors[held_rows], held_gold)
    val_gold = [story for _, story in val]
    print(
        f"fit on {len(fit_stories)} train stories (best epoch {epoch}); share of articles "
        "whose nearest headline is of their story, before → after:"
    )
    print(
        f"  held-out train ({len(held)} articles) "
        f"{nearest_accuracy(vectors[held_rows], held_gold):.3f} → {accuracy:.3f}; val "
        f"{headline_accuracy(val_sketches, val_gold):.3f} → "
        f"{headline_accuracy(projected(val_sketches, weights), val_gold):.3f}"
    )
    print("Clustering val, threshold tuned on the held-out train stories:")
    for name, mapping in (("headlines", None), ("projected", weights)):
        held_mapped, val_mapped = (
            (held_sketches, val_sketches)
            if mapping is None
            else (projected(held_sketches, mapping), projected(val_sketches, mapping))
        )
        held_run = labeller([item for item, _ in held], held_mapped, ClusterParams())
        val_run = labeller([item for item, _ in val], val_mapped, ClusterParams())
        threshold = tune([(held_run, held)], THRESHOLDS)
        print(row(name, threshold, score([(val_run, val)], threshold)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
