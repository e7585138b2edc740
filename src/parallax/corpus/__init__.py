"""Corpus mode: a store of many articles (SQLite or PostgreSQL), batch ingest, near-duplicates.

    from parallax.corpus import open_store, ingest

    with open_store("sqlite:///parallax.db") as store:
        stats = ingest(store, ["archive/", "feed.jsonl", "crawl.warc.gz"])
        print(stats.summary())

Story clustering and cached comparisons fill the `stories`, `story_articles` and
`comparisons` tables (created now, so the schema is stable). See docs/corpus.md.
"""

from __future__ import annotations

from parallax.corpus.dedupe import DEFAULT_PARAMS, DedupeParams, rebuild
from parallax.corpus.ingest import DEFAULT_BATCH_SIZE, IngestStats, ingest, ingest_articles
from parallax.corpus.store import DB_ENV, DEFAULT_URL, Store, StoreError, open_store, resolve_url

__all__ = [
    "DB_ENV",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_PARAMS",
    "DEFAULT_URL",
    "DedupeParams",
    "IngestStats",
    "Store",
    "StoreError",
    "ingest",
    "ingest_articles",
    "open_store",
    "rebuild",
    "resolve_url",
]
