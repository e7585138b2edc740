"""What the contradiction rules read off one sentence's tokens: content and predicates.

- `content`: the lemmas that say what the sentence is about (nouns, names, verbs,
  adjectives; no stop words, verbs of saying or light verbs), for the overlap gates.
- `predicates`: each verb or predicative adjective with its polarity (a negator within
  four words before it, inside its clause: "did not reopen", "has never been open",
  "failed to reopen", "has yet to respond"), whether it is asserted at all (not after
  "whether", "if" or a word of speculation, nor an infinitive or "-ing" form another verb
  governs), its voice, the modal that governs it, and the nouns of its subject and object
  (the nouns before and after it inside its clause) to tell "Trump won" from "Clinton won".

Counts and dates are read in `contradiction_counts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parallax.analyse.contradictions.lexicon import (
    ANTONYM_TERMS,
    ATTITUDE_NOUNS,
    ATTITUDES,
    CERTAIN,
    CLAUSE_BREAKS,
    HEDGES,
    IMPLICATIVE_VERBS,
    LIGHT_VERBS,
    NEGATING_VERBS,
    NEGATORS,
    POSSIBLE,
    REPORTING,
)
from parallax.types import Sentence, Token

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
NOMINAL = frozenset({"NOUN", "PROPN"})
_PREDICATE_POS = frozenset({"VERB", "ADJ"})
# Verbs a subject is looked for through: "the airport remained closed", "is seen as open".
_LINKING = frozenset({"be", "remain", "stay", "become", "seem", "appear", "keep", "look"})
NEGATION_WINDOW = 4  # words before a predicate a negator may stand: "has not yet been"
"""Chosen by hand on example sentences, not calibrated on a data set."""
ARGUMENT_WINDOW = 8  # words a subject or object may span
"""Chosen by hand on example sentences, not calibrated on a data set."""


@dataclass(frozen=True, slots=True)
class Predicate:
    """A verb or adjective of a sentence with its polarity, modality and arguments."""

    lemma: str
    pos: str
    index: int
    phrase: str  # the predicate with its auxiliaries and negator: "did not reopen"
    negated: bool  # a negator stands right before it: "did not reopen"
    clean: bool  # no negator anywhere before it in its clause ("not the intent … to X")
    hedged: bool  # not asserted: after "whether", "if", "unless" or a word of belief or
    # speculation ("speculated that", "the idea that"), in a question, an infinitive
    # ("compel Mexico to pay") or an "-ing" form ("supporting him")
    modal: str | None  # "certain" (will, must), "possible" (may, might, could) or None
    passive: bool  # "was sent": its subject is what the active verb's object would be
    subject: frozenset[str]
    object: frozenset[str]


def content(sentence: Sentence) -> frozenset[str]:
    """The content lemmas of a sentence (see the module docstring)."""
    return frozenset(
        t.lemma for t in sentence.tokens
        if t.pos in _CONTENT_POS and not t.is_stop and any(c.isalpha() for c in t.lemma)
        and t.lemma not in REPORTING and t.lemma not in LIGHT_VERBS
    )


def breaks(token: Token) -> bool:
    """Whether a token ends a clause: punctuation (quotation marks aside) or a clause word."""
    return (token.pos == "PUNCT" and token.text not in "\"'“”‘’") or \
        token.text.lower() in CLAUSE_BREAKS


def _to_before(tokens: Sequence[Token], i: int) -> int | None:
    """The index of the "to" of an infinitive ("to pass", "to adequately respond")."""
    j = i - 1
    while j >= 0 and tokens[j].pos == "ADV":
        j -= 1
    return j if j >= 0 and tokens[j].text.lower() == "to" else None


def _negated(tokens: Sequence[Token], i: int) -> bool:
    to = _to_before(tokens, i)
    if to is not None and to >= 1 and (
            (tokens[to - 1].pos == "VERB" and tokens[to - 1].lemma in NEGATING_VERBS)
            or tokens[to - 1].text.lower() == "yet"):
        return True  # "failed to pass", "has yet to adequately respond"
    for j in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
        token = tokens[j]
        if token.text.lower() in NEGATORS or token.lemma in NEGATORS:
            following = tokens[j + 1].text.lower()
            return following not in ("only", "just")  # "not only … but also"
        if token.pos == "VERB" or breaks(token):
            return False
    return False


def _clean(tokens: Sequence[Token], i: int) -> bool:
    """No negator before a predicate in its clause, coordination included: "could not
    confirm, deny or comment" negates "comment" too."""
    for j in range(i - 1, -1, -1):
        if tokens[j].text.lower() in NEGATORS or tokens[j].lemma in NEGATORS:
            return False
        if breaks(tokens[j]) and tokens[j].text.lower() not in (",", "and", "or", "nor"):
            return True
    return True


def _modal(tokens: Sequence[Token], i: int) -> str | None:
    for j in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
        token = tokens[j]
        if token.pos == "AUX" and token.lemma in CERTAIN:
            return "certain"
        if token.pos == "AUX" and token.lemma in POSSIBLE:
            return "possible"
        if token.pos == "VERB" or breaks(token):
            return None
    return None


def _argument(tokens: Sequence[Token], indices: range) -> frozenset[str]:
    found: set[str] = set()
    for j in indices:
        token = tokens[j]
        if breaks(token) or (token.pos == "VERB" and token.lemma not in _LINKING):
            break
        if token.pos in NOMINAL and not token.is_stop:
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


def _non_finite(tokens: Sequence[Token], i: int) -> bool:
    """Whether a verb is not asserted for its own sake: an infinitive after "to" that
    another verb governs ("wants to run"; but "failed to pass" is a negated assertion,
    "voted to approve" an assertion), or an "-ing" form with no auxiliary ("supporting
    him could hurt")."""
    if tokens[i].pos != "VERB":
        return False
    if tokens[i].text.lower().endswith("ing"):
        return not any(t.pos == "AUX" for t in tokens[max(0, i - 3):i])
    to = _to_before(tokens, i)
    return to is not None and not (to >= 1 and (
        (tokens[to - 1].pos == "VERB" and tokens[to - 1].lemma in NEGATING_VERBS
         | IMPLICATIVE_VERBS)
        or tokens[to - 1].text.lower() == "yet"))


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
    hedge = next((i for i, t in enumerate(tokens)
                  if t.text.lower() in HEDGES or t.lemma in ATTITUDES
                  or (t.pos == "NOUN" and t.lemma in ATTITUDE_NOUNS)), len(tokens))
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
            hedged=question or i > hedge or _non_finite(tokens, i), modal=_modal(tokens, i),
            passive=_passive(tokens, i),
            subject=_argument(tokens, range(i - 1, max(-1, i - 1 - ARGUMENT_WINDOW), -1)),
            object=_argument(tokens, range(i + 1, min(len(tokens), i + 1 + ARGUMENT_WINDOW))),
        ))
    return found


