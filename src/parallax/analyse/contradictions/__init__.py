"""Contradictions: claims whose statements disagree (numbers, negation, antonyms, NLI)."""

from __future__ import annotations

from typing import Any

from parallax.analyse.analyser import Analyser, Inputs
from parallax.analyse.contradictions.find import find_contradictions

__all__ = ["CONTRADICTIONS"]


def _run(given: Inputs) -> tuple[Any, ...]:
    return (find_contradictions(given.articles, given.claims, encoder=given.encoder),)


CONTRADICTIONS = Analyser("contradictions", requires=(), assigns=("contradictions",), run=_run)
