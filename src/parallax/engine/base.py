"""The engine interface, and the local engine: a process pool over this machine's cores.

An engine maps a pure function over batches and yields the results in the batches'
order. Only the function's inputs and results travel; workers never open the store, so
every write stays in the driver process, in its batch transactions.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Protocol, Self, TypeVar

from parallax.errors import EngineError

__all__ = ["Engine", "EngineError", "LocalEngine", "map_chunked", "ordered_window",
           "share_cores"]

B = TypeVar("B")
R = TypeVar("R")
T = TypeVar("T")
F = TypeVar("F")

# Batches submitted ahead of the one being waited for, per worker: enough to keep every
# worker busy while the driver takes a result, few enough to bound the memory in flight.
AHEAD_PER_WORKER = 2


class Engine(Protocol):
    """Maps pure functions over batches, on local processes or a cluster."""

    @property
    def workers(self) -> int:
        """How many batches run at once."""
        ...

    def map_batches(self, fn: Callable[[B], R], batches: Iterable[B]) -> Iterator[R]:
        """`fn(batch)` for every batch, in the batches' order."""
        ...

    def close(self) -> None:
        """Release the workers; the engine is not used after this."""
        ...

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def ordered_window(
    submit: Callable[[B], F], wait: Callable[[F], R], batches: Iterable[B], ahead: int
) -> Iterator[R]:
    """Submit batches at most `ahead` in front of the result being waited for; yield the
    results in order."""
    pending: deque[F] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) > ahead:
            yield wait(pending.popleft())
    while pending:
        yield wait(pending.popleft())


def map_chunked(
    engine: Engine, fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], *, parts: int = 0
) -> list[R]:
    """`fn` over `items` split into `parts` chunks (default two per worker), flattened."""
    if not items:
        return []
    parts = parts or 2 * engine.workers
    size = max(1, -(-len(items) // parts))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    results = [result for chunk in engine.map_batches(fn, chunks) for result in chunk]
    if len(results) != len(items):
        raise EngineError(f"engine returned {len(results)} results for {len(items)} items")
    return results


_THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def share_cores(threads: int) -> None:
    """Make the numeric libraries (torch, BLAS) of this worker process use `threads` threads;
    run before they are imported. Each would otherwise use every core, and two workers on
    two cores ran slower than one (bench/engine_bench.py)."""
    for name in _THREAD_VARIABLES:
        os.environ[name] = str(threads)


class LocalEngine(Engine):
    """A pool of `workers` processes on this machine; in-process when `workers` is 1."""

    def __init__(self, workers: int = 1) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None

    @property
    def workers(self) -> int:
        """How many batches run at once."""
        return self._workers

    def map_batches(self, fn: Callable[[B], R], batches: Iterable[B]) -> Iterator[R]:
        """`fn(batch)` for every batch, in order; one line of EngineError if a worker dies."""
        if self._workers == 1:
            yield from map(fn, batches)
            return
        if self._pool is None:
            # spawn, not fork: the driver holds database connections and threads.
            context = multiprocessing.get_context("spawn")
            threads = max(1, (os.cpu_count() or 1) // self._workers)
            self._pool = ProcessPoolExecutor(self._workers, mp_context=context,
                                             initializer=share_cores, initargs=(threads,))
        pool = self._pool

        def submit(batch: B) -> Future[R]:
            return pool.submit(fn, batch)

        def wait(future: Future[R]) -> R:
            try:
                result: R = future.result()
            except BrokenProcessPool as err:
                self.close()
                raise EngineError(
                    "a local worker process died (killed or out of memory); nothing of the "
                    "batch in flight was stored, rerun to go on"
                ) from err
            return result

        yield from ordered_window(submit, wait, batches, AHEAD_PER_WORKER * self._workers)

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
