"""HTML pages: main text and metadata through trafilatura, favouring precision.

The extracted XML body is walked block by block (paragraphs, headings, list items, quotes,
table rows), so each block becomes one paragraph; list items are paragraphs of their own.
A page whose main text is shorter than `MIN_ARTICLE_CHARS` or has fewer than
`MIN_SENTENCES` sentences (a login form, a page of links) is NO_ARTICLE.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from trafilatura.metadata import examine_title_element
from trafilatura.utils import load_html

from parallax.errors import ErrorCode, InputError
from parallax.ingest.article import clean_field, join_paragraphs
from parallax.types import Span

MIN_ARTICLE_CHARS = 100
MIN_SENTENCES = 2

# Elements of trafilatura's XML output that hold a paragraph, or hold other blocks.
_BLOCKS = frozenset({"p", "head", "item", "quote", "code", "row", "list", "table", "div", "body"})
_CELL_SEPARATOR = " | "
_SENTENCE_END = re.compile(r"[.!?…。！？]+[\"'”’»)\]]*(?=\s|$)")
_TITLE_SEPARATORS = (" | ", " -- ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", ": ")
SITE_EXTRA_WORDS = 2
"""How many words a title segment may add to (or lack of) the site's name and still name
the site ("CNN Politics", "BBC News Online"): chosen by hand, not calibrated."""
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


def _name_words(text: str) -> list[str]:
    """The words of a name, case-folded, punctuation and a leading "the" dropped ("Sott.net"
    → sott, net; "The Harbour Post" → harbour, post)."""
    words = re.findall(r"\w+", text.casefold())
    return words[1:] if words[:1] == ["the"] else words


def _is_site(segment: str, names: Sequence[str]) -> bool:
    """Whether a title segment names the site: one of its names, or that name with up to
    `SITE_EXTRA_WORDS` more or fewer words ("CNN Politics" for CNN, "Sott.net" for SOTT)."""
    words = _name_words(segment)
    for name in names:
        site = _name_words(name)
        if not words or not site:
            continue
        if "".join(words) == "".join(site):
            return True
        short, long = sorted((words, site), key=len)
        if long[:len(short)] == short and len(long) - len(short) <= SITE_EXTRA_WORDS:
            return True
    return False


def _clean_title(title: str | None, names: Sequence[str]) -> str | None:
    """The page title without the site's name at either end (" | CNN Politics",
    " -- Sott.net", "Site | Tagline: "), however many times it is there."""
    if not title or not names:
        return title
    changed = True
    while changed:
        changed = False
        for separator in _TITLE_SEPARATORS:
            head, sep, tail = title.rpartition(separator)
            if sep and head.strip() and _is_site(tail, names):
                title, changed = head.strip(), True
                break
            head, sep, tail = title.partition(separator)
            if sep and tail.strip() and _is_site(head, names):
                title, changed = tail.strip(), True
                break
    return title


def _within_site(title: str, names: Sequence[str]) -> bool:
    """Whether a title is nothing but (the start of) the site's name: the part of a
    "Site | Tagline: Headline" `<title>` trafilatura may keep."""
    words = _name_words(title)
    return _is_site(title, names) or any(
        words and _name_words(name)[:len(words)] == words for name in names)


def _site_names(site_name: str | None, url: str | None) -> list[str]:
    """The names a page's site goes by: its metadata's site name and its web address's host
    without "www." ("sott.net")."""
    host = urlsplit(url).hostname if url else None
    return [n for n in (site_name, host.removeprefix("www.") if host else None) if n]


def _raw_title(html: str) -> str | None:
    """The text of the page's `<title>` element, undecorated by trafilatura's choice."""
    tree = load_html(html)
    if tree is None:
        return None
    title, _, _ = examine_title_element(tree)
    return clean_field(title)


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
    names = _site_names(site_name, clean_field(getattr(document, "url", None)) or url)
    title = clean_field(getattr(document, "title", None))
    if title and _within_site(title, names):
        title = _raw_title(html) or title  # trafilatura kept the site's part of the <title>
    title = _clean_title(title, names)
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
