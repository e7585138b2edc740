"""Build an `Article`: text normalisation, paragraphs joined into one text, the content id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from pathlib import PurePath

from parallax.errors import ErrorCode, InputError
from parallax.ingest.limits import MAX_ARTICLE_CHARS, too_many_characters
from parallax.ingest.urls import domain
from parallax.types import Article, Span

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028]")
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters: soft hyphen, Mongolian vowel separator, zero-width space, bidi
# marks and embeddings, word joiner and invisible operators, BOM. Zero-width (non-)joiners
# (U+200C, U+200D) are kept: they change how Persian, Indic scripts and emoji render.
_INVISIBLE = re.compile(
    "[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_TRAILING = re.compile("[ \t]+$", re.M)
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")

PARAGRAPH_SEPARATOR = "\n\n"


_SURROGATES = re.compile("[\ud800-\udfff]")
_LETTERS = re.compile(r"[^\W\d_]")
_NON_SPACE = re.compile(r"\S")

# The most control characters (Unicode Cc but tab, newlines, vertical tab and form feed) a
# text may hold, as a share of its characters: the share the byte sniff of a file allows
# (decode.py, 5%); the first 8,000 AllSides articles hold at most 0.2%.
MAX_CONTROL_SHARE = 0.05
# The fewest letters a text may have, as a share of its characters other than spaces:
# the first 8,000 AllSides articles have at least 0.535 (a table of candidates' taxes),
# prose about 0.85, Hindi (its vowel signs are no letters) 0.59; half the lowest.
MIN_LETTER_SHARE = 0.25


def normalize(text: str) -> str:
    """Normalise text: NFC, `\\n` line ends, plain spaces, no invisible or control characters.

    Tabs and newlines are kept, trailing spaces are trimmed from every line; curly quotes,
    dashes and bullets are left as they are.
    """
    text = _LINE_BREAKS.sub("\n", text).replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub("", text)
    # A lone surrogate (e.g. "\\ud800" in JSON) is no character: it cannot even be encoded.
    text = _SURROGATES.sub("\ufffd", text)
    return _TRAILING.sub("", text)


def refuse_controls(raw: str, origin: str | None) -> None:
    """Refuse a text, before it is normalised (which drops them), whose share of control
    characters no prose has: binary data passed as a string (`BINARY`)."""
    controls = len(_CONTROLS.findall(raw))
    if raw and controls > MAX_CONTROL_SHARE * len(raw):
        raise InputError(
            ErrorCode.BINARY,
            f"{controls:,} of its {len(raw):,} characters are control characters: binary "
            "data, not text",
            origin=origin,
        )


def refuse_non_prose(text: str, origin: str | None) -> None:
    """Refuse a text with too few letters to be prose: symbols, digits, a dump (`BINARY`)."""
    characters = len(_NON_SPACE.findall(text))
    letters = len(_LETTERS.findall(text))
    if characters and letters < MIN_LETTER_SHARE * characters:
        raise InputError(
            ErrorCode.BINARY,
            f"only {letters:,} of its {characters:,} characters are letters: it does not "
            "read as an article",
            origin=origin,
        )


def article_id(source: str, title: str | None, text: str) -> str:
    """Stable content id: 16 hex digits of sha256 over source, title and text."""
    payload = f"{source}\0{title or ''}\0{text}".encode()
    return hashlib.sha256(payload).hexdigest()[:16]


def join_paragraphs(paragraphs: Iterable[str]) -> tuple[str, tuple[Span, ...]]:
    """Normalise paragraphs and join them with blank lines; return the text and their spans.

    Empty paragraphs are dropped; blank lines inside a paragraph become single newlines so
    that the text's own layout matches the spans.
    """
    parts: list[str] = []
    spans: list[Span] = []
    offset = 0
    for raw in paragraphs:
        part = _BLANK_LINES.sub("\n", normalize(raw)).strip()
        if not part:
            continue
        if parts:
            offset += len(PARAGRAPH_SEPARATOR)
        parts.append(part)
        spans.append(Span(offset, offset + len(part)))
        offset += len(part)
    return PARAGRAPH_SEPARATOR.join(parts), tuple(spans)


def clean_field(value: object) -> str | None:
    """A metadata value as one trimmed line of text, or None when missing or blank."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, list | tuple):
        items = [clean_field(v) for v in value]
        value = ", ".join(v for v in items if v)
    text = " ".join(normalize(str(value)).split())
    return text or None


def readable_stem(origin: str) -> str:
    """A file's stem as a name to read: underscores are spaces, so `000_d2e65f4c9432c01a`
    reads (and wraps in a column) as two words; hyphens stay, `marlow-bay-gazette` reads."""
    return " ".join(PurePath(origin).stem.replace("_", " ").split())


def fallback_source(url: str | None, origin: str | None) -> str:
    """The source name used when no metadata names one: the URL's domain, else the file
    stem made readable (`readable_stem`)."""
    if url and (host := domain(url)):
        return host
    if origin:
        if host := domain(origin):
            return host
        stem = readable_stem(origin)
        if stem:
            return stem
    return "unknown"


def with_source(article: Article, source: str) -> Article:
    """The article under another source name (the name a user gave it), its id recomputed."""
    source = " ".join(normalize(source).split())
    if not source:
        raise InputError(ErrorCode.EMPTY, "a source name is empty", origin=article.origin)
    return replace(article, source=source, id=article_id(source, article.title, article.text))


def build_article(
    text: str,
    paragraphs: tuple[Span, ...],
    *,
    source: str,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    author: str | None = None,
    language: str | None = None,
    origin: str | None = None,
) -> Article:
    """Assemble an `Article` from normalised text and its paragraph spans, computing its id."""
    if not text.strip():
        raise InputError(
            ErrorCode.EMPTY,
            "no text left once blank and invisible characters are removed",
            origin=origin,
        )
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            ErrorCode.TOO_LARGE,
            f"{too_many_characters(len(text))}; split it into its articles",
            origin=origin or source,
        )
    refuse_non_prose(text, origin or source)
    text, source = _SURROGATES.sub("\ufffd", text), _SURROGATES.sub("\ufffd", source)
    title, published, url, author, language = (
        _no_surrogates(v) for v in (title, published, url, author, language)
    )
    return Article(
        id=article_id(source, title, text),
        text=text,
        source=source,
        title=title,
        published=published,
        url=url,
        author=author,
        language=language,
        origin=origin,
        paragraphs=paragraphs,
    )


def _no_surrogates(value: str | None) -> str | None:
    """The value with lone surrogates replaced by U+FFFD, so it can be encoded and stored."""
    return None if value is None else _SURROGATES.sub("\ufffd", value)
