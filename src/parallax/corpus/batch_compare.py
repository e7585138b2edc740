"""Compare many stories at once on an engine and cache their comparisons.

    from parallax.corpus.batch_compare import compare_stories

    with open_store() as store, open_engine("dask", address=...) as engine:
        stats = compare_stories(store, since=date(2022, 1, 1), engine=engine)

This is where annotate, embed, align and analyse run at corpus scale. The driver lists
the stories, skips those whose cached comparison is fresh (its key hashes the compared
article ids, the options and the version, so a story that grew has none), reads the
articles of the others and sends them to the engine's workers, one story per task; a
worker compares them with the models of its process (loaded at its first story, kept for
the next ones) and returns the comparison as JSON. The driver writes each one to the
cache as it comes back, in one transaction, so an interrupt or a lost worker leaves
every comparison written so far and nothing half-written, and a rerun computes only what
is left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from parallax.corpus.comparisons import (
    cache_comparison,
    cached_keys,
    compared_articles,
    comparison_key,
)
from parallax.corpus.store.session import Store
from parallax.corpus.stories.catalog import list_stories, load_articles
from parallax.engine import Engine, LocalEngine
from parallax.errors import ParallaxError
from parallax.options import CompareOptions, Models
from parallax.report.json.contract import comparison_record
from parallax.types import Article
from parallax.wording import counted

__all__ = ["CompareProgress", "CompareStats", "StoryJob", "compare_job", "compare_stories"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CompareStats:
    """What a batch comparison did; `compared` counts comparisons written to the cache."""

    compared: int = 0
    fresh: int = 0  # cached already, skipped
    single: int = 0  # fewer than two articles to compare
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The closing line of `parallax compare-stories`."""
        return (
            f"compared {counted(self.compared, 'story', 'stories')}, {self.fresh} already cached, "
            f"{self.single} with one article only, {self.failed} failed"
        )


@dataclass(frozen=True, slots=True)
class CompareProgress:
    """Stories done (written or failed) out of those to compare."""

    done: int
    total: int
    stats: CompareStats


@dataclass(frozen=True, slots=True)
class StoryJob:
    """One story to compare: what a worker gets."""

    story_id: int
    articles: tuple[Article, ...]
    options: CompareOptions
    device: str


def compare_job(job: StoryJob) -> dict[str, Any] | str:
    """The comparison of a job's articles as JSON, or one line saying why there is none
    (what the engine's workers run; models are loaded once per process)."""
    from parallax.compare import compare

    try:
        comparison = compare(job.articles, job.options, Models.load(job.device))
    except ParallaxError as err:
        return f"story {job.story_id}: {err}"
    return comparison_record(comparison)


def compare_stories(
    store: Store,
    *,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    min_sources: int = 2,
    limit: int | None = None,
    options: CompareOptions | None = None,
    device: str = "cpu",
    engine: Engine | None = None,
    stats: CompareStats | None = None,
    on_progress: Callable[[CompareProgress], None] | None = None,
) -> CompareStats:
    """Compute and cache the comparison of every listed story (as `list_stories` selects
    them) whose cached one is missing; see the module docstring. `stats` is updated as
    comparisons are written, so a caller still has the counts after an interrupt."""
    stats = stats if stats is not None else CompareStats()
    options = options or CompareOptions()
    stories = list_stories(store, since=since, until=until, min_sources=min_sources,
                           limit=limit)  # fmt: skip
    cached = cached_keys(store, [story.id for story in stories])
    todo: list[tuple[int, list[str], dict[str, Any]]] = []
    for story in stories:
        ids = [article.id for article in compared_articles(story)]
        key, given = comparison_key(ids, options)
        if len(ids) < 2:
            stats.single += 1
        elif key in cached:
            stats.fresh += 1
        else:
            todo.append((story.id, ids, given))
    log.info("%d stories to compare, %d cached already", len(todo), stats.fresh)

    def jobs() -> Iterator[StoryJob]:
        for story_id, ids, _ in todo:
            articles = tuple(load_articles(store, ids))
            yield StoryJob(story_id, articles, options, device)

    if on_progress is not None:
        on_progress(CompareProgress(0, len(todo), stats))
    results = (engine or LocalEngine()).map_batches(compare_job, jobs())
    for done, ((story_id, ids, given), result) in enumerate(
        zip(todo, results, strict=True), start=1
    ):
        if isinstance(result, str):
            stats.failed += 1
            stats.errors.append(result)
            log.warning("not compared: %s", result)
        else:
            cache_comparison(store, story_id, ids, given, result)
            stats.compared += 1
        if on_progress is not None:
            on_progress(CompareProgress(done, len(todo), stats))
    log.info("%s", stats.summary())
    return stats

