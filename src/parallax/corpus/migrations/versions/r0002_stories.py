"""Story clustering: article sketches, the distinct-source count of a story, and an index
for listing stories newest first.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add `article_sketches`, `stories.sources` and an index on `stories.last_published`."""
    op.create_table(
        "article_sketches",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("method", sa.String(80), nullable=False),
        sa.Column("sketch", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_sketches_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name="pk_article_sketches"),
    )
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("sources", sa.Integer(), nullable=False, server_default="0"))
        batch.create_index("ix_stories_last_published", ["last_published"])


def downgrade() -> None:
    """Drop what `upgrade` added (sketches are recomputed by the next clustering run)."""
    with op.batch_alter_table("stories") as batch:
        batch.drop_index("ix_stories_last_published")
        batch.drop_column("sources")
    op.drop_table("article_sketches")
