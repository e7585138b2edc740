"""What an analyser is to the analyse stage: a name, what it reads, what it fills, a run.

Like a spaCy component, an analyser declares the `Analyses` fields it needs from the
analysers before it (`requires`) and the fields it fills (`assigns`); the stage checks the
order once (`check_order`) and runs each on the same `Inputs`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from parallax.align.embed import Encoder
from parallax.annotate.pipeline import ParsedArticle
from parallax.types import Analyses, Claim

__all__ = ["ANALYSES_FIELDS", "Analyser", "Inputs", "check_order"]

ANALYSES_FIELDS = tuple(f.name for f in fields(Analyses) if f.name != "warnings")
"""The fields of `Analyses` that analysers fill (warnings are the stage's own)."""


@dataclass(frozen=True, slots=True)
class Inputs:
    """What every analyser may read: the parsed articles, their claims, the encoder, and
    the fields the analysers before it assigned (`found["quotes"]`)."""

    articles: Sequence[ParsedArticle]
    claims: Sequence[Claim]
    encoder: Encoder
    found: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Analyser:
    """One analyser: `run` returns the values of `assigns`, in that order."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Inputs], tuple[Any, ...]]


def check_order(analysers: Sequence[Analyser]) -> None:
    """ValueError unless every field an analyser requires is assigned before it, and every
    field of `Analyses` is assigned by exactly one analyser."""
    assigned: list[str] = []
    for analyser in analysers:
        missing = [name for name in analyser.requires if name not in assigned]
        if missing:
            raise ValueError(f"analyser {analyser.name!r} requires {missing}, "
                             "which no analyser before it assigns")
        assigned += analyser.assigns
    if sorted(assigned) != sorted(ANALYSES_FIELDS):
        raise ValueError(f"the analysers assign {sorted(assigned)}, "
                         f"Analyses has {sorted(ANALYSES_FIELDS)}")
