"""WARC archives for the tests of the readers that take them (ingest, corpus, CLI)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from helpers.corpus import PAGE, story_text

INDEX_PAGE = (
    "<html><body><ul><li><a href='/a'>A</a></li><li><a href='/b'>B</a></li></ul></body></html>"
)


def response(writer: WARCWriter, uri: str, body: bytes, *, status: str = "200 OK",
             content_type: str = "text/html; charset=utf-8") -> None:  # fmt: skip
    """Write an HTTP response record of `body`."""
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers)
    writer.write_record(record)


def make_warc(path: Path) -> Path:
    """A small crawl (gzipped when the name ends in .gz): two news pages, "Bridge closed" and
    "Café reopens" (in windows-1252), among records that are no articles (warcinfo, a
    request, an image, a 404) and record 6, an index page without an article."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        request = writer.create_warc_record(
            "https://harbour.example/bridge", "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)
        page = PAGE.format(title="Bridge closed", body=story_text(1))
        response(writer, "https://harbour.example/bridge", page.encode())
        response(
            writer, "https://harbour.example/logo.png", b"\x89PNG...", content_type="image/png"
        )
        response(
            writer, "https://harbour.example/gone", b"<html>gone</html>", status="404 Not Found"
        )
        response(writer, "https://harbour.example/", INDEX_PAGE.encode())
        latin = PAGE.format(title="Café reopens", body=story_text(2) + " Café crème.")
        response(
            writer,
            "https://harbour.example/cafe",
            latin.encode("cp1252"),
            content_type="text/html; charset=windows-1252",
        )
    return path
