"""HTML pages: main text and metadata through trafilatura, favouring precision.

The extracted XML body is walked block by block (paragraphs, headings, list items, quotes,
table rows), so each block becomes one paragraph; list items are paragraphs of their own.
A page whose main text is shorter than `MIN_ARTICLE_CHARS` or has fewer than
`MIN_SENTENCES` sentences (a login form, a page of links) is NO_ARTICLE.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import trafilatura

from parallax.errors import ErrorCode, InputError
from parallax.ingest.article import clean_field, join_paragraphs
from parallax.types import Span

MIN_ARTICLE_CHARS = 100
MIN_SENTENCES = 2

# Elements of trafilatura's XML output that hold a paragraph, or hold other blocks.
_BLOCKS = frozenset({"p", "head", "item", "quote", "code", "row", "list", "table", "div", "body"})
_CELL_SEPARATOR = " | "
_SENTENCE_END = re.compile(r"[.!?…。！？]+[\"'”’»)\]]*(?=\s|$)")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Page:
    """What was extracted from one HTML page."""

    text: str
    paragraphs: tuple[Span, ...]
    title: str | None = None
    published: str | None = None
    author: str | None = None
    site_name: str | None = None
    url: str | None = None


def looks_like_html(text: str) -> bool:
    """Whether a document starts like HTML (a doctype, `<html>`, `<head>` or `<body>` tag)."""
    head = text.lstrip("\ufeff \t\r\n")[:1024].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<?xml")) or (
        head.startswith("<") and ("<body" in head or "<p>" in head or "<article" in head)
    )


def _inline_text(element: Any) -> str:
    """Text of an element and its inline children; `<lb/>` becomes a newline."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.tag == "cell" and parts:
            parts.append(_CELL_SEPARATOR)
        if node.text and node.tag != "lb":
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _has_block(element: Any) -> bool:
    return any(child.tag in _BLOCKS for child in element.iterdescendants())


def blocks(element: Any) -> Iterator[str]:
    """Paragraph texts of trafilatura's XML body, in document order."""
    if element.tag not in _BLOCKS or not _has_block(element):
        if text := _inline_text(element):
            yield text
        return
    pending = [element.text or ""]
    for child in element:
        if child.tag in _BLOCKS:
            if loose := " ".join("".join(pending).split()):
                yield loose
            pending = []
            yield from blocks(child)
        else:
            pending.append(_inline_text(child))
        pending.append(child.tail or "")
    if loose := " ".join("".join(pending).split()):
        yield loose


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _clean_title(title: str | None, site_name: str | None) -> str | None:
    """The page title without a trailing (or leading) " | Site Name"."""
    if not title or not site_name:
        return title
    for separator in _TITLE_SEPARATORS:
        head, sep, tail = title.rpartition(separator)
        if sep and head and _same(tail, site_name):
            return head.strip()
        head, sep, tail = title.partition(separator)
        if sep and tail and _same(head, site_name):
            return tail.strip()
    return title


def count_sentences(text: str) -> int:
    """Rough sentence count: sentence-ending punctuation followed by a space or the end."""
    return len(_SENTENCE_END.findall(text))


def extract_page(html: str, *, origin: str | None = None, url: str | None = None) -> Page:
    """Extract the main text and metadata of an HTML page, or raise NO_ARTICLE."""
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=True,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
    except Exception as err:  # lxml and trafilatura raise many kinds on broken input
        message = " ".join(str(err).split())[:200]
        raise InputError(
            ErrorCode.NO_ARTICLE,
            f"cannot extract an article from this page ({message})",
            origin=origin,
        ) from None
    body = getattr(document, "body", None) if document is not None else None
    site_name = clean_field(getattr(document, "sitename", None))
    title = _clean_title(clean_field(getattr(document, "title", None)), site_name)
    paragraphs = list(blocks(body)) if body is not None else []
    if paragraphs and title and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    text, spans = join_paragraphs(paragraphs)
    if len(text) < MIN_ARTICLE_CHARS or count_sentences(text) < MIN_SENTENCES:
        found = f"only {len(text)} characters of main text" if text else "no main text"
        raise InputError(
            ErrorCode.NO_ARTICLE,
            f"no article found on this page ({found}; a login, index or navigation page?)",
            origin=origin,
        )
    date = clean_field(getattr(document, "date", None))
    return Page(
        text=text,
        paragraphs=spans,
        title=title,
        published=date if date and _ISO_DATE.fullmatch(date) else None,
        author=clean_field(getattr(document, "author", None)),
        site_name=site_name,
        url=clean_field(getattr(document, "url", None)) or url,
    )
