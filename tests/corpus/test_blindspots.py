"""Coverage by outlet and leaning, blindspot stories, and claims only one side reports."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from helpers.news import article, court_story, flood_story, wire_copy
from typer.testing import CliRunner

from parallax.cli.main import app
from parallax.compare import summarise
from parallax.corpus import ingest_articles, story_comparison
from parallax.corpus.blindspots import (
    article_leanings,
    find_blindspots,
    one_sided_claims,
    story_coverage,
)
from parallax.corpus.outlets import OutletMatcher, OutletSpec, load_outlets
from parallax.corpus.store.session import Store, open_store
from parallax.corpus.stories.catalog import list_stories, load_articles
from parallax.corpus.stories.stage import cluster_stories
from parallax.types import AnnotatedArticle, Claim, Comparison, Relation, Statement

# Flood: Daily Courier and The Ledger (left), Evening Star (right, by its domain), and the
# Harbour Gazette's wire copy (no outlet). Court: Daily Courier and The Ledger only.
TABLE = (
    OutletSpec("Daily Courier", aliases=("daily  COURIER",), leaning="left"),
    OutletSpec("The Ledger", leaning="left"),
    OutletSpec("The Evening Star", domains=("www.eveningstar.example",), leaning="right"),
    OutletSpec("Neutral Post", leaning="center"),  # no article: not a leaning of the corpus
)


@pytest.fixture
def filled(sqlite_url: str) -> Iterator[Store]:
    """Two stories, a wire copy, a single-article story, and the outlet table."""
    lone = article("Evening Star", "Zoo welcomes twin panda cubs", "2024-07-01T09:00:00Z",
                   "The city zoo announced the birth of twin panda cubs on Monday.", 9)  # fmt: skip
    with open_store(sqlite_url) as store:
        ingest_articles(store, [*flood_story(), wire_copy(), *court_story(), lone])
        cluster_stories(store)
        load_outlets(store, TABLE)
        yield store


def test_coverage_counts_outlets_and_leanings_with_unknown_apart(filled: Store) -> None:
    flood = next(s for s in list_stories(filled) if s.size == 4)
    coverage = story_coverage(flood, OutletMatcher.from_store(filled))
    assert [(s.name, s.articles) for s in coverage.leanings] == [("left", 2), ("right", 1)]
    assert [round(s.share or 0, 3) for s in coverage.leanings] == [0.667, 0.333]
    assert coverage.unknown == 1
    assert coverage.known_outlets == 3
    outlets = {s.name: (s.leaning, s.articles) for s in coverage.outlets}
    assert outlets["Harbour Gazette"] == (None, 1)
    assert outlets["The Evening Star"] == ("right", 1)


def test_a_story_of_one_side_is_a_blindspot_for_the_other(filled: Store) -> None:
    [spot] = find_blindspots(filled)
    assert spot.coverage.story.title is not None and "Ohio" in spot.coverage.story.title
    assert (spot.dominant, spot.share, spot.missing) == ("left", 1.0, ("right",))


def test_threshold_and_min_sources_decide_at_their_edges(filled: Store) -> None:
    # The flood's left share is 2/3 but the right is present: never a blindspot.
    assert len(find_blindspots(filled, threshold=0.6)) == 1
    assert find_blindspots(filled, min_sources=3) == []
    # One outlet alone (the zoo story) becomes a blindspot only when asked for.
    assert len(find_blindspots(filled, min_sources=1)) == 2
    with pytest.raises(ValueError, match=r"above 0\.5"):
        find_blindspots(filled, threshold=0.5)


def test_dates_narrow_the_blindspots(filled: Store) -> None:
    from datetime import date

    assert find_blindspots(filled, since=date(2024, 6, 11)) == []
    assert len(find_blindspots(filled, until=date(2024, 6, 10))) == 1


def test_without_leanings_there_is_no_blindspot(filled: Store) -> None:
    load_outlets(filled, (OutletSpec("Daily Courier"), OutletSpec("The Ledger")))
    assert find_blindspots(filled, min_sources=1) == []


def statement(article_id: str, text: str) -> Statement:
    return Statement(article_id, 0, 0, len(text), text, 1.0)


def test_claims_reported_by_one_leaning_only(filled: Store) -> None:
    flood = next(s for s in list_stories(filled) if s.size == 4)
    ids = {a.source: a.id for a in flood.articles}
    stored = load_articles(filled, [a.id for a in flood.articles])
    annotated = [AnnotatedArticle(a, "en", ()) for a in stored]
    claims = (
        Claim("c1", Relation.UNIQUE, (statement(ids["The Ledger"], "Defences never built."),)),
        Claim("c2", Relation.PARAPHRASE, (statement(ids["Daily Courier"], "300 evacuated."),
                                          statement(ids["Evening Star"], "Hundreds left."))),
        Claim("c3", Relation.PARAPHRASE, (statement(ids["Daily Courier"], "The river rose."),
                                          statement(ids["Harbour Gazette"], "The river rose."))),
    )  # fmt: skip
    comparison = Comparison(tuple(annotated), claims, summarise(annotated, list(claims)))
    found = one_sided_claims(comparison, article_leanings(flood, OutletMatcher.from_store(filled)))
    assert [(c.leaning, c.text, c.sources) for c in found] == [
        ("left", "Defences never built.", ("The Ledger",)),
        ("left", "The river rose.", ("Daily Courier", "Harbour Gazette")),  # unknown ignored
    ]
    only_left = {ids[s]: "left" for s in ("The Ledger", "Daily Courier")}
    assert one_sided_claims(comparison, only_left) == []  # one side compared: nothing to tell


def test_the_cli_lists_blindspots_as_a_table_and_as_json(filled: Store) -> None:
    runner = CliRunner()
    url = filled.engine.url.render_as_string(hide_password=False)
    table = runner.invoke(app, ["blindspots", "--db", url])
    assert table.exit_code == 0, table.output
    assert "Ohio" in table.output and "left 100%" in table.output
    listed = runner.invoke(app, ["blindspots", "--db", url, "--json", "--since", "2024-06-01"])
    [record] = json.loads(listed.output)
    assert (record["dominant"], record["missing"], record["one_sided_claims"]) == (
        "left", ["right"], None  # not compared yet: nothing computed behind the user's back
    )
    assert record["leanings"] == [{"name": "left", "leaning": "left", "articles": 2,
                                   "share": 1.0}]  # fmt: skip
    court = record["story"]
    story_comparison(filled, court, compare=lambda articles: Comparison(
        tuple(AnnotatedArticle(a, "en", ()) for a in articles), (),
        summarise([AnnotatedArticle(a, "en", ()) for a in articles], [])))  # fmt: skip
    cached = runner.invoke(app, ["blindspots", "--db", url, "--json"])
    assert json.loads(cached.output)[0]["one_sided_claims"] == []  # compared: one side only
    bad = runner.invoke(app, ["blindspots", "--db", url, "--threshold", "0.4"])
    assert bad.exit_code == 2
    assert bad.output.strip() == (
        "error: --threshold: threshold 0.4: use a share above 0.5 and at most 1"
    )
