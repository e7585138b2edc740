"""The counted nouns of summary lines."""

from __future__ import annotations

from parallax.corpus.ingest import IngestStats
from parallax.wording import counted


def test_counted_agrees_with_its_number() -> None:
    assert [counted(n, "story", "stories") for n in (0, 1, 2)] == [
        "0 stories", "1 story", "2 stories"]


def test_ingest_summary_says_one_bad_record() -> None:
    stats = IngestStats(new=3, bad=1, near_duplicates=1)
    assert stats.summary() == (
        "stored 3 new, 0 already present, 1 near-duplicate, 1 bad record (see log)")
