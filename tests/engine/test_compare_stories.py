"""Stories compared on a real 2-worker Dask LocalCluster and a 2-process local pool cache
the comparisons one process computes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from corpus.news import court_story, flood_story

from parallax.corpus import ingest_articles
from parallax.corpus.batch_compare import compare_stories
from parallax.corpus.catalog import list_stories
from parallax.corpus.comparisons import cached_comparison, comparison_to_json
from parallax.corpus.store import open_store
from parallax.corpus.stories import cluster_stories
from parallax.engine import Engine, LocalEngine
from parallax.engine.dask import DaskEngine


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
            found[story.articles[0].id] = comparison_to_json(cached.comparison)
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
