"""Corpus inputs: files and directories read record by record, bad records as errors.

On top of `parallax.ingest`: plain text, Markdown, HTML and JSON files are read as by
`parallax compare`; JSON Lines (also gzipped) is streamed line by line with no size
limit; WARC archives (`.warc`, `.warc.gz`) give one article per HTML response record
(extracted by trafilatura like an HTML file); RSS and Atom feeds (`.rss`, `.atom`, `.xml`)
give one article per entry with content or a summary. Corpus ingest reads local files
only: URLs and URL lists are refused, never fetched.

`plan` checks the inputs named on the command line before anything is stored; `read`
yields a `Record` per article or bad record. A bad record is an `InputError` whose message
names its line (JSON Lines), record (JSON, WARC) or entry (feeds); a file that cannot be
read at all raises. `read_pages` is `read` with HTML pages (HTML files, WARC records) left
as `HtmlPage`s: their extraction, `extract_pages`, is the costly part and a pure function,
so corpus ingest runs it on the engine's workers.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from parallax.errors import ErrorCode, InputError
from parallax.ingest import iter_records
from parallax.ingest.article import build_article, clean_field, fallback_source, join_paragraphs
from parallax.ingest.decode import MAX_BYTES, declared_charset, decode_bytes, read_bytes
from parallax.ingest.files import FORMATS, html_article, text_article, walk
from parallax.ingest.html import looks_like_html
from parallax.ingest.records import record_to_article
from parallax.ingest.urls import is_url, parse_url_list
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

log = logging.getLogger(__name__)

CORPUS_FORMATS: dict[str, str] = {
    # What compare mode reads, less URL lists: corpus ingest never fetches.
    **{ending: kind for ending, kind in FORMATS.items() if kind != "urls"},
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
"""File name endings corpus ingest reads, and the reader each gets."""

SUPPORTED = ", ".join(CORPUS_FORMATS)
_GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = b"WARC/"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_SNIFF = 8192


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
        return _bad(page.where, err.message, page.origin, err.code)


def extract_pages(pages: Sequence[HtmlPage]) -> list[Article | InputError]:
    """`extract` of each page, in order (what the engine's workers run)."""
    return [extract(page) for page in pages]


def format_of(path: Path) -> str | None:
    """The reader for a file name (`.warc.gz` before `.gz`), None when unsupported."""
    name = path.name.lower()
    for ending in sorted(CORPUS_FORMATS, key=len, reverse=True):
        if name.endswith(ending) and len(name) > len(ending):
            return CORPUS_FORMATS[ending]
    return None


def _unsupported(path: Path, origin: str) -> InputError:
    suffix = "".join(path.suffixes[-2:]) if path.suffixes else ""
    what = f"'{suffix}' files are" if suffix else "files without an extension are"
    return InputError(
        ErrorCode.UNSUPPORTED_FORMAT,
        f"{what} not supported by corpus ingest; supported: {SUPPORTED} (or a directory)",
        origin=origin,
    )


def _sniff(path: Path, kind: str, origin: str) -> None:
    """Refuse an empty file, or a binary one where text is expected, before any storing."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
    except OSError as err:
        raise InputError(
            ErrorCode.NOT_FOUND, f"cannot read ({err.strerror})", origin=origin
        ) from None
    if not head.strip():
        raise InputError(ErrorCode.EMPTY, "file is empty", origin=origin)
    compressed = path.name.lower().endswith(".gz")
    if compressed and not head.startswith(_GZIP_MAGIC):
        raise InputError(ErrorCode.BINARY, "ends in .gz but is not a gzip file", origin=origin)
    if not compressed and kind != "warc" and (b"\x00" in head or head.startswith(_GZIP_MAGIC)):
        raise InputError(ErrorCode.BINARY, "binary file, not text", origin=origin)
    if kind == "warc":
        _check_warc(path, origin)


def _check_warc(path: Path, origin: str) -> None:
    """Refuse a file that does not start like a WARC record (warcio would read it as ARC)."""
    try:
        with path.open("rb") as raw:
            start = raw.read(2)
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw) if start == _GZIP_MAGIC else raw
            head = stream.read(len(_WARC_MAGIC))
    except (OSError, EOFError, zlib.error) as err:
        raise InputError(
            ErrorCode.UNSUPPORTED_FORMAT, f"not a WARC archive ({err})", origin=origin
        ) from None
    if head != _WARC_MAGIC:
        raise InputError(
            ErrorCode.UNSUPPORTED_FORMAT,
            "not a WARC archive (it does not start with a WARC/1.x record header)",
            origin=origin,
        )


def _ingestible(path: Path) -> bool:
    if format_of(path) is not None:
        return True
    log.info("%s: skipped (not a supported format)", path)
    return False


def plan(inputs: Sequence[str | Path]) -> list[Source]:
    """The files to read, directories expanded (recursively, sorted, hidden ones skipped).

    Raises an `InputError` for an input that cannot be read at all, before anything is
    stored: a URL, a missing path, an unsupported, empty or binary file, a directory
    without supported files.
    """
    sources: list[Source] = []
    seen: set[Path] = set()

    def add(path: Path, kind: str, explicit: bool) -> None:
        resolved = path.resolve()
        if resolved in seen:
            return
        seen.add(resolved)
        sources.append(Source(path, kind, path.stat().st_size, explicit))

    for target in inputs:
        name = str(target)
        if isinstance(target, str) and is_url(target):
            raise InputError(
                ErrorCode.UNSUPPORTED_FORMAT,
                "corpus ingest reads local files only; save the pages (or a WARC of them) "
                "and ingest those",
                origin=name,
            )
        path = Path(target)
        if path.is_dir():
            files = walk(path, _ingestible)
            if not files:
                raise InputError(
                    ErrorCode.EMPTY,
                    f"directory holds no supported files ({SUPPORTED})",
                    origin=name,
                )
            for file in files:
                add(file, format_of(file) or "", explicit=False)
            continue
        if not path.exists():
            raise InputError(ErrorCode.NOT_FOUND, "no such file or directory", origin=name)
        kind = format_of(path)
        if kind is None:
            raise _unsupported(path, name)
        _sniff(path, kind, name)
        add(path, kind, explicit=True)
    return sources


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
        "warc": _read_warc,
        "feed": _read_feed,
    }
    yield from readers[source.kind](source, origin)


def _bad(
    where: str, message: str, origin: str, code: ErrorCode = ErrorCode.BAD_RECORD
) -> InputError:
    return InputError(code, f"{where}: {message}", origin=origin)


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


def _tell(handle: IO[bytes], fallback: int) -> int:
    try:
        return handle.tell()
    except (OSError, ValueError):
        return fallback


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
                    yield Record(item, _tell(raw, source.size))
        except (OSError, EOFError, zlib.error) as err:
            # A truncated or corrupt gzip stream: keep what was read, report the rest.
            yield Record(
                _bad(f"line {number + 1}", f"cannot read the rest of the file ({err})", origin),
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
            return _bad(where, err.message, origin, err.code)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        return _bad(where, f"invalid JSON ({err.msg} at column {err.colno})", origin)
    try:
        return record_to_article(record, where=where, origin=origin)
    except InputError as err:
        return err


def _read_warc(source: Source, origin: str) -> Iterator[Record]:
    """One article per HTML response record; other records are not articles and skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    _check_warc(source.path, origin)
    with source.path.open("rb") as raw:
        number = 0
        try:
            iterator = ArchiveIterator(raw)
            for number, record in enumerate(iterator, start=1):
                item = _warc_record(record, number, origin)
                if item is not None:
                    yield Record(item, _tell(raw, source.size))
        except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as err:
            message = " ".join(str(err).split())[:200]
            if number == 0:
                raise InputError(
                    ErrorCode.UNSUPPORTED_FORMAT, f"not a WARC archive ({message})", origin=origin
                ) from None
            yield Record(
                _bad(
                    f"record {number + 1}",
                    f"cannot read the rest of the archive ({message})",
                    origin,
                ),
                source.size,
            )


def _warc_record(record: Any, number: int, origin: str) -> HtmlPage | InputError | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    uri = clean_field(record.rec_headers.get_header("WARC-Target-URI"))
    where = f"record {number}" + (f" ({uri})" if uri else "")
    status = str(record.http_headers.get_statuscode() or "")
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not status.startswith("2") or not content_type.startswith(_HTML_TYPES):
        log.debug("%s: %s skipped (HTTP %s, %s)", origin, where, status, content_type)
        return None
    data = record.content_stream().read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return _bad(where, f"page is over {MAX_BYTES // 1_000_000} MB", origin, ErrorCode.TOO_LARGE)
    match = _CHARSET.search(content_type)
    declared = match.group(1) if match else declared_charset(data)
    return HtmlPage(data, declared, origin, uri, where)


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


def _read_feed(source: Source, origin: str) -> Iterator[Record]:
    """RSS or Atom: one article per entry. Parsed from bytes, so nothing is fetched."""
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
        return _bad(where, "entry has no content or summary", origin)
    value, mime = found
    paragraphs = fragment_paragraphs(value) if "html" in mime else value.split("\n\n")
    text, spans = join_paragraphs(paragraphs)
    if not text.strip():
        return _bad(where, "entry has no text once its markup is removed", origin)
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
