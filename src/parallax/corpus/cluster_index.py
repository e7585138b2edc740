"""Approximate nearest neighbours over article vectors, sharded by publication time.

Each shard is a faiss HNSW graph (inner product over unit vectors), so a search costs
about log(n) whatever the corpus size. With a time window, dated articles go to shards one
window wide and a dated search looks only at its own shard, the two beside it and the
shard of undated articles, so articles of other years never crowd out the candidates;
an undated search looks at every article, through one more graph that holds them all.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import faiss
import numpy as np
import numpy.typing as npt

__all__ = ["NeighbourIndex"]

# HNSW graph degree and breadths. faiss's default build breadth (40) leaves an article
# unlike the ones added after it unreachable (a flood report among 1,500 articles of one
# other topic was never found); 200 builds a graph that keeps it.
HNSW_LINKS = 32
HNSW_BUILD_BREADTH = 200
HNSW_SEARCH_BREADTH = 64


class _Shard:
    """One HNSW graph and the caller's positions of the vectors in it."""

    def __init__(self, dim: int) -> None:
        self.index = faiss.IndexHNSWFlat(dim, HNSW_LINKS, faiss.METRIC_INNER_PRODUCT)
        self.index.hnsw.efConstruction = HNSW_BUILD_BREADTH
        self.index.hnsw.efSearch = HNSW_SEARCH_BREADTH
        self.positions: list[int] = []

    def add(self, position: int, vector: npt.NDArray[np.float32]) -> None:
        self.index.add(vector.reshape(1, -1))
        self.positions.append(position)

    def search(self, vector: npt.NDArray[np.float32], k: int) -> list[tuple[float, int]]:
        if not self.positions:
            return []
        scores, found = self.index.search(vector.reshape(1, -1), min(k, len(self.positions)))
        return [
            (float(s), self.positions[i]) for s, i in zip(scores[0], found[0], strict=True)
            if i >= 0
        ]  # fmt: skip


class NeighbourIndex:
    """The k nearest stored vectors to a query, among those that may share its story."""

    def __init__(self, dim: int, window: timedelta | None) -> None:
        if window is not None and window <= timedelta(0):
            raise ValueError(f"window must be positive, got {window}")
        self.dim = dim
        self.width = window.total_seconds() if window is not None else None
        self.shards: dict[int | None, _Shard] = {}
        self.everything = _Shard(dim)  # what an undated search looks through

    def _key(self, when: datetime | None) -> int | None:
        if when is None or self.width is None:
            return None
        return int((when - datetime(1970, 1, 1)).total_seconds() // self.width)

    def add(self, position: int, vector: npt.NDArray[np.float32], when: datetime | None) -> None:
        """Store a vector under the caller's position."""
        key = self._key(when)
        if key not in self.shards:
            self.shards[key] = _Shard(self.dim)
        self.shards[key].add(position, vector)
        if self.width is not None:
            self.everything.add(position, vector)

    def search(
        self, vector: npt.NDArray[np.float32], when: datetime | None, k: int
    ) -> list[int]:
        """Positions of up to k nearest stored vectors, nearest first, per shard searched."""
        key = self._key(when)
        if self.width is not None and key is None:
            shards = [self.everything]
        elif key is None:
            shards = [self.shards[None]] if None in self.shards else []
        else:
            keys = (key - 1, key, key + 1, None)
            shards = [self.shards[k_] for k_ in keys if k_ in self.shards]
        found = sorted(
            (hit for shard in shards for hit in shard.search(vector, k)), reverse=True
        )
        return [position for _, position in found[:k]]
