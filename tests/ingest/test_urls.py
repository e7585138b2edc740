"""URLs: recognising them, URL-list files, and fetching pages from a local test server."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from parallax.errors import ErrorCode, InputError
from parallax.ingest import load, load_all, urls
from parallax.ingest.urls import domain, is_url, parse_url_list


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server(fixtures: Path) -> Iterator[str]:
    """Base URL of an HTTP server on 127.0.0.1 serving the fixtures directory."""
    handler = functools.partial(_QuietHandler, directory=str(fixtures))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def loopback_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let trafilatura fetch from 127.0.0.1 (its SSRF protection refuses loopback)."""
    monkeypatch.setattr(urls, "ALLOW_PRIVATE_ADDRESSES", True)


def test_is_url_and_domain() -> None:
    assert is_url("https://www.example.org/news/1?x=2")
    assert not is_url("ftp://example.org/file")
    assert not is_url("see https://example.org for more")
    assert domain("https://www.Example.org/a") == "example.org"
    assert domain("notes.txt") is None


def test_url_list_parsing() -> None:
    text = "# my sources\nhttps://a.example/1\n\n  http://b.example/2  \n"
    assert parse_url_list(text) == ["https://a.example/1", "http://b.example/2"]
    assert parse_url_list("https://a.example/1\nand some prose\n") is None


def test_url_listed_twice_is_a_duplicate() -> None:
    with pytest.raises(InputError) as info:
        parse_url_list("https://a.example/1\nhttps://a.example/1\n", origin="list.urls")
    assert info.value.code is ErrorCode.DUPLICATE_INPUT
    assert "line 2" in str(info.value)


@pytest.mark.usefixtures("loopback_allowed")
def test_url_list_file_is_fetched(tmp_path: Path, server: str) -> None:
    path = tmp_path / "sources.txt"
    path.write_text(f"{server}/article.html\n{server}/second.html\n", encoding="utf-8")
    first, second = load_all(path)
    assert first.source == "The Coastal Courier"
    assert first.origin == f"{server}/article.html"
    assert first.title == "Harbour bridge to close for six weeks of repairs"
    assert second.source == "Harbour Post"
    assert second.url == f"{server}/second.html"  # no canonical link: the fetched URL


@pytest.mark.usefixtures("loopback_allowed")
def test_single_url_loads(server: str) -> None:
    assert load(f"{server}/article.html").published == "2024-03-18"


@pytest.mark.usefixtures("loopback_allowed")
def test_missing_page_is_fetch_failed(server: str) -> None:
    with pytest.raises(InputError) as info:
        load(f"{server}/missing.html")
    assert info.value.code is ErrorCode.FETCH_FAILED
    assert "404" in str(info.value)
    assert "missing.html" in str(info.value)


def test_loopback_is_refused_by_default(server: str) -> None:
    with pytest.raises(InputError) as info:
        load(f"{server}/article.html")
    assert info.value.code is ErrorCode.FETCH_FAILED


def test_load_refuses_a_list_of_several_urls_before_fetching(tmp_path: Path) -> None:
    path = tmp_path / "sources.urls"
    path.write_text("https://a.example/1\nhttps://b.example/2\n", encoding="utf-8")
    with pytest.raises(InputError, match="load_all"):
        load(path)


def test_urls_inside_article_text_are_not_followed(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Bridge to close\n\nRead the report at https://council.example/report.pdf today.\n",
        encoding="utf-8",
    )
    article = load(path)
    assert "https://council.example/report.pdf" in article.text
    assert article.url is None


def test_urls_file_with_prose_is_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "sources.urls"
    path.write_text("https://a.example/1\nnot a url\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_all(path)
    assert info.value.code is ErrorCode.BAD_RECORD
