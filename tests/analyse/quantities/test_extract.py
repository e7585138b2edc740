"""Quantities: extraction, normalisation, what is counted, cross-article matches, bad input."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import numpy as np
import numpy.typing as npt
import pytest

import parallax
from parallax.analyse.quantities.extract import (
    compare_quantities,
    extract_quantities,
    quantities_of,
)
from parallax.annotate import annotate
from parallax.types import (
    AnnotatedArticle,
    Article,
    Claim,
    Quantity,
    QuantityMatch,
    QuantityRelation,
    Relation,
    Sentence,
    Statement,
    Token,
)

SEED_000 = "000_d2e65f4c9432c01a.txt"
SEED_001 = "001_9b04cd35a1cac6b3.txt"


class FakeEncoder:
    """Embeds known words as fixed unit vectors and records what it was asked."""

    VECTORS: ClassVar[dict[str, list[float]]] = {
        "journalist": [1.0, 0.0, 0.0], "reporter": [0.95, 0.31, 0.0], "tractor": [0.0, 0.0, 1.0]}

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls.append(list(texts))
        rows = [self.VECTORS.get(t.split()[-1], [0.0, 1.0, 0.0]) for t in texts]
        vectors = np.array(rows, dtype=np.float32)
        normed: npt.NDArray[np.float32] = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        return normed


def annotated(*texts: str) -> list[AnnotatedArticle]:
    return annotate([Article(id=f"a{i}", text=t, source=f"s{i}", language="en")
                     for i, t in enumerate(texts)])


def quantities(text: str) -> list[Quantity]:
    (article,) = annotated(text)
    return extract_quantities(article)


def only(text: str) -> Quantity:
    (quantity,) = quantities(text)
    return quantity


def matches(*texts: str, claims: Sequence[Claim] = ()) -> tuple[list[Quantity],
                                                                  list[QuantityMatch]]:
    return quantities_of(annotated(*texts), claims, encoder=FakeEncoder())


def claim_of(*statements: tuple[str, int]) -> Claim:
    return Claim("c1", Relation.PARAPHRASE,
                 tuple(Statement(a, s, 0, 1, "", 0.9) for a, s in statements))


@pytest.fixture(scope="module")
def seeds(seed_dir: Path) -> list[AnnotatedArticle]:
    return annotate([parallax.load(seed_dir / SEED_000), parallax.load(seed_dir / SEED_001)])


def test_seed_pair_quantities(seeds: list[AnnotatedArticle]) -> None:
    a, b = (extract_quantities(x) for x in seeds)
    attackers = next(q for q in a if q.counted == "criminal")
    assert (attackers.text, attackers.value, attackers.qualifier) == (
        "around 20K criminals", 20_000.0, "around")
    assert (attackers.low, attackers.high) == (18_000.0, 22_000.0)
    dozens = next(q for q in a if q.qualifier == "dozens")
    assert (dozens.low, dozens.high, dozens.counted) == (24, 99, "dead")
    assert any(q.text == "30 years" and q.counted == "year" for q in a)
    counted_b = {(q.value, q.counted) for q in b}
    assert {(20_000.0, "bandit"), (26.0, "protester"), (18.0, "injured"),
            (18.0, "security officer"), (599.5, "civilian")} <= counted_b
    assert not any(q.value in (2.0, 2022.0, 7.0, 11.0, 2020.0, 1.0) for q in a + b)


def test_seed_pair_matches(seeds: list[AnnotatedArticle]) -> None:
    found, result = quantities_of(seeds, [], encoder=FakeEncoder())
    assert [q.id for q in found] == [f"n{i}" for i in range(1, len(found) + 1)]
    by_id = {q.id: q for q in found}
    texts = {m.relation: sorted(by_id[i].text for i in m.quantities) for m in result}
    assert texts[QuantityRelation.AGREE] == ["20,000 “bandits”", "around 20K criminals"]
    # "Dozens have died" (000) fits 001's 26 protesters + at least 18 officers dead = 44+.
    assert texts[QuantityRelation.COMPATIBLE] == [
        "26 protesters", "At least 18 security officers", "Dozens"]
    assert len(result) == 2  # the 18 injured, 30 years, hundreds of civilians: one source
    matched = {i for m in result for i in m.quantities}
    assert {by_id[i].text for i in set(by_id) - matched} >= {"18", "30 years"}


def test_seed_shared_claim_keeps_the_agreement(seeds: list[AnnotatedArticle]) -> None:
    found, result = quantities_of(seeds, [claim_of((seeds[0].id, 10), (seeds[1].id, 10))],
                                  encoder=FakeEncoder())
    agree = next(m for m in result if m.relation == QuantityRelation.AGREE)
    assert {found[int(i[1:]) - 1].value for i in agree.quantities} == {20_000.0}


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier", "unit"),
    [
        ("Turnout was 45% in the capital.", 45.0, None, None, None, "%"),
        ("Turnout was 45 per cent in the capital.", 45.0, None, None, None, "%"),
        ("The deal is worth $1.2 million to them.", 1.2e6, None, None, None, "USD"),
        ("The deal is worth £1,200,000 to them.", 1.2e6, None, None, None, "GBP"),
        ("Between 10 and 20 people were injured.", 15.0, 10.0, 20.0, "between", None),
        ("Some 30-40 people were injured.", 35.0, 30.0, 40.0, "between", None),
        ("At least 18 officers died.", 18.0, 18.0, None, "at least", None),
        ("Up to 50 officers died.", 50.0, None, 50.0, "up to", None),
        ("Nearly 300 were detained.", 300.0, 270.0, 300.0, "nearly", None),
        ("More than 100 were detained.", 100.0, 100.0, None, "more than", None),
        ("Tens of thousands of people marched.", 59_999.5, 20_000, 99_999,
         "tens of thousands", None),
        ("Several hundred were hurt.", 550.0, 200.0, 900.0, "several hundred", None),
        ("At least one person died.", 1.0, 1.0, None, "at least", None),
        ("Two-thirds of voters backed the plan.", 2 / 3, 2 / 3, 2 / 3, "two-thirds",
         "fraction"),
        ("Three-quarters of the staff stayed.", 0.75, 0.75, 0.75, "three-quarters", "fraction"),
        ("Half the town voted.", 0.5, 0.5, 0.5, "half", "fraction"),
        ("More than half of the workers struck.", 0.5, 0.5, None, "more than", "fraction"),
        ("A third of the homes burned.", 1 / 3, 1 / 3, 1 / 3, "a third", "fraction"),
    ],
)
def test_values_bounds_qualifiers_units(text: str, value: float, low: float | None,
                                        high: float | None, qualifier: str | None,
                                        unit: str | None) -> None:
    q = only(text)
    assert (q.value, q.low, q.high, q.qualifier, q.unit) == pytest.approx(
        (value, low, high, qualifier, unit))
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Twelve soldiers and twenty-five civilians were killed.", ["soldier", "civilian"]),
        ("The health of hundreds of civilians and soldiers suffered.", ["civilian"]),
        ("26 protesters had lost their lives and another 18 were injured.",
         ["protester", "injured"]),
        ("At least 18 security officers have died.", ["security officer"]),
        ("Dozens have died in the unrest.", ["dead"]),
        ("The death toll rose to 164 on Sunday.", ["death toll"]),
        ("Around 20K criminals and terrorists attacked Almaty.", ["criminal"]),
        ("Two-thirds of voters backed the plan.", ["voter"]),
    ],
)
def test_what_is_counted(text: str, counted: list[str]) -> None:
    assert [q.counted for q in quantities(text)] == counted


def test_spelled_out_numbers_equal_digits() -> None:
    assert [q.value for q in quantities("Twelve soldiers and twenty-five civilians died.")] == [
        12.0, 25.0]


@pytest.mark.parametrize(
    "text",
    [
        "In 2020 the protests began in the west.",
        "He spoke on January 7, 2022 and on Jan. 2 in Almaty.",
        "He waited in one place for hours.",
        "Call 555-123-4567 or +1 202 555 0100 today.",
        "Under Article 12 of the Constitution and decree No. 7 the rules change.",
        "The meeting starts at 10 a.m. in Geneva.",
        "She finished 3rd in the race, her first medal.",
        "The COVID-19 rules ended.",
        "The 2020 elections were close.",
        "The committee came out against SB 1062 and H.R. 3590 on Monday.",
        "Voters approved Proposition 8 and the Category 4 storm missed them.",
        "The Senate met on the bill. Slideshow (5 Images)",
    ],
)
def test_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_numbers_beyond_float_range_do_not_crash() -> None:
    text = "Some 1e400 sheep, " + "9" * 400 + " goats and " + "hundred " * 200 + "cows."
    assert all(math.isfinite(q.value) for q in quantities(text))


def test_died_and_injured_are_not_the_same_count() -> None:
    _, result = matches("Police said 18 people died in the clashes.",
                        "Police said 18 people were injured in the clashes.")
    assert result == []


def test_same_count_differently_is_a_conflict_with_both_spans() -> None:
    found, result = matches("Police said 26 protesters were killed.",
                            "Officials said 32 protesters were killed.")
    (match,) = result
    assert match.relation == QuantityRelation.CONFLICT and match.counted == "protester"
    assert sorted(q.text for q in found if q.id in match.quantities) == [
        "26 protesters", "32 protesters"]


def test_vague_and_precise_counts_are_compatible() -> None:
    _, result = matches("Dozens of protesters were killed.", "30 protesters were killed.")
    assert [m.relation for m in result] == [QuantityRelation.COMPATIBLE]


def test_a_total_below_its_parts_conflicts() -> None:
    _, result = matches("Five people died in the clashes.",
                        "12 protesters and 3 officers died in the clashes.")
    (match,) = result
    assert match.relation == QuantityRelation.CONFLICT and len(match.quantities) == 3


def test_different_currencies_do_not_match() -> None:
    _, result = matches("The loan is worth $5 million.", "The loan is worth €5 million.",
                        claims=[claim_of(("a0", 0), ("a1", 0))])
    assert result == []


def test_percentages_match_only_within_a_claim() -> None:
    texts = ("Turnout was 45% on Sunday.", "Turnout reached 52% on Sunday.")
    assert matches(*texts)[1] == []
    (match,) = matches(*texts, claims=[claim_of(("a0", 0), ("a1", 0))])[1]
    assert match.relation == QuantityRelation.CONFLICT


def test_bare_amounts_conflict_only_where_a_claim_restates_one_statement() -> None:
    texts = ("Couples earning $198,000 get a check.",
             "Couples get a check, and the aid phases out at $99,000 for single filers.")
    partial = replace(claim_of(("a0", 0), ("a1", 0)), relation=Relation.PARTIAL)
    assert matches(*texts, claims=[partial])[1] == []
    (match,) = matches(*texts, claims=[claim_of(("a0", 0), ("a1", 0))])[1]
    assert match.relation == QuantityRelation.CONFLICT


def test_embeddings_decide_when_the_word_lists_cannot() -> None:
    encoder = FakeEncoder()
    articles = annotated("Police detained 12 journalists.", "Police detained 15 reporters.",
                         "Police detained 12 tractors.")
    _, result = quantities_of(articles, [], encoder=encoder)
    (match,) = result
    assert match.quantities == ("n1", "n2") and match.relation == QuantityRelation.CONFLICT
    assert encoder.calls and all(len(call) == len(set(call)) for call in encoder.calls)


def test_same_noun_and_value_agree_without_a_claim() -> None:
    _, result = matches("The rebels had 20,000 rifles in the north.",
                        "Officials counted 20,000 rifles after the war.")
    assert [m.relation for m in result] == [QuantityRelation.AGREE]


def test_repeated_count_joins_its_match() -> None:
    _, result = matches("20,000 bandits attacked Almaty. Again, 20,000 bandits attacked.",
                        "Around 20K bandits attacked Almaty.")
    (match,) = result
    assert len(match.quantities) == 3 and match.relation == QuantityRelation.AGREE


def test_compare_accepts_quantities_it_did_not_extract() -> None:
    (a, b) = annotated("Nothing here.", "Nothing there.")
    made = [Quantity("x1", "a0", 0, 1, "N", 0, 5.0, counted="goat"),
            Quantity("x2", "a1", 0, 1, "N", 0, 5.0, counted="goat")]
    (match,) = compare_quantities(made, [a, b], [], encoder=FakeEncoder())
    assert match.quantities == ("x1", "x2") and match.relation == QuantityRelation.AGREE


_TAGS = {"police": ("police", "NOUN"), "said": ("say", "VERB"), "were": ("be", "AUX"),
         "protesters": ("protester", "NOUN"), "arrested": ("arrest", "VERB"),
         "the": ("the", "DET"), "report": ("report", "NOUN"), "such": ("such", "ADJ")}


def _tokens(text: str, offset: int) -> tuple[Token, ...]:
    """A cheap stand-in for the spaCy annotation of the generated sentences."""
    tokens = []
    for m in re.finditer(r"\d+th|\d+(?:,\d{3})*|\w+|[^\w\s]", text):
        word = m.group()
        lemma, pos = _TAGS.get(word.lower(), (word.lower(), "NUM" if word.isdigit() else "PUNCT"))
        tokens.append(Token(offset + m.start(), offset + m.end(), word, lemma, pos, False, False,
                            word.isdigit()))
    return tuple(tokens)


def test_five_thousand_sentences_finish_fast() -> None:
    parts, sentences, start = [], [], 0
    for i in range(5000):
        text = f"Police said {i % 90 + 2} protesters were arrested, the {i}th such report."
        sentences.append(Sentence(i, start, start + len(text), text, 0, _tokens(text, start)))
        parts.append(text)
        start += len(text) + 1
    article = AnnotatedArticle(Article(id="big", text=" ".join(parts), source="x"), "en",
                               tuple(sentences))
    began = time.perf_counter()
    found = extract_quantities(article)
    assert time.perf_counter() - began < 10
    assert len(found) == 5000
    assert {q.counted for q in found} == {"protester"}


def test_comparing_thousands_of_quantities_is_fast(caplog: pytest.LogCaptureFixture) -> None:
    empty = [AnnotatedArticle(Article(id=i, text="", source=i), "en", ()) for i in ("a", "b")]
    made = [Quantity(f"{a}{k}", a, k, k + 1, "N", k, float(k % 7), counted=f"thing{k % 900}")
            for a in ("a", "b") for k in range(5000)]
    made += [Quantity(f"{a}p{k}", a, k, k + 1, "N", k, 3.0, counted="goat")
             for a in ("a", "b") for k in range(600)]  # one noun too common to pair up
    began = time.perf_counter()
    result = compare_quantities(made, empty, [], encoder=FakeEncoder())
    assert time.perf_counter() - began < 5
    assert result and all(m.relation == QuantityRelation.AGREE for m in result)
    assert "not compared pairwise" in caplog.text


def test_no_sentences_and_empty_text() -> None:
    empty = AnnotatedArticle(Article(id="e", text="", source="e"), "en", ())
    assert extract_quantities(empty) == []
    assert quantities_of([empty, empty], [], encoder=FakeEncoder()) == ([], [])
