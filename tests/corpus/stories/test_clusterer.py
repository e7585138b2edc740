"""Online story clustering over article sketches: grouping, keys, windows, labels."""

from __future__ import annotations

import itertools
import re
import struct
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from helpers.corpus import story_text
from helpers.news import FLOOD, FLOOD_2, FLOOD_3, court_story, flood_story

from parallax.corpus.stories.clusterer import (
    ArticleSketch,
    ClusterParams,
    StoryClusterer,
    StoryInput,
    central_title,
    sketch_articles,
)
from parallax.types import Article


def inputs(articles: list[Article], *, dated: bool = True) -> list[StoryInput]:
    """What the store hands the clusterer for these articles."""
    return [
        StoryInput(a.id, a.title, a.text,
                   datetime.fromisoformat(a.published[:19]) if dated and a.published else None,
                   a.source)
        for a in articles
    ]  # fmt: skip


def groups(items: list[StoryInput], stories: list[int]) -> set[frozenset[str]]:
    """The article ids of each story."""
    found: dict[int, set[str]] = {}
    for item, story in zip(items, stories, strict=True):
        found.setdefault(story, set()).add(item.article_id)
    return {frozenset(ids) for ids in found.values()}


def test_two_events_told_by_several_outlets_form_two_stories() -> None:
    flood, court = inputs(flood_story()), inputs(court_story())
    items = [flood[0], court[0], flood[1], court[1], flood[2]]
    assignments = StoryClusterer().add(items, sketch_articles(items))
    assert groups(items, [a.story for a in assignments]) == {
        frozenset(i.article_id for i in flood), frozenset(i.article_id for i in court)
    }
    assert [a.new_story for a in assignments] == [True, True, False, False, False]
    assert [a.score is None for a in assignments] == [a.new_story for a in assignments]
    assert all(0 < a.score <= 1 for a in assignments if a.score is not None)


def test_restored_stories_keep_their_keys_and_new_ones_count_on() -> None:
    flood, court = inputs(flood_story()), inputs(court_story())
    sketches = sketch_articles(flood)
    clusterer = StoryClusterer()
    clusterer.restore([(flood[0], sketches[0], 41), (flood[1], sketches[1], 41)])
    added = clusterer.add([flood[2], *court], [sketches[2], *sketch_articles(court)])
    assert [(a.story, a.new_story) for a in added] == [(41, False), (42, True), (42, False)]


def test_adding_in_batches_gives_the_same_stories_as_one_pass() -> None:
    items = inputs(flood_story() + court_story())
    sketches = sketch_articles(items)
    whole = StoryClusterer().add(items, sketches)
    split = StoryClusterer()
    parts = split.add(items[:2], sketches[:2]) + split.add(items[2:], sketches[2:])
    assert parts == whole


def test_articles_further_apart_than_the_window_open_a_new_story() -> None:
    first = inputs(flood_story())[0]
    assert first.published_at is not None
    later = replace(first, article_id="later", published_at=first.published_at + timedelta(days=30))
    sketches = sketch_articles([first, later])
    windowed = StoryClusterer(ClusterParams(window=timedelta(days=7)))
    assert [a.new_story for a in windowed.add([first, later], sketches)] == [True, True]
    unbounded = StoryClusterer(ClusterParams(window=None))
    assert [a.new_story for a in unbounded.add([first, later], sketches)] == [True, False]


def test_an_undated_article_may_join_a_dated_story() -> None:
    flood = inputs(flood_story())
    items = [*flood[:2], replace(flood[2], published_at=None)]
    assignments = StoryClusterer().add(items, sketch_articles(items))
    assert len({a.story for a in assignments}) == 1


def test_a_story_is_found_among_many_unrelated_articles() -> None:
    noise = [
        StoryInput(f"n{seed}", f"Story {seed}", story_text(seed), datetime(2024, 5, 1), "Wire")
        for seed in range(1500)
    ]  # fmt: skip
    flood = inputs(flood_story())
    items = [flood[0], *noise, flood[1], flood[2]]
    assignments = StoryClusterer().add(items, sketch_articles(items))
    assert assignments[-1].story == assignments[-2].story == assignments[0].story


def test_a_large_story_keeps_growing() -> None:
    # Sixteen retellings of one flood, each two of its thirteen sentences: a large story
    # must not raise the bar against itself.
    sentences = [s for text in (FLOOD, FLOOD_2, FLOOD_3) for s in re.split(r"(?<=\.) ", text)]
    pairs = list(itertools.combinations(range(len(sentences)), 2))[::5][:16]
    items = [
        StoryInput(f"a{n}", None, f"{sentences[i]} {sentences[j]}", datetime(2024, 5, 1), f"s{n}")
        for n, (i, j) in enumerate(pairs)
    ]  # fmt: skip
    assignments = StoryClusterer().add(items, sketch_articles(items))
    assert {a.story for a in assignments} == {assignments[0].story}


def test_a_sketch_depends_on_its_article_only() -> None:
    # So an engine may sketch chunks in any grouping, in other processes.
    items = inputs(flood_story() + court_story())
    alone = [sketch_articles([item])[0].to_bytes() for item in items]
    assert [s.to_bytes() for s in sketch_articles(items)] == alone


def test_sketches_survive_a_round_trip_through_bytes() -> None:
    items = inputs(flood_story())
    sketches = sketch_articles(items)
    restored = [ArticleSketch.from_bytes(s.to_bytes()) for s in sketches]
    assert [r.similarity(restored[0]) for r in restored] == [
        s.similarity(sketches[0]) for s in sketches
    ]


@pytest.mark.parametrize("data", [b"", b"\x01\x05\x00\x00\x00abc", b"\x09\x00\x00\x00\x00"])
def test_a_damaged_sketch_is_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(ValueError, match="article sketch"):
        ArticleSketch.from_bytes(data)


def test_an_empty_article_gets_an_empty_sketch_and_its_own_story() -> None:
    items = [StoryInput("a", None, "", None, "x"), StoryInput("b", None, "", None, "y")]
    assignments = StoryClusterer().add(items, sketch_articles(items))
    assert [a.new_story for a in assignments] == [True, True]


def test_the_label_is_the_headline_closest_to_the_others() -> None:
    flood = inputs(flood_story())
    items = [inputs(court_story())[0], *flood]  # an outlier first: ties would pick it
    members = list(zip(items, sketch_articles(items), strict=True))
    assert central_title(members) in {i.title for i in flood}
    assert central_title([(replace(i, title=None), s) for i, s in members]) is None


@pytest.mark.parametrize(
    "options",
    [{"threshold": 0.0}, {"threshold": 1.5}, {"window": timedelta(0)}, {"neighbours": 0},
     {"background_rank": 30}, {"background": 2.0}],
)
def test_invalid_parameters_are_refused(options: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ClusterParams(**options)  # type: ignore[arg-type]


def test_a_words_only_sketch_of_version_2_is_still_read() -> None:
    sketch = sketch_articles(inputs(flood_story())[:1])[0]
    old = (struct.pack("<BI", 2, len(sketch.hashes)) + sketch.hashes.astype("<u4").tobytes()
           + sketch.weights.astype("<f2").tobytes())  # fmt: skip
    restored = ArticleSketch.from_bytes(old)
    assert restored.word_similarity(sketch) == pytest.approx(1.0, abs=1e-3)
    assert not restored.vector.any()


def test_a_sketch_with_a_headline_vector_of_another_size_is_refused() -> None:
    data = sketch_articles(inputs(flood_story())[:1])[0].to_bytes()
    with pytest.raises(ValueError, match="headline vector"):
        ArticleSketch.from_bytes(data[:-770] + struct.pack("<H", 383) + data[-768:])
    with pytest.raises(ValueError, match="article sketch of"):
        ArticleSketch.from_bytes(data[:-2])


def test_headlines_worded_differently_score_higher_with_their_vectors() -> None:
    # The same story in other words, against an unrelated story told with the same verbs.
    titles = ["Trump to revoke California's tailpipe waiver",
              "Trump to bar California from setting vehicle emission rules",
              "Senate advances measure to curb rising drug prices"]  # fmt: skip
    items = [StoryInput(str(n), title, "", None, "x") for n, title in enumerate(titles)]
    first, same, other = sketch_articles(items)
    assert first.similarity(same) > first.word_similarity(same) + 0.05
    assert first.similarity(other) < 0.1
