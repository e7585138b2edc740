"""WARC archives (`.warc`, `.warc.gz`): one page per HTML response record.

The pages are extracted later, like HTML files (`formats_records.extract`); records that
are not successful HTML responses are not articles and are skipped.
"""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from parallax.errors import ErrorCode, InputError
from parallax.ingest.article import clean_field
from parallax.ingest.decode import MAX_BYTES, declared_charset
from parallax.ingest.limits import too_many_bytes
from parallax.ingest.sources import HtmlPage, Record, Source, bad_record, position

__all__ = ["GZIP_MAGIC", "check_warc", "read_warc"]

log = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = b"WARC/"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def check_warc(path: Path, origin: str) -> None:
    """Refuse a file that does not start like a WARC record (warcio would read it as ARC)."""
    try:
        with path.open("rb") as raw:
            start = raw.read(2)
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw) if start == GZIP_MAGIC else raw
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


def read_warc(source: Source, origin: str) -> Iterator[Record]:
    """One page per HTML response record; a damaged archive's rest is one bad record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    check_warc(source.path, origin)
    with source.path.open("rb") as raw:
        number = 0
        try:
            iterator = ArchiveIterator(raw)
            for number, record in enumerate(iterator, start=1):
                item = _warc_record(record, number, origin)
                if item is not None:
                    yield Record(item, position(raw, source.size))
        # AttributeError: warcio on a record header cut short (no WARC-Target-URI).
        except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError,
                AttributeError) as err:  # fmt: skip
            message = " ".join(str(err).split())[:200]
            if number == 0:
                raise InputError(
                    ErrorCode.UNSUPPORTED_FORMAT, f"not a WARC archive ({message})", origin=origin
                ) from None
            yield Record(
                bad_record(
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
        return bad_record(
            where, too_many_bytes(None, per="page"), origin, ErrorCode.TOO_LARGE
        )
    match = _CHARSET.search(content_type)
    declared = match.group(1) if match else declared_charset(data)
    return HtmlPage(data, declared, origin, uri, where)
