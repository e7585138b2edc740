"""Plain text and Markdown: title guessing and paragraph segmentation.

Title: the first non-empty line is the title when it looks like a headline (see
`looks_like_title`) and more text follows; it is then removed from the text.

Paragraphs: when blank lines separate the document (title included), each blank-line
block is one paragraph (hard-wrapped lines joined: the span covers the block), except that
a line starting with a list marker (`•`, `-`, `*`, `–`, `·`, `▪`, `1.`, `1)`, …) starts a
paragraph of its own, and a block whose inner lines are longer than `WRAP_WIDTH` (so not
hard-wrapped) has one paragraph per line. Without blank lines every non-empty line is a
paragraph. Spans leave out list markers and surrounding whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parallax.ingest.article import normalize
from parallax.types import Span

MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
MAX_SENTENCE_TITLE_WORDS = 8
"""A first line ending in `.` is a title only when this short (e.g. "Markets slip.")."""
MAX_QUESTION_TITLE_WORDS = 20
"""A first line ending in `?` or `!` is a title up to this many words."""
WRAP_WIDTH = 100
"""Lines up to this long, followed by more lines of the same block, are hard-wrapped."""

_MARKER = re.compile(r"[ \t]*(?:[•\-*–·▪◦‣●○■□►▸➢✓]|\(?\d{1,3}[.)]|[a-zA-Z][.)])[ \t]+(?=\S)")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+(?=\S)")
_CLOSERS = "\"'”’»)]*_ "


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        lines.append(_Line(offset, offset + len(raw), raw))
        offset += len(raw) + 1
    return lines


def _marker_end(line: str, *, markdown: bool) -> int | None:
    """Length of a leading list marker (or Markdown heading marker) and its spaces."""
    match = _MARKER.match(line) or (_HEADING.match(line) if markdown else None)
    if match is None:
        return None
    marker = match.group(0).strip()
    # a single letter ("a.") is only a marker in an enumerated list, not "I. M. Pei"-style
    # initials; keep lower-case letters and parentheses only.
    if marker[:1].isalpha() and not (marker[0].islower() or marker.endswith(")")):
        return None
    return match.end()


def looks_like_title(line: str) -> bool:
    """Whether a line reads like a headline rather than a sentence of body text.

    At most 200 characters and 30 words, containing a letter, not a list item, not
    ending in `:`, `;` or `,`; ending in `.` only when at most 8 words long; ending in
    `?` or `!` only when at most 20 words long.
    """
    line = line.strip()
    words = line.split()
    if not words or len(line) > MAX_TITLE_CHARS or len(words) > MAX_TITLE_WORDS:
        return False
    if not any(ch.isalpha() for ch in line) or _marker_end(line, markdown=False) is not None:
        return False
    tail = line.rstrip(_CLOSERS)
    if tail.endswith((":", ";", ",")):
        return False
    if tail.endswith(".") and not tail.endswith("..."):
        return len(words) <= MAX_SENTENCE_TITLE_WORDS
    if tail.endswith(("?", "!")):
        return len(words) <= MAX_QUESTION_TITLE_WORDS
    return True


def split_title(text: str, *, markdown: bool = False) -> tuple[str | None, str]:
    """Take a headline off the top of a normalised text; return (title or None, rest)."""
    lines = _lines(text)
    first = next((i for i, line in enumerate(lines) if not line.blank), None)
    if first is None:
        return None, text
    candidate = lines[first].text.strip()
    if markdown and (heading := _HEADING.match(candidate)):
        candidate = candidate[heading.end() :].rstrip(" #")
    rest_lines = lines[first + 1 :]
    following = next((line for line in rest_lines if not line.blank), None)
    if following is None or not looks_like_title(candidate):
        return None, text
    # a first line wrapped mid-sentence ("...said the\nminister") is body text
    next_line = rest_lines[0].text.strip() if rest_lines else ""
    if next_line[:1].islower():
        return None, text
    return candidate.strip(), text[lines[first].end :].strip()


def _content_span(line: _Line, *, markdown: bool) -> Span | None:
    """The span of a line's content: after any list marker, without outer whitespace."""
    skip = _marker_end(line.text, markdown=markdown) or 0
    body = line.text[skip:]
    stripped = body.strip()
    if not stripped:
        return None
    start = line.start + skip + (len(body) - len(body.lstrip()))
    return Span(start, start + len(stripped))


def has_blank_lines(text: str) -> bool:
    """Whether a blank line separates two non-empty lines of the text."""
    return re.search(r"\S[ \t]*\n[ \t]*\n\s*\S", text) is not None


def segment(
    text: str, *, markdown: bool = False, blank_separated: bool | None = None
) -> tuple[Span, ...]:
    """Paragraph spans of a normalised text (see the module docstring for the rules).

    `blank_separated` says whether the document separates paragraphs with blank lines;
    by default the text itself decides.
    """
    lines = _lines(text)
    if blank_separated is None:
        blank_separated = has_blank_lines(text)
    spans: list[Span] = []
    if not blank_separated:
        for line in lines:
            if span := _content_span(line, markdown=markdown):
                spans.append(span)
        return tuple(spans)

    block: list[_Line] = []
    for line in [*lines, _Line(len(text), len(text), "")]:
        if not line.blank:
            block.append(line)
            continue
        if block:
            spans.extend(_block_spans(block, markdown=markdown))
            block = []
    return tuple(spans)


def _block_spans(block: list[_Line], *, markdown: bool) -> list[Span]:
    wrapped = all(len(line.text.strip()) <= WRAP_WIDTH for line in block[:-1])
    spans: list[Span] = []
    for index, line in enumerate(block):
        span = _content_span(line, markdown=markdown)
        if span is None:
            continue
        starts_item = _marker_end(line.text, markdown=markdown) is not None
        after_heading = markdown and index > 0 and _HEADING.match(block[index - 1].text) is not None
        if spans and wrapped and not starts_item and not after_heading:
            spans[-1] = Span(spans[-1].start, span.end)
        else:
            spans.append(span)
    return spans


def parse_text(
    raw: str, *, guess_title: bool = True, markdown: bool = False
) -> tuple[str | None, str, tuple[Span, ...]]:
    """Normalise a plain-text (or Markdown) document; return (title, text, paragraph spans)."""
    text = normalize(raw).strip()
    blank_separated = has_blank_lines(text)  # of the whole document, title included
    title: str | None = None
    if guess_title:
        title, text = split_title(text, markdown=markdown)
    return title, text, segment(text, markdown=markdown, blank_separated=blank_separated)
