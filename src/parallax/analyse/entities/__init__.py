"""Entities: the people, organisations and places each article names, grouped across articles."""

from __future__ import annotations

from typing import Any

from parallax.analyse.analyser import Analyser, Inputs
from parallax.analyse.entities.groups import entity_groups

__all__ = ["ENTITIES"]


def _run(given: Inputs) -> tuple[Any, ...]:
    return (entity_groups(given.articles),)


ENTITIES = Analyser("entities", requires=(), assigns=("entities",), run=_run)
