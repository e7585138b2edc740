"""Listing stories with filters, and one story's articles, as the CLI and web app see them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from helpers.news import article, court_story, flood_story, wire_copy

from parallax.corpus import ingest_articles
from parallax.corpus.store.session import Store
from parallax.corpus.stories.catalog import (
    StoryNotFoundError,
    get_story,
    list_stories,
    load_articles,
)
from parallax.corpus.stories.stage import cluster_stories


@pytest.fixture
def filled(store: Store) -> Store:
    """Two stories of several outlets, a wire copy and a story of a single article."""
    lone = article("Evening Star", "Zoo welcomes twin panda cubs", "2024-07-01T09:00:00Z",
                   "The city zoo announced the birth of twin panda cubs on Monday.", 9)  # fmt: skip
    ingest_articles(store, [*flood_story(), wire_copy(), *court_story(), lone])
    cluster_stories(store)
    return store


def titles(found: list[object]) -> list[str | None]:
    return [getattr(s, "title", None) for s in found]


def test_stories_are_listed_newest_first_with_two_sources_by_default(filled: Store) -> None:
    found = list_stories(filled)
    assert [len(s.articles) for s in found] == [2, 4]
    court, flood = found
    assert court.last_published == datetime(2024, 6, 10, 18)
    assert [a.source for a in flood.articles] == [
        "Daily Courier", "Harbour Gazette", "Evening Star", "The Ledger"
    ]  # oldest first
    assert flood.articles[1].duplicate_of == flood.articles[0].id
    assert len(list_stories(filled, min_sources=1)) == 3


def test_filters_by_date_words_and_limit(filled: Store) -> None:
    assert len(list_stories(filled, since=date(2024, 6, 1))) == 1
    assert len(list_stories(filled, until=date(2024, 5, 1))) == 1  # the whole day counts
    assert list_stories(filled, since=date(2024, 5, 3), until=date(2024, 6, 9)) == []
    [found] = list_stories(filled, search="ELECTION map")
    assert {a.source for a in found.articles} == {"Daily Courier", "The Ledger"}
    assert list_stories(filled, search="election floods") == []
    assert list_stories(filled, search="100%_") == []  # wildcards are plain characters
    assert len(list_stories(filled, limit=1)) == 1


def test_the_json_form_has_exactly_the_documented_fields(filled: Store) -> None:
    court = list_stories(filled)[0].to_dict()
    assert list(court) == ["id", "title", "first_published", "last_published", "articles"]
    assert court["first_published"] == "2024-06-10T15:00:00Z"
    assert list(court["articles"][0]) == ["id", "source", "title", "url", "published"]
    assert court["articles"][0]["published"] == "2024-06-10T15:00:00Z"


def test_one_story_and_its_articles_read_back_as_ingested(filled: Store) -> None:
    story = list_stories(filled)[1]
    assert get_story(filled, story.id) == story
    loaded = load_articles(filled, [a.id for a in story.articles])
    assert [a.id for a in loaded] == [a.id for a in story.articles]
    original = {a.id: a for a in [*flood_story(), wire_copy()]}
    assert all(a == original[a.id] for a in loaded)
    with pytest.raises(StoryNotFoundError, match="there is no story 999"):
        get_story(filled, 999)
