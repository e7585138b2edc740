"""Clustering interrupted (kill -9, Ctrl-C) or run twice at once leaves a sound store."""

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

from parallax.corpus import ingest, open_store

RECORDS = 1_500


def filled(tmp_path: Path, records: int = RECORDS) -> Path:
    """A SQLite store of `records` stored, unclustered articles."""
    db = tmp_path / "corpus.db"
    feed = write_jsonl(tmp_path / "feed.jsonl", records, words=40)
    with open_store(f"sqlite:///{db}") as store:
        ingest(store, [feed])
    return db


def start_cluster(tmp_path: Path, db: Path, batch_size: int = 50) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "parallax", "cluster", "--db", f"sqlite:///{db}",
        "--batch-size", str(batch_size),
    ]  # fmt: skip
    return subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip


def placed(db: Path) -> int:
    """Articles in a story so far, read as another process would."""
    connection = sqlite3.connect(db, timeout=30)
    try:
        return int(connection.execute("SELECT count(*) FROM story_articles").fetchone()[0])
    finally:
        connection.close()


def wait_for(db: Path, process: subprocess.Popen[str], at_least: int) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if placed(db) >= at_least or process.poll() is not None:
            return
        time.sleep(0.05)
    pytest.fail(f"clustering placed only {placed(db)} articles in 300 s")


def check_stories(db: Path, expected: int) -> None:
    """`expected` articles each in exactly one story, every story's counts its members'."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        members, articles = connection.execute(
            "SELECT count(*), count(DISTINCT article_id) FROM story_articles"
        ).fetchone()
        assert members == articles == expected
        wrong = connection.execute(
            "SELECT count(*) FROM stories s WHERE s.size != "
            "(SELECT count(*) FROM story_articles m WHERE m.story_id = s.id)"
        ).fetchone()[0]
        assert wrong == 0
        sketched = connection.execute(
            "SELECT count(*) FROM article_sketches s JOIN story_articles m "
            "ON m.article_id = s.article_id"
        ).fetchone()[0]
        assert sketched == connection.execute("SELECT count(*) FROM article_sketches").fetchone()[0]
    finally:
        connection.close()


def test_kill_9_mid_clustering_then_rerun_places_every_article_once(tmp_path: Path) -> None:
    db = filled(tmp_path)
    process = start_cluster(tmp_path, db)
    wait_for(db, process, at_least=200)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    done = placed(db)
    assert done < RECORDS, "clustering finished before it could be killed"
    assert done % 50 == 0  # whole batches only
    check_stories(db, done)
    out, err = start_cluster(tmp_path, db).communicate(timeout=600)
    assert out.startswith(f"clustered {RECORDS - done} articles"), err
    check_stories(db, RECORDS)


def test_ctrl_c_mid_clustering_exits_130_with_what_is_done(tmp_path: Path) -> None:
    db = filled(tmp_path)
    process = start_cluster(tmp_path, db)
    wait_for(db, process, at_least=200)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert err.strip().splitlines()[-1].startswith("interrupted while clustering: ")
    assert "run `parallax cluster` to finish" in err
    check_stories(db, placed(db))


def test_two_clusterings_at_once_place_every_article_once(tmp_path: Path) -> None:
    db = filled(tmp_path)
    first, second = start_cluster(tmp_path, db, 40), start_cluster(tmp_path, db, 70)
    results = [p.communicate(timeout=600) for p in (first, second)]
    assert first.returncode == second.returncode == 0, results
    counts = [int(out.split()[1]) for out, _ in results]
    assert sum(counts) == RECORDS
    check_stories(db, RECORDS)
