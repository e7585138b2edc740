"""Outlets and blindspots in the web app: pages, JSON, the story's coverage, a browser."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from helpers.news import court_story, flood_story, wire_copy
from typer.testing import CliRunner

from parallax.cli.main import app as cli_app
from parallax.compare import summarise
from parallax.corpus import ingest_articles, list_stories, open_store, story_comparison
from parallax.corpus.outlets import OutletSpec, load_outlets
from parallax.corpus.store.session import Store
from parallax.corpus.stories.stage import cluster_stories
from parallax.types import AnnotatedArticle, Article, Claim, Comparison, Relation, Statement
from parallax.web.app import create_app
from parallax.web.server import listening_socket

EVIL = "<script>window.__pwned=1</script>Evil Post"
TABLE = (
    OutletSpec("Daily Courier", leaning="left", country="US"),
    OutletSpec("The Ledger", leaning="left", domains=("theledger.example",)),
    OutletSpec("Evening Star", leaning="right", aliases=("Star",)),
    OutletSpec(EVIL, leaning="<b>far</b>"),
)


def one_sided(articles: Sequence[Article]) -> Comparison:
    """A stand-in comparison: each article's first words as a claim of its own."""
    annotated = [AnnotatedArticle(a, "en", ()) for a in articles]
    claims = [
        Claim(f"c{n}", Relation.UNIQUE, (Statement(a.id, 0, 0, 20, a.text[:20], 1.0),))
        for n, a in enumerate(articles)
    ]
    return Comparison(tuple(annotated), tuple(claims), summarise(annotated, claims))


def fill(store: Store) -> None:
    ingest_articles(store, [*flood_story(), wire_copy(), *court_story()])
    cluster_stories(store)
    load_outlets(store, TABLE)
    flood = next(s for s in list_stories(store) if s.size == 4)
    story_comparison(store, flood.id, compare=one_sided)  # cached: the page reads it back


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store of two stories (the Ohio court one told by left outlets only) and outlets."""
    path = tmp_path_factory.mktemp("outlets") / "corpus.db"
    with open_store(f"sqlite:///{path}") as opened:
        fill(opened)
        yield opened


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store=store, warm=False)) as client:
        yield client


def test_api_outlets_lists_the_table_with_article_counts(client: TestClient) -> None:
    outlets = {o["name"]: o for o in client.get("/api/outlets").json()}
    assert {name: o["articles"] for name, o in outlets.items()} == {
        "Daily Courier": 2, "The Ledger": 2, "Evening Star": 1, EVIL: 0
    }
    assert outlets["Evening Star"]["aliases"] == ["Star"]


def test_api_blindspots_and_filters(client: TestClient) -> None:
    blank = client.get("/blindspots", params={"since": "", "until": "", "threshold": "0.8"})
    assert blank.status_code == 200  # the form's empty dates mean any date
    [spot] = client.get("/api/blindspots").json()
    assert "Ohio" in spot["title"]
    assert (spot["dominant"], spot["share"], spot["missing"]) == ("left", 1.0, ["right"])
    assert client.get("/api/blindspots", params={"since": "2024-06-11"}).json() == []
    bad = client.get("/api/blindspots", params={"threshold": "0.4"})
    assert bad.status_code == 422
    assert bad.json()["error"].startswith("query.threshold:")


def test_api_blindspots_is_the_json_of_the_cli(sqlite_url: str) -> None:
    def both() -> tuple[Any, Any]:
        with TestClient(create_app(store=opened, warm=False)) as client:
            api = client.get("/api/blindspots").json()
        cli = CliRunner().invoke(cli_app, ["blindspots", "--db", sqlite_url, "--json"])
        assert cli.exit_code == 0, cli.output
        return api, json.loads(cli.stdout)

    with open_store(sqlite_url) as opened:
        fill(opened)
        api, cli = both()
        assert api == cli
        [spot] = api
        assert spot["one_sided_claims"] is None  # not compared yet
        story_comparison(opened, spot["story"], compare=one_sided)
        api, cli = both()
    assert api == cli
    assert api[0]["one_sided_claims"] == []  # compared, but all its outlets are left


def test_api_coverage_of_a_story_and_of_no_story(client: TestClient) -> None:
    [flood] = client.get("/api/stories", params={"q": "Port Ellis"}).json()
    coverage = client.get(f"/api/stories/{flood['id']}/coverage").json()
    assert [(s["name"], s["articles"]) for s in coverage["leanings"]] == [
        ("left", 2), ("right", 1)
    ]
    assert coverage["unknown_articles"] == 1  # the Harbour Gazette's wire copy
    assert client.get("/api/stories/9999/coverage").status_code == 404


def test_pages_show_outlets_and_blindspots_escaped(client: TestClient) -> None:
    outlets = client.get("/outlets")
    assert outlets.status_code == 200
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;Evil Post" in outlets.text
    assert "<script>window.__pwned" not in outlets.text
    spots = client.get("/blindspots")
    assert spots.status_code == 200
    assert spots.text.count('<a href="/stories/') == 1
    assert '<meter min="0" max="1" value="1.000">' in spots.text
    assert "missing: right" in spots.text
    assert "No blindspots" in client.get("/blindspots", params={"since": "2030-01-01"}).text


def test_story_page_shows_coverage_and_one_sided_claims(client: TestClient) -> None:
    [flood] = client.get("/api/stories", params={"q": "Port Ellis"}).json()
    page = client.get(f"/stories/{flood['id']}")
    assert page.status_code == 200
    assert 'id="coverage-heading"' in page.text
    assert "Reported by one side only" in page.text
    assert "Harbour Gazette <span class=\"meta\">· leaning unknown" in page.text


@pytest.fixture(scope="module")
def server(store: Store) -> Iterator[str]:
    """The app over the store, served on loopback (no models: the comparison is cached)."""
    sock = listening_socket("127.0.0.1", 0)
    app = create_app(store=store, warm=False)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    served = uvicorn.Server(config)
    thread = threading.Thread(target=served.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not served.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    served.should_exit = True
    thread.join(timeout=30)
    sock.close()


def test_blindspots_page_renders_in_a_browser(
    chromium_path: str, server: str, artifacts: Path
) -> None:
    sync_api: Any = pytest.importorskip("playwright.sync_api", reason="playwright is missing")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 800})
            page.goto(server + "/blindspots")
            bar = page.locator("ol.blindspots meter").first
            assert bar.is_visible()
            assert bar.get_attribute("value") == "1.000"
            assert bar.bounding_box()["width"] > 20
            page.screenshot(path=str(artifacts / "blindspots.png"), full_page=True)
            page.click("ol.blindspots a")
            page.wait_for_selector("#coverage-heading")
            assert "Coverage" in page.inner_text("#coverage-heading")
        finally:
            browser.close()


def test_stories_page_by_keyboard_on_a_narrow_screen(
    chromium_path: str, server: str, artifacts: Path
) -> None:
    sync_api: Any = pytest.importorskip("playwright.sync_api", reason="playwright is missing")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True)
        try:
            page = browser.new_page(viewport={"width": 360, "height": 740})
            page.goto(server + "/stories")
            for _ in range(12):  # the skip link, the site's links, then the search box
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.id") == "q":
                    break
            assert page.evaluate("document.activeElement.id") == "q"
            page.keyboard.type("Port Ellis")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            stories = page.locator("ol.stories > li")
            sync_api.expect(stories).to_have_count(1)
            # The compared story says what differs; nothing is wider than the screen.
            sync_api.expect(stories.first.locator(".differs")).to_contain_text("only in")
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
            page.screenshot(path=str(artifacts / "stories-narrow.png"), full_page=True)
        finally:
            browser.close()
