"""Reported speech without quotation marks: "Tokayev said (that) …", "according to the ministry, …".

Found in annotate's dependency parse of each paragraph (`ParsedArticle`). A
clause is reported when it is the clausal complement (`ccomp`) of a speech verb, or stands
beside one ("…, says Tokayev": `parataxis`, or a subject after the verb, which spaCy often
parses as a second subject), or its sentence cites "according to X". A
verb's infinitive complement is not reported speech: "vows to crush terrorism" states what
the speaker will do in the outlet's words ("terrorism" stays the outlet's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from parallax.analyse.quotes.marks import paragraph_spans
from parallax.analyse.quotes.speakers import SPEECH_LEMMAS, People, speaker_name
from parallax.annotate.pipeline import ParsedArticle
from parallax.types import Span

__all__ = ["Reported", "find_reported", "headline_reported"]

# Verbs of saying, and of thinking and knowing (PolNeAR attributes beliefs too: adding them
# raised reported-speech word recall on 80 PolNeAR train articles from 0.377 to 0.391 at
# precision 0.855 → 0.849; eval/polnear_voice.py). Evidential verbs ("the tragedy has shown
# that…", find, reveal, indicate, see, signal) gave a little more recall but made sources of
# things, so they are left out.
_REPORTING = SPEECH_LEMMAS - {"order", "command", "rule", "continue", "read", "post", "vow",
                              "promise", "pledge", "threaten", "urge", "demand"} | {
    "accuse", "believe", "describe", "call", "brand", "label", "dub", "term", "blame",
    "think", "know", "expect", "hope", "fear", "feel", "estimate", "worry", "recognize",
    "want", "hear", "learn", "understand", "doubt", "question"}
_CLAUSES = frozenset({"ccomp", "parataxis"})


@dataclass(frozen=True, slots=True)
class Reported:
    """What a speaker is reported to have said, in the outlet's words, and who said it."""

    content: Span
    speaker: str | None  # the speaker's canonical name (a pronoun resolved), if known
    speaker_span: Span | None  # the subject of the speech verb, or the object of "according to"


def _extent(tokens: Sequence[Any], offset: int) -> Span:
    return Span(offset + min(t.idx for t in tokens),
                offset + max(t.idx + len(t.text) for t in tokens))


Name = Callable[[Span], str | None]


def _subject(verb: Any) -> Any | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _phrase(subject: Any) -> list[Any]:
    """The words of a subject without its relative clauses: "an officer who flew warplanes
    in Afghanistan told me" names an officer, not Afghanistan."""
    clauses = {w.i for c in subject.children if c.dep_ in {"relcl", "acl"} for w in c.subtree}
    return [w for w in subject.subtree if w.i not in clauses]


def _inverted(verb: Any) -> Any | None:
    """The subject after a speech verb that closes its sentence ("…, says Tokayev")."""
    after = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > verb.i]
    return after[-1] if after else None


def _in_paragraph(doc: Any, offset: int, name: Name) -> Iterator[Reported]:
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) \
                and doc[token.i + 1].lower_ == "to":
            cited = [w for child in doc[token.i + 1].children if child.dep_ == "pobj"
                     for w in child.subtree]
            if cited:
                span = _extent(cited, offset)
                yield Reported(_extent(list(token.sent), offset), name(span), span)
        elif token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in _REPORTING:
            inverted = _inverted(token)
            subject = inverted if inverted is not None else _subject(token)
            where = _extent(_phrase(subject), offset) if subject is not None else None
            speaker = name(where) if where is not None else None
            parts = [list(c.subtree) for c in token.children if c.dep_ in _CLAUSES]
            if token.dep_ == "parataxis":  # "…, he said": the head clause is reported
                skip = {w.i for w in token.subtree}
                parts.append([w for w in token.head.subtree if w.i not in skip])
            if inverted is not None:  # "X …, says Tokayev": everything before the verb
                parts.append([w for w in token.sent if w.i < token.i and not w.is_punct])
            for words in parts:
                if words:
                    yield Reported(_extent(words, offset), speaker, where)


def find_reported(article: ParsedArticle, quoted: Sequence[Span] = ()) -> list[Reported]:
    """The reported speech of an article; `quoted` are its quotations, whose names are
    not speakers of the outlet's sentences."""
    if article.language != "en":
        return []  # the reporting verbs are English
    text = article.article.text
    spans = paragraph_spans(article.article)
    people = People(article, quoted)
    entities = [(e.start, e.end, e.text, e.label) for e in article.entities]

    def name(span: Span) -> str | None:
        return speaker_name(people, text[span.start:span.end], span.start, span.end,
                            entities=entities)

    return [r for span, doc in zip(spans, article.paragraph_docs, strict=True)
            for r in _in_paragraph(doc, span.start, name)]


def headline_reported(article: ParsedArticle) -> list[Reported]:
    """The reported speech of a headline that is not part of the article's text."""
    title, doc = article.article.title or "", article.title_doc
    if article.language != "en" or doc is None:
        return []
    return list(_in_paragraph(doc, 0, lambda s: " ".join(title[s.start:s.end].split())))
