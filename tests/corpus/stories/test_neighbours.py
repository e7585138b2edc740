"""Nearest past articles by sketch vector, within the time window."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt
import pytest
from wordfreq import top_n_list

from parallax.corpus.stories.clusterer import StoryClusterer, StoryInput, sketch_articles
from parallax.corpus.stories.neighbours import NeighbourIndex

DAY = datetime(2024, 5, 1)


def unit(seed: int, dim: int = 16) -> npt.NDArray[np.float32]:
    """A random unit vector, the same for the same seed."""
    vector = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    return vector / np.linalg.norm(vector)


def test_the_nearest_vectors_come_first() -> None:
    index = NeighbourIndex(16, None)
    vectors = [unit(seed) for seed in range(300)]
    for position, vector in enumerate(vectors):
        index.add(position, vector, None)
    query = vectors[42] + 0.05 * unit(1000)
    found = index.search(query / np.linalg.norm(query), None, 5)
    exact = np.argsort([-float(v @ query) for v in vectors])[:5].tolist()
    assert found == exact


def test_a_dated_search_skips_articles_far_outside_the_window() -> None:
    index = NeighbourIndex(16, timedelta(days=7))
    index.add(0, unit(1), DAY - timedelta(days=60))
    index.add(1, unit(2), DAY - timedelta(days=3))
    index.add(2, unit(3), None)
    assert sorted(index.search(unit(1), DAY, 10)) == [1, 2]


def test_an_undated_search_sees_every_article() -> None:
    index = NeighbourIndex(16, timedelta(days=7))
    index.add(0, unit(1), DAY - timedelta(days=600))
    index.add(1, unit(2), DAY)
    index.add(2, unit(3), None)
    assert index.search(unit(1), None, 10)[0] == 0
    assert sorted(index.search(unit(1), None, 10)) == [0, 1, 2]


def test_an_empty_index_finds_nothing() -> None:
    assert NeighbourIndex(16, None).search(unit(1), DAY, 5) == []


def test_a_window_must_be_positive() -> None:
    with pytest.raises(ValueError, match="window"):
        NeighbourIndex(16, timedelta(0))


def stream(weeks: int) -> list[tuple[npt.NDArray[np.float32], datetime | None]]:
    """Vectors in time order, a few a day over `weeks` weeks, then a few undated."""
    dated = [(unit(n), DAY + timedelta(hours=9 * n)) for n in range(weeks * 7 * 24 // 9)]
    return [*dated, *((unit(10_000 + n), None) for n in range(10))]


def searches(index: NeighbourIndex, items: list[tuple[npt.NDArray[np.float32],
             datetime | None]]) -> list[list[int]]:  # fmt: skip
    """What each item finds before it is added, as the clusterer searches."""
    found = []
    for position, (vector, when) in enumerate(items):
        found.append(index.search(vector, when, 5))
        index.add(position, vector, when)
    return found


def test_weeks_left_behind_are_freed_with_the_same_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = stream(weeks=12)
    index = NeighbourIndex(16, timedelta(days=7))
    evicting = searches(index, items)
    assert len(index.shards) <= 4  # two weeks, maybe the next one, the undated shard
    # Out of time order: a freed week is rebuilt, and finds what it found before.
    early = index.search(unit(5), DAY + timedelta(days=1), 5)
    monkeypatch.setattr(NeighbourIndex, "_free_before", lambda self, key: None)
    keeping = NeighbourIndex(16, timedelta(days=7))
    assert searches(keeping, items) == evicting
    assert len(keeping.shards) >= 12
    assert keeping.search(unit(5), DAY + timedelta(days=1), 5) == early


def test_clustering_a_stream_of_weeks_gives_the_same_stories_with_weeks_freed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    words = [w for w in top_n_list("en", 3000)[300:] if w.isalpha()]
    rng = random.Random(3)
    items = []
    for event in range(60):  # two events a day for 30 days (5 windows), 3 tellings each
        topic = rng.sample(words, 25)
        for teller in range(3):
            when = DAY + timedelta(hours=12 * event + teller)
            text = " ".join(rng.choices(topic, k=40)) + "."
            items.append(StoryInput(f"{event}-{teller}", " ".join(rng.choices(topic, k=6)),
                                    text, when if event < 55 else None, "Wire"))  # fmt: skip
    sketches = sketch_articles(items)
    freeing = StoryClusterer().add(items, sketches)
    monkeypatch.setattr(NeighbourIndex, "_free_before", lambda self, key: None)
    assert StoryClusterer().add(items, sketches) == freeing
    assert len({a.story for a in freeing}) >= 50  # the events were found
