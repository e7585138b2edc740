"""What the number and date rules read off one sentence's tokens: counts and dates.

- `counts`: numbers with what they count ("26 protesters") and the event their clause
  reports ("died"), with the bounds a qualifier or a vague word gives them ("at least
  18", "dozens"); not dates, times, years, labels ("No. 2") or relative counts ("two more
  debates").
- `dates`: absolute calendar dates ("Jan. 7", "January 2022", "2022-01-07", "in 2019");
  weekdays and "yesterday" are left out, because two articles resolve them against
  different days.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from parallax.align.numbers import number_spans
from parallax.analyse.contradictions.lexicon import COUNTED_SYNONYMS, LIGHT_VERBS, REPORTING
from parallax.analyse.contradictions.reading import NOMINAL, breaks
from parallax.analyse.dates.rules import scan
from parallax.analyse.quantities.words import (
    CURRENCY_SYMBOLS,
    DIES,
    LABELS,
    QUALIFIERS,
    STATES,
    SYNONYMS,
    TIME_AFTER,
    UNDERGOES,
    VAGUE,
)
from parallax.types import Sentence, Token

# Words after a number that make it relative to another count: "two more debates".
RELATIVE_COUNTS = frozenset({"more", "other", "additional", "further", "new", "remaining",
                             "extra", "fewer", "less"})
_YEAR_PREPOSITIONS = frozenset({"in", "since", "until", "by", "before", "after", "during"})
EVENT_WINDOW = 6  # words between a count and the verb of its event
"""Chosen by hand on example sentences ("26 protesters had lost their lives"), not calibrated
on a data set."""


@dataclass(frozen=True, slots=True)
class Count:
    """A number, what it counts and the event of its clause: "26 protesters died"."""

    low: float
    high: float
    thing: str  # canonical lemma of the counted noun, or the unit ("%", "USD")
    unit: str | None
    event: str | None  # "dead", "injured" … or the verb's lemma
    names: tuple[frozenset[str], frozenset[str]]  # nouns of its clause before and after
    # it: whose 48 % it is, and where
    text: str
    round: bool  # written with a scale word or trailing zeros: "20K", "1.2 million"


@dataclass(frozen=True, slots=True)
class DateRef:
    """An absolute calendar date, as far as the text gives it."""

    year: int | None
    month: int | None
    day: int | None
    text: str


def _canonical(lemma: str) -> str:
    return next((min(group) for group in (*SYNONYMS, *COUNTED_SYNONYMS) if lemma in group),
                lemma)


def _event(tokens: Sequence[Token], first: int, after: int) -> str | None:
    """The event of a count's clause: the first verb after it in its clause, else the
    last one before it ("26 protesters died", "police killed 26 protesters")."""
    forward = range(after, min(len(tokens), after + EVENT_WINDOW))
    backward = range(first - 1, max(-1, first - 1 - EVENT_WINDOW), -1)
    for window in (forward, backward):
        for j in window:
            token = tokens[j]
            if breaks(token):
                break
            lemma = token.lemma
            if (token.pos == "VERB" and lemma not in REPORTING | LIGHT_VERBS) \
                    or lemma in STATES:
                return DIES.get(lemma) or UNDERGOES.get(lemma) or STATES.get(lemma) or lemma
    return None


def _names(tokens: Sequence[Token], first: int, after: int,
           ) -> tuple[frozenset[str], frozenset[str]]:
    """The nouns and names of the clause before `first` (whose count it is: the tagger
    often takes a surname for a noun) and the names after `after` (where: "in Iowa")."""
    found: list[frozenset[str]] = []
    for window, kinds in ((range(first - 1, -1, -1), NOMINAL),
                          (range(after, len(tokens)), frozenset({"PROPN"}))):
        names: set[str] = set()
        for j in window:
            if breaks(tokens[j]):
                break
            if tokens[j].pos in kinds and not tokens[j].is_stop:
                names.add(tokens[j].lemma)
        found.append(frozenset(names))
    return found[0], found[1]


def _thing(tokens: Sequence[Token], after: int) -> tuple[str | None, int]:
    """The head noun a number counts ("20,000 “bandits”", "26 of the protesters") and the
    index after it; the last noun of a compound ("security officers" → officer)."""
    j = after
    while j < len(tokens) and j < after + 4 and (
            tokens[j].pos in ("ADJ", "DET", "PUNCT", "NUM", "ADV")
            or tokens[j].text.lower() in ("of", "more", "than")):
        if breaks(tokens[j]) and tokens[j].text != "-":
            return None, after
        j += 1
    if j >= len(tokens) or tokens[j].pos not in NOMINAL:
        return None, after
    if tokens[j].lemma == "dozen":
        return "dozen", j + 1
    while j + 1 < len(tokens) and tokens[j + 1].pos in NOMINAL:
        j += 1
    return _canonical(tokens[j].lemma), j + 1


def _bounds(words: Sequence[str], first: int, value: float) -> tuple[float, float, int]:
    """The bounds the qualifier before `first` gives a value ("at least 18" → 18..inf),
    and how many words the qualifier has."""
    for size in (3, 2, 1):
        phrase = tuple(words[max(0, first - size):first])
        if len(phrase) == size and phrase in QUALIFIERS:
            low, high = QUALIFIERS[phrase]
            return (value * low if low is not None else 0.0,
                    value * high if high is not None else math.inf, size)
    return value, value, 0


def _labelled(words: Sequence[str], first: int) -> bool:
    """Whether a number is a label: "Article 12", "No. 7" (tokenised "No", ".", "7")."""
    before = [w for w in words[max(0, first - 2):first] if w != "."]
    return bool(before) and before[-1].rstrip(".") in LABELS


def _relative(words: Sequence[str], last: int) -> bool:
    """Whether a count is relative to another: "two more debates", "five new cases"."""
    return last < len(words) and words[last] in RELATIVE_COUNTS \
        and (last + 1 >= len(words) or words[last + 1] != "than")


def counts(sentence: Sentence) -> list[Count]:
    """The counts of a sentence: numbers (not dates, times, years or labels) with the
    noun they count, and vague counts ("dozens of protesters")."""
    tokens = sentence.tokens
    words = [t.text.lower() for t in tokens]
    dated = [(r.start + sentence.start, r.end + sentence.start) for r in scan(sentence.text)]
    found = []
    for span in number_spans(tokens):
        first, last = span.first, span.last
        text = tokens[first].text
        if any(s < tokens[last - 1].end and tokens[first].start < e for s, e in dated) \
                or _labelled(words, first) or _relative(words, last) \
                or (last < len(tokens) and words[last] in TIME_AFTER) \
                or (text.isdigit() and len(text) == 4 and 1800 <= span.value <= 2100):
            continue
        value = span.value
        unit = CURRENCY_SYMBOLS.get(words[first - 1]) if first else None
        start = first - 1 if unit else first
        if last < len(tokens) and words[last] in ("%", "percent"):
            unit, last = "%", last + 1
        thing, end = _thing(tokens, last)
        if thing == "dozen":  # "two dozen actions", "two-dozen executive actions"
            value, (thing, end) = value * 12, _thing(tokens, end)
        if unit:
            thing, end = unit if thing is None else f"{unit} {thing}", max(end, last)
        if thing is None:
            continue
        low, high, qualifier = _bounds(words, start, value)
        found.append(Count(
            low, high, thing, unit, _event(tokens, start, end), _names(tokens, start, end),
            sentence.text[tokens[start - qualifier].start - sentence.start:tokens[end - 1].end
                          - sentence.start],
            round=last - first > 1 or text.rstrip("0") != text or not text.isdigit(),
        ))
    i = 0
    while i < len(words):
        size = next((n for n in (3, 2, 1) if tuple(words[i:i + n]) in VAGUE), 0)
        if size:
            thing, end = _thing(tokens, i + size)
            if thing is not None:
                low, high = VAGUE[tuple(words[i:i + size])]
                found.append(Count(low, high, thing, None, _event(tokens, i, end),
                                   _names(tokens, i, end),
                                   " ".join(t.text for t in tokens[i:end]), round=True))
        i += max(size, 1)
    return found


def dates(sentence: Sentence) -> list[DateRef]:
    """The absolute dates of a sentence: days, year-less days, months, and years after a
    preposition ("ends in 2019"; "the 2016 race" names an event, not its date)."""
    text = sentence.text

    def year_ok(start: int, end: int) -> bool:
        before = text[:start].split()
        return bool(before) and before[-1].lower() in _YEAR_PREPOSITIONS

    return [
        DateRef(raw.year, raw.month, raw.day, text[raw.start:raw.end])
        for raw in scan(text, year_ok) if raw.kind in ("day", "yearless", "month", "year")
    ]
