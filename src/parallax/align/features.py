"""The signals the same-claim decision looks at, for one pair of sentences.

Embedding cosine alone confuses "says the same" with "is about the same"; the lexical,
name, number and negation signals below tell the two apart (see docs/evaluation.md).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from parallax.align.embed import Embedding
from parallax.align.numbers import numbers_in
from parallax.types import Sentence

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})

FEATURE_NAMES: tuple[str, ...] = (
    "cosine",
    "content_jaccard",
    "containment",
    "coverage_gap",
    "length_ratio",
    "names_jaccard",
    "numbers_differ",
    "negation_differs",
)


@dataclass(frozen=True, slots=True)
class SentenceSignals:
    """What the same-claim decision needs to know about one sentence."""

    content: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[float]
    negations: int
    length: int
    has_predicate: bool


def signals_of(sentence: Sentence) -> SentenceSignals:
    """The content lemmas, names, numbers and negations of a sentence."""
    words = [t for t in sentence.tokens if t.pos not in ("PUNCT", "SPACE", "SYM")]
    return SentenceSignals(
        content=frozenset(t.lemma for t in words if t.pos in _CONTENT_POS and not t.is_stop),
        names=frozenset(t.lemma for t in words if t.pos == "PROPN"),
        numbers=numbers_in(sentence.tokens),
        negations=sum(t.is_negation for t in words),
        length=len(words),
        has_predicate=any(t.pos in ("VERB", "AUX") for t in words),
    )


def _jaccard(a: frozenset[object], b: frozenset[object], *, empty: float) -> float:
    union = len(a | b)
    return len(a & b) / union if union else empty


def pair_features(a: SentenceSignals, b: SentenceSignals, cosine: float) -> npt.NDArray[np.float64]:
    """The feature vector of a sentence pair, in `FEATURE_NAMES` order."""
    shared = len(a.content & b.content)
    cover_a = shared / len(a.content) if a.content else 0.0
    cover_b = shared / len(b.content) if b.content else 0.0
    numbers_union = a.numbers | b.numbers
    return np.array(
        [
            cosine,
            _jaccard(a.content, b.content, empty=0.0),
            max(cover_a, cover_b),
            abs(cover_a - cover_b),
            min(a.length, b.length) / max(a.length, b.length, 1),
            _jaccard(a.names, b.names, empty=1.0),
            len(a.numbers ^ b.numbers) / len(numbers_union) if numbers_union else 0.0,
            float((a.negations % 2) != (b.negations % 2)),
        ],
        dtype=np.float64,
    )


def story_weights(embeddings: Sequence[Embedding]) -> dict[int, float]:
    """Smoothed IDF of each word piece among the given sentences (one story's).

    Names and words that run through a whole story (its cast, its place) then weigh little
    in coverage, so sentences are matched on what they say rather than on whom.
    """
    frequency = Counter(int(i) for e in embeddings for i in np.unique(e.piece_ids))
    total = len(embeddings)
    return {piece: math.log((total + 1) / (n + 1)) + 1.0 for piece, n in frequency.items()}


@dataclass(frozen=True, slots=True)
class Pieces:
    """The word pieces of a run of sentences stacked into one matrix, for coverage.

    Sentence `k` owns rows `bounds[k]:bounds[k + 1]`; each row's weight is its news-corpus
    IDF times its IDF within the story.
    """

    vectors: npt.NDArray[np.float32]
    weights: npt.NDArray[np.float32]
    bounds: npt.NDArray[np.int64]

    @property
    def sizes(self) -> npt.NDArray[np.int64]:
        """How many word pieces each sentence has."""
        return np.diff(self.bounds)

    def sentences(self, first: int, last: int) -> Pieces:
        """The pieces of sentences `first..last-1` only."""
        lo, hi = int(self.bounds[first]), int(self.bounds[last])
        return Pieces(self.vectors[lo:hi], self.weights[lo:hi], self.bounds[first:last + 1] - lo)


def stack_pieces(embeddings: Sequence[Embedding], story: Mapping[int, float]) -> Pieces:
    """The sentences' word pieces and weights, stacked."""
    sizes = [len(e.pieces) for e in embeddings]
    dim = embeddings[0].pieces.shape[1] if embeddings else 0
    vectors = (np.concatenate([e.pieces for e in embeddings]).astype(np.float32)
               if sum(sizes) else np.zeros((0, dim), dtype=np.float32))
    local = [story.get(int(i), 1.0) for e in embeddings for i in e.piece_ids]
    weights = (np.concatenate([e.weights for e in embeddings]).astype(np.float32)
               * np.asarray(local, dtype=np.float32)) if sum(sizes) else np.zeros(0, np.float32)
    return Pieces(vectors, weights, np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64))


# Largest piece-similarity block computed at once (float32 entries, about 64 MB).
_BLOCK_ENTRIES = 16_000_000


def coverage_matrix(a: Pieces, b: Pieces) -> npt.NDArray[np.float32]:
    """`coverage` of every sentence of `a` against every sentence of `b` (shape na × nb)."""
    result = np.zeros((len(a.sizes), len(b.sizes)), dtype=np.float32)
    for a_first, a_last in _blocks(a, max(1, _BLOCK_ENTRIES // max(len(b.vectors), 1))):
        result[a_first:a_last] = _coverage_block(a.sentences(a_first, a_last), b)
    return result


def _blocks(pieces: Pieces, budget: int) -> Iterator[tuple[int, int]]:
    """Consecutive sentence ranges holding at most `budget` pieces (or one sentence)."""
    first = 0
    total = len(pieces.sizes)
    while first < total:
        last = first + 1
        while last < total and pieces.bounds[last + 1] - pieces.bounds[first] <= budget:
            last += 1
        yield first, last
        first = last


def _coverage_block(a: Pieces, b: Pieces) -> npt.NDArray[np.float32]:
    similarities = a.vectors @ b.vectors.T
    covered_a = _covered(similarities, a, b)  # a's sentences by b's
    covered_b = _covered(similarities.T, b, a).T
    size_a, size_b = a.sizes[:, None], b.sizes[None, :]
    # The shorter sentence is the one covered; with equal lengths, order must not matter.
    result = np.where(size_a < size_b, covered_a,
                      np.where(size_a > size_b, covered_b, np.maximum(covered_a, covered_b)))
    result[(size_a == 0) | (size_b == 0)] = 0.0
    return result.astype(np.float32)


def _covered(similarities: npt.NDArray[np.float32], rows: Pieces, columns: Pieces,
             ) -> npt.NDArray[np.float64]:
    """Weighted mean over each row sentence's pieces of their best similarity within each
    column sentence (rows' sentences × columns' sentences; 0 where a sentence is empty)."""
    result = np.zeros((len(rows.sizes), len(columns.sizes)))
    row_full, column_full = rows.sizes > 0, columns.sizes > 0
    if not row_full.any() or not column_full.any():
        return result
    best = np.maximum.reduceat(similarities, columns.bounds[:-1][column_full], axis=1)
    weights = rows.weights[:, None]
    sums = np.add.reduceat(best * weights, rows.bounds[:-1][row_full], axis=0)
    totals = np.add.reduceat(rows.weights, rows.bounds[:-1][row_full])
    result[np.ix_(row_full, column_full)] = sums / np.maximum(totals, 1e-6)[:, None]
    return result


def coverage(a: Embedding, b: Embedding, story: Mapping[int, float]) -> float:
    """How much of the shorter sentence the other expresses: the weighted mean, over the
    shorter one's word pieces, of their best cosine with the other's (one-sided BERTScore),
    each piece weighted by its news-corpus IDF times its IDF within the story."""
    return float(coverage_matrix(stack_pieces([a], story), stack_pieces([b], story))[0, 0])
