"""Story names: the index that makes the stories list searchable by entity
(`parallax.corpus.stories.search`), filled from titles and cached comparisons on first search.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add `story_names`."""
    op.create_table(
        "story_names",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_story_names_story_id_stories",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", "story_id", name="pk_story_names"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_story_names_story_id", "story_names", ["story_id"])


def downgrade() -> None:
    """Drop the index of names, and its high-water marks (it is rebuilt from the store)."""
    op.drop_index("ix_story_names_story_id", table_name="story_names")
    op.drop_table("story_names")
    op.execute(sa.text("DELETE FROM corpus_meta WHERE key = 'story_names'"))
