"""The clustering stage: stored articles not yet in a story are grouped into stories.

Articles are taken in publication order (undated ones last, then by ingest time) in
batches. Each batch is sketched (`cluster.sketch_articles`, the expensive part, done
before the write lock is taken), assigned by an online `StoryClusterer` restored from the
stored sketches of the stories inside its time window, and written in one transaction:
new stories, memberships, sketches, and the label, date span, size and source count of
every story that grew; cached comparisons of those stories are dropped. An interrupted
run leaves every committed batch and nothing of the one in flight; the next run goes on
with the articles still outside a story.

A near-duplicate (`near_duplicates`) is not clustered: it joins its original's story.

Writers are serialised by the store's write lock. Each batch checks, under the lock,
whether memberships changed since this process last wrote (another `parallax cluster`
ran meanwhile); if so the clusterer is restored from the store before assigning, so two
runs at once never put an article in two stories.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from parallax.corpus.store.session import (
    ArticleRow,
    ComparisonRow,
    NearDuplicateRow,
    SketchRow,
    Store,
    StoryArticleRow,
    StoryRow,
    in_chunks,
    utcnow,
)
from parallax.corpus.stories.clusterer import (
    ArticleSketch,
    Assignment,
    ClusterParams,
    StoryClusterer,
    StoryInput,
    central_title,
    sketch_articles,
)
from parallax.engine import Engine, LocalEngine, map_chunked
from parallax.wording import counted

__all__ = ["DEFAULT_CLUSTER_BATCH", "ClusterProgress", "ClusterStats", "cluster_stories"]

log = logging.getLogger(__name__)

_T = TypeVar("_T")

DEFAULT_CLUSTER_BATCH = 1000
"""Articles per clustering transaction: sketching is batched (one encoder call per batch),
so larger batches are faster; an interrupt loses at most one batch of work."""


@dataclass(slots=True)
class ClusterStats:
    """What a clustering run did; counts cover committed batches only."""

    articles: int = 0  # articles put in a story, near-duplicates included
    duplicates: int = 0  # near-duplicates that joined their original's story
    new_stories: int = 0
    grown_stories: int = 0  # stories that existed before the batch and gained articles
    batches: int = 0

    def summary(self) -> str:
        """The closing line of `parallax cluster`."""
        return (
            f"clustered {counted(self.articles, 'article', 'articles')}: "
            f"{counted(self.new_stories, 'new story', 'new stories')}, "
            f"{counted(self.grown_stories, 'story', 'stories')} grew, "
            f"{counted(self.duplicates, 'near-duplicate', 'near-duplicates')} joined "
            "their original's story"
        )


@dataclass(frozen=True, slots=True)
class ClusterProgress:
    """Where a clustering run stands: articles done out of those pending at the start."""

    done: int
    total: int
    stats: ClusterStats


ProgressCallback = Callable[[ClusterProgress], None]


def pending_ids(session: Session) -> list[str]:
    """Ids of stored articles in no story, in the order they are clustered."""
    query = (
        select(ArticleRow.id)
        .outerjoin(StoryArticleRow, StoryArticleRow.article_id == ArticleRow.id)
        .where(StoryArticleRow.article_id.is_(None))
        .order_by(
            ArticleRow.published_at.asc().nulls_last(), ArticleRow.ingested_at, ArticleRow.id
        )
    )
    return list(session.scalars(query))


# What clustering reads of an article: not the paragraphs, whose JSON decoding was a tenth
# of the stage's time on the 37,554 AllSides articles.
_INPUT_COLUMNS = (
    ArticleRow.id, ArticleRow.title, ArticleRow.text, ArticleRow.published_at, ArticleRow.source
)


def _input(values: Sequence[Any]) -> StoryInput:
    """The StoryInput of the `_INPUT_COLUMNS` values of a row."""
    article_id, title, text, published_at, source = values[:5]
    return StoryInput(article_id, title, text, published_at, source)


def _inputs(session: Session, ids: Sequence[str]) -> dict[str, StoryInput]:
    found: dict[str, StoryInput] = {}
    for chunk in in_chunks(ids):
        for row in session.execute(select(*_INPUT_COLUMNS).where(ArticleRow.id.in_(chunk))):
            found[row[0]] = _input(row)
    return found


def _originals(session: Session, ids: Sequence[str]) -> dict[str, str]:
    """Copy id → original id, for the near-duplicates among `ids`."""
    found: dict[str, str] = {}
    for chunk in in_chunks(ids):
        query = select(NearDuplicateRow.article_id, NearDuplicateRow.original_id).where(
            NearDuplicateRow.article_id.in_(chunk)
        )
        found.update({copy: original for copy, original in session.execute(query)})
    return found


def _stories_of(session: Session, ids: Sequence[str]) -> dict[str, int]:
    """Article id → story id, for the articles among `ids` already in a story."""
    found: dict[str, int] = {}
    for chunk in in_chunks(ids):
        query = select(StoryArticleRow.article_id, StoryArticleRow.story_id).where(
            StoryArticleRow.article_id.in_(chunk)
        )
        found.update({article: story for article, story in session.execute(query)})
    return found


def _memberships(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(StoryArticleRow)) or 0


@dataclass(slots=True)
class _Batch:
    """One batch, read and sketched outside the write lock."""

    inputs: list[StoryInput]  # to cluster, in order
    sketches: list[ArticleSketch]
    copies: dict[str, str]  # near-duplicate id → original id


class _Stage:
    """The clusterer of one run, with the map from its story keys to stored story ids."""

    def __init__(
        self, store: Store, params: ClusterParams, stats: ClusterStats, engine: Engine
    ) -> None:
        self.store = store
        self.engine = engine
        self.params = params
        self.stats = stats
        self.clusterer: StoryClusterer | None = None
        self.story_ids: dict[int, int] = {}  # clusterer key → stories.id, for new stories
        self.memberships = -1  # story_articles rows after this process's last write

    def read(self, ids: Sequence[str]) -> _Batch:
        with self.store.session() as session:
            inputs = _inputs(session, ids)
            copies = _originals(session, ids)
            batch = set(ids) - set(copies)
            placed = _stories_of(session, [o for o in copies.values() if o not in batch])
        # A copy joins its original's story; one whose original is in none (a chain of
        # re-linked copies) is clustered like any article.
        copies = {c: o for c, o in copies.items() if o in batch or o in placed}
        ordered = [inputs[i] for i in ids if i in inputs and i not in copies]
        return _Batch(ordered, map_chunked(self.engine, sketch_articles, ordered), copies)

    def write(self, batch: _Batch, ids: Sequence[str]) -> None:
        try:
            self._write(batch, ids)
        except BaseException:
            self.clusterer = None  # it saw assignments that were rolled back
            raise

    def _write(self, batch: _Batch, ids: Sequence[str]) -> None:
        with self.store.write() as session:
            already = _stories_of(session, ids)
            current = _memberships(session)
            clusterer = self.clusterer
            if clusterer is None or current != self.memberships:
                clusterer = self._restore(session, batch.inputs)
            keep = [n for n, item in enumerate(batch.inputs) if item.article_id not in already]
            inputs = [batch.inputs[n] for n in keep]
            sketches = [batch.sketches[n] for n in keep]
            assignments = clusterer.add(inputs, sketches) if inputs else []
            now = utcnow()
            story_of, created = self._stories(session, assignments, now)
            rows = [
                {"story_id": story_of[a.article_id], "article_id": a.article_id,
                 "score": a.score, "added_at": now}
                for a in assignments
            ]  # fmt: skip
            copies = self._place_copies(session, batch, already, story_of)
            rows += [
                {"story_id": story, "article_id": copy, "score": None, "added_at": now}
                for copy, story in copies.items()
            ]
            if rows:
                session.execute(insert(StoryArticleRow), rows)
            if inputs:
                session.execute(
                    insert(SketchRow),
                    [
                        {"article_id": item.article_id, "method": self.params.method,
                         "sketch": sketch.to_bytes()}
                        for item, sketch in zip(inputs, sketches, strict=True)
                    ],
                )  # fmt: skip
            touched = set(story_of.values()) | set(copies.values())
            _refresh(session, sorted(touched), now)
            self.memberships = current + len(rows)
        self.stats.articles += len(rows)
        self.stats.duplicates += len(copies)
        self.stats.new_stories += len(created)
        self.stats.grown_stories += len(touched - created)
        self.stats.batches += 1

    def _restore(self, session: Session, upcoming: Sequence[StoryInput]) -> StoryClusterer:
        """A fresh clusterer holding the stored articles of the window before `upcoming`."""
        since: datetime | None = None
        if self.params.window is not None:
            dated = [i.published_at for i in upcoming if i.published_at is not None]
            latest = select(func.max(StoryRow.last_published))
            anchor = min(dated) if dated else session.scalar(latest)
            since = anchor - self.params.window if anchor is not None else None
        query = (
            select(*_INPUT_COLUMNS, SketchRow.sketch, StoryArticleRow.story_id, SketchRow.method)
            .join(StoryArticleRow, StoryArticleRow.article_id == ArticleRow.id)
            .join(SketchRow, SketchRow.article_id == ArticleRow.id)
            .order_by(ArticleRow.published_at.asc().nulls_last(), ArticleRow.ingested_at)
        )
        if since is not None:
            query = query.where(
                (ArticleRow.published_at >= since) | ArticleRow.published_at.is_(None)
            )
        rows = session.execute(query).all()
        clusterer = StoryClusterer(self.params)
        clusterer.restore(
            zip((_input(row) for row in rows), self._current_sketches(session, rows),
                (row[6] for row in rows), strict=True)
        )
        self.clusterer = clusterer
        self.story_ids = {}
        log.info("clusterer restored from the stored stories since %s", since or "the start")
        return clusterer

    def _current_sketches(self, session: Session, rows: Sequence[Any]) -> list[ArticleSketch]:
        """The sketches of restored rows; those stored by an older method (a store clustered
        by an earlier version) are sketched again and stored, so they still take part."""
        stale = [n for n, row in enumerate(rows) if row[7] != self.params.method]
        fresh = map_chunked(self.engine, sketch_articles, [_input(rows[n]) for n in stale])
        if stale:
            log.info("%d stored sketches of an older method sketched again", len(stale))
            session.execute(
                update(SketchRow),
                [
                    {"article_id": rows[n][0], "method": self.params.method,
                     "sketch": sketch.to_bytes()}
                    for n, sketch in zip(stale, fresh, strict=True)
                ],
            )  # fmt: skip
        renewed = dict(zip(stale, fresh, strict=True))
        return [renewed[n] if n in renewed else ArticleSketch.from_bytes(row[5])
                for n, row in enumerate(rows)]

    def _stories(
        self, session: Session, assignments: Sequence[Assignment], now: datetime
    ) -> tuple[dict[str, int], set[int]]:
        """Article id → stories.id for the assignments, creating the new stories."""
        new_keys = list(
            dict.fromkeys(
                a.story for a in assignments if a.new_story and a.story not in self.story_ids
            )
        )
        created: set[int] = set()
        if new_keys:
            row = {"size": 0, "sources": 0, "method": self.params.method,
                   "created_at": now, "updated_at": now}  # fmt: skip
            ids = session.scalars(
                insert(StoryRow).returning(StoryRow.id, sort_by_parameter_order=True),
                [row] * len(new_keys),
            ).all()
            self.story_ids.update(zip(new_keys, ids, strict=True))
            created.update(ids)
        # Keys of restored stories are their stored ids.
        story_of = {a.article_id: self.story_ids.get(a.story, a.story) for a in assignments}
        return story_of, created

    @staticmethod
    def _place_copies(
        session: Session, batch: _Batch, already: dict[str, int], story_of: dict[str, int]
    ) -> dict[str, int]:
        """Near-duplicate id → the story of its original."""
        copies = {c: o for c, o in batch.copies.items() if c not in already}
        missing = [o for o in copies.values() if o not in story_of]
        stored = _stories_of(session, missing)
        placed: dict[str, int] = {}
        for copy, original in copies.items():
            story = story_of.get(original, stored.get(original))
            if story is not None:
                placed[copy] = story
        return placed


def _refresh(session: Session, story_ids: Sequence[int], now: datetime) -> None:
    """Recompute label, dates, size and sources of these stories; drop their cached
    comparisons."""
    if not story_ids:
        return
    members: dict[int, list[tuple[StoryInput, bytes | None]]] = defaultdict(list)
    for chunk in in_chunks(story_ids):
        query = (
            select(StoryArticleRow.story_id, *_INPUT_COLUMNS, SketchRow.sketch)
            .join(ArticleRow, ArticleRow.id == StoryArticleRow.article_id)
            .outerjoin(SketchRow, SketchRow.article_id == ArticleRow.id)
            .where(StoryArticleRow.story_id.in_(chunk))
        )
        for row in session.execute(query):
            members[row[0]].append((_input(row[1:6]), row[6]))
    all_ids = [item.article_id for items in members.values() for item, _ in items]
    originals = _originals(session, all_ids)
    stories: dict[int, StoryRow] = {}
    for chunk in in_chunks(story_ids):
        stories.update(
            (row.id, row) for row in session.scalars(select(StoryRow).where(StoryRow.id.in_(chunk)))
        )
    for story_id, items in members.items():
        ids = {item.article_id for item, _ in items}
        own = [(item, s) for item, s in items if originals.get(item.article_id) not in ids]
        dates = [item.published_at for item, _ in items if item.published_at is not None]
        sketched = [(item, ArticleSketch.from_bytes(s)) for item, s in own if s is not None]
        story = stories.get(story_id)
        if story is None:
            continue
        story.title = central_title(sketched) if sketched else own[0][0].title
        story.first_published = min(dates, default=None)
        story.last_published = max(dates, default=None)
        story.size = len(items)
        story.sources = len({item.source for item, _ in own})
        story.updated_at = now
    for chunk in in_chunks(story_ids):
        session.execute(delete(ComparisonRow).where(ComparisonRow.story_id.in_(chunk)))


def cluster_stories(
    store: Store,
    *,
    params: ClusterParams | None = None,
    batch_size: int = DEFAULT_CLUSTER_BATCH,
    on_progress: ProgressCallback | None = None,
    stats: ClusterStats | None = None,
    engine: Engine | None = None,
) -> ClusterStats:
    """Put every stored article that is in no story yet into one; see the module docstring.

    `stats` is updated as batches commit, so a caller still has the counts after an
    interrupt. `engine` sketches the batches (default: in this process).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    params = params or ClusterParams()
    stats = stats if stats is not None else ClusterStats()
    with store.session() as session:
        ids = pending_ids(session)
    stage = _Stage(store, params, stats, engine or LocalEngine())
    done = 0
    if on_progress is not None:
        on_progress(ClusterProgress(done, len(ids), stats))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        stage.write(stage.read(chunk), chunk)
        done += len(chunk)
        if on_progress is not None:
            on_progress(ClusterProgress(done, len(ids), stats))
    log.info("%s", stats.summary())
    return stats
