"""Migrations: a store made by an older release upgrades in place, its data kept."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from parallax.corpus import open_store
from parallax.corpus.store.session import Base, StoryRow, create_store_engine

OLD = datetime(2024, 5, 1, 10, 0)


def make_r0001_store(url: str) -> None:
    """A store as the first corpus release left it: schema 0001 with one story."""
    engine = create_store_engine(url)
    config = Config()
    config.set_main_option("script_location", "parallax.corpus:migrations")
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
            connection.execute(
                text(
                    "INSERT INTO stories (id, title, size, created_at, updated_at) "
                    "VALUES (7, :title, 3, :at, :at)"
                ),
                {"title": "An old story", "at": OLD},
            )
    finally:
        engine.dispose()


def test_a_store_made_at_r0001_upgrades_and_keeps_its_data(store_url: str) -> None:
    make_r0001_store(store_url)
    engine = create_store_engine(store_url)
    try:
        assert "article_sketches" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()
    with open_store(store_url) as store:
        assert "article_sketches" in inspect(store.engine).get_table_names()
        with store.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert context.get_current_revision() == "0004"
        with store.session() as session:
            story = session.scalars(select(StoryRow)).one()
        assert (story.id, story.title, story.size, story.sources) == (7, "An old story", 3, 0)
