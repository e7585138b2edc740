"""Plain text: title guessing and paragraph segmentation, on the real seeds and small cases."""

from __future__ import annotations

import pytest

from parallax.ingest import load
from parallax.ingest.text import looks_like_title, parse_text
from parallax.types import Article

from .conftest import seed


def _paragraphs(article: Article) -> list[str]:
    return [article.text[s.start : s.end] for s in article.paragraphs]


def _assert_spans_clean(text: str, article: Article) -> None:
    for span in article.paragraphs:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip()


def test_seed_000_title_and_bullets() -> None:
    article = load(seed("000_d2e65f4c9432c01a.txt"))
    assert article.title == "Kazakhstan President vows to crush Terrorism"
    assert "vows to crush Terrorism" not in article.text
    paragraphs = _paragraphs(article)
    assert any(p.startswith("The CSTO peacekeeping contingent arrived") for p in paragraphs)
    assert not any("•" in p for p in paragraphs)
    bullets = [p for p in paragraphs if p.startswith(("In his live speech", "According to"))]
    assert len(bullets) == 2
    assert len(paragraphs) == 17
    _assert_spans_clean(article.text, article)


def test_seed_001_title_and_line_paragraphs() -> None:
    article = load(seed("001_9b04cd35a1cac6b3.txt"))
    assert article.title == "Kazakh President Issues Shoot-to-Kill terrorists without warning’"
    assert not article.text.startswith("Kazakh President Issues")
    paragraphs = _paragraphs(article)
    assert "‘Black line in history’" in paragraphs
    assert "Peaceful protests" in paragraphs
    assert len(paragraphs) == 30
    _assert_spans_clean(article.text, article)


@pytest.mark.parametrize(
    "line",
    [
        "Harbour bridge to close for six weeks",
        "Is the harbour bridge safe?",
        "Markets slip.",
        "‘Black line in history’",
    ],
)
def test_headline_lines_are_titles(line: str) -> None:
    assert looks_like_title(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council said on Monday that the bridge would close for six weeks from April.",
        "The following measures were announced:",
        "• A bullet point",
        "word " * 31,
        "x" * 201,
        "2024",
    ],
)
def test_body_lines_are_not_titles(line: str) -> None:
    assert not looks_like_title(line)


def test_single_line_document_has_no_title() -> None:
    title, text, spans = parse_text("Just one line of text\n")
    assert title is None
    assert text == "Just one line of text"
    assert len(spans) == 1


def test_sentence_first_line_stays_in_text() -> None:
    raw = "The council closed the bridge on Monday after an inspection found damage.\n\nMore.\n"
    title, text, _ = parse_text(raw)
    assert title is None
    assert text.startswith("The council closed")


def test_hard_wrapped_blocks_are_one_paragraph() -> None:
    raw = (
        "Bridge to close\n\n"
        "The harbour bridge will close for six weeks while engineers\n"
        "replace corroded cables, the council said.\n\n"
        "Ferries will run every 15 minutes.\n"
    )
    title, text, spans = parse_text(raw)
    assert title == "Bridge to close"
    assert [text[s.start : s.end] for s in spans] == [
        "The harbour bridge will close for six weeks while engineers\n"
        "replace corroded cables, the council said.",
        "Ferries will run every 15 minutes.",
    ]


def test_list_items_in_a_block_are_paragraphs_after_their_marker() -> None:
    raw = (
        "Measures announced\n\n"
        "The council listed three measures:\n"
        "- extra ferries from 6am,\n"
        "  continuing until the bridge reopens\n"
        "2. free travel for residents\n"
        "3) bicycles carried free\n"
    )
    _, text, spans = parse_text(raw)
    assert [text[s.start : s.end] for s in spans] == [
        "The council listed three measures:",
        "extra ferries from 6am,\n  continuing until the bridge reopens",
        "free travel for residents",
        "bicycles carried free",
    ]


def test_without_blank_lines_every_line_is_a_paragraph() -> None:
    raw = "Headline\nFirst paragraph.\n  • A bullet.\nLast paragraph.\n"
    title, text, spans = parse_text(raw)
    assert title == "Headline"
    assert [text[s.start : s.end] for s in spans] == [
        "First paragraph.",
        "A bullet.",
        "Last paragraph.",
    ]


def test_long_lines_in_a_block_are_not_joined() -> None:
    sentence = "The council said the closure was unavoidable after the January inspection. " * 2
    raw = f"Headline\n\n{sentence}\n{sentence}\nSubheading\n\nLast one.\n"
    _, text, spans = parse_text(raw)
    assert [text[s.start : s.end] for s in spans][2:] == ["Subheading", "Last one."]
    assert len(spans) == 4


def test_markdown_heading_title_and_subheadings() -> None:
    raw = "# Bridge to close\n\nFirst paragraph here.\n\n## Reaction\nTraders were worried.\n"
    title, text, spans = parse_text(raw, markdown=True)
    assert title == "Bridge to close"
    assert [text[s.start : s.end] for s in spans] == [
        "First paragraph here.",
        "Reaction",
        "Traders were worried.",
    ]
