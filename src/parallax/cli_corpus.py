"""Corpus commands of the `parallax` command line (registered on the main app by `cli.py`).

    parallax ingest ./archive/ feed.jsonl crawl.warc.gz          # into ./parallax.db
    parallax ingest feed.jsonl --db postgresql://user@localhost/news
    parallax cluster                                             # stories of a filled store
    parallax compare-stories --since 2022-01-01 --workers 2      # cache stories' comparisons

Every corpus command takes `--db URL` (default `sqlite:///parallax.db`, or `$PARALLAX_DB`).
Conventions are those of `parallax compare`: progress on stderr (only on a terminal), the
result on stdout, a problem the user can fix is one `error:` line and exit code 2, an
interrupt exits 130, a bug one `internal error:` line and exit 1.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from parallax.cli_common import EXIT_ERROR, errors_as_lines, fail

if TYPE_CHECKING:
    from parallax.corpus.batch_compare import CompareStats
    from parallax.corpus.ingest import IngestStats
    from parallax.corpus.ingest import Progress as IngestProgress
    from parallax.corpus.store import Store
    from parallax.corpus.stories import ClusterStats
    from parallax.engine import Engine

__all__ = ["DbOption", "app", "corpus_errors_as_lines"]

DEFAULT_LOG = Path("parallax-ingest.log")

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

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
def _engine(name: str, workers: int, address: str | None) -> Iterator[Engine]:
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
class _Done:
    """What a command has committed so far, for its error and interrupt lines."""

    ingest: IngestStats | None = None
    cluster: ClusterStats | None = None
    compare: CompareStats | None = None

    def explain(self, err: Exception) -> str:
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
            return (
                f"{err} ({self.ingest.new} new articles were stored before it; rerun to go on)"
            )
        return str(err)

    def interrupted(self) -> str:
        if self.compare is not None:
            return (
                f"interrupted: {self.compare.compared} comparisons cached so far; run the "
                "same command again to compute the rest"
            )
        if self.cluster is not None:
            stored = (
                f"all {self.ingest.new} new articles are stored; " if self.ingest else ""
            )
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


def corpus_errors_as_lines(
    *expected: type[Exception], done: _Done | None = None
) -> AbstractContextManager[None]:
    """Every exception as one line on stderr and an exit code; never a traceback. Store
    errors and `expected` ones are the user's to fix (exit 2)."""
    from sqlalchemy.exc import SQLAlchemyError

    from parallax.corpus.store import StoreError
    from parallax.engine import EngineError
    from parallax.errors import ParallaxError

    done = done or _Done()
    return errors_as_lines(
        ParallaxError,
        StoreError,
        EngineError,
        SQLAlchemyError,
        *expected,
        explain=done.explain,
        interrupted=done.interrupted,
    )


@contextmanager
def _log_to(path: Path) -> Iterator[None]:
    """Send the corpus loggers (bad records, summaries) to a file, appended."""
    try:
        handler = logging.FileHandler(path, mode="a", encoding="utf-8")
    except OSError as err:
        fail(f"error: {path}: cannot write the log ({err.strerror})", EXIT_ERROR)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("parallax.corpus")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
        handler.close()


class _Rate:
    """Items (articles, stories) per second since the start, for the progress line."""

    def __init__(self) -> None:
        self.started = time.monotonic()

    def __call__(self, records: int) -> str:
        elapsed = time.monotonic() - self.started
        if elapsed <= 0.5:
            return ""
        per_second = records / elapsed
        return f"{per_second:,.0f}/s" if per_second >= 10 else f"{per_second:.2f}/s"


@contextmanager
def _count_bar(stderr: Console, label: str, unit: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar of items done out of a total, with their rate and time left (shown on
    a terminal only); yields `update(done, total)`."""
    rate = _Rate()
    with Progress(
        TextColumn(label),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn(f"{{task.completed:,}}/{{task.total:,}} {unit} {{task.fields[rate]}}"),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    ) as progress:
        task = progress.add_task(label, total=None, rate="")

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, rate=rate(done))

        yield update


def _cluster(
    store: Store, done: _Done, stderr: Console, engine: Engine, batch_size: int | None = None
) -> ClusterStats:
    """Run the clustering stage with a progress bar; `done.cluster` follows its batches."""
    from parallax.corpus.stories import (
        DEFAULT_CLUSTER_BATCH,
        ClusterProgress,
        ClusterStats,
        cluster_stories,
    )

    stats = done.cluster = ClusterStats()
    with _count_bar(stderr, "Clustering", "articles") as update:

        def on_progress(state: ClusterProgress) -> None:
            update(state.done, state.total)

        cluster_stories(
            store,
            batch_size=batch_size or DEFAULT_CLUSTER_BATCH,
            stats=stats,
            on_progress=on_progress,
            engine=engine,
        )
    return stats


@app.command("ingest")
def ingest_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Files and directories: .txt .md .html .json .jsonl(.gz) .warc(.gz) "
            ".rss .atom .xml; directories are read recursively.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    batch_size: Annotated[
        int,
        typer.Option("--batch-size", min=1, help="Articles per transaction (commit)."),
    ] = 500,
    log: Annotated[
        Path,
        typer.Option("--log", help="Append skipped records and a summary to this file."),
    ] = DEFAULT_LOG,
    no_cluster: Annotated[
        bool,
        typer.Option(
            "--no-cluster", help="Only store; put the articles in stories later (`cluster`)."
        ),
    ] = False,
    engine_name: EngineOption = "local",
    workers: WorkersOption = 1,
    address: AddressOption = None,
) -> None:
    """Store articles in the corpus (once each, near-duplicates linked), then cluster."""
    from parallax.corpus.formats import plan
    from parallax.corpus.ingest import IngestStats, ingest
    from parallax.corpus.store import open_store

    stderr = Console(stderr=True, highlight=False)
    stats = IngestStats()
    done = _Done(ingest=stats)
    with corpus_errors_as_lines():
        sources = plan(inputs)  # bad inputs fail here, before the store is touched
    with (
        _engine(engine_name, workers, address) as engine,
        _log_to(log),
        corpus_errors_as_lines(done=done),
    ):
        logging.getLogger("parallax.corpus").info(
            "ingest %s into %s", " ".join(inputs), db or "the default store"
        )
        store = open_store(db)
        try:
            rate = _Rate()
            with Progress(
                TextColumn("Ingesting"),
                BarColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[records]:,} records {task.fields[rate]}"),
                TimeRemainingColumn(),
                TimeElapsedColumn(),
                console=stderr,
                transient=True,
                disable=not stderr.is_terminal,
            ) as progress:
                task = progress.add_task(
                    "ingest", total=sum(s.size for s in sources) or 1, records=0, rate=""
                )

                def on_progress(state: IngestProgress) -> None:
                    progress.update(
                        task,
                        completed=state.done_bytes,
                        records=state.records,
                        rate=rate(state.records),
                    )

                ingest(
                    store,
                    inputs,
                    batch_size=batch_size,
                    sources=sources,
                    stats=stats,
                    on_progress=on_progress,
                    engine=engine,
                )
            clustered = None if no_cluster else _cluster(store, done, stderr, engine)
        finally:
            store.close()
    if stats.bad:
        stderr.print(f"[dim]bad records are listed in {log}[/dim]")
    typer.echo(stats.summary())
    if clustered is not None:
        typer.echo(clustered.summary())


@app.command("cluster")
def cluster_command(
    db: DbOption = None,
    batch_size: Annotated[
        int | None,
        typer.Option(
            "--batch-size", min=1, help="Articles per transaction.", show_default="1000"
        ),
    ] = None,
    engine_name: EngineOption = "local",
    workers: WorkersOption = 1,
    address: AddressOption = None,
) -> None:
    """Put the stored articles that are in no story yet into stories."""
    from parallax.corpus.store import open_store

    stderr = Console(stderr=True, highlight=False)
    done = _Done()
    with _engine(engine_name, workers, address) as engine, corpus_errors_as_lines(done=done):
        store = open_store(db)
        try:
            clustered = _cluster(store, done, stderr, engine, batch_size)
        finally:
            store.close()
    typer.echo(clustered.summary())


@app.command("compare-stories")
def compare_stories_command(
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Stories with articles from.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Stories with articles until.")
    ] = None,
    min_sources: Annotated[
        int, typer.Option("--min-sources", min=1, help="Stories of at least N outlets.")
    ] = 2,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="The newest N stories only.")
    ] = None,
    device: Annotated[
        str,
        typer.Option("--device", metavar="cpu|cuda", help="Where sentence embeddings run."),
    ] = "cpu",
    engine_name: EngineOption = "local",
    workers: WorkersOption = 1,
    address: AddressOption = None,
) -> None:
    """Compare every selected story whose comparison is not cached yet, and cache it."""
    from parallax.align.embed import DeviceError, check_device
    from parallax.cli_common import parse_moment
    from parallax.corpus.batch_compare import CompareProgress, CompareStats, compare_stories
    from parallax.corpus.store import open_store

    first, last = parse_moment("--since", since), parse_moment("--until", until)
    with corpus_errors_as_lines(DeviceError):
        check_device(device)  # before any model or worker starts
    stderr = Console(stderr=True, highlight=False)
    stats = CompareStats()
    done = _Done(compare=stats)
    with _engine(engine_name, workers, address) as engine, corpus_errors_as_lines(done=done):
        store = open_store(db)
        try:
            with _count_bar(stderr, "Comparing", "stories") as update:

                def on_progress(state: CompareProgress) -> None:
                    update(state.done, state.total)

                compare_stories(
                    store, since=first, until=last, min_sources=min_sources, limit=limit,
                    device=device, engine=engine, stats=stats, on_progress=on_progress,
                )  # fmt: skip
        finally:
            store.close()
    for line in stats.errors:
        stderr.print(Text(f"not compared: {line}"))
    typer.echo(stats.summary())
