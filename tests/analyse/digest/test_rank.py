"""The digest: what only each source reports comes first by weight, shared figures agree,
conflicts are listed, all with the claim that is their evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

import parallax
from parallax.analyse.digest.rank import phrases
from parallax.types import Comparison, DigestItem, Span


@pytest.fixture(scope="module")
def seeds(seed_dir: Path) -> Comparison:
    return parallax.compare([parallax.load(p) for p in sorted(seed_dir.glob("*.txt"))])


def first(items: tuple[DigestItem, ...], n: int) -> str:
    return " | ".join(i.text for i in items[:n])


def test_the_seed_digest_leads_with_what_only_each_source_reports(seeds: Comparison) -> None:
    ours, theirs = (a.id for a in seeds.articles)
    only = seeds.analyses.digest.only
    lead = first(only[theirs], 4)
    assert "26 protesters had lost their lives" in lead  # casualty figures
    assert "liquefied petroleum gas" in lead  # where the protests began
    assert "thanked leaders of China" in lead  # the foreign thanks
    lead = first(only[ours], 4)
    assert "Parliament on January 11, 2022" in lead
    assert "in May 2020, Kazakhstan passed a law" in lead


def test_the_seed_digest_shares_20k_as_20000_attackers(seeds: Comparison) -> None:
    shared = seeds.analyses.digest.shared
    (attackers,) = [i for i in shared if "20K" in i.text]
    assert any("20K" in f for f in attackers.figures)
    assert any("20,000" in f for f in attackers.figures)
    assert len(attackers.sources) == 2


def test_every_digest_item_points_at_its_claim_and_its_text(seeds: Comparison) -> None:
    claims = {c.id: c for c in seeds.claims}
    texts = {a.id: a.article.text for a in seeds.articles}
    digest = seeds.analyses.digest
    for item in [*digest.shared, *(i for items in digest.only.values() for i in items)]:
        assert texts[item.article][item.start:item.end] == item.text
        claim = claims[item.claim]
        assert any(s.article == item.article and s.start <= item.start and item.end <= s.end
                   for s in claim.statements)


def test_figures_come_before_background() -> None:
    background = ("The city has long been proud of its old bridge. Officials met on Monday. "
                  "Many residents walk across it every day.")
    figures = ("Officials met on Monday. Repairs to the old bridge will cost $4 million, "
               "the mayor said. Many residents walk across it every day.")
    comparison = parallax.compare([parallax.load_text(background, source="Ledger"),
                                   parallax.load_text(figures, source="Courier")])
    courier = comparison.articles[1].id
    (top, *_) = comparison.analyses.digest.only[courier]
    assert "$4 million" in top.text and "figures" in top.why


def test_counts_that_disagree_are_listed_as_a_conflict() -> None:
    one = "Police said 26 protesters died in the clashes in the capital on Monday."
    two = "Police said 18 protesters died in the clashes in the capital on Monday."
    comparison = parallax.compare([parallax.load_text(one, source="A"),
                                   parallax.load_text(two, source="B")])
    (conflict,) = comparison.analyses.digest.conflicts
    assert {"26", "18"} <= set(" ".join((*conflict.texts, conflict.explanation)).split())


def test_phrases_join_words_across_short_gaps_only() -> None:
    text = "in May 2020, Kazakhstan passed a law on peaceful assemblies, said the long report"
    words = ["May 2020", "Kazakhstan", "passed", "law", "peaceful", "report"]
    spans = [Span(text.index(w), text.index(w) + len(w)) for w in words]
    assert [text[s.start:s.end] for s in phrases(text, spans)] == [
        "May 2020, Kazakhstan passed a law on peaceful", "report"]
