"""What the quote, number and warning sections show, computed once for every report.

Like `view`, this module decides grouping, order, wording and markers; the terminal,
Markdown and HTML renderers only lay the results out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from parallax.analyse.quantities.words import STATED_VALUE_QUALIFIERS
from parallax.report.views.claims import one_line, truncate
from parallax.types import Comparison, Quantity, QuantityMatch, QuantityRelation, Quote

QUOTE_LIMIT = 160  # characters of a quote shown in the lists
UNATTRIBUTED = "Unattributed"
NO_QUOTES, NO_NUMBERS, NO_DATES = "No quotes found.", "No numbers found.", "No dates found."
# Section and sub-section titles, the same in every report.
QUOTES, NUMBERS, TIMELINE, WARNINGS = "Quotes", "Numbers", "Timeline", "Warnings"
CONFLICTS, AGREEMENTS, SINGLE = "Conflicts", "Agree or compatible", "Given by one source only"


@dataclass(frozen=True, slots=True)
class Marker:
    """How a quote or quantity relation is named and marked in every report."""

    label: str
    marker: str
    description: str


QUOTE_RELATIONS: dict[str, Marker] = {
    "same": Marker("same", "=", "one utterance, possibly translated or worded differently"),
    "partial": Marker("partial", "◐", "one source quotes a fragment of what the other quotes"),
}
QUANTITY_RELATIONS: dict[str, Marker] = {
    "conflict": Marker("conflict", "≠", "different values for the same thing"),
    "agree": Marker("agree", "=", "the same value (20K = 20,000)"),
    "compatible": Marker("compatible", "≈", "a vague count that fits a precise one"),
}


def quote_sources(comparison: Comparison, ids: tuple[str, ...]) -> tuple[str, ...]:
    """The article ids of the quotes named by `ids`, in first-seen order (unknown ids skipped)."""
    article_of = {q.id: q.article for q in comparison.analyses.quotes}
    return tuple(dict.fromkeys(article_of[i] for i in ids if i in article_of))


def quantity_sources(comparison: Comparison, ids: tuple[str, ...]) -> tuple[str, ...]:
    """The article ids of the quantities named by `ids`, in first-seen order."""
    article_of = {q.id: q.article for q in comparison.analyses.quantities}
    return tuple(dict.fromkeys(article_of[i] for i in ids if i in article_of))


@dataclass(frozen=True, slots=True)
class QuoteLink:
    """What a quote is matched with: its strongest relation and the matched quotes."""

    relation: str  # "same", "partial", or "only" when nothing matches it
    others: tuple[str, ...]  # ids of the quotes it is matched with
    sources: tuple[str, ...]  # article ids of those quotes, other than its own


def quote_links(comparison: Comparison) -> dict[str, QuoteLink]:
    """Quote id → its link; every quote of the comparison is present."""
    article_of = {q.id: q.article for q in comparison.analyses.quotes}
    links: dict[str, QuoteLink] = {}
    for quote in comparison.analyses.quotes:
        matches = [m for m in comparison.analyses.quote_matches if quote.id in m.quotes]
        others = tuple(dict.fromkeys(i for m in matches for i in m.quotes if i != quote.id))
        relations = {str(m.relation) for m in matches}
        relation = "same" if "same" in relations else ("partial" if relations else "only")
        own = quote.article
        elsewhere = (article_of[i] for i in others if article_of.get(i, own) != own)
        sources = tuple(dict.fromkeys(elsewhere))
        links[quote.id] = QuoteLink(relation, others, sources)
    return links


@dataclass(frozen=True, slots=True)
class QuoteLine:
    """A quote in the lists: who carries it, its words and where else it is quoted."""

    quote: Quote
    label: str
    text: str
    relation: str  # "same", "partial" or "only"
    note: str  # "= same in Daily Courier", "only in The Herald"


@dataclass(frozen=True, slots=True)
class SpeakerGroup:
    """The quotes of one speaker (or the unattributed ones)."""

    speaker: str
    attributed: bool
    lines: tuple[QuoteLine, ...]


def quote_groups(comparison: Comparison, names: Mapping[str, str]) -> tuple[SpeakerGroup, ...]:
    """Quotes by speaker, most quoted first (ties in first-seen order), unattributed last."""
    links = quote_links(comparison)
    by_speaker: dict[str | None, list[QuoteLine]] = {}
    for quote in comparison.analyses.quotes:
        link = links[quote.id]
        label = names.get(quote.article, quote.article)
        if link.relation == "only":
            note = f"only in {label}"
        else:
            info = QUOTE_RELATIONS[link.relation]
            where = ", ".join(names.get(s, s) for s in link.sources) or label
            note = f"{info.marker} {info.label} in {where}"
        line = QuoteLine(quote, label, truncate(quote.text, QUOTE_LIMIT), link.relation, note)
        speaker = one_line(quote.speaker) if quote.speaker else None
        by_speaker.setdefault(speaker or None, []).append(line)
    named = sorted((k for k in by_speaker if k is not None), key=lambda k: -len(by_speaker[k]))
    groups = [SpeakerGroup(k, True, tuple(by_speaker[k])) for k in named]
    if None in by_speaker:
        groups.append(SpeakerGroup(UNATTRIBUTED, False, tuple(by_speaker[None])))
    return tuple(groups)


def quoted_once_line(comparison: Comparison, names: Mapping[str, str]) -> str:
    """`Quoted in only one source: The Herald 2, Daily Courier 0`, every article listed."""
    links = quote_links(comparison)
    counts = {a.id: 0 for a in comparison.articles}
    for quote in comparison.analyses.quotes:
        if links[quote.id].relation == "only":
            counts[quote.article] = counts.get(quote.article, 0) + 1
    return "Quoted in only one source: " + ", ".join(
        f"{names.get(k, k)} {n}" for k, n in counts.items()
    )


def format_number(value: float | None) -> str:
    """A number for reading: `20,000`, `2.5`, `?` when missing or not finite."""
    if value is None or not math.isfinite(value):
        return "?"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def format_quantity(quantity: Quantity, with_counted: bool = False) -> str:
    """The normalised value: `around 20,000`, `10–20`, `dozens (24–99)`, `5%`, `2 weeks`;
    with what it counts.

    A stated value keeps its qualifier ("at least 18"); a range shows its bounds, after the
    words of a vague count ("dozens"), never the midpoint that stands for it in `value`.
    """
    low, high, qualifier = quantity.low, quantity.high, quantity.qualifier
    if qualifier and qualifier.lower() in STATED_VALUE_QUALIFIERS:
        number = f"{one_line(qualifier)} {format_number(quantity.value)}"
    elif low is not None and high is not None and low != high:
        number = f"{format_number(low)}–{format_number(high)}"
        if qualifier and qualifier.lower() != "between":
            number = f"{one_line(qualifier)} ({number})"
    elif qualifier:
        number = f"{one_line(qualifier)} ({format_number(quantity.value)})"  # "a dozen (12)"
    else:
        number = format_number(quantity.value)
    if quantity.unit:
        unit = one_line(quantity.unit)
        number += unit if unit == "%" else f" {unit}"
    if with_counted and quantity.counted:
        number += f" {one_line(_as_written(quantity.counted, quantity.text))}"
    return number


def _as_written(counted: str, text: str) -> str:
    """The counted noun as the article writes it next to the number ("years" for "year" in
    "30 years", "Americans" in "30 million Americans"); the lemma when it is not there."""
    if " " in counted:
        return counted
    return next((word for word in re.findall(r"[\w’'-]+", text)
                 if word.lower().startswith(counted.lower())
                 and len(word) - len(counted) <= 3), counted)


@dataclass(frozen=True, slots=True)
class NumberValue:
    """One source's count in a match."""

    label: str
    value: str  # normalised, e.g. "around 20,000"
    text: str  # as the article writes it


@dataclass(frozen=True, slots=True)
class NumberRow:
    """A quantity match: what is counted, how the counts relate, each source's count."""

    relation: str
    marker: str
    counted: str
    values: tuple[NumberValue, ...]
    note: str = ""  # "rose from report to report (20 Mar 2020 → 24 Mar 2020): maybe an update"


@dataclass(frozen=True, slots=True)
class NumbersView:
    """Conflicts first, then agreeing or compatible counts, then counts only one source gives."""

    conflicts: tuple[NumberRow, ...]
    agreements: tuple[NumberRow, ...]
    single: tuple[tuple[str, tuple[str, ...]], ...]  # (source label, compact counts)

    def __bool__(self) -> bool:
        return bool(self.conflicts or self.agreements or self.single)


def over_time(match: QuantityMatch, by_id: Mapping[str, Quantity],
              published: Mapping[str, str | None]) -> str:
    """For conflicting counts of a named thing reported on different days that rise from
    each report to the next (a toll, a tally), a note saying so; else ""."""
    if match.relation != QuantityRelation.CONFLICT or not match.counted:
        return ""
    dated = []
    for quantity in (by_id[i] for i in match.quantities if i in by_id):
        day = _day(published.get(quantity.article))
        if day is None:
            return ""
        dated.append((day, quantity.value))
    days = sorted({day for day, _ in dated})
    if len(days) < 2 or any(len({v for d, v in dated if d == day}) > 1 for day in days):
        return ""
    values = [next(v for d, v in dated if d == day) for day in days]
    if not all(a < b for a, b in pairwise(values)):
        return ""
    first, last = (f"{d.day} {d:%b %Y}" for d in (days[0], days[-1]))
    return f"rose from report to report ({first} → {last}): maybe an update"


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def _number_row(
    match: QuantityMatch, by_id: Mapping[str, Quantity], names: Mapping[str, str],
    published: Mapping[str, str | None],
) -> NumberRow:
    info = QUANTITY_RELATIONS.get(str(match.relation), Marker(str(match.relation), "?", ""))
    values = tuple(
        NumberValue(
            names.get(by_id[i].article, by_id[i].article),
            format_quantity(by_id[i]),
            one_line(by_id[i].text),
        )
        for i in match.quantities
        if i in by_id
    )
    counted = one_line(match.counted) if match.counted else "(unspecified)"
    return NumberRow(info.label, info.marker, counted, values, over_time(match, by_id, published))


def numbers_view(comparison: Comparison, names: Mapping[str, str]) -> NumbersView:
    """The Numbers section's content."""
    by_id = {q.id: q for q in comparison.analyses.quantities}
    published = {a.id: a.article.published for a in comparison.articles}
    rows = [_number_row(m, by_id, names, published)
            for m in comparison.analyses.quantity_matches]
    matched = {i for m in comparison.analyses.quantity_matches for i in m.quantities}
    single: dict[str, list[str]] = {}
    for quantity in comparison.analyses.quantities:
        if quantity.id not in matched:
            label = names.get(quantity.article, quantity.article)
            single.setdefault(label, []).append(format_quantity(quantity, with_counted=True))
    return NumbersView(
        tuple(r for r in rows if r.relation == "conflict"),
        tuple(r for r in rows if r.relation != "conflict"),
        tuple((label, tuple(items)) for label, items in single.items()),
    )


def quantity_title(quantity: Quantity) -> str:
    """The tooltip of a quantity in the article text."""
    return format_quantity(quantity, with_counted=True)


def warning_lines(comparison: Comparison) -> tuple[str, ...]:
    """The warnings, each on one line."""
    return tuple(one_line(w) for w in comparison.analyses.warnings if w.strip())
