"""The line a story list shows for a compared story."""

from __future__ import annotations

import pytest
from helpers.news import flood_story

from parallax.corpus import comparisons, ingest_articles
from parallax.corpus.comparisons import story_comparison
from parallax.corpus.store.session import Store
from parallax.corpus.stories.catalog import list_stories
from parallax.corpus.stories.stage import cluster_stories
from parallax.ingest import load_text
from parallax.types import (
    Analyses,
    AnnotatedArticle,
    Comparison,
    Contradiction,
    QuantityMatch,
    QuantityRelation,
    Statement,
    Summary,
)
from parallax.web.differences import cached_lines, differences_line

OUTLETS = ("Fox News", "NYT", "HuffPost", "Reuters")


def comparison(unique: tuple[int, ...], analyses: Analyses | None = None) -> Comparison:
    articles = [
        AnnotatedArticle(load_text(f"Story text of {name}.", source=name), "en", ())
        for name in OUTLETS
    ]
    summary = Summary(0, {a.id: n for a, n in zip(articles, unique, strict=True)}, {}, {})
    return Comparison(tuple(articles), (), summary, analyses=analyses or Analyses())


def test_names_the_outlets_with_most_claims_of_their_own() -> None:
    assert differences_line(comparison((1, 3, 1, 2))) == (
        "3 claims only in NYT, 2 only in Reuters, 2 only in others"
    )
    assert differences_line(comparison((1, 3, 0, 2))) == (
        "3 claims only in NYT, 2 only in Reuters, 1 only in Fox News"
    )
    assert differences_line(comparison((1, 0, 0, 0))) == "1 claim only in Fox News"


def test_counts_numeric_conflicts_and_contradictions() -> None:
    statement = Statement("a", 0, 0, 1, "x", 1.0)
    analyses = Analyses(
        quantity_matches=(
            QuantityMatch(("q1", "q2"), QuantityRelation.CONFLICT, "people"),
            QuantityMatch(("q3", "q4"), QuantityRelation.AGREE, "homes"),
        ),
        contradictions=(Contradiction("x1", (statement, statement), "number", "2 vs 3", 0.9),),
    )
    assert differences_line(comparison((0, 0, 0, 0), analyses)) == (
        "1 numeric conflict · 1 contradiction"
    )


def test_says_so_when_every_claim_is_shared() -> None:
    assert differences_line(comparison((0, 0, 0, 0))) == "every claim is shared"


def test_a_row_cached_with_another_record_shape_is_not_shown_as_current(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_articles(store, flood_story())
    cluster_stories(store)
    stories = list_stories(store)
    [flood] = stories
    story_comparison(store, flood.id, compare=lambda articles: comparison((1, 3, 0, 2)))
    line = "3 claims only in NYT, 2 only in Reuters, 1 only in Fox News"
    assert cached_lines(store, stories) == {flood.id: line}
    # The next release's Comparison gained a field: the old row is "not compared yet".
    monkeypatch.setattr(comparisons, "record_shape", lambda: "a later shape")
    assert cached_lines(store, stories) == {}
