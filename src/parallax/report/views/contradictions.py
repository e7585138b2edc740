"""What the contradictions section shows, computed once for every report.

Like `view`, this module decides order, wording and markers; the terminal, Markdown and
HTML renderers only lay the results out. Contradictions come right after the claims: they
are what a fact-checker looks for first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from parallax.report.views.claims import one_line, truncate
from parallax.types import Comparison, Contradiction, Statement

CONTRADICTIONS = "Contradictions"
NO_CONTRADICTIONS = "No contradictions found."
MARKER = "≠"  # how a contradiction, and a contradicted sentence, is marked everywhere
EXPLANATION_LIMIT = 200  # characters of an explanation shown

KINDS: dict[str, str] = {
    "number": "different numbers for the same thing",
    "date": "different dates for the same event",
    "negation": "one says it happened, the other that it did not",
    "antonym": "opposite words for the same thing (rose / fell)",
    "modality": "one says it is so, the other only that it may be",
    "model": "judged contradictory by a language model",
}


def kind_description(kind: str) -> str:
    """What a kind of contradiction means, for a legend; empty for an unknown kind."""
    return KINDS.get(kind, "")


@dataclass(frozen=True, slots=True)
class ContradictionSide:
    """One of the two statements of a contradiction, as the reports show it."""

    article_id: str
    label: str
    text: str
    sentence: int


@dataclass(frozen=True, slots=True)
class ContradictionRow:
    """A contradiction: its kind, what contradicts, and the two statements."""

    id: str
    kind: str
    explanation: str
    confidence: str  # "0.85", or "?" when not a finite number
    sides: tuple[ContradictionSide, ...]


def _side(statement: Statement, names: Mapping[str, str]) -> ContradictionSide:
    label = names.get(statement.article, statement.article)
    return ContradictionSide(statement.article, label, one_line(statement.text), statement.sentence)


def _confidence(value: float) -> str:
    number = float(value)
    return f"{number:.2f}" if math.isfinite(number) else "?"


def _sort_key(contradiction: Contradiction) -> float:
    number = float(contradiction.confidence)
    return -number if math.isfinite(number) else 0.0


def contradiction_rows(
    comparison: Comparison, names: Mapping[str, str]
) -> tuple[ContradictionRow, ...]:
    """The contradictions, most confident first (ties in the comparison's order)."""
    return tuple(
        ContradictionRow(
            c.id,
            one_line(c.kind) or "?",
            truncate(c.explanation, EXPLANATION_LIMIT),
            _confidence(c.confidence),
            tuple(_side(s, names) for s in c.statements),
        )
        for c in sorted(comparison.analyses.contradictions, key=_sort_key)
    )


@dataclass(frozen=True, slots=True)
class SentenceMark:
    """How a contradicted sentence is marked in the article text: its contradictions' ids
    and a tooltip naming what it contradicts and where."""

    ids: tuple[str, ...]
    title: str


def sentence_marks(
    comparison: Comparison, names: Mapping[str, str]
) -> dict[tuple[str, int], SentenceMark]:
    """(article id, sentence index) → its mark, for every sentence in a contradiction."""
    found: dict[tuple[str, int], dict[str, str]] = {}
    for c in comparison.analyses.contradictions:
        for own in c.statements:
            others = [s for s in c.statements if s is not own and s.article != own.article]
            where = ", ".join(dict.fromkeys(names.get(s.article, s.article) for s in others))
            reason = f"{MARKER} {one_line(c.kind)}: {truncate(c.explanation, EXPLANATION_LIMIT)}"
            bucket = found.setdefault((own.article, own.sentence), {})
            bucket.setdefault(c.id, reason + (f" (vs {where})" if where else ""))
    return {
        key: SentenceMark(tuple(reasons), "\n".join(reasons.values()))
        for key, reasons in found.items()
    }
