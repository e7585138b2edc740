"""Dispatch: a URL, a directory or a file, by extension, to the reader that builds articles.

`FORMATS` and `reader_of` are the one place that tells a file's reader from its name,
for `parallax compare` and (less URL lists, plus gzipped JSON Lines) corpus ingest. WARC
archives and feeds are read record by record by the corpus readers (`parallax.ingest.stream`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path, PurePath

from parallax.errors import ErrorCode, InputError
from parallax.ingest.article import build_article, fallback_source, refuse_controls
from parallax.ingest.decode import declared_charset, decode_bytes, read_bytes
from parallax.ingest.html import extract_page, looks_like_html
from parallax.ingest.limits import MAX_ARTICLE_CHARS, MAX_BYTES, too_many_characters
from parallax.ingest.records import parse_json, parse_jsonl
from parallax.ingest.text import parse_text
from parallax.ingest.urls import fetch, is_url, parse_url_list
from parallax.types import Article

FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".urls": "urls",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
"""Supported file name endings and the reader each one gets."""

STREAMED = ("warc", "feed")
"""Readers of many-record files that only the corpus readers have (`read` of `stream.py`)."""

SUPPORTED = ", ".join(FORMATS)

log = logging.getLogger(__name__)


def reader_of(path: PurePath, formats: Mapping[str, str] = FORMATS) -> str | None:
    """The reader `formats` gives a file name (`.warc.gz` before `.gz`), None when none."""
    name = path.name.lower()
    for ending in sorted(formats, key=len, reverse=True):
        if name.endswith(ending) and len(name) > len(ending):
            return formats[ending]
    return None


def _one(count: int, origin: str, what: str = "articles") -> None:
    if count > 1:
        raise InputError(
            ErrorCode.BAD_RECORD,
            f"holds {count} {what} but one article was expected; use load_all() to read them all",
            origin=origin,
        )


def _first_error(items: Iterator[Article | InputError]) -> list[Article]:
    articles: list[Article] = []
    for item in items:
        if isinstance(item, InputError):
            raise item
        articles.append(item)
    return articles


def text_article(text: str, *, origin: str, markdown: bool = False) -> Article:
    """An article from a plain-text or Markdown document (title guessed from its first line)."""
    refuse_controls(text, origin)
    title, body, spans = parse_text(text, markdown=markdown)
    return build_article(
        body, spans, source=fallback_source(None, origin), title=title, origin=origin
    )


def html_article(html: str, *, origin: str, url: str | None = None) -> Article:
    """An article from an HTML page; the source is its site name, else its domain."""
    page = extract_page(html, origin=origin, url=url)
    return build_article(
        page.text,
        page.paragraphs,
        source=page.site_name or fallback_source(page.url or url, origin),
        title=page.title,
        published=page.published,
        url=page.url,
        author=page.author,
        origin=origin,
    )


def url_article(url: str) -> Article:
    """Fetch one URL the user asked for and extract its article."""
    content = fetch(url)
    if looks_like_html(content):
        return html_article(content, origin=url, url=url)
    title, body, spans = parse_text(content)
    return build_article(
        body, spans, source=fallback_source(url, url), title=title, url=url, origin=url
    )


def _format(path: Path, origin: str) -> str:
    kind = reader_of(path)
    if kind is not None:
        return kind
    suffix = path.suffix.lower()
    what = f"'{suffix}' files are" if suffix else "files without an extension are"
    raise InputError(
        ErrorCode.UNSUPPORTED_FORMAT,
        f"{what} not supported; supported: {SUPPORTED} (or a directory or an http(s) URL)",
        origin=origin,
    )


def load_bytes(
    data: bytes, name: str, *, origin: str | None = None, fetch_urls: bool = True,
    single: bool = False, max_chars: int = MAX_ARTICLE_CHARS, max_bytes: int = MAX_BYTES,
    per: str = "file",
) -> list[Article]:
    """Articles of a file's bytes, read by the extension of its `name` as `load_file` reads
    the file. Without `fetch_urls` nothing is fetched: a `.urls` file is refused and a text
    holding URLs is read as the text it is. `single` refuses multi-article files early.

    A plain-text or Markdown file longer than `max_chars` is refused as soon as it is
    decoded, before it is parsed, in the words of `limits.too_many_characters` (the web
    app passes its own, smaller limits and says `per` request)."""
    origin = origin or name
    kind = _format(Path(name), origin)
    if kind in STREAMED:
        raise InputError(
            ErrorCode.UNSUPPORTED_FORMAT, "a WARC archive or a feed is read from a file only",
            origin=origin,
        )  # fmt: skip
    if kind == "urls" and not fetch_urls:
        raise InputError(
            ErrorCode.UNSUPPORTED_FORMAT, "a URL list is not read here: nothing is fetched",
            origin=origin,
        )  # fmt: skip
    declared = declared_charset(data) if kind in ("html", "text") else None
    content = decode_bytes(data, origin=origin, declared=declared)

    if kind in ("text", "urls") and fetch_urls:
        urls = parse_url_list(content, origin=origin)
        if urls is not None:
            if single:
                _one(len(urls), origin, "URLs")
            return [url_article(url) for url in urls]
        if kind == "urls":
            raise InputError(
                ErrorCode.BAD_RECORD,
                "a .urls file must hold one http(s) URL per line",
                origin=origin,
            )
    if kind == "text" and looks_like_html(content):
        kind = "html"
    if kind in ("text", "markdown") and len(content) > max_chars:
        raise InputError(
            ErrorCode.TOO_LARGE,
            f"{too_many_characters(len(content), max_chars, max_bytes, per)}; split it into "
            "its articles",
            origin=origin,
        )
    if kind == "html":
        return [html_article(content, origin=origin)]
    if kind in ("json", "jsonl"):
        parse = parse_jsonl if kind == "jsonl" else parse_json
        articles = _first_error(parse(content, origin=origin))
        if single:
            _one(len(articles), origin)
        return articles
    return [text_article(content, origin=origin, markdown=kind == "markdown")]


def load_file(path: Path, *, origin: str | None = None, single: bool = False) -> list[Article]:
    """Articles of one file, read by its extension; `single` refuses multi-article files early."""
    origin = origin or str(path)
    kind = _format(path, origin)  # an unsupported file is refused before it is read
    if kind in STREAMED:
        return _streamed(path, kind, origin, single=single)
    return load_bytes(read_bytes(path, origin=origin), path.name, origin=origin, single=single)


def _streamed(path: Path, kind: str, origin: str, *, single: bool) -> list[Article]:
    """The articles of a WARC archive or a feed, read as corpus ingest reads them; records
    that are not articles (an index page, an entry without text) are logged and passed over,
    and the first one is the error of a file without any article."""
    from parallax.ingest.stream import Source, read  # the corpus readers build on this module

    articles: list[Article] = []
    skipped: list[InputError] = []
    for record in read(Source(path, kind, 0, explicit=True)):
        item = record.item
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, InputError):
            log.warning("%s", item)
            skipped.append(item)
    if skipped and not articles:
        raise skipped[0]
    if not articles:
        raise InputError(
            ErrorCode.NO_ARTICLE, "holds no HTML page (a 2xx text/html response record)",
            origin=origin,
        )  # fmt: skip
    if single:
        _one(len(articles), origin)
    return articles


def _known_format(path: Path) -> bool:
    return reader_of(path) is not None


def walk(directory: Path, supported: Callable[[Path], bool] = _known_format) -> list[Path]:
    """The files under a directory that `supported` accepts (by default the formats
    `load` reads), recursively, sorted, skipping hidden ones."""
    found: list[Path] = []
    for path in directory.rglob("*"):
        relative = path.relative_to(directory)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and supported(path):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(directory).as_posix())


def load_target(target: str | Path, *, single: bool = False) -> list[Article]:
    """Articles of a URL, a directory (recursively) or a file."""
    name = str(target)
    if isinstance(target, str) and is_url(target):
        return [url_article(target.strip())]
    path = Path(target)
    if path.is_dir():
        if single:
            raise InputError(
                ErrorCode.UNSUPPORTED_FORMAT,
                "is a directory; use load_all() to read every article in it",
                origin=name,
            )
        files = walk(path)
        if not files:
            raise InputError(
                ErrorCode.EMPTY,
                f"directory holds no supported files ({SUPPORTED})",
                origin=name,
            )
        articles: list[Article] = []
        for file in files:
            articles.extend(load_file(file, origin=str(file)))
        return articles
    if not path.exists():
        raise InputError(ErrorCode.NOT_FOUND, "no such file or directory", origin=name)
    return load_file(path, origin=name, single=single)
