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
    claims = out[out.index("Shared by all"):]  # after the digest, which states it once more
    assert claims.count("The Harbour Bridge was closed on Tuesday") == 3


def test_identical_articles_line(pair: Comparison) -> None:
    out = _render(pair)
    assert "Identical articles: Wire (one) = Wire (two)" in out


def test_narrow_terminal_keeps_counts_and_drops_ids(comparison: Comparison) -> None:
    out = _render(comparison, width=80)
    header = next(line for line in out.splitlines() if "Source" in line and "Title" in line)
    assert "Words" in header and "Sent." in header
    assert "Id" not in header.split()
    assert all(len(line) <= 80 for line in out.splitlines())


def _after(out: str, heading: str) -> str:
    return out.split(heading, 1)[1]


def test_quotes_numbers_timeline_warnings(comparison: Comparison) -> None:
    out = _render(comparison)
    quotes = _after(out, "Quotes (5)").split("Numbers")[0]
    assert "Mayor Ann Lee (2)" in quotes
    assert "“serious”" in quotes and "◐ partial in Daily Courier" in quotes
    assert quotes.index("Mayor Ann Lee") < quotes.index("Unattributed (1)")
    assert "Quoted in only one source: The Herald 0, Daily Courier 0" in quotes
    numbers = _after(out, "\nNumbers\n").split("Timeline")[0]
    assert numbers.index("Conflicts (1)") < numbers.index("Agree or compatible (1)")
    assert "≠ conflict  repair time" in numbers
    assert "2 weeks “two weeks”" in numbers and "3 weeks “three weeks”" in numbers
    assert "15 min ferry interval" in numbers
    timeline = _after(out, "Timeline (1)")
    assert "5 Mar 2024" in timeline and "(relative: Tuesday → 2024-03-05)" in timeline
    assert "Warnings (1)" in out and "has no publication date" in out
    assert out.index("Only in Night") < out.index("Quotes (5)") < out.index("Warnings (1)")


def test_hostile_analyses_are_literal(comparison: Comparison) -> None:
    out = _render(comparison, width=200)
    assert "<b>Evil</b> [red]Speaker[/red] *x* <script>alert(2)</script>" in out
    assert "vehicles <img src=x onerror=alert(3)> [bold]y[/bold] |z|" in out
    assert "“Local shops lost [bold]x[/bold] customers”" in out


def test_analyses_fit_narrow_terminals(comparison: Comparison) -> None:
    for width in (80, 100):
        assert all(len(line) <= width for line in _render(comparison, width).splitlines())


def test_empty_sections_say_so(pair: Comparison) -> None:
    out = _render(pair)
    assert "No quotes found." in out
    assert "No numbers found." in out
    assert "No dates found." in out
    assert "Warnings" not in out


def test_the_digest_comes_before_the_claims(comparison: Comparison) -> None:
    out = _render(comparison)
    assert out.index("At a glance") < out.index("Only The Herald reports") < out.index(
        "Shared by all")
    assert "Where they disagree" in out
