"""The kind of each quoted or cited source."""

from __future__ import annotations

import parallax
from parallax.analyse.framing.reported import find_reported
from parallax.analyse.framing.sources import agreed_kinds, source_kind, sources_of
from parallax.annotate import annotate
from parallax.types import SourceShare


def test_a_source_is_known_by_its_title_or_body() -> None:
    text = "Interior Minister Erlan Turgumbayev spoke. The UN Security Council met."
    assert source_kind("Erlan Turgumbayev", text) == "official"
    assert source_kind("UN Security Council", text) == "international"
    assert source_kind("the WHO", "The WHO warned of a new wave.") == "international"
    text = "Michigan Gov. Gretchen Whitmer and Sen. Chuck Schumer spoke."
    assert source_kind("Gretchen Whitmer", text) == source_kind("Chuck Schumer", text) == (
        "official")


def test_offices_and_titles_of_legislators_make_an_official() -> None:
    for text in ("House Minority Leader Nancy Pelosi said no.",
                 "Democratic leader Nancy Pelosi said no.",
                 "Speaker Nancy Pelosi said no.",
                 "Nancy Pelosi spoke. Pelosi, the House minority leader, said no."):
        assert source_kind("Nancy Pelosi", text) == "official", text


def test_a_speaker_or_a_leader_of_a_crowd_is_no_official() -> None:
    assert source_kind("Jane Doe", "A speaker at the rally, Jane Doe, said no.") == "other"
    assert source_kind("Jane Doe", "The march leader Jane Doe said no.") == "other"
    assert source_kind("Jane Doe", "Jane Doe, a leader of the march, said no.") == "other"


def test_who_and_un_in_lower_case_are_plain_words() -> None:
    text = ("Bloomberg, who rivals Trump in self-assurance, spoke. "
            "People who know both of them say so.")
    assert source_kind("Donald Trump", text) == "other"
    assert source_kind("people who know both of them", text) == "other"


def test_a_source_takes_the_kind_another_article_gives_it() -> None:
    def share(article: str, kind: str) -> SourceShare:
        return SourceShare(article, "Paul Ryan", kind, 1, 0, 10, 1.0)

    agreed = agreed_kinds({"a": [share("a", "official")], "b": [share("b", "other")],
                           "c": [SourceShare("c", "Tom Hale", "other", 1, 0, 5, 1.0)]})
    assert [s.kind for shares in agreed.values() for s in shares] == [
        "official", "official", "other"]


def test_one_source_whatever_the_case_and_no_source_for_many() -> None:
    text = ("Experts said that the plan would fail. Two days later the experts said that it "
            "had failed. Many believe that it will be tried again.")
    [article] = annotate([parallax.load_text(text, source="t", title="")])
    shares = sources_of(article, [], find_reported(article))
    assert [(s.speaker, s.cited) for s in shares] == [("experts", 2)]
