"""Actor grouping with the articles' own coreference evidence and the lexicon as a prior."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.models import encoder

import parallax
from parallax.analyse.framing import framing_of
from parallax.analyse.framing.coreference import label_evidence
from parallax.analyse.framing.labels import find_labels
from parallax.analyse.quotes.extract import extract_many
from parallax.annotate import annotate
from parallax.types import Framing


def evidence(text: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    article = annotate([parallax.load_text(text, source="s")])[0]
    said = label_evidence(article.sentences, find_labels(article.sentences, article.entities,
                                                         encoder=encoder()))
    return said.same, said.distinct


def actors(*texts: str) -> dict[str, str]:
    articles = annotate([parallax.load_text(t, source=f"s{i}") for i, t in enumerate(texts)])
    found: Framing = framing_of(articles, [q for qs in extract_many(articles) for q in qs],
                                  encoder=encoder())
    return {u.label: u.actor for u in found.labels}


@pytest.mark.parametrize(("text", "pair"), [
    ("A caravan of hundreds of Central American migrants reached the border.",
     ("caravan", "migrant")),
    ("Members of the caravan gathered in a park.", ("caravan", "member")),
    ("Many of the migrants in the caravan fled violence.", ("caravan", "migrant")),
    ("Lawyers are telling caravan participants what to expect.", ("caravan", "participant")),
    ("The marchers are asylum seekers from Honduras.", ("marcher", "seeker")),
    ("He condemned the protesters, whom he called terrorists.", ("protester", "terrorist")),
])
def test_an_article_that_equates_two_labels_is_evidence(text: str,
                                                        pair: tuple[str, str]) -> None:
    same, _ = evidence(text)
    assert pair in same


@pytest.mark.parametrize(("text", "pair"), [
    ("Supporters of the migrant caravan gathered at the fence.", ("caravan", "supporter")),
    ("The migrants and their supporters sang.", ("migrant", "supporter")),
])
def test_an_article_that_tells_two_labels_apart_is_evidence(text: str,
                                                            pair: tuple[str, str]) -> None:
    same, distinct = evidence(text)
    assert pair in distinct and pair not in same


@pytest.mark.parametrize(("text", "pair"), [
    ("Migrants, refugees and asylum seekers waited at the gate.", ("migrant", "refugee")),
    ("The leaders' offices, officials said, were closed.", ("office", "official")),
    ("The marchers are not criminals, the mayor said.", ("criminal", "marcher")),
    ("Officials who called the protesters terrorists were criticised.",
     ("official", "protester")),
])
def test_lists_negations_and_namers_are_no_evidence_of_one_actor(
        text: str, pair: tuple[str, str]) -> None:
    same, _ = evidence(text)
    assert pair not in same


def test_the_caravan_is_the_migrants_across_articles() -> None:
    names = actors("A caravan of Central American migrants reached the border on Sunday.",
                   "The caravan waited in Tijuana. Supporters of the caravan sang.",
                   "The migrants asked for asylum, and their supporters cheered.")
    assert names["caravan"] == names["migrant"]
    assert names["supporter"] != names["caravan"]


def test_sympathetic_labels_join_the_crowd_only_by_their_words() -> None:
    names = actors("Terrorists attacked the city hall, the president said.",
                   "Protesters gathered at the city hall. Human rights defenders were arrested.")
    assert names["terrorist"] == names["protester"] != names["defender"]


def test_seed_activists_are_not_the_terrorists(seed_dir: Path) -> None:
    names = actors(*(p.read_text(encoding="utf-8") for p in sorted(seed_dir.glob("00*.txt"))))
    assert names["terrorist"] == names["militant"] == names["bandit"] == names["protester"]
    assert names["activist"] != names["terrorist"]
    assert names["police"] != names["terrorist"] != names["citizen"]
    assert names["authority"] == names["official"] != names["citizen"]


def test_an_article_that_names_activists_terrorists_makes_them_one_actor() -> None:
    names = actors("The president condemned the activists, whom he called terrorists.",
                   "Human rights activists were arrested on Monday.")
    assert names["activist"] == names["terrorist"]
