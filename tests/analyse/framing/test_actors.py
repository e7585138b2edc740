"""Actor labels beyond the unrest lexicon, and which labels name the same actors."""

from __future__ import annotations

from helpers.models import encoder

import parallax
from parallax.analyse.framing import framing_of
from parallax.analyse.quotes.extract import extract_many
from parallax.annotate import annotate
from parallax.types import Framing, Voice

IMMIGRATION = (
    "Illegal aliens crossed the border on Monday. Border agents said the aliens were detained.",
    "Undocumented immigrants crossed the border on Monday. Advocates said the immigrants "
    "feared deportation.",
    "Hundreds of migrants crossed the border on Monday, farmers in the valley said.",
)


def framing(*texts: str) -> Framing:
    articles = annotate([parallax.load_text(t, source=f"s{i}") for i, t in enumerate(texts)])
    return framing_of(articles, [q for quotes in extract_many(articles) for q in quotes],
                      encoder=encoder())


def test_nouns_for_people_outside_the_lexicon_are_labels() -> None:
    found = framing(*IMMIGRATION)
    labels = {u.label for u in found.labels}
    assert {"alien", "immigrant", "migrant", "farmer"} <= labels
    assert not labels & {"border", "deportation", "monday", "hundred"}
    alien = next(u for u in found.labels if u.label == "alien")
    assert (alien.group, alien.stance) == ("other", "unrated")


def test_labels_for_the_same_people_are_one_actor_across_articles() -> None:
    found = framing(*IMMIGRATION)
    actor = {u.label: u.actor for u in found.labels}
    assert actor["alien"] == actor["immigrant"] == actor["migrant"]
    assert actor["farmer"] != actor["migrant"]


def test_voice_applies_to_new_labels() -> None:
    found = framing("“The aliens must go home,” said Tom Smith. Migrants waited at the gate.")
    voices = {u.text: u.voice for u in found.labels}
    assert voices["aliens"] is Voice.QUOTED and voices["Migrants"] is Voice.OWN


def test_lexicon_roles_still_name_one_actor() -> None:
    found = framing("Terrorists attacked the city hall.", "Protesters gathered at the city hall.")
    actor = {u.label: u.actor for u in found.labels}
    assert actor["terrorist"] == actor["protester"]
    assert {u.group for u in found.labels} == {"challengers"}


def test_events_and_abstract_goods_are_no_labels() -> None:
    found = framing("Thousands of protesters joined the protests and rallies in the capital. "
                    "They demanded their liberties back and said the lessons of 1989 were "
                    "forgotten.")
    labels = {u.label for u in found.labels}
    assert "protester" in labels
    assert not labels & {"protest", "rally", "liberty", "lesson"}


def test_singular_collectives_are_labels() -> None:
    found = framing("The caravan reached the border at dawn. A crowd gathered at the gate, "
                    "and the mob attacked a truck.")
    labels = {u.text: u.label for u in found.labels}
    assert labels == {"caravan": "caravan", "crowd": "crowd", "mob": "mob"}
    caravan = next(u for u in found.labels if u.label == "caravan")
    assert (caravan.group, caravan.voice) == ("other", Voice.OWN)
