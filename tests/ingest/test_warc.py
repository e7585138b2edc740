"""WARC archives: each HTML response record is an article, other records are skipped."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from helpers.corpus import articles_of
from helpers.warc import make_warc

from parallax.errors import ErrorCode, InputError
from parallax.ingest import load_all
from parallax.types import Article


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
    with pytest.raises(InputError, match=r"fake\.warc: not a WARC archive.*\[E005\]"):
        load_all(path)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_compare_reads_the_articles_of_a_warc_and_says_what_it_passed_over(
    tmp_path: Path, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = make_warc(tmp_path / name)
    with caplog.at_level(logging.WARNING):
        articles = load_all(path)
    assert [(a.title, a.source, a.url) for a in articles] == [
        ("Bridge closed", "Harbour Times", "https://harbour.example/bridge"),
        ("Café reopens", "Harbour Times", "https://harbour.example/cafe"),
    ]
    assert f"{path}: record 6 (https://harbour.example/): no article" in caplog.text


def test_a_warc_cut_short_keeps_the_articles_before_the_damage(tmp_path: Path) -> None:
    whole = make_warc(tmp_path / "crawl.warc").read_bytes()
    cut = tmp_path / "cut.warc"
    # The last record (7) ends inside its header, before its URI: warcio cannot parse it.
    cut.write_bytes(whole[: whole.rindex(b"WARC-Target-URI")])
    *_, damage = articles_of(cut)
    assert isinstance(damage, InputError)
    assert str(damage).startswith(f"{cut}: record 7: cannot read the rest of the archive")
    assert [a.title for a in load_all(cut)] == ["Bridge closed"]
