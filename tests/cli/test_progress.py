"""Progress of the long corpus commands: a bar on a terminal, nothing when piped."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from rich.console import Console

from parallax.cli.progress import count_bar, log_to


def console(*, terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=terminal, width=120), out


def test_a_count_bar_shows_items_done_of_the_total_on_a_terminal() -> None:
    stderr, out = console(terminal=True)
    with count_bar(stderr, "Clustering", "articles") as update:
        update(1_200, 5_000)
        update(2_500, 5_000)
    assert "Clustering" in out.getvalue()
    assert "2,500/5,000 articles" in out.getvalue()


def test_a_count_bar_writes_nothing_when_stderr_is_not_a_terminal() -> None:
    stderr, out = console(terminal=False)
    with count_bar(stderr, "Comparing", "stories") as update:
        update(3, 10)
    assert out.getvalue() == ""


def test_the_log_gets_corpus_records_appended_until_the_block_ends(tmp_path: Path) -> None:
    path = tmp_path / "ingest.log"
    path.write_text("earlier run\n", encoding="utf-8")
    corpus = logging.getLogger("parallax.corpus.ingest")
    with log_to(path):
        corpus.info("stored 3 new")
    corpus.warning("after the block")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "earlier run"
    assert len(lines) == 2 and lines[1].endswith("INFO stored 3 new")
