"""The terminal summary, printed with Rich: articles, shared and unique claims, counts."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from parallax.report.view import (
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
from parallax.types import Claim, Comparison

# Okabe–Ito colours: told apart with the common colour-vision deficiencies.
RELATION_STYLES = {
    "identical": "bold #56B4E9",
    "paraphrase": "bold #009E73",
    "partial": "bold #E69F00",
    "unique": "bold #CC79A7",
}
STATEMENT_LIMIT = 180  # characters of a statement shown (about two lines at 100 columns)
LABEL_WIDTH = 20  # columns given to a source's name before it is cut with "…"


def plain(text: str, style: str = "") -> Text:
    """Untrusted text as a Rich `Text`, shown literally: no markup, no emoji codes."""
    return Text.from_markup(escape(text), style=style, emoji=False)


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
    return Group(head, Padding(grid, (0, 0, 0, 2)))


def _group(group: ClaimGroup, names: dict[str, str]) -> list[Group | Table | Text | Padding]:
    title = Text.assemble(plain(group.title, "bold underline"), (f" ({len(group.claims)})", "dim"))
    parts: list[Group | Table | Text | Padding] = [Text(""), title]
    if not group.claims:
        parts.append(Padding(Text("none", style="dim italic"), (0, 0, 0, 2)))
    for claim in group.claims:
        parts.append(Padding(_claim_block(claim, names, group.article_id is None), (0, 0, 0, 2)))
    return parts


def summary_renderables(comparison: Comparison, width: int = WIDE_ENOUGH_FOR_IDS) -> Group:
    """Everything `print_summary` prints, as one Rich renderable for a console this wide."""
    views = article_views(comparison)
    names = labels(views)
    parts: list[Group | Table | Text | Padding] = [
        Text.assemble(("Parallax", "bold"), " — ", plain(story_title(views), "bold")),
        _articles_table(views, width),
    ]
    for same in identical_article_labels(comparison, views):
        parts.append(Text.assemble(("Identical articles: ", "bold"), plain(same)))
    for group in claim_groups(comparison, views):
        parts.extend(_group(group, names))
    parts += [Text(""), plain(counts_line(comparison, views), "bold")]
    return Group(*parts)


def print_summary(comparison: Comparison, console: Console) -> None:
    """Print the comparison's summary (articles, shared and unique claims, counts) to `console`."""
    console.print(summary_renderables(comparison, console.width))
