"""Quantities: the numbers articles report, what they count, and how outlets' counts compare.

Extraction works on the annotated tokens: numbers in digits or words (`parallax.align.numbers`),
vague counts ("dozens", "tens of thousands"), shares ("two-thirds" = 0.667, "half of",
"a third of": unit "fraction", the words as qualifier), ranges ("between 10 and 20", "10-20"),
qualifiers ("around", "at least" → `low`/`high`, see `quantity_words`), currencies,
percentages and measures. Not quantities: dates and years (`dates.scan_article`, spaCy
DATE entities except durations such as "30 years"), times, ordinals, phone numbers,
labels ("Article 12", "No. 7"), "one" as a determiner. What a number counts, and the event
its clause reports (died / injured / attacked…), come from a dependency parse
(`quantity_parse`); the cross-article comparison is `quantity_match`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from parallax.align.numbers import number_spans
from parallax.analyse.dates.extract import scan_article
from parallax.analyse.quantities.match import Encoder, Found, match_quantities
from parallax.analyse.quantities.parse import Reading, read_article
from parallax.analyse.quantities.words import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    LABELS,
    MAX_QUALIFIER_WORDS,
    MAX_VAGUE_WORDS,
    MEASURES,
    PERCENT,
    POUNDS,
    QUALIFIERS,
    SHARES,
    TIME_AFTER,
    VAGUE,
    VAGUE_MULTIPLIERS,
)
from parallax.annotate.pipeline import ParsedArticle
from parallax.types import (
    AnnotatedArticle,
    Claim,
    Entity,
    Quantity,
    QuantityMatch,
    Sentence,
)

log = logging.getLogger(__name__)

__all__ = ["compare_quantities", "extract_quantities", "quantities_of"]

_PHONE = re.compile(r"(?<![\w.])(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{4}(?!\w)"
                    r"|\+\d[\d\s().-]{6,}\d")  # "555-123-4567", "+1 202 555 0100"
# Page furniture of photo galleries: "Slideshow (5 Images)" counts nothing in the story.
_GALLERY = re.compile(
    r"\b(?:slideshow|gallery|photos)\s*\(\d+\s+(?:images|photos|pictures|slides)\)", re.IGNORECASE)
# A DATE entity is trusted to hold no count when it names a month, weekday or year; spaCy
# also labels durations ("30 years") and counts ("Between 10 and 20 people") DATE.
_CALENDAR = re.compile(r"\b(?:1[5-9]\d\d|2[01]\d\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
                       r"|Nov|Dec)[a-z]*|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b")
_DURATIONS = frozenset({"year", "years", "month", "months", "week", "weeks", "day", "days",
                        "hour", "hours", "minute", "minutes", "decade", "decades",
                        "century", "centuries", "second", "seconds"})
_RANGE_WORDS = frozenset({"-", "–", "—", "to", "and"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A number found in a sentence's tokens, before its counted noun is known."""

    sentence: Sentence
    first: int  # token indices of the number itself, [first, last)
    last: int
    start: int  # article offsets of the whole expression: qualifier … unit
    end: int
    value: float
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    unit: str | None = None


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


class _Number(NamedTuple):
    """A number or vague count among a sentence's tokens `[first, last)`."""

    first: int
    last: int
    value: float
    low: float | None = None
    high: float | None = None
    vague: str | None = None  # "dozens", "several hundred"
    fraction: str | None = None  # the words of a share: "two-thirds", "half"


def _numbers(sentence: Sentence) -> list[_Number]:
    """The numbers and vague counts of a sentence, in order."""
    words = [t.text.lower() for t in sentence.tokens]
    found: list[_Number] = []
    for span in number_spans(sentence.tokens):
        first, last, value = span.first, span.last, span.value
        if last < len(words) and words[last] == "dozen":
            value, last = value * 12, last + 1  # "two dozen"
        if span.fraction:
            text = " ".join(words[first:last]).replace(" - ", "-")
            found.append(_Number(first, last, value, value, value, fraction=text))
            continue
        before = words[first - 1] if first else ""
        if span.spelled and before in VAGUE_MULTIPLIERS and value in (100, 1e3, 1e6, 1e9):
            start = first - 2 if first > 1 and words[first - 2] == "a" else first - 1
            found.append(_Number(start, last, value * 5.5, value * 2, value * 9,
                                 " ".join(words[start:last])))  # "several hundred"
        else:
            found.append(_Number(first, last, value))
    covered = {i for n in found for i in range(n.first, n.last)}
    for i in range(len(words)):
        for size in range(MAX_VAGUE_WORDS, 0, -1):
            key = tuple(words[i:i + size])
            if len(key) == size and key in VAGUE and not covered & set(range(i, i + size)):
                low, high = VAGUE[key]
                found.append(_Number(i, i + size, (low + high) / 2, low, high, " ".join(key)))
                covered.update(range(i, i + size))
        share = _bare_share(words, i)
        if share is not None and not covered & set(range(*share[:2])):
            first, last, value = share
            text = " ".join(words[first:last])
            found.append(_Number(first, last, value, value, value, fraction=text))
            covered.update(range(first, last))
        if words[i] == "one" and i not in covered and i > 0 and (
                tuple(words[max(0, i - 2):i]) in QUALIFIERS or (words[i - 1],) in QUALIFIERS):
            found.append(_Number(i, i + 1, 1.0))  # "at least one": a count, not a determiner
    return sorted(found, key=lambda n: n.first)


def _bare_share(words: Sequence[str], i: int) -> tuple[int, int, float] | None:
    """A share without a spelled numerator at word `i`: "half of the workers", "half the
    town", "a third of homes", "a quarter of voters" → (first, last, value); None otherwise.

    Only before "of" or "the" ("half a dozen" is a vague count, "half an hour" a duration,
    "the first half" a period).
    """
    following = words[i + 1] if i + 1 < len(words) else ""
    if words[i] == "half" and following in ("of", "the") and (i == 0 or words[i - 1] != "a"):
        return i, i + 1, 0.5
    if words[i] == "a" and following in SHARES and words[i + 2:i + 3] == ["of"]:
        return i, i + 2, 1 / SHARES[following]
    return None


def _excluded(sentence: Sentence, first: int, last: int,
              spans: Sequence[tuple[int, int]], date_entities: Sequence[tuple[int, int]]) -> bool:
    tokens = sentence.tokens
    start, end = tokens[first].start, tokens[last - 1].end
    following = tokens[last].text.lower() if last < len(tokens) else ""
    if _overlaps(start, end, spans) or following in TIME_AFTER:
        return True
    if _overlaps(start, end, date_entities) and following not in _DURATIONS:
        return True
    before = [t.text.lower().rstrip(".") for t in tokens[max(0, first - 2):first]]
    if before and (before[-1] in LABELS or (before[-1] == "" and before[0] in LABELS)):
        return True  # "Article 12", "No. 7"
    if first > 1 and tokens[first - 1].text in "-/" and tokens[first - 1].end == start \
            and tokens[first - 2].end == tokens[first - 1].start \
            and tokens[first - 2].text[-1:].isalpha():
        return True  # "COVID-19" split by the tokenizer
    text = tokens[first].text
    return (last - first == 1 and len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100
            and (last == len(tokens) or tokens[last].pos not in ("NOUN", "PROPN")))  # a year


def _unit(sentence: Sentence, first: int, last: int,
          money: Sequence[tuple[int, int]]) -> tuple[str | None, int, int]:
    """The unit around the number and the token range `[first, last)` it extends to."""
    tokens = sentence.tokens
    words = [t.text.lower() for t in tokens]
    if first and (words[first - 1] in CURRENCY_SYMBOLS or _is_code(tokens[first - 1].text)):
        code = CURRENCY_SYMBOLS.get(words[first - 1], words[first - 1].upper())
        return code, first - 1, last
    after = words[last] if last < len(words) else ""
    for key, unit in PERCENT.items():
        if tuple(words[last:last + len(key)]) == key:
            return unit, first, last + len(key)
    if after in CURRENCY_WORDS or (last < len(tokens) and _is_code(tokens[last].text)):
        return CURRENCY_WORDS.get(after, after.upper()), first, last + 1
    if after in POUNDS and _overlaps(tokens[first].start, tokens[last].end, money):
        return "GBP", first, last + 1
    if after in MEASURES:
        return MEASURES[after], first, last + 1
    return None, first, last


def _is_code(text: str) -> bool:
    """"USD", "EUR": an upper-case ISO currency code."""
    return text.isupper() and text.lower() in CURRENCY_CODES


def _qualifier(words: Sequence[str], first: int) -> tuple[str | None, int]:
    for n in range(MAX_QUALIFIER_WORDS, 0, -1):
        if first >= n and tuple(words[first - n:first]) in QUALIFIERS:
            return " ".join(words[first - n:first]), first - n
    return None, first


def _bounds(value: float, qualifier: str | None, low: float | None,
            high: float | None) -> tuple[float | None, float | None]:
    """The bounds a qualifier sets on `value` ("at least 18" → 18..None), else `low, high`."""
    factors = QUALIFIERS.get(tuple(qualifier.split())) if qualifier else None
    if factors is None:
        return low, high
    return (value * factors[0] if factors[0] is not None else None,
            value * factors[1] if factors[1] is not None else None)


def candidates(sentence: Sentence, entities: Sequence[Entity],
               spans: Sequence[tuple[int, int]]) -> list[Candidate]:
    """The quantities of one sentence (`entities`: the sentence's), without what they count."""
    tokens = sentence.tokens
    words = [t.text.lower() for t in tokens]
    date_entities = [(e.start, e.end) for e in entities if e.label in ("TIME", "ORDINAL")
                     or (e.label == "DATE" and _CALENDAR.search(e.text))]
    money = [(e.start, e.end) for e in entities if e.label == "MONEY"]
    numbers = [n for n in _numbers(sentence) if n.vague is not None or n.fraction is not None
               or not _excluded(sentence, n.first, n.last, spans, date_entities)]
    found: list[Candidate] = []
    i = 0
    while i < len(numbers):
        first, last, value, low, high, qualifier, fraction = numbers[i]
        if fraction is not None:  # a share of a whole: "two-thirds" (0.667), "about half"
            stated, start_token = _qualifier(words, first)
            low, high = _bounds(value, stated, low, high)
            found.append(Candidate(sentence, first, last, tokens[start_token].start,
                                   tokens[last - 1].end, value, low, high,
                                   stated or fraction, "fraction"))
            i += 1
            continue
        start_token = first
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        if qualifier is None and nxt is not None and nxt.vague is None \
                and nxt.first == last + 1 and words[last] in _RANGE_WORDS and value < nxt.value \
                and (words[last] != "and" or (first and words[first - 1] == "between")):
            low, high, last = value, nxt.value, nxt.last  # "between 10 and 20", "10-20"
            value, qualifier = (low + high) / 2, "between"
            if first and words[first - 1] in ("between", "from"):
                start_token = first - 1
            i += 1
        i += 1
        unit, unit_first, unit_last = _unit(sentence, first, last, money)
        start_token = min(start_token, unit_first)
        if qualifier is None:
            qualifier, start_token = _qualifier(words, start_token)
            low, high = _bounds(value, qualifier, low, high)
        found.append(Candidate(sentence, first, last, tokens[start_token].start,
                               tokens[unit_last - 1].end, value, low, high, qualifier, unit))
    return found


def _found(article: ParsedArticle) -> list[Found]:
    spans: dict[int, list[tuple[int, int]]] = {}
    for sentence, raw in scan_article(article):  # dates are not quantities
        spans.setdefault(sentence.index, []).append(
            (sentence.start + raw.start, sentence.start + raw.end))
    for sentence in article.sentences:
        spans.setdefault(sentence.index, []).extend(
            (sentence.start + m.start(), sentence.start + m.end())
            for pattern in (_PHONE, _GALLERY) for m in pattern.finditer(sentence.text))
    entities: dict[int, list[Entity]] = {}
    for entity in article.entities:
        entities.setdefault(entity.sentence, []).append(entity)
    found_candidates: list[Candidate] = []
    for sentence in article.sentences:
        try:
            found_candidates += candidates(sentence, entities.get(sentence.index, ()),
                                           spans[sentence.index])
        except (ValueError, IndexError, KeyError, OverflowError, TypeError) as exc:
            log.warning("article %s, sentence %d: numbers skipped (%s: %s)", article.id,
                        sentence.index, type(exc).__name__, exc)
    readings = read_article(article, found_candidates)
    result: list[Found] = []
    for candidate, reading in zip(found_candidates, readings, strict=True):
        result.append(_with_reading(article, candidate, reading, len(result) + 1))
    return result


def _with_reading(article: AnnotatedArticle, c: Candidate, reading: Reading, n: int) -> Found:
    end = max(c.end, reading.end)
    quantity = Quantity(
        id=f"{article.id}:n{n}", article=article.id, start=c.start, end=end,
        text=article.article.text[c.start:end], sentence=c.sentence.index, value=c.value,
        low=c.low, high=c.high, qualifier=c.qualifier, unit=c.unit, counted=reading.counted,
    )
    return Found(quantity, reading.event, reading.head, reading.phrase, reading.generic)


def extract_quantities(article: ParsedArticle) -> list[Quantity]:
    """The quantities an article reports, in text order; ids `<article id>:n<k>`."""
    return [f.quantity for f in _found(article)]


def compare_quantities(quantities: Sequence[Quantity], articles: Sequence[ParsedArticle],
                       claims: Sequence[Claim], *, encoder: Encoder) -> list[QuantityMatch]:
    """Counts of the same thing in several articles: agree, compatible or conflict.

    A quantity in no match is reported by one source only. `encoder` embeds counted nouns
    where the word lists cannot tell.
    """
    found = [f for a in articles for f in _found(a)]
    return _matched(quantities, found, [a.id for a in articles], claims, encoder)


def _matched(quantities: Sequence[Quantity], found: Sequence[Found], article_order: Sequence[str],
             claims: Sequence[Claim], encoder: Encoder) -> list[QuantityMatch]:
    """`match_quantities` over `quantities`, each with what its article's reading found."""
    details = {(f.quantity.article, f.quantity.start, f.quantity.end): f for f in found}
    matched = [replace(details[(q.article, q.start, q.end)], quantity=q)
               if (q.article, q.start, q.end) in details
               else Found(q, None, q.counted.split()[-1] if q.counted else None, q.counted, False)
               for q in quantities]
    return match_quantities(matched, article_order, claims, encoder)


def quantities_of(articles: Sequence[ParsedArticle], claims: Sequence[Claim], *,
                  encoder: Encoder) -> tuple[list[Quantity], list[QuantityMatch]]:
    """All quantities of a comparison (ids `n1..`) and their cross-article matches."""
    found = [f for a in articles for f in _found(a)]
    quantities = [replace(f.quantity, id=f"n{i}") for i, f in enumerate(found, 1)]
    return quantities, _matched(quantities, found, [a.id for a in articles], claims, encoder)
