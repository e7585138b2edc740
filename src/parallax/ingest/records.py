"""JSON and JSON Lines records: one article per object.

Field names accepted (first present wins):

- text: `text`, `body`, `content` (a string or a list of paragraph strings),
  `body-paragraphs` / `body_paragraphs` / `paragraphs` (a list of paragraph strings, or as in
  BASIL of lists of sentence strings), or
  `html` (a page, extracted like an HTML file) when there is no text;
- `title` / `headline`; `source` / `outlet` / `site_name` / `sitename` / `publisher`
  (a string, or an object with a `name`); `url` / `link`; `published` / `date` /
  `published_at` / `publishedAt`; `author` / `authors`; `language` / `lang`.

A record's text is segmented like a plain-text file, but its title is never guessed.
`iter_records` yields an `InputError` for a bad record and goes on, so a corpus can skip
and count them; file-level problems (missing, binary, …) raise.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from parallax.errors import ErrorCode, InputError
from parallax.ingest.article import (
    build_article,
    clean_field,
    fallback_source,
    join_paragraphs,
    refuse_controls,
)
from parallax.ingest.decode import decode_bytes, read_bytes
from parallax.ingest.html import extract_page
from parallax.ingest.text import parse_text
from parallax.types import Article

TEXT_FIELDS = ("text", "body", "content")
PARAGRAPH_FIELDS = ("body-paragraphs", "body_paragraphs", "paragraphs")
TITLE_FIELDS = ("title", "headline")
SOURCE_FIELDS = ("source", "outlet", "site_name", "sitename", "publisher")
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("published", "date", "published_at", "publishedAt")
AUTHOR_FIELDS = ("author", "authors")
LANGUAGE_FIELDS = ("language", "lang")
_LIST_KEYS = ("articles", "records")

_TEXT_HELP = "expected one of: " + ", ".join((*TEXT_FIELDS, *PARAGRAPH_FIELDS, "html"))


def _first(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value is not None and value != "" and value != []:
            return value
    return None


def _source_name(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("title")
    return clean_field(value)


def _bad(where: str, message: str, origin: str | None) -> InputError:
    return InputError(ErrorCode.BAD_RECORD, f"{where}: {message}", origin=origin)


def _paragraph_list(value: Any, where: str, origin: str | None) -> list[str]:
    """Paragraph strings; a paragraph given as a list of its sentences (BASIL) is joined."""
    if not isinstance(value, list):
        raise _bad(where, "paragraphs must be a list of strings", origin)
    paragraphs = []
    for item in value:
        if isinstance(item, list) and all(isinstance(part, str) for part in item):
            item = " ".join(part.strip() for part in item)
        if not isinstance(item, str):
            raise _bad(where, "paragraphs must be a list of strings (or of lists of them)", origin)
        paragraphs.append(item)
    return paragraphs


def record_to_article(
    record: Any, *, where: str = "record 1", origin: str | None = None
) -> Article:
    """Build an `Article` from one JSON object, or raise BAD_RECORD / NO_ARTICLE."""
    if not isinstance(record, Mapping):
        kind = type(record).__name__.replace("dict", "object").replace("str", "string")
        raise _bad(where, f"expected a JSON object, got a {kind}", origin)
    title = clean_field(_first(record, TITLE_FIELDS))
    url = clean_field(_first(record, URL_FIELDS))
    source = _source_name(_first(record, SOURCE_FIELDS))
    published = clean_field(_first(record, DATE_FIELDS))
    author = clean_field(_first(record, AUTHOR_FIELDS))

    content = _first(record, TEXT_FIELDS)
    paragraphs = _first(record, PARAGRAPH_FIELDS)
    html = record.get("html")
    if isinstance(content, str) and content.strip():
        try:
            refuse_controls(content, None)
        except InputError as err:
            raise InputError(err.code, f"{where}: {err.message}", origin=origin) from None
        _, text, spans = parse_text(content, guess_title=False)
    elif isinstance(content, list):
        text, spans = join_paragraphs(_paragraph_list(content, where, origin))
    elif content is not None and not isinstance(content, str):
        raise _bad(where, f"field text must be a string, got {type(content).__name__}", origin)
    elif paragraphs is not None:
        text, spans = join_paragraphs(_paragraph_list(paragraphs, where, origin))
    elif isinstance(html, str) and html.strip():
        try:
            page = extract_page(html, origin=origin, url=url)
        except InputError as err:
            raise InputError(err.code, f"{where}: {err.message}", origin=origin) from None
        text, spans = page.text, page.paragraphs
        title = title or page.title
        url = url or page.url
        source = source or page.site_name
        published = published or page.published
        author = author or page.author
    else:
        text, spans = "", ()
    if not text.strip():
        raise _bad(where, f"record has no text ({_TEXT_HELP})", origin)
    return build_article(
        text,
        spans,
        source=source or fallback_source(url, origin),
        title=title,
        published=published,
        url=url,
        author=author,
        language=clean_field(_first(record, LANGUAGE_FIELDS)),
        origin=origin,
    )


def _json_error(err: json.JSONDecodeError) -> str:
    return f"invalid JSON ({err.msg} at line {err.lineno} column {err.colno})"


def parse_jsonl(text: str, *, origin: str | None = None) -> Iterator[Article | InputError]:
    """Articles of a JSON Lines document, one per non-empty line; bad lines as errors."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield _bad(where, f"invalid JSON ({err.msg} at column {err.colno})", origin)
            continue
        try:
            yield record_to_article(record, where=where, origin=origin)
        except InputError as err:
            yield err


def parse_json(text: str, *, origin: str | None = None) -> Iterator[Article | InputError]:
    """Articles of a JSON document: one object, a list of objects, or {"articles": [...]}.

    A document that is really JSON Lines (several objects, one per line) is read as such.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from parse_jsonl(text, origin=origin)
            return
        raise InputError(ErrorCode.BAD_RECORD, _json_error(err), origin=origin) from None
    if isinstance(data, Mapping) and not _first(data, (*TEXT_FIELDS, *PARAGRAPH_FIELDS, "html")):
        for key in _LIST_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, list):
        if not data:
            raise InputError(ErrorCode.EMPTY, "the JSON list holds no records", origin=origin)
        for number, record in enumerate(data, start=1):
            try:
                yield record_to_article(record, where=f"record {number}", origin=origin)
            except InputError as err:
                yield err
        return
    try:
        yield record_to_article(data, where="record 1", origin=origin)
    except InputError as err:
        yield err


def iter_records(path: str | Path) -> Iterator[Article | InputError]:
    """Read a .json or .jsonl/.ndjson file record by record, yielding bad records as errors.

    File-level problems (missing, too large, binary, undecodable, invalid .json) raise.
    """
    path = Path(path)
    origin = str(path)
    text = decode_bytes(read_bytes(path, origin=origin), origin=origin)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return parse_jsonl(text, origin=origin)
    return parse_json(text, origin=origin)
