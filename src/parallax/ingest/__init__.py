"""Ingest: turn files, directories, URLs and strings into `Article`s.

Supported inputs: plain text (.txt, .text), Markdown (.md, .markdown), HTML (.html, .htm,
.xhtml), JSON (.json: one object or a list), JSON Lines (.jsonl, .ndjson), URL lists
(.urls, or a .txt holding only URLs), WARC archives (.warc, .warc.gz: each HTML page) and
RSS/Atom feeds (.rss, .atom, .xml: each entry), read as corpus ingest reads them (pages or
entries that are no articles are logged and passed over), directories of those, and
http(s) URLs. URLs are fetched only when given directly or listed in a URL-list file (also
one found in a directory), never from article text. Every problem is an `InputError` whose
message is one line naming the input.
"""

from __future__ import annotations

from pathlib import Path

from parallax.errors import ErrorCode, InputError
from parallax.ingest.article import build_article, normalize, refuse_controls
from parallax.ingest.decode import MAX_BYTES
from parallax.ingest.files import FORMATS, load_target
from parallax.ingest.records import iter_records
from parallax.ingest.text import parse_text
from parallax.types import Article

__all__ = ["FORMATS", "MAX_BYTES", "iter_records", "load", "load_all", "load_text"]


def load(path: str | Path) -> Article:
    """Load exactly one article from a file or URL; a multi-record file raises (use `load_all`)."""
    return load_target(path, single=True)[0]


def load_all(path: str | Path) -> list[Article]:
    """Load every article of a file (a WARC or a feed too), a directory (recursively,
    sorted), a URL or a URL list."""
    return load_target(path)


def load_text(
    text: str,
    *,
    source: str,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Article:
    """Build an article from a string; the title is guessed from the first line unless given."""
    refuse_controls(text, source)
    if not normalize(text).strip():
        raise InputError(ErrorCode.EMPTY, "text is empty", origin=source)
    guessed, body, spans = parse_text(text, guess_title=title is None)
    if title is not None:
        title = " ".join(normalize(title).split()) or None
    return build_article(
        body,
        spans,
        source=source,
        title=title if title is not None else guessed,
        published=published,
        url=url,
        origin=None,
    )
