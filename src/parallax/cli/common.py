"""What every `parallax` command shares: one-line errors, exit codes, writing reports.

A problem the user can fix is one `error:` line on stderr and exit code 2; an interrupt
exits 130; output cut short by its reader (`| head`) ends quietly with 1; a bug prints one
`internal error:` line and exits 1 (`PARALLAX_DEBUG=1` shows its traceback). Nothing
reaches the user as a traceback otherwise.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from parallax.errors import ParallaxError, ReportPathError

if TYPE_CHECKING:
    from parallax.types import Comparison

__all__ = [
    "DEBUG_ENV",
    "EXIT_BROKEN_PIPE",
    "EXIT_ERROR",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "check_report_paths",
    "errors_as_lines",
    "fail",
    "parse_moment",
    "write_requested",
]

EXIT_ERROR = 2  # the user's input or environment: fixable, explained in one line
EXIT_INTERNAL = 1  # a bug
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_BROKEN_PIPE = 1  # the reader of stdout has gone: quiet, and the code click and Rich use
DEBUG_ENV = "PARALLAX_DEBUG"


def fail(message: str, code: int) -> NoReturn:
    """Print one line on stderr, unwrapped and without markup, and exit with `code`."""
    typer.echo(" ".join(message.split()), err=True)
    raise typer.Exit(code)


def _debug() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no")


@contextmanager
def errors_as_lines(
    *expected: type[Exception],
    explain: Callable[[Exception], str] = str,
    interrupted: Callable[[], str] = lambda: "interrupted",
) -> Iterator[None]:
    """Turn every exception into one line on stderr and an exit code; never a traceback.

    A `ParallaxError`, and `expected` errors, are the user's to fix:
    `error: {explain(err)}`, exit 2.
    """
    fixable: tuple[type[Exception], ...] = (ParallaxError, *expected)
    try:
        yield
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        fail(interrupted(), EXIT_INTERRUPTED)
    except BrokenPipeError:
        # `parallax … | head`: the reader has all it wanted. Stop without a word, and keep
        # the interpreter's last flush of stdout from failing again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except fixable as err:
        fail(f"error: {explain(err)}", EXIT_ERROR)
    except Exception as err:
        if _debug():
            raise
        fail(
            f"internal error: {type(err).__name__}: {err} (run with {DEBUG_ENV}=1 to see "
            "the traceback)",
            EXIT_INTERNAL,
        )


def parse_moment(option: str, value: str | None) -> date | datetime | None:
    """A `--since`/`--until` value: a day (YYYY-MM-DD) or a moment (ISO 8601, naive UTC);
    a value that is neither is one error line and exit code 2."""
    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        fail(f"error: {option} {value!r}: not a date; use YYYY-MM-DD", EXIT_ERROR)
    if moment.tzinfo is not None:
        from parallax.corpus.store.session import parse_published

        return parse_published(text)
    return moment


def check_report_paths(paths: Sequence[Path]) -> None:
    """Refuse report paths that can never be written, before the slow comparison runs."""
    for path in paths:
        if path.is_dir():
            raise ReportPathError(path, "it is a directory")
        parent = next((p for p in (path.parent, *path.parent.parents) if p.exists()), None)
        if parent is not None and not parent.is_dir():
            raise ReportPathError(path, f"{parent} is not a directory")


def write_requested(comparison: Comparison, reports: dict[str, Path | None]) -> list[Path]:
    """Write each requested report (`json`, `markdown`, `html`) on its own, so that a
    failure names its path."""
    from parallax.report import write_reports

    written: list[Path] = []
    for kind, path in reports.items():
        if path is None:
            continue
        try:
            written += write_reports(comparison, **{f"{kind}_path": path})
        except OSError as err:
            raise ReportPathError(path, err.strerror or type(err).__name__) from err
    return written
