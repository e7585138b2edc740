"""MinHash signatures of word 5-shingles and their LSH band keys (pure functions).

Each article's normalised text (NFKC, case-folded, words only) becomes a set of word
5-shingles, and a 128-value MinHash signature (datasketch, fixed seed) is computed from
them. The signature is cut into 20 bands of 5 values; each band is hashed to a 64-bit key.
Articles sharing a band key are near-duplicate candidates; `estimate_jaccard` of their
signatures decides (`dedupe`, which keeps signatures and bands in the store).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from datasketch import MinHash

__all__ = [
    "DEFAULT_PARAMS",
    "DedupeParams",
    "Signature",
    "band_keys",
    "estimate_jaccard",
    "from_bytes",
    "shingle_hashes",
    "shingles",
    "signature",
    "to_bytes",
]

Signature = npt.NDArray[np.uint32]

_WORD = re.compile(r"\w+")
_MULTIPLIER = np.uint64(0x100000001B3)  # FNV-1a 64-bit prime
_MIXER = np.uint64(0xBF58476D1CE4E5B9)  # splitmix64 finaliser constant


@dataclass(frozen=True, slots=True)
class DedupeParams:
    """MinHash and LSH settings of a store (saved in it: every batch must use the same).

    Calibrated on the 37,554 AllSides articles of ../shared/data (Article-Bias-Prediction):
    candidate pairs (32 bands × 4) with true 5-shingle Jaccard ≥ 0.7 were 13 of 14
    republished copies or updated versions (syndicated columns, Reuters/AP reprints with
    captions added, a story re-filed with edits); 0.45–0.6 mixed reprints heavily edited
    by the reprinting outlet with different articles of one outlet sharing page
    boilerplate; below 0.45, boilerplate only. Synthetic edits of 400 of those articles
    give (median Jaccard): 1 word in 100 changed 0.91, 1 in 50 0.83, 1 in 20 0.64,
    byline and copyright lines added 0.98, last paragraph dropped 0.97, trimmed to 70 %
    0.70, to 50 % 0.49. So 0.7 keeps a copy trimmed by a third or edited in one word of
    50, and leaves out rewrites and different articles on one story (their Jaccard is
    rarely above 0.3). See docs/corpus.md.
    """

    num_perm: int = 128  # estimate's standard error at J=0.7: sqrt(0.7·0.3/128) ≈ 0.04
    seed: int = 1
    shingle_words: int = 5
    threshold: float = 0.7
    # 20 bands × 5 rows (100 of the 128 values): P(candidate) = 0.975 at J=0.7, 0.996 at
    # 0.75, 0.80 at 0.6, 0.47 at 0.5, 0.05 at 0.3. Recall just at the threshold is bounded
    # by the estimate's noise anyway; 32 × 4 (0.9998 at 0.7) costs 60 % more index rows,
    # which are most of the write time of an ingest.
    bands: int = 20
    rows: int = 5

    def __post_init__(self) -> None:
        if self.num_perm < 1:
            raise ValueError(f"num_perm must be at least 1, got {self.num_perm}")
        if self.shingle_words < 1:
            raise ValueError(f"shingle_words must be at least 1, got {self.shingle_words}")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.bands < 1 or self.rows < 1:
            raise ValueError(f"bands and rows must be at least 1, got {self.bands}, {self.rows}")
        if self.bands * self.rows > self.num_perm:
            raise ValueError(
                f"bands × rows ({self.bands} × {self.rows}) must not exceed num_perm "
                f"({self.num_perm})"
            )

    @property
    def scheme(self) -> str:
        """What a stored signature depends on: signatures of another scheme are recomputed."""
        return f"minhash-affine32-blake2poly/w{self.shingle_words}/p{self.num_perm}/s{self.seed}"

    def candidate_probability(self, jaccard: float) -> float:
        """Chance that two articles of this Jaccard share at least one band."""
        return float(1.0 - (1.0 - jaccard**self.rows) ** self.bands)

    def to_json(self) -> str:
        """The parameters as JSON (how the store keeps them)."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DedupeParams:
        """Parameters saved by `to_json`."""
        return cls(**json.loads(text))


DEFAULT_PARAMS = DedupeParams()


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, *, size: int = DEFAULT_PARAMS.shingle_words) -> set[str]:
    """Word `size`-shingles of a text: NFKC, case-folded, punctuation and spacing ignored.

    A text of fewer words than `size` is one shingle (so exact copies still match).
    """
    words = _words(text)
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@lru_cache(maxsize=262_144)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def shingle_hashes(
    text: str, *, size: int = DEFAULT_PARAMS.shingle_words
) -> npt.NDArray[np.uint32]:
    """32-bit hashes of the distinct shingles of `shingles(text, size=size)`.

    Each word is hashed once (blake2b, cached) and a shingle's hash is a polynomial of
    its words' hashes, computed for all shingles at once: 10× faster than hashing every
    shingle string, which dominated ingest time.
    """
    words = _words(text)
    if not words:
        return np.empty(0, dtype=np.uint32)
    hashes = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    width = min(size, len(words))
    count = len(words) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(width):  # uint64 arithmetic wraps: a polynomial hash mod 2**64
        combined = combined * _MULTIPLIER + hashes[offset : offset + count]
    combined ^= combined >> np.uint64(29)
    combined *= _MIXER
    combined ^= combined >> np.uint64(32)
    return np.unique((combined >> np.uint64(32)).astype(np.uint32))


def _identity(value: int) -> int:
    return value


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> Any:
    # Drawing the permutations from the seed costs more than signing a short article.
    return MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations


def signature(text: str, params: DedupeParams = DEFAULT_PARAMS) -> Signature:
    """The MinHash signature of a text's shingles (`num_perm` uint32 values)."""
    minhash = MinHash(
        num_perm=params.num_perm,
        seed=params.seed,
        scheme="affine32",
        hashfunc=_identity,
        permutations=_permutations(params.num_perm, params.seed),
    )
    minhash.update_batch(shingle_hashes(text, size=params.shingle_words).tolist())
    values: Signature = np.asarray(minhash.hashvalues, dtype=np.uint32)
    return values


def to_bytes(values: Signature) -> bytes:
    """A signature as stored: little-endian uint32 values."""
    return values.astype("<u4").tobytes()


def from_bytes(data: bytes) -> Signature:
    """A signature read back from the store."""
    values: Signature = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return values


def band_keys(values: Signature, params: DedupeParams = DEFAULT_PARAMS) -> list[int]:
    """The LSH key of each band: a signed 64-bit hash of (band number, its values)."""
    data = to_bytes(values)
    width = 4 * params.rows
    keys: list[int] = []
    for band in range(params.bands):
        digest = hashlib.blake2b(
            data[band * width : (band + 1) * width],
            digest_size=8,
            salt=band.to_bytes(16, "little"),
        ).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def estimate_jaccard(a: Signature, b: Signature) -> float:
    """MinHash estimate of the Jaccard similarity of two signatures' shingle sets."""
    if a.shape != b.shape:
        raise ValueError(f"signatures differ in length: {a.shape[0]} and {b.shape[0]}")
    return float(np.count_nonzero(a == b)) / float(a.shape[0])
