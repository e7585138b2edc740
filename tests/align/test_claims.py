"""Claims across small articles written for the test: who says the same thing, who alone."""

from __future__ import annotations

from collections import Counter

import pytest

import parallax
from parallax.align.claims import GROUP_COHERENCE, _Groups, normalised
from parallax.options import CompareOptions
from parallax.types import Article, Claim, Comparison, NonClaim, Relation

EVACUATED = "Flooding forced 3,000 residents of Riverton to leave their homes on Tuesday."
RIVER = "The river rose two metres overnight after three days of heavy rain."
MAYOR = "Mayor Ellen Cole said the town's emergency shelters were full."
FOOTBALL = "The local football club postponed its weekend match against Dunmore."

DAILY = "\n\n".join([EVACUATED, RIVER, MAYOR, FOOTBALL])
HERALD = "\n\n".join(
    [
        RIVER,  # copied word for word
        "About 3,000 people in Riverton were evacuated from their houses on Tuesday "
        "because of the floods.",
        "Officials expect the water to recede by Friday.",
        "A new bakery opened on the high street last month, selling sourdough bread.",
    ]
)
COURIER = "\n\n".join(
    [
        "Some 3,000 Riverton residents had to flee their homes on Tuesday as floodwater spread.",
        "Forecasters warned that more rain is due at the weekend.",
        "MAYOR ELLEN COLE SAID THE TOWN’S EMERGENCY SHELTERS WERE FULL!",  # same words, shouted
    ]
)


@pytest.fixture(scope="module")
def articles() -> tuple[Article, Article, Article]:
    return (
        parallax.load_text(DAILY, source="Daily", title="Riverton floods"),
        parallax.load_text(HERALD, source="Herald", title="Riverton floods"),
        parallax.load_text(COURIER, source="Courier", title="Riverton floods"),
    )


@pytest.fixture(scope="module")
def three(articles: tuple[Article, Article, Article]) -> Comparison:
    return parallax.compare(list(articles))


@pytest.fixture(scope="module")
def two(articles: tuple[Article, Article, Article]) -> Comparison:
    return parallax.compare(list(articles[:2]))


def claim_of(comparison: Comparison, article: int, fragment: str) -> Claim:
    """The claim holding the sentence of the `article`-th article that contains `fragment`."""
    article_id = comparison.articles[article].id
    found = [
        claim
        for claim in comparison.claims
        for s in claim.statements
        if s.article == article_id and fragment in s.text
    ]
    assert len(found) == 1, f"{fragment!r} is in {len(found)} claims of article {article}"
    return found[0]


def grouping(comparison: Comparison) -> set[frozenset[tuple[str, int]]]:
    return {frozenset((s.article, s.sentence) for s in c.statements) for c in comparison.claims}


def test_verbatim_copy_is_one_identical_claim(two: Comparison) -> None:
    claim = claim_of(two, 0, "The river rose")
    assert claim is claim_of(two, 1, "The river rose")
    assert claim.relation is Relation.IDENTICAL
    assert claim.sources == (two.articles[0].id, two.articles[1].id)
    assert [s.similarity for s in claim.statements] == [1.0, 1.0]


def test_same_words_in_other_case_and_punctuation_are_identical(three: Comparison) -> None:
    claim = claim_of(three, 0, "Mayor Ellen Cole")
    assert claim is claim_of(three, 2, "MAYOR ELLEN COLE")
    assert claim.relation is Relation.IDENTICAL


def test_reworded_sentence_is_a_shared_claim(two: Comparison) -> None:
    claim = claim_of(two, 0, "Flooding forced 3,000 residents")
    assert claim is claim_of(two, 1, "About 3,000 people in Riverton were evacuated")
    assert claim.relation in (Relation.PARAPHRASE, Relation.PARTIAL)
    assert all(0.5 < s.similarity < 1.0 for s in claim.statements)


def test_fact_in_all_three_reports_is_one_claim_with_three_sources(three: Comparison) -> None:
    claim = claim_of(three, 0, "Flooding forced 3,000 residents")
    assert claim is claim_of(three, 1, "About 3,000 people in Riverton")
    assert claim is claim_of(three, 2, "Some 3,000 Riverton residents")
    assert claim.sources == tuple(a.id for a in three.articles)
    assert len(claim.statements) == 3
    assert claim.relation is not Relation.UNIQUE


@pytest.mark.parametrize(
    ("article", "fragment"),
    [
        (0, "football club"),
        (1, "Officials expect the water"),
        (1, "new bakery"),
        (2, "Forecasters warned"),
    ],
)
def test_sentence_no_other_report_carries_is_unique(
    three: Comparison, article: int, fragment: str
) -> None:
    claim = claim_of(three, article, fragment)
    assert claim.relation is Relation.UNIQUE
    assert claim.sources == (three.articles[article].id,)
    assert len(claim.statements) == 1
    assert claim.statements[0].similarity == 1.0  # documented value for unique claims


@pytest.mark.parametrize("comparison", ["two", "three"])
def test_every_sentence_is_in_exactly_one_claim(
    comparison: str, request: pytest.FixtureRequest
) -> None:
    result: Comparison = request.getfixturevalue(comparison)
    seen = Counter((s.article, s.sentence) for c in result.claims for s in c.statements)
    expected = {(a.id, s.index) for a in result.articles for s in a.sentences}
    assert set(seen) == expected
    assert set(seen.values()) == {1}


@pytest.mark.parametrize("comparison", ["two", "three"])
def test_claim_ids_are_unique(comparison: str, request: pytest.FixtureRequest) -> None:
    result: Comparison = request.getfixturevalue(comparison)
    ids = [c.id for c in result.claims]
    assert len(set(ids)) == len(ids)
    assert ids == [f"c{n}" for n in range(1, len(ids) + 1)]


def test_statements_point_into_their_article(three: Comparison) -> None:
    texts = {a.id: a.article.text for a in three.articles}
    for claim in three.claims:
        for statement in claim.statements:
            assert texts[statement.article][statement.start : statement.end] == statement.text
            assert 0.0 <= statement.similarity <= 1.0


def test_claims_follow_the_first_article_s_order(three: Comparison) -> None:
    first = three.articles[0].id
    order = [c.statements[0].sentence for c in three.claims if c.statements[0].article == first]
    assert order == [0, 1, 2, 3]
    assert three.claims[0].statements[0].article == first
    position = {a.id: n for n, a in enumerate(three.articles)}
    for claim in three.claims:  # statements in article order, then sentence order
        keys = [(position[s.article], s.sentence) for s in claim.statements]
        assert keys == sorted(keys)


def test_unique_to_and_shared(three: Comparison) -> None:
    daily, herald, courier = (a.id for a in three.articles)
    assert [c.statements[0].text for c in three.unique_to(daily)] == [FOOTBALL]
    assert [c.statements[0].text for c in three.unique_to(herald)] == [
        "Officials expect the water to recede by Friday.",
        "A new bakery opened on the high street last month, selling sourdough bread.",
    ]
    assert [c.statements[0].text for c in three.unique_to(courier)] == [
        "Forecasters warned that more rain is due at the weekend."
    ]
    assert three.unique_to("no-such-article") == ()
    shared = three.shared()
    assert len(shared) == 3  # the evacuation, the river, the mayor
    assert not set(shared) & {c for a in (daily, herald, courier) for c in three.unique_to(a)}


def test_article_order_does_not_change_the_grouping(
    articles: tuple[Article, Article, Article], three: Comparison
) -> None:
    reversed_order = parallax.compare(list(reversed(articles)))
    assert grouping(reversed_order) == grouping(three)


def test_paraphrase_threshold_decides_paraphrase_or_partial(
    articles: tuple[Article, Article, Article],
) -> None:
    lenient = parallax.compare(list(articles[:2]), CompareOptions(paraphrase_threshold=0.0))
    strict = parallax.compare(list(articles[:2]), CompareOptions(paraphrase_threshold=1.0))
    fragment = "Flooding forced 3,000 residents"
    assert claim_of(lenient, 0, fragment).relation is Relation.PARAPHRASE
    assert claim_of(strict, 0, fragment).relation is Relation.PARTIAL
    # a verbatim copy is identical whatever the threshold
    assert claim_of(strict, 0, "The river rose").relation is Relation.IDENTICAL
    assert grouping(lenient) == grouping(strict)


def test_zero_link_threshold_is_accepted(articles: tuple[Article, Article, Article]) -> None:
    comparison = parallax.compare(list(articles[:2]), CompareOptions(link_threshold=0.0))
    # the loosest cut-off links at least what the calibrated one links
    assert len(comparison.shared()) >= 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The river rose.", "the river rose"),
        ("  THE RIVER ROSE!  ", "the river rose"),
        ("The town’s shelters — full", "the town s shelters full"),
        ("snake_case and 3,000", "snake case and 3 000"),
        ("Straße", "strasse"),
        ("...", ""),
    ],
)
def test_normalised(text: str, expected: str) -> None:
    assert normalised(text) == expected


def test_normalised_keeps_words_apart() -> None:
    assert normalised("The river rose.") != normalised("The river rises.")
    assert normalised("no-one") != normalised("none")


def test_a_chain_of_partial_links_across_articles_is_not_one_claim() -> None:
    # A≈B and B≈C are linked, but A and C say different things: C stays out of A's claim.
    cosines = {frozenset({(0, 0), (1, 0)}): 0.8, frozenset({(1, 0), (2, 0)}): 0.6,
               frozenset({(0, 0), (2, 0)}): 0.1, frozenset({(0, 0), (3, 0)}): 0.7,
               frozenset({(1, 0), (3, 0)}): 0.7}
    groups = _Groups([(0, 0), (1, 0), (2, 0), (3, 0)],
                     lambda a, b: cosines.get(frozenset({a, b}), 0.0))
    assert groups.merge((0, 0), (1, 0))
    assert (0.6 + 0.1) / 2 < GROUP_COHERENCE <= (0.7 + 0.7) / 2
    assert not groups.merge((1, 0), (2, 0))
    assert groups.merge((0, 0), (3, 0))  # (0.7 + 0.7) / 2
    assert sorted(groups.members[groups.group_of[(0, 0)]]) == [(0, 0), (1, 0), (3, 0)]


def test_a_newsletter_prompt_both_articles_carry_is_in_no_claim() -> None:
    prompt = "Get breaking news alerts and special reports."
    texts = [f"{EVACUATED}\n\n{prompt}\n\n{RIVER}", f"{RIVER}\n\n{prompt}\n\n{MAYOR}"]
    comparison = parallax.compare([
        parallax.load_text(text, source=source, title="Riverton floods")
        for text, source in zip(texts, ("Daily", "Herald"), strict=True)
    ])
    assert not [s for c in comparison.claims for s in c.statements if s.text == prompt]
    assert claim_of(comparison, 0, "The river rose") is claim_of(comparison, 1, "The river rose")
    for article in comparison.articles:  # still in the text the reports show
        assert prompt in article.article.text
        assert [s.nonclaim for s in article.sentences if s.text == prompt] == [NonClaim.PROMPT]
