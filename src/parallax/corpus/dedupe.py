"""Near-duplicates: MinHash signatures of word 5-shingles, LSH bands kept in the store.

A wire copy or a light rewrite of an article is linked to its original (the earliest
published, else the first ingested) in `near_duplicates`, with the MinHash estimate of the
Jaccard similarity of their shingle sets.

How: each article's normalised text (NFKC, case-folded, words only) becomes a set of word
5-shingles, and a 128-value MinHash signature (datasketch, fixed seed) is stored with it.
The signature is cut into 20 bands of 5 values; each band is hashed to a 64-bit key stored
in `minhash_bands`. Articles sharing a band key are candidates (the classic LSH index of
datasketch's `MinHashLSH`, but in SQL, so it persists, grows batch by batch and is shared
by concurrent writers); a candidate whose estimated Jaccard reaches the threshold is a
near-duplicate. A new batch costs one indexed look-up per band key: no pass over pairs.
`rebuild` recomputes bands (and signatures, when their parameters change) and every link
from the stored articles, in publication order, in O(n) look-ups.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from datasketch import MinHash
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from parallax.corpus.store import (
    ArticleRow,
    Base,
    MetaRow,
    NearDuplicateRow,
    SignatureBandRow,
    SignatureRow,
    Store,
    utcnow,
)

__all__ = [
    "DEFAULT_PARAMS",
    "Candidate",
    "DedupeParams",
    "OrderKey",
    "band_keys",
    "estimate_jaccard",
    "link_batch",
    "order_key",
    "rebuild",
    "shingles",
    "signature",
    "store_params",
]

log = logging.getLogger(__name__)

Signature = npt.NDArray[np.uint32]
OrderKey = tuple[bool, datetime, datetime, str]
"""How articles are ordered to pick an original: (no publication date, published, ingested, id)."""

_WORD = re.compile(r"\w+")
_PARAMS_KEY = "dedupe"
_IN_CHUNK = 500  # bound parameters per IN (...) list: well under SQLite's and libpq's limits
_NO_DATE = datetime.min
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


def order_key(published_at: datetime | None, ingested_at: datetime, article_id: str) -> OrderKey:
    """Sort key of the original: earliest published first, undated last, then first ingested."""
    return (published_at is None, published_at or _NO_DATE, ingested_at, article_id)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A newly stored article to check against the index."""

    id: str
    signature: Signature
    order: OrderKey
    url_key: str | None = None


@dataclass(slots=True)
class _Known:
    id: str
    order: OrderKey
    url_key: str | None
    signature: Signature | None
    original: str | None = None


@dataclass(slots=True)
class _Links:
    """Link decisions of one batch: article → (original, jaccard)."""

    stored: set[str] = field(default_factory=set)  # articles that had a link row before
    decided: dict[str, tuple[str, float]] = field(default_factory=dict)


def _chunks(items: Iterable[Any], size: int = _IN_CHUNK) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def store_params(session: Session, default: DedupeParams = DEFAULT_PARAMS) -> DedupeParams:
    """The store's near-duplicate parameters; saves `default` in a store that has none."""
    saved = session.get(MetaRow, _PARAMS_KEY)
    if saved is not None:
        return DedupeParams.from_json(saved.value)
    session.add(MetaRow(key=_PARAMS_KEY, value=default.to_json()))
    session.flush()
    return default


def _load_known(
    session: Session, ids: set[str], params: DedupeParams, known: dict[str, _Known]
) -> None:
    """Order, URL key, signature and current link of stored articles."""
    for chunk in _chunks(sorted(ids - known.keys())):
        rows = session.execute(
            select(
                ArticleRow.id,
                ArticleRow.published_at,
                ArticleRow.ingested_at,
                ArticleRow.url_key,
                SignatureRow.signature,
                SignatureRow.scheme,
            )
            .outerjoin(SignatureRow, SignatureRow.article_id == ArticleRow.id)
            .where(ArticleRow.id.in_(chunk))
        )
        for article_id, published_at, ingested_at, key, data, scheme in rows:
            usable = data is not None and scheme == params.scheme
            known[article_id] = _Known(
                id=article_id,
                order=order_key(published_at, ingested_at, article_id),
                url_key=key,
                signature=from_bytes(data) if usable else None,
            )


def link_batch(
    session: Session, batch: Sequence[Candidate], params: DedupeParams = DEFAULT_PARAMS
) -> int:
    """Index a batch of newly stored articles and link their near-duplicates.

    Each new article links to the earliest matching article (estimated Jaccard at least
    `params.threshold`, not a revision of the same URL); a stored article that turns out
    to be a copy of an earlier-published new one is re-linked to it. The batch's bands
    are added to the index. Returns the number of near-duplicate links added.
    """
    keys = {item.id: band_keys(item.signature, params) for item in batch}
    bands: dict[int, set[str]] = {}
    for chunk in _chunks(sorted({k for ks in keys.values() for k in ks})):
        found = session.execute(
            select(SignatureBandRow.band_key, SignatureBandRow.article_id).where(
                SignatureBandRow.band_key.in_(chunk)
            )
        )
        for key, article_id in found:
            bands.setdefault(key, set()).add(article_id)

    known: dict[str, _Known] = {}
    _load_known(session, {a for ids in bands.values() for a in ids}, params, known)
    links = _Links()
    for chunk in _chunks(sorted(known)):
        linked = session.execute(
            select(NearDuplicateRow.article_id, NearDuplicateRow.original_id).where(
                NearDuplicateRow.article_id.in_(chunk)
            )
        )
        for article_id, original_id in linked:
            known[article_id].original = original_id
            links.stored.add(article_id)
    originals = {k.original for k in known.values() if k.original is not None}
    _load_known(session, originals, params, known)

    for item in batch:
        _link_one(item, keys[item.id], bands, known, links, params)
        known[item.id] = _Known(item.id, item.order, item.url_key, item.signature)
        if item.id in links.decided:
            known[item.id].original = links.decided[item.id][0]
        for key in keys[item.id]:
            bands.setdefault(key, set()).add(item.id)

    _write(session, batch, keys, links)
    return sum(1 for article_id in links.decided if article_id not in links.stored)


def _link_one(
    item: Candidate,
    keys: list[int],
    bands: dict[int, set[str]],
    known: dict[str, _Known],
    links: _Links,
    params: DedupeParams,
) -> None:
    candidates = set().union(*(bands.get(key, set()) for key in keys)) - {item.id}
    matches: list[tuple[_Known, float]] = []
    for candidate_id in candidates:
        other = known.get(candidate_id)
        if other is None or other.signature is None:
            continue
        if item.url_key is not None and other.url_key == item.url_key:
            continue  # an earlier version of the same page: that is `revision_of`
        jaccard = estimate_jaccard(item.signature, other.signature)
        if jaccard >= params.threshold:
            matches.append((other, jaccard))
    earlier = [(other, j) for other, j in matches if other.order < item.order]
    if earlier:
        original, jaccard = min(earlier, key=lambda match: match[0].order)
        links.decided[item.id] = (original.id, jaccard)
    for other, jaccard in matches:
        if other.order < item.order:
            continue
        current = known.get(other.original) if other.original else None
        if other.original is None or (current is not None and current.order > item.order):
            other.original = item.id
            links.decided[other.id] = (item.id, jaccard)


def _write(
    session: Session, batch: Sequence[Candidate], keys: dict[str, list[int]], links: _Links
) -> None:
    band_rows = [
        {"band_key": key, "article_id": item.id} for item in batch for key in set(keys[item.id])
    ]
    if band_rows:  # Core inserts: the ORM's per-row bookkeeping doubled the write time
        session.execute(insert(Base.metadata.tables[SignatureBandRow.__tablename__]), band_rows)
    now = utcnow()
    fresh = [
        {"article_id": a, "original_id": o, "jaccard": j, "linked_at": now}
        for a, (o, j) in links.decided.items()
        if a not in links.stored
    ]
    if fresh:
        session.execute(insert(Base.metadata.tables[NearDuplicateRow.__tablename__]), fresh)
    for article_id, (original_id, jaccard) in links.decided.items():
        if article_id in links.stored:
            session.execute(
                update(NearDuplicateRow)
                .where(NearDuplicateRow.article_id == article_id)
                .values(original_id=original_id, jaccard=jaccard, linked_at=now)
            )


def rebuild(store: Store, params: DedupeParams | None = None, *, batch_size: int = 1000) -> int:
    """Recompute the index and every near-duplicate link from the stored articles.

    Use it after changing the parameters (signatures are recomputed from the text only
    when their scheme changes). Articles are replayed in publication order, so each links
    to the earliest matching one. Returns the number of links.
    """
    with store.write() as session:
        old = store_params(session)
        params = params or old
        session.execute(delete(NearDuplicateRow))
        session.execute(delete(SignatureBandRow))
        if params.scheme != old.scheme:
            session.execute(delete(SignatureRow))
        saved = session.get(MetaRow, _PARAMS_KEY)
        assert saved is not None  # store_params saved it
        saved.value = params.to_json()
    with store.session() as reader:
        ordered = list(
            reader.execute(select(ArticleRow.id, ArticleRow.published_at, ArticleRow.ingested_at))
        )
    ordered.sort(key=lambda row: order_key(row[1], row[2], row[0]))
    total = 0
    for chunk in _chunks(ordered, batch_size):
        with store.write() as session:
            ids = [row[0] for row in chunk]
            rows = session.execute(
                select(ArticleRow.id, ArticleRow.url_key, SignatureRow.signature, ArticleRow.text)
                .outerjoin(SignatureRow, SignatureRow.article_id == ArticleRow.id)
                .where(ArticleRow.id.in_(ids))
            ).all()
            by_id = {row[0]: row for row in rows}
            batch: list[Candidate] = []
            missing: list[dict[str, Any]] = []
            for article_id, published_at, ingested_at in chunk:
                if article_id not in by_id:
                    continue  # deleted meanwhile
                _, key, data, text = by_id[article_id]
                if data is None:
                    values = signature(text, params)
                    missing.append(
                        {
                            "article_id": article_id,
                            "scheme": params.scheme,
                            "signature": to_bytes(values),
                        }
                    )
                else:
                    values = from_bytes(data)
                batch.append(
                    Candidate(
                        article_id, values, order_key(published_at, ingested_at, article_id), key
                    )
                )
            if missing:
                session.execute(insert(SignatureRow), missing)
            total += link_batch(session, batch, params)
    log.info("rebuilt the near-duplicate index: %d links among %d articles", total, len(ordered))
    return total
