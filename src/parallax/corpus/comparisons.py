"""The comparison of a story, computed on demand and cached in the store.

    from parallax.corpus.comparisons import story_comparison

    with open_store() as store:
        result = story_comparison(store, 42)        # computed once, then read back
        print(result.cached, result.comparison.summary.shared_claims)

A story's comparison is `parallax.compare` over its stored articles (near-duplicates of
another member left out unless `with_duplicates`). It is cached in `comparisons` under a
key hashing the article ids, the options, the parallax version and the shape of the
`Comparison` record, as the record itself in JSON (`comparison_record` of the one
serialiser, `parallax.report.json.contract`, which reads back into an equal `Comparison`,
so every report can be rendered from the cache); the JSON contract of docs/schema.md is
rendered from it. Clustering drops the cached comparisons of a story that gains articles;
a cached row that no longer reads back is recomputed.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select

from parallax._version import __version__
from parallax.corpus.store.session import ComparisonRow, Store, in_chunks, utcnow
from parallax.corpus.stories.catalog import Story, StoryArticle, get_story, load_articles
from parallax.errors import ErrorCode, ParallaxError
from parallax.options import CompareOptions, Models
from parallax.report.json.contract import comparison_from_record, comparison_record, record_shape
from parallax.types import Article, Comparison

__all__ = [
    "CachedRow",
    "Comparer",
    "StoryComparison",
    "cache_comparison",
    "cached_comparison",
    "cached_keys",
    "compared_articles",
    "comparison_key",
    "current_rows",
    "read_cached",
    "story_comparison",
]

log = logging.getLogger(__name__)

Comparer = Callable[[Sequence[Article]], Comparison]


@dataclass(frozen=True, slots=True)
class StoryComparison:
    """A story's comparison, and whether it came from the cache."""

    story: Story
    comparison: Comparison
    compared: tuple[StoryArticle, ...]  # the articles compared
    left_out: tuple[StoryArticle, ...]  # near-duplicates left out
    cached: bool


@dataclass(frozen=True, slots=True)
class CachedRow:
    """A story's current cached comparison: its cache key, and when it was written (the
    row of a key is rewritten in place when its comparison is computed again)."""

    key: str
    created_at: datetime


def _key(ids: Sequence[str], options: dict[str, Any]) -> str:
    text = json.dumps(
        {"articles": sorted(ids), "options": options, "version": __version__,
         "record": record_shape()},
        sort_keys=True,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _split(
    story: Story, with_duplicates: bool
) -> tuple[tuple[StoryArticle, ...], tuple[StoryArticle, ...]]:
    if with_duplicates:
        return story.articles, ()
    kept = tuple(a for a in story.articles if a.duplicate_of is None)
    return kept, tuple(a for a in story.articles if a.duplicate_of is not None)


def _check_comparable(story: Story, compared: Sequence[StoryArticle], url: str) -> None:
    if len(compared) >= 2:
        return
    sources = sorted({a.source for a in story.articles})
    copies = len(story.articles) - len(compared)
    why = (
        f"it holds a single article ({sources[0]})"
        if len(story.articles) == 1
        else f"its {len(story.articles)} articles are one article of {sources[0]} and "
        f"{copies} near-duplicate(s) of it (--with-duplicates compares them)"
    )
    raise ParallaxError(
        ErrorCode.TOO_FEW_ARTICLES,
        f"story {story.id} has one source only, nothing to compare: {why}",
        origin=url,
    )


def cached_comparison(
    store: Store,
    story_id: int,
    *,
    with_duplicates: bool = False,
    options: CompareOptions | None = None,
) -> StoryComparison | None:
    """The story's cached comparison with these options, or None when there is none."""
    story = get_story(store, story_id)
    compared, left_out = _split(story, with_duplicates)
    key, _ = comparison_key([a.id for a in compared], options)
    comparison = read_cached(store, key)
    if comparison is None:
        return None
    return StoryComparison(story, comparison, compared, left_out, cached=True)


def read_cached(store: Store, key: str) -> Comparison | None:
    """The comparison cached under `key`; None when there is none, or when it no longer
    reads back (logged: it is then recomputed when asked for)."""
    with store.session() as session:
        result = session.scalar(select(ComparisonRow.result).where(ComparisonRow.key == key))
    if result is None:
        return None
    try:
        return comparison_from_record(result)
    except ValidationError as err:
        log.warning("cached comparison %s unreadable: %s", key[:12], err)
        return None


def current_rows(
    store: Store, stories: Sequence[Story], options: CompareOptions | None = None
) -> dict[int, CachedRow]:
    """Story id → its current cached comparison with these options (near-duplicates left
    out), for the stories that have one: the row `cached_comparison` reads, whose key holds
    the articles, the options, the parallax version and the record shape. One query per
    500 stories (`in_chunks`); the results are not read."""
    story_of = {
        comparison_key([a.id for a in compared_articles(story)], options)[0]: story.id
        for story in stories
    }
    found: dict[int, CachedRow] = {}
    with store.session() as session:
        for chunk in in_chunks(list(story_of)):
            query = select(ComparisonRow.key, ComparisonRow.created_at).where(
                ComparisonRow.key.in_(chunk)
            )
            for key, created in session.execute(query):
                found[story_of[key]] = CachedRow(key, created)
    return found


def story_comparison(
    store: Store,
    story_id: int,
    *,
    with_duplicates: bool = False,
    options: CompareOptions | None = None,
    compare: Comparer | None = None,
    models: Models | None = None,
) -> StoryComparison:
    """The story's comparison: from the cache, else computed (by `compare`, default
    `parallax.compare.compare` with `options` and `models`) and cached.

    A story with fewer than two articles to compare raises `ParallaxError` (E010).
    """
    options = options or CompareOptions()
    found = cached_comparison(store, story_id, with_duplicates=with_duplicates, options=options)
    if found is not None:
        return found
    story = get_story(store, story_id)
    compared, left_out = _split(story, with_duplicates)
    _check_comparable(story, compared, store.url)
    ids = [a.id for a in compared]
    if compare is None:
        from parallax.compare import compare as compare_articles

        def compare(articles: Sequence[Article]) -> Comparison:
            return compare_articles(articles, options, models)

    comparison = compare(load_articles(store, ids))
    cache_comparison(store, story_id, ids, options.given(), comparison_record(comparison))
    return StoryComparison(story, comparison, compared, left_out, cached=False)


def cache_comparison(
    store: Store, story_id: int, ids: Sequence[str], options: dict[str, Any],
    result: dict[str, Any],
) -> None:  # fmt: skip
    """Store the comparison (`comparison_record`) of these articles of a story, in one
    transaction."""
    key = _key(ids, options)
    with store.write() as session:
        row = session.scalar(select(ComparisonRow).where(ComparisonRow.key == key))
        if row is None:
            row = ComparisonRow(key=key, story_id=story_id)
            session.add(row)
        row.article_ids = list(ids)
        row.options = options
        row.result = result
        row.parallax_version = __version__
        row.created_at = utcnow()


def cached_keys(store: Store, story_ids: Sequence[int]) -> set[str]:
    """The keys of the cached comparisons of these stories."""
    found: set[str] = set()
    with store.session() as session:
        for start in range(0, len(story_ids), 500):
            chunk = story_ids[start : start + 500]
            query = select(ComparisonRow.key).where(ComparisonRow.story_id.in_(chunk))
            found.update(session.scalars(query))
    return found


def comparison_key(
    ids: Sequence[str], options: CompareOptions | None = None,
) -> tuple[str, dict[str, Any]]:
    """The cache key of a comparison of these articles with these options, and the options
    as stored."""
    given = (options or CompareOptions()).given()
    return _key(ids, given), given


def compared_articles(story: Story, with_duplicates: bool = False) -> tuple[StoryArticle, ...]:
    """The articles of a story that its comparison compares."""
    return _split(story, with_duplicates)[0]
