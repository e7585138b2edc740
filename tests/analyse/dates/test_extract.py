"""Dates: absolute and relative expressions, anchors, the merged timeline and bad input."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

import parallax
from parallax.analyse.dates.extract import dates_of, extract_dates, published_date, timeline
from parallax.annotate import annotate
from parallax.types import (
    AnnotatedArticle,
    Article,
    Claim,
    DateMention,
    Relation,
    Sentence,
    Statement,
)

SEED_000 = "000_d2e65f4c9432c01a.txt"
SEED_001 = "001_9b04cd35a1cac6b3.txt"


def annotated(text: str, published: str | None = None, id: str = "a") -> AnnotatedArticle:
    (article,) = annotate([Article(id=id, text=text, source=id, published=published,
                                   language="en")])
    return article


def only(text: str, published: str | None = None) -> DateMention:
    (mention,) = extract_dates(annotated(text, published))
    return mention


@pytest.fixture(scope="module")
def seeds(seed_dir: Path) -> list[AnnotatedArticle]:
    return annotate([parallax.load(seed_dir / SEED_000), parallax.load(seed_dir / SEED_001)])


@pytest.mark.parametrize(
    ("text", "written", "iso", "granularity"),
    [
        ("He spoke on January 7, 2022 in Almaty.", "January 7, 2022", "2022-01-07", "day"),
        ("He spoke on 7 January 2022 in Almaty.", "7 January 2022", "2022-01-07", "day"),
        ("He spoke on Jan. 7th, 2022 in Almaty.", "Jan. 7th, 2022", "2022-01-07", "day"),
        ("The record is dated 2022-01-07.", "2022-01-07", "2022-01-07", "day"),
        ("In May 2020, the law was passed.", "May 2020", "2020-05", "month"),
        ("The law was passed in 2020.", "2020", "2020", "year"),
    ],
)
def test_absolute_dates(text: str, written: str, iso: str, granularity: str) -> None:
    mention = only(text)
    assert (mention.text, mention.date, mention.granularity) == (written, iso, granularity)
    assert not mention.relative and mention.anchor is None
    assert text[mention.start:mention.end] == written


@pytest.mark.parametrize(
    ("text", "written", "iso", "granularity"),
    [  # published on Saturday 8 January 2022
        ("The president spoke on Friday.", "Friday", "2022-01-07", "day"),
        ("Earlier Friday, he told officials to hold firm.", "Earlier Friday", "2022-01-07",
         "day"),
        ("The ministry announced Thursday that 18 had died.", "Thursday", "2022-01-06", "day"),
        ("Protests began yesterday in the west.", "yesterday", "2022-01-07", "day"),
        ("Protests began last week in the west.", "last week", "2021-W52", "week"),
        ("Protests began three days ago in the west.", "three days ago", "2022-01-05", "day"),
        ("Prices rose last month in the west.", "last month", "2021-12", "month"),
        ("Talks resume next Monday in Geneva.", "next Monday", "2022-01-10", "day"),
        ("They met last Saturday in Geneva.", "last Saturday", "2022-01-01", "day"),
        ("The protests began on Jan. 2 in the west.", "Jan. 2", "2022-01-02", "day"),
        ("The fuel price cap ended on Dec. 28 in the west.", "Dec. 28", "2021-12-28", "day"),
        ("Parliament meets on Feb. 1 to vote.", "Feb. 1", "2022-02-01", "day"),
        ("The deal was signed in November by both sides.", "November", "2021-11", "month"),
    ],
)
def test_relative_dates_resolve_against_the_publication_date(
    text: str, written: str, iso: str, granularity: str
) -> None:
    mention = only(text, published="2022-01-08")
    assert (mention.text, mention.date, mention.granularity) == (written, iso, granularity)
    assert mention.relative and mention.anchor == "2022-01-08"


def test_a_weekday_on_the_anchor_is_the_anchor_day() -> None:
    assert only("He spoke on Friday.", published="2022-01-07T18:30:00Z").date == "2022-01-07"
    assert only("He spoke on Friday.", published="Fri, 07 Jan 2022 10:00:00 GMT").anchor == (
        "2022-01-07")


def test_without_publication_date_the_latest_full_date_mentioned_anchors() -> None:
    article = annotated("The vote was held on January 11, 2022. On Friday the president "
                        "warned the militants. On January 3, 2022 prices doubled.")
    friday = next(m for m in extract_dates(article) if m.text == "Friday")
    assert (friday.date, friday.anchor, friday.relative) == ("2022-01-07", "2022-01-11", True)


def test_without_any_anchor_a_relative_date_stays_unresolved() -> None:
    mention = only("The president spoke on Friday.")
    assert (mention.date, mention.anchor, mention.relative) == (None, None, True)
    story = extract_dates(annotated("The president spoke on Friday."), story_anchor="2022-01-11")
    assert (story[0].date, story[0].anchor) == ("2022-01-07", "2022-01-11")


@pytest.mark.parametrize(
    "text",
    [
        "The worst violence in its 30 years of independence.",
        "Around 20,000 people marched and police arrested 2000 protesters.",
        "He thanked the citizens for following the law in these days.",
        "Call 555-123-4567 at 10 a.m. about Article 12.",
    ],
)
def test_counts_and_durations_are_not_dates(text: str) -> None:
    assert extract_dates(annotated(text, published="2022-01-08")) == []


@pytest.mark.parametrize("text", ["It happened on February 30, 2022.",
                                  "It happened on February 30.", "The file is 2022-13-45."])
def test_impossible_dates_are_skipped_with_a_warning(
    text: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert extract_dates(annotated(text, published="2022-01-08")) == []
    assert "impossible date" in caplog.text


def test_unreadable_publication_date_falls_back() -> None:
    assert published_date("last Tuesday-ish") is None
    assert published_date(None) is None
    assert only("He spoke on Friday.", published="garbage").date is None


def test_seed_pair_dates_and_timeline(seeds: list[AnnotatedArticle]) -> None:
    a, b = seeds
    mentions, events = dates_of(seeds, [])
    assert [m.id for m in mentions] == [f"d{i}" for i in range(1, len(mentions) + 1)]
    by_text = {(m.article, m.text): m for m in mentions}
    assert by_text[a.id, "January 7, 2022"].date == "2022-01-07"
    friday = by_text[b.id, "Friday"]  # 001 has no date of its own: the story anchor
    assert (friday.date, friday.relative, friday.anchor) == ("2022-01-07", True, "2022-01-11")
    assert by_text[b.id, "Jan. 2"].date == "2022-01-02"
    timeline_of = {e.date: e for e in events}
    assert list(timeline_of) == ["2020-05", "2022-01-02", "2022-01-06", "2022-01-07",
                                 "2022-01-11"]
    assert timeline_of["2022-01-07"].sources == (a.id, b.id)  # the address, in both
    assert timeline_of["2022-01-02"].sources == (b.id,)  # the protests began
    assert "protests began" in timeline_of["2022-01-02"].description
    assert timeline_of["2022-01-11"].sources == (a.id,)  # address to Parliament
    assert timeline_of["2020-05"].sources == (a.id,)  # law on peaceful assemblies
    assert timeline_of["2020-05"].granularity == "month"
    assert "January 7, 2022" in timeline_of["2022-01-07"].description


def test_seed_article_alone_leaves_friday_unresolved(seeds: list[AnnotatedArticle]) -> None:
    friday = next(m for m in extract_dates(seeds[1]) if m.text == "Friday")
    assert friday.date is None and friday.relative


def test_timeline_orders_by_date_then_coarser_first_and_merges_sources() -> None:
    a = annotated("In January 2022 prices rose. On January 7, 2022 he spoke.", id="a")
    b = annotated("He spoke January 7, 2022. In 2021 it was calm.", id="b")
    _, events = dates_of([a, b], [])
    assert [(e.date, e.granularity) for e in events] == [
        ("2021", "year"), ("2022-01", "month"), ("2022-01-07", "day")]
    assert events[2].sources == ("a", "b") and len(events[2].mentions) == 2
    assert events[2].description == "He spoke January 7, 2022."


def test_an_unresolved_mention_joins_the_date_of_its_claim() -> None:
    a = annotated("He spoke on January 7, 2022.", id="a")
    b = annotated("He spoke on Friday.", id="b")
    mentions = [m for x in (a, b) for m in extract_dates(x)]
    assert mentions[1].date is None
    claim = Claim("c1", Relation.PARAPHRASE, (
        Statement("a", 0, 0, 10, "He spoke on January 7, 2022.", 0.9),
        Statement("b", 0, 0, 10, "He spoke on Friday.", 0.9)))
    (event,) = timeline(mentions, [a, b], [claim])
    assert event.sources == ("a", "b")
    assert timeline(mentions, [a, b], []) == [timeline(mentions[:1], [a], [])[0]]


def test_empty_article_and_no_sentences() -> None:
    empty = AnnotatedArticle(Article(id="e", text="", source="e"), "en", ())
    assert extract_dates(empty) == []
    assert dates_of([empty, empty], []) == ([], [])


def test_five_thousand_sentences_finish_fast() -> None:
    parts, sentences, start = [], [], 0
    for i in range(5000):
        text = f"On Friday, {i % 28 + 1} January 2022, the count was {i} in town {i}."
        sentences.append(Sentence(i, start, start + len(text), text, 0))
        parts.append(text)
        start += len(text) + 1
    article = AnnotatedArticle(Article(id="big", text=" ".join(parts), source="x"), "en",
                               tuple(sentences))
    began = time.perf_counter()
    mentions, events = dates_of([article], [])
    assert time.perf_counter() - began < 5
    assert len(mentions) == 10_000 and len(events) == 28
    assert all(m.date == "2022-01-28" for m in mentions if m.relative)


@pytest.mark.parametrize(
    ("text", "iso"),
    [  # published on Wednesday 28 September 2016
        ("The override is expected to begin in the Senate on Wednesday, followed by the House "
         "on Thursday.", "2016-09-29"),
        ("The House will vote Thursday on the bill.", "2016-09-29"),
        ("The House voted Thursday on the bill.", "2016-09-22"),
    ],
)
def test_a_weekday_spoken_of_ahead_is_the_next_such_day(text: str, iso: str) -> None:
    thursday = next(m for m in extract_dates(annotated(text, published="2016-09-28"))
                    if m.text.endswith("Thursday"))
    assert thursday.date == iso
