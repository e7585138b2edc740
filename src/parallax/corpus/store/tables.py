"""The corpus tables: SQLAlchemy models of every row the store keeps.

The schema itself is created and upgraded by the Alembic migrations (`migrations/`),
which must match these models (`tests/corpus/test_migrations.py` checks it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
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
    "StoryArticleRow",
    "StoryNameRow",
    "StoryRow",
]

_JSON = JSON().with_variant(JSONB(), "postgresql")

# Stable constraint and index names, so that migrations can refer to them on any backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


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
    """A name a story mentions, under one normalised word-suffix (`corpus.stories.search`)."""

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
