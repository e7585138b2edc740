"""Framing: actor labels and their voice, headline vs body, sources, the per-article table."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from helpers.models import encoder

import parallax
from parallax.analyse.framing import framing_of
from parallax.analyse.framing.loaded import read_weights, word_weights
from parallax.analyse.quotes.extract import extract_many
from parallax.annotate import annotate
from parallax.types import AnnotatedArticle, Framing, LabelUse, Voice

AT_A_DISTANCE = {Voice.QUOTED, Voice.SCARE, Voice.CALLED, Voice.REPORTED}


def framing(*texts: str, title: str = "") -> tuple[list[AnnotatedArticle], Framing]:
    articles = annotate([parallax.load_text(t, source=f"s{i}", title=title)
                         for i, t in enumerate(texts)])
    quotes = [q for quotes in extract_many(articles) for q in quotes]
    return articles, framing_of(articles, quotes, encoder=encoder())


def use_of(found: Framing, word: str, nth: int = 0) -> LabelUse:
    uses = [u for u in found.labels if u.text.lower() == word.lower()]
    assert len(uses) > nth, f"{word!r} used {len(uses)} times: {found.labels}"
    return uses[nth]


# --- the seed pair ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(seed_dir: Path) -> tuple[list[AnnotatedArticle], Framing]:
    articles = annotate([parallax.load(seed_dir / "000_d2e65f4c9432c01a.txt"),
                         parallax.load(seed_dir / "001_9b04cd35a1cac6b3.txt")])
    quotes = [q for quotes in extract_many(articles) for q in quotes]
    return articles, framing_of(articles, quotes, encoder=encoder())


def uses_in(seeds: tuple[list[AnnotatedArticle], Framing], article: int,
            label: str) -> list[LabelUse]:
    articles, found = seeds
    return [u for u in found.labels if u.article == articles[article].id and u.label == label]


@pytest.mark.parametrize("label", ["terrorist", "bandit"])
def test_001_never_adopts_terrorists_or_bandits(seeds, label) -> None:  # type: ignore[no-untyped-def]
    uses = uses_in(seeds, 1, label)
    assert uses and all(u.voice in AT_A_DISTANCE for u in uses)
    assert {u.voice for u in uses} & {Voice.SCARE, Voice.CALLED}  # “terrorists”, “bandits”
    assert all(u.speaker in {None, "Kassym-Jomart Tokayev"} for u in uses)


@pytest.mark.parametrize("label", ["terrorist", "militant", "criminal"])
def test_000_uses_the_labels_without_quotation_marks(seeds, label) -> None:  # type: ignore[no-untyped-def]
    uses = uses_in(seeds, 0, label)
    assert any(u.voice in {Voice.OWN, Voice.REPORTED} for u in uses)
    assert not any(u.voice in {Voice.SCARE, Voice.CALLED} for u in uses)


def test_000_states_militants_and_terrorism_in_its_own_voice(seeds) -> None:  # type: ignore[no-untyped-def]
    assert any(u.voice is Voice.OWN and not u.headline for u in uses_in(seeds, 0, "militant"))
    (headline,) = [u for u in uses_in(seeds, 0, "terrorist") if u.headline]
    assert headline.text == "Terrorism" and headline.voice is Voice.OWN
    title = seeds[0][0].article.title  # ingest keeps the headline out of the text
    assert headline.in_title and title[headline.start:headline.end] == "Terrorism"


def test_headlines_000_adopts_the_label_001_quotes(seeds) -> None:  # type: ignore[no-untyped-def]
    articles, found = seeds
    first, second = (next(h for h in found.headlines if h.article == a.id) for a in articles)
    assert first.adopted == ("terrorist",) and not first.attributed
    assert second.attributed and not second.adopted
    rows = {r.article: r for r in found.articles}
    assert rows[articles[0].id].headline_adopts == ("terrorist",)


def test_both_quote_only_tokayev_and_official_bodies(seeds) -> None:  # type: ignore[no-untyped-def]
    articles, found = seeds
    for article in articles:
        named = [s for s in found.sources
                 if s.article == article.id and s.speaker != "unattributed"]
        assert named and all(s.kind == "official" for s in named)
        assert max(named, key=lambda s: s.words).speaker == "Kassym-Jomart Tokayev"
        row = next(r for r in found.articles if r.article == article.id)
        assert row.official_share is not None and row.official_share > 0.95


# --- small cases ------------------------------------------------------------------------


def test_label_in_a_quote_vs_in_the_outlets_voice() -> None:
    _, found = framing("Police arrested dozens of rioters in the capital on Monday.\n\n"
                       "“These rioters will face justice,” Mayor Anna Berg said.")
    assert use_of(found, "rioters", 0).voice is Voice.OWN
    quoted = use_of(found, "rioters", 1)
    assert quoted.voice is Voice.QUOTED and quoted.speaker == "Anna Berg"


def test_label_in_a_nested_quote_is_the_outer_speakers() -> None:
    _, found = framing("“My neighbour told me ‘the terrorists are coming’ and ran away,” "
                       "said Ana Lopez, a shop owner.")
    use = use_of(found, "terrorists")
    assert use.voice is Voice.QUOTED and use.speaker == "Ana Lopez"


def test_scare_quote_around_one_word_vs_a_real_quotation() -> None:
    _, found = framing("The government blamed “extremists” for the fire in the market.\n\n"
                       "The minister said: “The extremists burned the building down.”")
    assert use_of(found, "extremists", 0).voice is Voice.SCARE
    assert use_of(found, "extremists", 1).voice is Voice.QUOTED


@pytest.mark.parametrize(("text", "word", "voice"), [
    ("Police detained dozens of what the ministry described as bandits.", "bandits",
     Voice.CALLED),
    ("The so-called militants left the town at dawn.", "militants", Voice.CALLED),
    ("The minister said that terrorists had attacked the airport.", "terrorists",
     Voice.REPORTED),
    ("According to the ministry, thugs attacked the airport.", "thugs", Voice.REPORTED),
    ("Thugs attacked the airport on Friday night.", "Thugs", Voice.OWN),
])
def test_distance_in_words_and_reported_speech(text: str, word: str, voice: Voice) -> None:
    _, found = framing(text)
    assert use_of(found, word).voice is voice


BODY = ("The interior minister said terrorists had stormed the city hall on Friday.\n\n"
        "“They will be punished,” he said.")


@pytest.mark.parametrize(("title", "attributed", "adopted"), [
    ("Terrorists storm city hall", False, ("terrorist",)),
    ("Terrorists stormed city hall, says minister", True, ()),
    ("Minister: ‘terrorists’ stormed city hall", True, ()),
    ("Minister: terrorists stormed city hall", True, ()),
])
def test_headline_with_and_without_attribution(title: str, attributed: bool,
                                               adopted: tuple[str, ...]) -> None:
    _, found = framing(BODY, title=title)
    (headline,) = found.headlines
    assert headline.text == title
    assert (headline.attributed, headline.adopted) == (attributed, adopted)


@pytest.mark.parametrize(("text", "notes"), [
    ("The weather was mild on Tuesday and the market opened late.", {"no quotes",
                                                                       "no actor labels"}),
    ("“We will rebuild the whole city, street by street, and nobody will stop us now.”\n\n"
     "“The terrorists will not win this fight, not today and not ever.”",
     {"only quotes: almost nothing in the outlet's own voice"}),
])
def test_articles_without_quotes_actors_or_own_voice_say_so(text: str, notes: set[str]) -> None:
    articles, found = framing(text, "Prices of bread rose again in the city on Monday.")
    row = next(r for r in found.articles if r.article == articles[0].id)
    assert notes <= set(row.notes)
    assert not row.own_labels


def test_loaded_words_only_in_the_outlets_voice() -> None:
    _, found = framing("The regime launched a brutal crackdown on the city.\n\n"
                       "“It was a brutal crackdown,” said Ana Lopez.")
    loaded = [w for w in found.loaded if w.text == "brutal"]
    assert len(loaded) == 1 and loaded[0].start < 40
    assert loaded[0].category in {"violence", "delegitimisation", "emotion", "opinion"}


def test_a_tampered_word_list_is_refused() -> None:
    shipped = (resources.files("parallax.analyse.framing") / "loaded_words.json").read_text(
        encoding="utf-8")
    assert read_weights(shipped) == word_weights()
    data = json.loads(shipped)
    data["weights"]["calm"] = 0.9
    with pytest.raises(ValueError, match="checksum or version"):
        read_weights(json.dumps(data))


@pytest.mark.parametrize(("text", "labels"), [
    ("The Senate passed the Justice Against Sponsors of Terrorism Act on Wednesday.", []),
    ("Police still stood guard outside the court.", ["Police"]),
    ("He refused to say the words radical Islam.", []),
    ("The National Guard and prison guards arrived.", ["Guard", "guards"]),
])
def test_names_and_other_senses_are_no_labels(text: str, labels: list[str]) -> None:
    _, found = framing(text)
    assert [u.text for u in found.labels] == labels


def test_seed_labels_name_people_only(seeds) -> None:  # type: ignore[no-untyped-def]
    _, found = seeds
    labels = {u.label for u in found.labels}
    assert {"terrorist", "bandit", "militant", "criminal", "police"} <= labels
    assert not labels & {"protest", "rally", "lesson", "liberty"}
    assert "medium" not in labels  # spaCy's lemma of "media"; the label is "media"
