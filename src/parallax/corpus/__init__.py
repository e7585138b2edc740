"""Corpus mode: a store of many articles (SQLite or PostgreSQL), batch ingest,
near-duplicates, stories and their cached comparisons.

    from parallax.corpus import open_store, ingest, list_stories, story_comparison
    from parallax.corpus.stories.stage import cluster_stories

    with open_store("sqlite:///parallax.db") as store:
        stats = ingest(store, ["archive/", "feed.jsonl", "crawl.warc.gz"])
        cluster_stories(store)
        newest = list_stories(store, limit=10)
        result = story_comparison(store, newest[0].id)

See docs/corpus.md. (The clustering stage is imported from its module: it loads the
clustering code, which the other commands do not need.)
"""

from __future__ import annotations

from parallax.corpus.comparisons import StoryComparison, cached_comparison, story_comparison
from parallax.corpus.dedupe.bands import DEFAULT_PARAMS, DedupeParams, rebuild
from parallax.corpus.ingest import DEFAULT_BATCH_SIZE, IngestStats, ingest, ingest_articles
from parallax.corpus.store.session import (
    DB_ENV,
    DEFAULT_URL,
    Store,
    StoreError,
    open_store,
    resolve_url,
)
from parallax.corpus.stories.catalog import (
    Story,
    StoryArticle,
    StoryNotFoundError,
    get_story,
    list_stories,
    load_articles,
)

__all__ = [
    "DB_ENV",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_PARAMS",
    "DEFAULT_URL",
    "DedupeParams",
    "IngestStats",
    "Store",
    "StoreError",
    "Story",
    "StoryArticle",
    "StoryComparison",
    "StoryNotFoundError",
    "cached_comparison",
    "get_story",
    "ingest",
    "ingest_articles",
    "list_stories",
    "load_articles",
    "open_store",
    "rebuild",
    "resolve_url",
    "story_comparison",
]
