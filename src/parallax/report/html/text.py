"""An article's text as well-formed markup: sentences, quotes, quantities, dates, actor
labels (class `label voice-…`), loaded words (class `loaded`) and what a statement of a
shared claim adds to the others (`ins` class `extra`).

A sentence in a contradiction gets class `contradicted` and its contradictions' ids in
`data-contra`; a non-claim (a byline, prompt, caption…, in no claim) class `nonclaim`, muted.

These spans overlap freely (a quote may run over two sentences or paragraphs, a sentence may
hold several quotes, a number may sit across a quote's edge). The text is cut at every
boundary of every span; each segment is emitted inside the elements that cover it, nested
in a fixed order (sentence, quote, quantity, date, label, loaded word), and an element is
closed and reopened where nesting requires it. So the markup is always well-formed and
every character of a paragraph appears exactly once. The template writes the tokens; it
escapes all text and attribute values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from parallax.report.views.analyses import (
    QuoteLink,
    quantity_title,
)
from parallax.report.views.claims import nonclaim_title
from parallax.report.views.contradictions import SentenceMark
from parallax.report.views.framing import voice_label
from parallax.report.views.timeline import date_title
from parallax.types import AnnotatedArticle, Claim, Comparison, Relation, Sentence, Voice

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
Attrs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Token:
    """`open` an element (`tag`, `attrs`), write `text`, or `close` the element `tag`."""

    kind: str
    tag: str = ""
    attrs: Attrs = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class Layer:
    """An element over `[start, end)` of the text; lower ranks nest outside higher ones."""

    start: int
    end: int
    rank: int
    tag: str
    attrs: Attrs


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


ClaimsOf = Mapping[tuple[str, int], Sequence[Claim]]
MarksOf = Mapping[tuple[str, int], SentenceMark]


def _sentence_layer(
    article_id: str, sentence: Sentence, size: int, claims_of: ClaimsOf, marks: MarksOf
) -> Layer:
    claims = claims_of.get((article_id, sentence.index), ())
    mark = marks.get((article_id, sentence.index))
    relation = Relation(claims[0].relation).value if claims else "none"
    attrs: Attrs = (("class", f"s rel-{relation}" + (" contradicted" if mark else "")
                     + (" nonclaim" if sentence.nonclaim else "")),)
    if sentence.nonclaim and not claims and not mark:
        attrs += (("title", nonclaim_title(sentence.nonclaim)),)
    if claims:
        attrs += (("data-claim", claims[0].id), ("tabindex", "0"))
        if len(claims) > 1:
            attrs += (("data-claims", " ".join(c.id for c in claims)),)
    if mark:
        attrs += (("data-contra", " ".join(mark.ids)), ("title", mark.title))
        attrs += () if claims else (("tabindex", "0"),)
    return Layer(sentence.start, min(sentence.end, size), 0, "span", attrs)


def analysis_layers(
    comparison: Comparison, article_id: str, links: Mapping[str, QuoteLink]
) -> list[Layer]:
    """The quotes, quantities, dates, actor labels and loaded words of one article as layers
    over its text."""
    layers = []
    for quote in (q for q in comparison.analyses.quotes if q.article == article_id):
        link = links.get(quote.id)
        relation = link.relation if link else "only"
        attrs: Attrs = (("class", f"quote qrel-{relation}"), ("data-quote", quote.id))
        if quote.speaker:
            attrs += (("data-speaker", quote.speaker), ("title", f"Quote by {quote.speaker}"))
        if link and link.others:
            attrs += (("data-matched", " ".join(link.others)), ("tabindex", "0"))
        layers.append(Layer(quote.start, quote.end, 1, "q", attrs))
    for quantity in (q for q in comparison.analyses.quantities if q.article == article_id):
        attrs = (("class", "num"), ("data-quantity", quantity.id))
        attrs += (("title", quantity_title(quantity)),)
        layers.append(Layer(quantity.start, quantity.end, 2, "span", attrs))
    for mention in (d for d in comparison.analyses.dates if d.article == article_id):
        attrs = (("class", "date"), ("data-date", mention.id), ("title", date_title(mention)))
        layers.append(Layer(mention.start, mention.end, 3, "span", attrs))
    framing = comparison.analyses.framing
    for use in (u for u in framing.labels if u.article == article_id and not u.in_title):
        voice = Voice(use.voice)
        title = f"{use.label} ({use.stance}) · {voice_label(voice)}"
        title += f" · actors: {use.actor}" if use.actor else ""
        title += f" · {use.speaker}" if use.speaker else ""
        attrs = (("class", f"label voice-{voice.value}"), ("title", title))
        layers.append(Layer(use.start, use.end, 4, "mark", attrs))
    for claim in comparison.claims:
        for extra in (e for s in claim.statements if s.article == article_id for e in s.extra):
            attrs = (("class", "extra"), ("title", "only this source says this in its claim"))
            layers.append(Layer(extra.start, extra.end, 6, "ins", attrs))
    for word in (w for w in framing.loaded if w.article == article_id):
        attrs = (("class", f"loaded cat-{word.category}"),
                 ("title", f"loaded word · {word.category}"))
        layers.append(Layer(word.start, word.end, 5, "span", attrs))
    return layers


def segment(
    text: str, lo: int, hi: int, layers: Sequence[Layer], opened: set[int] | None = None
) -> tuple[Token, ...]:
    """`text[lo:hi]` as tokens, each layer's element wrapped around the segments it covers.

    A layer reopened after a cut keeps its attributes but its `tabindex`, so keyboard users
    meet it once; `opened` carries which layers were opened across calls (paragraphs).
    """
    opened = set() if opened is None else opened
    inside = [
        (max(layer.start, lo), min(layer.end, hi), n, layer)
        for n, layer in enumerate(layers)
        if layer.start < hi and layer.end > lo and layer.start < layer.end
    ]
    cuts = sorted({lo, hi, *(s for s, _, _, _ in inside), *(e for _, e, _, _ in inside)})
    tokens: list[Token] = []
    stack: list[tuple[int, int, int, int]] = []  # sort keys of the open layers
    order = {n: layer for _, _, n, layer in inside}
    for a, b in pairwise(cuts):
        wanted = sorted((layer.rank, s, -e, n) for s, e, n, layer in inside if s <= a and e >= b)
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        for key in reversed(stack[keep:]):
            tokens.append(Token("close", order[key[3]].tag))
        for key in wanted[keep:]:
            layer = order[key[3]]
            attrs = layer.attrs
            if key[3] in opened:
                attrs = tuple((k, v) for k, v in attrs if k != "tabindex")
            opened.add(key[3])
            tokens.append(Token("open", layer.tag, attrs))
        stack = wanted
        tokens.append(Token("text", text=text[a:b]))
    tokens.extend(Token("close", order[key[3]].tag) for key in reversed(stack))
    return tuple(tokens)


def article_paragraphs(
    article: AnnotatedArticle,
    claims_of: ClaimsOf,
    layers: Sequence[Layer] = (),
    marks: MarksOf | None = None,
) -> tuple[tuple[Token, ...], ...]:
    """The article's whole text as paragraphs of tokens; only blank space between them is lost.

    `marks` are the contradicted sentences, marked with class `contradicted`.
    """
    text = article.article.text
    sentences = sorted_sentences(article)
    marks = marks or {}
    all_layers = [_sentence_layer(article.id, s, len(text), claims_of, marks) for s in sentences]
    all_layers += [
        Layer(max(0, x.start), min(x.end, len(text)), x.rank, x.tag, x.attrs) for x in layers
    ]
    bounds = [0, *_paragraph_breaks(article, sentences), len(text)]
    paragraphs = []
    opened: set[int] = set()
    for lo, hi in pairwise(bounds):
        inner = [s for s in sentences if lo <= s.start < hi]
        chunk = text[lo:hi]
        start = lo + len(chunk) - len(chunk.lstrip())
        end = lo + len(chunk.rstrip())
        if inner:
            start, end = min(start, inner[0].start), max(end, min(inner[-1].end, len(text)))
        if start < end:
            paragraphs.append(segment(text, start, end, all_layers, opened))
    return tuple(paragraphs)
