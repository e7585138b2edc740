"""Corpus commands of the `parallax` command line (registered on the main app by `cli.py`).

    parallax ingest ./archive/ feed.jsonl crawl.warc.gz          # into ./parallax.db
    parallax ingest feed.jsonl --db postgresql://user@localhost/news
    parallax cluster                                             # stories of a filled store
    parallax compare-stories --since 2022-01-01 --workers 2      # cache stories' comparisons

Every corpus command takes `--db URL` (default `sqlite:///parallax.db`, or `$PARALLAX_DB`).
Conventions are those of `parallax compare`: progress on stderr (only on a terminal), the
result on stdout, a problem the user can fix is one `error:` line and exit code 2, an
interrupt exits 130, a bug one `internal error:` line and exit 1. The options and error
handling every corpus command shares are in `cli_corpus_shared`, the progress bars and
the log in `cli_corpus_progress`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from parallax.cli.corpus_options import (
    AddressOption,
    DbOption,
    Done,
    EngineOption,
    WorkersOption,
    chosen_engine,
    corpus_errors_as_lines,
)
from parallax.cli.progress import Rate, count_bar, log_to, progress_bar

if TYPE_CHECKING:
    from parallax.corpus.ingest import Progress as IngestProgress
    from parallax.corpus.store.session import Store
    from parallax.corpus.stories.stage import ClusterStats
    from parallax.engine import Engine

__all__ = ["app"]

DEFAULT_LOG = Path("parallax-ingest.log")

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _cluster(
    store: Store, done: Done, stderr: Console, engine: Engine, batch_size: int | None = None
) -> ClusterStats:
    """Run the clustering stage with a progress bar; `done.cluster` follows its batches."""
    from parallax.corpus.stories.stage import (
        DEFAULT_CLUSTER_BATCH,
        ClusterProgress,
        ClusterStats,
        cluster_stories,
    )

    stats = done.cluster = ClusterStats()
    with count_bar(stderr, "Clustering", "articles") as update:

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
    from parallax.corpus.ingest import IngestStats, ingest
    from parallax.corpus.store.session import open_store
    from parallax.ingest.stream import plan

    stderr = Console(stderr=True, highlight=False)
    stats = IngestStats()
    done = Done(ingest=stats)
    with corpus_errors_as_lines():
        sources = plan(inputs)  # bad inputs fail here, before the store is touched
    with (
        chosen_engine(engine_name, workers, address) as engine,
        log_to(log),
        corpus_errors_as_lines(done=done),
    ):
        logging.getLogger("parallax.corpus").info(
            "ingest %s into %s", " ".join(inputs), db or "the default store"
        )
        store = open_store(db)
        try:
            rate = Rate()
            counts = "{task.fields[records]:,} records {task.fields[rate]}"
            with progress_bar(stderr, "Ingesting", counts) as progress:
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
    from parallax.corpus.store.session import open_store

    stderr = Console(stderr=True, highlight=False)
    done = Done()
    with chosen_engine(engine_name, workers, address) as engine, corpus_errors_as_lines(done=done):
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
    from parallax.align.embed import check_device
    from parallax.cli.common import parse_moment
    from parallax.corpus.batch_compare import CompareProgress, CompareStats, compare_stories
    from parallax.corpus.store.session import open_store

    first, last = parse_moment("--since", since), parse_moment("--until", until)
    with corpus_errors_as_lines():
        check_device(device)  # before any model or worker starts
    stderr = Console(stderr=True, highlight=False)
    stats = CompareStats()
    done = Done(compare=stats)
    with chosen_engine(engine_name, workers, address) as engine, corpus_errors_as_lines(done=done):
        store = open_store(db)
        try:
            with count_bar(stderr, "Comparing", "stories") as update:

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
