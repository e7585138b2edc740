"""Cheap per-article sketches for story clustering: weighted words of the title and lead,
and a sentence vector of the headline.

A sketch is a sparse unit vector over hashed words of the headline and the first
sentences, each word weighted by its rarity in English (wordfreq's Zipf frequency, so the
weights never depend on what else was ingested) and headline words counted twice. Names
(the entities a story is about) are rare words, so they carry most of the weight without
a tagger: giving words capitalised inside a sentence twice the weight lowered B³ F1 on
AllSides train stories (0.80 → 0.78). A fixed signed
projection of the sparse vector, followed by the headline vector (`cluster_vectors`), gives
the dense vector that the nearest-neighbour index searches; similarities are then
recomputed exactly on the sparse and headline vectors.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from wordfreq import zipf_frequency

from parallax.corpus.stories.vectors import VECTOR_DIM, title_vectors

__all__ = ["DENSE_DIM", "SKETCH_VERSION", "ArticleSketch", "StoryInput", "lead", "sketch_articles"]

SKETCH_VERSION = 3  # 2: words only (read back with a zero headline vector)
WORD_DIM = 256
"""Buckets of the hashed words in the dense vector the index searches (similarities are then
recomputed exactly): chosen by hand, not tuned; the index's recall@20 is 0.972 (neighbours.py)."""
DENSE_DIM = WORD_DIM + VECTOR_DIM
# Share of the headline vectors' cosine in an article similarity. On 1,000 AllSides train
# stories (3,000 articles, threshold tuned for each) a share of 0, 0.2, 0.3 gave B³ F1
# 0.788, 0.794, 0.794 (0.2, 0.35, 0.5 with unquantised MiniLM: 0.795, 0.794, 0.789).
VECTOR_WEIGHT = 0.2

# Calibrated on 600 AllSides train stories (1,800 articles) with the online clusterer:
# leads of 2, 3 or 5 sentences gave B³ F1 0.793, 0.797, 0.798; a headline weight of 1, 2 or 3
# 0.796, 0.798, 0.796.
LEAD_SENTENCES = 5
LEAD_MAX_WORDS = 120
"""A cap on a lead of long sentences, chosen by hand, not calibrated on its own."""
TITLE_WEIGHT = 2.0
# Zipf frequency is log10 of occurrences per billion words: "the" 7.7, "said" 6.0,
# "impeachment" 3.6; words wordfreq never saw (rare names) get 0. Rarity = CEILING - zipf:
# a ceiling of 6, 7, 8, 9 gave B³ F1 0.76, 0.79, 0.80, 0.80 on the stories above (higher
# ceilings weigh names more against common words); squaring the rarity lowered it.
ZIPF_CEILING = 9.0

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_HEADER = struct.Struct("<BI")  # version, words
_VECTOR_HEADER = struct.Struct("<H")  # headline vector length (from version 3)


@dataclass(frozen=True, slots=True)
class StoryInput:
    """What clustering may look at, per article."""

    article_id: str
    title: str | None
    text: str
    published_at: datetime | None  # naive UTC; None when unknown
    source: str


def lead(text: str) -> str:
    """The first sentences of an article (at most LEAD_SENTENCES, about LEAD_MAX_WORDS words)."""
    head = " ".join(text[: LEAD_MAX_WORDS * 12].split()[:LEAD_MAX_WORDS])
    return " ".join(_SENTENCE_END.split(head)[:LEAD_SENTENCES])


@lru_cache(maxsize=200_000)
def _rarity(word: str) -> float:
    return max(0.0, ZIPF_CEILING - zipf_frequency(word, "en"))


def _hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


class ArticleSketch:
    """A sparse unit vector over hashed words (sorted uint32 hashes with float32 weights) and
    a unit headline vector (zeros without a headline)."""

    __slots__ = ("hashes", "vector", "weights")

    def __init__(
        self,
        hashes: npt.NDArray[np.uint32],
        weights: npt.NDArray[np.float32],
        vector: npt.NDArray[np.float32] | None = None,
    ) -> None:
        if hashes.shape != weights.shape or hashes.ndim != 1:
            raise ValueError("sketch hashes and weights must be 1-D arrays of one length")
        if vector is not None and vector.shape != (VECTOR_DIM,):
            raise ValueError(f"sketch headline vector must have {VECTOR_DIM} values")
        self.hashes = hashes
        self.weights = weights
        self.vector = np.zeros(VECTOR_DIM, np.float32) if vector is None else vector

    def to_bytes(self) -> bytes:
        """A compact, versioned serialisation (read back by `from_bytes`)."""
        return (
            _HEADER.pack(SKETCH_VERSION, len(self.hashes))
            + self.hashes.astype("<u4").tobytes()
            + self.weights.astype("<f2").tobytes()
            + _VECTOR_HEADER.pack(VECTOR_DIM)
            + self.vector.astype("<f2").tobytes()
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> ArticleSketch:
        """The sketch `to_bytes` wrote; ValueError naming the problem for anything else."""
        if len(data) < _HEADER.size:
            raise ValueError(f"article sketch too short ({len(data)} bytes)")
        version, size = _HEADER.unpack_from(data)
        if version not in (2, SKETCH_VERSION):
            raise ValueError(f"article sketch version {version}, expected {SKETCH_VERSION}")
        words_end = _HEADER.size + 6 * size
        expected = words_end
        if version == SKETCH_VERSION:
            expected += _VECTOR_HEADER.size + 2 * VECTOR_DIM
            stated = _VECTOR_HEADER.unpack_from(data, words_end)[0] if len(data) == expected else 0
            if len(data) == expected and stated != VECTOR_DIM:
                raise ValueError(f"article sketch headline vector is not of {VECTOR_DIM} values")
        if len(data) != expected:
            raise ValueError(f"article sketch of {size} words has {len(data)} bytes")
        start = _HEADER.size
        hashes = np.frombuffer(data, "<u4", size, start).astype(np.uint32)
        weights = np.frombuffer(data, "<f2", size, start + 4 * size).astype(np.float32)
        if version != SKETCH_VERSION:
            return cls(hashes, weights)
        at = words_end + _VECTOR_HEADER.size
        return cls(hashes, weights, np.frombuffer(data, "<f2", VECTOR_DIM, at).astype(np.float32))

    def word_similarity(self, other: ArticleSketch) -> float:
        """Cosine similarity of the two articles' weighted words, in [0, 1]."""
        _, mine, theirs = np.intersect1d(
            self.hashes, other.hashes, assume_unique=True, return_indices=True
        )
        return float(np.dot(self.weights[mine], other.weights[theirs]))

    def similarity(self, other: ArticleSketch) -> float:
        """The word similarity mixed with the headlines' cosine, in [-VECTOR_WEIGHT, 1]."""
        headlines = float(np.dot(self.vector, other.vector))
        return (1.0 - VECTOR_WEIGHT) * self.word_similarity(other) + VECTOR_WEIGHT * headlines

    def dense(self) -> npt.NDArray[np.float32]:
        """A DENSE_DIM vector whose dot products approximate `similarity`."""
        words = np.zeros(WORD_DIM, dtype=np.float32)
        signs = np.where((self.hashes >> 16) & 1, 1.0, -1.0).astype(np.float32)
        np.add.at(words, self.hashes % WORD_DIM, signs * self.weights)
        norm = float(np.linalg.norm(words))
        words = words / norm if norm > 0 else words
        return np.concatenate(
            [np.sqrt(1.0 - VECTOR_WEIGHT) * words, np.sqrt(VECTOR_WEIGHT) * self.vector]
        ).astype(np.float32)


def _counts(title: str, body: str) -> dict[str, float]:
    counts: dict[str, float] = {}
    for text, factor in ((title, TITLE_WEIGHT), (body, 1.0)):
        for match in _WORD.finditer(text):
            word = match.group().lower().replace("’", "'")
            counts[word] = counts.get(word, 0.0) + factor
    return counts


def _sketch(item: StoryInput, vector: npt.NDArray[np.float32]) -> ArticleSketch:
    counts = _counts(item.title or "", lead(item.text))
    merged: dict[int, float] = {}
    for word, count in counts.items():
        weight = (1.0 + np.log(count)) * _rarity(word)
        if weight > 0:
            key = _hash(word)
            merged[key] = merged.get(key, 0.0) + weight
    keys = sorted(merged)
    hashes = np.array(keys, dtype=np.uint32)
    weights = np.array([merged[k] for k in keys], dtype=np.float32)
    norm = float(np.linalg.norm(weights))
    unit = weights / norm if norm > 0 else weights
    # Rounded as stored, so a restored sketch scores exactly like the one first assigned.
    rounded = [x.astype(np.float16).astype(np.float32) for x in (unit, vector)]
    return ArticleSketch(hashes, *rounded)


def sketch_articles(items: Sequence[StoryInput]) -> list[ArticleSketch]:
    """The sketch of each article (pure, so an engine may map it over chunks)."""
    # An article without a headline is represented by its first sentence.
    headlines = [item.title or _SENTENCE_END.split(lead(item.text), 1)[0] for item in items]
    vectors = title_vectors(headlines)
    return [_sketch(item, vector) for item, vector in zip(items, vectors, strict=True)]
