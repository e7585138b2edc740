"""The corpus store: SQLAlchemy models, engine set-up and Alembic migrations.

A store is a SQLite file (the default, `sqlite:///parallax.db`) or a PostgreSQL database,
named by a SQLAlchemy URL. `open_store` connects and brings the schema to the newest
revision (`migrations/`), so every command sees the same tables.

Writers are serialised: a write transaction is `BEGIN IMMEDIATE` on SQLite (in WAL mode,
so readers never wait) and holds a transaction-scoped advisory lock on PostgreSQL. Two
ingests into one store therefore take turns batch by batch instead of failing, and each
batch sees everything committed before it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

__all__ = [
    "DB_ENV",
    "DEFAULT_URL",
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

_WRITE_OPTION = "parallax_write"
_ADVISORY_LOCK = 0x7061726C6C7831  # any constant shared by every parallax writer ("parllx1")

_JSON = JSON().with_variant(JSONB(), "postgresql")

# Stable constraint and index names, so that migrations can refer to them on any backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class StoreError(Exception):
    """A store that cannot be opened or used: bad URL, missing driver, server down."""


class Base(DeclarativeBase):
    """Declarative base of the corpus tables."""

    metadata = MetaData(naming_convention=NAMING)


class ArticleRow(Base):
    """One article as ingested. `id` is the content hash (`parallax.ingest.article_id`)."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    # sha256 of the URL: an index on a short key instead of on URLs of any length.
    url_key: Mapped[str | None] = mapped_column(String(32), index=True)
    published: Mapped[str | None] = mapped_column(Text)  # as the input gave it
    published_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)  # UTC, parsed
    author: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(35))
    text: Mapped[str] = mapped_column(Text)
    paragraphs: Mapped[list[list[int]]] = mapped_column(_JSON)  # [[start, end], ...]
    origin: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # UTC
    revision_of: Mapped[str | None] = mapped_column(
        String(64), ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )


class SignatureRow(Base):
    """An article's MinHash signature (the near-duplicate index is rebuilt from these)."""

    __tablename__ = "minhash_signatures"

    article_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    scheme: Mapped[str] = mapped_column(String(80))  # DedupeParams.scheme
    signature: Mapped[bytes] = mapped_column(LargeBinary)  # num_perm little-endian uint32


class SignatureBandRow(Base):
    """One LSH band of a signature: articles sharing a band key are near-duplicate candidates."""

    __tablename__ = "minhash_bands"
    __table_args__ = (
        Index("ix_minhash_bands_article_id", "article_id"),
        {"sqlite_with_rowid": False},  # the primary key is the table: one b-tree less
    )

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )


class NearDuplicateRow(Base):
    """A wire copy or light rewrite (`article_id`) of an earlier article (`original_id`)."""

    __tablename__ = "near_duplicates"

    article_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    original_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    jaccard: Mapped[float] = mapped_column(Float)  # MinHash estimate of the shingle Jaccard
    linked_at: Mapped[datetime] = mapped_column(DateTime)


class SketchRow(Base):
    """An article's clustering sketch, so that past articles are never sketched again."""

    __tablename__ = "article_sketches"

    article_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    method: Mapped[str] = mapped_column(String(80))  # ClusterParams.method
    sketch: Mapped[bytes] = mapped_column(LargeBinary)  # ArticleSketch.to_bytes()


class StoryRow(Base):
    """A story: articles of several outlets about one event (filled by clustering)."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str | None] = mapped_column(Text)
    first_published: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    last_published: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    size: Mapped[int] = mapped_column(Integer, default=0)  # articles, near-duplicates included
    sources: Mapped[int] = mapped_column(Integer, default=0)  # distinct outlets
    method: Mapped[str | None] = mapped_column(String(80))  # clustering method and version
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class StoryArticleRow(Base):
    """Membership of an article in a story, with the clustering's confidence."""

    __tablename__ = "story_articles"

    story_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    score: Mapped[float | None] = mapped_column(Float)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class StoryNameRow(Base):
    """A name a story mentions, under one normalised word-suffix (`parallax.corpus.names`)."""

    __tablename__ = "story_names"
    __table_args__ = (
        Index("ix_story_names_story_id", "story_id"),
        {"sqlite_with_rowid": False},  # the primary key is the table: one b-tree less
    )

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    story_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )


class ComparisonRow(Base):
    """A cached `Comparison` (its JSON contract), keyed by its articles and options."""

    __tablename__ = "comparisons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # hash of ids + options + version
    story_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("stories.id", ondelete="SET NULL"), index=True
    )
    article_ids: Mapped[list[str]] = mapped_column(_JSON)
    options: Mapped[dict[str, Any]] = mapped_column(_JSON)
    result: Mapped[dict[str, Any]] = mapped_column(_JSON)
    parallax_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class OutletRow(Base):
    """An outlet of the user's table (`parallax outlets load`); `key` is its matching name."""

    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # outlets.name_key(name)
    country: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(35))
    leaning: Mapped[str | None] = mapped_column(Text)  # on the user's own scale
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class OutletNameRow(Base):
    """An alias (a source name) or a web domain that names an outlet; each names one only."""

    __tablename__ = "outlet_names"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # "alias" or "domain"
    value: Mapped[str] = mapped_column(String(200), primary_key=True)  # normalised
    label: Mapped[str] = mapped_column(Text)  # as the user wrote it
    outlet_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("outlets.id", ondelete="CASCADE"), index=True
    )


class MetaRow(Base):
    """Settings the store was built with (the near-duplicate parameters), as JSON text."""

    __tablename__ = "corpus_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def utcnow() -> datetime:
    """The current time as a naive UTC datetime (how every timestamp is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def url_key(url: str | None) -> str | None:
    """The indexed key of an article URL: 32 hex digits of its sha256, None without a URL."""
    if not url:
        return None
    return hashlib.sha256(url.strip().encode()).hexdigest()[:32]


_SLASHED = ("%m/%d/%y", "%m/%d/%Y", "%d/%m/%y", "%d/%m/%Y")
"""Dates with slashes, month first as US outlets write them ("7/23/17"); day first only
when the first number cannot be a month ("23/7/17")."""


def _slashed_date(text: str) -> datetime | None:
    day = text.partition(" ")[0]  # "7/23/17 10:00 AM": the date only
    for layout in _SLASHED:
        try:
            return datetime.strptime(day, layout)
        except ValueError:
            continue
    return None


def parse_published(value: str | None) -> datetime | None:
    """A publication date as naive UTC: ISO 8601, RFC 2822 or a slashed date (month first,
    as US outlets write it, unless the first number cannot be a month); None when
    unreadable."""
    if not value:
        return None
    text = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            try:
                parsed = datetime.fromisoformat(text[:10])
            except ValueError:
                parsed = _slashed_date(text)
                if parsed is None:
                    return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


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
"""Seconds to wait before each new try of opening a store that another process is creating."""


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
