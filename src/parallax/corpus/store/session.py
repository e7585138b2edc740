"""The corpus store: engine set-up, sessions, Alembic migrations.

A store is a SQLite file (the default, `sqlite:///parallax.db`) or a PostgreSQL database,
named by a SQLAlchemy URL. `open_store` connects and brings the schema to the newest
revision (`migrations/`), so every command sees the same tables. The tables are in
`store_tables`, how values are kept in `store_values`; both are importable from here too.

Writers are serialised: a write transaction is `BEGIN IMMEDIATE` on SQLite (in WAL mode,
so readers never wait) and holds a transaction-scoped advisory lock on PostgreSQL. Two
ingests into one store therefore take turns batch by batch instead of failing, and each
batch sees everything committed before it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from parallax.corpus.store.tables import (
    ArticleRow,
    Base,
    ComparisonRow,
    MetaRow,
    NearDuplicateRow,
    OutletNameRow,
    OutletRow,
    SignatureBandRow,
    SignatureRow,
    SketchRow,
    StoryArticleRow,
    StoryNameRow,
    StoryRow,
)
from parallax.corpus.store.values import parse_published, url_key, utcnow
from parallax.errors import StoreError

__all__ = [
    "DB_ENV",
    "DEFAULT_URL",
    "IN_LIST_SIZE",
    "ArticleRow",
    "Base",
    "ComparisonRow",
    "MetaRow",
    "NearDuplicateRow",
    "OutletNameRow",
    "OutletRow",
    "SignatureBandRow",
    "SignatureRow",
    "SketchRow",
    "Store",
    "StoreError",
    "StoryArticleRow",
    "StoryNameRow",
    "StoryRow",
    "in_chunks",
    "open_store",
    "parse_published",
    "resolve_url",
    "url_key",
    "utcnow",
]

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///parallax.db"
DB_ENV = "PARALLAX_DB"

SQLITE_BUSY_TIMEOUT_MS = 120_000
"""How long a writer waits for another one's batch to commit (a batch takes well under a
second to write; two minutes covers a slow disk and a very large batch)."""

IN_LIST_SIZE = 500
"""Bound parameters per `IN (...)` list: well under SQLite's and libpq's limits."""

_T = TypeVar("_T")


def in_chunks(items: Sequence[_T], size: int = IN_LIST_SIZE) -> Iterator[Sequence[_T]]:
    """Consecutive slices of `items` of at most `size`, for queries with `IN (...)` lists."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


_WRITE_OPTION = "parallax_write"
_ADVISORY_LOCK = 0x7061726C6C7831  # any constant shared by every parallax writer ("parllx1")


def resolve_url(url: str | None = None) -> str:
    """The store URL: the one given, else `$PARALLAX_DB`, else `sqlite:///parallax.db`."""
    return url or os.environ.get(DB_ENV) or DEFAULT_URL


def _driver_url(raw: str) -> URL:
    try:
        url = make_url(raw)
    except ArgumentError:
        raise StoreError(
            f"{raw!r} is not a database URL; use sqlite:///PATH or postgresql://USER@HOST/DB"
        ) from None
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        # Plain postgresql:// means psycopg2 to SQLAlchemy; we ship psycopg 3.
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return url
    if backend == "sqlite":
        return url
    raise StoreError(
        f"{url.render_as_string(hide_password=True)}: unsupported database "
        f"{backend!r}; use sqlite:///PATH or postgresql://USER@HOST/DB"
    )


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling off: SQLAlchemy's begin event emits BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS:d}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL: a crash of the process loses nothing committed; a power cut may
        # lose the last commits but never corrupts the file.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # A writer takes the write lock up front (waiting up to busy_timeout for another
    # writer), so it can never fail half-way with "database is locked".
    write = connection.get_execution_options().get(_WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _first_line(err: BaseException) -> str:
    text = str(getattr(err, "orig", None) or err)
    return " ".join(text.strip().splitlines()[0].split()) if text.strip() else type(err).__name__


class Store:
    """An open store: an engine plus sessions for reading and for serialised writing."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write_engine = engine.execution_options(**{_WRITE_OPTION: True})
        self._write = sessionmaker(self._write_engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        """The store URL with any password masked, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def session(self) -> Session:
        """A session for reading (use it as a context manager)."""
        return self._read()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction, serialised with every other parallax writer of the store.

        Commits when the block ends, rolls back on any exception (KeyboardInterrupt too).
        """
        with self._write() as session, session.begin():
            self._lock(session.connection())
            yield session

    def _lock(self, connection: Connection) -> None:
        if connection.dialect.name == "postgresql":
            connection.execute(select(func.pg_advisory_xact_lock(_ADVISORY_LOCK)))

    def migrate(self) -> None:
        """Bring the schema to the newest revision (a no-op when it is already there)."""
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", "parallax.corpus:migrations")
        head = ScriptDirectory.from_config(config).get_current_head()
        with self.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        if current == head:
            return
        with self._write_engine.begin() as connection:
            self._lock(connection)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        log.info("migrated %s from %s to %s", self.url, current or "an empty store", head)

    def integrity_problems(self) -> list[str]:
        """SQLite's `PRAGMA integrity_check` lines other than "ok" (always [] elsewhere)."""
        if self.dialect != "sqlite":
            return []
        with self.engine.connect() as connection:
            rows = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
        return [str(row) for row in rows if row != "ok"]

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def create_store_engine(url: str | None = None) -> Engine:
    """An engine for the store URL (see `resolve_url`), set up for its backend."""
    driver_url = _driver_url(resolve_url(url))
    shown = driver_url.render_as_string(hide_password=True)
    try:
        if driver_url.get_backend_name() == "sqlite":
            if driver_url.database in (None, "", ":memory:"):
                raise StoreError(f"{shown}: the store must be a file, e.g. sqlite:///parallax.db")
            engine = create_engine(
                driver_url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
            )
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(driver_url, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError) as err:
        raise StoreError(
            f"{shown}: the database driver is not installed ({err}); for PostgreSQL "
            "install psycopg[binary]"
        ) from None
    return engine


_OPEN_RETRIES = (0.1, 0.3, 1.0, 3.0)
"""Seconds to wait before each new try of opening a store that another process is creating:
a back-off chosen by hand, not calibrated."""


def _prepare(store: Store, migrate: bool) -> None:
    """Connect (and migrate); a new SQLite file that another process is creating or
    converting to WAL can answer "locked" at once, without waiting for its busy timeout,
    so that is tried again a few times."""
    for pause in (*_OPEN_RETRIES, None):
        try:
            with store.engine.connect():
                pass
            if migrate:
                store.migrate()
            return
        except OperationalError as err:
            if pause is None or store.dialect != "sqlite" or "locked" not in str(err):
                raise
            log.info("%s is locked while opening; trying again in %.1f s", store.url, pause)
            store.engine.dispose()
            time.sleep(pause)


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and create or upgrade, unless `migrate` is False) the store at `url`."""
    engine = create_store_engine(url)
    store = Store(engine)
    try:
        _prepare(store, migrate)
    except OperationalError as err:
        store.close()
        hint = (
            "is the server running and the database created?"
            if store.dialect == "postgresql"
            else "does its folder exist and is it writable?"
        )
        raise StoreError(f"cannot open the store {store.url}: {_first_line(err)}; {hint}") from None
    except SQLAlchemyError as err:
        store.close()
        raise StoreError(f"cannot open the store {store.url}: {_first_line(err)}") from None
    return store
