"""The analyse stage: every analyser run over the annotated articles and their claims.

Each analyser is independent: one that fails on odd input leaves its section empty and a
warning in the report, and the others still run. Warnings the analysers log (an unbalanced
quotation mark, an impossible date) are collected into the report too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from parallax.align.embed import Encoder
from parallax.analyse.contradictions.find import find_contradictions
from parallax.analyse.dates.extract import dates_of
from parallax.analyse.entities.groups import entity_groups
from parallax.analyse.framing import framing_of
from parallax.analyse.quantities.extract import quantities_of
from parallax.analyse.quotes.extract import quotes_of
from parallax.annotate.pipeline import ParsedArticle
from parallax.types import (
    Analyses,
    Claim,
    Contradiction,
    DateMention,
    EntityGroup,
    Framing,
    Quantity,
    QuantityMatch,
    Quote,
    QuoteMatch,
    TimelineEvent,
)

__all__ = ["Analyses", "analyse"]

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collected_warnings() -> Iterator[list[str]]:
    """Warnings logged under `parallax` while the block runs, as messages."""
    collector = _Collector()
    logger = logging.getLogger("parallax")
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)


def _guarded(name: str, run: Callable[[], T], empty: T, warnings: list[str]) -> T:
    try:
        return run()
    except Exception as exc:  # one analyser's failure must not cost the whole comparison
        log.debug("%s analysis failed", name, exc_info=True)
        warnings.append(f"{name} could not be analysed ({type(exc).__name__}: {exc})")
        return empty


def analyse(articles: Sequence[ParsedArticle], claims: Sequence[Claim], *,
            encoder: Encoder) -> Analyses:
    """Quotes, quantities, dates, entities, contradictions and framing of the compared articles."""
    failures: list[str] = []
    with _collected_warnings() as logged:
        quotes, quote_matches = _guarded(
            "quotes", lambda: quotes_of(articles, encoder),
            (list[Quote](), list[QuoteMatch]()), failures)
        quantities, quantity_matches = _guarded(
            "quantities", lambda: quantities_of(articles, claims, encoder=encoder),
            (list[Quantity](), list[QuantityMatch]()), failures)
        dates, timeline = _guarded(
            "dates", lambda: dates_of(articles, claims),
            (list[DateMention](), list[TimelineEvent]()), failures)
        entities = _guarded(
            "entities", lambda: entity_groups(articles), list[EntityGroup](), failures)
        contradictions = _guarded(
            "contradictions", lambda: find_contradictions(articles, claims, encoder=encoder),
            list[Contradiction](), failures)
        framing = _guarded(
            "framing", lambda: framing_of(articles, quotes), Framing(), failures)
    return Analyses(
        quotes=tuple(quotes), quote_matches=tuple(quote_matches),
        quantities=tuple(quantities), quantity_matches=tuple(quantity_matches),
        dates=tuple(dates), timeline=tuple(timeline), entities=tuple(entities),
        contradictions=tuple(contradictions), framing=framing,
        warnings=tuple(dict.fromkeys([*logged, *failures])),
    )
