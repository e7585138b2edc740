"""Corpus test helpers and fixtures: SQLite and PostgreSQL stores, generated inputs.

PostgreSQL: `$PARALLAX_TEST_POSTGRES` names a server (a URL whose user may create
databases; each test gets a fresh database on it). Unset, `scripts/postgres.sh start`
starts a throw-away server for the session; set to `skip`, or when no server can be
started, the PostgreSQL tests are skipped with the reason.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from parallax.corpus.store.session import Base, Store, open_store
from parallax.errors import InputError
from parallax.ingest.stream import Source, format_of, read
from parallax.types import Article

ROOT = Path(__file__).parents[2]
POSTGRES_SCRIPT = ROOT / "scripts" / "postgres.sh"
POSTGRES_ENV = "PARALLAX_TEST_POSTGRES"

WORDS = [
    "council", "harbour", "bridge", "minister", "storm", "flood", "river", "budget", "vote",
    "court", "police", "report", "election", "market", "energy", "school", "hospital", "road",
    "rail", "port", "water", "city", "village", "farm", "company", "union", "strike", "price",
    "tax", "plan", "law", "health", "science", "climate", "trade", "border", "army",
]  # fmt: skip


def story_text(seed: int, words: int = 120) -> str:
    """A deterministic article body of `words` words, different for every seed."""
    state = seed * 2654435761 % 2**32 or 1
    out: list[str] = []
    for index in range(words):
        state = (state * 1103515245 + 12345) % 2**31
        out.append(WORDS[state % len(WORDS)])
        if index % 15 == 14:
            out[-1] += "."
    sentences = " ".join(out)
    return f"Report {seed}: {sentences}"


def rewrite(text: str, *, every: int, seed: int = 1) -> str:
    """Replace one word in `every` (a light edit when `every` is 50 or more)."""
    rng = random.Random(seed)
    words = text.split()
    for index in range(0, len(words), every):
        words[min(len(words) - 1, index + rng.randrange(every))] = "edited"
    return " ".join(words)


def write_jsonl(
    path: Path, count: int, *, bad_lines: tuple[int, ...] = (), words: int = 40
) -> Path:
    """A JSON Lines file of `count` distinct small articles; `bad_lines` (1-based) broken."""
    with path.open("w", encoding="utf-8") as handle:
        for number in range(1, count + 1):
            if number in bad_lines:
                handle.write('{"title": "broken", "text": \n')
                continue
            record = {
                "title": f"Story {number}",
                "source": "Wire",
                "url": f"https://news.example/{number}",
                "published": "2024-05-01",
                "text": story_text(number, words),
            }
            handle.write(json.dumps(record) + "\n")
    return path


PAGE = """<!doctype html><html><head><title>{title} | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>The council said the harbour bridge would stay closed until engineers had inspected it.
Residents were told to use the ferry instead, which will run every twenty minutes.</p>
</article><footer>Copyright Harbour Times</footer></body></html>"""
"""A news page with site chrome around its article (`title` and `body` to fill in)."""


def articles_of(path: Path) -> list[Article | InputError]:
    """Every article and bad record `parallax ingest` reads from one file."""
    source = Source(path, format_of(path) or "", path.stat().st_size, explicit=True)
    return [record.item for record in read(source)]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite store URL in the test's temporary directory."""
    return f"sqlite:///{tmp_path / 'corpus.db'}"


def _check_reachable(url: str) -> None:
    """Fail (not skip) when a configured server cannot be reached: CI must notice."""
    engine = create_engine(_psycopg(url))
    try:
        with engine.connect():
            pass
    except Exception as err:
        shown = make_url(url).render_as_string(hide_password=True)
        reason = " ".join(str(err).split())[:300]
        pytest.fail(f"{POSTGRES_ENV}={shown} cannot be reached: {reason}", pytrace=False)
    finally:
        engine.dispose()


def _psycopg(url: str) -> URL:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a PostgreSQL server for the session (skips when none can be had)."""
    given = os.environ.get(POSTGRES_ENV, "").strip()
    if given.lower() in ("skip", "0", "off", "no"):
        pytest.skip(f"PostgreSQL tests skipped: {POSTGRES_ENV}={given}")
    if given:
        _check_reachable(given)
        yield given
        return
    try:
        started = subprocess.run(
            ["bash", str(POSTGRES_SCRIPT), "start"],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        pytest.skip(f"PostgreSQL tests skipped: could not run {POSTGRES_SCRIPT.name} ({err})")
    url = started.stdout.strip().splitlines()[-1] if started.stdout.strip() else ""
    if started.returncode != 0 or not url:
        reason = " ".join(started.stderr.strip().splitlines()[-3:]) or f"exit {started.returncode}"
        pytest.skip(
            f"PostgreSQL tests skipped: {POSTGRES_SCRIPT.name} could not start a server "
            f"({reason}); set {POSTGRES_ENV} to a server URL to run them"
        )
    try:
        yield url
    finally:
        subprocess.run(
            ["bash", str(POSTGRES_SCRIPT), "stop", url], capture_output=True, timeout=120
        )


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards)."""
    server = _psycopg(postgres_server)
    name = f"parallax_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))  # a generated identifier
    except Exception:
        # No right to create databases: use the given one, emptied.
        admin.dispose()
        engine = create_engine(server)
        Base.metadata.drop_all(engine)
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
        yield server.render_as_string(hide_password=False)
        return
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store URL of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'corpus.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open, migrated store of each backend."""
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()
