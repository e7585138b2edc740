"""Batch comparison of stories: every selected story compared once and cached, fresh
ones skipped, an interrupt leaves the cache consistent and a rerun does the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from helpers.news import article, court_story, flood_story
from typer.testing import CliRunner

from parallax.cli.main import app
from parallax.corpus import ingest_articles
from parallax.corpus.batch_compare import compare_stories
from parallax.corpus.comparisons import cached_comparison
from parallax.corpus.store.session import Store, open_store
from parallax.corpus.stories.catalog import list_stories
from parallax.corpus.stories.stage import cluster_stories
from parallax.engine import LocalEngine

B = TypeVar("B")
R = TypeVar("R")


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Store]:
    """A SQLite store of two stories of several outlets (flood: 2 articles; court: 2) and
    one single-article story."""
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    lone = article("Daily Courier", "Chess club opens", "2024-07-20T10:00:00Z",
                   "The town chess club opened on Saturday with twelve members.", 9)  # fmt: skip
    ingest_articles(store, [*flood_story()[:2], *court_story(), lone])
    cluster_stories(store)
    try:
        yield store
    finally:
        store.close()


class StopAfter:
    """A local engine interrupted (Ctrl-C) once `results` results were taken."""

    def __init__(self, results: int) -> None:
        self.results = results
        self.workers = 1

    def map_batches(self, fn: Callable[[B], R], batches: Iterable[B]) -> Iterator[R]:
        for taken, result in enumerate(LocalEngine().map_batches(fn, batches)):
            if taken == self.results:
                raise KeyboardInterrupt
            yield result

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> StopAfter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def test_stories_are_compared_once_and_again_when_they_grow(filled: Store) -> None:
    stats = compare_stories(filled, min_sources=1)
    assert (stats.compared, stats.fresh, stats.single, stats.failed) == (2, 0, 1, 0)
    flood, court = sorted(list_stories(filled), key=lambda s: s.id)
    for story in (flood, court):
        cached = cached_comparison(filled, story.id)
        assert cached is not None
        assert len(cached.comparison.articles) == 2
    again = compare_stories(filled)
    assert (again.compared, again.fresh) == (0, 2)
    ingest_articles(filled, [flood_story()[2]])
    cluster_stories(filled)  # the flood story grew: its comparison is stale
    grown = compare_stories(filled)
    assert (grown.compared, grown.fresh) == (1, 1)
    refreshed = cached_comparison(filled, flood.id)
    assert refreshed is not None and len(refreshed.comparison.articles) == 3


def test_an_interrupt_keeps_what_was_cached_and_a_rerun_does_the_rest(filled: Store) -> None:
    with pytest.raises(KeyboardInterrupt):
        compare_stories(filled, engine=StopAfter(1))
    cached = [cached_comparison(filled, s.id) is not None for s in list_stories(filled)]
    assert sorted(cached) == [False, True]
    rerun = compare_stories(filled)
    assert (rerun.compared, rerun.fresh) == (1, 1)


def test_the_command_prints_its_counts(filled: Store, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = CliRunner().invoke(app, ["compare-stories", "--db", db, "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "compared 1 story, 0 already cached, 0 with one article only, 0 failed" in (
        result.output
    )
    bad = CliRunner().invoke(app, ["compare-stories", "--db", db, "--device", "tpu"])
    assert bad.exit_code == 2
    assert "unknown device 'tpu'" in bad.output
