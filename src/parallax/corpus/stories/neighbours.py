"""Approximate nearest neighbours over article vectors, sharded by publication time.

Each shard is a faiss HNSW graph (inner product over unit vectors), so a search costs
about log(n) whatever the corpus size. With a time window, dated articles go to shards one
window wide and a dated search looks only at its own shard, the two beside it and the
shard of undated articles, so articles of other years never crowd out the candidates;
an undated search looks at every article, through one more graph that holds them all.

As articles arrive in time order, a week's graph that no dated search can reach any more
(two windows behind the latest article) is freed, and the graph of every article is only
built when an undated article is searched (news feeds date every article): the work per
article stays constant as the corpus grows. The vectors themselves are kept, so a graph
that is needed again (an article out of time order) is rebuilt by adding the same
vectors in the same order, which gives the same graph, so results never depend on it.
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
"""Chosen by hand, not tuned; with the breadths below the graph returns 0.972 of the exact 20
nearest of the 37,554 AllSides sketches (eval/story_clusters.py --only speed, 500 queries)."""
HNSW_BUILD_BREADTH = 200
HNSW_SEARCH_BREADTH = 64
"""Chosen by hand, not tuned; checked by the recall@20 of 0.972 above."""


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
        self.shards: dict[int | None, _Shard] = {}  # the graphs alive
        self._vectors = np.empty((1024, dim), dtype=np.float32)
        self._positions: list[int] = []  # the caller's position of each kept vector
        self._rows: dict[int | None, list[int]] = {}  # shard key → its vectors' rows
        self._front: int | None = None  # the latest dated shard added to
        self._everything: _Shard | None = None  # what an undated search looks through

    def _key(self, when: datetime | None) -> int | None:
        if when is None or self.width is None:
            return None
        return int((when - datetime(1970, 1, 1)).total_seconds() // self.width)

    def add(self, position: int, vector: npt.NDArray[np.float32], when: datetime | None) -> None:
        """Store a vector under the caller's position."""
        row = len(self._positions)
        if row == len(self._vectors):
            self._vectors = np.concatenate([self._vectors, np.empty_like(self._vectors)])
        self._vectors[row] = vector.reshape(-1)
        self._positions.append(position)
        key = self._key(when)
        shard = self._shard(key)
        self._rows.setdefault(key, []).append(row)
        shard.add(position, self._vectors[row])
        if key is not None and (self._front is None or key > self._front):
            self._front = key
            self._free_before(key - 1)

    def _free_before(self, key: int) -> None:
        """Free the graphs of the dated shards before `key` (their vectors stay)."""
        for old in [k for k in self.shards if k is not None and k < key]:
            del self.shards[old]

    def _shard(self, key: int | None) -> _Shard:
        """The graph of a shard, rebuilt from its kept vectors if it was freed."""
        shard = self.shards.get(key)
        if shard is None:
            shard = self.shards[key] = _Shard(self.dim)
            for row in self._rows.get(key, []):
                shard.add(self._positions[row], self._vectors[row])
        return shard

    def _all(self) -> _Shard:
        """The graph of every vector, brought up to date."""
        if self._everything is None:
            self._everything = _Shard(self.dim)
        everything = self._everything
        for row in range(len(everything.positions), len(self._positions)):
            everything.add(self._positions[row], self._vectors[row])
        return everything

    def search(
        self, vector: npt.NDArray[np.float32], when: datetime | None, k: int
    ) -> list[int]:
        """Positions of up to k nearest stored vectors, nearest first, per shard searched."""
        key = self._key(when)
        if self.width is not None and key is None:
            shards = [self._all()]
        elif key is None:
            shards = [self.shards[None]] if None in self.shards else []
        else:
            keys = (key - 1, key, key + 1, None)
            shards = [self._shard(k_) for k_ in keys if k_ in self._rows]
        found = sorted(
            (hit for shard in shards for hit in shard.search(vector, k)), reverse=True
        )
        return [position for _, position in found[:k]]
