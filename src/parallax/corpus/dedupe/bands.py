"""Near-duplicates: MinHash LSH bands kept in the store, links to the original.

A wire copy or a light rewrite of an article is linked to its original (the earliest
published, else the first ingested) in `near_duplicates`, with the MinHash estimate of the
Jaccard similarity of their shingle sets.

How: each article's MinHash signature (`dedupe_minhash`) is stored with it, and each of
its band keys in `minhash_bands`. Articles sharing a band key are candidates (the classic
LSH index of datasketch's `MinHashLSH`, but in SQL, so it persists, grows batch by batch
and is shared by concurrent writers); a candidate whose estimated Jaccard reaches the
threshold is a near-duplicate. A new batch costs one indexed look-up per band key: no pass
over pairs. `rebuild` recomputes bands (and signatures, when their parameters change) and
every link from the stored articles, in publication order, in O(n) look-ups.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from parallax.corpus.dedupe.minhash import (
    DEFAULT_PARAMS,
    DedupeParams,
    Signature,
    band_keys,
    estimate_jaccard,
    from_bytes,
    signature,
    to_bytes,
)
from parallax.corpus.store.session import Store, in_chunks
from parallax.corpus.store.tables import (
    ArticleRow,
    Base,
    MetaRow,
    NearDuplicateRow,
    SignatureBandRow,
    SignatureRow,
)
from parallax.corpus.store.values import utcnow

__all__ = [
    "DEFAULT_PARAMS",
    "Candidate",
    "DedupeParams",
    "OrderKey",
    "Signature",
    "link_batch",
    "order_key",
    "rebuild",
    "signature",
    "store_params",
    "to_bytes",
]

log = logging.getLogger(__name__)

OrderKey = tuple[bool, datetime, datetime, str]
"""How articles are ordered to pick an original: (no publication date, published, ingested, id)."""

_PARAMS_KEY = "dedupe"
_NO_DATE = datetime.min


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
    for chunk in in_chunks(sorted(ids - known.keys())):
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
    for chunk in in_chunks(sorted({k for ks in keys.values() for k in ks})):
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
    for ids in in_chunks(sorted(known)):
        linked = session.execute(
            select(NearDuplicateRow.article_id, NearDuplicateRow.original_id).where(
                NearDuplicateRow.article_id.in_(ids)
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
    for chunk in in_chunks(ordered, batch_size):
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
