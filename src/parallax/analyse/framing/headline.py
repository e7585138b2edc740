"""Headline vs body: does the headline state as fact what the body attributes to a speaker?

The headline is the article's title: its first paragraph when the text starts with it,
otherwise the title alone, annotated by itself (its label uses then index the title, not
the text). It is `attributed` when it quotes (quotation marks, or a closing mark left from
a lost opening one) or names whose words it carries ("…, says Tokayev", "according to…",
"Minister: …").
It `adopts` a label when it uses it in its own voice while the body has it only quoted,
reported or held at a distance: "President vows to crush Terrorism" over a body where
"terrorists" are Tokayev's word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parallax.align.embed import Encoder
from parallax.analyse.framing.labels import find_labels
from parallax.analyse.framing.reported import Reported, headline_reported
from parallax.analyse.framing.voice import Quoted, Voices, dangling_quote, voice_of
from parallax.analyse.quotes.marks import paragraph_spans
from parallax.annotate.pipeline import ParsedArticle
from parallax.types import AnnotatedArticle, HeadlineFraming, LabelUse, Span, Voice

__all__ = ["headline_framing", "headline_span", "headline_uses"]

_MARKS = re.compile(r"[“”«»\"]|(?<!\w)[‘’']|[‘’'](?!\w)")
_PAIRED = re.compile(r"[“\"‘'](?P<words>[^“”\"‘’]+?)[”\"’'](?!\w)")
_ATTRIBUTION = re.compile(r"\b(?:says|said|say|tells|told|claims|accuses|according\s+to)\b",
                          re.IGNORECASE)
_SPEAKER_COLON = re.compile(r"^(?P<speaker>[^:“”\"‘’]{2,40}):\s+(?=\S)")
"""The headline convention "Minister: terrorists stormed city hall" (the words after the
colon are the speaker's)."""
SCARE_WORDS = 4  # a quoted stretch of a headline this short is a scare quote, as in quote_marks
"""The four-word limit of scare quotes in the body (`quotes.marks`): chosen by hand, not
calibrated on a data set."""


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def headline_span(annotated: AnnotatedArticle) -> Span | None:
    """Where the headline stands in the text: the first paragraph, when it is the title."""
    article = annotated.article
    spans = paragraph_spans(article)
    if not spans or not article.title:
        return None
    first = spans[0]
    if _plain(article.text[first.start:first.end]) != _plain(article.title):
        return None
    return first


def headline_uses(annotated: ParsedArticle, encoder: Encoder) -> list[LabelUse]:
    """The label uses of a title that the text does not start with (offsets index the title)."""
    title = annotated.article.title or ""
    if not title.strip() or headline_span(annotated) is not None:
        return []
    sentence = annotated.title_sentence
    if sentence is None:
        return []
    quoted: list[Quoted] = []
    scare: list[Span] = []
    for match in _PAIRED.finditer(title):
        span = Span(match.start("words"), match.end("words"))
        if len(match.group("words").split()) <= SCARE_WORDS:
            scare.append(span)
        else:
            quoted.append(Quoted(span))
    if (dangling := dangling_quote(title, Span(0, len(title)))) is not None:
        quoted.append(Quoted(dangling))
    reported = headline_reported(annotated)
    if (colon := _SPEAKER_COLON.match(title)) is not None:
        speaker = colon.group("speaker").strip()
        reported.append(Reported(Span(colon.end(), len(title)), speaker,
                                 Span(colon.start("speaker"), colon.end("speaker"))))
    voices = Voices(quoted, scare, reported)
    return [voice_of(annotated.id, title, o, 0, voices, in_title=True)
            for o in find_labels([sentence], encoder=encoder)]


def headline_framing(annotated: ParsedArticle,
                     uses: Sequence[LabelUse]) -> HeadlineFraming | None:
    """The headline's framing, or None when the article has no title."""
    span = headline_span(annotated)
    text = annotated.article.text[span.start:span.end] if span else annotated.article.title
    if not text or not text.strip():
        return None
    in_headline = [u for u in uses if u.headline]
    body = [u for u in uses if not u.headline]
    attributed = bool(_MARKS.search(text) or _ATTRIBUTION.search(text)
                      or _SPEAKER_COLON.match(text)) or any(
        u.voice is not Voice.OWN for u in in_headline)
    body_own = {u.label for u in body if u.voice is Voice.OWN}
    body_other = {u.label for u in body if u.voice is not Voice.OWN}
    adopted = tuple(dict.fromkeys(
        u.label for u in in_headline
        if u.voice is Voice.OWN and u.label in body_other and u.label not in body_own))
    return HeadlineFraming(annotated.id, text, attributed, adopted)
