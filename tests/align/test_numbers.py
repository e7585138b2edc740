"""Numbers in sentences, normalised so that differently written equal values agree."""

from __future__ import annotations

import math

import pytest

from parallax.align.numbers import number_spans, numbers_in, parse_number
from parallax.annotate import annotate_sentences


def numbers(text: str) -> set[float]:
    """The values `numbers_in` finds in a sentence tokenised by the real spaCy pipeline."""
    (sentence,) = annotate_sentences([text])
    return set(numbers_in(sentence.tokens))


@pytest.mark.parametrize(
    "text",
    [
        "Around 20K people marched in Almaty.",  # spaCy: "20", "K"
        "Around 20,000 people marched in Almaty.",
        "Around 20 thousand people marched in Almaty.",
        "Around twenty thousand people marched in Almaty.",
    ],
)
def test_twenty_thousand_written_four_ways_is_one_value(text: str) -> None:
    assert numbers(text) == {20_000.0}


@pytest.mark.parametrize(
    "text",
    [
        "The deal is worth 1.5bn dollars.",
        "The deal is worth $1.5bn.",
        "The deal is worth 1.5 billion dollars.",
        "The deal is worth 1,500,000,000 dollars.",
    ],
)
def test_one_and_a_half_billion(text: str) -> None:
    assert numbers(text) == {1.5e9}


def test_scale_word_is_counted_once_with_its_number() -> None:
    # "2.5 million" is one number, not 2.5 and 1,000,000.
    assert numbers("About 2.5 million people voted on Sunday.") == {2_500_000.0}
    assert numbers("One million people fled the city.") == {1_000_000.0}


def test_one_as_a_determiner_is_not_a_number() -> None:
    assert numbers("He waited in one place for hours.") == set()
    assert numbers("One of the 20 victims was a child.") == {20.0}


def test_ordinals_are_not_numbers() -> None:
    assert numbers("She finished 3rd in the race.") == set()
    assert numbers("The 2nd round starts on the 21st.") == set()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Two-thirds of voters backed the plan.", 2 / 3),
        ("Three-quarters of the staff stayed.", 0.75),
        ("One-half of the funds went missing.", 0.5),
        ("Two thirds of voters backed the plan.", 2 / 3),
    ],
)
def test_spelled_fractions_are_shares_not_numerators(text: str, value: float) -> None:
    (found,) = numbers(text)
    assert found == pytest.approx(value)


def test_hyphenated_ordinals_are_not_numbers() -> None:
    assert numbers("The twenty-fifth anniversary passed quietly.") == set()


def test_comma_before_other_than_three_digits_is_a_decimal_mark() -> None:
    assert numbers("Prices rose 1,5 percent in May.") == {1.5}
    assert numbers("Prices rose 1.5 percent in May.") == {1.5}
    assert numbers("Prices rose 1,500 percent in May.") == {1500.0}


def test_years_are_kept_as_numbers() -> None:
    # A year is a value like any other: two reports dated differently differ in numbers.
    assert numbers("In 2022 the protests began in Zhanaozen.") == {2022.0}


def test_distinct_values_only() -> None:
    assert numbers("Police arrested 12 men and 12 women, 24 people in all.") == {12.0, 24.0}


def test_no_numbers() -> None:
    assert numbers("The president addressed the nation.") == set()


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("Twenty-five people were injured in the blast.", "25 people were injured in the blast."),
        ("Two hundred people were injured in the blast.", "200 people were injured in the blast."),
    ],
)
def test_compound_number_words_equal_their_digits(words: str, digits: str) -> None:
    assert numbers(words) == numbers(digits)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("20,000", 20_000.0),
        ("20K", 20_000.0),
        ("20k", 20_000.0),
        ("1.5bn", 1.5e9),
        ("3m", 3e6),
        ("2tn", 2e12),
        ("twelve", 12.0),
        ("Million", 1e6),
        ("1,5", 1.5),
        ("1,234,567.5", 1_234_567.5),
        ("7", 7.0),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["3rd", "21st", "10am", "1.2.3", "abc", "", "k"])
def test_parse_number_refuses_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_numbers_beyond_float_range_are_no_values() -> None:
    assert parse_number("9" * 400) is None
    assert parse_number("1e400") is None
    found = numbers("Some " + "9" * 400 + " sheep and " + "hundred " * 200 + "goats came.")
    assert all(math.isfinite(value) for value in found)


def test_number_spans_name_their_tokens() -> None:
    (sentence,) = annotate_sentences(["Around 20K people and twenty-five dogs came."])
    spans = number_spans(sentence.tokens)
    assert [(s.value, s.spelled) for s in spans] == [(20_000.0, False), (25.0, True)]
    assert [" ".join(t.text for t in sentence.tokens[s.first:s.last]) for s in spans] == [
        "20 K", "twenty - five"]
