"""The Markdown report: what a reader sees, and that article text cannot inject markup."""

from __future__ import annotations

import re

from parallax.report import render_markdown
from parallax.report.markdown import md_escape
from parallax.types import Comparison


def test_sections_a_reader_expects(comparison: Comparison) -> None:
    md = render_markdown(comparison)
    assert md.startswith("# Parallax: Storm closes Harbour Bridge\n")
    for heading in (
        "## Shared by all 3 sources (1)",
        "## Shared by some sources (3)",
        "## Only in The Herald (1)",
        "## Only in Daily Courier (0)",
        "## Only in Night &lt;b&gt;Owl&lt;/b&gt; \\[red\\]News\\[/red\\] (1)",
        "## Counts",
    ):
        assert heading + "\n" in md
    # The claim shared by all: one line per source, with the relation.
    shared = md.split("## Shared by all 3 sources (1)")[1].split("## Shared by some")[0]
    assert "**≈ paraphrase** · claim c2" in shared
    assert "**The Herald:** Officials said repairs would take two weeks." in shared
    assert "**Daily Courier:** Repairs are expected to last about a fortnight" in shared
    only_herald = md.split("## Only in The Herald (1)")[1].split("##")[0]
    assert "- Ferries will run every 15 minutes." in only_herald
    assert "3 articles · 6 claims · 4 shared" in md


def test_articles_table(comparison: Comparison) -> None:
    md = render_markdown(comparison)
    articles_table = md.split("Relations —")[0]  # the timeline below is a table too
    rows = [line for line in articles_table.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Id | Source | Title | Published | Words | Sentences |"
    assert "[Storm closes Harbour Bridge](<https://herald.example/storm>)" in rows[1]
    # The hostile title's `|` is escaped, so every row keeps six cells.
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 7
    assert "javascript:" not in rows[3]  # its url is not made a link


def test_article_text_cannot_inject(comparison: Comparison) -> None:
    md = render_markdown(comparison)
    assert "<script" not in md
    assert "<img" not in md
    assert "<b>" not in md
    assert not re.search(r"(?<!\\)\[details", md)  # no live link to javascript:
    assert not re.search(r"(?<!\\)\]\(javascript", md)
    assert "\\[bold\\]x\\[/bold\\]" in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md


def test_md_escape() -> None:
    assert md_escape("*bold* _it_ `code` ~x~") == "\\*bold\\* \\_it\\_ \\`code\\` \\~x\\~"
    assert md_escape("# not a heading") == "\\# not a heading"
    assert md_escape("1. not a list") == "1\\. not a list"
    assert md_escape("> not a quote") == "&gt; not a quote"
    assert md_escape("- not a bullet") == "\\- not a bullet"
    assert md_escape("AT&T &amp; co") == "AT&T &amp;amp; co"
    assert md_escape("two\nlines") == "two lines"
    assert md_escape("a\\b") == "a\\\\b"


def test_identical_articles_are_named(pair: Comparison) -> None:
    md = render_markdown(pair)
    assert "Identical articles: Wire (one) = Wire (two)" in md
    assert "## Shared by both sources (1)" in md
    assert "Shared by some" not in md  # impossible with two articles


def _section(md: str, heading: str) -> str:
    return md.split(heading + "\n")[1].split("\n## ")[0]


def test_quotes_section(comparison: Comparison) -> None:
    md = render_markdown(comparison)
    quotes = _section(md, "## Quotes (5)")
    assert "### Mayor Ann Lee (2)" in quotes
    assert "- **The Herald:** “serious” _— ◐ partial in Daily Courier_" in quotes
    assert quotes.index("### Mayor Ann Lee") < quotes.index("### Unattributed (1)")
    assert quotes.rstrip().endswith(
        "Quoted in only one source: The Herald 0, Daily Courier 0, "
        "Night &lt;b&gt;Owl&lt;/b&gt; \\[red\\]News\\[/red\\] 1"
    )
    assert md.index("## Only in Night") < md.index("## Quotes") < md.index("## Numbers")


def test_numbers_timeline_and_warnings(comparison: Comparison) -> None:
    md = render_markdown(comparison)
    numbers = _section(md, "## Numbers")
    conflicts = numbers.split("### Conflicts (1)")[1].split("###")[0]
    assert "- **≠ conflict** · repair time" in conflicts
    assert "  - **The Herald:** 2 weeks (“two weeks”)" in conflicts
    assert "3 weeks (“three weeks”)" in conflicts
    assert numbers.index("### Conflicts") < numbers.index("### Agree or compatible (1)")
    assert "- **The Herald:** 15 min ferry interval" in numbers
    timeline = _section(md, "## Timeline (1)")
    assert "| Date | What | Sources |" in timeline
    assert "| 5 Mar 2024 | Harbour Bridge shut after a storm damaged its cables." in timeline
    assert "_(relative: Tuesday → 2024-03-05)_" in timeline
    assert "## Warnings\n\n- Night &lt;b&gt;Owl&lt;/b&gt; has no publication date" in md


def test_hostile_quote_speaker_and_counted_are_escaped(comparison: Comparison) -> None:
    md = render_markdown(comparison)
    assert "<script" not in md and "<img" not in md and "<b>" not in md
    assert "### &lt;b&gt;Evil&lt;/b&gt; \\[red\\]Speaker\\[/red\\] \\*x\\*" in md
    counted = "vehicles &lt;img src=x onerror=alert(3)&gt; \\[bold\\]y\\[/bold\\] \\|z\\|"
    assert f"160,000 {counted}" in md
    assert "“Local shops lost \\[bold\\]x\\[/bold\\] customers”" in md
    timeline_rows = [line for line in md.splitlines() if line.startswith("| 5 Mar")]
    assert len(re.findall(r"(?<!\\)\|", timeline_rows[0])) == 4  # a hostile label keeps 3 cells


def test_empty_sections_say_so(pair: Comparison) -> None:
    md = render_markdown(pair)
    assert "## Quotes (0)\n\nNo quotes found." in md
    assert "## Numbers\n\nNo numbers found." in md
    assert "## Timeline (0)\n\nNo dates found." in md
    assert "## Warnings" not in md


def test_the_digest_comes_first_with_each_fact_and_its_claim(comparison: Comparison) -> None:
    md = render_markdown(comparison)
    assert md.index("## At a glance") < md.index("Relations —") < md.index("## Shared by all")
    digest = _section(md, "At a glance")
    assert "### Only The Herald reports" in digest
    assert re.search(r"- Ferries will run every 15 minutes\. _\(figures · claim c4\)_", digest)
    assert "### Where they disagree" in digest and "three weeks" in digest
    assert "<script>" not in digest  # the hostile source's text stays text
