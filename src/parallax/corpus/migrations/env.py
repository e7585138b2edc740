"""Alembic environment of the corpus store.

`Store.migrate` passes its own connection (already inside a serialised write transaction)
in `config.attributes["connection"]`; run from the `alembic` command line instead, the
URL comes from `sqlalchemy.url` or `$PARALLAX_DB`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from parallax.corpus.store.session import Base, create_store_engine

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
        compare_type=True,
    )


def run_offline() -> None:
    """Emit the SQL without connecting (`alembic upgrade head --sql`)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Migrate over the connection the store passed, or over a new one."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_store_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.begin() as new_connection:
            _configure(new_connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
