"""`parallax ingest`: the summary line, clear errors, and an interrupt that loses nothing."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from helpers.corpus import write_jsonl
from sqlalchemy import func, select
from typer.testing import CliRunner

from parallax.cli.main import app
from parallax.corpus import open_store
from parallax.corpus.store.session import ArticleRow, SignatureRow

# The package exports the function `ingest`, which hides the module of that name.
ingest_module = importlib.import_module("parallax.corpus.ingest")
runner = CliRunner()


def count(url: str, model: type = ArticleRow) -> int:
    with open_store(url) as store, store.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_ingest_prints_the_summary_and_logs_bad_records(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", 30, bad_lines=(7,))
    url = f"sqlite:///{tmp_path / 'c.db'}"
    log = tmp_path / "ingest.log"
    result = runner.invoke(app, ["ingest", str(feed), "--db", url, "--log", str(log)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[0] == (
        "stored 29 new, 0 already present, 0 near-duplicates, 1 bad record (see log)"
    )
    assert f"{feed}: line 7: invalid JSON" in log.read_text(encoding="utf-8")
    again = runner.invoke(app, ["ingest", str(feed), "--db", url, "--log", str(log)])
    assert again.stdout.strip().splitlines()[0].startswith("stored 0 new, 29 already present")


def test_the_store_comes_from_parallax_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", 3)
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("PARALLAX_DB", url)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["ingest", str(feed)])
    assert result.exit_code == 0, result.output
    assert count(url) == 3
    assert not (tmp_path / "parallax.db").exists()
    assert (tmp_path / "parallax-ingest.log").exists()


def test_a_missing_input_is_one_line_exit_2_and_touches_no_store(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", 3)
    db = tmp_path / "c.db"
    result = runner.invoke(
        app, ["ingest", str(feed), str(tmp_path / "nope.jsonl"), "--db", f"sqlite:///{db}"]
    )
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"error: {tmp_path / 'nope.jsonl'}: no such file or directory [E001]"
    )
    assert not db.exists()


def test_an_unreadable_store_is_one_line_exit_2(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", 3)
    result = runner.invoke(
        app, ["ingest", str(feed), "--db", "mysql://u@h/db", "--log", str(tmp_path / "l")]
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: mysql://u@h/db: unsupported database 'mysql'; use sqlite:///PATH or "
        "postgresql://USER@HOST/DB [E015]"
    )


def test_a_bad_file_after_good_ones_stops_with_exit_2_and_a_consistent_store(
    tmp_path: Path,
) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", 12)
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "x", "text": "unterminated', encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    result = runner.invoke(
        app,
        ["ingest", str(good), str(broken), "--db", url, "--batch-size", "5",
         "--log", str(tmp_path / "l")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken}: invalid JSON")
    assert "12 new articles were stored before it" in result.stderr
    assert count(url) == 12 == count(url, SignatureRow)
    with open_store(url) as store:
        assert store.integrity_problems() == []


def test_an_interrupted_ingest_rerun_stores_everything_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", 100)
    url = f"sqlite:///{tmp_path / 'c.db'}"
    args = ["ingest", str(feed), "--db", url, "--batch-size", "10", "--log", str(tmp_path / "l")]
    real_write = ingest_module._Writer.write
    calls = {"n": 0}

    def interrupted(self: object, batch: list[object]) -> None:
        calls["n"] += 1
        if calls["n"] == 4:  # Ctrl-C while the fourth batch is being written
            raise KeyboardInterrupt
        real_write(self, batch)

    monkeypatch.setattr(ingest_module._Writer, "write", interrupted)
    result = runner.invoke(app, args)
    assert result.exit_code == 130
    assert result.stderr.strip() == (
        "interrupted: 30 new articles stored so far (every finished batch is committed); "
        "run the same command again to store the rest"
    )
    assert count(url) == 30
    monkeypatch.setattr(ingest_module._Writer, "write", real_write)
    again = runner.invoke(app, args)
    assert again.exit_code == 0
    assert again.stdout.strip().splitlines()[0].startswith("stored 70 new, 30 already present")
    with open_store(url) as store, store.session() as session:
        ids = session.scalars(select(ArticleRow.id)).all()
        titles = session.scalars(select(ArticleRow.title)).all()
    assert len(ids) == len(set(ids)) == 100
    expected = {json.loads(line)["title"] for line in feed.read_text().splitlines()}
    assert set(titles) == expected
