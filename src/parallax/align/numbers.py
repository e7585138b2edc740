"""Numeric values a sentence mentions, normalised so "20K", "20,000" and "20 thousand" agree."""

from __future__ import annotations

import re
from collections.abc import Sequence

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
    return value * _SCALES.get(suffix, 1.0)


def numbers_in(tokens: Sequence[Token]) -> frozenset[float]:
    """The distinct numeric values of a token sequence, with scale words applied."""
    values: list[float] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        value = parse_number(token.text) if token.like_num or token.text[:1].isdigit() else None
        i += 1
        if value is None:
            continue
        following = tokens[i].text.lower() if i < len(tokens) else ""
        if token.text.lower() == "one" and following not in _SCALES:
            continue  # "one place", "one of them": a determiner, not a count
        if following in _SCALES and value < 1000:
            value *= _SCALES[following]
            i += 1  # the scale word is part of this number
        values.append(value)
    return frozenset(values)
