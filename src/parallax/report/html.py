"""The HTML report: one self-contained page with the articles side by side.

Every value reaches the page through Jinja2 autoescaping; the page's own CSS and JS are
inlined and allowed by hash in a Content-Security-Policy, so nothing else can run or load.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from parallax.report.json import GENERATOR, generator_version
from parallax.report.view import (
    RELATIONS,
    ArticleView,
    ClaimGroup,
    StatementLine,
    article_views,
    claim_groups,
    counts_line,
    identical_article_labels,
    labels,
    relation_info,
    sentence_claims,
    statement_lines,
    story_title,
)
from parallax.types import AnnotatedArticle, Claim, Comparison, Relation, Sentence

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of article text: a sentence (with its claim) or the text between sentences."""

    text: str
    sentence: Sentence | None = None
    claim: str | None = None
    claims: str | None = None  # space-separated, only when the sentence is in several claims
    relation: str = "none"


@dataclass(frozen=True, slots=True)
class Column:
    """One article's column: its display facts and its text, paragraph by paragraph."""

    view: ArticleView
    language: str
    paragraphs: tuple[tuple[Piece, ...], ...]


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """A claim in the lists below the columns."""

    claim: Claim
    relation: str
    marker: str
    lines: tuple[StatementLine, ...]


def sorted_sentences(article: AnnotatedArticle) -> tuple[Sentence, ...]:
    """The article's sentences in text order, clipped to the text, overlapping ones dropped."""
    size = len(article.article.text)
    result: list[Sentence] = []
    end = 0
    for sentence in sorted(article.sentences, key=lambda s: (s.start, s.end)):
        if sentence.start < end or sentence.start >= min(sentence.end, size):
            continue
        result.append(sentence)
        end = min(sentence.end, size)
    return tuple(result)


def _paragraph_breaks(article: AnnotatedArticle, sentences: tuple[Sentence, ...]) -> list[int]:
    """Offsets where one paragraph ends and the text up to the next one begins."""
    text = article.article.text
    spans = sorted(article.article.paragraphs, key=lambda p: (p.start, p.end))
    if spans:
        breaks = {p.end for p in spans[:-1]}
    else:
        breaks = {m.start() for m in _BLANK_LINE.finditer(text)}
    inside = [(s.start, s.end) for s in sentences]
    return sorted(b for b in breaks if 0 < b < len(text) and not any(a < b < z for a, z in inside))


def article_paragraphs(
    article: AnnotatedArticle, claims_of: dict[tuple[str, int], tuple[Claim, ...]]
) -> tuple[tuple[Piece, ...], ...]:
    """The article's whole text as paragraphs of pieces; only blank space between them is lost."""
    text = article.article.text
    sentences = sorted_sentences(article)
    bounds = [0, *_paragraph_breaks(article, sentences), len(text)]
    paragraphs = []
    for lo, hi in pairwise(bounds):
        inner = [s for s in sentences if lo <= s.start < hi]
        chunk = text[lo:hi]
        start = lo + len(chunk) - len(chunk.lstrip())
        end = lo + len(chunk.rstrip())
        if inner:
            start, end = min(start, inner[0].start), max(end, min(inner[-1].end, len(text)))
        if start >= end:
            continue
        pieces: list[Piece] = []
        pos = start
        for sentence in inner:
            if sentence.start > pos:
                pieces.append(Piece(text[pos : sentence.start]))
            pieces.append(_sentence_piece(article.id, sentence, text, claims_of))
            pos = min(sentence.end, len(text))
        if pos < end:
            pieces.append(Piece(text[pos:end]))
        paragraphs.append(tuple(pieces))
    return tuple(paragraphs)


def _sentence_piece(
    article_id: str,
    sentence: Sentence,
    text: str,
    claims_of: dict[tuple[str, int], tuple[Claim, ...]],
) -> Piece:
    claims = claims_of.get((article_id, sentence.index), ())
    body = text[sentence.start : sentence.end]
    if not claims:
        return Piece(body, sentence)
    return Piece(
        body,
        sentence,
        claim=claims[0].id,
        claims=" ".join(c.id for c in claims) if len(claims) > 1 else None,
        relation=Relation(claims[0].relation).value,
    )


def _claim_items(group: ClaimGroup, names: dict[str, str]) -> tuple[ClaimItem, ...]:
    items = []
    for claim in group.claims:
        info = relation_info(claim)
        items.append(ClaimItem(claim, info.label, info.marker, statement_lines(claim, names)))
    return tuple(items)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("parallax.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def _asset(name: str) -> str:
    return (resources.files("parallax.report") / "templates" / name).read_text("utf-8")


def render_html(comparison: Comparison) -> str:
    """The HTML report: counts, legend, articles side by side with linked claims, claim lists."""
    views = article_views(comparison)
    names = labels(views)
    claims_of = sentence_claims(comparison)
    groups = claim_groups(comparison, views)
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    shared_all = next((g for g in groups if g.key == "shared-all"), None)
    shared_some = next((g for g in groups if g.key == "shared-some"), None)
    stats = [
        ("articles", len(comparison.articles)),
        ("claims", len(comparison.claims)),
        ("shared by all", len(shared_all.claims) if shared_all else 0),
    ]
    if shared_some is not None:
        stats.append(("shared by some", len(shared_some.claims)))
    stats.append(("only in one source", sum(len(comparison.unique_to(v.id)) for v in views)))
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=story_title(views),
        csp=csp,
        # The package's own stylesheet and script: trusted, and hashed into the CSP above.
        css=Markup(css),
        js=Markup(js),
        stats=stats,
        relations=RELATIONS,
        identical=identical_article_labels(comparison, views),
        columns=[
            Column(v, v.article.language, article_paragraphs(v.article, claims_of)) for v in views
        ],
        groups=[(g, _claim_items(g, names)) for g in groups],
        counts=counts_line(comparison, views),
        generator=f"{GENERATOR} {generator_version()}",
    )
