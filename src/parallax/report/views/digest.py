"""What the digest at the top of every report shows, computed once for every format.

Three parts, in reading order: per source, what only it reports (best first); what the
sources share (all of them first), with the figures they agree on; where they disagree.
Every line keeps the claim it comes from, so a report can link it to its evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from parallax.report.views.claims import one_line, truncate
from parallax.types import Comparison, DigestItem, Span

DIGEST = "At a glance"
TEXT_LIMIT = 280  # characters of a digest line shown; the claim holds the whole statement
CONFLICTS = "Where they disagree"
NO_CONFLICTS = "No conflicts found."


@dataclass(frozen=True, slots=True)
class DigestLine:
    """One fact of the digest as a report shows it."""

    claim: str
    article_id: str
    text: str
    why: tuple[str, ...]
    note: str  # "20K = 20,000", "shared by A, B", or empty


@dataclass(frozen=True, slots=True)
class DigestSection:
    """A titled list of digest lines ("Only Fox reports", "All 3 sources report")."""

    title: str
    lines: tuple[DigestLine, ...]


@dataclass(frozen=True, slots=True)
class ConflictLine:
    """Two sources disagreeing, as one line per side and the reason."""

    explanation: str
    sides: tuple[tuple[str, str], ...]  # (source label, what it says)


@dataclass(frozen=True, slots=True)
class DigestView:
    """The whole digest: sections of facts, then the conflicts."""

    sections: tuple[DigestSection, ...]
    conflicts: tuple[ConflictLine, ...]

    def __bool__(self) -> bool:
        return bool(self.sections or self.conflicts)


def _line(item: DigestItem, statement: Span | None = None, note: str = "") -> DigestLine:
    """The item's line; a phrase from inside its statement gets "…" where it is cut."""
    text = one_line(item.text)
    if statement is not None:
        text = ("…" if item.start > statement.start else "") + text + (
            "…" if item.end < statement.end else "")
    return DigestLine(item.claim, item.article, truncate(text, TEXT_LIMIT), item.why, note)


def _shared_title(count: int, total: int) -> str:
    if count == total:
        return "Both sources report" if total == 2 else f"All {total} sources report"
    return "Shared by some sources"


def digest_view(comparison: Comparison, names: Mapping[str, str]) -> DigestView:
    """The digest of a comparison, with sources named as the rest of the report names them."""
    digest = comparison.analyses.digest
    total = len(comparison.articles)
    statements = {(c.id, s.article): Span(s.start, s.end)
                  for c in comparison.claims for s in c.statements}
    sections = [DigestSection(f"Only {names.get(article, article)} reports",
                              tuple(_line(i, statements.get((i.claim, i.article)))
                                    for i in items))
                for article, items in digest.only.items() if items]
    by_count: dict[str, list[DigestLine]] = {}
    for item in digest.shared:
        title = _shared_title(len(item.sources), total)
        note = " = ".join(item.figures)
        if title != _shared_title(total, total):
            shared_by = ", ".join(names.get(s, s) for s in item.sources)
            note = "; ".join(n for n in (note, f"by {shared_by}") if n)
        by_count.setdefault(title, []).append(_line(item, note=note))
    sections += [DigestSection(title, tuple(lines)) for title, lines in by_count.items()]
    conflicts = tuple(
        ConflictLine(one_line(c.explanation),
                     tuple((names.get(s, s), truncate(one_line(t), TEXT_LIMIT))
                           for s, t in zip(c.sources, c.texts, strict=True)))
        for c in digest.conflicts)
    return DigestView(tuple(sections), conflicts)
