"""Shared fixtures of the ingest tests: paths to the real seed articles and to small fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).parents[2] / ".." / "shared" / "seeds"


def seed(name: str) -> Path:
    """Path of a shared seed article, skipping the test when the shared data is absent."""
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"shared seed data not found at {path.resolve()} (needs /work/shared/seeds)")
    return path


@pytest.fixture
def fixtures() -> Path:
    """The directory of the ingest test fixtures."""
    return FIXTURES
