"""Nearest past articles by sketch vector, within the time window."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt
import pytest

from parallax.corpus.cluster_index import NeighbourIndex

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
