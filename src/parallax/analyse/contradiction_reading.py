"""What the contradiction rules read off one annotated sentence, from its tokens alone.

- `content`: the lemmas that say what the sentence is about (nouns, names, verbs,
  adjectives; no stop words, verbs of saying or light verbs), for the overlap gates.
- `predicates`: each verb or adjective with its polarity (a negator within four words
  before it, inside its clause: "did not reopen", "has never been open", "failed to
  reopen"), the modal that governs it, and the nouns of its subject and object (the
  nouns before and after it inside its clause) to tell "Trump won" from "Clinton won".
- `counts`: numbers with what they count ("26 protesters") and the event their clause
  reports ("died"), with the bounds a qualifier or a vague word gives them.
- `dates`: absolute calendar dates ("Jan. 7", "January 2022", "2022-01-07"); weekdays and
  "yesterday" are left out, because two articles resolve them against different days.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from parallax.align.numbers import number_spans
from parallax.analyse.contradiction_lexicon import (
    ANTONYM_TERMS,
    CERTAIN,
    CLAUSE_BREAKS,
    COUNTED_SYNONYMS,
    HEDGES,
    IMPLICATIVE_VERBS,
    LIGHT_VERBS,
    NEGATING_VERBS,
    NEGATORS,
    POSSIBLE,
    REPORTING,
)
from parallax.analyse.date_rules import scan
from parallax.analyse.quantity_words import (
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

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_PREDICATE_POS = frozenset({"VERB", "ADJ"})
# Verbs a subject is looked for through: "the airport remained closed", "is seen as open".
_LINKING = frozenset({"be", "remain", "stay", "become", "seem", "appear", "keep", "look"})
_YEAR_PREPOSITIONS = frozenset({"in", "since", "until", "by", "before", "after", "during"})
NEGATION_WINDOW = 4  # words before a predicate a negator may stand: "has not yet been"
ARGUMENT_WINDOW = 8  # words a subject or object may span
EVENT_WINDOW = 6  # words between a count and the verb of its event


@dataclass(frozen=True, slots=True)
class Predicate:
    """A verb or adjective of a sentence with its polarity, modality and arguments."""

    lemma: str
    pos: str
    index: int
    phrase: str  # the predicate with its auxiliaries and negator: "did not reopen"
    negated: bool  # a negator stands right before it: "did not reopen"
    clean: bool  # no negator anywhere before it in its clause ("not the intent … to X")
    hedged: bool  # after "whether", "if" or "unless", in a question, or an infinitive
    # ("compel Mexico to pay", "urged him to veto"): not asserted
    modal: str | None  # "certain" (will, must), "possible" (may, might, could) or None
    passive: bool  # "was sent": its subject is what the active verb's object would be
    subject: frozenset[str]
    object: frozenset[str]


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


def content(sentence: Sentence) -> frozenset[str]:
    """The content lemmas of a sentence (see the module docstring)."""
    return frozenset(
        t.lemma for t in sentence.tokens
        if t.pos in _CONTENT_POS and not t.is_stop and any(c.isalpha() for c in t.lemma)
        and t.lemma not in REPORTING and t.lemma not in LIGHT_VERBS
    )


def _breaks(token: Token) -> bool:
    return (token.pos == "PUNCT" and token.text not in "\"'“”‘’") or \
        token.text.lower() in CLAUSE_BREAKS


def _negated(tokens: Sequence[Token], i: int) -> bool:
    if i >= 2 and tokens[i - 1].text.lower() == "to" and tokens[i - 2].lemma in NEGATING_VERBS:
        return True
    for j in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
        token = tokens[j]
        if token.text.lower() in NEGATORS or token.lemma in NEGATORS:
            following = tokens[j + 1].text.lower()
            return following not in ("only", "just")  # "not only … but also"
        if token.pos == "VERB" or _breaks(token):
            return False
    return False


def _clean(tokens: Sequence[Token], i: int) -> bool:
    for j in range(i - 1, -1, -1):
        if tokens[j].text.lower() in NEGATORS or tokens[j].lemma in NEGATORS:
            return False
        if _breaks(tokens[j]):
            return True
    return True


def _modal(tokens: Sequence[Token], i: int) -> str | None:
    for j in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
        token = tokens[j]
        if token.pos == "AUX" and token.lemma in CERTAIN:
            return "certain"
        if token.pos == "AUX" and token.lemma in POSSIBLE:
            return "possible"
        if token.pos == "VERB" or _breaks(token):
            return None
    return None


def _argument(tokens: Sequence[Token], indices: range) -> frozenset[str]:
    found: set[str] = set()
    for j in indices:
        token = tokens[j]
        if _breaks(token) or (token.pos == "VERB" and token.lemma not in _LINKING):
            break
        if token.pos in _NOMINAL and not token.is_stop:
            found.add(token.lemma)
    return frozenset(found)


def _phrase(sentence: Sentence, i: int) -> str:
    tokens = sentence.tokens
    first = i
    while first > max(0, i - NEGATION_WINDOW) and (
            tokens[first - 1].pos in ("AUX", "PART") or tokens[first - 1].lemma in _LINKING
            or tokens[first - 1].text.lower() in NEGATORS | {"yet", "also", "still"}):
        first -= 1
    return sentence.text[tokens[first].start - sentence.start:tokens[i].end - sentence.start]


def _passive(tokens: Sequence[Token], i: int) -> bool:
    """Whether a verb is a passive participle: a form of "be" or "get" right before it,
    adverbs and negators aside ("was sent", "has not been reopened"). A participle right
    after a noun ("a photo sent from his account") cannot be told from a past tense
    ("the airport reopened") without a tagger's fine tags, and counts as active."""
    if tokens[i].pos != "VERB" or tokens[i].text.lower() == tokens[i].lemma:
        return False
    for j in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
        if tokens[j].lemma in ("be", "get") and tokens[j].pos == "AUX":
            return True
        if tokens[j].pos not in ("ADV", "PART"):
            return False
    return False


def _infinitive(tokens: Sequence[Token], i: int) -> bool:
    """Whether a verb is a bare infinitive after "to" that another verb governs ("wants
    to run"); "failed to pass" is a negated assertion instead (`_negated`), "voted to
    approve" an assertion."""
    return i >= 1 and tokens[i - 1].text.lower() == "to" and tokens[i].pos == "VERB" \
        and not (i >= 2 and tokens[i - 2].lemma in NEGATING_VERBS | IMPLICATIVE_VERBS)


def _predicative(tokens: Sequence[Token], i: int) -> bool:
    """Whether an adjective is said of something ("is open", "remained closed", "not
    guilty"), not a modifier ("the super PAC")."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if tokens[j].pos == "AUX" or tokens[j].lemma in _LINKING:
            return True
        if tokens[j].pos not in ("ADV", "PART"):
            return False
    return False


def predicates(sentence: Sentence) -> list[Predicate]:
    """The verbs and predicative adjectives of a sentence that can carry its claim;
    an adjective of the antonym lexicon counts wherever it stands ("found him guilty")."""
    tokens = sentence.tokens
    question = sentence.text.rstrip(" \"'”’)").endswith("?")
    hedge = next((i for i, t in enumerate(tokens) if t.text.lower() in HEDGES), len(tokens))
    found = []
    for i, token in enumerate(tokens):
        if token.pos not in _PREDICATE_POS or not token.lemma.isalpha() \
                or token.lemma in REPORTING or token.lemma in LIGHT_VERBS \
                or (token.pos == "ADJ" and token.lemma not in ANTONYM_TERMS
                    and not _predicative(tokens, i)):
            continue
        found.append(Predicate(
            lemma=token.lemma, pos=token.pos, index=i, phrase=_phrase(sentence, i),
            negated=_negated(tokens, i), clean=_clean(tokens, i),
            hedged=question or i > hedge or _infinitive(tokens, i), modal=_modal(tokens, i),
            passive=_passive(tokens, i),
            subject=_argument(tokens, range(i - 1, max(-1, i - 1 - ARGUMENT_WINDOW), -1)),
            object=_argument(tokens, range(i + 1, min(len(tokens), i + 1 + ARGUMENT_WINDOW))),
        ))
    return found


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
            if _breaks(token):
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
    for window, kinds in ((range(first - 1, -1, -1), _NOMINAL),
                          (range(after, len(tokens)), frozenset({"PROPN"}))):
        names: set[str] = set()
        for j in window:
            if _breaks(tokens[j]):
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
        if _breaks(tokens[j]) and tokens[j].text != "-":
            return None, after
        j += 1
    if j >= len(tokens) or tokens[j].pos not in _NOMINAL:
        return None, after
    if tokens[j].lemma == "dozen":
        return "dozen", j + 1
    while j + 1 < len(tokens) and tokens[j + 1].pos in _NOMINAL:
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
                or (first and words[first - 1] in LABELS) \
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
