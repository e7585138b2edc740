"""Crashes and concurrency: kill -9 mid-ingest, Ctrl-C, two ingests into one SQLite file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.corpus import write_jsonl
from sqlalchemy import func, select

from parallax.corpus import open_store
from parallax.corpus.store.session import ArticleRow, SignatureRow

RECORDS = 5_000


def start_ingest(
    tmp_path: Path, db: Path | str, *inputs: Path, batch_size: int = 100
) -> subprocess.Popen[str]:
    url = db if isinstance(db, str) else f"sqlite:///{db}"
    command = [
        sys.executable, "-m", "parallax", "ingest", *map(str, inputs),
        "--db", url, "--batch-size", str(batch_size), "--no-cluster",
    ]  # fmt: skip
    return subprocess.Popen(
        command,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def stored(db: Path) -> int:
    """Articles committed so far, read as another process would (0 before the schema exists)."""
    if not db.exists():
        return 0
    connection = sqlite3.connect(db, timeout=30)
    try:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        connection.close()


def wait_for(db: Path, process: subprocess.Popen[str], at_least: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = stored(db)
        if seen >= at_least or process.poll() is not None:
            return seen
        time.sleep(0.05)
    pytest.fail(f"the ingest stored only {stored(db)} articles in {timeout}s")


def check_store(db: Path, expected: int) -> None:
    """Every article once, each with its signature and bands, and a sound file."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        count, distinct = connection.execute(
            "SELECT count(*), count(DISTINCT title) FROM articles"
        ).fetchone()
        assert count == distinct == expected
        unsigned = connection.execute(
            "SELECT count(*) FROM articles a LEFT JOIN minhash_signatures s "
            "ON s.article_id = a.id WHERE s.article_id IS NULL"
        ).fetchone()[0]
        assert unsigned == 0
        bands = connection.execute("SELECT count(DISTINCT article_id) FROM minhash_bands")
        assert bands.fetchone()[0] == expected
    finally:
        connection.close()


def finish(process: subprocess.Popen[str], timeout: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def test_kill_9_mid_ingest_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", RECORDS, words=20)
    db = tmp_path / "corpus.db"
    process = start_ingest(tmp_path, db, feed)
    before = wait_for(db, process, at_least=1_000)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    committed = stored(db)
    assert before <= committed < RECORDS, "the ingest finished before it could be killed"
    assert committed % 100 == 0  # whole batches only
    check_store(db, committed)

    code, out, err = finish(start_ingest(tmp_path, db, feed))
    assert code == 0, err
    assert out.strip().splitlines()[-1] == (
        f"stored {RECORDS - committed} new, {committed} already present, 0 near-duplicates, "
        "0 bad records (see log)"
    )
    check_store(db, RECORDS)


def test_ctrl_c_mid_ingest_exits_130_and_a_rerun_completes(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", 3_000, words=20)
    db = tmp_path / "corpus.db"
    process = start_ingest(tmp_path, db, feed)
    wait_for(db, process, at_least=500)
    process.send_signal(signal.SIGINT)
    code, _, err = finish(process)
    assert code == 130, err
    assert err.strip().splitlines()[-1].startswith("interrupted: ")
    committed = stored(db)
    check_store(db, committed)
    code, out, _ = finish(start_ingest(tmp_path, db, feed))
    assert code == 0
    assert (
        out.strip()
        .splitlines()[-1]
        .startswith(f"stored {3_000 - committed} new, {committed} already present")
    )
    check_store(db, 3_000)


def test_two_ingests_at_once_into_one_sqlite_file_both_succeed(tmp_path: Path) -> None:
    both = write_jsonl(tmp_path / "both.jsonl", 1_500, words=20)
    first = start_ingest(tmp_path, tmp_path / "corpus.db", both, batch_size=50)
    second = start_ingest(tmp_path, tmp_path / "corpus.db", both, batch_size=70)
    results = [finish(first), finish(second)]
    for code, _, err in results:
        assert code == 0, err
    news = [int(out.strip().splitlines()[-1].split()[1]) for _, out, _ in results]
    assert sum(news) == 1_500  # each article stored by exactly one of them
    check_store(tmp_path / "corpus.db", 1_500)


def test_two_ingests_at_once_into_one_postgres_database_both_succeed(
    tmp_path: Path, postgres_url: str
) -> None:
    both = write_jsonl(tmp_path / "both.jsonl", 600, words=20)
    first = start_ingest(tmp_path, postgres_url, both, batch_size=40)
    second = start_ingest(tmp_path, postgres_url, both, batch_size=55)
    results = [finish(first), finish(second)]
    for code, _, err in results:
        assert code == 0, err
    news = [int(out.strip().splitlines()[-1].split()[1]) for _, out, _ in results]
    assert sum(news) == 600
    with open_store(postgres_url) as store, store.session() as session:
        titles = session.scalars(select(ArticleRow.title)).all()
        signed = session.scalar(select(func.count()).select_from(SignatureRow))
    assert len(titles) == len(set(titles)) == 600 == signed
