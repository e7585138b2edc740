"""The clustering stage: stories formed from stored articles, incrementally and once."""

from __future__ import annotations

from datetime import datetime

from helpers.news import court_story, flood_story, wire_copy
from sqlalchemy import func, select, update

from parallax.corpus import ingest_articles
from parallax.corpus.store.session import (
    ComparisonRow,
    SketchRow,
    Store,
    StoryArticleRow,
    StoryRow,
    utcnow,
)
from parallax.corpus.stories.stage import cluster_stories


def stories(store: Store) -> dict[frozenset[str], StoryRow]:
    """Each story by the set of its articles' sources and titles."""
    with store.session() as session:
        rows = session.execute(select(StoryArticleRow.story_id, StoryArticleRow.article_id))
        members: dict[int, set[str]] = {}
        for story, article in rows:
            members.setdefault(story, set()).add(article)
        return {frozenset(ids): session.get_one(StoryRow, sid) for sid, ids in members.items()}


def test_articles_of_one_event_form_one_story_with_its_span_and_sources(store: Store) -> None:
    flood, court = flood_story(), court_story()
    ingest_articles(store, [*court, *flood])
    stats = cluster_stories(store)
    assert (stats.articles, stats.new_stories) == (5, 2)
    found = stories(store)
    assert set(found) == {frozenset(a.id for a in flood), frozenset(a.id for a in court)}
    story = found[frozenset(a.id for a in flood)]
    assert story.title in {a.title for a in flood}
    assert (story.first_published, story.last_published) == (
        datetime(2024, 5, 1, 8), datetime(2024, 5, 2, 9)
    )
    assert (story.size, story.sources) == (3, 3)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(SketchRow)) == 5


def test_a_second_run_adds_nothing_and_new_articles_join_their_story(store: Store) -> None:
    flood = flood_story()
    ingest_articles(store, flood[:2])
    cluster_stories(store)
    again = cluster_stories(store)
    assert (again.articles, again.new_stories, again.batches) == (0, 0, 0)
    [(first_ids, first)] = stories(store).items()
    with store.write() as session:  # a cached comparison of the story as it was
        session.add(ComparisonRow(key="k", story_id=first.id, article_ids=[], options={},
                                  result={}, parallax_version="0", created_at=utcnow()))
    ingest_articles(store, [flood[2], *court_story()])
    later = cluster_stories(store)
    assert (later.articles, later.new_stories, later.grown_stories) == (3, 1, 1)
    grown = stories(store)[first_ids | {flood[2].id}]
    assert grown.id == first.id
    assert (grown.size, grown.last_published) == (3, datetime(2024, 5, 2, 9))
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(ComparisonRow)) == 0


def test_a_store_clustered_by_an_older_version_still_grows_its_stories(store: Store) -> None:
    """Sketches stored under another method (an earlier release) are sketched again when
    the window is restored, so a new article joins the story instead of opening one."""
    flood = flood_story()
    ingest_articles(store, flood[:2])
    cluster_stories(store)
    with store.write() as session:
        session.execute(update(SketchRow).values(method="words-v1", sketch=b"old"))
    [(first_ids, first)] = stories(store).items()
    ingest_articles(store, [flood[2]])
    later = cluster_stories(store)
    assert (later.new_stories, later.grown_stories) == (0, 1)
    assert stories(store)[first_ids | {flood[2].id}].id == first.id
    with store.session() as session:
        assert set(session.scalars(select(SketchRow.method))) != {"words-v1"}
        assert b"old" not in set(session.scalars(select(SketchRow.sketch)))


def test_a_near_duplicate_joins_its_original_story_but_not_its_sources(store: Store) -> None:
    flood, copy = flood_story(), wire_copy()
    stats = ingest_articles(store, [*flood, copy])
    assert stats.near_duplicates == 1
    clustered = cluster_stories(store, batch_size=2)
    assert clustered.duplicates == 1
    story = stories(store)[frozenset(a.id for a in [*flood, copy])]
    assert (story.size, story.sources) == (4, 3)
    with store.session() as session:
        assert session.get(SketchRow, copy.id) is None  # a copy is never sketched


def test_batches_give_the_same_stories_as_one_pass(store: Store) -> None:
    articles = [*flood_story(), *court_story()]
    ingest_articles(store, articles)
    cluster_stories(store, batch_size=1)
    assert set(stories(store)) == {
        frozenset(a.id for a in flood_story()), frozenset(a.id for a in court_story())
    }
