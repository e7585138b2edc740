"""What the entities section shows, computed once for every report.

Like `view`, this module decides grouping, order and wording: a compact table of the
people, organisations and places named by several sources, then, for each source, the
names only it gives. The renderers only lay the results out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from parallax.report.views.claims import ArticleView, one_line
from parallax.types import Comparison, EntityGroup

ENTITIES = "Entities"
NO_ENTITIES = "No people, organisations or places found."
SHARED_ENTITIES = "Named by several sources"
ONLY_ONE = "Named by only one source"
NO_SHARED = "None is named by more than one source."
TABLE_LIMIT = 30  # rows of the table shown; the JSON report has them all
NAMES_LIMIT = 40  # names listed per source under ONLY_ONE
ABSENT = "—"  # a source that does not name the entity

LABELS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    "NORP": "group",
}


def label_name(label: str) -> str:
    """A spaCy entity label in words: `ORG` → `organisation`; unknown labels as given."""
    return LABELS.get(label, one_line(label))


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity named by several sources: its name, kind and mentions per source."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    counts: tuple[str, ...]  # one cell per article, in article order: "3" or ABSENT


@dataclass(frozen=True, slots=True)
class EntitiesView:
    """The entities section: the shared table, how many rows were left out, the single ones."""

    sources: tuple[str, ...]  # column headings: the articles' labels, in article order
    rows: tuple[EntityRow, ...]
    more: int  # shared entities left out of the table
    single: tuple[tuple[str, str], ...]  # (source label, "China, Uzbekistan, … (+3 more)")

    def __bool__(self) -> bool:
        return bool(self.rows or self.single)

    @property
    def more_line(self) -> str:
        """`… and 4 more named by several sources`, or empty."""
        return f"… and {self.more} more named by several sources" if self.more else ""


def _total(group: EntityGroup) -> int:
    return sum(n for n in group.mentions.values() if n > 0)


def _sources(group: EntityGroup) -> tuple[str, ...]:
    return tuple(a for a, n in group.mentions.items() if n > 0)


def _names_line(names: Sequence[str]) -> str:
    shown = ", ".join(names[:NAMES_LIMIT])
    left = len(names) - NAMES_LIMIT
    return shown + (f" (+{left} more)" if left > 0 else "")


def entities_view(comparison: Comparison, views: Sequence[ArticleView]) -> EntitiesView:
    """The Entities section's content: most mentioned first, then by name."""
    names: Mapping[str, str] = {v.id: v.label for v in views}
    order = sorted(comparison.analyses.entities,
                   key=lambda g: (-_total(g), one_line(g.name).casefold()))
    shared = [g for g in order if len(_sources(g)) > 1]
    rows = tuple(
        EntityRow(
            g.id,
            one_line(g.name),
            label_name(g.label),
            tuple(one_line(a) for a in g.aliases if one_line(a)),
            tuple(str(g.mentions[v.id]) if g.mentions.get(v.id, 0) > 0 else ABSENT for v in views),
        )
        for g in shared[:TABLE_LIMIT]
    )
    single: dict[str, list[str]] = {v.id: [] for v in views}
    for group in order:
        sources = _sources(group)
        if len(sources) == 1:
            single.setdefault(sources[0], []).append(one_line(group.name))
    return EntitiesView(
        tuple(v.label for v in views),
        rows,
        max(0, len(shared) - TABLE_LIMIT),
        tuple((names.get(k, k), _names_line(v)) for k, v in single.items() if v),
    )


def only_in_line(label: str, names: str) -> str:
    """`only in The Herald: China, Uzbekistan`."""
    return f"only in {label}: {names}"
