"""The stories of a corpus store, as pages and JSON: list, filters, one story compared."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient
from helpers.news import court_story, flood_story, wire_copy

from parallax.corpus import ingest_articles, open_store
from parallax.corpus.stories.stage import cluster_stories
from parallax.ingest import load_text
from parallax.web.app import create_app

STORY_LINK = re.compile(r'<a href="/stories/\d+">')
SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app over a store of two stories (a flood told by three outlets and a wire copy,
    a court ruling told by two)."""
    path = tmp_path_factory.mktemp("stories") / "corpus.db"
    with open_store(f"sqlite:///{path}") as store:
        ingest_articles(store, [*flood_story(), wire_copy(), *court_story()])
        cluster_stories(store)
        with TestClient(create_app(store=store)) as client:
            yield client


def story_id(client: TestClient, words: str) -> int:
    [story] = client.get("/api/stories", params={"q": words}).json()
    return int(story["id"])


def test_stories_are_listed_newest_first_as_the_cli_lists_them(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    assert [len(s["articles"]) for s in stories] == [2, 4]
    assert list(stories[0]) == ["id", "title", "first_published", "last_published", "articles"]
    assert client.get("/api/stories", params={"since": "2024-06-01"}).json() == stories[:1]
    assert client.get("/api/stories", params={"q": "no such words"}).json() == []


def test_stories_page_lists_and_searches(client: TestClient) -> None:
    page = client.get("/stories")
    assert page.status_code == 200
    assert len(STORY_LINK.findall(page.text)) == 2
    found = client.get("/stories", params={"q": "Ohio map"})
    assert len(STORY_LINK.findall(found.text)) == 1
    assert "Daily Courier, The Ledger" in found.text
    # The form sends its empty date fields: they mean "any date", not an error.
    blank = client.get("/stories", params={"q": "Ohio map", "since": "", "until": ""})
    assert blank.status_code == 200 and len(STORY_LINK.findall(blank.text)) == 1
    empty = client.get("/stories", params={"q": "zebra"})
    assert "No stories match" in empty.text


def test_story_comparison_is_the_json_report_and_is_cached(client: TestClient) -> None:
    flood = story_id(client, "Port Ellis")
    first = client.get(f"/api/stories/{flood}/comparison")
    assert first.status_code == 200
    report = first.json()
    jsonschema.validate(report, SCHEMA)
    # The wire copy is a near-duplicate of the Daily Courier's article: not compared.
    assert sorted(a["source"] for a in report["articles"]) == [
        "Daily Courier", "Evening Star", "The Ledger"
    ]
    assert client.get(f"/api/stories/{flood}/comparison").text == first.text


def test_story_page_shows_its_articles_and_the_report(client: TestClient) -> None:
    flood = story_id(client, "Port Ellis")
    page = client.get(f"/stories/{flood}")
    assert page.status_code == 200
    assert "near-duplicate of Daily Courier, not compared" in page.text
    assert '<iframe class="report"' in page.text
    assert re.search(r"script-src 'self' 'sha256-", page.headers["content-security-policy"])


def test_stories_page_says_what_differs_once_a_story_is_compared(client: TestClient) -> None:
    court = story_id(client, "Ohio map")
    before = client.get("/stories", params={"q": "Ohio map"}).text
    assert "Not compared yet" in before
    assert f'<a href="/stories/{court}#comparison">compare now</a>' in before
    client.get(f"/stories/{court}")
    after = client.get("/stories", params={"q": "Ohio map"}).text
    assert "Not compared yet" not in after
    assert after == client.get("/stories", params={"q": "Ohio map"}).text  # read back alike
    assert re.search(r"\d+ claims? only in (Daily Courier|The Ledger)", after)


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/stories/999", 404, "there is no story 999"),
        ("/api/stories/999/comparison", 404, "there is no story 999"),
        ("/api/stories?since=yesterday", 422, "since: Input should be a valid date"),
        ("/api/stories?min_sources=0", 422, "min_sources: Input should be greater than"),
    ],
)
def test_bad_story_requests_are_one_line(
    client: TestClient, path: str, status: int, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert message in response.json()["error"]
    assert "sqlite" not in response.text  # the store's URL is not the visitor's business


def test_stories_need_a_store() -> None:
    with TestClient(create_app(warm=False)) as client:
        response = client.get("/api/stories")
    assert response.status_code == 404
    assert response.json()["error"].startswith("no corpus store is open")


def test_stored_markup_is_shown_as_text(tmp_path: Path) -> None:
    hostile = load_text(
        "Floods hit the harbour on Monday. <script>window.__pwned = 1</script> Crews helped.",
        source="<b onmouseover=alert(1)>Evil</b>",
        title="<script>window.__pwned = 2</script> Floods",
        url="javascript:alert(3)",
    )
    with open_store(f"sqlite:///{tmp_path / 'corpus.db'}") as store:
        ingest_articles(store, [hostile])
        cluster_stories(store)
        with TestClient(create_app(warm=False, store=store)) as client:
            listed = client.get("/stories", params={"min_sources": 1}).text
            [story] = client.get("/api/stories", params={"min_sources": 1}).json()
            shown = client.get(f"/stories/{story['id']}")
    page = shown.text
    assert shown.status_code == 200
    assert "nothing to compare: it holds a single article" in page
    for html in (listed, page):
        assert "<script>window" not in html and "<b onmouseover" not in html
        assert "&lt;script&gt;window.__pwned = 2&lt;/script&gt; Floods" in html
    assert "javascript:" not in page
