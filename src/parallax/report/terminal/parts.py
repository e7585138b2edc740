"""The small building blocks every section of the terminal summary is made of."""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

Part = Group | Table | Text | Padding

STATEMENT_LIMIT = 180  # characters of a statement shown (about two lines at 100 columns)
LABEL_WIDTH = 20  # columns given to a source's name before it is cut with "…"


def plain(text: str, style: str = "") -> Text:
    """Untrusted text as a Rich `Text`, shown literally: no markup, no emoji codes."""
    return Text.from_markup(escape(text), style=style, emoji=False)


def heading(title: str, count: int | None = None) -> Text:
    """A section title, with its count in dim when given."""
    text = Text(title, style="bold underline")
    return text.append(f" ({count})", style="dim") if count is not None else text


def indent(part: Part, by: int = 2) -> Padding:
    """The part, moved `by` columns to the right."""
    return Padding(part, (0, 0, 0, by))


def empty(message: str) -> Padding:
    """What an empty section says, dim and in italics."""
    return indent(Text(message, style="dim italic"))
