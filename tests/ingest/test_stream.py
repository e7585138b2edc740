"""Corpus inputs read record by record: directories, JSON Lines (gzipped too), text and
HTML files; bad records counted, not fatal."""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

import pytest
from helpers.corpus import PAGE, articles_of, story_text, write_jsonl
from sqlalchemy import func, select

from parallax.corpus import ingest, open_store
from parallax.corpus.store.session import ArticleRow
from parallax.errors import InputError
from parallax.types import Article


def stored(url: str) -> int:
    with open_store(url) as store, store.session() as session:
        return session.scalar(select(func.count()).select_from(ArticleRow)) or 0


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


def test_a_list_of_urls_is_refused_not_fetched(tmp_path: Path) -> None:
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
