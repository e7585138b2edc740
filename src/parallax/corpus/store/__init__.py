"""The corpus store: SQLAlchemy tables, sessions and Alembic migrations (SQLite or PostgreSQL)."""
