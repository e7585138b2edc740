"""Normalisation, paragraph joining and the content id."""

from __future__ import annotations

from parallax.ingest.article import article_id, join_paragraphs, normalize


def test_normalize_line_endings_spaces_and_invisibles() -> None:
    raw = "One\u00a0two\u2009three\r\nfour\u200b five \t \rsix\x07\u00ad"
    assert normalize(raw) == "One two three\nfour five\nsix"


def test_normalize_composes_accents_and_keeps_typography() -> None:
    raw = "cafe\u0301 “quoted” ‘single’ — • bullet\tTab"
    assert normalize(raw) == "café “quoted” ‘single’ — • bullet\tTab"


def test_article_id_is_stable_and_content_based() -> None:
    first = article_id("Courier", "Title", "Body text.")
    assert first == article_id("Courier", "Title", "Body text.")
    assert len(first) == 16
    assert first != article_id("Courier", "Title", "Body text!")
    assert first != article_id("Herald", "Title", "Body text.")


def test_join_paragraphs_spans_cut_the_paragraphs() -> None:
    text, spans = join_paragraphs(["  First one. ", "", "Second\n\n\none."])
    assert [text[s.start : s.end] for s in spans] == ["First one.", "Second\none."]
    assert text == "First one.\n\nSecond\none."
