"""Speakers: names, titles, pronouns, one name across articles, and cues in the parse."""

from __future__ import annotations

import pytest

from parallax.analyse.quotes.cues import find_cue
from parallax.analyse.quotes.speakers import (
    SPEECH_FORMS,
    People,
    clean_name,
    speaker_name,
    surname,
    unify_speakers,
)
from parallax.annotate.languages import spacy_pipeline
from parallax.types import AnnotatedArticle, Article, Entity, Span


def article_with(text: str, *names: str) -> AnnotatedArticle:
    """An article whose PERSON entities are every occurrence of the given names."""
    entities = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            entities.append(Entity(start, start + len(name), name, "PERSON", 0))
            start = text.find(name, start + 1)
    entities.sort(key=lambda e: e.start)
    return AnnotatedArticle(Article(id="a", text=text, source="s"), "en", (), tuple(entities))


def entity_tuples(article: AnnotatedArticle) -> list[tuple[int, int, str, str]]:
    return [(e.start, e.end, e.text, e.label) for e in article.entities]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("President Tokayev", "Tokayev"), ("Kassym-Jomart Tokayev’s", "Kassym-Jomart Tokayev"),
     ("Mr. Trump", "Trump"), ("Sen. Ted Cruz", "Ted Cruz"), ("the Pope Francis", "Francis")],
)
def test_clean_name(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


def test_surname_ignores_suffixes() -> None:
    assert surname("Martin Luther King Jr.") == "king"


def test_speech_forms_are_verbs_next_to_quotes() -> None:
    assert {"said", "says", "told", "added", "stressed", "asserted", "urged"} <= SPEECH_FORMS
    assert not {"claims", "notes", "continued", "reports", "orders"} & SPEECH_FORMS


def test_short_names_take_the_fullest_form() -> None:
    text = "Kassym-Jomart Tokayev spoke. Later Tokayev said more."
    people = People(article_with(text, "Kassym-Jomart Tokayev", "Tokayev"))
    assert people.full_name("Tokayev", text.index("Later")) == "Kassym-Jomart Tokayev"


def test_shared_surname_takes_the_latest_person() -> None:
    text = "Bill Clinton spoke first. Hillary Clinton answered. Clinton then left."
    people = People(article_with(text, "Bill Clinton", "Hillary Clinton", "Clinton"))
    assert people.full_name("Clinton", text.index("then")) == "Hillary Clinton"
    assert people.full_name("Clinton", text.index("spoke")) == "Bill Clinton"


def test_pronoun_title_and_possessive_role() -> None:
    text = ("Kazakhstan President Kassym-Jomart Tokayev met Anna Berg. "
            "He spoke first. The president left. Ms. Berg's spokesman stayed.")
    article = article_with(text, "Kassym-Jomart Tokayev", "Anna Berg", "Berg")
    people = People(article)

    def name(mention: str) -> str | None:
        start = text.index(mention)
        return speaker_name(people, mention, start, start + len(mention),
                            entities=entity_tuples(article))

    assert name("He") == "Kassym-Jomart Tokayev"  # not Anna Berg: "Ms. Berg"
    assert name("The president") == "Kassym-Jomart Tokayev"
    assert name("Ms. Berg's spokesman") == "Ms. Berg's spokesman"


def test_pronoun_skips_a_person_of_the_other_gender() -> None:
    text = "Mr. Hale met Ms. Berg on Monday. She said little."
    article = article_with(text, "Hale", "Berg")
    start = text.index("She")
    assert speaker_name(People(article), "She", start, start + 3,
                        entities=entity_tuples(article)) == "Berg"
    assert People(article).before(start, "he") == People(article).mentions[0]


def test_pronoun_after_a_report_names_the_reporter_not_the_reported() -> None:
    text = ("In the speech Mr. Bloomberg criticized Democrats, but argued that President Trump "
            "was a demagogue. He said more.")
    article = article_with(text, "Bloomberg", "Trump")
    start = text.index("He said")
    assert People(article).before(start, "he") == People(article).mentions[0]
    text = "Mr. Bloomberg spoke before Mr. Trump arrived. He said more."
    article = article_with(text, "Bloomberg", "Trump")
    assert People(article).before(text.index("He said"), "he") == People(article).mentions[1]


def test_unify_speakers_across_articles() -> None:
    mapping = unify_speakers(["Tokayev", "Kassym-Jomart Tokayev", "Clinton", "Bill Clinton",
                              "Hillary Clinton", "the Interior Ministry"])
    assert mapping["Tokayev"] == "Kassym-Jomart Tokayev"
    assert mapping["Clinton"] == "Clinton"  # two people could be meant
    assert mapping["the Interior Ministry"] == "the Interior Ministry"


def test_a_nickname_and_its_given_name_are_one_speaker() -> None:
    mapping = unify_speakers(["Charles Schumer", "Chuck Schumer", "Schumer", "Bill Clinton",
                              "William Clinton", "Hillary Clinton"])
    assert mapping["Chuck Schumer"] == mapping["Schumer"] == "Charles Schumer"
    assert mapping["Bill Clinton"] == "William Clinton"
    assert mapping["Hillary Clinton"] == "Hillary Clinton"


def test_a_nickname_joins_the_fullest_form_of_its_given_name() -> None:
    mapping = unify_speakers(["Chuck Schumer", "Charles Schumer", "Charles E. Schumer"])
    assert set(mapping.values()) == {"Charles E. Schumer"}


@pytest.mark.parametrize(
    ("sentence", "quote", "cue", "speaker"),
    [
        ("“We will win,” said Senator John Smith, a Republican.", "We will win", "said",
         "Senator John Smith"),
        ("Tokayev said: “What an absurd thing.”", "What an absurd thing.", "said", "Tokayev"),
        ("According to the ministry, “order is restored.”", "order is restored.",
         "according to", "the ministry"),
        ("“Go back to Univision,” Trump barked at him.", "Go back to Univision", "barked",
         "Trump"),
        ("The president noted that he taught law, and added: “I know a little about this.”",
         "I know a little about this.", "added", "The president"),
        ("Cruz called them on it: “The questions illustrate why people distrust the media.”",
         "The questions illustrate why people distrust the media.", ":", "Cruz"),
    ],
)
def test_find_cue(sentence: str, quote: str, cue: str, speaker: str) -> None:
    doc = spacy_pipeline("en")(sentence)
    start = sentence.index(quote)
    outer = [Span(start - 1, start + len(quote) + 1 + (sentence[start + len(quote)] == ","))]
    found = find_cue(doc, 0, outer, outer)
    assert found is not None and found.speaker is not None
    assert (found.cue, sentence[found.speaker.start:found.speaker.end]) == (cue, speaker)


def test_an_organisation_inside_a_description_does_not_name_the_speaker() -> None:
    text = "“It will be hard,” said a longtime GOP data expert. “We won,” said the DNC."
    expert, dnc = text.index("a longtime"), text.index("the DNC")
    entities = [(text.index("GOP"), text.index("GOP") + 3, "GOP", "ORG"),
                (dnc + 4, dnc + 7, "DNC", "ORG")]
    people = People(article_with(text))
    assert speaker_name(people, "a longtime GOP data expert", expert, expert + 26,
                        entities=entities) == "a longtime GOP data expert"
    assert speaker_name(people, "the DNC", dnc, dnc + 7, entities=entities) == "DNC"
