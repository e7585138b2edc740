"""Batch ingest of files into the corpus store.

Records are read (see `parallax.ingest.stream`), HTML pages among them extracted and
articles signed (MinHash) on the engine's workers, and written in batches by this process,
in the order read, one transaction per batch: an interrupted ingest (Ctrl-C, kill -9, power cut)
leaves every committed batch and nothing of the batch in flight, and running it again
stores the rest, since an article already present (same content hash) is counted, not
stored twice. An article whose URL is already stored with other text is stored as a new
row whose `revision_of` names the previous version. Bad records are logged, counted and
skipped; an input named on the command line that cannot be read at all raises
`InputError` (checked before anything is stored where that can be told up front).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from parallax.corpus.dedupe.bands import (
    Candidate,
    DedupeParams,
    Signature,
    link_batch,
    order_key,
    signature,
    store_params,
    to_bytes,
)
from parallax.corpus.store.session import (
    ArticleRow,
    Base,
    SignatureRow,
    Store,
    in_chunks,
    parse_published,
    url_key,
    utcnow,
)
from parallax.engine import Engine, LocalEngine, map_chunked
from parallax.errors import InputError
from parallax.ingest.stream import HtmlPage, Source, extract_pages, plan, read_pages
from parallax.types import Article
from parallax.wording import counted

__all__ = ["DEFAULT_BATCH_SIZE", "IngestStats", "ingest", "ingest_articles", "sign_texts"]

log = logging.getLogger(__name__)

# HTML pages per extraction task: trafilatura takes ≈ 10-50 ms a page, so a task is a
# second or so of work, far above an engine's per-task overhead; records per task at
# most, so that inputs without pages (JSON Lines) still move in bounded windows.
_PAGES_PER_TASK = 32
_RECORDS_PER_TASK = 500

DEFAULT_BATCH_SIZE = 500
"""Articles per transaction. A commit costs a few milliseconds, under 1 % of a batch of
500 (about a second of work at the ≈ 400–2,500 articles/s measured on 2 cores, long news
articles to short records); an interrupt loses at most that one batch."""


@dataclass(slots=True)
class IngestStats:
    """What an ingest did; counts only cover committed batches (plus bad records seen)."""

    new: int = 0
    present: int = 0
    near_duplicates: int = 0
    revisions: int = 0
    bad: int = 0
    batches: int = 0
    bad_records: list[str] = field(default_factory=list)  # the first MAX_KEPT_ERRORS

    MAX_KEPT_ERRORS = 1000
    """A safety limit, not calibrated: bounds the memory of an input full of bad records."""

    def summary(self) -> str:
        """The closing line of `parallax ingest`."""
        return (
            f"stored {self.new} new, {self.present} already present, "
            f"{counted(self.near_duplicates, 'near-duplicate', 'near-duplicates')}, "
            f"{counted(self.bad, 'bad record', 'bad records')} (see log)"
        )


@dataclass(frozen=True, slots=True)
class Progress:
    """Where an ingest stands: bytes of input read out of all, and the counts so far."""

    done_bytes: int
    total_bytes: int
    records: int  # articles and bad records read
    stats: IngestStats


ProgressCallback = Callable[[Progress], None]
BatchCallback = Callable[[IngestStats], None]


def _row(article: Article, now: Any, revision_of: str | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "url_key": url_key(article.url),
        "published": article.published,
        "published_at": parse_published(article.published),
        "author": article.author,
        "language": article.language,
        "text": article.text,
        "paragraphs": [[span.start, span.end] for span in article.paragraphs],
        "origin": article.origin,
        "ingested_at": now,
        "revision_of": revision_of,
    }


def sign_texts(texts: Sequence[str], params: DedupeParams) -> list[Signature]:
    """The MinHash signature of each text (what the engine's workers run)."""
    return [signature(text, params) for text in texts]


def _present(session: Session, ids: Sequence[str]) -> set[str]:
    """Which of these article ids are stored."""
    found: set[str] = set()
    for chunk in in_chunks(ids):
        found.update(session.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(chunk))))
    return found


class _Writer:
    """Writes batches of articles; one transaction each."""

    def __init__(self, store: Store, stats: IngestStats, engine: Engine) -> None:
        self.store = store
        self.stats = stats
        self.engine = engine
        with store.write() as session:
            self.params: DedupeParams = store_params(session)

    def write(self, batch: Sequence[Article]) -> None:
        if not batch:
            return
        unique = list({article.id: article for article in batch}.values())
        duplicates_in_batch = len(batch) - len(unique)
        ids = [a.id for a in unique]
        # Sign what is not stored yet before taking the write lock (signing is the slow
        # part); the presence check is repeated under the lock for concurrent writers.
        with self.store.session() as reader:
            stored = _present(reader, ids)
        todo = [a for a in unique if a.id not in stored]
        texts = [a.text for a in todo]
        signatures = map_chunked(self.engine, partial(sign_texts, params=self.params), texts)
        signed = {a.id: sig for a, sig in zip(todo, signatures, strict=True)}
        with self.store.write() as session:
            present = _present(session, ids)
            fresh = [a for a in unique if a.id not in present]
            latest = self._latest_versions(session, fresh)
            rows: list[dict[str, Any]] = []
            candidates: list[Candidate] = []
            revisions = 0
            for article in fresh:
                now = utcnow()
                key = url_key(article.url)
                previous = latest.get(key) if key else None
                if key:
                    latest[key] = article.id
                revisions += previous is not None
                row = _row(article, now, previous)
                rows.append(row)
                if article.id not in signed:  # stored and deleted meanwhile: rare
                    signed[article.id] = signature(article.text, self.params)
                candidates.append(
                    Candidate(
                        article.id,
                        signed[article.id],
                        order_key(row["published_at"], now, article.id),
                        key,
                    )
                )
            if rows:
                session.execute(insert(ArticleRow), rows)
                session.execute(
                    insert(Base.metadata.tables[SignatureRow.__tablename__]),
                    [
                        {
                            "article_id": c.id,
                            "scheme": self.params.scheme,
                            "signature": to_bytes(c.signature),
                        }
                        for c in candidates
                    ],
                )
                linked = link_batch(session, candidates, self.params)
            else:
                linked = 0
        # Committed: only now do the counts move.
        self.stats.new += len(fresh)
        self.stats.present += len(present) + duplicates_in_batch
        self.stats.near_duplicates += linked
        self.stats.revisions += revisions
        self.stats.batches += 1

    @staticmethod
    def _latest_versions(session: Session, fresh: Sequence[Article]) -> dict[str, str]:
        """For each URL of the batch already stored, the id of its latest version."""
        keys = sorted({k for a in fresh if (k := url_key(a.url))})
        latest: dict[str, tuple[Any, str]] = {}
        for chunk in in_chunks(keys):
            rows = session.execute(
                select(ArticleRow.url_key, ArticleRow.ingested_at, ArticleRow.id).where(
                    ArticleRow.url_key.in_(chunk)
                )
            )
            for key, ingested_at, article_id in rows:
                if key is None:
                    continue
                if key not in latest or (ingested_at, article_id) > latest[key]:
                    latest[key] = (ingested_at, article_id)
        return {key: article_id for key, (_, article_id) in latest.items()}


def _report(stats: IngestStats, error: InputError) -> None:
    stats.bad += 1
    if len(stats.bad_records) < IngestStats.MAX_KEPT_ERRORS:
        stats.bad_records.append(str(error))
    log.warning("skipped: %s", error)


def ingest_articles(
    store: Store,
    articles: Iterable[Article | InputError],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    stats: IngestStats | None = None,
    on_batch: BatchCallback | None = None,
    engine: Engine | None = None,
) -> IngestStats:
    """Store articles (bad records among them are counted and logged) in batches;
    `engine` signs them (default: in this process)."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    stats = stats if stats is not None else IngestStats()
    writer = _Writer(store, stats, engine or LocalEngine())
    batch: list[Article] = []

    def flush() -> None:
        writer.write(batch)
        batch.clear()
        if on_batch is not None:
            on_batch(stats)

    try:
        for item in articles:
            if isinstance(item, InputError):
                _report(stats, item)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
    except InputError:
        # An input that cannot be read at all: keep what was read before it.
        if batch:
            flush()
        raise
    if batch:
        flush()
    return stats


@dataclass(frozen=True, slots=True)
class _Page:
    """A page to extract, and whether its file was named on the command line."""

    page: HtmlPage
    explicit: bool


_Read = Article | InputError | _Page


class _Windows:
    """Consecutive windows of read items, whose pages go to the engine one window per task.

    Each window is queued in `pending` before its pages are handed out. An input that
    cannot be read (`InputError`) ends the windows after the one holding what was read
    before it, and is kept in `failure`, so those items are still stored before it is
    raised.
    """

    def __init__(self, items: Iterable[_Read]) -> None:
        self.items = items
        self.pending: deque[list[_Read]] = deque()
        self.failure: InputError | None = None

    def __iter__(self) -> Iterator[list[HtmlPage]]:
        window: list[_Read] = []
        pages: list[HtmlPage] = []
        try:
            for item in self.items:
                window.append(item)
                if isinstance(item, _Page):
                    pages.append(item.page)
                if len(pages) >= _PAGES_PER_TASK or len(window) >= _RECORDS_PER_TASK:
                    self.pending.append(window)
                    yield pages
                    window, pages = [], []
        except InputError as err:
            self.failure = err
        if window:
            self.pending.append(window)
            yield pages


def _extracted(items: Iterable[_Read], engine: Engine) -> Iterator[Article | InputError]:
    """The items in order, pages extracted on the engine; a page that is a whole file
    named on the command line and has no article raises its `InputError`."""
    windows = _Windows(items)
    for results in engine.map_batches(extract_pages, windows):
        extracted = iter(results)
        for item in windows.pending.popleft():
            if not isinstance(item, _Page):
                yield item
                continue
            result = next(extracted)
            if isinstance(result, InputError) and item.page.where is None and item.explicit:
                raise result
            yield result
    if windows.failure is not None:
        raise windows.failure


def ingest(
    store: Store,
    inputs: Sequence[str | Path],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: ProgressCallback | None = None,
    on_batch: BatchCallback | None = None,
    sources: Sequence[Source] | None = None,
    stats: IngestStats | None = None,
    engine: Engine | None = None,
) -> IngestStats:
    """Ingest files and directories into the store; see the module docstring.

    `sources` (from `formats.plan(inputs)`) may be passed when already planned; `stats`
    is updated as batches commit, so a caller still has the counts after an interrupt.
    `engine` runs the extraction of HTML pages and the signing (default: in this process).
    """
    if sources is None:
        sources = plan(inputs)
    total = sum(source.size for source in sources)
    stats = stats if stats is not None else IngestStats()
    counter = {"records": 0, "done": 0}

    def records() -> Iterable[_Read]:
        for source in sources:
            try:
                for record in read_pages(source):
                    counter["records"] += 1
                    if on_progress is not None:
                        on_progress(
                            Progress(
                                counter["done"] + min(record.consumed, source.size),
                                total,
                                counter["records"],
                                stats,
                            )
                        )
                    item = record.item
                    yield _Page(item, source.explicit) if isinstance(item, HtmlPage) else item
            except InputError as err:
                if source.explicit:
                    raise
                counter["records"] += 1
                yield err
            counter["done"] += source.size
            if on_progress is not None:
                on_progress(Progress(counter["done"], total, counter["records"], stats))

    engine = engine or LocalEngine()
    ingest_articles(
        store,
        _extracted(records(), engine),
        batch_size=batch_size,
        stats=stats,
        on_batch=on_batch,
        engine=engine,
    )
    log.info("%s (%d revisions of stored URLs)", stats.summary(), stats.revisions)
    return stats
