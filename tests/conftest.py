"""Fixtures shared by every test package: offline models and the shared seed articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The models ship as Python packages; never let a test reach for the Hugging Face Hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    """The directory of the shared seed articles (a pair on one story); skip when absent."""
    if not SEEDS.is_dir() or len(list(SEEDS.glob("*.txt"))) < 2:
        pytest.skip(f"shared seed articles not found at {SEEDS.resolve()}")
    return SEEDS


# The store fixtures serve the corpus, ingest, cli, engine and web tests alike.
from helpers.corpus import (  # noqa: E402, F401
    postgres_server,
    postgres_url,
    sqlite_url,
    store,
    store_url,
)
