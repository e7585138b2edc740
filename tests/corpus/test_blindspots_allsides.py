"""Blindspots on real articles: AllSides' own left/center/right labels as the user's table.

Reads ../shared/data/allsides-articles/articles.jsonl.gz (skipped when it is absent): the
articles of ten days in May 2020 are ingested and clustered, the outlet table is built
from the `bias` field of every article of each source, and the coverage of each story is
checked against the labels of its articles' own records.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from parallax.corpus import ingest, list_stories, open_store
from parallax.corpus.blindspots import find_blindspots, story_coverage
from parallax.corpus.outlets import OutletMatcher, load_outlets, read_outlets
from parallax.corpus.stories.stage import cluster_stories

DATA = Path(__file__).parents[3] / "shared" / "data" / "allsides-articles" / "articles.jsonl.gz"
FIRST_DAY, LAST_DAY = "2020-05-16", "2020-05-29"  # two busy weeks: ~300 articles


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    if not DATA.is_file():
        pytest.skip(f"{DATA} is absent (see ../shared/data/README.md)")
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def outlets_csv(records: list[dict[str, Any]], path: Path) -> set[str]:
    """The user's table: each source with the one label all its articles carry (sources
    labelled two ways are left out, so their articles count as unknown); their names."""
    labels: dict[str, set[str]] = defaultdict(set)
    for record in records:
        labels[record["source"]].add(record["bias"])
    kept = {source: next(iter(found)) for source, found in labels.items() if len(found) == 1}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "leaning"])
        writer.writerows(sorted(kept.items()))
    return set(kept)


def test_allsides_blindspots_have_the_coverage_of_their_labels(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    sample = [r for r in records if FIRST_DAY <= r["published"] <= LAST_DAY and r["text"]]
    assert 250 <= len(sample) <= 400
    (tmp_path / "sample.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in sample), encoding="utf-8"
    )
    known = outlets_csv(records, tmp_path / "outlets.csv")
    table = read_outlets(tmp_path / "outlets.csv")
    assert table.problems == ()
    by_url = {r["url"]: r for r in sample}
    with open_store(f"sqlite:///{tmp_path / 'corpus.db'}") as store:
        ingest(store, [tmp_path / "sample.jsonl"])
        cluster_stories(store)
        load_outlets(store, table.specs)
        spots = find_blindspots(store)
        matcher = OutletMatcher.from_store(store)
        stories = list_stories(store)
    assert spots, "two weeks of AllSides stories hold no blindspot"
    listed = {spot.coverage.story.id for spot in spots}
    for story in stories:
        labels = Counter(
            by_url[a.url]["bias"] for a in story.articles if a.source in known
        )  # the records' own labels, not the table's
        unknown = sum(1 for a in story.articles if a.source not in known)
        coverage = story_coverage(story, matcher)
        assert {s.name: s.articles for s in coverage.leanings} == dict(labels)
        assert coverage.unknown == unknown
        outlets = {a.source for a in story.articles if a.source in known}
        top = max(labels.values(), default=0) / max(sum(labels.values()), 1)
        expected = len(outlets) >= 2 and top >= 0.8 and len(labels) < 3
        assert (story.id in listed) == expected, story.title
    for spot in spots:
        assert spot.share >= 0.8
        assert set(spot.missing) | {s.name for s in spot.coverage.leanings} == {
            "left", "center", "right"
        }
