"""Digest: per source the facts only it reports, the shared facts and the conflicts, ranked."""

from __future__ import annotations

from typing import Any

from parallax.analyse.analyser import Analyser, Inputs
from parallax.analyse.digest.rank import digest_of

__all__ = ["DIGEST"]


def _run(given: Inputs) -> tuple[Any, ...]:
    found = given.found
    return (digest_of(given.articles, given.claims, quotes=found["quotes"],
                      quantities=found["quantities"],
                      quantity_matches=found["quantity_matches"], dates=found["dates"],
                      contradictions=found["contradictions"], entities=found["entities"]),)


DIGEST = Analyser("digest", requires=("quotes", "quantities", "quantity_matches", "dates",
                                      "contradictions", "entities"), assigns=("digest",), run=_run)
