"""Corpus commands of the `parallax` command line (registered on the main app by `cli.py`).

    parallax ingest ./archive/ feed.jsonl crawl.warc.gz          # into ./parallax.db
    parallax ingest feed.jsonl --db postgresql://user@localhost/news

Every corpus command takes `--db URL` (default `sqlite:///parallax.db`, or `$PARALLAX_DB`).
Conventions are those of `parallax compare`: progress on stderr (only on a terminal), the
result on stdout, a problem the user can fix is one `error:` line and exit code 2, an
interrupt exits 130, a bug one `internal error:` line and exit 1.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

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

if TYPE_CHECKING:
    from parallax.corpus.ingest import IngestStats
    from parallax.corpus.ingest import Progress as IngestProgress

__all__ = ["app"]

EXIT_ERROR = 2
EXIT_INTERNAL = 1
EXIT_INTERRUPTED = 130
DEBUG_ENV = "PARALLAX_DEBUG"
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


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(" ".join(message.split()), err=True)
    raise typer.Exit(code)


def _debug() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no")


@contextmanager
def _errors_as_lines(done: IngestStats | None = None) -> Iterator[None]:
    """Every exception as one line on stderr and an exit code; never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from parallax.corpus.store import StoreError
    from parallax.errors import ParallaxError

    stored = ""
    try:
        yield
    except typer.Exit:
        raise
    except (ParallaxError, StoreError) as err:
        if done is not None and done.new:
            stored = f" ({done.new} new articles were stored before it; rerun to go on)"
        _fail(f"error: {err}{stored}", EXIT_ERROR)
    except SQLAlchemyError as err:
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()
        _fail(f"error: the store failed: {reason[0] if reason else type(err).__name__}", 2)
    except KeyboardInterrupt:
        if done is not None:
            _fail(
                f"interrupted: {done.new} new articles stored so far (every finished batch "
                "is committed); run the same command again to store the rest",
                EXIT_INTERRUPTED,
            )
        _fail("interrupted", EXIT_INTERRUPTED)
    except Exception as err:
        if _debug():
            raise
        _fail(
            f"internal error: {type(err).__name__}: {err} (run with {DEBUG_ENV}=1 to see "
            "the traceback)",
            EXIT_INTERNAL,
        )


@contextmanager
def _log_to(path: Path) -> Iterator[None]:
    """Send the corpus loggers (bad records, summaries) to a file, appended."""
    try:
        handler = logging.FileHandler(path, mode="a", encoding="utf-8")
    except OSError as err:
        _fail(f"error: {path}: cannot write the log ({err.strerror})", EXIT_ERROR)
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
    """Articles per second since the start, for the progress line."""

    def __init__(self) -> None:
        self.started = time.monotonic()

    def __call__(self, records: int) -> str:
        elapsed = time.monotonic() - self.started
        return f"{records / elapsed:,.0f}/s" if elapsed > 0.5 else ""


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
) -> None:
    """Store articles in the corpus: each once, near-duplicates linked, bad records logged."""
    from parallax.corpus.formats import plan
    from parallax.corpus.ingest import IngestStats, ingest
    from parallax.corpus.store import open_store

    stderr = Console(stderr=True, highlight=False)
    stats = IngestStats()
    with _errors_as_lines():
        sources = plan(inputs)  # bad inputs fail here, before the store is touched
    with _log_to(log), _errors_as_lines(stats):
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
                )
        finally:
            store.close()
    if stats.bad:
        stderr.print(f"[dim]bad records are listed in {log}[/dim]")
    typer.echo(stats.summary())
