"""The HTML report: self-contained, safe with hostile article text, sentences linked by claim."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest

from parallax.report import render_html
from parallax.types import Comparison, Summary


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    column: str | None = None  # data-article of the enclosing column


class Page(HTMLParser):
    """Every element with its attributes; text of sentence spans, scripts, styles, columns."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.column_text: dict[str, str] = {}
        self._open: list[Element] = []
        self._column: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), column=self._column)
        self.elements.append(element)
        if tag == "article":
            self._column = element.attrs["data-article"]
            self.column_text[self._column or ""] = ""
        if tag not in ("meta", "br", "img", "input", "link"):
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        element = self._open.pop()
        assert element.tag == tag, f"</{tag}> closes <{element.tag}>"
        if tag == "article":
            self._column = None
        if tag == "script":
            self.scripts.append(element.text)
        if tag == "style":
            self.styles.append(element.text)

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data
        if self._column and any(e.attrs.get("class") == "para" for e in self._open):
            self.column_text[self._column] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def sentence_spans(page: Page) -> list[Element]:
    return [
        e
        for e in page.elements
        if e.tag == "span" and e.column and "s" in (e.attrs.get("class") or "").split()
    ]


@pytest.fixture
def html(comparison: Comparison) -> str:
    return render_html(comparison)


def test_hostile_text_stays_text(html: str) -> None:
    page = parse(html)
    assert "<script>alert" not in html
    assert "<img" not in html
    assert "<b>" not in html
    for element in page.elements:
        assert not [a for a in element.attrs if a.lower().startswith("on")], element
        for value in element.attrs.values():
            assert "javascript:" not in (value or "").lower()
    assert [e.tag for e in page.elements].count("script") == 1
    assert "img" not in [e.tag for e in page.elements]
    # ...and the reader still sees it, literally.
    text = page.column_text["hostile-2024-003"]
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "[bold]x[/bold]" in text


def test_self_contained(html: str) -> None:
    page = parse(html)
    for element in page.elements:
        assert "src" not in element.attrs
        assert element.tag not in ("link", "iframe", "object", "embed", "img")
    for text in page.scripts + page.styles:
        assert "http://" not in text and "https://" not in text
        assert "url(" not in text and "@import" not in text
    links = [e.attrs["href"] for e in page.elements if e.tag == "a"]
    assert links == ["https://herald.example/storm"]  # the one safe article url, a plain link


def test_content_security_policy(html: str) -> None:
    page = parse(html)
    meta = [e for e in page.elements if e.tag == "meta"]
    assert meta[0].attrs == {"charset": "utf-8"}
    assert meta[1].attrs["http-equiv"] == "Content-Security-Policy"
    csp = meta[1].attrs["content"] or ""
    assert csp.startswith("default-src 'none';")
    assert "img-src data:;" in csp
    assert "unsafe-inline" not in csp

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"script-src 'sha256-{digest(page.scripts[0])}'" in csp
    assert f"style-src 'sha256-{digest(page.styles[0])}'" in csp


def test_every_sentence_is_linked_to_its_claim(comparison: Comparison, html: str) -> None:
    expected: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for claim in comparison.claims:
        for s in claim.statements:
            expected.setdefault((s.article, s.text), []).append((claim.id, claim.relation.value))
    spans = sentence_spans(parse(html))
    assert len(spans) == sum(len(a.sentences) for a in comparison.articles) == 10
    for span in spans:
        claims = expected[(span.column or "", span.text)]
        claim_id, relation = claims[0]
        contradicted = " contradicted" if span.attrs.get("data-contra") else ""
        assert span.attrs["class"] == f"s rel-{relation}{contradicted}"
        assert span.attrs["data-claim"] == claim_id
        assert span.attrs["tabindex"] == "0"
        if len(claims) > 1:
            assert span.attrs["data-claims"] == " ".join(c for c, _ in claims)
    both = [s for s in spans if s.attrs.get("data-claims")]
    assert [(s.column, s.attrs["data-claims"]) for s in both] == [("courier-2024-002", "c1 c6")]


def test_span_markup_is_the_documented_one(html: str) -> None:
    assert '<span class="s rel-paraphrase" data-claim="c2" tabindex="0">Officials said' in html


def test_nothing_of_the_text_is_lost(comparison: Comparison, html: str) -> None:
    page = parse(html)
    for article in comparison.articles:
        shown = page.column_text[article.id]
        assert "".join(shown.split()) == "".join(article.article.text.split())
    assert "• " in page.column_text["herald-2024-001"]  # the bullet marker between paragraphs
    paragraphs = [e for e in page.elements if e.attrs.get("class") == "para"]
    assert len(paragraphs) == 3 + 2 + 3


def test_without_paragraphs_blank_lines_split(comparison: Comparison) -> None:
    from dataclasses import replace

    herald = comparison.articles[0]
    plain = replace(herald, article=replace(herald.article, paragraphs=()))
    page = parse(render_html(replace(comparison, articles=(plain, *comparison.articles[1:]))))
    herald_paras = [
        e for e in page.elements if e.attrs.get("class") == "para" and e.column == herald.id
    ]
    assert len(herald_paras) == 3


def test_header_legend_and_claim_lists(html: str) -> None:
    page = parse(html)
    stats = [e.text.split() for e in page.elements if e.tag == "li" and e.text and e.attrs == {}]
    assert ["3", "articles"] in stats and ["6", "claims"] in stats
    legend = next(e for e in page.elements if e.attrs.get("class") == "legend").text
    for word in ("identical", "paraphrase", "partial", "unique"):
        assert word in legend
    headings = [" ".join(e.text.split()) for e in page.elements if e.tag == "h2"]
    assert "Shared by all 3 sources (1)" in headings
    assert "Only in The Herald (1)" in headings
    assert "Only in Night <b>Owl</b> [red]News[/red] (1)" in headings
    title = next(e for e in page.elements if e.tag == "title").text
    assert title == "Parallax: Storm closes Harbour Bridge"


def test_small_and_empty_comparisons_render(pair: Comparison) -> None:
    page = parse(render_html(pair))
    assert len(sentence_spans(page)) == 2
    empty = Comparison(pair.articles, (), Summary(0, {}, {}, {}))
    page = parse(render_html(empty))
    spans = sentence_spans(page)
    assert [s.attrs for s in spans] == [{"class": "s rel-none"}] * 2
    assert not re.search(r"data-claim=", render_html(empty))


def test_the_digest_heads_the_page_and_links_each_fact_to_its_claim(
        comparison: Comparison, html: str) -> None:
    assert html.index('class="digest"') < html.index('class="columns"')
    goto = re.findall(r'<button type="button" class="digest-line" data-goto="(c\d+)"', html)
    assert goto and set(goto) <= {c.id for c in comparison.claims}


def test_a_non_claim_stays_in_the_text_muted_and_says_why(credited: Comparison) -> None:
    page = parse(render_html(credited))
    (credit,) = [e for e in sentence_spans(page) if "contributed" in e.text]
    assert credit.attrs == {"class": "s rel-none nonclaim",
                            "title": "not compared: a byline or credit"}
    assert "Jo Smith contributed to this report." in page.column_text["one"]

