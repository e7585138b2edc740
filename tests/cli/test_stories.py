"""`parallax cluster`, `parallax stories` and `parallax story N` as a user runs them."""

from __future__ import annotations

import importlib
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from helpers.news import article, court_story, flood_story, wire_copy
from typer.testing import CliRunner

from parallax.cli.main import app
from parallax.compare import summarise
from parallax.corpus import ingest_articles, open_store
from parallax.types import AnnotatedArticle, Article, Comparison

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A store holding two stories, a wire copy and a lone article, not yet clustered."""
    url = f"sqlite:///{tmp_path / 'c.db'}"
    lone = article("Evening Star", "Zoo welcomes [bold]twin[/bold] panda cubs",
                   "2024-07-01T09:00:00Z", "The zoo announced twin panda cubs.", 9)  # fmt: skip
    with open_store(url) as store:
        ingest_articles(store, [*flood_story(), wire_copy(), *court_story(), lone])
    return url


@pytest.fixture
def fake_compare(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Replace the slow pipeline: a comparison without claims, recording its inputs."""
    calls: list[list[str]] = []

    def compare(articles: Sequence[Article], *_options: object) -> Comparison:
        calls.append([a.id for a in articles])
        annotated = [AnnotatedArticle(a, "en", ()) for a in articles]
        return Comparison(tuple(annotated), (), summarise(annotated, []))

    # The package exports the function `compare`, which hides the module of that name.
    monkeypatch.setattr(importlib.import_module("parallax.compare"), "compare", compare)
    return calls


def stories_json(db: str, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["stories", "--db", db, "--json", *args])
    assert result.exit_code == 0, result.output
    listed: list[dict[str, object]] = json.loads(result.stdout)
    return listed


def test_cluster_then_list_stories_as_a_table_and_as_json(db: str) -> None:
    clustered = runner.invoke(app, ["cluster", "--db", db])
    assert clustered.exit_code == 0, clustered.output
    assert clustered.stdout.strip() == (
        "clustered 7 articles: 3 new stories, 0 stories grew, 1 near-duplicate joined "
        "their original's story"
    )
    table = runner.invoke(app, ["stories", "--db", db])
    assert table.exit_code == 0
    newest, older = table.stdout.find("2024-06-10"), table.stdout.find("2024-05-01 – 2024-05-02")
    assert 0 < newest < older
    assert "panda" not in table.stdout  # one source: listed only with --min-sources 1
    everything = runner.invoke(app, ["stories", "--db", db, "--min-sources", "1"])
    assert "[bold]twin[/bold]" in everything.stdout  # a title is text, never markup
    listed = stories_json(db)
    assert [len(s["articles"]) for s in listed] == [2, 4]  # type: ignore[arg-type]
    assert stories_json(db, "--since", "2024-06-01", "--search", "map") == listed[:1]
    assert stories_json(db, "--limit", "1") == listed[:1]


def test_ingest_clusters_unless_told_not_to(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "\n".join(
            json.dumps({"title": a.title, "text": a.text, "source": a.source,
                        "url": a.url, "published": a.published})
            for a in [*flood_story(), *court_story()]
        ),
        encoding="utf-8",
    )  # fmt: skip
    url = f"sqlite:///{tmp_path / 'i.db'}"
    log = str(tmp_path / "log")
    skipped = runner.invoke(app, ["ingest", str(feed), "--db", url, "--log", log, "--no-cluster"])
    assert skipped.stdout.strip().splitlines() == [
        "stored 5 new, 0 already present, 0 near-duplicates, 0 bad records (see log)"
    ]
    assert stories_json(url) == []
    result = runner.invoke(app, ["ingest", str(feed), "--db", url, "--log", log])
    assert result.stdout.strip().splitlines()[-1].startswith("clustered 5 articles: 2 new")
    assert len(stories_json(url)) == 2


def test_story_prints_the_comparison_and_writes_reports_from_the_cache(
    db: str, tmp_path: Path, fake_compare: list[list[str]]
) -> None:
    runner.invoke(app, ["cluster", "--db", db])
    flood = stories_json(db)[1]["id"]
    html = tmp_path / "story.html"
    result = runner.invoke(app, ["story", str(flood), "--db", db, "--html", str(html)])
    assert result.exit_code == 0, result.output
    assert "3 articles from 3 sources: Daily Courier, Evening Star, The Ledger" in result.stdout
    assert "1 near-duplicate(s) left out" in result.stdout
    assert f"wrote {html}" in result.stdout and html.read_text().startswith("<!DOCTYPE")
    again = runner.invoke(app, ["story", str(flood), "--db", db, "--json", str(tmp_path / "j")])
    assert "(from the cache)" in again.stdout
    assert len(fake_compare) == 1
    assert json.loads((tmp_path / "j").read_text())["schema_version"] == 1
    both = runner.invoke(app, ["story", str(flood), "--db", db, "--with-duplicates"])
    assert "4 articles from 4 sources" in both.stdout and len(fake_compare) == 2


def test_story_prints_its_coverage_once_the_store_has_outlets(
    db: str, tmp_path: Path, fake_compare: list[list[str]]
) -> None:
    runner.invoke(app, ["cluster", "--db", db])
    court = stories_json(db)[0]["id"]
    plain = runner.invoke(app, ["story", str(court), "--db", db])
    assert plain.exit_code == 0, plain.output
    assert "Coverage" not in plain.stdout  # no outlet table, nothing to say
    table = tmp_path / "outlets.csv"
    table.write_text("name,leaning\nDaily Courier,left\nNeutral Post,center\n")
    assert runner.invoke(app, ["outlets", "load", str(table), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["story", str(court), "--db", db])
    assert result.exit_code == 0, result.output
    assert "Coverage by leaning: left 100% (1 article) · 1 article of unknown leaning" in (
        result.stdout
    )
    assert (
        "By outlet: Daily Courier (left, 1 article), The Ledger (leaning unknown, 1 article)"
        in result.stdout
    )


def test_story_errors_are_one_line(db: str, fake_compare: list[list[str]]) -> None:
    runner.invoke(app, ["cluster", "--db", db])
    missing = runner.invoke(app, ["story", "999", "--db", db])
    assert missing.exit_code == 2
    assert missing.stderr.strip().splitlines() == [
        "error: there is no story 999; `parallax stories --min-sources 1` lists them "
        "all [E018]"
    ]
    lone = stories_json(db, "--min-sources", "1", "--search", "panda")[0]["id"]
    single = runner.invoke(app, ["story", str(lone), "--db", db])
    assert single.exit_code == 2
    assert "story" in single.stderr and "has one source only, nothing to compare" in single.stderr
    assert len(single.stderr.strip().splitlines()) == 1
    bad_date = runner.invoke(app, ["stories", "--db", db, "--since", "last week"])
    assert bad_date.exit_code == 2
    assert bad_date.stderr.strip() == "error: --since 'last week': not a date; use YYYY-MM-DD"
    assert fake_compare == []
