"""Voice: in whose words each actor label stands.

In order of precedence, a label is
- `called` when words right before it hold it at a distance ("so-called militants", "those
  he called “terrorists”", "what the ministry described as bandits");
- `scare` inside scare quotes (`quote_marks`: a short quoted term in the outlet's sentence);
- `quoted` inside a direct quotation, with the quotation's speaker; a paragraph that ends
  with a closing quotation mark it never opened (a headline that lost its opening mark:
  "Shoot-to-kill terrorists without warning’") is quoted up to that mark;
- `reported` inside reported speech without marks ("Tokayev said terrorists were…",
  "according to Tokayev, …"), with the speaker (`reported`);
- `own` otherwise: the outlet's own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parallax.analyse.framing.labels import Occurrence
from parallax.analyse.framing.reported import Reported
from parallax.types import LabelUse, Span, Voice

__all__ = ["Quoted", "Voices", "dangling_quote", "voice_of"]

_CALLED = re.compile(
    r"(?:\bso-called|\b(?:called|calls|call|dubbed|dubs|branded|brands|labelled|labeled|"
    r"labels|termed|terms|described\s+as|describes\s+as|referred\s+to\s+as)"
    r"(?:\s+(?:them|him|her|it|as))?)\s*[“\"‘']?$",
    re.IGNORECASE)
_CLOSING_END = re.compile(r"[”’\"»]\W*$")
_OPENING = re.compile(r"[“‘«]|(?:^|\s)[\"']")


@dataclass(frozen=True, slots=True)
class Quoted:
    """Quoted words and whose they are."""

    span: Span
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Voices:
    """Everything of one text that is not in the outlet's own voice."""

    quoted: Sequence[Quoted] = ()
    scare: Sequence[Span] = ()
    reported: Sequence[Reported] = ()

    def not_own(self) -> list[Span]:
        """The spans of the text in someone else's voice."""
        return [*(q.span for q in self.quoted), *self.scare, *(r.content for r in self.reported)]


def dangling_quote(text: str, paragraph: Span) -> Span | None:
    """The part of a paragraph quoted up to a closing mark it never opened, if any."""
    part = text[paragraph.start:paragraph.end]
    end = _CLOSING_END.search(part)
    if end is None or _OPENING.search(part[:end.start()]):
        return None
    return Span(paragraph.start, paragraph.start + end.start())


def _within(span: Span, start: int, end: int) -> bool:
    return span.start <= start and end <= span.end


def voice_of(article: str, text: str, occurrence: Occurrence, sentence_start: int,
             voices: Voices, *, headline: bool = False, in_title: bool = False) -> LabelUse:
    """The use of one label occurrence in `text` (the article's, or its title when
    `in_title`): its voice and whose words it is in."""
    start, end = occurrence.start, occurrence.end
    before = text[max(sentence_start, start - 40):start]
    quote = next((q for q in voices.quoted if _within(q.span, start, end)), None)
    report = next((r for r in voices.reported if _within(r.content, start, end)), None)
    voice, speaker = Voice.OWN, None
    if _CALLED.search(before.rstrip()):
        voice, speaker = Voice.CALLED, report.speaker if report else None
    elif any(_within(s, start, end) for s in voices.scare):
        voice = Voice.SCARE
    elif quote is not None:
        voice, speaker = Voice.QUOTED, quote.speaker
    elif report is not None:
        voice, speaker = Voice.REPORTED, report.speaker
    sense = occurrence.sense
    return LabelUse(
        article=article, start=start, end=end, text=occurrence.text, label=sense.label,
        group=sense.role, stance=sense.stance, sentence=occurrence.sentence, voice=voice,
        speaker=speaker, headline=headline or in_title, in_title=in_title,
    )
