"""The Dask distributed engine: batches run on the workers of a Dask cluster.

`DaskEngine("tcp://host:8786")` joins a running scheduler; without an address it starts
a LocalCluster of `workers` processes on 127.0.0.1. Dask reschedules the tasks of a
worker that dies on the others (up to `distributed.scheduler.allowed-failures` times per
task); a job that cannot go on (every worker gone, a task that killed several workers)
raises EngineError with one line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from parallax.engine.base import AHEAD_PER_WORKER, Engine, EngineError, ordered_window

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

__all__ = ["DaskEngine"]

B = TypeVar("B")
R = TypeVar("R")

CONNECT_TIMEOUT_S = 10
"""Seconds to reach the scheduler before giving up: a limit chosen by hand, not calibrated."""
# How long a job waits with no worker in the cluster before giving up: a worker that is
# restarted by a nanny comes back within a few seconds.
NO_WORKER_TIMEOUT_S = 30.0
_POLL_S = 1.0
"""Seconds between checks on a pending result: a responsiveness choice, not calibrated."""


class DaskEngine(Engine):
    """Runs batches on a Dask distributed cluster (an existing one, or a local one)."""

    def __init__(self, address: str | None = None, *, workers: int = 2) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        from distributed import Client, LocalCluster

        self._cluster: LocalCluster | None = None
        try:
            if address is None:
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    # The scheduler's HTTP endpoints (health, metrics) on a free port, not on
                    # 8787, which another cluster on this machine may hold.
                    dashboard_address="127.0.0.1:0",
                )
                self._client: Client = Client(self._cluster)  # type: ignore[no-untyped-call]
            else:
                self._client = Client(address, timeout=CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
        except OSError as err:
            self.close()
            raise EngineError(f"cannot reach the Dask scheduler at {address}: {err}") from err
        self.address = address or str(self._cluster.scheduler_address if self._cluster else "")

    @property
    def client(self) -> Client:
        """The Dask client (for tests and diagnostics)."""
        return self._client

    @property
    def workers(self) -> int:
        """Worker threads in the cluster now (at least 1)."""
        info = self._client.scheduler_info(n_workers=-1)
        threads = sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values())
        return max(1, threads)

    def map_batches(self, fn: Callable[[B], R], batches: Iterable[B]) -> Iterator[R]:
        """`fn(batch)` for every batch, in order, on the cluster's workers."""
        client = self._client

        def submit(batch: B) -> Future[R]:
            # pure=False: equal batches are still separate tasks, never served from memory
            # of an earlier job.
            future: Future[R] = client.submit(fn, batch, pure=False)
            return future

        yield from ordered_window(submit, self._wait, batches, AHEAD_PER_WORKER * self.workers)

    def _wait(self, future: Future[R]) -> R:
        from distributed import KilledWorker
        from distributed import TimeoutError as DaskTimeout

        idle_since: float | None = None
        while True:
            try:
                result: R = future.result(timeout=_POLL_S)
                return result
            except KilledWorker as err:
                raise EngineError(
                    f"Dask workers died running the same task ({err}); nothing of the batch "
                    "in flight was stored, rerun to go on"
                ) from err
            except (DaskTimeout, TimeoutError):
                if self._client.scheduler_info(n_workers=-1).get("workers"):
                    idle_since = None
                    continue
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since > NO_WORKER_TIMEOUT_S:
                    raise EngineError(
                        f"the Dask cluster at {self.address} has had no worker for "
                        f"{NO_WORKER_TIMEOUT_S:.0f} s; start workers and rerun to go on"
                    ) from None

    def close(self) -> None:
        """Disconnect; a cluster this engine started is stopped."""
        client: Any = getattr(self, "_client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
