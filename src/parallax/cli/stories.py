"""Story commands of the `parallax` command line (registered on the main app by `cli.py`).

    parallax stories --since 2022-01-01 --min-sources 2      # table, newest first
    parallax stories --json                                  # the same as JSON
    parallax story 42 --html story42.html                    # the story's full comparison

Conventions are those of the other corpus commands (`cli_corpus.py`).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from parallax.cli.common import check_report_paths, parse_moment, write_requested
from parallax.cli.corpus_options import DbOption, corpus_errors_as_lines

if TYPE_CHECKING:
    from parallax.corpus.comparisons import StoryComparison
    from parallax.corpus.store.session import Store
    from parallax.corpus.stories.catalog import Story

__all__ = ["app"]

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _day(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment is not None else "?"


def _span(story: Story) -> str:
    first, last = _day(story.first_published), _day(story.last_published)
    return first if first == last else f"{first} – {last}"


def _table(stories: list[Story]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("id", justify="right")
    table.add_column("story", overflow="fold")
    table.add_column("dates", no_wrap=True)
    table.add_column("sources", justify="right")
    table.add_column("articles", justify="right")
    for story in stories:
        # Titles are article text: Text() keeps any "[...]" in them from reading as markup.
        table.add_row(
            str(story.id), Text(story.title or "(untitled)"), _span(story),
            str(story.sources), str(story.size),
        )  # fmt: skip
    return table


@app.command("stories")
def stories_command(
    db: DbOption = None,
    since: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Only stories with articles on or after DATE."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Only stories with articles on or before DATE."),
    ] = None,
    min_sources: Annotated[
        int,
        typer.Option(min=1, help="Only stories told by at least N outlets (1 lists all)."),
    ] = 2,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the stories and their articles as JSON.")
    ] = False,
    limit: Annotated[
        int | None, typer.Option(min=1, help="At most N stories (the newest).")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            metavar="WORDS",
            help="Only stories where each word starts a word of their label or an article "
            "title, or that name an entity starting with WORDS (an alias of their "
            "comparison, a name in a title).",
        ),
    ] = None,
) -> None:
    """List the stories of the corpus, newest first: label, date span, sources, size."""
    from parallax.corpus.store.session import open_store
    from parallax.corpus.stories.catalog import list_stories

    first, last = parse_moment("--since", since), parse_moment("--until", until)
    with corpus_errors_as_lines(), open_store(db) as store:
        stories = list_stories(
            store, since=first, until=last, min_sources=min_sources, search=search,
            limit=limit,
        )  # fmt: skip
    if as_json:
        typer.echo(json.dumps([s.to_dict() for s in stories], ensure_ascii=False, indent=2))
        return
    if not stories:
        hint = "; --min-sources 1 lists single-source stories" if min_sources > 1 else ""
        typer.echo(f"no stories match{hint}")
        return
    Console(highlight=False).print(_table(stories))


def _compare(
    store: Store, story_id: int, with_duplicates: bool, device: str, stderr: Console
) -> StoryComparison:
    from parallax.corpus.comparisons import cached_comparison, story_comparison
    from parallax.options import Models

    found = cached_comparison(store, story_id, with_duplicates=with_duplicates)
    if found is not None:
        return found
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    ) as progress:
        progress.add_task(
            f"Comparing the articles of story {story_id} (the first run also loads "
            "the models)",
            total=None,
        )
        return story_comparison(store, story_id, with_duplicates=with_duplicates,
                                models=Models.load(device))


def _articles(count: int) -> str:
    return f"{count} article{'' if count == 1 else 's'}"


def _coverage(store: Store, story: Story) -> str | None:
    """The story's coverage by leaning and by outlet, as its web page shows it; None when
    the store has no outlet table."""
    from parallax.corpus.blindspots import StoryOutlets

    coverage = StoryOutlets.of(store, story).coverage()
    if coverage is None:
        return None
    leanings = [
        f"{s.name} {s.share or 0:.0%} ({_articles(s.articles)})" for s in coverage.leanings
    ]
    if coverage.unknown:
        leanings.append(f"{_articles(coverage.unknown)} of unknown leaning")
    outlets = [
        f"{s.name} ({s.leaning or 'leaning unknown'}, {_articles(s.articles)})"
        for s in coverage.outlets
    ]
    return (
        f"Coverage by leaning: {' · '.join(leanings) or 'no outlet of known leaning'}\n"
        f"By outlet: {', '.join(outlets)}"
    )


def _heading(result: StoryComparison) -> str:
    story = result.story
    sources = sorted({a.source for a in result.compared})
    lines = [
        f"Story {story.id}: {story.title or '(untitled)'} ({_span(story)})",
        f"{len(result.compared)} articles from {len(sources)} source"
        f"{'' if len(sources) == 1 else 's'}: {', '.join(sources)}"
        f"{' (from the cache)' if result.cached else ''}",
    ]
    if len(sources) == 1:
        lines.append("All compared articles come from one source.")
    if result.left_out:
        lines.append(
            f"{len(result.left_out)} near-duplicate(s) left out (--with-duplicates "
            "compares them too)."
        )
    return "\n".join(lines)


@app.command("story")
def story_command(
    story_id: Annotated[int, typer.Argument(metavar="N", help="The story's id.")],
    db: DbOption = None,
    json_path: Annotated[
        Path | None,
        typer.Option("--json", help="Write the JSON report (the stable contract) here."),
    ] = None,
    markdown_path: Annotated[
        Path | None, typer.Option("--markdown", help="Write the Markdown report here.")
    ] = None,
    html_path: Annotated[
        Path | None, typer.Option("--html", help="Write the HTML report here.")
    ] = None,
    with_duplicates: Annotated[
        bool,
        typer.Option(
            "--with-duplicates", help="Compare near-duplicates too, as separate sources."
        ),
    ] = False,
    device: Annotated[
        str,
        typer.Option("--device", metavar="cpu|cuda", help="Where sentence embeddings run."),
    ] = "cpu",
) -> None:
    """Compare the articles of one story: the same summary and reports as `compare`, after
    its coverage by leaning and outlet when the store has an outlet table."""
    from parallax.align.embed import check_device
    from parallax.corpus.store.session import open_store
    from parallax.report import print_summary

    reports = {"json": json_path, "markdown": markdown_path, "html": html_path}
    stdout = Console(highlight=False, soft_wrap=False)
    stderr = Console(stderr=True, highlight=False)
    with corpus_errors_as_lines():
        check_device(device)
        check_report_paths([p for p in reports.values() if p is not None])
        with open_store(db) as store:
            result = _compare(store, story_id, with_duplicates, device, stderr)
            coverage = _coverage(store, result.story)
        stdout.print(Text(_heading(result)), soft_wrap=True)
        if coverage is not None:
            # Outlet names come from the articles: Text() keeps them from reading as markup.
            stdout.print(Text(coverage), soft_wrap=True)
        print_summary(result.comparison, stdout)
        for path in write_requested(result.comparison, reports):
            typer.echo(f"wrote {path}")
