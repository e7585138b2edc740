"""Numeric values a sentence mentions, normalised so "20K", "20,000" and "20 thousand" agree."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from parallax.types import Token

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1_000,
    "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
}
_SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
    "billion": 1e9, "trillion": 1e12, "tn": 1e12,
}
# Denominators of spelled fractions ("two-thirds", "one-half") and the ordinals they share a
# spelling with ("twenty-fifth"): singular and plural forms → the divisor.
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}
_ORDINAL_ENDINGS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth",
                              "seventh", "eighth", "ninth"})
_NUMERAL = re.compile(r"^(?P<num>\d+(?:[.,]\d+)*)(?P<suffix>[a-z]{0,2})$", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """The value of one numeric token ("20,000", "20K", "1.5bn", "twelve"), or None."""
    lowered = text.lower().replace("\u2009", "").replace(" ", "")
    if lowered in _WORDS:
        return float(_WORDS[lowered])
    match = _NUMERAL.match(lowered)
    if match is None:
        return None
    digits, suffix = match["num"], match["suffix"]
    if suffix and suffix not in _SCALES:
        return None  # "3rd", "2nd", "10am"...
    # A comma followed by exactly three digits groups thousands; otherwise it is a decimal mark.
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
        digits = digits.replace(",", "")
    else:
        digits = digits.replace(",", ".")
    try:
        value = float(digits) if digits.count(".") <= 1 else None
    except ValueError:
        return None
    if value is None:
        return None
    value *= _SCALES.get(suffix, 1.0)
    return value if math.isfinite(value) else None  # a 400-digit number is no value


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """A number found in a token sequence: tokens `[first, last)` and their value."""

    first: int
    last: int
    value: float
    spelled: bool  # written in words ("twenty-five"), not digits
    fraction: bool = False  # a spelled fraction ("two-thirds" = 2/3), not a count


def _hyphen_suffix(tokens: Sequence[Token], end: int) -> tuple[str, int]:
    """The word joined by a hyphen after a number word ending at `end` ("-thirds"), and the
    token index after it; ("", end) when none follows."""
    if end + 1 < len(tokens) and tokens[end].text == "-" \
            and tokens[end - 1].end == tokens[end].start \
            and tokens[end].end == tokens[end + 1].start:
        return tokens[end + 1].text.lower(), end + 2
    return "", end


def _spelled_fraction(tokens: Sequence[Token], start: int) -> tuple[float, int, bool]:
    """A spelled fraction at `start` ("two-thirds", "one-half", "three quarters"): its value,
    how many tokens it spans, and whether it is an ordinal instead ("twenty-fifth", which
    counts nothing); (0, 0, False) when neither starts there."""
    parts = [p for p in tokens[start].text.lower().split("-") if p]
    if len(parts) == 2 and parts[0] in _WORDS:  # kept whole by the tokenizer
        numerator, (suffix, end) = parts[0], (parts[1], start + 1)
    elif len(parts) == 1 and parts[0] in _WORDS:
        numerator = parts[0]
        suffix, end = _hyphen_suffix(tokens, start + 1)
        if not suffix and start + 1 < len(tokens):
            suffix, end = tokens[start + 1].text.lower(), start + 2  # "three quarters"
    else:
        return 0.0, 0, False
    value = _WORDS[numerator]
    if suffix not in _DENOMINATORS:
        return 0.0, 0, False
    plural = suffix.endswith("s")
    if value >= 20 and not plural and suffix in _ORDINAL_ENDINGS:
        return 0.0, end - start, True  # "twenty-fifth", "thirty-first": an ordinal
    if value >= 20 or (value == 1) == plural:
        return 0.0, 0, False  # "two third", "one thirds": no fraction
    return value / _DENOMINATORS[suffix], end - start, False


def _number_words(tokens: Sequence[Token], start: int) -> tuple[float, int]:
    """The value of a run of number words at `start` ("twenty-five", "two hundred
    thousand") and how many tokens it spans; (0, 0) when none starts there."""
    words: list[str] = []
    end = start
    while end < len(tokens):
        parts = [p for p in tokens[end].text.lower().split("-") if p]
        if parts and all(p in _WORDS for p in parts):
            words.extend(parts)
        elif not (words and tokens[end].text in ("-", "and") and end + 1 < len(tokens)
                  and tokens[end + 1].text.lower().split("-")[0] in _WORDS):
            break
        end += 1
    if not words or words == ["one"]:
        return 0.0, 0  # "one place", "one of them": a determiner, not a count
    value = _words_value(words)
    return (value, end - start) if value is not None else (0.0, 0)


def _words_value(words: Sequence[str]) -> float | None:
    """The value of number words in order, or None when it is beyond a float's range."""
    total = current = 0
    for word in words:
        value = _WORDS[word]
        if value == 100:
            current = max(current, 1) * 100
        elif value >= 1000:
            total += max(current, 1) * value
            current = 0
        else:
            current += value
    try:
        return float(total + current)
    except OverflowError:  # "hundred hundred hundred …": an int no float can hold
        return None


def number_spans(tokens: Sequence[Token]) -> list[NumberSpan]:
    """The numbers of a token sequence in order, each with the tokens it spans.

    A scale word after digits is part of the number ("2.5 million", "20 K"); a run of
    number words is one number ("two hundred thousand"); a lone "one" is a determiner.
    """
    spans: list[NumberSpan] = []
    i = 0
    while i < len(tokens):
        share, used, ordinal = _spelled_fraction(tokens, i)
        if used:
            if not ordinal:
                spans.append(NumberSpan(i, i + used, share, spelled=True, fraction=True))
            i += used
            continue
        spelled, used = _number_words(tokens, i)
        if used:
            spans.append(NumberSpan(i, i + used, spelled, spelled=True))
            i += used
            continue
        first = i
        token = tokens[i]
        value = parse_number(token.text) if token.text[:1].isdigit() else None
        i += 1
        if value is None:
            continue
        following = tokens[i].text.lower() if i < len(tokens) else ""
        if following in _SCALES and value < 1000:
            value *= _SCALES[following]
            i += 1  # the scale word is part of this number
        spans.append(NumberSpan(first, i, value, spelled=False))
    return spans


def numbers_in(tokens: Sequence[Token]) -> frozenset[float]:
    """The distinct numeric values of a token sequence, with scale words applied."""
    return frozenset(span.value for span in number_spans(tokens))
