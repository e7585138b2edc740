"""The analyse stage: every analyser run over the annotated articles and their claims.

`ANALYSERS` is the registry, in the order they run; each declares what it requires and
assigns (`analyser.Analyser`). Each is independent of the others' failures: one that fails
on odd input leaves its fields empty and a warning in the report, and the others still run
(one that requires its fields gets them empty). Warnings the analysers log on this thread
(an unbalanced quotation mark, an impossible date) are collected into the report too.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from parallax.align.embed import Encoder
from parallax.analyse.analyser import Analyser, Inputs, check_order
from parallax.analyse.contradictions import CONTRADICTIONS
from parallax.analyse.dates import DATES
from parallax.analyse.digest import DIGEST
from parallax.analyse.entities import ENTITIES
from parallax.analyse.framing import FRAMING
from parallax.analyse.quantities import QUANTITIES
from parallax.analyse.quotes import QUOTES
from parallax.annotate.pipeline import ParsedArticle
from parallax.types import Analyses, Claim

__all__ = ["ANALYSERS", "Analyses", "analyse"]

log = logging.getLogger(__name__)

ANALYSERS: tuple[Analyser, ...] = (QUOTES, QUANTITIES, DATES, ENTITIES, CONTRADICTIONS, FRAMING,
                                   DIGEST)
check_order(ANALYSERS)


class _Collector(logging.Handler):
    """Collects the warnings logged on one thread (other threads' comparisons have their own)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


@contextmanager
def _collected_warnings() -> Iterator[list[str]]:
    """Warnings logged under `parallax` on this thread while the block runs, as messages."""
    collector = _Collector()
    logger = logging.getLogger("parallax")
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)


def _run(analyser: Analyser, given: Inputs, failures: list[str]) -> tuple[Any, ...]:
    """The analyser's values, or its fields' empty values and a warning when it fails."""
    try:
        values = analyser.run(given)
    except Exception as exc:  # one analyser's failure must not cost the whole comparison
        log.debug("%s analysis failed", analyser.name, exc_info=True)
        failures.append(f"{analyser.name} could not be analysed ({type(exc).__name__}: {exc})")
        return _nothing(analyser)
    return tuple(tuple(v) if isinstance(v, list) else v for v in values)


def _nothing(analyser: Analyser) -> tuple[Any, ...]:
    return tuple(getattr(Analyses(), field) for field in analyser.assigns)


def analyse(articles: Sequence[ParsedArticle], claims: Sequence[Claim], *,
            encoder: Encoder, skip: Collection[str] = ()) -> Analyses:
    """Quotes, quantities, dates, entities, contradictions and framing of the compared
    articles; the analysers named in `skip` leave their fields empty."""
    failures: list[str] = []
    found: dict[str, Any] = {}
    with _collected_warnings() as logged:
        for analyser in ANALYSERS:
            values = (_nothing(analyser) if analyser.name in skip
                      else _run(analyser, Inputs(articles, claims, encoder, found), failures))
            found.update(zip(analyser.assigns, values, strict=True))
    return Analyses(**found, warnings=tuple(dict.fromkeys([*logged, *failures])))
