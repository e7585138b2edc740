"""Engines that run the expensive per-article stages (sketching, signing) in parallel.

`open_engine("local", workers=4)` is a process pool on this machine (in-process with one
worker); `open_engine("dask", address="tcp://host:8786")` runs on a Dask cluster (a local
one on 127.0.0.1 without an address). Both map pure functions over batches and return
results in order, so a stage's output never depends on the engine.
"""

from __future__ import annotations

from typing import Literal

from parallax.engine.base import Engine, EngineError, LocalEngine, map_chunked

__all__ = ["ENGINES", "Engine", "EngineError", "EngineName", "LocalEngine", "map_chunked",
           "open_engine"]

EngineName = Literal["local", "dask"]
ENGINES: tuple[EngineName, ...] = ("local", "dask")


def open_engine(name: str = "local", *, workers: int = 1, address: str | None = None) -> Engine:
    """The engine called `name`; ValueError for an unknown name or an address given to local."""
    if name == "local":
        if address is not None:
            raise ValueError("--address is for --engine dask; the local engine has none")
        return LocalEngine(workers)
    if name == "dask":
        from parallax.engine.dask import DaskEngine

        return DaskEngine(address, workers=workers)
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
