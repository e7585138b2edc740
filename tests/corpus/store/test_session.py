"""The store: schema and migrations on both backends, idempotent ingest, revisions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from helpers.corpus import story_text
from sqlalchemy import func, inspect, select

from parallax.corpus import ingest_articles, open_store
from parallax.corpus.store.session import Store, StoreError, resolve_url
from parallax.corpus.store.tables import ArticleRow, Base, NearDuplicateRow
from parallax.ingest import load_text
from parallax.types import Article

TABLES = {
    "articles",
    "minhash_signatures",
    "article_sketches",
    "minhash_bands",
    "near_duplicates",
    "stories",
    "story_articles",
    "comparisons",
    "corpus_meta",
    "alembic_version",
}


def article(n: int, *, url: str | None = None, text: str | None = None) -> Article:
    return load_text(
        text or story_text(n),
        source="Wire",
        title=f"Story {n}",
        url=url or f"https://news.example/{n}",
        published="2024-05-01T10:00:00Z",
    )


def count(store: Store, model: type[Base] = ArticleRow) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_migration_creates_every_table_and_matches_the_models(store: Store) -> None:
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_reopening_a_migrated_store_keeps_its_content(store_url: str) -> None:
    with open_store(store_url) as first:
        ingest_articles(first, [article(1)])
    with open_store(store_url) as again:
        assert count(again) == 1


def test_sqlite_store_is_in_wal_mode_with_a_busy_timeout(sqlite_url: str) -> None:
    with open_store(sqlite_url) as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert (connection.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 10_000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_sqlite_writer_holds_the_write_lock_and_readers_do_not(sqlite_url: str) -> None:
    path = sqlite_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    with open_store(sqlite_url) as store:
        with store.write() as session:
            session.connection()
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
            assert other.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        with store.session() as reader:
            reader.connection()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    other.close()


def test_an_article_is_stored_with_its_text_metadata_and_paragraphs(store: Store) -> None:
    original = load_text(
        "First paragraph of the report.\n\nSecond paragraph, with more detail.",
        source="Harbour Times",
        title="Bridge closed",
        url="https://harbour.example/bridge",
        published="Fri, 07 Jan 2022 10:00:00 +0100",
    )
    ingest_articles(store, [original])
    with store.session() as session:
        row = session.get(ArticleRow, original.id)
    assert row is not None
    assert (row.source, row.title, row.url, row.text) == (
        "Harbour Times",
        "Bridge closed",
        "https://harbour.example/bridge",
        original.text,
    )
    assert row.published == "Fri, 07 Jan 2022 10:00:00 +0100"
    assert row.published_at is not None and row.published_at.isoformat() == "2022-01-07T09:00:00"
    assert [original.text[s:e] for s, e in row.paragraphs] == [
        "First paragraph of the report.",
        "Second paragraph, with more detail.",
    ]


def test_the_same_article_twice_is_stored_once(store: Store) -> None:
    first = ingest_articles(store, [article(1), article(2), article(1)])
    again = ingest_articles(store, [article(2), article(1)])
    assert (first.new, first.present) == (2, 1)
    assert (again.new, again.present) == (0, 2)
    assert count(store) == 2


def test_same_url_with_changed_text_is_a_revision_of_the_earlier_version(store: Store) -> None:
    url = "https://news.example/developing"
    v1 = article(1, url=url, text=story_text(10))
    v2 = article(1, url=url, text=story_text(10) + " Update: the bridge reopened.")
    v3 = article(1, url=url, text=story_text(10) + " Update: the bridge closed again.")
    ingest_articles(store, [v1])
    stats = ingest_articles(store, [v2, v3, v2])
    assert (stats.new, stats.present, stats.revisions) == (2, 1, 2)
    with store.session() as session:
        chain = {row.id: row.revision_of for row in session.scalars(select(ArticleRow))}
        links = session.scalars(select(NearDuplicateRow)).all()
    assert chain == {v1.id: None, v2.id: v1.id, v3.id: v2.id}
    assert links == []  # versions of one page are revisions, not near-duplicates


def test_text_that_looks_like_sql_is_stored_verbatim(store: Store) -> None:
    nasty = article(
        1, text="Robert'); DROP TABLE articles; -- said the council.\n\nIt's 100% \"fine\"."
    )
    ingest_articles(store, [nasty])
    with store.session() as session:
        row = session.get(ArticleRow, nasty.id)
    assert row is not None and row.text == nasty.text
    assert count(store) == 1


def test_the_url_comes_from_the_argument_then_the_environment_then_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PARALLAX_DB", raising=False)
    assert resolve_url() == "sqlite:///parallax.db"
    monkeypatch.setenv("PARALLAX_DB", "sqlite:///env.db")
    assert resolve_url() == "sqlite:///env.db"
    assert resolve_url("sqlite:///given.db") == "sqlite:///given.db"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://u@localhost/news", "unsupported database 'mysql'"),
        ("sqlite://", "the store must be a file"),
    ],
)
def test_a_bad_store_url_is_a_clear_error(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(url)


def test_a_store_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"cannot open the store .*folder exist"):
        open_store(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")


def test_an_unreachable_postgres_server_is_a_clear_error_with_the_password_hidden() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://user:secret@127.0.0.1:1/news")
    message = str(caught.value)
    assert "secret" not in message
    assert "postgresql+psycopg://user:***@127.0.0.1:1/news" in message
    assert "is the server running" in message


def test_a_store_locked_while_another_process_creates_it_is_opened_after_a_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite may answer "database is locked" at once (no busy wait) while another process
    creates the file or turns on WAL; opening tries again instead of failing the ingest."""
    from sqlalchemy.exc import OperationalError

    from parallax.corpus.store import session as store_module

    real_migrate = store_module.Store.migrate
    locked = ["locked", "locked"]

    def migrate(self: store_module.Store) -> None:
        if locked:
            locked.pop()
            raise OperationalError("PRAGMA", {}, Exception("database is locked"))
        real_migrate(self)

    monkeypatch.setattr(store_module.Store, "migrate", migrate)
    monkeypatch.setattr(store_module, "_OPEN_RETRIES", (0.0, 0.0, 0.0))
    with open_store(f"sqlite:///{tmp_path / 'x.db'}") as store:
        assert store.dialect == "sqlite"
    assert locked == []
    locked.extend(["locked"] * 5)
    with pytest.raises(StoreError, match="database is locked"):
        open_store(f"sqlite:///{tmp_path / 'y.db'}")
