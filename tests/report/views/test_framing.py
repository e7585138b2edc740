"""The framing section in every report: JSON contract, HTML marks, Markdown, terminal."""

from __future__ import annotations

import re

from helpers.html import squash, strict_parse
from rich.console import Console

from parallax.report import render_html, render_markdown
from parallax.report.json.contract import comparison_to_dict
from parallax.report.terminal.summary import print_summary
from parallax.types import Comparison

HERALD, HOSTILE = "herald-2024-001", "hostile-2024-003"
# As in conftest.py (not imported: tests/ has a conftest of its own).
HOSTILE_LABEL = "<b>shop</b> [red]keeper[/red] |x|"
HOSTILE_SPEAKER = "<b>Evil</b> [red]Speaker[/red] *x* <script>alert(2)</script>"


def test_json_framing_section(comparison: Comparison) -> None:
    framing = comparison_to_dict(comparison)["framing"]
    assert list(framing) == ["labels", "loaded", "headlines", "sources", "articles",
                             "loaded_sentences"]
    loaded, neutral = framing["loaded_sentences"]
    assert (loaded["article"], loaded["sentence"], loaded["loaded"]) == (HOSTILE, 1, True)
    assert (neutral["probability"], neutral["loaded"]) == (0.12, False)
    mayor, shops = framing["labels"]
    assert (mayor["article"], mayor["text"], mayor["voice"]) == (HERALD, "mayor", "own")
    assert (shops["voice"], shops["speaker"]) == ("quoted", HOSTILE_SPEAKER)
    assert not mayor["headline"] and not mayor["in_title"]
    text = comparison.articles[0].article.text
    assert text[mayor["start"]:mayor["end"]] == "mayor"
    rows = {r["article"]: r for r in framing["articles"]}
    assert rows[HERALD]["own_labels"] == {"mayor": 1}
    assert rows[HOSTILE]["official_share"] == 0.0


def test_json_framing_is_empty_not_missing(pair: Comparison) -> None:
    data = comparison_to_dict(pair)
    assert data["framing"] == {"labels": [], "loaded": [], "headlines": [], "sources": [],
                               "articles": [], "loaded_sentences": []}
    assert data["summary"]["labels_in_own_voice"] == 0


def test_html_marks_labels_by_voice_and_escapes_them(comparison: Comparison) -> None:
    html = render_html(comparison)
    page = strict_parse(html)
    labels = [n for n in page.nodes if n.column and "label" in n.classes]
    assert [(n.column, n.text, n.classes[1]) for n in labels] == [
        (HERALD, "mayor", "voice-own"), (HOSTILE, "shops", "voice-quoted")]
    assert HOSTILE_SPEAKER in (labels[1].attrs["title"] or "")  # an attribute value, escaped
    loaded = [n for n in page.nodes if n.column and "loaded" in n.classes]
    assert [n.text for n in loaded] == ["[bold]x[/bold]"]
    assert "<b>shop</b>" not in html and "<script>alert(2)" not in html
    (table,) = [n for n in page.nodes if n.tag == "section" and "framing" in n.classes]
    assert "Labels in its own voice" in table.text and HOSTILE_LABEL in table.text
    assert "Loaded sentences (own voice)" in table.text and "1 of 1" in table.text


def test_html_framing_says_when_there_is_none(pair: Comparison) -> None:
    page = strict_parse(render_html(pair))
    (section,) = [n for n in page.nodes if n.tag == "section" and "framing" in n.classes]
    assert "No framing found" in squash(section.text)


def test_markdown_framing_table(comparison: Comparison, pair: Comparison) -> None:
    md = render_markdown(comparison)
    section = md[md.index("## Framing"):]
    assert "| Labels in its own voice | mayor ×1 |" in section
    assert "| Headline | no attributed label |" in section
    assert "<b>shop</b>" not in section and "\\[red\\]keeper" in section
    assert "No framing found" in render_markdown(pair)


def _terminal(comparison: Comparison, width: int = 100) -> str:
    console = Console(record=True, width=width, color_system=None)
    print_summary(comparison, console)
    return console.export_text()


def test_terminal_framing_table(comparison: Comparison, pair: Comparison) -> None:
    out = _terminal(comparison)
    section = out[out.index("Framing"):out.index("Warnings (1)")]
    assert re.search(r"Labels in its\s+mayor ×1", section)
    assert "[red]keeper[/red]" in section  # literal, not markup
    assert "No framing found" in _terminal(pair)
    for line in _terminal(comparison, 60).splitlines():
        assert len(line) <= 60


def test_html_does_not_mark_a_title_label_in_the_text(comparison: Comparison) -> None:
    from dataclasses import replace

    framing = comparison.analyses.framing
    titled = replace(framing.labels[0], in_title=True, headline=True)
    changed = replace(comparison, analyses=replace(
        comparison.analyses, framing=replace(framing, labels=(titled, *framing.labels[1:]))))
    page = strict_parse(render_html(changed))
    assert [n.text for n in page.nodes if n.column and "label" in n.classes] == ["shops"]


def _with_two_labels_of_one_actor(comparison: Comparison) -> Comparison:
    """The herald calls one actor "mayor" and "councillor" in its own voice."""
    from dataclasses import replace

    framing = comparison.analyses.framing
    mayor, shops = framing.labels
    labels = (replace(mayor, actor="mayor"), replace(mayor, label="councillor", actor="mayor"),
              replace(shops, actor=shops.label))
    herald, *rest = framing.articles
    articles = (replace(herald, own_labels={"mayor": 1, "councillor": 1}), *rest)
    return replace(comparison, analyses=replace(comparison.analyses, framing=replace(
        framing, labels=labels, articles=articles)))


def test_labels_are_listed_by_the_actors_they_name(comparison: Comparison) -> None:
    changed = _with_two_labels_of_one_actor(comparison)
    assert "| Labels in its own voice | mayor: mayor ×1, councillor ×1 |" in \
        render_markdown(changed)
    assert re.search(r"Labels in its\s+mayor: mayor ×1,", _terminal(changed))
    page = strict_parse(render_html(changed))
    (section,) = [n for n in page.nodes if n.tag == "section" and "framing" in n.classes]
    assert "mayor: mayor ×1, councillor ×1" in section.text
    marks = [n for n in page.nodes if n.column and "label" in n.classes]
    assert "actors: mayor" in (marks[0].attrs["title"] or "")


def test_every_format_says_which_article_has_no_labels(comparison: Comparison) -> None:
    md = render_markdown(comparison)
    (notes,) = [line for line in md.splitlines() if line.startswith("| Notes |")]
    assert notes.split("|")[3].strip() == "no actor labels"  # the courier's column
    assert "no actor labels" in squash(_terminal(comparison, 160))
    page = strict_parse(render_html(comparison))
    (section,) = [n for n in page.nodes if n.tag == "section" and "framing" in n.classes]
    assert "no actor labels" in section.text
