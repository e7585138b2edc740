"""Stories compared on a real 2-worker Dask LocalCluster and a 2-process local pool cache
the comparisons one process computes; a dead worker leaves the cache consistent."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import dask
import pytest
from helpers.news import court_story, flood_story

from parallax.corpus import ingest_articles
from parallax.corpus.batch_compare import CompareStats, StoryJob, compare_job, compare_stories
from parallax.corpus.comparisons import cached_comparison
from parallax.corpus.store.session import open_store
from parallax.corpus.stories.catalog import list_stories
from parallax.corpus.stories.stage import cluster_stories
from parallax.engine import Engine, EngineError, LocalEngine
from parallax.engine.dask import DaskEngine
from parallax.report.json.contract import comparison_record

B = TypeVar("B")
R = TypeVar("R")


def cached_after(url: str, engine: Engine) -> dict[str, Any]:
    """Each story's cached comparison (by its first article's id) after a batch run."""
    with open_store(url) as store:
        ingest_articles(store, [*flood_story(), *court_story()])
        cluster_stories(store)
        stats = compare_stories(store, engine=engine)
        assert (stats.compared, stats.failed) == (2, 0)
        found: dict[str, Any] = {}
        for story in list_stories(store):
            cached = cached_comparison(store, story.id)
            assert cached is not None
            found[story.articles[0].id] = comparison_record(cached.comparison)
    return found


@pytest.mark.parametrize("engine_name", ["local:2", "dask:2"])
def test_engines_cache_the_comparisons_one_process_computes(
    tmp_path: Path, engine_name: str, dask_engine: DaskEngine
) -> None:
    with LocalEngine() as one:
        expected = cached_after(f"sqlite:///{tmp_path / 'one.db'}", one)
    url = f"sqlite:///{tmp_path / 'other.db'}"
    if engine_name == "dask:2":
        found = cached_after(url, dask_engine)
    else:
        with LocalEngine(2) as two:
            found = cached_after(url, two)
    assert found == expected


def _kill_on(story_id: int, job: StoryJob) -> dict[str, Any] | str:
    """`compare_job`, except that the worker given this story dies (SIGKILL)."""
    if job.story_id == story_id:
        os.kill(os.getpid(), signal.SIGKILL)
    return compare_job(job)


class KillOn:
    """A Dask engine on which the worker comparing one story dies."""

    def __init__(self, engine: DaskEngine, story_id: int) -> None:
        self.engine = engine
        self.story_id = story_id
        self.workers = engine.workers

    def map_batches(self, fn: Callable[[B], R], batches: Iterable[B]) -> Iterator[R]:
        return self.engine.map_batches(partial(_kill_on, self.story_id), batches)  # type: ignore[arg-type]

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> KillOn:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def test_a_dead_worker_fails_in_one_line_and_a_rerun_computes_only_the_rest(
    tmp_path: Path,
) -> None:
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        ingest_articles(store, [*flood_story(), *court_story()])
        cluster_stories(store)
        first, second = list_stories(store)  # in the order they are compared
        stats = CompareStats()
        # No retries: the lost task ends the job (a dead worker's story is not rerun).
        with (
            dask.config.set({"distributed.scheduler.allowed-failures": 0}),
            KillOn(DaskEngine(workers=2), second.id) as killing,
            pytest.raises(EngineError) as failure,
        ):
            compare_stories(store, engine=killing, stats=stats)
        assert "\n" not in str(failure.value)
        assert stats.compared == 1
        assert cached_comparison(store, first.id) is not None
        assert cached_comparison(store, second.id) is None
        rerun = compare_stories(store)
        assert (rerun.compared, rerun.fresh) == (1, 1)
