"""The terminal summary: readable at 100 columns, article text shown literally."""

from __future__ import annotations

from rich.console import Console

from parallax.report import print_summary
from parallax.types import Comparison


def _render(comparison: Comparison, width: int = 100) -> str:
    console = Console(record=True, width=width, color_system=None)
    print_summary(comparison, console)
    return console.export_text()


def test_shows_articles_claims_and_counts(comparison: Comparison) -> None:
    out = _render(comparison)
    for text in ("The Herald", "Daily Courier", "Storm closes Harbour", "2024-03-05 09:30"):
        assert text in out
    assert "Shared by all 3 sources (1)" in out
    assert "Shared by some sources (3)" in out
    assert "Only in The Herald (1)" in out
    assert "Only in Daily Courier (0)" in out
    assert "≈ paraphrase  c2" in out
    assert "Officials said repairs would take two weeks." in out
    assert "Ferries will run every 15 minutes." in out
    assert "3 articles · 6 claims · 4 shared" in out
    assert "identical 1, paraphrase 1, partial 2, unique 2" in out


def test_article_text_is_not_rich_markup(comparison: Comparison) -> None:
    out = _render(comparison)
    assert "[bold]x[/bold]" in out
    assert "[red]News[/red]" in out
    assert "<script>alert(1)</script>" in out


def test_fits_in_100_columns(comparison: Comparison) -> None:
    out = _render(comparison)
    assert max(len(line) for line in out.splitlines()) <= 100


def test_long_statements_are_cut(comparison: Comparison) -> None:
    out = _render(comparison, width=100)
    assert "…" in out  # the hostile source's long name is cut in the claim lines
    assert out.count("The Harbour Bridge was closed on Tuesday") == 3


def test_identical_articles_line(pair: Comparison) -> None:
    out = _render(pair)
    assert "Identical articles: Wire (one) = Wire (two)" in out


def test_narrow_terminal_keeps_counts_and_drops_ids(comparison: Comparison) -> None:
    out = _render(comparison, width=80)
    header = next(line for line in out.splitlines() if "Source" in line and "Title" in line)
    assert "Words" in header and "Sent." in header
    assert "Id" not in header.split()
    assert all(len(line) <= 80 for line in out.splitlines())
