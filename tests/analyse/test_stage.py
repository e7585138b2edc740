"""The analyse stage: the registry's order, analysers left out, failures and warnings kept apart."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from typing import Any

import pytest
from helpers.models import encoder

import parallax
from parallax.analyse import stage
from parallax.analyse.analyser import Analyser, Inputs, check_order
from parallax.annotate import annotate
from parallax.options import CompareOptions
from parallax.types import Framing

FIRST = ("Officials said 40 people were hurt on Monday. \"We are ready,\" the mayor said. "
         "The protesters blocked the bridge.")
SECOND = ("At least 40 people were injured on Monday, officials said. The protesters "
          "blocked the main bridge for hours.")


def pair() -> list[parallax.Article]:
    return [parallax.load_text(FIRST, source="A"), parallax.load_text(SECOND, source="B")]


def test_every_analyser_gets_what_it_requires_and_every_section_is_filled_once() -> None:
    check_order(stage.ANALYSERS)
    framing_first = sorted(stage.ANALYSERS, key=lambda a: a.name != "framing")
    with pytest.raises(ValueError, match="'framing' requires \\['quotes'\\]"):
        check_order(framing_first)
    with pytest.raises(ValueError, match="assign"):
        check_order(stage.ANALYSERS[:-1])


def test_left_out_analysers_leave_their_sections_empty_and_the_report_says_so() -> None:
    comparison = parallax.compare(pair(), CompareOptions(skip=("quotes", "framing")))
    assert comparison.analyses.quotes == () and comparison.analyses.framing == Framing()
    assert comparison.analyses.quantities  # the others still run
    assert comparison.options == {"skip": ("framing", "quotes")}


def test_an_unknown_analyser_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match="no analyser named quotations"):
        CompareOptions(skip=("quotations",))


def test_a_failing_analyser_costs_only_its_own_section(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(given: Inputs) -> tuple[Any, ...]:
        raise RuntimeError("odd input")

    broken = tuple(replace(a, run=fail) if a.name == "dates" else a for a in stage.ANALYSERS)
    monkeypatch.setattr(stage, "ANALYSERS", broken)
    found = stage.analyse(annotate(pair()), [], encoder=encoder())
    assert found.dates == () and found.quantities
    assert "dates could not be analysed (RuntimeError: odd input)" in found.warnings


def test_warnings_logged_by_another_thread_stay_out_of_the_report(
        monkeypatch: pytest.MonkeyPatch) -> None:
    log = logging.getLogger("parallax.analyse.test")

    def noisy(given: Inputs) -> tuple[Any, ...]:
        other = threading.Thread(target=log.warning, args=("another comparison's warning",))
        other.start()
        other.join()
        log.warning("this comparison's warning")
        return ((),)

    extra = Analyser("noisy", requires=(), assigns=("entities",), run=noisy)
    analysers = tuple(extra if a.name == "entities" else a for a in stage.ANALYSERS)
    monkeypatch.setattr(stage, "ANALYSERS", analysers)
    found = stage.analyse(annotate(pair()), [], encoder=encoder())
    assert "this comparison's warning" in found.warnings
    assert "another comparison's warning" not in found.warnings
