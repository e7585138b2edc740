"""Dates: date expressions resolved against the publication date, and a timeline."""

from __future__ import annotations

from typing import Any

from parallax.analyse.analyser import Analyser, Inputs
from parallax.analyse.dates.extract import dates_of

__all__ = ["DATES"]


def _run(given: Inputs) -> tuple[Any, ...]:
    return dates_of(given.articles, given.claims)


DATES = Analyser("dates", requires=(), assigns=("dates", "timeline"), run=_run)
