"""The Dask engine on a real LocalCluster (2 worker processes on 127.0.0.1): the same
stories and signatures as the local engine, a killed worker survived or reported in one
line, and a rerun that completes without duplicates."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import dask
import pytest
from sqlalchemy import func, select

from parallax.corpus import ingest
from parallax.corpus.store.session import (
    ArticleRow,
    SignatureRow,
    SketchRow,
    Store,
    StoryArticleRow,
    StoryRow,
)
from parallax.corpus.stories.stage import cluster_stories
from parallax.engine import EngineError, LocalEngine
from parallax.engine.dask import DaskEngine

from .conftest import write_stream

B = TypeVar("B")
R = TypeVar("R")


def snapshot(store: Store) -> tuple[set[frozenset[str]], dict[str, bytes], dict[str, bytes]]:
    """Stories (as sets of article ids), sketches and signatures: what an engine computed."""
    with store.session() as session:
        members: dict[int, set[str]] = {}
        for story, article in session.execute(
            select(StoryArticleRow.story_id, StoryArticleRow.article_id)
        ):
            members.setdefault(story, set()).add(article)
        sketches = dict(session.execute(select(SketchRow.article_id, SketchRow.sketch)).all())
        signatures = dict(
            session.execute(select(SignatureRow.article_id, SignatureRow.signature)).all()
        )
    return {frozenset(ids) for ids in members.values()}, sketches, signatures


def check_counts(store: Store, articles: int) -> None:
    """Every article stored once, in exactly one story; sizes match the memberships."""
    with store.session() as session:
        def count(query: Any) -> int:
            return int(session.scalar(query) or 0)

        assert count(select(func.count()).select_from(ArticleRow)) == articles
        assert count(select(func.count()).select_from(StoryArticleRow)) == articles
        assert count(select(func.count(StoryArticleRow.article_id.distinct()))) == articles
        assert count(select(func.coalesce(func.sum(StoryRow.size), 0))) == articles
        assert count(select(func.count()).select_from(SignatureRow)) == articles


def _kill_once(marker: str, fn: Callable[[Any], Any], batch: Any) -> Any:
    """Kill the worker running the first task of the job (SIGKILL, as the OOM killer
    would); the task's later attempts run normally."""
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return fn(batch)
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


class KillingEngine:
    """A Dask engine whose `after`-th job (0-based) kills a worker in its first task."""

    def __init__(self, engine: DaskEngine, marker: Path, after: int) -> None:
        self.engine = engine
        self.marker = marker
        self.jobs = after
        self.workers = engine.workers

    def map_batches(self, fn: Callable[[B], R], batches: Iterable[B]) -> Iterator[R]:
        self.jobs -= 1
        if self.jobs < 0:
            fn = partial(_kill_once, str(self.marker), fn)
        return self.engine.map_batches(fn, batches)

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> KillingEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def square_all(values: Sequence[int]) -> list[int]:
    """Squares (a pure function a worker can import)."""
    return [v * v for v in values]


def test_dask_gives_the_stories_and_signatures_of_the_local_engine(
    tmp_path: Path, dask_engine: DaskEngine, new_store: Store
) -> None:
    stream = write_stream(tmp_path / "stream.jsonl", stories=60)
    ingest(new_store, [stream], batch_size=100, engine=dask_engine)
    cluster_stories(new_store, batch_size=70, engine=dask_engine)
    from parallax.corpus.store.session import open_store

    local = open_store(f"sqlite:///{tmp_path / 'local.db'}")
    try:
        with LocalEngine(2) as engine:
            ingest(local, [stream], batch_size=100, engine=engine)
            cluster_stories(local, batch_size=70, engine=engine)
        expected = snapshot(local)
    finally:
        local.close()
    found = snapshot(new_store)
    assert len(found[1]) == 240
    assert found == expected
    assert len(found[0]) == 60  # the events were found, not a trivial partition


def test_a_killed_worker_is_replaced_and_the_job_finishes(
    tmp_path: Path, dask_engine: DaskEngine, new_store: Store
) -> None:
    stream = write_stream(tmp_path / "stream.jsonl", stories=40)
    ingest(new_store, [stream], batch_size=100, engine=dask_engine)
    killing = KillingEngine(dask_engine, tmp_path / "killed", after=1)
    stats = cluster_stories(new_store, batch_size=40, engine=killing)
    assert (tmp_path / "killed").exists()  # a worker did die mid-run
    assert stats.articles == 160
    check_counts(new_store, 160)
    assert len(snapshot(new_store)[0]) == 40
    # The cluster is usable afterwards.
    assert list(dask_engine.map_batches(square_all, [[2], [3]])) == [[4], [9]]


def test_a_job_that_cannot_go_on_fails_in_one_line_and_a_rerun_completes(
    tmp_path: Path, new_store: Store
) -> None:
    stream = write_stream(tmp_path / "stream.jsonl", stories=40)
    ingest(new_store, [stream], batch_size=100)
    # No retries: the first lost task ends the job (as when a task keeps killing workers).
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        engine = DaskEngine(workers=2)
    with (
        KillingEngine(engine, tmp_path / "killed", after=2) as killing,
        pytest.raises(EngineError, match="Dask workers died") as failure,
    ):
        cluster_stories(new_store, batch_size=40, engine=killing)
    assert "\n" not in str(failure.value)
    with new_store.session() as session:
        placed = session.scalar(select(func.count()).select_from(StoryArticleRow))
    assert placed == 80  # the two batches committed before the failure, nothing after
    again = cluster_stories(new_store, batch_size=40)
    assert again.articles == 80
    check_counts(new_store, 160)
    assert len(snapshot(new_store)[0]) == 40
