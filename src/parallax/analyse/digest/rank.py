"""The digest: what a reader should see first, with the evidence for each line.

Per source, the facts only it reports: its sentences in no shared claim, and the phrases
of its shared statements that the other sources' statements do not carry (`Statement.extra`,
grouped into phrases). The facts the sources share, those all of them carry first. The
conflicts: contradictions and counts of one thing that disagree.

Facts are ranked by what a reader weighs first (figures, then dates, names, and the
quoted words of named people) before background and colour, which carry none of these;
ties keep the article's order, since news puts what matters early.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from parallax.types import (
    AnnotatedArticle,
    Claim,
    Contradiction,
    DateMention,
    Digest,
    DigestConflict,
    DigestItem,
    EntityGroup,
    Quantity,
    QuantityMatch,
    QuantityRelation,
    Quote,
    Span,
    Statement,
)

__all__ = ["ITEMS", "digest_of", "phrases"]

FIGURE_WEIGHT = 3.0
VAGUE_FIGURE_WEIGHT = 2.0
DATE_WEIGHT = 3.0
NAME_WEIGHT = 1.0
CAST_WEIGHT = 0.25
MOST_NAMES = 4
QUOTE_WEIGHT = 1.5
"""How much a figure written in digits (a vague one: "dozens"), a calendar date, each
distinct name only this source mentions (one of the story's cast that other sources name
too), up to `MOST_NAMES` of each, and a named speaker's quote add to a fact's weight. Set
in the order readers ask for (figures, dates and names, quotes before background and
colour), then the date and quote weights chosen on the 10 dev triplets of eval/facts.py:
of the first 5 facts per outlet, 0.49 state an event, number or quote only that outlet
states (0.39 in text order), 0.80 a fact only it states (0.76). A vague count ("dozens
have died") still outweighs a quote: 2.0 or 1.0 changes dev by one fact."""
ITEMS = 8
"""Facts listed per source and shared facts listed: what a reader takes in at a glance;
the rest stays in the claims."""
MIN_PHRASE_WORDS = 2
"""A phrase a statement adds needs this many words: a lone word another source words
differently ("Kassym-Jomart" beside "Tokayev", "2001" beside "9/11") is not a fact. Set by
hand on reading the seed pair's and BASIL 2016 1b96a5db's digests."""

NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "LAW", "FAC"})
_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "decade",
                         "century", "second"})
_WORD = re.compile(r"\w+")
_JOINER = re.compile(r"^[^\w]*(?:\w{1,4}[^\w]+){0,2}$")  # punctuation and up to 2 short words


class _Evidence:
    """The analysers' findings of one comparison, looked up by article."""

    def __init__(self, articles: Sequence[AnnotatedArticle], quotes: Sequence[Quote],
                 quantities: Sequence[Quantity], dates: Sequence[DateMention],
                 entities: Sequence[EntityGroup]) -> None:
        self.articles = {a.id: a for a in articles}
        self.quotes = quotes
        counts = [q for q in quantities if not _is_duration(q)]
        self.figures = [q for q in counts if _has_digits(q.text)]
        self.vague = [q for q in counts if not _has_digits(q.text)]
        self.dates = [d for d in dates if d.date is not None and _has_digits(d.text)]
        self.cast = {name.lower(): len(g.mentions) > 1 for g in entities
                     for name in (g.name, *g.aliases)}

    def weigh(self, article: str, start: int, end: int) -> tuple[tuple[str, ...], float]:
        """What makes `[start, end)` of `article` matter, and its weight."""
        def inside(items: Iterable[Quantity | DateMention]) -> int:
            return sum(1 for i in items if i.article == article and start <= i.start < end)

        figures, vague, dates = inside(self.figures), inside(self.vague), inside(self.dates)
        names = {e.text.lower() for e in self.articles[article].entities
                 if e.label in NAMES and start <= e.start < end}
        cast = {name for name in names if self.cast.get(name, False)}
        quoted = any(q.article == article and q.speaker and _overlap(q.start, q.end, start, end)
                     >= (end - start) / 2 for q in self.quotes)
        why = tuple(name for name, present in (
            ("figures", figures + vague), ("date", dates), ("names", names),
            ("quote", quoted)) if present)
        weight = (FIGURE_WEIGHT * min(figures, 2) + VAGUE_FIGURE_WEIGHT * min(vague, 2)
                  + DATE_WEIGHT * min(dates, 1)
                  + NAME_WEIGHT * min(len(names - cast), MOST_NAMES)
                  + CAST_WEIGHT * min(len(cast), MOST_NAMES) + QUOTE_WEIGHT * quoted)
        return why, weight


def _is_duration(quantity: Quantity) -> bool:
    """A span of time ("30 years"): background, not a figure of the event."""
    counted = (quantity.counted or "").split()
    return bool(counted) and counted[-1].rstrip("s") in _TIME_UNITS


def _has_digits(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def phrases(text: str, spans: Sequence[Span]) -> list[Span]:
    """`spans` joined into phrases where only punctuation or two short words lie between."""
    joined: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if joined and _JOINER.match(text[joined[-1].end:span.start]):
            joined[-1] = Span(joined[-1].start, span.end)
        else:
            joined.append(span)
    return joined


def _item(claim: Claim, statement: Statement, span: Span, evidence: _Evidence,
          figures: tuple[str, ...] = (), sources: tuple[str, ...] | None = None) -> DigestItem:
    """The fact at `span` of the statement, weighed; stated by the claim's sources unless
    `sources` says otherwise."""
    text = evidence.articles[statement.article].article.text
    why, weight = evidence.weigh(statement.article, span.start, span.end)
    return DigestItem(claim.id, statement.article, span.start, span.end,
                      text[span.start:span.end], sources or claim.sources, why,
                      round(weight, 2), figures)


def _only_items(claims: Sequence[Claim], evidence: _Evidence) -> dict[str, list[DigestItem]]:
    """Each article's facts only it reports, in text order."""
    found: dict[str, list[DigestItem]] = {a: [] for a in evidence.articles}
    for claim in claims:
        for statement in claim.statements:
            if statement.article not in found:
                continue
            if len(claim.sources) == 1:
                found[statement.article].append(
                    _item(claim, statement, Span(statement.start, statement.end), evidence))
                continue
            text = evidence.articles[statement.article].article.text
            for phrase in phrases(text, statement.extra):
                if len(_WORD.findall(text[phrase.start:phrase.end])) >= MIN_PHRASE_WORDS:
                    found[statement.article].append(_item(
                        claim, statement, phrase, evidence, sources=(statement.article,)))
    for items in found.values():
        items.sort(key=lambda i: i.start)
    return found


def _ranked(items: Sequence[DigestItem]) -> tuple[DigestItem, ...]:
    """Heaviest first; ties in the article's order (`items` come in that order)."""
    order = sorted(range(len(items)), key=lambda k: (-items[k].weight, k))
    return tuple(items[k] for k in order[:ITEMS])


def _shared_items(claims: Sequence[Claim], matches: Sequence[QuantityMatch],
                  quantities: Sequence[Quantity], evidence: _Evidence) -> tuple[DigestItem, ...]:
    by_id = {q.id: q for q in quantities}
    agreeing = [[by_id[i] for i in m.quantities if i in by_id] for m in matches
                if m.relation != QuantityRelation.CONFLICT]
    items: list[DigestItem] = []
    for claim in (c for c in claims if len(c.sources) > 1):
        first = claim.statements[0]
        inside = {(s.article, s.sentence) for s in claim.statements}
        figures = next((tuple(q.text for q in group) for group in agreeing
                        if {(q.article, q.sentence) for q in group} <= inside), ())
        items.append(_item(claim, first, Span(first.start, first.end), evidence, figures))
    order = sorted(range(len(items)),
                   key=lambda k: (-len(items[k].sources), -items[k].weight, k))
    return tuple(items[k] for k in order[:ITEMS])


def _conflicts(contradictions: Sequence[Contradiction], matches: Sequence[QuantityMatch],
               quantities: Sequence[Quantity]) -> tuple[DigestConflict, ...]:
    found = [DigestConflict((x.statements[0].article, x.statements[1].article),
                            (x.statements[0].text, x.statements[1].text), x.explanation, x.id)
             for x in contradictions]
    by_id = {q.id: q for q in quantities}
    said = [{(s.article, s.sentence) for s in x.statements} for x in contradictions]
    for match in (m for m in matches if m.relation == QuantityRelation.CONFLICT):
        counts = [by_id[i] for i in match.quantities if i in by_id]
        for first, second in pairwise(counts):
            places = {(first.article, first.sentence), (second.article, second.sentence)}
            if first.article != second.article and places not in said:
                what = f" {match.counted}" if match.counted else ""
                found.append(DigestConflict(
                    (first.article, second.article), (first.text, second.text),
                    f"{first.text} vs {second.text}{what}", f"{first.id},{second.id}"))
    return tuple(found)


def digest_of(articles: Sequence[AnnotatedArticle], claims: Sequence[Claim], *,
              quotes: Sequence[Quote], quantities: Sequence[Quantity],
              quantity_matches: Sequence[QuantityMatch], dates: Sequence[DateMention],
              contradictions: Sequence[Contradiction],
              entities: Sequence[EntityGroup]) -> Digest:
    """The digest of a comparison (see the module docstring)."""
    evidence = _Evidence(articles, quotes, quantities, dates, entities)
    only = {article: _ranked(items) for article, items in _only_items(claims, evidence).items()}
    return Digest(only, _shared_items(claims, quantity_matches, quantities, evidence),
                  _conflicts(contradictions, quantity_matches, quantities))
