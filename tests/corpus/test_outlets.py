"""The outlet table: read from CSV or YAML, loaded idempotently, matched to articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers.news import court_story, flood_story, wire_copy
from typer.testing import CliRunner

from parallax.cli.main import app
from parallax.corpus import ingest_articles
from parallax.corpus.outlets import (
    OutletMatcher,
    OutletsError,
    OutletSpec,
    count_articles,
    load_outlets,
    read_outlets,
    stored_outlets,
    url_domain,
)
from parallax.corpus.store.session import Store, open_store

HEADER = "name,domains,country,language,leaning,aliases\n"
TABLE = HEADER + (
    "New York Times,nytimes.com,US,en,left,New York Times - News;NYT\n"
    "Fox News,foxnews.com;foxbusiness.com,US,en,right,Fox Online News\n"
    "Reuters,reuters.com,UK,en,center,\n"
)


def write(tmp_path: Path, text: str, name: str = "outlets.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_table_reads_with_lists_split_on_semicolons(tmp_path: Path) -> None:
    table = read_outlets(write(tmp_path, TABLE))
    assert table.problems == ()
    nyt, fox, reuters = table.specs
    assert nyt == OutletSpec("New York Times", ("nytimes.com",), "US", "en", "left",
                             ("New York Times - News", "NYT"))  # fmt: skip
    assert fox.domains == ("foxnews.com", "foxbusiness.com")
    assert reuters.aliases == ()


def test_bad_rows_are_named_by_line_one_each(tmp_path: Path) -> None:
    text = TABLE + ",x.com,,,,\nBad,not a domain,,,,\nCopy,www.nytimes.com,,,,\nnyt,,,,,\n"
    table = read_outlets(write(tmp_path, text))
    path = tmp_path / "outlets.csv"
    assert table.problems == (
        f"{path}:5: no name",
        f"{path}:6: 'not a domain' is not a domain (e.g. nytimes.com)",
        f"{path}:7: domain 'nytimes.com' already belongs to 'New York Times'",
        f"{path}:8: name or alias 'nyt' already belongs to 'New York Times'",
    )
    assert len(table.specs) == 3


def test_a_yaml_table_reads_like_the_csv_one(tmp_path: Path) -> None:
    text = (
        "- name: New York Times\n  domains: [nytimes.com]\n  leaning: left\n"
        "  aliases: New York Times - News; NYT\n"
        "- country: US\n"
    )
    table = read_outlets(write(tmp_path, text, "outlets.yaml"))
    assert table.specs[0].aliases == ("New York Times - News", "NYT")
    assert table.problems == (f"{tmp_path / 'outlets.yaml'}:5: no name",)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("o.txt", "x", "is a .csv, .yaml or .yml file"),
        ("o.csv", "title,leaning\n", "no 'name' column"),
        ("o.csv", "name,leanings\n", "unknown column(s) leanings"),
        ("o.yaml", "name: [", "not YAML"),
        ("o.yaml", "name: x\n", "expected a list of outlets"),
    ],
)
def test_an_unreadable_file_is_one_error(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    with pytest.raises(OutletsError, match=re.escape(message)):
        read_outlets(write(tmp_path, text, name))


def test_urls_are_parsed_to_their_domain_never_followed() -> None:
    assert url_domain("https://www.nytimes.com/2020/a.html") == "nytimes.com"
    assert url_domain("WWW.NYTimes.com") == "nytimes.com"
    assert url_domain("javascript:alert(1)") is None
    assert url_domain("file:///etc/passwd") is None
    assert url_domain(None) is None


def test_articles_match_by_name_alias_or_domain(sqlite_url: str, tmp_path: Path) -> None:
    with open_store(sqlite_url) as store:
        load_outlets(store, read_outlets(write(tmp_path, TABLE)).specs)
        matcher = OutletMatcher.from_store(store)

    def name(source: str, url: str | None) -> str | None:
        found = matcher.match(source, url)
        return found.name if found is not None else None

    assert name("new york  times - NEWS", None) == "New York Times"
    assert name("Somebody", "https://www.nytimes.com/x") == "New York Times"
    assert name("Somebody", "http://edition.foxnews.com/x") == "Fox News"
    assert name("Somebody", "https://notnytimes.com/x") is None
    assert name("Reuters", "https://foxnews.com/x") == "Reuters"  # the name comes first


def test_a_reload_is_idempotent_and_replaces_the_table(sqlite_url: str, tmp_path: Path) -> None:
    specs = read_outlets(write(tmp_path, TABLE)).specs
    with open_store(sqlite_url) as store:
        assert load_outlets(store, specs).summary() == (
            "3 outlets added, 0 updated, 0 unchanged, 0 removed"
        )
        assert load_outlets(store, specs).summary() == (
            "0 outlets added, 0 updated, 3 unchanged, 0 removed"
        )
        listed = {o.name: o for o in stored_outlets(store)}
        assert listed["New York Times"].aliases == ("New York Times - News", "NYT")
        assert listed["Fox News"].domains == ("foxbusiness.com", "foxnews.com")
        moved = (OutletSpec("new york times", ("nytimes.com",), leaning="center-left"),
                 OutletSpec("Fox News", ("foxnews.com",), aliases=("NYT",)))  # fmt: skip
        assert load_outlets(store, moved).summary() == (
            "0 outlets added, 2 updated, 0 unchanged, 1 removed"
        )
        nyt, fox = sorted(stored_outlets(store), key=lambda o: o.name)[::-1]
        assert (nyt.name, nyt.leaning, nyt.aliases) == ("new york times", "center-left", ())
        assert fox.aliases == ("NYT",)  # as written


def filled(store: Store, tmp_path: Path) -> None:
    ingest_articles(store, [*flood_story(), wire_copy(), *court_story()])
    table = HEADER + "Daily Courier,,,,left,\nThe Ledger,,,,right,\nStar,eveningstar.example,,,,\n"
    load_outlets(store, read_outlets(write(tmp_path, table)).specs)


def test_article_counts_per_outlet(sqlite_url: str, tmp_path: Path) -> None:
    with open_store(sqlite_url) as store:
        filled(store, tmp_path)
        counts = {c.outlet.name: c.articles for c in count_articles(store)}
    assert counts == {"Daily Courier": 2, "The Ledger": 2, "Star": 1}


def test_the_cli_loads_lists_and_refuses_a_bad_file_whole(sqlite_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    good = write(tmp_path, TABLE)
    result = runner.invoke(app, ["outlets", "load", str(good), "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    assert "3 outlets added" in result.output
    bad = write(tmp_path, HEADER + "Other,,,,left,\n,x.com,,,,\n", "bad.csv")
    result = runner.invoke(app, ["outlets", "load", str(bad), "--db", sqlite_url])
    assert result.exit_code == 2
    assert f"error: {bad}:3: no name" in result.output
    assert "Traceback" not in result.output
    listed = runner.invoke(app, ["outlets", "--json", "--db", sqlite_url])
    assert [o["name"] for o in json.loads(listed.output)] == [
        "Fox News", "New York Times", "Reuters"
    ]  # the bad file changed nothing
    missing = runner.invoke(app, ["outlets", "load", str(tmp_path / "no.csv"), "--db", sqlite_url])
    assert missing.exit_code == 2
    assert "no such file" in missing.output
