"""The corpus schema: articles, MinHash signatures and bands, near-duplicates, stories,
story membership, cached comparisons and store settings.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_ID = sa.String(64)


def upgrade() -> None:
    """Create every table of the store."""
    op.create_table(
        "articles",
        sa.Column("id", _ID, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("url_key", sa.String(32), nullable=True),
        sa.Column("published", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("language", sa.String(35), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("paragraphs", _JSON, nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.Column("revision_of", _ID, nullable=True),
        sa.ForeignKeyConstraint(
            ["revision_of"],
            ["articles.id"],
            name="fk_articles_revision_of_articles",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
    )
    op.create_index("ix_articles_url_key", "articles", ["url_key"])
    op.create_index("ix_articles_published_at", "articles", ["published_at"])
    op.create_index("ix_articles_ingested_at", "articles", ["ingested_at"])
    op.create_index("ix_articles_revision_of", "articles", ["revision_of"])

    op.create_table(
        "minhash_signatures",
        sa.Column("article_id", _ID, nullable=False),
        sa.Column("scheme", sa.String(80), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_minhash_signatures_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name="pk_minhash_signatures"),
    )

    op.create_table(
        "minhash_bands",
        sa.Column("band_key", sa.BigInteger(), nullable=False),
        sa.Column("article_id", _ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_minhash_bands_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("band_key", "article_id", name="pk_minhash_bands"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_minhash_bands_article_id", "minhash_bands", ["article_id"])

    op.create_table(
        "near_duplicates",
        sa.Column("article_id", _ID, nullable=False),
        sa.Column("original_id", _ID, nullable=False),
        sa.Column("jaccard", sa.Float(), nullable=False),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_near_duplicates_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["original_id"],
            ["articles.id"],
            name="fk_near_duplicates_original_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name="pk_near_duplicates"),
    )
    op.create_index("ix_near_duplicates_original_id", "near_duplicates", ["original_id"])

    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("first_published", sa.DateTime(), nullable=True),
        sa.Column("last_published", sa.DateTime(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(80), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )
    op.create_index("ix_stories_first_published", "stories", ["first_published"])

    op.create_table(
        "story_articles",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("article_id", _ID, nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_story_articles_story_id_stories",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_story_articles_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("story_id", "article_id", name="pk_story_articles"),
    )
    op.create_index("ix_story_articles_article_id", "story_articles", ["article_id"])

    op.create_table(
        "comparisons",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("article_ids", _JSON, nullable=False),
        sa.Column("options", _JSON, nullable=False),
        sa.Column("result", _JSON, nullable=False),
        sa.Column("parallax_version", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_comparisons_story_id_stories",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_comparisons"),
        sa.UniqueConstraint("key", name="uq_comparisons_key"),
    )
    op.create_index("ix_comparisons_story_id", "comparisons", ["story_id"])

    op.create_table(
        "corpus_meta",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_corpus_meta"),
    )


def downgrade() -> None:
    """Drop every table (the store's content with them)."""
    for table in (
        "corpus_meta",
        "comparisons",
        "story_articles",
        "stories",
        "near_duplicates",
        "minhash_bands",
        "minhash_signatures",
        "articles",
    ):
        op.drop_table(table)
