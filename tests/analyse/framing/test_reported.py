"""Reported speech outside quotation marks, and who reports it."""

from __future__ import annotations

import parallax
from parallax.analyse.framing.reported import find_reported
from parallax.annotate import annotate


def reported(text: str) -> list[tuple[str | None, str]]:
    [article] = annotate([parallax.load_text(text, source="t", title="")])
    return [(r.speaker, text[r.content.start:r.content.end]) for r in find_reported(article)]


def test_the_reporter_and_what_is_reported() -> None:
    [(speaker, words)] = reported("The Interior Ministry said that 26 protesters had died.")
    assert speaker == "The Interior Ministry"
    assert words == "that 26 protesters had died"


def test_a_relative_clause_does_not_name_the_speaker() -> None:
    [(speaker, _)] = reported("An Air Force officer who flew warplanes in Afghanistan told me "
                              "that such a decision is not wise.")
    assert speaker is not None and "officer" in speaker and "Afghanistan" not in speaker
