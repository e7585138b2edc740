"""The local engine: results in order whatever the workers, a dead worker is one clear error."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pytest

from parallax.engine import EngineError, LocalEngine, map_chunked, open_engine


def square_all(values: Sequence[int]) -> list[int]:
    """Squares (a pure function a worker can import)."""
    return [v * v for v in values]


def die(values: Sequence[int]) -> list[int]:
    """A worker that is killed while it runs a batch."""
    os._exit(9)


def thread_settings(values: Sequence[int]) -> list[str | None]:
    """The worker's thread setting for its numeric libraries, once per value."""
    return [os.environ.get("OMP_NUM_THREADS") for _ in values]


def test_workers_share_the_cores_instead_of_each_taking_all() -> None:
    with LocalEngine(2) as engine:
        settings = set(map_chunked(engine, thread_settings, [1, 2, 3, 4]))
    assert settings == {str(max(1, (os.cpu_count() or 1) // 2))}


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_back_in_order(workers: int) -> None:
    with LocalEngine(workers) as engine:
        batches = [list(range(n, n + 5)) for n in range(0, 100, 5)]
        assert list(engine.map_batches(square_all, batches)) == [square_all(b) for b in batches]
        assert map_chunked(engine, square_all, list(range(37))) == [v * v for v in range(37)]
        assert map_chunked(engine, square_all, []) == []


def test_a_worker_that_dies_is_one_clear_error() -> None:
    with LocalEngine(2) as engine, pytest.raises(EngineError, match="worker process died"):
        list(engine.map_batches(die, [[1], [2]]))


def test_bad_choices_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown engine 'ray'"):
        open_engine("ray")
    with pytest.raises(ValueError, match="--address is for --engine dask"):
        open_engine("local", address="tcp://127.0.0.1:8786")
    with pytest.raises(ValueError, match="workers must be at least 1"):
        LocalEngine(0)
