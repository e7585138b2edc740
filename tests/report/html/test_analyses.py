"""The HTML report's quotes, numbers, timeline and warnings, and its marked-up article text."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers.html import StrictPage, squash, strict_parse

from parallax.report import render_html
from parallax.types import (
    Analyses,
    AnnotatedArticle,
    Article,
    Comparison,
    DateMention,
    Quantity,
    QuantityMatch,
    QuantityRelation,
    Quote,
    QuoteMatch,
    QuoteRelation,
    Sentence,
    Span,
    Summary,
)


@pytest.fixture
def page(comparison: Comparison) -> StrictPage:
    return strict_parse(render_html(comparison))


def test_quotes_are_marked_in_the_columns(comparison: Comparison, page: StrictPage) -> None:
    q1 = page.find("q", data_quote="q1")
    assert len(q1) == 1 and q1[0].column == "herald-2024-001"
    assert q1[0].text == "serious"
    assert q1[0].attrs["class"] == "quote qrel-partial"
    assert q1[0].attrs["data-speaker"] == "Mayor Ann Lee"
    assert q1[0].attrs["data-matched"] == "q2"
    assert q1[0].attrs["tabindex"] == "0"
    q5 = page.find("q", data_quote="q5")[0]
    assert "data-matched" not in q5.attrs and "tabindex" not in q5.attrs
    assert q5.attrs["class"] == "quote qrel-only"
    # A hostile speaker is an attribute value, escaped, never markup.
    speaker = comparison.analyses.quotes[3].speaker
    assert page.find("q", data_quote="q4")[0].attrs["data-speaker"] == speaker
    # Each quote sits inside its sentence, whose claim link is unchanged.
    sentence = next(n for n in page.nodes if n.attrs.get("data-claim") == "c3" and n.column)
    assert sentence.text == 'The mayor called the damage "serious" and promised help.'


def test_numbers_and_dates_carry_their_normalised_value(page: StrictPage) -> None:
    n2 = page.find("span", data_quantity="n2")[0]
    assert n2.text == "about a fortnight"
    assert n2.attrs["title"] == "about 2 weeks repair time"
    assert n2.attrs["class"] == "num"
    d3 = page.find("span", data_date="d3")[0]
    assert d3.column == "hostile-2024-003" and d3.text == "Tuesday"
    assert d3.attrs["title"] == "5 Mar 2024 (relative: Tuesday → 2024-03-05)"


def test_sections_after_the_claims(page: StrictPage) -> None:
    headings = [squash(n.text) for n in page.nodes if n.tag == "h2"]
    start = headings.index("Quotes (5)")
    assert headings[start - 1 :] == [
        "Contradictions (1)",
        "Quotes (5)",
        "Numbers",
        "Timeline (1)",
        "Entities (3)",
        "Framing",
        "Warnings (1)",
    ]
    assert headings.index("Only in Night <b>Owl</b> [red]News[/red] (1)") < start
    speakers = [squash(n.text) for n in page.nodes if n.tag == "h3" and n.column is None]
    speakers = speakers[speakers.index("Mayor Ann Lee (2)"):]  # the digest's come first
    assert speakers[:4] == [
        "Mayor Ann Lee (2)",
        "<b>Evil</b> [red]Speaker[/red] *x* <script>alert(2)</script> (2)",
        "Unattributed (1)",
        "Conflicts (1)",
    ]
    quote_items = [squash(n.text) for n in page.nodes if n.tag == "li" and n.column is None]
    assert "The Herald serious ◐ partial in Daily Courier show" in quote_items
    rows = [squash(n.text) for n in page.nodes if "num-row" in n.classes]
    assert rows[0].startswith("≠ conflict repair time")
    assert "The Herald 2 weeks “two weeks”" in rows[0]
    assert "3 weeks “three weeks”" in rows[0]
    assert rows[1].startswith("≈ compatible repair time")
    cells = [squash(n.text) for n in page.nodes if n.tag == "td"]
    assert cells[0] == "5 Mar 2024"
    assert cells[1].endswith("(relative: Tuesday → 2024-03-05)")
    assert cells[2] == "The Herald, Daily Courier, Night <b>Owl</b> [red]News[/red]"
    assert page.find("time", datetime="2024-03-05")
    goto = page.find("button", data_goto_quote="q1")
    assert goto and goto[0].attrs["type"] == "button"


def test_hostile_analyses_are_escaped(comparison: Comparison) -> None:
    html = render_html(comparison)
    assert "<script>alert" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;b&gt;Evil&lt;/b&gt;" in html
    page = strict_parse(html)
    single = [squash(n.text) for n in page.nodes if n.tag == "dd"]
    assert "160,000 vehicles <img src=x onerror=alert(3)> [bold]y[/bold] |z|" in single
    warnings = [squash(n.text) for n in page.nodes if n.tag == "li" and "Owl" in n.text]
    assert any(w.startswith("Night <b>Owl</b> has no publication date") for w in warnings)
    assert [n.tag for n in page.nodes].count("script") == 1


def test_the_script_links_quotes(page: StrictPage) -> None:
    script = next(n for n in page.nodes if n.tag == "script").text
    assert "data-quote" in script and "data-matched" in script and "data-goto-quote" in script


def test_empty_sections(pair: Comparison) -> None:
    page = strict_parse(render_html(pair))
    empty = [squash(n.text) for n in page.nodes if "empty" in n.classes]
    assert empty[-6:] == [
        "No contradictions found.",
        "No quotes found.",
        "No numbers found.",
        "No dates found.",
        "No people, organisations or places found.",
        "No framing found: no actor labels, quotes or loaded words in any article.",
    ]
    headings = [squash(n.text) for n in page.nodes if n.tag == "h2"]
    assert "Warnings" not in " ".join(headings)
    marked = [n for n in page.nodes
              if n.column and {"quote", "num", "date", "label", "loaded"} & set(n.classes)]
    assert marked == []


# Sentences, quotes, numbers and dates that overlap every way they can.
TEXT = (
    'Officials warned: "The storm is coming. Stay home on Friday." Around 20,000 people left.'
    '\n\n"We counted 15 boats," she said, "and 3 more." Harbour <crew> & co.'
)


def _at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def overlapping() -> Comparison:
    pieces = [
        'Officials warned: "The storm is coming.',
        'Stay home on Friday."',
        "Around 20,000 people left.",
        '"We counted 15 boats," she said, "and 3 more."',
        "Harbour <crew> & co.",
    ]
    sentences = []
    for index, piece in enumerate(pieces):
        start, end = _at(piece)
        sentences.append(Sentence(index, start, end, piece, 0 if index < 3 else 1))
    paragraphs = (Span(0, TEXT.index("\n")), Span(TEXT.index('"We'), len(TEXT)))
    article = Article("a", TEXT, "Wire", paragraphs=paragraphs)
    annotated = AnnotatedArticle(article, "en", tuple(sentences))

    def q(qid: str, words: str, sentences: tuple[int, ...]) -> Quote:
        start, end = _at(words)
        return Quote(
            qid, "a", start, end, TEXT[start:end], sentences, 'Ms "<x>"', None, None, "said"
        )

    quotes = (
        q("q1", "The storm is coming. Stay home on Friday", (0, 1)),  # across two sentences
        q("q2", 'is coming. Stay home on Friday." Around', (0, 1, 2)),  # across q1's end
        q("q3", 'people left.\n\n"We counted', (2, 3)),  # across a paragraph break
        q("q4", 'We counted 15 boats," she said, "and 3 more', (3,)),  # interrupted
        q("q5", "15", (3,)),  # the same span as a number
    )
    quantities = (
        Quantity("n1", "a", *_at("coming. Stay"), "coming. Stay", 0, 1.0),  # across a sentence
        Quantity("n2", "a", *_at("20,000 people"), "20,000 people", 2, 20000.0, qualifier="around"),
        Quantity("n3", "a", *_at("15"), "15", 3, 15.0, counted="boats"),
    )
    dates = (
        DateMention("d1", "a", *_at('Friday." Around'), 'Friday." Around', 1, None, "day", True),
        DateMention(
            "d2", "a", *_at("Friday"), "Friday", 1, "2022-01-07", "day", True, "2022-01-08"
        ),
    )
    return Comparison(
        (annotated,),
        (),
        Summary(0, {}, {}, {}),
        analyses=Analyses(
            quotes=quotes,
            quote_matches=(QuoteMatch(("q1", "q4"), QuoteRelation.SAME, 0.9),),
            quantities=quantities,
            quantity_matches=(QuantityMatch(("n2", "n3"), QuantityRelation.AGREE, None),),
            dates=dates,
        ),
    )


def test_overlapping_spans_give_well_formed_html() -> None:
    comparison = overlapping()
    page = strict_parse(render_html(comparison))  # raises on any mis-nested tag
    paragraphs = page.paragraphs["a"]
    assert paragraphs == [TEXT[p.start : p.end] for p in comparison.articles[0].article.paragraphs]
    assert "".join(paragraphs) == TEXT.replace("\n\n", "")  # every character exactly once


def test_overlapping_spans_keep_every_element_whole_in_text() -> None:
    comparison = overlapping()
    page = strict_parse(render_html(comparison))
    sentences = [n for n in page.nodes if n.column and "s" in n.classes]
    assert [n.text for n in sentences] == [s.text for s in comparison.articles[0].sentences]
    for quote in comparison.analyses.quotes:
        fragments = page.find("q", data_quote=quote.id)
        assert "".join(n.text for n in fragments) == quote.text.replace("\n\n", ""), quote.id
        assert {n.attrs["data-speaker"] for n in fragments} == {'Ms "<x>"'}
    spans = [("data-quantity", q.id, q.start, q.end) for q in comparison.analyses.quantities]
    spans += [("data-date", d.id, d.start, d.end) for d in comparison.analyses.dates]
    for kind, ident, start, end in spans:
        fragments = [n for n in page.nodes if n.attrs.get(kind) == ident]
        assert "".join(n.text for n in fragments) == TEXT[start:end], ident
    # q1 is split where q2 (which starts inside it) and the sentence boundary cut it.
    assert len(page.find("q", data_quote="q1")) >= 2
    assert {n.attrs["data-matched"] for n in page.find("q", data_quote="q1")} == {"q4"}
    # Only its first fragment is a tab stop.
    assert [n.attrs.get("tabindex") for n in page.find("q", data_quote="q1")][:2] == ["0", None]


def test_overlapping_spans_with_claims_and_out_of_range_offsets() -> None:
    comparison = overlapping()
    bad = replace(comparison.analyses.quotes[0], start=len(TEXT) - 3, end=len(TEXT) + 50)
    found = replace(comparison.analyses, quotes=(*comparison.analyses.quotes, bad))
    changed = replace(comparison, analyses=found)
    page = strict_parse(render_html(changed))
    assert "".join(page.paragraphs["a"]) == TEXT.replace("\n\n", "")
    assert "Harbour <crew> & co." in page.paragraphs["a"][1]
