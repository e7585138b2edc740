"""The claim alignment on the seed pair: what a reader must see shared and what not."""

from __future__ import annotations

import pytest

import parallax
from parallax.types import Claim, Comparison


@pytest.fixture(scope="module")
def seed_comparison(seed_dir) -> Comparison:  # type: ignore[no-untyped-def]
    first = parallax.load(seed_dir / "000_d2e65f4c9432c01a.txt")
    second = parallax.load(seed_dir / "001_9b04cd35a1cac6b3.txt")
    return parallax.compare([first, second])


def claim_with(comparison: Comparison, article: int, fragment: str) -> Claim:
    article_id = comparison.articles[article].id
    for claim in comparison.claims:
        for statement in claim.statements:
            if statement.article == article_id and fragment in statement.text:
                return claim
    raise AssertionError(f"no sentence of article {article} contains {fragment!r}")


@pytest.mark.parametrize(
    ("fragment_000", "fragment_001"),
    [
        ("shoot to kill, without warning", "open fire to kill the terrorists without warning"),
        ("around 20K criminals and terrorists attacked Almaty alone", "20,000 “bandits” attacked"),
        ("CSTO peacekeeping contingent", "Collective Security Treaty Organization (CSTO)"),
        ("Whoever does not surrender will be destroyed", "Militants who do not surrender"),
    ],
)
def test_same_fact_in_both_reports_is_one_claim(seed_comparison, fragment_000, fragment_001):  # type: ignore[no-untyped-def]
    claim = claim_with(seed_comparison, 0, fragment_000)
    assert claim is claim_with(seed_comparison, 1, fragment_001)
    assert claim.relation in ("identical", "paraphrase", "partial")


@pytest.mark.parametrize(
    ("article", "fragment"),
    [
        (1, "26 protesters had lost their lives"),
        (0, "address to the Parliament on January 11"),
        (1, "The protests began in western Kazakhstan on Jan. 2"),
        (1, "approved the resignation of the government"),
    ],
)
def test_facts_only_one_report_gives_are_unique(seed_comparison, article, fragment):  # type: ignore[no-untyped-def]
    claim = claim_with(seed_comparison, article, fragment)
    assert claim.sources == (seed_comparison.articles[article].id,)
    assert claim.relation == "unique"


@pytest.mark.parametrize(
    ("fragment_000", "fragment_001"),
    [
        ("address to the Parliament on January 11", "26 protesters had lost their lives"),
        ("Dozens have died", "26 protesters had lost their lives"),
        ("Internet connection in certain regions", "20,000 “bandits” attacked"),
        ("The Committee of National Security", "I urge all citizens to be careful"),
    ],
)
def test_unrelated_sentences_are_not_merged(seed_comparison, fragment_000, fragment_001):  # type: ignore[no-untyped-def]
    assert claim_with(seed_comparison, 0, fragment_000) is not claim_with(
        seed_comparison, 1, fragment_001
    )


def test_counts_add_up(seed_comparison):  # type: ignore[no-untyped-def]
    summary = seed_comparison.summary
    sentences = sum(len(a.claim_sentences()) for a in seed_comparison.articles)
    assert sum(len(c.statements) for c in seed_comparison.claims) == sentences
    assert summary.shared_claims == len(seed_comparison.shared())
    unique = len(seed_comparison.claims) - summary.shared_claims
    assert sum(summary.unique_claims.values()) == unique


@pytest.mark.parametrize(
    ("article", "line"),
    [
        (0, "Kazakhstan’s President, Kassym-Jomart Tokayev, addresses the nation "
            "(January 7, 2022)"),
        (0, "Kazakhstan President Kassym-Jomart Tokayev"),
        (1, "Peaceful protests"),
        (1, "Constitutional order restored"),
        (1, "‘Black line in history’"),
    ],
)
def test_the_caption_and_subheads_are_in_no_claim(seed_comparison, article, line):  # type: ignore[no-untyped-def]
    annotated = seed_comparison.articles[article]
    assert line in annotated.article.text
    assert [s.nonclaim is not None for s in annotated.sentences if s.text == line] == [True]
    assert not [s for c in seed_comparison.claims for s in c.statements if s.text == line]

