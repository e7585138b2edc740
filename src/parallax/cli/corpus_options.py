"""What every corpus command shares: the store and engine options, errors as one line.

A problem the user can fix (bad input, store, engine) is one `error:` line and exit code
2; the line and the interrupt line say what the command had committed before (`Done`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from parallax.cli.common import EXIT_ERROR, errors_as_lines, fail

if TYPE_CHECKING:
    from parallax.corpus.batch_compare import CompareStats
    from parallax.corpus.ingest import IngestStats
    from parallax.corpus.stories.stage import ClusterStats
    from parallax.engine import Engine

__all__ = [
    "AddressOption",
    "DbOption",
    "Done",
    "EngineOption",
    "WorkersOption",
    "chosen_engine",
    "corpus_errors_as_lines",
]

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="PARALLAX_DB",
        metavar="URL",
        help="The corpus store: sqlite:///PATH or postgresql://USER@HOST/DB.",
        show_default="sqlite:///parallax.db",
    ),
]
EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        metavar="local|dask",
        help="Where sketching and signing run: local processes, or a Dask cluster.",
    ),
]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        min=1,
        help="Local worker processes (1: in this process); with dask and no --address, "
        "the workers of the local cluster started for the run.",
    ),
]
AddressOption = Annotated[
    str | None,
    typer.Option(
        "--address",
        metavar="tcp://HOST:PORT",
        help="The Dask scheduler (dask engine); without it a local cluster is started.",
        show_default=False,
    ),
]


@contextmanager
def chosen_engine(name: str, workers: int, address: str | None) -> Iterator[Engine]:
    """The engine the options ask for, closed at the end; bad options fail in one line."""
    from parallax.engine import ENGINES, open_engine

    if name not in ENGINES:
        fail(f"error: unknown engine {name!r}; choose one of {', '.join(ENGINES)}", EXIT_ERROR)
    if address is not None and name != "dask":
        fail("error: --address is for --engine dask", EXIT_ERROR)
    with corpus_errors_as_lines():
        engine = open_engine(name, workers=workers, address=address)
    try:
        yield engine
    finally:
        engine.close()


@dataclass(slots=True)
class Done:
    """What a command has committed so far, for its error and interrupt lines."""

    ingest: IngestStats | None = None
    cluster: ClusterStats | None = None
    compare: CompareStats | None = None

    def explain(self, err: Exception) -> str:
        """The error line: the error, and what was committed before it."""
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(err, SQLAlchemyError):
            reason = str(getattr(err, "orig", None) or err).strip().splitlines()
            return f"the store failed: {reason[0] if reason else type(err).__name__}"
        if self.compare is not None:
            return (
                f"{err} ({self.compare.compared} comparisons were cached before it; rerun "
                "to compute the rest)"
            )
        if self.cluster is not None:
            return (
                f"{err} ({self.cluster.articles} articles were put in stories before it; "
                "`parallax cluster` goes on)"
            )
        if self.ingest is not None and self.ingest.new:
            return f"{err} ({self.ingest.new} new articles were stored before it; rerun to go on)"
        return str(err)

    def interrupted(self) -> str:
        """The interrupt line: what is committed, and how to go on."""
        if self.compare is not None:
            return (
                f"interrupted: {self.compare.compared} comparisons cached so far; run the "
                "same command again to compute the rest"
            )
        if self.cluster is not None:
            stored = f"all {self.ingest.new} new articles are stored; " if self.ingest else ""
            return (
                f"interrupted while clustering: {stored}{self.cluster.articles} articles put "
                "in stories so far (every finished batch is committed); run `parallax "
                "cluster` to finish"
            )
        if self.ingest is not None:
            return (
                f"interrupted: {self.ingest.new} new articles stored so far (every finished "
                "batch is committed); run the same command again to store the rest"
            )
        return "interrupted"


def corpus_errors_as_lines(*, done: Done | None = None) -> AbstractContextManager[None]:
    """Every exception as one line on stderr and an exit code; never a traceback. Our own
    errors and the store's are the user's to fix (exit 2)."""
    from sqlalchemy.exc import SQLAlchemyError

    done = done or Done()
    return errors_as_lines(SQLAlchemyError, explain=done.explain, interrupted=done.interrupted)
