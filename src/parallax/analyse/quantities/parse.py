"""What a number counts and what its clause says happened, from a spaCy dependency parse.

Annotated tokens keep no dependency heads, so the parse of the paragraphs that hold
quantities comes from annotate's (`ParsedArticle.paragraph_docs`). Per quantity:

- `counted`: the noun the number modifies ("26 protesters" → "protester"; compounds kept:
  "security officer"), the object of "of" ("hundreds of civilians" → "civilian"), or the
  subject a count is reached by ("the death toll rose to 164" → "death toll"); with no noun
  ("another 18 were injured", "Dozens have died") the clause's state: "injured", "dead".
  Such a count, or one of "people" with such a state, is `generic`: a total of all kinds;
- `event`: what happens to the counted in its clause — "dead" (died, were killed, lost
  their lives), "injured", "detained", …, else the verb lemma ("attack"), suffixed
  ":agent" / ":object" where the role matters ("kill:agent" counts killers, not victims).

Past paragraphs holding `MAX_PARSED` sentences an article's counts are read from
part-of-speech tags alone (the next noun; no event), with a warning: a 5,000-sentence
article, which may no longer be in the cache of parsed paragraphs, stays fast.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from parallax.analyse.quantities.words import DEATH_NOUNS, DIES, STATES, UNDERGOES
from parallax.annotate.pipeline import ParsedArticle, paragraph_spans
from parallax.types import Sentence, Token

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Token as SpacyToken

log = logging.getLogger(__name__)

MAX_PARSED = 500
"""A safety limit, not calibrated: keeps a very long article's counts fast (module docstring)."""
_NOUNS = ("NOUN", "PROPN")
_NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "dative"})
_BETWEEN_DEPS = frozenset({"compound", "amod", "nummod", "quantmod", "punct", "det", "prep",
                           "nmod", "poss", "case"})
_EVERYONE = frozenset({"people", "person"})  # "44 people died": a total, like "44 died"
_CLOSING_QUOTES = "”\"'’»"


class Located(Protocol):
    """What the reader needs of a candidate quantity."""

    @property
    def sentence(self) -> Sentence: ...
    @property
    def first(self) -> int: ...
    @property
    def last(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def unit(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Reading:
    """What one quantity counts, read from its sentence."""

    counted: str | None
    head: str | None  # the counted noun's lemma without compounds
    phrase: str | None  # the counted noun with its conjuncts, for embeddings
    event: str | None
    generic: bool  # counted read off the clause ("Dozens have died"), not a noun
    end: int  # where the quantity's text ends once the counted noun is included


def _noun_phrase(noun: SpacyToken, group: set[int] | None = None) -> tuple[str, str, str]:
    """(counted, head, phrase): "security officer", "officer", "criminal and terrorist".

    Compounds inside the number itself (the "K" of "20 K criminals") are left out.
    """
    compounds = [c.lemma_.lower() for c in noun.lefts if c.dep_ == "compound"
                 and c.pos_ in _NOUNS and c.i not in (group or ())]
    head = noun.lemma_.lower()
    counted = " ".join([*compounds, head])
    conjuncts = [c.lemma_.lower() for c in noun.conjuncts if c.pos_ in _NOUNS][:3]
    return counted, head, " and ".join([counted, *conjuncts])


def _of_object(tokens: Sequence[SpacyToken], group: set[int]) -> SpacyToken | None:
    for token in tokens:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i not in group:
                objects = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in _NOUNS]
                if objects:
                    return objects[0]
    return None


def event_of(top: SpacyToken) -> str | None:
    """What the clause says happens to the noun phrase headed by `top`."""
    while top.dep_ in ("conj", "appos") and top.head.pos_ in (*_NOUNS, "NUM") \
            and top.head is not top:
        top = top.head
    verb = top.head
    if top.dep_ == "pobj" and verb.dep_ == "agent":
        lemma = verb.head.lemma_.lower()
        return f"{lemma}:agent"
    if top.dep_ not in _ARGUMENT_DEPS or verb.pos_ not in ("VERB", "AUX"):
        return None
    patient = top.dep_ in ("nsubjpass", "dobj", "obj")
    lemma = verb.lemma_.lower()
    if lemma == "be":
        states = [STATES[c.lower_] for c in verb.children
                  if c.dep_ in ("acomp", "attr") and c.lower_ in STATES]
        return states[0] if states else None
    if lemma in DIES and not patient:
        return DIES[lemma]
    if lemma == "lose" and any(c.dep_ == "dobj" and c.lemma_.lower() == "life"
                               for c in verb.children):
        return "dead"
    if lemma in UNDERGOES:
        return UNDERGOES[lemma] if patient else f"{lemma}:agent"
    return f"{lemma}:object" if patient else lemma


def _toll(top: SpacyToken) -> SpacyToken | None:
    """The subject a count is reached by: "the death toll rose to 164" → toll."""
    if top.dep_ == "pobj" and top.head.lower_ in ("to", "at") and top.head.head.pos_ == "VERB":
        subjects = [c for c in top.head.head.children if c.dep_ == "nsubj" and c.pos_ in _NOUNS]
        return subjects[0] if subjects else None
    return None


def _extended_end(doc: Doc, offset: int, last: SpacyToken, noun: SpacyToken, end: int) -> int:
    """The quantity's end, moved over the counted noun when it directly follows."""
    between = doc[last.i + 1:noun.i]
    if noun.i <= last.i or len(between) > 4 or any(t.dep_ not in _BETWEEN_DEPS for t in between):
        return end
    new_end = offset + noun.idx + len(noun.text)
    opened = any(t.is_quote for t in between)
    if opened and noun.i + 1 < len(doc) and doc[noun.i + 1].text in _CLOSING_QUOTES:
        new_end += len(doc[noun.i + 1].text)
    return max(end, new_end)


def read_parsed(doc: Doc, offset: int, c: Located) -> Reading:
    """The reading of a candidate from its parsed paragraph (`offset`: the paragraph's start)."""
    tokens = c.sentence.tokens
    lo, hi = tokens[c.first].start - offset, tokens[c.last - 1].end - offset
    whole_lo, whole_hi = c.start - offset, c.end - offset
    core = [t for t in doc if t.idx < hi and t.idx + len(t.text) > lo]
    group_tokens = [t for t in doc if t.idx < whole_hi and t.idx + len(t.text) > whole_lo]
    if not core:
        return read_tagged(c)
    group = {t.i for t in group_tokens}
    outside = [t for t in core if t.head.i not in group or t.head is t]
    number = next((t for t in outside if t.dep_ == "nummod"), outside[-1] if outside else core[-1])
    top = next((t for t in group_tokens if t.head.i not in group or t.head is t), number)
    has_unit = c.unit is not None
    noun: SpacyToken | None = None
    if not has_unit and number.dep_ in _NUMBER_DEPS and number.head.pos_ in _NOUNS \
            and number.head.i not in group:
        noun, top = number.head, number.head
    else:
        noun = _of_object(core if not has_unit else group_tokens, group)
    event = event_of(top)
    if noun is None and not has_unit:
        toll = _toll(top)
        if toll is not None:
            counted, head, _ = _noun_phrase(toll)
            dead = counted in DEATH_NOUNS or head in DEATH_NOUNS
            return Reading(counted, head, counted, "dead" if dead else event, True, c.end)
    if noun is None:
        generic = event in STATES.values()
        label = event if generic else None
        return Reading(label, label, label, event, generic, c.end)
    counted, head, phrase = _noun_phrase(noun, group)
    end = _extended_end(doc, offset, group_tokens[-1], noun, c.end)
    generic = head in DEATH_NOUNS or (head in _EVERYONE and event in STATES.values())
    return Reading(counted, head, phrase, event, generic, end)


def read_tagged(c: Located) -> Reading:
    """A reading from part-of-speech tags alone: the noun run after the number."""
    tokens = c.sentence.tokens
    i = c.last
    while i < len(tokens) and tokens[i].end <= c.end:
        i += 1  # past the unit
    if i < len(tokens) and tokens[i].text.lower() == "of":
        i += 1
        if i < len(tokens) and tokens[i].pos == "DET":
            i += 1
    while i < len(tokens) and (tokens[i].pos == "ADJ" or not tokens[i].text.isalnum()) \
            and i - c.last < 3:
        i += 1
    run: list[Token] = []
    while i < len(tokens) and tokens[i].pos in _NOUNS and len(run) < 3:
        run.append(tokens[i])
        i += 1
    if not run:
        return Reading(None, None, None, None, False, c.end)
    counted = " ".join(t.lemma for t in run)
    return Reading(counted, run[-1].lemma, counted, None, False, max(c.end, run[-1].end))


def read_article(article: ParsedArticle, found: Sequence[Located]) -> list[Reading]:
    """The reading of every candidate of an article, in order."""
    if not found:
        return []
    sizes = Counter(s.paragraph for s in article.sentences)
    parsed_ids: list[int] = []
    budget = MAX_PARSED
    for paragraph in dict.fromkeys(c.sentence.paragraph for c in found):
        budget -= sizes[paragraph]
        if budget < 0:
            log.warning("article %s: counts past its first %d sentences are read without a "
                        "parse", article.id, MAX_PARSED)
            break
        parsed_ids.append(paragraph)
    spans = paragraph_spans(article.article)
    docs = {p: article.paragraph_docs[p] for p in parsed_ids}
    readings: list[Reading] = []
    for c in found:
        doc = docs.get(c.sentence.paragraph)
        try:
            readings.append(read_parsed(doc, spans[c.sentence.paragraph].start, c)
                            if doc is not None
                            else read_tagged(c))
        except (ValueError, IndexError, KeyError, TypeError) as exc:
            log.warning("article %s: no reading of %r (%s: %s)", article.id,
                        article.article.text[c.start:c.end], type(exc).__name__, exc)
            readings.append(Reading(None, None, None, None, False, c.end))
    return readings
