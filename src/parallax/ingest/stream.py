"""Corpus inputs: files and directories read record by record, bad records as errors.

On top of `parallax.ingest`: plain text, Markdown, HTML and JSON files are read as by
`parallax compare`; JSON Lines (also gzipped) is streamed line by line with no size
limit; WARC archives (`.warc`, `.warc.gz`, `formats_warc`) give one article per HTML
response record (extracted by trafilatura like an HTML file); RSS and Atom feeds (`.rss`,
`.atom`, `.xml`, `formats_feed`) give one article per entry with content or a summary.
Corpus ingest reads local files only: URLs and URL lists are refused, never fetched.

`plan` (`formats_plan`) checks the inputs named on the command line before anything is
stored; `read` yields a `Record` per article or bad record. A bad record is an
`InputError` whose message names its line (JSON Lines), record (JSON, WARC) or entry
(feeds); a file that cannot be read at all raises. `read_pages` is `read` with HTML pages
(HTML files, WARC records) left as `HtmlPage`s: their extraction, `extract_pages`
(`formats_records`), is the costly part and a pure function, so corpus ingest runs it on
the engine's workers. This module is the public face of all of them.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from typing import IO

from parallax.errors import ErrorCode, InputError
from parallax.ingest import iter_records
from parallax.ingest.decode import declared_charset, decode_bytes, read_bytes
from parallax.ingest.feed import read_feed
from parallax.ingest.files import text_article
from parallax.ingest.html import looks_like_html
from parallax.ingest.plan import CORPUS_FORMATS, format_of, plan
from parallax.ingest.records import record_to_article
from parallax.ingest.sources import (
    HtmlPage,
    Record,
    Source,
    bad_record,
    extract,
    extract_pages,
    position,
)
from parallax.ingest.urls import parse_url_list
from parallax.ingest.warc import read_warc
from parallax.types import Article

__all__ = [
    "CORPUS_FORMATS",
    "HtmlPage",
    "Record",
    "Source",
    "extract_pages",
    "format_of",
    "plan",
    "read",
    "read_pages",
]


def read(source: Source) -> Iterator[Record]:
    """Articles and bad records of one file; raises `InputError` if it cannot be read."""
    for record in read_pages(source):
        item = record.item
        if isinstance(item, HtmlPage):
            extracted = extract(item)
            if isinstance(extracted, InputError) and item.where is None:
                raise extracted  # a whole file without an article
            record = Record(extracted, record.consumed)
        yield record


def read_pages(source: Source) -> Iterator[Record]:
    """As `read`, with HTML pages left as `HtmlPage`s to `extract`; when the page is a
    whole file (`where` None), its error is the file's, which `read` raises."""
    origin = str(source.path)
    readers = {
        "text": _read_text,
        "markdown": _read_text,
        "html": _read_html,
        "json": _read_json,
        "jsonl": _read_jsonl,
        "warc": read_warc,
        "feed": read_feed,
    }
    yield from readers[source.kind](source, origin)


def _read_text(source: Source, origin: str) -> Iterator[Record]:
    content = decode_bytes(read_bytes(source.path, origin=origin), origin=origin)
    if parse_url_list(content, origin=origin) is not None:
        raise InputError(
            ErrorCode.UNSUPPORTED_FORMAT,
            "holds only URLs; corpus ingest does not fetch pages (save them and ingest "
            "the files, or a WARC of them)",
            origin=origin,
        )
    if looks_like_html(content):
        yield Record(HtmlPage(content, None, origin), source.size)
    else:
        article = text_article(content, origin=origin, markdown=source.kind == "markdown")
        yield Record(article, source.size)


def _read_html(source: Source, origin: str) -> Iterator[Record]:
    data = read_bytes(source.path, origin=origin)
    yield Record(HtmlPage(data, declared_charset(data), origin), source.size)


def _read_json(source: Source, origin: str) -> Iterator[Record]:
    for item in iter_records(source.path):
        yield Record(item, 0)


def _read_jsonl(source: Source, origin: str) -> Iterator[Record]:
    """JSON Lines streamed line by line; gzip when the name ends in .gz."""
    with source.path.open("rb") as raw:
        stream: IO[bytes] | gzip.GzipFile = raw
        if origin.lower().endswith(".gz"):
            stream = gzip.GzipFile(fileobj=raw)
        number = 0
        try:
            for number, line in enumerate(stream, start=1):
                item = _jsonl_line(line, number, origin)
                if item is not None:
                    yield Record(item, position(raw, source.size))
        except (OSError, EOFError, zlib.error) as err:
            # A truncated or corrupt gzip stream: keep what was read, report the rest.
            yield Record(
                bad_record(
                    f"line {number + 1}", f"cannot read the rest of the file ({err})", origin
                ),
                source.size,
            )


def _jsonl_line(line: bytes, number: int, origin: str) -> Article | InputError | None:
    line = line.rstrip(b"\r\n")
    if number == 1:
        line = line.removeprefix(b"\xef\xbb\xbf")
    if not line.strip():
        return None
    where = f"line {number}"
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = decode_bytes(line, origin=origin)
        except InputError as err:
            return bad_record(where, err.message, origin, err.code)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        return bad_record(where, f"invalid JSON ({err.msg} at column {err.colno})", origin)
    try:
        return record_to_article(record, where=where, origin=origin)
    except InputError as err:
        return err
