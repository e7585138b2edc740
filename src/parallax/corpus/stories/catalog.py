"""Reading stories back: list them with filters, get one with its articles.

    from parallax.corpus import open_store
    from parallax.corpus.stories.catalog import list_stories, get_story

    with open_store() as store:
        for story in list_stories(store, since=date(2022, 1, 1), min_sources=2, limit=20):
            print(story.id, story.title, [a.source for a in story.articles])

This is the Python API the CLI (`parallax stories`) and the web app share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from parallax.corpus.store.session import (
    ArticleRow,
    NearDuplicateRow,
    Store,
    StoryArticleRow,
    StoryRow,
    in_chunks,
)
from parallax.corpus.stories.search import refresh_names, search_condition
from parallax.errors import StoryNotFoundError
from parallax.types import Article, Span

__all__ = [
    "Story",
    "StoryArticle",
    "StoryNotFoundError",
    "get_story",
    "list_stories",
    "load_articles",
]



@dataclass(frozen=True, slots=True)
class StoryArticle:
    """One article of a story, as listed (its text stays in the store)."""

    id: str
    source: str
    title: str | None
    url: str | None
    published: str | None  # ISO 8601 UTC when the date could be read, else as given
    duplicate_of: str | None = None  # the original, when this is a near-duplicate of it

    def to_dict(self) -> dict[str, Any]:
        """The article as in `parallax stories --json`."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "url": self.url,
            "published": self.published,
        }


@dataclass(frozen=True, slots=True)
class Story:
    """A story: its label, date span, counts and articles (oldest first)."""

    id: int
    title: str | None
    first_published: datetime | None
    last_published: datetime | None
    size: int  # articles, near-duplicates included
    sources: int  # distinct outlets, near-duplicates of a member left out
    articles: tuple[StoryArticle, ...]

    def to_dict(self) -> dict[str, Any]:
        """The story as in `parallax stories --json` (documented in docs/corpus.md)."""
        return {
            "id": self.id,
            "title": self.title,
            "first_published": _iso(self.first_published),
            "last_published": _iso(self.last_published),
            "articles": [a.to_dict() for a in self.articles],
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() + "Z" if moment is not None else None


def _start(day: date | datetime) -> datetime:
    return day if isinstance(day, datetime) else datetime.combine(day, time.min)


def _end(day: date | datetime) -> datetime:
    return day if isinstance(day, datetime) else datetime.combine(day, time.max)


def _filtered(
    since: date | datetime | None,
    until: date | datetime | None,
    min_sources: int,
    search: str | None,
) -> Select[StoryRow]:
    query = select(StoryRow).where(StoryRow.sources >= min_sources, StoryRow.size > 0)
    if since is not None:
        query = query.where(StoryRow.last_published >= _start(since))
    if until is not None:
        query = query.where(StoryRow.first_published <= _end(until))
    if search and search.strip():
        query = query.where(search_condition(search))
    return query.order_by(StoryRow.last_published.desc().nulls_last(), StoryRow.id.desc())


def list_stories(
    store: Store,
    *,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    min_sources: int = 2,
    search: str | None = None,
    limit: int | None = None,
) -> list[Story]:
    """Stories newest first: those with articles from `since` to `until` (a date means the
    whole day), from at least `min_sources` outlets, and matching `search`: every word of
    it starts a word of their label, an article title or a name (case- and
    accent-insensitive), or they name an entity starting with it (a name of their cached
    comparisons, canonical or alias, or a capitalised name of a title); looked up in the
    index of `parallax.corpus.stories.search`, brought up to date first."""
    if search and search.strip():
        refresh_names(store)
    query = _filtered(since, until, min_sources, search)
    if limit is not None:
        query = query.limit(limit)
    with store.session() as session:
        rows = list(session.scalars(query))
        members = _members(session, [row.id for row in rows])
    return [_story(row, members.get(row.id, [])) for row in rows]


def get_story(store: Store, story_id: int) -> Story:
    """One story with its articles; `StoryNotFoundError` when there is none of that id."""
    with store.session() as session:
        row = session.get(StoryRow, story_id)
        if row is None:
            raise StoryNotFoundError(story_id, store.url)
        return _story(row, _members(session, [story_id]).get(story_id, []))


def load_articles(store: Store, ids: Sequence[str]) -> list[Article]:
    """The stored articles of these ids, as `parallax.compare` takes them, in that order."""
    found: dict[str, Article] = {}
    with store.session() as session:
        for chunk in in_chunks(ids):
            for row in session.scalars(select(ArticleRow).where(ArticleRow.id.in_(chunk))):
                found[row.id] = Article(
                    id=row.id,
                    text=row.text,
                    source=row.source,
                    title=row.title,
                    published=row.published,
                    url=row.url,
                    author=row.author,
                    language=row.language,
                    origin=row.origin,
                    paragraphs=tuple(Span(start, end) for start, end in row.paragraphs),
                )
    return [found[i] for i in ids if i in found]


def _story(row: StoryRow, articles: list[StoryArticle]) -> Story:
    return Story(
        row.id, row.title, row.first_published, row.last_published, row.size, row.sources,
        tuple(articles),
    )  # fmt: skip


def _members(session: Session, story_ids: Sequence[int]) -> dict[int, list[StoryArticle]]:
    """Story id → its articles, oldest first (undated last), near-duplicates marked."""
    columns = (
        StoryArticleRow.story_id, ArticleRow.id, ArticleRow.source, ArticleRow.title,
        ArticleRow.url, ArticleRow.published, ArticleRow.published_at,
        NearDuplicateRow.original_id,
    )  # fmt: skip
    rows: list[tuple[int, str, str, str | None, str | None, str | None, datetime | None,
                     str | None]] = []  # fmt: skip
    for chunk in in_chunks(story_ids):
        query = (
            select(*columns)
            .join(ArticleRow, ArticleRow.id == StoryArticleRow.article_id)
            .outerjoin(NearDuplicateRow, NearDuplicateRow.article_id == ArticleRow.id)
            .where(StoryArticleRow.story_id.in_(chunk))
            .order_by(
                ArticleRow.published_at.asc().nulls_last(), ArticleRow.ingested_at, ArticleRow.id
            )
        )
        rows.extend(session.execute(query))
    in_story: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        in_story[row[0]].add(row[1])
    members: dict[int, list[StoryArticle]] = defaultdict(list)
    for story, article_id, source, title, url, published, published_at, original in rows:
        copy_of = original if original in in_story[story] else None
        members[story].append(
            StoryArticle(
                article_id, source, title, url, _iso(published_at) or published, copy_of
            )
        )
    return members
