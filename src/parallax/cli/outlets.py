"""Outlet and blindspot commands of the `parallax` command line (registered by `cli.py`).

    parallax outlets load outlets.csv          # name, domains, country, language, leaning, aliases
    parallax outlets --json                    # the table, with article counts
    parallax blindspots --since 2022-01-01     # stories covered mostly by one leaning

Conventions are those of the other corpus commands (`cli_corpus.py`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from parallax.cli.common import EXIT_ERROR, fail, parse_moment
from parallax.cli.corpus_options import DbOption, corpus_errors_as_lines

if TYPE_CHECKING:
    from parallax.corpus.blindspots import Blindspot
    from parallax.corpus.outlets import OutletCount

__all__ = ["app"]

_SETTINGS = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    context_settings=_SETTINGS,
)  # fmt: skip
outlets = typer.Typer(
    name="outlets", add_completion=False, pretty_exceptions_enable=False,
    context_settings=_SETTINGS, help="The outlet table: list it, or load it from a file.",
)  # fmt: skip
app.add_typer(outlets)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _outlets_table(counts: list[OutletCount]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    for column in ("outlet", "leaning", "country", "language", "articles", "aliases and domains"):
        table.add_column(column, justify="right" if column == "articles" else "left")
    for count in counts:
        o = count.outlet
        table.add_row(
            Text(o.name), Text(o.leaning or "?"), Text(o.country or ""), Text(o.language or ""),
            str(count.articles), Text(", ".join((*o.aliases, *o.domains))),
        )  # fmt: skip
    return table


@outlets.callback(invoke_without_command=True)
def outlets_command(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the outlets of the store with their leaning and number of articles."""
    if ctx.invoked_subcommand is not None:
        return
    from parallax.corpus.outlets import count_articles
    from parallax.corpus.store.session import open_store

    with corpus_errors_as_lines(), open_store(db) as store:
        counts = count_articles(store)
    if as_json:
        typer.echo(json.dumps([c.to_dict() for c in counts], ensure_ascii=False, indent=2))
    elif not counts:
        typer.echo("no outlets: `parallax outlets load outlets.csv` loads a table")
    else:
        Console(highlight=False).print(_outlets_table(counts))


@outlets.command("load")
def load_command(
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="A .csv or .yaml table of outlets.")
    ],
    db: DbOption = None,
) -> None:
    """Make the store's outlet table the file's (columns: name, domains, country, language,
    leaning, aliases; lists separated by ';'). A file with bad rows changes nothing."""
    from parallax.corpus.outlets import load_outlets, read_outlets
    from parallax.corpus.store.session import open_store

    with corpus_errors_as_lines():
        table = read_outlets(path)
        if table.problems:
            for problem in table.problems:
                typer.echo(f"error: {problem}", err=True)
            fail(f"error: {path}: {len(table.problems)} bad row(s); nothing was loaded",
                 EXIT_ERROR)  # fmt: skip
        with open_store(db) as store:
            stats = load_outlets(store, table.specs)
    typer.echo(stats.summary())


def _bar(spot: Blindspot) -> Text:
    return Text(", ".join(f"{s.name} {s.share:.0%}" for s in spot.coverage.leanings))


@app.command("blindspots")
def blindspots_command(
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only stories with articles on or after.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only stories with articles on or before.")
    ] = None,
    threshold: Annotated[
        float,
        typer.Option(help="Share of one leaning (above 0.5, at most 1) that makes a story "
                     "one-sided."),
    ] = 0.8,
    min_sources: Annotated[
        int, typer.Option(min=1, help="Outlets of known leaning a story needs at least.")
    ] = 2,
    as_json: JsonOption = False,
) -> None:
    """List stories covered mostly by one leaning while another one is absent."""
    from parallax.corpus.blindspots import blindspot_records, check_threshold, find_blindspots
    from parallax.corpus.store.session import open_store

    try:
        check_threshold(threshold)
    except ValueError as err:
        fail(f"error: --threshold: {err}", EXIT_ERROR)
    first, last = parse_moment("--since", since), parse_moment("--until", until)
    with corpus_errors_as_lines(), open_store(db) as store:
        spots = find_blindspots(
            store, since=first, until=last, threshold=threshold, min_sources=min_sources
        )
        if as_json:
            records = [record.to_dict() for record in blindspot_records(store, spots)]
            typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
            return
    if not spots:
        typer.echo("no blindspots: no story is covered mostly by one leaning")
        return
    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "story", "dominant", "missing", "coverage by leaning", "unknown"):
        table.add_column(column, overflow="fold")
    for spot in spots:
        story = spot.coverage.story
        table.add_row(
            str(story.id), Text(story.title or "(untitled)"), Text(spot.dominant),
            Text(", ".join(spot.missing)), _bar(spot), str(spot.coverage.unknown),
        )  # fmt: skip
    Console(highlight=False).print(table)
