"""Progress and logs of the long corpus commands: bars on stderr, a log file.

Bars are transient and shown on a terminal only, so piped output stays clean.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from parallax.cli.common import EXIT_ERROR, fail

__all__ = ["Rate", "count_bar", "log_to", "progress_bar"]


@contextmanager
def log_to(path: Path) -> Iterator[None]:
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


class Rate:
    """Items (articles, stories) per second since the start, for the progress line."""

    def __init__(self) -> None:
        self.started = time.monotonic()

    def __call__(self, records: int) -> str:
        elapsed = time.monotonic() - self.started
        if elapsed <= 0.5:
            return ""
        per_second = records / elapsed
        return f"{per_second:,.0f}/s" if per_second >= 10 else f"{per_second:.2f}/s"


def progress_bar(stderr: Console, label: str, counts: str) -> Progress:
    """A bar headed by `label`, with its share done, `counts` (a column format over the
    task's fields), time left and time elapsed."""
    return Progress(
        TextColumn(label),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn(counts),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    )


@contextmanager
def count_bar(stderr: Console, label: str, unit: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar of items done out of a total, with their rate and time left;
    yields `update(done, total)`."""
    rate = Rate()
    # The counts are a field, not "{task.total:,}": the total is None until the first
    # update, and formatting None failed as soon as a terminal drew the bar.
    with progress_bar(stderr, label, "{task.fields[counts]} {task.fields[rate]}") as progress:
        task = progress.add_task(label, total=None, counts="", rate="")

        def update(done: int, total: int) -> None:
            counts = f"{done:,}/{total:,} {unit}"
            progress.update(task, completed=done, total=total, counts=counts, rate=rate(done))

        yield update
