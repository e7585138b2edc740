"""Quotation marks: the quoted stretches of an article, and which of them are scare quotes.

Pairing. Marks are paired paragraph by paragraph: curly “ ” „, angle « », straight " and
typewriter '' / `` (an ambiguous mark is opening or closing by its neighbours), and single
‘ ’ ' outside double quotes. A quote in marks of another kind inside a quote is nested and
stays in its text (“He told me ‘never again’”; "… “Bathroom Bill” …"). A closing mark of
another kind closes the quote when none is nested in it (“We will win," he said), and an
opening mark glued to the word before it and followed by a space closes one (“Apparently
not,“ he said). A quote left open at a paragraph's end continues into the next paragraph
when that one starts with an opening mark (the news convention) or closes a quote before
opening one; otherwise it ends with its paragraph if it opened the paragraph or followed a
colon, and is dropped if not. An opening mark of the same kind inside an open quote drops
the earlier one. Unbalanced marks are logged as warnings, never raised: every article gets
its quotes.

Interrupted quotes. “A,” he said, “B.” and “A,” he said. “B.” are one quotation: stretches
of one paragraph separated by nothing, or by one attribution clause (at most 25 words, a
speech verb among the first 12, the first stretch ending with , ? ! — or with a period and
the clause at most 6 words), merged unless the second stretch has its own cue ("…," replied
Y). `Found.parts` keeps the stretches.

Titles. A single-paragraph stretch of two or more words, each capitalised (or a number, or
after the first a minor word: of, the, to…), with no ! ? ; and no sentence break inside, is
a title or name (“Meet the Press”, “The Art of the Deal”, “Make America Great Again”): not a
quotation, nor a scare quote (`find_titles`), unless it opens its sentence and a speech verb
follows it (“I’m a New Yorker,” he said; but on “Face the Nation,” Sanders said).

Scare quotes. A single-paragraph stretch of at most two words, or of three or four words
with no verb and no final . ! ?, that is part of the outlet's own sentence and has no
speech verb or colon right before it nor a speech verb right after it (“bandits”, “tragic
events”), is a scare quote: a label the outlet uses, not a quotation.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from parallax.analyse.quotes.speakers import SPEECH_FORMS
from parallax.annotate.pipeline import paragraph_spans
from parallax.types import AnnotatedArticle, Article, Span

__all__ = ["Found", "Tokens", "find_quotations", "find_titles", "is_scare_quote",
           "paragraph_spans"]

log = logging.getLogger(__name__)

_DOUBLE = re.compile(r"''|``|[“”„«»\"]")
_SINGLE = re.compile(r"[‘’']")
_OPENING = frozenset({"“", "„", "«", "``", "‘"})
_CLOSING = frozenset({"”", "»"})
_BEFORE_OPEN = frozenset("([{—–-/:;“‘")
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-/…”’")
_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")
_ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st", "jr", "sr", "prof",
    "rev", "u.s"
])
_MINOR_WORDS = frozenset([
    "a", "an", "the", "and", "or", "nor", "but", "as", "at", "by", "for", "from", "in", "into",
    "of", "on", "per", "to", "vs", "via", "with", "de", "la", "von", "van"
])
"""Words a title in title case leaves in lower case ("The Art of the Deal")."""


@dataclass(frozen=True, slots=True)
class Found:
    """A quotation as found in the text: its stretches, before attribution.

    `parts` are the quoted words of each stretch (marks, outer spaces and a final comma
    left out); `outer` the same stretches with their marks.
    """

    parts: tuple[Span, ...]
    outer: tuple[Span, ...]
    paragraphs: tuple[int, ...]
    closed: bool = True

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end


@dataclass(slots=True)
class _Open:
    start: int  # where the quoted words of the current paragraph begin
    mark: int  # where its opening mark stands (the paragraph start when it had none)
    opened_paragraph: bool  # the quote opened its paragraph, or followed a colon
    family: str = "curly"  # the kind of its marks: curly, straight or angle
    nested: str | None = None  # the kind of a quote open inside it
    parts: list[Span] = field(default_factory=list)
    outer: list[Span] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)


def _role(text: str, start: int, end: int) -> str:
    """'open', 'close' or 'either' for the quotation mark at `[start, end)`."""
    mark = text[start:end]
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if mark in _OPENING:  # an opening mark used to close: “Apparently not,“ he said
        glued = not before.isspace() and before not in _BEFORE_OPEN
        return "close" if glued and (after.isspace() or after in _AFTER_CLOSE) else "open"
    if mark in _CLOSING:  # a closing mark used to open: ”Fear. I am truly afraid…”
        return "open" if before.isspace() and after.isalnum() else "close"
    opens = before.isspace() or before in _BEFORE_OPEN
    closes = after.isspace() or after in _AFTER_CLOSE
    if opens != closes:
        return "open" if opens else "close"
    return "either"


def _trimmed(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return Span(start, end) if start < end else None


def _emit(text: str, quote: _Open, closed: bool, found: list[Found]) -> None:
    pairs = [(p, o) for part, o in zip(quote.parts, quote.outer, strict=True)
             if (p := _trimmed(text, part)) is not None]
    if pairs:
        found.append(Found(tuple(p for p, _ in pairs), tuple(o for _, o in pairs),
                           tuple(dict.fromkeys(quote.paragraphs)), closed))


def _close(text: str, quote: _Open, start: int, end: int, found: list[Found]) -> None:
    """Close `quote` with the mark at `[start, end)`."""
    quote.parts.append(Span(quote.start, start))
    quote.outer.append(Span(quote.mark, end))
    _emit(text, quote, True, found)


def _unclosed(text: str, quote: _Open, found: list[Found]) -> None:
    where = text[quote.mark:quote.mark + 40]
    if quote.opened_paragraph or len(quote.parts) > 1:
        log.warning("quotation %r… has no closing mark; it ends with its paragraph", where)
        _emit(text, quote, False, found)
    else:
        log.warning("quotation %r… has no closing mark; left out", where)


def _family(mark: str) -> str:
    return "curly" if mark in "“”„" else "angle" if mark in "«»" else "straight"


def _double_quotes(text: str, paragraphs: Sequence[Span]) -> list[Found]:
    """Quotes in double marks; a quote in marks of another kind inside one is nested."""
    found: list[Found] = []
    carry: _Open | None = None
    for index, para in enumerate(paragraphs):
        marks = [(m.start(), m.end()) for m in _DOUBLE.finditer(text, para.start, para.end)]
        roles = [_role(text, s, e) for s, e in marks]
        current: _Open | None = None
        if carry is not None:
            if marks and marks[0][0] == para.start and roles[0] != "close":
                current, carry.start, carry.mark = carry, marks[0][1], marks[0][0]
                marks, roles = marks[1:], roles[1:]
            elif marks and roles[0] != "open":
                current, carry.start, carry.mark = carry, para.start, para.start
            else:
                _unclosed(text, carry, found)
            carry = None
            if current is not None:
                current.paragraphs.append(index)
                current.nested = None
        for (start, end), role in zip(marks, roles, strict=True):
            family = _family(text[start:end])
            if current is None:
                if role == "close":
                    log.warning("closing quotation mark with no opening one: …%r",
                                text[max(para.start, start - 40):end])
                    continue
                lead = text[para.start:start].rstrip()
                current = _Open(end, start, not lead or lead.endswith(":"), family,
                                paragraphs=[index])
            elif family != current.family and current.nested is None and role == "close":
                _close(text, current, start, end, found)  # “We will win," he said
                current = None
            elif family != current.family:
                if current.nested == family and role != "open":
                    current.nested = None
                elif current.nested is None and role != "close":
                    current.nested = family
            elif role == "open":
                log.warning("quotation %r… is not closed before the next one opens",
                            text[current.mark:current.mark + 40])
                if current.parts:
                    _unclosed(text, current, found)
                lead = text[para.start:start].rstrip()
                current = _Open(end, start, not lead or lead.endswith(":"), family,
                                paragraphs=[index])
            else:
                _close(text, current, start, end, found)
                current = None
        if current is not None:
            current.parts.append(Span(current.start, para.end))
            current.outer.append(Span(current.mark, para.end))
            carry = current
    if carry is not None:
        _unclosed(text, carry, found)
    return found


def _single_quotes(text: str, para: Span, index: int, taken: Sequence[Span]) -> list[Found]:
    """Quotes in single marks, outside double quotes, closed within the paragraph."""
    found: list[Found] = []
    opened: int | None = None
    for match in _SINGLE.finditer(text, para.start, para.end):
        start, mark = match.start(), match.group()
        if any(s.start <= start < s.end for s in taken):
            continue
        before = text[start - 1] if start > para.start else " "
        after = text[start + 1] if start + 1 < para.end else " "
        if opened is None:
            if mark == "‘" or (mark == "'" and (before.isspace() or before in _BEFORE_OPEN)
                               and after.isalnum()):
                opened = start
        elif mark != "‘" and not after.isalnum() and not before.isspace():
            quote = _Open(opened + 1, opened, False, "single", paragraphs=[index])
            quote.parts.append(Span(opened + 1, start))
            quote.outer.append(Span(opened, start + 1))
            _emit(text, quote, True, found)
            opened = None
    return found


def _one_clause(gap: str, last_char: str) -> bool:
    """Whether the text between two quoted stretches is nothing or one attribution clause.

    The first stretch must end a clause (`last_char`: , . ! ? inside its marks, or a comma
    right after them) and a speech verb must come within the gap's first six words.
    """
    if gap.isspace() or not gap:
        return True
    inner = gap.strip().strip(",.:;—–-").strip()
    words = _WORD.findall(inner)
    if not (last_char in ",.!?…" or gap.lstrip().startswith(",")) or not 1 <= len(words) <= 25:
        return False
    if not any(w.lower() in SPEECH_FORMS for w in words[:12]):
        return False
    if last_char in ".…" and len(words) > 6:
        return False  # "A." followed by a sentence of its own
    for stop in re.finditer(r"[.!?]\s+(?=[A-Z])", inner):
        previous = inner[:stop.start()].split()
        word = previous[-1].lower() if previous else ""
        if word not in _ABBREVIATIONS and not (len(word) == 1 and word.isalpha()):
            return False
    return True


def _stretches(article: Article) -> list[Found]:
    """Every quoted stretch of an article, unmerged, in text order."""
    text = article.text
    paragraphs = paragraph_spans(article)
    found = _double_quotes(text, paragraphs)
    for index, para in enumerate(paragraphs):
        taken = [o for f in found for o in f.outer if o.start < para.end and para.start < o.end]
        found.extend(_single_quotes(text, para, index, taken))
    found.sort(key=lambda f: f.start)
    return found


def _is_title(text: str, found: Found) -> bool:
    """Whether a stretch is a title or name in title case (see the module docstring)."""
    if len(found.parts) > 1 or len(found.paragraphs) > 1 or not found.closed:
        return False
    if _cue_after(text, found) and _opens_sentence(text, found):
        return False  # “I’m a New Yorker,” he said: words someone said, not a title
    quoted = text[found.start:found.end].rstrip(".,")
    if re.search(r"[!?;]", quoted):
        return False
    for stop in re.finditer(r"\.\s", quoted):
        previous = quoted[:stop.start()].split()
        word = previous[-1].lower() if previous else ""
        if word not in _ABBREVIATIONS and not (len(word) == 1 and word.isalpha()):
            return False
    words = _WORD.findall(quoted)
    if len(words) < 2 or not any(c.islower() for w in words for c in w):
        return False  # a single word, or shouted capitals ("USA USA")
    return all(w[0].isupper() or w[0].isdigit() or (i and w.lower() in _MINOR_WORDS)
               for i, w in enumerate(words))


def _opens_sentence(text: str, found: Found) -> bool:
    """Whether nothing of its sentence comes before the stretch (as opposed to: on “Face
    the Nation,” Sanders said)."""
    before = text[:found.outer[0].start].rstrip(" \t")
    return not before or before[-1] in "\n.!?:" or (
        before[-1] in "”\"’'" and before[-2:-1] in {".", "!", "?"})


def find_titles(article: Article) -> list[Found]:
    """The titles and names in quotation marks (“Meet the Press”), which are not quotations."""
    return [f for f in _stretches(article) if _is_title(article.text, f)]


def find_quotations(article: Article) -> list[Found]:
    """Every quotation of an article, interrupted quotes merged, titles left out, in order."""
    text = article.text
    merged: list[Found] = []
    for quote in _stretches(article):
        if _is_title(text, quote):
            continue
        last = merged[-1] if merged else None
        if (last is not None and last.closed and quote.closed
                and last.paragraphs[-1] == quote.paragraphs[0] and not _cue_after(text, quote)
                and _one_clause(text[last.outer[-1].end:quote.outer[0].start],
                                text[last.outer[-1].start:last.outer[-1].end].rstrip(
                                    "”“»\"'’ ")[-1:])):
            merged[-1] = Found(last.parts + quote.parts, last.outer + quote.outer,
                               tuple(dict.fromkeys(last.paragraphs + quote.paragraphs)))
        else:
            merged.append(quote)
    return merged


_CUE_BEFORE = re.compile(r"(\w+)(?:\s+that)?\s*[,:]?\s*$")


def _cue_after(text: str, found: Found) -> bool:
    """Whether the quotation ends a clause and a speech verb follows (“…,” said X)."""
    end = found.outer[-1].end
    after = text[end:end + 60]
    if text[found.end:end].strip()[:1] not in {",", "?", "!"} and \
            text[found.end - 1:found.end] not in {",", "?", "!"} and \
            not after.lstrip().startswith(","):
        return False
    head = re.match(r"\s*,?\s*((?:[\w.’'-]+\s+){0,5}[\w.’'-]+)", after)
    return head is not None and any(w.lower() in SPEECH_FORMS for w in head.group(1).split()[:6])


def _next_to_cue(text: str, found: Found) -> bool:
    """Whether a speech verb (or a colon) stands right before or after the quotation."""
    before = text[max(0, found.outer[0].start - 40):found.outer[0].start]
    if before.rstrip().endswith(":"):
        return True
    if (m := _CUE_BEFORE.search(before)) and m.group(1).lower() in SPEECH_FORMS:
        return True
    return _cue_after(text, found)


class Tokens:
    """The annotated tokens of an article, by offset."""

    def __init__(self, article: AnnotatedArticle) -> None:
        self.tokens = [t for s in article.sentences for t in s.tokens]
        self.starts = [t.start for t in self.tokens]
        self.sentences = article.sentences
        self.sentence_starts = [s.start for s in article.sentences]

    def within(self, start: int, end: int) -> list[str]:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [t.pos for t in self.tokens[lo:hi]]

    def sentence_at(self, offset: int) -> int:
        return max(0, bisect_right(self.sentence_starts, offset) - 1)


def is_scare_quote(article: AnnotatedArticle, found: Found, tokens: Tokens | None = None) -> bool:
    """Whether a found quotation is a scare quote (see the module docstring)."""
    if len(found.parts) > 1 or len(found.paragraphs) > 1 or not found.closed:
        return False
    text = article.article.text
    words = _WORD.findall(text[found.start:found.end])
    if len(words) > 4 or _next_to_cue(text, found):
        return False
    tokens = tokens or Tokens(article)
    sentence = article.sentences[tokens.sentence_at(found.start)] if article.sentences else None
    if sentence is not None:
        rest = text[sentence.start:found.outer[0].start] + text[found.outer[0].end:sentence.end]
        if not _WORD.search(rest):
            return False  # the quotation is a sentence of its own
    if len(words) <= 2:
        return True
    if len(words) >= 3 and text[found.start:found.end].rstrip()[-1:] in {".", "!", "?"}:
        return False
    return not any(pos in {"VERB", "AUX"} for pos in tokens.within(found.start, found.end))


