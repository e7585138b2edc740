"""Articles from what a browser or an API client sends: pasted text, uploaded files, records.

Uploads are read like the files of `parallax compare`, by extension, except that nothing
is ever fetched: a URL list is refused, and URLs inside articles stay text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import PurePath
from typing import Any

from parallax.errors import ErrorCode, InputError, LimitError
from parallax.ingest import FORMATS, load_text
from parallax.ingest.article import article_id
from parallax.ingest.files import load_bytes, reader_of
from parallax.ingest.records import record_to_article
from parallax.types import Article
from parallax.web.limits import Limits

UPLOAD_KINDS = ("text", "markdown", "html", "json", "jsonl")
UPLOAD_SUFFIXES = tuple(suffix for suffix, kind in FORMATS.items() if kind in UPLOAD_KINDS)
"""File extensions an upload may have."""


def pasted_article(text: str, *, source: str | None, number: int) -> Article:
    """An article from a text box: plain text, its title guessed from the first line."""
    name = (source or "").strip() or f"article {number}"
    # The origin names the article in error messages, which otherwise show its hash id.
    return replace(load_text(text, source=name), origin=f"article {number}")


def _display_name(filename: str) -> str:
    # The browser's file name, without any directories it may claim: a label, never a path.
    return PurePath(filename.replace("\\", "/")).name or "upload"


def uploaded_articles(filename: str, data: bytes, limits: Limits | None = None) -> list[Article]:
    """The articles of one uploaded file (text, Markdown, HTML, JSON or JSON Lines); a text
    over the `limits` is refused as soon as it is decoded, in the web's words."""
    origin = _display_name(filename)
    kind = reader_of(PurePath(origin))
    if kind not in UPLOAD_KINDS:
        raise InputError(
            ErrorCode.UNSUPPORTED_FORMAT,
            f"this kind of file is not supported; upload {', '.join(UPLOAD_SUFFIXES)}",
            origin=origin,
        )
    if limits is None:
        return load_bytes(data, origin, fetch_urls=False)
    try:
        return load_bytes(
            data, origin, fetch_urls=False, max_chars=limits.max_chars,
            max_bytes=limits.max_request_bytes, per="request",
        )
    except InputError as err:  # over the web's limit: a refusal like any other limit's
        if err.code is not ErrorCode.TOO_LARGE:
            raise
        raise LimitError(422, f"{origin}: {err.message}") from None


API_TEXT_FIELDS = ("text", "html")
"""The fields of an API record that give its text (`ArticleIn`)."""


def record_article(record: Mapping[str, Any], *, number: int) -> Article:
    """An article from one API record (the fields of a JSON input file).

    An article without a source is named `article N`, a label and no outlet: its id is its
    content's alone, so two records of the same text without a source are the same article
    given twice (E011), as two records of one source are; under two sources they are two
    outlets' copies, compared."""
    where = f"article {number}"
    if not any(isinstance(record.get(f), str) and record[f].strip() for f in API_TEXT_FIELDS):
        raise InputError(
            ErrorCode.BAD_RECORD,
            f"{where}: no text; give `text` (paragraphs separated by blank lines) or `html` "
            "(a page)",
        )
    fields = dict(record)
    named = bool(fields.get("source"))
    if not named:
        fields["source"] = where
    article = record_to_article(fields, where=where)
    if not named:
        article = replace(article, id=article_id("", article.title, article.text))
    return replace(article, origin=where)
