"""Fixtures of the engine tests: a real Dask LocalCluster on loopback, a small news stream."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from wordfreq import top_n_list

from parallax.corpus.store.session import Store, open_store
from parallax.engine.dask import DaskEngine

SOURCES = ["Wire", "Daily", "Herald", "Post", "Tribune"]
# Ordinary English words (not the commonest), from which each event draws its own vocabulary.
VOCABULARY = [w for w in top_n_list("en", 3000)[300:] if w.isalpha()]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))


def write_stream(path: Path, stories: int, per_story: int = 4, *, seed: int = 7) -> Path:
    """A JSON Lines file of `stories` events, each told by `per_story` outlets on one day;
    every event has its own rare names, so the clustering has something to find."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for story in range(stories):
            names = [_name(rng).capitalize() for _ in range(6)]
            topic = rng.sample(VOCABULARY, 40)
            day = 1 + story % 28
            for teller in range(per_story):
                words = [*rng.sample(names, 4), *rng.choices(topic, k=12)]
                rng.shuffle(words)
                text = " ".join(words) + ". " + " ".join(rng.choices(topic, k=20)) + "."
                tail = " ".join(rng.choices(topic, k=30))
                record = {
                    "title": f"{names[0]} and {names[1]}: {' '.join(rng.choices(topic, k=4))}",
                    "source": SOURCES[teller % len(SOURCES)],
                    "published": f"2024-05-{day:02d}T{8 + teller:02d}:00:00",
                    "text": f"{text} {names[2]} {names[3]} {tail}.",
                }
                handle.write(json.dumps(record) + "\n")
    return path


@pytest.fixture(scope="session")
def dask_engine() -> Iterator[DaskEngine]:
    """A Dask LocalCluster of 2 worker processes on 127.0.0.1, shared by the session."""
    with DaskEngine(workers=2) as engine:
        yield engine


@pytest.fixture
def new_store(tmp_path: Path) -> Iterator[Store]:
    """An empty SQLite store in the test's directory."""
    store = open_store(f"sqlite:///{tmp_path / 'corpus.db'}")
    try:
        yield store
    finally:
        store.close()
