"""Quantities: numbers with their units and counted nouns, matched across articles."""

from __future__ import annotations

from typing import Any

from parallax.analyse.analyser import Analyser, Inputs
from parallax.analyse.quantities.extract import quantities_of

__all__ = ["QUANTITIES"]


def _run(given: Inputs) -> tuple[Any, ...]:
    return quantities_of(given.articles, given.claims, encoder=given.encoder)


QUANTITIES = Analyser("quantities", requires=(), assigns=("quantities", "quantity_matches"),
                      run=_run)
