"""Entity search: a story is found by the names its comparison and titles give."""

from __future__ import annotations

from collections.abc import Sequence

from helpers.news import court_story, flood_story
from sqlalchemy import select

from parallax.compare import summarise
from parallax.corpus import ingest_articles
from parallax.corpus.comparisons import story_comparison
from parallax.corpus.store.session import MetaRow, Store
from parallax.corpus.stories.catalog import list_stories
from parallax.corpus.stories.search import name_keys, refresh_names, stories_named, title_names
from parallax.corpus.stories.stage import cluster_stories
from parallax.types import Analyses, AnnotatedArticle, Article, Comparison, EntityGroup


def with_entities(articles: Sequence[Article]) -> Comparison:
    """A stand-in comparison whose entity section names the CSTO in full and by its alias."""
    annotated = [AnnotatedArticle(a, "en", ()) for a in articles]
    csto = EntityGroup(
        "e1", "Collective Security Treaty Organization", "ORG", ("CSTO",),
        {a.id: 1 for a in articles},
    )  # fmt: skip
    return Comparison(
        tuple(annotated), (), summarise(annotated, []), analyses=Analyses(entities=(csto,))
    )


def filled(store: Store) -> tuple[int, int]:
    ingest_articles(store, [*flood_story(), *court_story()])
    cluster_stories(store)
    court, flood = list_stories(store)
    return court.id, flood.id


def found(store: Store, search: str) -> list[int]:
    return [story.id for story in list_stories(store, search=search)]


def test_a_story_is_found_by_an_alias_of_its_comparison_once_compared(store: Store) -> None:
    court, flood = filled(store)
    assert found(store, "CSTO") == []
    story_comparison(store, flood, compare=with_entities)
    assert found(store, "CSTO") == [flood]
    assert found(store, "csto") == found(store, "Treaty Organ") == [flood]
    assert found(store, "Collective Security Treaty Organization") == [flood]
    assert court not in found(store, "CSTO")


def named(store: Store, query: str) -> list[int]:
    refresh_names(store)
    with store.session() as session:
        return sorted(session.scalars(stories_named(query)))


def test_the_words_and_capitalised_names_of_titles_are_indexed(store: Store) -> None:
    court, flood = filled(store)
    assert named(store, "Supreme Court") == named(store, "ohio") == [court]
    assert named(store, "Ellis") == [flood]  # "Port Ellis", from its second word
    assert named(store, "harbo") == [flood]  # a word of a title, from its start
    assert named(store, "Ellis harbour") == []  # no name runs on into "harbour"…
    assert found(store, "Ellis harbour") == [flood]  # …but the words are the story's
    assert found(store, "arbour") == []  # words match from their start
    assert named(store, "P") == []  # a single letter is no name


def test_the_index_follows_a_story_that_grows_and_loses_its_comparison(store: Store) -> None:
    flood_articles = flood_story()
    ingest_articles(store, flood_articles[:2])
    cluster_stories(store)
    [story] = list_stories(store)
    story_comparison(store, story.id, compare=with_entities)
    assert found(store, "CSTO") == [story.id]
    ingest_articles(store, flood_articles[2:])
    cluster_stories(store)  # the story grows: its cached comparison is dropped
    assert found(store, "CSTO") == []


def test_an_index_up_to_date_is_not_written_again(store: Store) -> None:
    filled(store)
    assert refresh_names(store) == 2
    with store.session() as session:
        mark = session.scalar(select(MetaRow.value).where(MetaRow.key == "story_names"))
    assert refresh_names(store) == 0
    with store.session() as session:
        assert session.scalar(select(MetaRow.value).where(MetaRow.key == "story_names")) == mark


def test_names_and_their_keys() -> None:
    assert title_names("Putin meets Tokayev in Moscow as CSTO troops leave") == [
        "Putin", "Tokayev", "Moscow", "CSTO"
    ]  # fmt: skip
    assert title_names("U.S. Supreme Court blocks Ohio map") == ["U.S. Supreme Court", "Ohio"]
    assert name_keys("Kassym-Jomart Tokáyev") == [
        "kassym jomart tokayev", "jomart tokayev", "tokayev"
    ]  # fmt: skip
