"""Coreference evidence: where an article itself says that two of its labels name one actor.

Read off the tokens of one sentence, between two labels, without a parser:

- a body of people and its people: "a caravan of (hundreds of) Central American migrants",
  "a group of activists"; "migrants in the caravan", "members of the caravan", "caravan
  participants";
- apposition: "the migrants, a caravan of …" (a determiner, and no list: "migrants,
  refugees and …", "leaders' offices, officials said");
- copula: "the marchers are asylum seekers" (not negated);
- naming: "protesters, whom he called terrorists", "called the protesters terrorists",
  "migrants known as / described as / dubbed …".

Words between two labels can also say they are two actors: "supporters of the caravan",
"lawyers for the migrants", "the caravan's organizers", "the migrants and their supporters"
(but "the caravan and its members" are one).
Evidence from any compared article holds for all of them (`actors`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from parallax.analyse.framing.labels import Occurrence
from parallax.types import Sentence, Token

__all__ = ["COLLECTIVES", "Evidence", "label_evidence"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Pairs of labels (each sorted) said to name one actor, and pairs said to name two."""

    same: set[tuple[str, str]]
    distinct: set[tuple[str, str]]


COLLECTIVES = frozenset({
    "caravan", "convoy", "throng", "horde", "gang", "militia", "delegation", "contingent",
    "procession", "congregation", "crowd", "mob", "group", "band", "wave", "flood", "column"})
"""Labels for a body of people, which "of" joins to the people it is made of."""
_MEMBERS = frozenset({"member", "participant"})
"""Labels for the people of a body: "members of the caravan" are its people; "supporters of
the caravan" are not."""
_INSIDE = frozenset({"in", "inside", "within", "aboard", "among"})
_QUANTITIES = frozenset({"hundred", "thousand", "dozen", "million", "score", "number", "lot",
                         "band", "bunch"})
_NAMING = frozenset({"call", "dub", "brand", "label", "term", "describe", "know", "refer",
                     "name"})
_LIST = frozenset({",", "and", "or", "&", "/"})


def _is(token: Token, *words: str) -> bool:
    return token.text.lower() in words


def _filler(tokens: Iterable[Token]) -> bool:
    """Only determiners, numbers, adjectives, names and "of" quantities ("hundreds of")."""
    return all(t.pos in {"DET", "NUM", "ADJ", "PROPN", "ADV"} or t.like_num
               or t.lemma.lower() in _QUANTITIES or _is(t, "of") for t in tokens)


def _phrase_start(tokens: Sequence[Token], i: int) -> int:
    """Where the noun phrase ending in token `i` starts (its modifiers and determiner)."""
    first = i
    while first > 0 and tokens[first - 1].pos in {"NOUN", "PROPN", "ADJ", "NUM", "DET"}:
        first -= 1
    return first


_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def _relation(tokens: Sequence[Token], i: int, x: str, j: int, y: str) -> bool | None:
    """Whether the words from label `x` at `i` to label `y` at `j` say they name one actor
    (True), two (False), or neither."""
    gap = tokens[i + 1:_phrase_start(tokens, j)]
    phrase = tokens[_phrase_start(tokens, j):j]
    words = [t.text.lower() for t in gap]
    if not gap:  # "caravan participants"; "called the protesters terrorists"
        compound = x in COLLECTIVES and y in _MEMBERS and i + 1 == j
        start = _phrase_start(tokens, i)
        named = i + 1 == j and start > 0 and tokens[start - 1].lemma.lower() in _NAMING
        return True if compound or named else None
    if words == ["'s"] or words == ["’s"]:  # "the caravan's members" / "organizers"
        return x in COLLECTIVES and y in _MEMBERS
    if words[0] == "of" and x in COLLECTIVES:
        return _filler(gap) or None
    if words[0] in _INSIDE | {"of", "from"} and y in COLLECTIVES and _filler(gap[1:]):
        return words[0] != "of" or x in _MEMBERS
    if words[0] in {"of", "for"} and _filler(gap[1:]):
        return False  # "supporters of the migrants", "lawyers for the migrants"
    if y not in _MEMBERS and any(_is(t, "their", "its") for t in gap) and all(
            _filler([t]) or _is(t, "and", ",", "their", "its") for t in gap):
        return False  # "the migrants and their supporters"
    if words[0] == "," and len(gap) == 1:
        after = tokens[j + 1] if j + 1 < len(tokens) else None
        return (bool(phrase) and phrase[0].pos == "DET" and not any(
            _is(t, "and", "or") for t in phrase) and (
            after is None or after.text.lower() not in _LIST | _POSSESSIVE)) or None
    if any(t.is_negation for t in gap):
        return None
    if gap[0].lemma.lower() == "be" and _filler(gap[1:]):
        return True
    return _named(gap) or None


def _named(gap: Sequence[Token]) -> bool:
    """"X, whom he called Y", "X they described as Y", "X known as Y", "X are called Y"; not
    "X who called Y", where X do the naming."""
    naming = [k for k, t in enumerate(gap) if t.lemma.lower() in _NAMING]
    if not naming or len(gap) > 5 or not _filler(
            t for t in gap[naming[-1] + 1:] if not _is(t, "as", "to")):
        return False
    before = gap[naming[-1] - 1] if naming[-1] > 0 else None
    return before is None or before.text == "," or before.lemma.lower() == "be" or (
        before.pos in {"PRON", "PROPN"} and not _is(before, "who", "which", "that"))


def label_evidence(sentences: Sequence[Sentence],
                   occurrences: Sequence[Occurrence]) -> Evidence:
    """The pairs of distinct labels (each sorted) that an article says name one actor, and
    those it says name two."""
    by_sentence = {s.index: s for s in sentences}
    at: dict[int, dict[int, str]] = {}
    for o in occurrences:
        sentence = by_sentence.get(o.sentence)
        if sentence is None:
            continue
        index = next((k for k, t in enumerate(sentence.tokens) if t.start == o.start), None)
        if index is not None:
            at.setdefault(o.sentence, {})[index] = o.sense.label
    evidence = Evidence(set(), set())
    for number, labels in at.items():
        tokens = by_sentence[number].tokens
        positions = sorted(labels)
        for i, j in pairwise(positions):
            x, y = labels[i], labels[j]
            relation = _relation(tokens, i, x, j, y) if x != y else None
            if relation is not None:
                (evidence.same if relation else evidence.distinct).add((min(x, y), max(x, y)))
    return evidence
