"""Quotes: quotations and reported speech, their speakers, matched across articles."""

from __future__ import annotations

from typing import Any

from parallax.analyse.analyser import Analyser, Inputs
from parallax.analyse.quotes.extract import quotes_of

__all__ = ["QUOTES"]


def _run(given: Inputs) -> tuple[Any, ...]:
    return quotes_of(given.articles, given.encoder)


QUOTES = Analyser("quotes", requires=(), assigns=("quotes", "quote_matches"), run=_run)
