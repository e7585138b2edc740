"""Entities and contradictions in every report: JSON, terminal, Markdown and HTML."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from helpers.html import squash, strict_parse
from rich.console import Console

from parallax.report import comparison_to_dict, print_summary, render_html, render_markdown
from parallax.report.views.claims import article_views, labels
from parallax.report.views.contradictions import contradiction_rows, sentence_marks
from parallax.report.views.entities import NAMES_LIMIT, TABLE_LIMIT, entities_view
from parallax.types import Analyses, Comparison, Contradiction, EntityGroup, Statement, Summary

HERALD, COURIER, HOSTILE = "herald-2024-001", "courier-2024-002", "hostile-2024-003"
OWL = "Night <b>Owl</b> [red]News[/red]"
# As in conftest.py (not imported: tests/ has a conftest of its own).
HOSTILE_ENTITY = "<i>Evil</i> Corp [bold]x[/bold] |y| *z*"
HOSTILE_EXPLANATION = "about a fortnight vs <b>three</b> weeks [red]|x|[/red]"


def _terminal(comparison: Comparison, width: int = 100) -> str:
    console = Console(record=True, width=width, color_system=None)
    print_summary(comparison, console)
    return console.export_text()


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end >= 0 else len(text)]


# The shared view.


def test_contradiction_rows_and_sentence_marks(comparison: Comparison) -> None:
    names = labels(article_views(comparison))
    (row,) = contradiction_rows(comparison, names)
    assert (row.id, row.kind, row.explanation, row.confidence) == (
        "x1",
        "number",
        HOSTILE_EXPLANATION,
        "0.80",
    )
    assert [(s.label, s.sentence) for s in row.sides] == [("Daily Courier", 1), (OWL, 0)]
    marks = sentence_marks(comparison, names)
    assert set(marks) == {(COURIER, 1), (HOSTILE, 0)}
    assert marks[(COURIER, 1)].ids == ("x1",)
    assert marks[(COURIER, 1)].title == f"≠ number: {HOSTILE_EXPLANATION} (vs {OWL})"
    assert marks[(HOSTILE, 0)].title.endswith("(vs Daily Courier)")


def test_contradictions_most_confident_first(comparison: Comparison) -> None:
    (x1,) = comparison.analyses.contradictions
    odd = replace(x1, id="x2", confidence=float("nan"), kind="model")
    sure = replace(x1, id="x3", confidence=0.95)
    changed = replace(comparison,
                      analyses=replace(comparison.analyses, contradictions=(odd, x1, sure)))
    rows = contradiction_rows(changed, {})
    assert [(r.id, r.confidence) for r in rows] == [("x3", "0.95"), ("x1", "0.80"), ("x2", "?")]


def test_entities_view(comparison: Comparison) -> None:
    view = entities_view(comparison, article_views(comparison))
    assert view.sources == ("The Herald", "Daily Courier", OWL)
    assert [(r.name, r.kind, r.counts) for r in view.rows] == [
        ("Harbour Bridge", "facility", ("1", "1", "2")),
        ("Ann Lee", "person", ("1", "1", "—")),
    ]
    assert view.rows[1].aliases == ("Mayor Ann Lee",)
    assert view.single == ((OWL, HOSTILE_ENTITY),)
    assert view.more == 0 and view.more_line == ""


def test_entities_view_caps_long_lists(comparison: Comparison) -> None:
    herald, courier = HERALD, COURIER
    shared = [
        EntityGroup(f"s{n}", f"Shared {n}", "ORG", (), {herald: 1, courier: 1})
        for n in range(TABLE_LIMIT + 4)
    ]
    alone = [
        EntityGroup(f"a{n}", f"Place {n:02}", "GPE", (), {herald: 1})
        for n in range(NAMES_LIMIT + 3)
    ]
    found = replace(comparison.analyses, entities=(*shared, *alone))
    view = entities_view(replace(comparison, analyses=found), article_views(comparison))
    assert len(view.rows) == TABLE_LIMIT and view.more == 4
    assert view.more_line == "… and 4 more named by several sources"
    ((label, names),) = view.single
    assert label == "The Herald" and names.endswith(", Place 39 (+3 more)")


# JSON.


def test_json_entities_and_contradictions(comparison: Comparison) -> None:
    data = comparison_to_dict(comparison)
    assert data["entities"][0] == {
        "id": "e1",
        "name": "Harbour Bridge",
        "label": "FAC",
        "aliases": ["the bridge"],
        "mentions": {HERALD: 1, COURIER: 1, HOSTILE: 2},
        "sources": [HERALD, COURIER, HOSTILE],
    }
    assert data["entities"][2]["name"] == HOSTILE_ENTITY
    assert data["entities"][2]["sources"] == [HOSTILE]
    (x1,) = data["contradictions"]
    assert list(x1) == ["id", "kind", "explanation", "confidence", "statements"]
    assert (x1["id"], x1["kind"], x1["explanation"], x1["confidence"]) == (
        "x1",
        "number",
        HOSTILE_EXPLANATION,
        0.8,
    )
    courier = comparison.articles[1].article
    first = x1["statements"][0]
    assert list(first) == ["article", "sentence", "start", "end", "text"]
    assert first["article"] == COURIER and first["sentence"] == 1
    assert courier.text[first["start"] : first["end"]] == first["text"]
    assert x1["statements"][1]["article"] == HOSTILE


def test_json_empty_entities_and_contradictions(pair: Comparison, schema: dict[str, Any]) -> None:
    data = comparison_to_dict(pair)
    assert data["entities"] == [] and data["contradictions"] == []
    summary = data["summary"]
    assert [summary[k] for k in ("entities", "entities_in_one_source", "contradictions")] == [0] * 3
    keys = list(data)
    assert keys.index("timeline") < keys.index("entities") < keys.index("contradictions")
    assert keys.index("contradictions") < keys.index("warnings")


def test_json_validates_with_jsonschema(comparison: Comparison, schema: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    odd = replace(comparison.analyses.contradictions[0], confidence=float("inf"))
    odd_one = replace(comparison, analyses=replace(comparison.analyses, contradictions=(odd,)))
    for case in (comparison, odd_one):
        data = json.loads(json.dumps(comparison_to_dict(case)))
        jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_catches_broken_entities_and_contradictions(
    comparison: Comparison, schema: dict[str, Any], validate: Callable[[object], list[str]]
) -> None:
    data = json.loads(json.dumps(comparison_to_dict(comparison)))
    assert validate(data) == []
    broken = copy.deepcopy(data)
    del broken["contradictions"][0]["kind"]
    broken["contradictions"][0]["statements"].pop()
    broken["entities"][0]["mentions"][HERALD] = "one"
    del broken["summary"]["entities_in_one_source"]
    errors = validate(broken)
    assert any("'kind'" in e for e in errors)
    assert any("fewer than 2" in e for e in errors)
    assert any("'one'" in e for e in errors)
    assert any("entities_in_one_source" in e for e in errors)
    jsonschema = pytest.importorskip("jsonschema")
    assert len(list(jsonschema.Draft202012Validator(schema).iter_errors(broken))) == 4
    del broken["entities"]
    assert any("'entities'" in e for e in validate(broken))


# Terminal.


def test_terminal_contradictions_after_the_claims(comparison: Comparison) -> None:
    out = _terminal(comparison)
    assert out.index("Only in Night") < out.index("Contradictions (1)") < out.index("Quotes (5)")
    section = out[out.index("Contradictions (1)") : out.index("Quotes (5)")]
    assert f"≠ number  {HOSTILE_EXPLANATION}  x1 · confidence 0.80" in section
    assert "Daily Courier        Repairs are expected to last about a fortnight" in section
    assert "<script>alert(1)</script>" in section  # literal, not markup


def test_terminal_entities(comparison: Comparison) -> None:
    out = _terminal(comparison)
    assert out.index("Timeline (1)") < out.index("Entities (3)") < out.index("Warnings (1)")
    section = out[out.index("Entities (3)") : out.index("Warnings (1)")]
    assert re.search(r"Harbour Bridge\s+facility\s+1\s+1\s+2", section)
    assert re.search(r"Ann Lee\s+person\s+1\s+1\s+—", section)
    assert "Named by only one source" in section
    assert f"only in {OWL}: {HOSTILE_ENTITY}" in section
    for line in _terminal(comparison, 60).splitlines():
        assert len(line) <= 60


def test_terminal_empty(pair: Comparison) -> None:
    out = _terminal(pair)
    assert "Contradictions (0)\n  No contradictions found." in out
    assert "Entities (0)\n  No people, organisations or places found." in out


# Markdown.


def test_markdown_contradictions(comparison: Comparison) -> None:
    md = render_markdown(comparison)
    assert md.index("## Only in Night") < md.index("## Contradictions (1)") < md.index("## Quotes")
    section = _section(md, "## Contradictions (1)")
    explanation = "about a fortnight vs &lt;b&gt;three&lt;/b&gt; weeks \\[red\\]\\|x\\|\\[/red\\]"
    assert f"- **≠ number** · {explanation} _(contradiction x1, confidence 0.80)_" in section
    assert "  - **Daily Courier:** Repairs are expected to last about a fortnight" in section
    assert "weeks &lt;script&gt;alert(1)&lt;/script&gt;." in section


def test_markdown_entities(comparison: Comparison) -> None:
    md = render_markdown(comparison)
    section = _section(md, "## Entities (3)")
    header = section.splitlines()[2]
    assert header.startswith("| Name | Kind | The Herald | Daily Courier | Night &lt;b&gt;")
    assert "| Harbour Bridge | facility | 1 | 1 | 2 |" in section
    assert "| Ann Lee | person | 1 | 1 | — |" in section
    for line in section.splitlines():
        if line.startswith("|"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 6  # hostile text adds no cells
    assert "### Named by only one source" in section
    name = "&lt;i&gt;Evil&lt;/i&gt; Corp \\[bold\\]x\\[/bold\\] \\|y\\| \\*z\\*"
    assert f"- only in Night &lt;b&gt;Owl&lt;/b&gt; \\[red\\]News\\[/red\\]: {name}" in section
    assert "<i>" not in md and "<b>" not in md


def test_markdown_empty(pair: Comparison) -> None:
    md = render_markdown(pair)
    assert "## Contradictions (0)\n\nNo contradictions found." in md
    assert "## Entities (0)\n\nNo people, organisations or places found." in md


def test_markdown_entities_only_in_one_source(pair: Comparison) -> None:
    one = EntityGroup("e1", "Uzbekistan", "GPE", (), {"one": 2})
    md = render_markdown(replace(pair, analyses=replace(pair.analyses, entities=(one,))))
    section = _section(md, "## Entities (1)")
    assert "None is named by more than one source." in section
    assert "- only in Wire (one): Uzbekistan" in section


# HTML.


def test_html_contradicted_sentences_are_marked(comparison: Comparison) -> None:
    page = strict_parse(render_html(comparison))
    marked = [n for n in page.nodes if n.column and "contradicted" in n.classes]
    assert [(n.column, n.attrs["data-contra"]) for n in marked] == [
        (COURIER, "x1"),
        (HOSTILE, "x1"),
    ]
    assert marked[0].text == "Repairs are expected to last about a fortnight, officials said."
    assert marked[0].attrs["title"] == f"≠ number: {HOSTILE_EXPLANATION} (vs {OWL})"
    assert marked[0].attrs["data-claim"] == "c2"  # still linked to its claim
    others = [n for n in page.nodes if n.column and "s" in n.classes and n not in marked]
    assert all("data-contra" not in n.attrs for n in others)


def test_html_contradiction_without_a_claim_is_still_linkable(pair: Comparison) -> None:
    one, two = (Statement(a.id, 0, 0, 11, "Same words.", 1.0) for a in pair.articles)
    x = Contradiction("x9", (one, two), "negation", "a", 0.5)
    bare = Comparison(pair.articles, (), Summary(0, {}, {}, {}),
                      analyses=Analyses(contradictions=(x,)))
    page = strict_parse(render_html(bare))
    spans = [n for n in page.nodes if n.column and "s" in n.classes]
    assert [n.attrs for n in spans] == [
        {
            "class": "s rel-none contradicted",
            "data-contra": "x9",
            "title": f"≠ negation: a (vs {label})",
            "tabindex": "0",
        }
        for label in ("Wire (two)", "Wire (one)")
    ]


def test_html_sections(comparison: Comparison) -> None:
    html = render_html(comparison)
    page = strict_parse(html)
    headings = [squash(n.text) for n in page.nodes if n.tag == "h2"]
    assert headings.index("Contradictions (1)") == headings.index("Quotes (5)") - 1
    (item,) = [n for n in page.nodes if "contra" in n.classes]
    assert squash(item.text).startswith(f"≠ number {HOSTILE_EXPLANATION} x1 · confidence 0.80")
    assert f"{OWL} Repairs to the bridge will take three weeks <script>alert(1)</script>." in (
        squash(item.text)
    )
    assert page.find("button", data_goto_contra="x1")
    cells = [squash(n.text) for n in page.nodes if n.tag in ("th", "td")]
    rows = [n for n in page.nodes if n.tag == "tr" and n.attrs.get("data-entity")]
    assert [n.attrs["data-entity"] for n in rows] == ["e1", "e2"]
    body = cells[cells.index("Harbour Bridge") :][:10]
    assert body == ["Harbour Bridge", "facility", "1", "1", "2", "Ann Lee", "person", "1", "1", "—"]
    assert page.find("th", scope="row", title="also: the bridge")
    only = [squash(n.text) for n in page.nodes if n.tag == "li" and n.text.startswith("only in")]
    assert only == [f"only in {OWL}: {HOSTILE_ENTITY}"]
    stats = [squash(n.text) for n in page.nodes if n.tag == "li" and n.attrs == {}]
    assert "1 contradictions" in stats


def test_html_hostile_findings_are_escaped(comparison: Comparison) -> None:
    html = render_html(comparison)
    assert "<i>" not in html and "<b>" not in html and "<script>alert" not in html
    assert "&lt;i&gt;Evil&lt;/i&gt; Corp" in html
    assert "vs &lt;b&gt;three&lt;/b&gt; weeks" in html


def test_html_script_links_contradictions(comparison: Comparison) -> None:
    page = strict_parse(render_html(comparison))
    script = next(n for n in page.nodes if n.tag == "script").text
    assert "data-contra" in script and "data-goto-contra" in script and "hl-x" in script
    style = next(n for n in page.nodes if n.tag == "style").text
    assert ".s.contradicted::after" in style


def test_html_empty(pair: Comparison) -> None:
    page = strict_parse(render_html(pair))
    empty = [squash(n.text) for n in page.nodes if "empty" in n.classes]
    assert "No contradictions found." in empty
    assert "No people, organisations or places found." in empty
    assert not [n for n in page.nodes if "contradicted" in n.classes and n.column]
