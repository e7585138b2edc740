"""WARC archives: each HTML response record is an article, other records are skipped."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from helpers.corpus import PAGE, articles_of, story_text
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.errors import ErrorCode, InputError
from parallax.types import Article

INDEX_PAGE = (
    "<html><body><ul><li><a href='/a'>A</a></li><li><a href='/b'>B</a></li></ul></body></html>"
)


def response(writer: WARCWriter, uri: str, body: bytes, *, status: str = "200 OK",
             content_type: str = "text/html; charset=utf-8") -> None:  # fmt: skip
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers)
    writer.write_record(record)


def make_warc(path: Path) -> Path:
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


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_articles(tmp_path: Path, name: str) -> None:
    items = articles_of(make_warc(tmp_path / name))
    articles = [item for item in items if isinstance(item, Article)]
    errors = [item for item in items if isinstance(item, InputError)]
    assert [a.title for a in articles] == ["Bridge closed", "Café reopens"]
    assert articles[0].url == "https://harbour.example/bridge"
    assert articles[0].source == "Harbour Times"
    assert "Café crème." in articles[1].text  # decoded with the declared windows-1252
    # The index page has no article; the request, image and 404 are not articles at all.
    assert len(errors) == 1
    assert errors[0].code == ErrorCode.NO_ARTICLE
    assert str(errors[0]).startswith(f"{tmp_path / name}: record 6 (https://harbour.example/):")


def test_a_file_that_is_not_a_warc_fails_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n" * 5, encoding="utf-8")
    with pytest.raises(InputError, match="not a WARC archive"):
        articles_of(path)
