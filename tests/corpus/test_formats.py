"""Corpus inputs: directories, JSON Lines, WARC, RSS/Atom; bad records counted, not fatal."""

from __future__ import annotations

import gzip
import json
import logging
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import func, select
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.corpus import ingest, open_store
from parallax.corpus.formats import Source, format_of, fragment_paragraphs, plan, read
from parallax.corpus.store import ArticleRow
from parallax.errors import ErrorCode, InputError
from parallax.types import Article

from .conftest import story_text, write_jsonl

PAGE = """<!doctype html><html><head><title>{title} | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>The council said the harbour bridge would stay closed until engineers had inspected it.
Residents were told to use the ferry instead, which will run every twenty minutes.</p>
</article><footer>Copyright Harbour Times</footer></body></html>"""

INDEX_PAGE = (
    "<html><body><ul><li><a href='/a'>A</a></li><li><a href='/b'>B</a></li></ul></body></html>"
)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Times</title><language>en</language>
<link>https://harbour.example/</link>
<item><title>Bridge closed</title><link>https://harbour.example/bridge</link>
<pubDate>Fri, 07 Jan 2022 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The bridge is closed.&lt;/p&gt;
&lt;p&gt;Ferries run &amp;amp; buses too.&lt;/p&gt;</description>
</item>
<item><title>Nothing here</title><link>https://harbour.example/empty</link></item>
<item><title>Storm warning</title><link>https://harbour.example/storm</link>
<description>A storm is expected on Saturday. Boats should stay in port.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>River Post</title>
<entry><title>Flood defences</title><link href="https://river.example/flood"/>
<updated>2022-01-08T09:00:00Z</updated><author><name>Ann Reporter</name></author>
<content type="html">&lt;p&gt;New flood defences were opened.&lt;/p&gt;
&lt;ul&gt;&lt;li&gt;Cost: 4m&lt;/li&gt;&lt;li&gt;Length: 2km&lt;/li&gt;&lt;/ul&gt;</content>
<summary>Defences opened.</summary></entry>
</feed>"""


def articles_of(path: Path) -> list[Article | InputError]:
    source = Source(path, format_of(path) or "", path.stat().st_size, explicit=True)
    return [record.item for record in read(source)]


def stored(url: str) -> int:
    with open_store(url) as store, store.session() as session:
        return session.scalar(select(func.count()).select_from(ArticleRow)) or 0


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


def test_a_directory_of_text_html_and_json_is_read_recursively(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    (archive / "2024" / "05").mkdir(parents=True)
    (archive / "a.txt").write_text("Bridge closed\n\n" + story_text(1), encoding="utf-8")
    (archive / "2024" / "b.html").write_text(
        PAGE.format(title="Storm", body=story_text(2)), encoding="utf-8"
    )
    (archive / "2024" / "05" / "c.json").write_text(
        json.dumps([{"title": "C", "text": story_text(3)}, {"title": "D", "text": story_text(4)}]),
        encoding="utf-8",
    )
    (archive / "notes.docx").write_bytes(b"PK\x03\x04")  # unsupported: skipped quietly
    (archive / ".hidden.txt").write_text(story_text(5), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(url) as store:
        stats = ingest(store, [archive])
    assert (stats.new, stats.bad) == (4, 0)
    with open_store(url) as store, store.session() as session:
        titles = set(session.scalars(select(ArticleRow.title)))
        sources = set(session.scalars(select(ArticleRow.source)))
    assert titles == {"Bridge closed", "Storm", "C", "D"}
    assert "Harbour Times" in sources


def test_a_malformed_line_among_ten_thousand_is_reported_with_its_line_number(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", 10_000, bad_lines=(4_321,), words=12)
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with caplog.at_level(logging.WARNING, logger="parallax.corpus"), open_store(url) as store:
        stats = ingest(store, [feed], batch_size=2_000)
    assert (stats.new, stats.bad) == (9_999, 1)
    assert stored(url) == 9_999
    assert stats.bad_records == [
        f"{feed}: line 4321: invalid JSON (Expecting value at column 29) [E008]"
    ]
    assert f"{feed}: line 4321: invalid JSON" in caplog.text


def test_jsonl_records_without_text_or_not_objects_are_bad_records(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"title": "ok", "text": story_text(1)}),
        json.dumps({"title": "no text"}),
        "[1, 2]",
        "",
        json.dumps({"title": "ok too", "body-paragraphs": [story_text(2), story_text(3)]}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = articles_of(path)
    assert [type(item).__name__ for item in items] == [
        "Article", "InputError", "InputError", "Article",
    ]  # fmt: skip
    errors = [str(item) for item in items if isinstance(item, InputError)]
    assert errors[0].startswith(f"{path}: line 2: record has no text")
    assert errors[1].startswith(f"{path}: line 3: expected a JSON object")


def test_gzipped_jsonl_is_streamed(tmp_path: Path) -> None:
    plain = write_jsonl(tmp_path / "feed.jsonl", 50)
    packed = tmp_path / "feed.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    items = articles_of(packed)
    assert len(items) == 50 and all(isinstance(item, Article) for item in items)


def test_a_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path: Path) -> None:
    plain = write_jsonl(tmp_path / "feed.jsonl", 2_000)
    data = gzip.compress(plain.read_bytes())
    packed = tmp_path / "feed.jsonl.gz"
    packed.write_bytes(data[: len(data) // 2])
    items = articles_of(packed)
    good = [item for item in items if isinstance(item, Article)]
    assert 0 < len(good) < 2_000
    assert isinstance(items[-1], InputError)
    assert "cannot read the rest of the file" in str(items[-1])


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


def test_rss_entries_with_content_or_summary_become_articles(tmp_path: Path) -> None:
    path = tmp_path / "harbour.rss"
    path.write_text(RSS, encoding="utf-8")
    items = articles_of(path)
    first, empty, storm = items
    assert isinstance(first, Article) and isinstance(storm, Article)
    assert first.text == "The bridge is closed.\n\nFerries run & buses too."
    assert len(first.paragraphs) == 2
    assert (first.source, first.title, first.url, first.language) == (
        "Harbour Times",
        "Bridge closed",
        "https://harbour.example/bridge",
        "en",
    )
    assert first.published == "2022-01-07T10:00:00+00:00"
    assert isinstance(empty, InputError)
    assert "entry 2 (https://harbour.example/empty): entry has no content" in str(empty)


def test_atom_content_is_preferred_to_the_summary(tmp_path: Path) -> None:
    path = tmp_path / "river.atom"
    path.write_text(ATOM, encoding="utf-8")
    (entry,) = articles_of(path)
    assert isinstance(entry, Article)
    assert entry.text == "New flood defences were opened.\n\nCost: 4m\n\nLength: 2km"
    assert (entry.source, entry.author) == ("River Post", "Ann Reporter")
    assert entry.published == "2022-01-08T09:00:00+00:00"


def test_an_xml_file_that_is_no_feed_fails_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text("<urlset><url><loc>https://a.example/</loc></url></urlset>", encoding="utf-8")
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        articles_of(path)


def test_html_fragments_split_into_blocks_and_drop_scripts() -> None:
    html = "<p>One <b>bold</b> line</p><script>x()</script><br>Two<div>Three &amp; four</div>"
    assert fragment_paragraphs(html) == ["One bold line", "Two", "Three & four"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.jsonl", None, "no such file or directory"),
        ("notes.docx", b"PK\x03\x04", "'.docx' files are not supported"),
        ("empty.jsonl", b"  \n", "file is empty"),
        ("blob.jsonl", b"\x00\x01\x02binary", "binary file"),
        ("fake.jsonl.gz", b"not gzip", "not a gzip file"),
    ],
)
def test_inputs_that_cannot_be_read_fail_before_anything_is_stored(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", 3)
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        plan([good, path])


def test_urls_are_refused_not_fetched(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="reads local files only"):
        plan(["https://news.example/story"])
    listing = tmp_path / "links.txt"
    listing.write_text("https://a.example/1\nhttps://a.example/2\n", encoding="utf-8")
    with pytest.raises(InputError, match="holds only URLs"):
        articles_of(listing)


def test_a_broken_file_inside_a_directory_is_one_bad_record(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    write_jsonl(archive / "a.jsonl", 5)
    (archive / "b.json").write_text("{not json", encoding="utf-8")
    (archive / "c.txt").write_bytes(b"\x00\x00binary")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(url) as store:
        stats = ingest(store, [archive])
    assert (stats.new, stats.bad) == (5, 2)
    assert any("b.json: invalid JSON" in line for line in stats.bad_records)


def test_a_lone_surrogate_is_replaced_not_a_crash(tmp_path: Path) -> None:
    lines = tmp_path / "odd.jsonl"
    lines.write_text(
        json.dumps({"title": "ok", "text": story_text(1)})
        + "\n"
        + '{"title": "odd", "text": "Broken \\ud800 text. More text."}\n'
        + json.dumps({"title": "ok", "text": story_text(2), "author": "A \udc80"})
        + "\n",
        encoding="utf-8",
        errors="surrogatepass",
    )
    items = articles_of(lines)
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) == len(items)
    assert articles[1].text == "Broken \ufffd text. More text."
    assert articles[2].author == "A \ufffd"
