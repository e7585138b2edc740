"""The `parallax` command line: the only part of the package that talks to the terminal.

    parallax compare a.html b.txt c.json --json report.json --html report.html

Progress goes to stderr (and disappears once done), the summary and the paths of the
reports written go to stdout. Every problem the user can fix is one line on stderr,
`error: <what and where> [E0xx]`, and exit code 2; an interrupt exits 130; a bug prints
one `internal error:` line and exits 1 (`PARALLAX_DEBUG=1` shows its traceback).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from parallax._version import __version__
from parallax.cli.common import check_report_paths, errors_as_lines, write_requested
from parallax.cli.corpus import app as corpus_app
from parallax.cli.outlets import app as outlets_app
from parallax.cli.serve import app as serve_app
from parallax.cli.stories import app as stories_app
from parallax.compare import compare as compare_articles
from parallax.errors import ErrorCode, InputError
from parallax.ingest import load_all
from parallax.ingest.article import with_source
from parallax.options import CompareOptions
from parallax.report import print_summary
from parallax.types import Article

app = typer.Typer(
    name="parallax",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(corpus_app)
app.add_typer(stories_app)
app.add_typer(outlets_app)
app.add_typer(serve_app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"parallax {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """See one news story through many outlets: shared claims, omissions and framing."""
    if context.invoked_subcommand is None:  # `parallax` alone: the help, and no error
        typer.echo(context.get_help())
        raise typer.Exit()


def _load(inputs: Sequence[str], progress: Progress) -> list[Article]:
    articles: list[Article] = []
    task = progress.add_task("Loading", total=len(inputs))
    for number, target in enumerate(inputs, 1):
        progress.update(
            task,
            description=f"Loading {escape(target)} ({number}/{len(inputs)}; "
            f"{_articles(len(articles))} so far)",
        )
        articles.extend(load_all(target))
        progress.advance(task)
    progress.update(
        task, description=f"Loaded {_articles(len(articles))} from {len(inputs)} input(s)"
    )
    return articles


def _named(articles: list[Article], sources: Sequence[str]) -> list[Article]:
    """The articles under the `--source` names, one per article in order; none: unchanged."""
    if not sources:
        return articles
    if len(sources) != len(articles):
        raise InputError(
            ErrorCode.BAD_RECORD,
            f"{len(sources)} {'name' if len(sources) == 1 else 'names'} for "
            f"{_articles(len(articles))}; give one --source per article, in the order the "
            "articles are read",
            origin="--source",
        )
    return [with_source(article, name) for article, name in zip(articles, sources, strict=True)]


def _articles(count: int) -> str:
    return f"{count} article" if count == 1 else f"{count} articles"


@app.command()
def compare(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Articles to compare: files (.txt .md .html .json .jsonl .urls; WARC "
            ".warc .warc.gz; RSS/Atom feeds .rss .atom .xml), directories, http(s) URLs or "
            "URL lists. At least 2 articles in all.",
            show_default=False,
        ),
    ],
    json_path: Annotated[
        Path | None,
        typer.Option("--json", help="Write the JSON report (the stable contract) here."),
    ] = None,
    markdown_path: Annotated[
        Path | None,
        typer.Option("--markdown", help="Write the Markdown report here."),
    ] = None,
    html_path: Annotated[
        Path | None,
        typer.Option("--html", help="Write the HTML report here."),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No summary and no progress: only report paths."),
    ] = False,
    link_threshold: Annotated[
        float | None,
        typer.Option(
            min=0.0, max=1.0,
            help="Probability above which two sentences count as the same claim "
            "(default: the calibrated cut-off).",
        ),
    ] = None,
    paraphrase_threshold: Annotated[
        float | None,
        typer.Option(
            min=0.0, max=1.0,
            help="Probability above which a shared claim is a paraphrase rather than "
            "partial (default: the calibrated cut-off).",
        ),
    ] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option(
            "--skip", metavar="ANALYSER",
            help="Leave out an analyser (quotes, quantities, dates, entities, contradictions, "
            "framing, digest); repeat for several.",
        ),
    ] = None,
    device: Annotated[
        str,
        typer.Option("--device", metavar="cpu|cuda", help="Where sentence embeddings run."),
    ] = "cpu",
    sources: Annotated[
        list[str] | None,
        typer.Option(
            "--source", metavar="NAME",
            help="The outlet of an article, in the order of the articles read (repeat once "
            "per article); without it a source is the article's own metadata, else its "
            "file name.",
        ),
    ] = None,
) -> None:
    """Compare how several outlets report one story; print a summary, write reports."""
    options = _options(link_threshold, paraphrase_threshold, skip or [], device)
    reports = {"json": json_path, "markdown": markdown_path, "html": html_path}
    stdout = Console(highlight=False, soft_wrap=False)
    stderr = Console(stderr=True, highlight=False)
    with errors_as_lines():
        check_report_paths([p for p in reports.values() if p is not None])
        with Progress(
            SpinnerColumn(finished_text="[green]✓[/green]"),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=stderr,
            transient=True,
            # Off when stderr is a file or pipe: logs get no spinner frames or blank lines.
            disable=quiet or not stderr.is_terminal,
        ) as progress:
            articles = _named(_load(inputs, progress), sources or [])
            started = time.monotonic()
            progress.add_task(
                f"Annotating and aligning {_articles(len(articles))} "
                "(the first run also loads the models)",
                total=None,
            )
            comparison = compare_articles(articles, options)
            elapsed = time.monotonic() - started
        if not quiet:
            print_summary(comparison, stdout)
            compared = _articles(len(comparison.articles))  # less any left out
            stdout.print(f"[dim]Compared {compared} in {elapsed:.1f}s[/dim]")
        for path in write_requested(comparison, reports):
            typer.echo(f"wrote {path}")


def _options(link_threshold: float | None, paraphrase_threshold: float | None,
             skip: list[str], device: str) -> CompareOptions:
    """The options of the command line; a bad value is an error in one line."""
    try:
        return CompareOptions(link_threshold=link_threshold,
                              paraphrase_threshold=paraphrase_threshold, skip=tuple(skip),
                              device=device)
    except ValidationError as err:
        raise typer.BadParameter(err.errors()[0]["msg"].removeprefix("Value error, "),
                                 param_hint="--skip") from None


def run() -> None:
    """Entry point of `python -m parallax`."""
    app(prog_name="parallax")


if __name__ == "__main__":  # pragma: no cover
    run()
