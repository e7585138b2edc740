"""The digest at the top of the terminal summary: what only each source reports, what they
share, where they disagree."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from parallax.report.terminal.parts import STATEMENT_LIMIT, Part, empty, heading, indent, plain
from parallax.report.views.claims import truncate
from parallax.report.views.digest import CONFLICTS, DIGEST, NO_CONFLICTS, digest_view
from parallax.types import Comparison

CONFLICT_STYLE = "bold #D55E00"


def digest_parts(comparison: Comparison, names: dict[str, str]) -> list[Part]:
    """The digest section; nothing when the comparison has no digest."""
    view = digest_view(comparison, names)
    if not view:
        return []
    parts: list[Part] = [Text(""), heading(DIGEST)]
    for section in view.sections:
        lines: list[Part] = [Text(section.title, style="bold")]
        for line in section.lines:
            text = Text.assemble("• ", plain(truncate(line.text, STATEMENT_LIMIT)))
            if line.note:
                text.append_text(plain(f"  ({line.note})", "bold"))
            text.append(f"  {' · '.join([*line.why, line.claim])}", style="dim")
            lines.append(indent(text))
        parts.append(indent(Group(*lines)))
    parts.append(indent(Text(CONFLICTS, style="bold")))
    if not view.conflicts:
        return [*parts, indent(empty(NO_CONFLICTS))]
    for conflict in view.conflicts:
        sides = [indent(Text.assemble(plain(f"{label}: ", "bold"), plain(text)), 4)
                 for label, text in conflict.sides]
        parts.append(indent(Group(Text.assemble(("≠ ", CONFLICT_STYLE),
                                                plain(conflict.explanation)), *sides)))
    return parts
