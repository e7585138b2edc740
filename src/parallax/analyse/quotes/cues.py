"""The cue of a quotation in spaCy's dependency parse of its paragraph, and who speaks.

`find_cue` looks, in order: between the stretches of an interrupted quotation ("A," he
said, "B."); right after the quotation when it ends with a comma, question or exclamation
("…," said X; "…," X added, with any verb there: "…," Trump barked); before it in its
sentence (X said: "…"; X told reporters that "…"; according to X, "…"; the subject of the
clause before a colon, or the name before it: "Philip Bump: “…”"); right after it otherwise;
and last the subject of the clause the quotation is part of, when that is a name or a
pronoun (Huckabee is labeling Obama's actions "…"). The speaker is the subject of the cue
verb (climbing from "adding", "went on to say", or a verb joined by "and" to the one with
the subject), the object of "according to", or the noun next to a verb the parser did not
give a subject ("Bozell answers").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from parallax.analyse.quotes.speakers import SPEECH_FORMS, SPEECH_LEMMAS
from parallax.types import Span


@dataclass(frozen=True, slots=True)
class Cue:
    """The attribution of a quotation found in the parse: the cue and the speaker mention."""

    cue: str | None  # None: only the subject of the clause the quotation is part of
    speaker: Span | None


_MENTION_DEPS = frozenset({"compound", "det", "amod", "poss", "nmod", "nummod", "quantmod",
                           "case", "punct"})
_DASHES = frozenset({"―", "—", "–", "--", "-"})
_NON_FINITE_LINKS = frozenset({"xcomp", "advcl", "pcomp", "acl", "relcl"})
_STOPS = frozenset({".", "!", "?", ";"})
_NOUNS = frozenset({"NOUN", "PROPN"})


def _speech_verb(token: Any, *, lexical: bool = False) -> bool:
    """A speech verb by its lemma; with `lexical`, also a mis-tagged form ("Bozell answers")."""
    if token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in SPEECH_LEMMAS:
        return True
    return lexical and token.pos_ in {"NOUN", "PROPN", "ADJ"} and token.lower_ in SPEECH_FORMS


def _mention(token: Any, offset: int) -> Span:
    """The noun phrase a subject token heads: its left modifiers and the token itself."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in _MENTION_DEPS and child.dep_ != "punct":
            start = min(start, child.left_edge.i)
    doc = token.doc
    while start < token.i and doc[start].is_punct:
        start += 1
    return Span(offset + doc[start].idx, offset + token.idx + len(token.text))


def _participant(verb: Any, quoted: Any) -> Any | None:
    """The noun a participle modifies: "footage of Clinton asking", "a statement saying"."""
    if verb.tag_ != "VBG" or verb.dep_ not in {"acl", "xcomp"}:
        return None
    if verb.dep_ == "acl" and verb.head.pos_ in _NOUNS and verb.head.i < verb.i:
        return verb.head
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.pos_ in _NOUNS and not quoted(before):
        return before
    return None


def _person_for_place(subject: Any) -> Any:
    """The person a parse joined to a place it took for the subject ("In Michigan, …, Gov.
    Gretchen Whitmer … said": "Michigan" the subject, "Whitmer" its conjunct), else the
    subject."""
    if subject.ent_type_ in {"GPE", "LOC", "FAC"}:
        person = next((c for c in subject.children
                       if c.dep_ in {"conj", "appos"} and c.ent_type_ == "PERSON"), None)
        if person is not None:
            return person
    return subject


def _subject(verb: Any, quoted: Any) -> Any | None:
    """The subject of a speech verb, climbing from "adding", "went on to say", "before
    asking" to its head."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and not quoted(child):
                if child.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
                    return verb.head
                return _person_for_place(child)
        if (participant := _participant(verb, quoted)) is not None:
            return participant
        head = verb.head
        if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.pos_ in {"VERB", "AUX"}:
            head = head.head  # "sings to Clinton before asking her"
        if head != verb and head.pos_ in {"VERB", "AUX"} and (
                verb.dep_ in {"conj", "pcomp"} or (verb.dep_ in _NON_FINITE_LINKS
                                                   and verb.tag_ in {"VB", "VBG", "VBN"})):
            verb = head
        else:
            return None
    return None


def _according(token: Any, offset: int) -> Cue | None:
    doc = token.doc
    if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
    if not objects and token.i + 2 < len(doc):
        objects = [doc[token.i + 2]]
    return Cue("according to", _mention(objects[0], offset)) if objects else None


def _neighbour(verb: Any, quoted: Any) -> Any | None:
    """The noun right before a speech verb, the name closing an appositive before it ("the
    nominee, Donald Trump, tweeted"), or the noun right after it ("said Smith", "read the
    email", and a capitalised name the tagger took for another word: "said Skelly", but not
    after a gerund); never a date or time ("tweeted Sunday")."""
    doc = verb.doc

    def fits(i: int, kinds: set[str]) -> bool:
        if not 0 <= i < len(doc) or quoted(doc[i]) or doc[i].ent_type_ in {"DATE", "TIME"}:
            return False
        token = doc[i]
        return token.pos_ in kinds or (i > verb.i and token.is_alpha and token.is_title
                                       and token.pos_ not in {"PRON", "DET", "ADP"})

    after = verb.i + 2 if verb.i + 1 < len(doc) and doc[verb.i + 1].pos_ == "DET" else verb.i + 1
    if verb.tag_ == "VBG":
        after = -1  # "denying tax credits", "saying the plan…": an object, not an inversion
    appositive = verb.i - 2 if verb.i >= 2 and doc[verb.i - 1].text == "," else -1
    for i, kinds in ((verb.i - 1, {"PROPN", "PRON", "NOUN"}), (appositive, {"PROPN"}),
                     (after, {"PROPN", "NOUN"})):
        if fits(i, kinds):
            token = doc[i]
            while token.dep_ == "compound" and token.head.i == token.i + 1:
                token = token.head
            return token
    return None


def _cue_of(token: Any, offset: int, quoted: Any, *, lexical: bool = False) -> Cue | None:
    if (according := _according(token, offset)) is not None:
        return according
    if not _speech_verb(token, lexical=lexical):
        return None
    subject = _subject(token, quoted) if token.pos_ in {"VERB", "AUX"} else None
    subject = subject if subject is not None else _neighbour(token, quoted)
    return Cue(token.lower_, _mention(subject, offset) if subject is not None else None)


def _colon(before: Sequence[Any], offset: int, quoted: Any) -> Cue | None:
    """A quotation after a colon: the subject of the clause ("Cruz called them on it:"),
    or the name before the colon ("Philip Bump:")."""
    if not before or before[0].text != ":":
        return None
    head = before[0].head
    if head.pos_ in {"VERB", "AUX"} and (subject := _subject(head, quoted)) is not None:
        return Cue(":", _mention(subject, offset))
    if len(before) > 1 and before[1].pos_ == "PROPN":
        return Cue(":", _mention(before[1], offset))
    return None


def find_cue(doc: Any, offset: int, outer: Sequence[Span], quoted: Sequence[Span]) -> Cue | None:
    """The cue of a quotation whose stretches (marks included) are `outer`, in a parsed
    paragraph `doc` starting at article offset `offset`; `quoted` are all real quotations'
    stretches, whose words are never cues.

    Looked for, in order: between the stretches ("A," he said, "B."); right after the
    quotation when it ends with a comma or question ("…," said X); before it in its
    sentence (X said: "…", according to X, "…"); right after it otherwise.
    """

    def is_quoted(token: Any) -> bool:
        at = offset + token.idx
        return any(s.start <= at < s.end for s in quoted)

    def window(start: int, end: int) -> list[Any]:
        return [t for t in doc if start <= offset + t.idx < end and not is_quoted(t)]

    for left, right in pairwise(outer):
        for token in window(left.end, right.start):
            if (cue := _cue_of(token, offset, is_quoted)) is not None:
                return cue
    after: list[Any] = []
    for token in doc:
        if offset + token.idx < outer[-1].end:
            continue
        if is_quoted(token) or token.text in _STOPS or len(after) >= 40:
            break
        after.append(token)
    before: list[Any] = []
    for token in reversed(doc):
        if offset + token.idx >= outer[0].start:
            continue
        if is_quoted(token) or token.text in _STOPS or len(before) >= 40:
            break
        before.append(token)
    text = doc.text
    last_inner = text[max(0, outer[-1].end - offset - 3):outer[-1].end - offset]
    trailing_first = any(ch in last_inner for ch in ",?!") or (after and after[0].text == ",")
    first_inner = next((t for t in doc if offset + t.idx >= outer[0].start + 1), None)

    def leading() -> Cue | None:
        for distance, token in enumerate(before):
            near = distance <= 8 or (first_inner is not None
                                      and token.i <= first_inner.i <= token.right_edge.i)
            if near and (cue := _cue_of(token, offset, is_quoted, lexical=distance <= 3)):
                return cue
        return _colon(before, offset, is_quoted)

    def trailing() -> Cue | None:
        if len(after) > 1 and after[0].text in _DASHES and after[1].pos_ == "PROPN":
            name = after[1]  # "…" ― Carla Sanchez
            while name.i + 1 < len(doc) and doc[name.i + 1].pos_ == "PROPN":
                name = doc[name.i + 1]
            return Cue("—", Span(offset + after[1].idx, offset + name.idx + len(name.text)))
        found = next((c for i, t in enumerate(after)
                      if (c := _cue_of(t, offset, is_quoted, lexical=i <= 4)) is not None), None)
        if found is not None or not trailing_first:
            return found
        lead = next((t for t in after if t.text != ","), None)
        if lead is None or lead.is_punct or lead.pos_ == "SCONJ" or lead.tag_ == "WRB":
            return None  # "…," when Clinton blasted him: a clause of its own
        for i, token in enumerate(after[:5]):  # "…," Trump barked; "…!" beamed Hartley
            if token.pos_ != "VERB":
                continue
            subject = _subject(token, is_quoted)
            if subject is None and token.i > 0 and doc[token.i - 1].pos_ in {"PROPN", "PRON"}:
                subject = doc[token.i - 1]  # "…," Trump barked
            if subject is None and i <= 1 and token.i + 1 < len(doc) and \
                    doc[token.i + 1].pos_ == "PROPN":
                subject = doc[token.i + 1]  # "…!" beamed Hartley
            if subject is not None and offset + subject.idx >= outer[-1].end and \
                    subject.pos_ in {"PROPN", "PRON", "NOUN"}:
                return Cue(token.lower_, _mention(subject, offset))
        return None

    def governor() -> Cue | None:  # Huckabee is labeling Obama's actions "…"
        token = first_inner
        while token is not None and (is_quoted(token) or token.pos_ not in {"VERB", "AUX"}):
            token = token.head if token.head != token else None
        subject = _subject(token, is_quoted) if token is not None else None
        if subject is None or subject.pos_ not in {"PROPN", "PRON"} or \
                offset + subject.idx >= outer[0].start:
            return None
        return Cue(None, _mention(subject, offset))

    searches = (trailing, leading, governor) if trailing_first else (leading, trailing, governor)
    return next((c for search in searches if (c := search()) is not None), None)
