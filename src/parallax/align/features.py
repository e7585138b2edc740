"""The signals the same-claim decision looks at, for one pair of sentences.

Embedding cosine alone confuses "says the same" with "is about the same"; the lexical,
name, number and negation signals below tell the two apart (see docs/evaluation.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

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


def signals_of(sentence: Sentence) -> SentenceSignals:
    """The content lemmas, names, numbers and negations of a sentence."""
    words = [t for t in sentence.tokens if t.pos not in ("PUNCT", "SPACE", "SYM")]
    return SentenceSignals(
        content=frozenset(t.lemma for t in words if t.pos in _CONTENT_POS and not t.is_stop),
        names=frozenset(t.lemma for t in words if t.pos == "PROPN"),
        numbers=numbers_in(sentence.tokens),
        negations=sum(t.is_negation for t in words),
        length=len(words),
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
