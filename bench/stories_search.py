"""Latency of the stories list and its search on a real store, as the web app runs it.

    parallax ingest ../shared/data/allsides-articles/articles.jsonl.gz --db sqlite:////tmp/web_allsides.db
    python bench/stories_search.py --db sqlite:////tmp/web_allsides.db

Times `list_stories` (100 stories, at least 2 outlets, the page's defaults) with no search,
with word searches and with entity searches, and the name index's lookup alone, each
query 7 times after one warm-up run (median and worst), plus the first search's one-time
indexing of the names (`parallax.corpus.stories.search`). The store must be clustered already.
Markdown goes to stdout.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parallax.corpus import open_store
from parallax.corpus.store.session import ArticleRow, StoryNameRow, StoryRow
from parallax.corpus.stories.catalog import list_stories
from parallax.corpus.stories.search import refresh_names, stories_named

QUERIES = (
    None, "Pelosi", "Supreme Court", "impeach", "coronavirus vaccine", "Ocasio", "xq",
)
RUNS = 7
LIMIT = 100  # the page's default


def main() -> None:
    """Print the latencies of the listed queries on the store given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the store's URL")
    args = parser.parse_args()
    with open_store(args.db) as store:
        with store.session() as session:
            articles = session.scalar(select(func.count()).select_from(ArticleRow))
            stories = session.scalar(select(func.count()).select_from(StoryRow))
        started = time.perf_counter()
        indexed = refresh_names(store)
        first = time.perf_counter() - started
        with store.session() as session:
            keys = session.scalar(select(func.count()).select_from(StoryNameRow))
        print(f"{articles:,} articles, {stories:,} stories; first search indexed {indexed:,}"
              f" stories ({keys:,} name keys) in {first:.1f} s\n")
        print("| search | stories listed | median ms | worst ms | names alone: stories | ms |")
        print("|---|---|---|---|---|---|")
        for query in QUERIES:
            found, times = timed(partial(list_stories, store, search=query, limit=LIMIT))
            with store.session() as session:
                named, alone = timed(partial(named_ids, session, query or ""))
            print(f"| {query or '(none)'} | {len(found)} | {statistics.median(times):.0f} |"
                  f" {max(times):.0f} | {len(named)} | {statistics.median(alone):.1f} |")


def named_ids(session: Session, query: str) -> Sequence[int]:
    """The stories the name index alone finds for `query`."""
    return session.scalars(stories_named(query)).all()


def timed(run: Callable[[], Sequence[object]]) -> tuple[Sequence[object], list[float]]:
    """What `run` returns, and its times in ms over `RUNS` runs after a warm-up."""
    found = run()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        found = run()
        times.append((time.perf_counter() - started) * 1000)
    return found, times


if __name__ == "__main__":
    main()
