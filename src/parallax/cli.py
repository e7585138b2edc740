"""The `parallax` command line: the only part of the package that talks to the terminal.

    parallax compare a.html b.txt c.json --json report.json --html report.html

Progress goes to stderr (and disappears once done), the summary and the paths of the
reports written go to stdout. Every problem the user can fix is one line on stderr,
`error: <what and where> [E0xx]`, and exit code 2; an interrupt exits 130; a bug prints
one `internal error:` line and exits 1 (`PARALLAX_DEBUG=1` shows its traceback).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from parallax import __version__
from parallax.cli_corpus import app as corpus_app
from parallax.compare import compare as compare_articles
from parallax.errors import ParallaxError
from parallax.ingest import load_all
from parallax.report import print_summary, write_reports
from parallax.types import Article, Comparison
from parallax.web.command import app as serve_app

EXIT_ERROR = 2  # the user's input or environment: fixable, explained in one line
EXIT_INTERNAL = 1  # a bug
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
DEBUG_ENV = "PARALLAX_DEBUG"

app = typer.Typer(
    name="parallax",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(corpus_app)
app.add_typer(serve_app)


class ReportPathError(Exception):
    """A report that cannot be written where the user asked."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot write the report ({reason})")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _fail(message: str, code: int) -> NoReturn:
    """Print one line on stderr, unwrapped and without markup, and exit with `code`."""
    typer.echo(_one_line(message), err=True)
    raise typer.Exit(code)


def _debug() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no")


@contextmanager
def _errors_as_lines() -> Iterator[None]:
    """Turn every exception into one line on stderr and an exit code; never a traceback."""
    try:
        yield
    except typer.Exit:
        raise
    except ParallaxError as err:
        _fail(f"error: {err}", EXIT_ERROR)
    except ReportPathError as err:
        _fail(f"error: {err}", EXIT_ERROR)
    except KeyboardInterrupt:
        _fail("interrupted", EXIT_INTERRUPTED)
    except Exception as err:
        if _debug():
            raise
        _fail(
            f"internal error: {type(err).__name__}: {err} (run with {DEBUG_ENV}=1 to see "
            "the traceback)",
            EXIT_INTERNAL,
        )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"parallax {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """See one news story through many outlets: shared claims, omissions and framing."""


def _check_report_paths(paths: Sequence[Path]) -> None:
    """Refuse report paths that can never be written, before the slow comparison runs."""
    for path in paths:
        if path.is_dir():
            raise ReportPathError(path, "it is a directory")
        parent = next((p for p in (path.parent, *path.parent.parents) if p.exists()), None)
        if parent is not None and not parent.is_dir():
            raise ReportPathError(path, f"{parent} is not a directory")


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


def _articles(count: int) -> str:
    return f"{count} article" if count == 1 else f"{count} articles"


def _write(comparison: Comparison, reports: dict[str, Path | None]) -> list[Path]:
    """Write each requested report on its own, so that a failure names its path."""
    written: list[Path] = []
    for kind, path in reports.items():
        if path is None:
            continue
        try:
            written += write_reports(comparison, **{f"{kind}_path": path})
        except OSError as err:
            raise ReportPathError(path, err.strerror or type(err).__name__) from err
    return written


@app.command()
def compare(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Articles to compare: files (.txt .md .html .json .jsonl .urls), "
            "directories, http(s) URLs or URL lists. At least 2 articles in all.",
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
) -> None:
    """Compare how several outlets report one story; print a summary, write reports."""
    reports = {"json": json_path, "markdown": markdown_path, "html": html_path}
    stdout = Console(highlight=False, soft_wrap=False)
    stderr = Console(stderr=True, highlight=False)
    with _errors_as_lines():
        _check_report_paths([p for p in reports.values() if p is not None])
        with Progress(
            SpinnerColumn(finished_text="[green]✓[/green]"),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=stderr,
            transient=True,
            # Off when stderr is a file or pipe: logs get no spinner frames or blank lines.
            disable=quiet or not stderr.is_terminal,
        ) as progress:
            articles = _load(inputs, progress)
            started = time.monotonic()
            progress.add_task(
                f"Annotating and aligning {_articles(len(articles))} "
                "(the first run also loads the models)",
                total=None,
            )
            comparison = compare_articles(
                articles,
                link_threshold=link_threshold,
                paraphrase_threshold=paraphrase_threshold,
            )
            elapsed = time.monotonic() - started
        if not quiet:
            print_summary(comparison, stdout)
            stdout.print(f"[dim]Compared {_articles(len(articles))} in {elapsed:.1f}s[/dim]")
        for path in _write(comparison, reports):
            typer.echo(f"wrote {path}")


def run() -> None:
    """Entry point of `python -m parallax`."""
    app(prog_name="parallax")


if __name__ == "__main__":  # pragma: no cover
    run()
