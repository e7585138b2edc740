"""What corpus readers yield: the files to read, HTML pages still to extract, records.

A reader yields `Record`s whose item is an `Article`, an `InputError` for a bad record
(`bad_record` names where it is) or an `HtmlPage`; `extract` turns a page into its
article, and `extract_pages` is that over a batch, a pure function the engine's workers
run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from parallax.errors import ErrorCode, InputError
from parallax.ingest.decode import decode_bytes
from parallax.ingest.files import html_article
from parallax.types import Article

__all__ = ["HtmlPage", "Record", "Source", "bad_record", "extract", "extract_pages", "position"]


@dataclass(frozen=True, slots=True)
class Source:
    """One file to read: its reader, its size (for progress) and how it was named."""

    path: Path
    kind: str
    size: int
    explicit: bool  # named on the command line (not found in a directory)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """An HTML page read but not yet extracted (decoded, when `content` is bytes)."""

    content: bytes | str
    declared: str | None  # the charset its HTTP header or markup declares
    origin: str
    url: str | None = None
    where: str | None = None  # "record 3 (URL)" in a WARC; None for a whole file


@dataclass(frozen=True, slots=True)
class Record:
    """An article, a bad record or a page to extract, and how many bytes of its file are
    read so far."""

    item: Article | InputError | HtmlPage
    consumed: int


def bad_record(
    where: str, message: str, origin: str, code: ErrorCode = ErrorCode.BAD_RECORD
) -> InputError:
    """The error of one bad record of a file, its message led by where it is ("line 3")."""
    return InputError(code, f"{where}: {message}", origin=origin)


def position(handle: IO[bytes], fallback: int) -> int:
    """How far into its file `handle` has read, `fallback` when it cannot tell."""
    try:
        return handle.tell()
    except (OSError, ValueError):
        return fallback


def extract(page: HtmlPage) -> Article | InputError:
    """The article of a page (trafilatura), or the error saying why it has none."""
    try:
        html = page.content
        if isinstance(html, bytes):
            html = decode_bytes(html, origin=page.origin, declared=page.declared)
        return html_article(html, origin=page.origin, url=page.url)
    except InputError as err:
        if page.where is None:
            return err
        return bad_record(page.where, err.message, page.origin, err.code)


def extract_pages(pages: Sequence[HtmlPage]) -> list[Article | InputError]:
    """`extract` of each page, in order (what the engine's workers run)."""
    return [extract(page) for page in pages]
