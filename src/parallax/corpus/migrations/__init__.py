"""Alembic migrations of the corpus store (run by `Store.migrate`, shipped as package data)."""
