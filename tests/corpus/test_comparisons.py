"""The comparison cache: computed once per set of articles, reused, read back whole."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from helpers.news import article, flood_story, wire_copy
from sqlalchemy import select, update

from parallax.compare import compare, summarise
from parallax.corpus import comparisons, ingest_articles
from parallax.corpus.comparisons import story_comparison
from parallax.corpus.store.session import ComparisonRow, Store
from parallax.corpus.stories.catalog import list_stories
from parallax.corpus.stories.stage import cluster_stories
from parallax.errors import ParallaxError
from parallax.ingest import load_text
from parallax.report.json.contract import comparison_from_record, comparison_record
from parallax.types import AnnotatedArticle, Article, Comparison

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"


class Counting:
    """A stand-in for the (slow) compare pipeline that records what it was given."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, articles: Sequence[Article]) -> Comparison:
        self.calls.append([a.id for a in articles])
        annotated = [AnnotatedArticle(a, "en", ()) for a in articles]
        return Comparison(tuple(annotated), (), summarise(annotated, []))


def flood_id(store: Store) -> int:
    return list_stories(store)[0].id


def test_a_comparison_is_computed_once_and_again_when_the_story_grows(store: Store) -> None:
    flood = flood_story()
    ingest_articles(store, flood[:2])
    cluster_stories(store)
    story = flood_id(store)
    counting = Counting()
    first = story_comparison(store, story, compare=counting)
    again = story_comparison(store, story, compare=counting)
    assert (first.cached, again.cached) == (False, True)
    assert again.comparison == first.comparison
    assert counting.calls == [[a.id for a in flood[:2]]]
    ingest_articles(store, [flood[2]])
    cluster_stories(store)
    grown = story_comparison(store, story, compare=counting)
    assert not grown.cached
    assert counting.calls[-1] == [a.id for a in flood]


def test_near_duplicates_are_left_out_unless_asked(store: Store) -> None:
    ingest_articles(store, [*flood_story(), wire_copy()])
    cluster_stories(store)
    counting = Counting()
    plain = story_comparison(store, flood_id(store), compare=counting)
    both = story_comparison(store, flood_id(store), compare=counting, with_duplicates=True)
    assert [a.id for a in plain.left_out] == [wire_copy().id]
    assert wire_copy().id not in counting.calls[0]
    assert both.left_out == () and wire_copy().id in counting.calls[1]


def test_a_story_of_one_article_says_there_is_nothing_to_compare(store: Store) -> None:
    lone = article("Evening Star", "Zoo welcomes twin panda cubs", "2024-07-01", "Twin cubs.", 9)
    ingest_articles(store, [lone])
    cluster_stories(store)
    [story] = list_stories(store, min_sources=1)
    with pytest.raises(ParallaxError, match=r"one source only.*single article \(Evening Star\)"):
        story_comparison(store, story.id, compare=Counting())


def test_an_unreadable_cached_row_is_recomputed(store: Store) -> None:
    ingest_articles(store, flood_story())
    cluster_stories(store)
    counting = Counting()
    story_comparison(store, flood_id(store), compare=counting)
    with store.write() as session:
        session.execute(update(ComparisonRow).values(result={"claims": "not a list"}))
    assert not story_comparison(store, flood_id(store), compare=counting).cached
    assert len(counting.calls) == 2
    with store.session() as session:
        assert session.scalars(select(ComparisonRow.result)).one()["claims"] == []


def test_a_row_cached_by_a_differently_shaped_record_is_not_reused(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_articles(store, flood_story())
    cluster_stories(store)
    counting = Counting()
    story_comparison(store, flood_id(store), compare=counting)
    # The next release's Comparison gained a field: the old row must not be read back.
    monkeypatch.setattr(comparisons, "record_shape", lambda: "a later shape")
    assert not story_comparison(store, flood_id(store), compare=counting).cached
    assert len(counting.calls) == 2


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed articles are not at {SEEDS}")
def test_the_seed_pair_comparison_reads_back_equal() -> None:
    articles = [
        load_text(path.read_text(encoding="utf-8"), source=path.stem)
        for path in sorted(SEEDS.glob("*.txt"))
    ]
    comparison = compare(articles)
    assert comparison.claims and comparison.analyses.quotes
    stored = json.loads(json.dumps(comparison_record(comparison)))  # as the JSON column does
    assert comparison_from_record(stored) == comparison
