"""The terminal summary, printed with Rich: articles, shared and unique claims, counts."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from parallax.report.terminal.digest import digest_parts
from parallax.report.terminal.findings import contradiction_parts, entity_parts, framing_parts
from parallax.report.terminal.parts import (
    LABEL_WIDTH,
    STATEMENT_LIMIT,
    Part,
    empty,
    heading,
    indent,
    plain,
)
from parallax.report.views.analyses import (
    AGREEMENTS,
    CONFLICTS,
    NO_DATES,
    NO_NUMBERS,
    NO_QUOTES,
    NUMBERS,
    QUOTES,
    SINGLE,
    TIMELINE,
    WARNINGS,
    NumberRow,
    numbers_view,
    quote_groups,
    quoted_once_line,
    warning_lines,
)
from parallax.report.views.claims import (
    ArticleView,
    ClaimGroup,
    article_views,
    claim_groups,
    counts_line,
    identical_article_labels,
    labels,
    relation_info,
    statement_lines,
    story_title,
    truncate,
)
from parallax.report.views.timeline import timeline_rows
from parallax.types import Claim, Comparison

# Okabe–Ito colours: told apart with the common colour-vision deficiencies.
RELATION_STYLES = {
    "identical": "bold #56B4E9",
    "paraphrase": "bold #009E73",
    "partial": "bold #E69F00",
    "unique": "bold #CC79A7",
}
QUOTE_STYLES = {"same": "#56B4E9", "partial": "#E69F00", "only": "dim"}
QUANTITY_STYLES = {"conflict": "bold #D55E00", "agree": "bold #56B4E9", "compatible": "#E69F00"}


# Below this width the article ids are left out so the counts stay on screen.
WIDE_ENOUGH_FOR_IDS = 100


def _articles_table(views: tuple[ArticleView, ...], width: int) -> Table:
    with_ids = width >= WIDE_ENOUGH_FOR_IDS
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False, header_style="bold")
    if with_ids:
        table.add_column("Id", style="dim", no_wrap=True)
    table.add_column("Source", style="bold", max_width=22)
    table.add_column("Title", ratio=1, min_width=16)
    table.add_column("Published", no_wrap=True)
    table.add_column("Words", justify="right", no_wrap=True)
    table.add_column("Sent.", justify="right", no_wrap=True)
    for v in views:
        cells: list[Text | str] = [
            plain(v.label),
            plain(v.title or "—"),
            plain(v.published or "—"),
            str(v.words),
            str(v.sentences),
        ]
        table.add_row(*([plain(v.short_id)] if with_ids else []), *cells)
    return table


def _claim_block(claim: Claim, names: dict[str, str], with_sources: bool) -> Group | Table:
    """A claim: relation and id, then one line per source; a unique claim is just its text."""
    info = relation_info(claim)
    style = RELATION_STYLES.get(info.label, "bold")
    lines = statement_lines(claim, names)
    if not with_sources:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(info.marker, style=style), plain(truncate(lines[0].text, 300)))
        return grid
    head = Text.assemble((f"{info.marker} {info.label}", style), ("  ", ""), (claim.id, "dim"))
    grid = Table.grid(padding=(0, 1), expand=True)
    label_width = min(LABEL_WIDTH, max((len(n) for n in names.values()), default=LABEL_WIDTH))
    grid.add_column(width=label_width, no_wrap=True, style="bold", overflow="ellipsis")
    grid.add_column(ratio=1)
    grid.add_column(no_wrap=True, justify="right", style="dim")
    for line in lines:
        grid.add_row(
            plain(line.label),
            plain(truncate(line.text, STATEMENT_LIMIT)),
            f"{line.similarity:.2f}",
        )
        if line.adds:
            added = "; ".join(f"“{a}”" for a in line.adds)
            grid.add_row("", plain(truncate(f"adds: {added}", STATEMENT_LIMIT), "dim"), "")
    return Group(head, Padding(grid, (0, 0, 0, 2)))


def _group(group: ClaimGroup, names: dict[str, str]) -> list[Part]:
    title = Text.assemble(plain(group.title, "bold underline"), (f" ({len(group.claims)})", "dim"))
    parts: list[Part] = [Text(""), title]
    if not group.claims:
        parts.append(Padding(Text("none", style="dim italic"), (0, 0, 0, 2)))
    for claim in group.claims:
        parts.append(Padding(_claim_block(claim, names, group.article_id is None), (0, 0, 0, 2)))
    return parts


def _quotes(comparison: Comparison, names: dict[str, str]) -> list[Part]:
    groups = quote_groups(comparison, names)
    parts: list[Part] = [Text(""), heading(QUOTES, len(comparison.analyses.quotes))]
    if not groups:
        return [*parts, empty(NO_QUOTES)]
    for group in groups:
        head = plain(group.speaker, "bold" if group.attributed else "bold italic")
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=LABEL_WIDTH, no_wrap=True, style="bold", overflow="ellipsis")
        grid.add_column(ratio=1)
        grid.add_column(max_width=30, style=None)
        for line in group.lines:
            note = plain(line.note, QUOTE_STYLES.get(line.relation, ""))
            grid.add_row(plain(line.label), plain(f"“{line.text}”"), note)
        parts.append(indent(Group(head.append(f" ({len(group.lines)})", "dim"), indent(grid))))
    return [*parts, indent(plain(quoted_once_line(comparison, names), "dim"))]


def _number_rows(title: str, rows: tuple[NumberRow, ...]) -> list[Part]:
    if not rows:
        return []
    parts: list[Part] = [indent(heading(title, len(rows)))]
    for row in rows:
        head = Text.assemble(
            (f"{row.marker} {row.relation}", QUANTITY_STYLES.get(row.relation, "bold")),
            "  ",
            plain(row.counted, "bold"),
            *((("  "), plain(row.note, "italic")) if row.note else ()),
        )
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=LABEL_WIDTH, no_wrap=True, style="bold", overflow="ellipsis")
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1, style="dim")
        for value in row.values:
            grid.add_row(plain(value.label), plain(value.value), plain(f"“{value.text}”"))
        parts.append(indent(Group(head, indent(grid)), 4))
    return parts


def _numbers(comparison: Comparison, names: dict[str, str]) -> list[Part]:
    view = numbers_view(comparison, names)
    parts: list[Part] = [Text(""), heading(NUMBERS)]
    if not view:
        return [*parts, empty(NO_NUMBERS)]
    parts += _number_rows(CONFLICTS, view.conflicts) + _number_rows(AGREEMENTS, view.agreements)
    if view.single:
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=LABEL_WIDTH, no_wrap=True, style="bold", overflow="ellipsis")
        grid.add_column(ratio=1)
        for label, items in view.single:
            grid.add_row(plain(label), plain(" · ".join(items)))
        parts += [indent(heading(SINGLE)), indent(grid, 4)]
    return parts


def _timeline(comparison: Comparison, names: dict[str, str]) -> list[Part]:
    rows = timeline_rows(comparison, names)
    parts: list[Part] = [Text(""), heading(TIMELINE, len(rows))]
    if not rows:
        return [*parts, empty(NO_DATES)]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold", expand=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("What", ratio=3)
    table.add_column("Sources", ratio=1)
    for row in rows:
        what = plain(row.what)
        for note in row.notes:
            what.append_text(plain(f" ({note})", "dim"))
        table.add_row(plain(row.date), what, plain(", ".join(row.sources)))
    return [*parts, indent(table)]


def _warnings(comparison: Comparison) -> list[Part]:
    lines = warning_lines(comparison)
    if not lines:
        return []
    parts: list[Part] = [Text(""), heading(WARNINGS, len(lines))]
    return parts + [indent(Text.assemble(("! ", "bold #E69F00"), plain(w))) for w in lines]


def summary_renderables(comparison: Comparison, width: int = WIDE_ENOUGH_FOR_IDS) -> Group:
    """Everything `print_summary` prints, as one Rich renderable for a console this wide."""
    views = article_views(comparison)
    names = labels(views)
    parts: list[Part] = [
        Text.assemble(("Parallax", "bold"), " — ", plain(story_title(views), "bold")),
        _articles_table(views, width),
    ]
    for same in identical_article_labels(comparison, views):
        parts.append(Text.assemble(("Identical articles: ", "bold"), plain(same)))
    parts += digest_parts(comparison, names)
    for group in claim_groups(comparison, views):
        parts.extend(_group(group, names))
    parts += contradiction_parts(comparison, names)
    parts += _quotes(comparison, names) + _numbers(comparison, names)
    parts += _timeline(comparison, names) + entity_parts(comparison, views)
    parts += framing_parts(comparison, views)
    parts += _warnings(comparison)
    parts += [Text(""), plain(counts_line(comparison, views), "bold")]
    return Group(*parts)


def print_summary(comparison: Comparison, console: Console) -> None:
    """Print the comparison's summary (articles, shared and unique claims, counts) to `console`."""
    console.print(summary_renderables(comparison, console.width))
