"""RSS and Atom feeds (`.rss`, `.atom`, `.xml`): one article per entry.

An entry's text is the longest of its contents and its summary, HTML fragments split into
paragraphs at block tags; the feed's title is the source of its entries. Feeds are parsed
from the file's bytes, so nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from parallax.errors import ErrorCode, InputError
from parallax.ingest.article import build_article, clean_field, fallback_source, join_paragraphs
from parallax.ingest.decode import read_bytes
from parallax.ingest.sources import Record, Source, bad_record
from parallax.types import Article

__all__ = ["fragment_paragraphs", "read_feed"]


class _FragmentText(HTMLParser):
    """Paragraphs of an HTML fragment (a feed entry's content): block tags break them."""

    _BLOCKS = frozenset(
        {
            "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "table", "tr", "section", "article", "header", "footer",
            "figure", "figcaption", "hr", "dd", "dt",
        }
    )  # fmt: skip
    _SKIP = frozenset({"script", "style", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def _break(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.paragraphs.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._break()


def fragment_paragraphs(html: str) -> list[str]:
    """The text of an HTML fragment, one string per block (paragraph, list item, …)."""
    parser = _FragmentText()
    parser.feed(html)
    parser.close()
    return parser.paragraphs


def _entry_text(entry: Any) -> tuple[str, str] | None:
    """The longest of an entry's contents and its summary, with its MIME type."""
    options: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        value = content.get("value")
        if isinstance(value, str) and value.strip():
            options.append((value, str(content.get("type") or "text/html")))
    summary = entry.get("summary")
    if isinstance(summary, str) and summary.strip():
        detail = entry.get("summary_detail") or {}
        options.append((summary, str(detail.get("type") or "text/html")))
    return max(options, key=lambda option: len(option[0])) if options else None


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}+00:00".format(*parsed[:6])
    except (TypeError, ValueError, IndexError):
        return None


def read_feed(source: Source, origin: str) -> Iterator[Record]:
    """One article (or bad record) per entry; a file without entries raises."""
    import feedparser

    data = read_bytes(source.path, origin=origin)
    feed = feedparser.parse(data)
    entries = list(feed.get("entries") or [])
    if not entries:
        reason = feed.get("bozo_exception") if feed.get("bozo") else None
        detail = f" ({' '.join(str(reason).split())[:200]})" if reason else ""
        raise InputError(
            ErrorCode.NO_ARTICLE,
            f"not an RSS or Atom feed, or one without entries{detail}",
            origin=origin,
        )
    channel = feed.get("feed") or {}
    feed_source = clean_field(channel.get("title"))
    language = clean_field(channel.get("language"))
    for number, entry in enumerate(entries, start=1):
        yield Record(
            _feed_entry(entry, number, origin, feed_source, language),
            source.size * number // len(entries),
        )


def _feed_entry(
    entry: Any, number: int, origin: str, feed_source: str | None, language: str | None
) -> Article | InputError:
    url = clean_field(entry.get("link"))
    where = f"entry {number}" + (f" ({url})" if url else "")
    found = _entry_text(entry)
    if found is None:
        return bad_record(where, "entry has no content or summary", origin)
    value, mime = found
    paragraphs = fragment_paragraphs(value) if "html" in mime else value.split("\n\n")
    text, spans = join_paragraphs(paragraphs)
    if not text.strip():
        return bad_record(where, "entry has no text once its markup is removed", origin)
    published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    return build_article(
        text,
        spans,
        source=feed_source or fallback_source(url, origin),
        title=clean_field(entry.get("title")),
        published=published or clean_field(entry.get("published") or entry.get("updated")),
        url=url,
        author=clean_field(entry.get("author")),
        language=language,
        origin=origin,
    )
