"""The terminal summary's contradictions, entities and framing sections."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from parallax.report.terminal.parts import (
    LABEL_WIDTH,
    STATEMENT_LIMIT,
    Part,
    empty,
    heading,
    indent,
    plain,
)
from parallax.report.views.claims import ArticleView, truncate
from parallax.report.views.contradictions import (
    CONTRADICTIONS,
    MARKER,
    NO_CONTRADICTIONS,
    contradiction_rows,
)
from parallax.report.views.entities import (
    ENTITIES,
    NO_ENTITIES,
    NO_SHARED,
    ONLY_ONE,
    entities_view,
    only_in_line,
)
from parallax.report.views.framing import FRAMING, NO_FRAMING, framing_rows
from parallax.types import Comparison

CONTRADICTION_STYLE = "bold #D55E00"  # Okabe–Ito vermillion, as for conflicting numbers


def contradiction_parts(comparison: Comparison, names: dict[str, str]) -> list[Part]:
    """The Contradictions section: each pair, its kind and explanation, and both statements."""
    rows = contradiction_rows(comparison, names)
    parts: list[Part] = [Text(""), heading(CONTRADICTIONS, len(rows))]
    if not rows:
        return [*parts, empty(NO_CONTRADICTIONS)]
    for row in rows:
        head = Text.assemble(
            (f"{MARKER} {row.kind}", CONTRADICTION_STYLE), "  ", plain(row.explanation, "bold")
        )
        head.append(f"  {row.id} · confidence {row.confidence}", style="dim")
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=LABEL_WIDTH, no_wrap=True, style="bold", overflow="ellipsis")
        grid.add_column(ratio=1)
        for side in row.sides:
            grid.add_row(plain(side.label), plain(truncate(side.text, STATEMENT_LIMIT)))
        parts.append(indent(Group(head, indent(grid))))
    return parts


def entity_parts(comparison: Comparison, views: tuple[ArticleView, ...]) -> list[Part]:
    """The Entities section: shared names as a table, then the names only one source gives."""
    view = entities_view(comparison, views)
    parts: list[Part] = [Text(""), heading(ENTITIES, len(comparison.analyses.entities))]
    if not view:
        return [*parts, empty(NO_ENTITIES)]
    if view.rows:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
        table.add_column("Name", ratio=2, min_width=12)
        table.add_column("Kind", no_wrap=True, style="dim")
        for label in view.sources:
            table.add_column(plain(label), justify="right", max_width=12, overflow="ellipsis")
        for row in view.rows:
            table.add_row(plain(row.name), plain(row.kind), *row.counts)
        parts.append(indent(table))
        if view.more_line:
            parts.append(indent(plain(view.more_line, "dim")))
    else:
        parts.append(empty(NO_SHARED))
    if view.single:
        parts.append(indent(heading(ONLY_ONE)))
        parts += [indent(plain(only_in_line(label, line)), 4) for label, line in view.single]
    return parts


def framing_parts(comparison: Comparison, views: tuple[ArticleView, ...]) -> list[Part]:
    """The Framing section: one row per dimension, one column per source."""
    rows = framing_rows(comparison, views)
    parts: list[Part] = [Text(""), heading(FRAMING)]
    if not rows:
        return [*parts, empty(NO_FRAMING)]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
    table.add_column("", style="bold", max_width=16)
    for view in views:
        table.add_column(plain(view.label), ratio=1, overflow="fold")
    for row in rows:
        table.add_row(plain(row.dimension), *(plain(c) for c in row.cells))
    parts.append(indent(table))
    return parts
