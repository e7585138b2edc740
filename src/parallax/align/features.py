"""The signals the same-claim decision looks at, for one pair of sentences.

Embedding cosine alone confuses "says the same" with "is about the same"; the lexical,
name, number and negation signals below tell the two apart (see docs/evaluation.md).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
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


def coverage(a: Embedding, b: Embedding, story: Mapping[int, float]) -> float:
    """How much of the shorter sentence the other expresses: the weighted mean, over the
    shorter one's word pieces, of their best cosine with the other's (one-sided BERTScore),
    each piece weighted by its news-corpus IDF times its IDF within the story."""
    if not len(a.pieces) or not len(b.pieces):
        return 0.0
    if len(a.pieces) == len(b.pieces):  # neither is shorter: order must not matter
        return max(_covered(a, b, story), _covered(b, a, story))
    shorter, longer = sorted((a, b), key=lambda e: len(e.pieces))
    return _covered(shorter, longer, story)


def _covered(shorter: Embedding, longer: Embedding, story: Mapping[int, float]) -> float:
    similarities = shorter.pieces.astype(np.float32) @ longer.pieces.astype(np.float32).T
    local = np.array([story.get(int(i), 1.0) for i in shorter.piece_ids], dtype=np.float32)
    weights = shorter.weights.astype(np.float32) * local
    return float(similarities.max(axis=1) @ weights / max(float(weights.sum()), 1e-6))
