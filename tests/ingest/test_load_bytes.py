"""Reading an article from bytes and a file name, as `parallax compare` reads a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.errors import ErrorCode, InputError
from parallax.ingest.files import load_bytes, load_file

PAGE = (
    b"<html><head><meta charset='windows-1252'><title>Storm news</title></head><body>"
    b"<article><h1>Storm news</h1><p>The storm closed the bridge on Tuesday, officials "
    b"said. Caf\xe9 owners counted their losses.</p><p>Ferries will run every 15 minutes "
    b"while the bridge is shut, the harbour master said.</p></article></body></html>"
)
URLS = b"https://example.org/a\nhttps://example.org/b\n"


def test_bytes_read_as_the_file_of_that_name(tmp_path: Path) -> None:
    path = tmp_path / "storm.html"
    path.write_bytes(PAGE)
    [article] = load_bytes(PAGE, "storm.html")
    assert load_file(path, origin="storm.html") == [article]
    assert "Café owners" in article.text


def test_without_fetching_a_url_list_is_text_or_refused() -> None:
    [article] = load_bytes(URLS, "links.txt", fetch_urls=False)
    assert article.text.startswith("https://example.org/a")
    with pytest.raises(InputError) as refused:
        load_bytes(URLS, "links.urls", fetch_urls=False)
    assert refused.value.code == ErrorCode.UNSUPPORTED_FORMAT
    assert "links.urls" in str(refused.value) and "nothing is fetched" in str(refused.value)


def test_a_warc_or_a_feed_is_not_read_from_bytes() -> None:
    with pytest.raises(InputError, match=r"news\.rss: a WARC archive or a feed is read from a"):
        load_bytes(b"<rss><channel><item><title>Storm</title></item></channel></rss>", "news.rss")
