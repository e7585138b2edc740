"""Outlets: the user's table of outlets (name, country, language, leaning) and the aliases
and web domains that name them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add `outlets` and `outlet_names`."""
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("language", sa.String(35), nullable=True),
        sa.Column("leaning", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outlets"),
        sa.UniqueConstraint("key", name="uq_outlets_key"),
    )
    op.create_table(
        "outlet_names",
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name="fk_outlet_names_outlet_id_outlets",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("kind", "value", name="pk_outlet_names"),
    )
    op.create_index("ix_outlet_names_outlet_id", "outlet_names", ["outlet_id"])


def downgrade() -> None:
    """Drop the outlet tables (the articles never referred to them)."""
    op.drop_index("ix_outlet_names_outlet_id", table_name="outlet_names")
    op.drop_table("outlet_names")
    op.drop_table("outlets")
