"""HTML extraction (HTML files, WARC records) runs on the engine's workers: the same
articles, bad records and messages on the local and Dask engines as in one process."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import select
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.corpus import ingest
from parallax.corpus.ingest import IngestStats
from parallax.corpus.store.session import ArticleRow, Store, open_store
from parallax.engine import Engine, LocalEngine
from parallax.engine.dask import DaskEngine
from parallax.errors import InputError
from parallax.ingest.stream import extract_pages

from .conftest import VOCABULARY

B = TypeVar("B")
R = TypeVar("R")

PAGE = """<!doctype html><html><head><title>{title} | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{title}</h1><p>{first}</p><p>{second}</p></article>
<footer>Copyright Harbour Times</footer></body></html>"""
NO_ARTICLE = "<html><body><ul><li><a href='/a'>A</a></li></ul></body></html>"
PAGES = 40  # per input: more than one extraction task of 32 pages


def page(number: int) -> str:
    """A news page whose text differs from every other page's."""
    words = VOCABULARY[number * 30 : number * 30 + 60]
    first = " ".join(words[:30]).capitalize() + ". The council met on Monday."
    second = " ".join(words[30:]).capitalize() + ". Residents were told to take the ferry."
    return PAGE.format(title=f"Report {number}: {words[0]}", first=first, second=second)


def make_inputs(folder: Path) -> list[Path]:
    """A directory of HTML files and a WARC, each with one page that holds no article."""
    site = folder / "site"
    site.mkdir()
    for n in range(PAGES):
        (site / f"{n:03d}.html").write_text(page(n), encoding="utf-8")
    (site / "017b.html").write_text(NO_ARTICLE, encoding="utf-8")
    warc = folder / "crawl.warc.gz"
    with warc.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in range(PAGES, 2 * PAGES):
            body = (NO_ARTICLE if n == PAGES + 25 else page(n)).encode()
            status = "404 Not Found" if n == PAGES + 5 else "200 OK"
            headers = StatusAndHeaders(
                status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            uri = f"https://harbour.example/{n}"
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=BytesIO(body),
                                          http_headers=headers)
            )  # fmt: skip
    return [site, warc]


def stored(store: Store) -> list[tuple[Any, ...]]:
    """Every stored article, in the order it was stored."""
    with store.session() as session:
        columns = (ArticleRow.id, ArticleRow.title, ArticleRow.url, ArticleRow.text)
        query = select(*columns).order_by(ArticleRow.ingested_at, ArticleRow.id)
        return [tuple(row) for row in session.execute(query)]


class Spy:
    """An engine that counts the HTML pages it was given to extract."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.workers = engine.workers
        self.pages = 0

    def map_batches(self, fn: Callable[[B], R], batches: Iterable[B]) -> Iterator[R]:
        if fn is extract_pages:
            batches = self._count(batches)
        return self.engine.map_batches(fn, batches)

    def _count(self, batches: Iterable[B]) -> Iterator[B]:
        for batch in batches:
            self.pages += len(batch)  # type: ignore[arg-type]
            yield batch

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> Spy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """The directory and the WARC of `make_inputs`."""
    return make_inputs(tmp_path)


def run(
    inputs: list[Path], url: str, engine: Engine
) -> tuple[IngestStats, list[tuple[Any, ...]]]:
    """Ingest the inputs into a new store with this engine: the counts and the articles."""
    with open_store(url) as store:
        stats = ingest(store, inputs, batch_size=25, engine=engine)
        return stats, stored(store)


def test_pages_are_extracted_by_the_engine_not_the_driver(
    tmp_path: Path, inputs: list[Path]
) -> None:
    with Spy(LocalEngine()) as spy:
        stats, articles = run(inputs, f"sqlite:///{tmp_path / 'c.db'}", spy)
    # 41 HTML files and 39 HTML responses (the 404 is not a page).
    assert spy.pages == 2 * PAGES
    assert (stats.new, stats.bad) == (2 * PAGES - 2, 2)
    assert len(articles) == 2 * PAGES - 2


@pytest.mark.parametrize("engine_name", ["local:2", "dask:2"])
def test_engines_store_what_one_process_stores_with_the_same_bad_records(
    tmp_path: Path, inputs: list[Path], engine_name: str, dask_engine: DaskEngine
) -> None:
    with LocalEngine() as one:
        expected_stats, expected = run(inputs, f"sqlite:///{tmp_path / 'one.db'}", one)
    url = f"sqlite:///{tmp_path / 'other.db'}"
    if engine_name == "dask:2":
        stats, found = run(inputs, url, dask_engine)
    else:
        with LocalEngine(2) as two:
            stats, found = run(inputs, url, two)
    assert found == expected  # in the same order
    assert stats.summary() == expected_stats.summary()
    assert stats.bad_records == expected_stats.bad_records
    site, warc = inputs
    assert stats.bad_records[0].startswith(f"{site / '017b.html'}: ")
    assert stats.bad_records[1].startswith(
        f"{warc}: record 26 (https://harbour.example/{PAGES + 25}): "
    )


def test_an_explicit_page_without_article_stops_after_storing_what_came_before(
    tmp_path: Path,
) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [{"title": f"R{n}", "text": page(n).split("<p>")[1]} for n in range(3)]
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    index = tmp_path / "index.html"
    index.write_text(NO_ARTICLE, encoding="utf-8")
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        with LocalEngine(2) as engine, pytest.raises(InputError, match=r"index\.html"):
            ingest(store, [feed, index], engine=engine)
        assert len(stored(store)) == 3
