"""Actor grouping: the lexicon's roles as a prior, and the articles' evidence over it."""

from __future__ import annotations

from helpers.models import encoder

from parallax.analyse.framing.actors import actor_names
from parallax.analyse.framing.coreference import Evidence
from parallax.analyse.framing.labels import LEXICON, LabelSense, Occurrence


def uses(*words: str) -> list[Occurrence]:
    """One occurrence of each word, with its lexicon sense (or an unrated one)."""
    return [Occurrence(0, len(w), w, LEXICON.get(w, LabelSense(w, "other", "unrated")), 0)
            for w in words]


def test_neutral_and_delegitimising_labels_of_one_role_are_one_actor() -> None:
    names = actor_names(uses("terrorist", "protester", "bandit", "police"), encoder=encoder())
    assert names["terrorist"] == names["protester"] == names["bandit"] != names["police"]


def test_sympathetic_and_delegitimising_labels_are_two_actors() -> None:
    names = actor_names(uses("terrorist", "bandit", "activist", "defender"), encoder=encoder())
    assert names["activist"] == names["defender"] != names["terrorist"]


def test_evidence_joins_stances_but_never_two_roles() -> None:
    evidence = Evidence({("activist", "terrorist"), ("police", "terrorist")}, set())
    names = actor_names(uses("terrorist", "activist", "police"), encoder=encoder(),
                        evidence=evidence)
    assert names["activist"] == names["terrorist"] != names["police"]


def test_evidence_of_two_actors_keeps_similar_labels_apart() -> None:
    words = ("migrant", "immigrant", "supporter")
    assert len(set(actor_names(uses(*words), encoder=encoder(), threshold=0.1).values())) == 1
    apart = Evidence(set(), {("immigrant", "supporter"), ("migrant", "supporter")})
    names = actor_names(uses(*words), encoder=encoder(), threshold=0.1, evidence=apart)
    assert names["migrant"] == names["immigrant"] != names["supporter"]


def test_evidence_of_one_actor_joins_distant_labels() -> None:
    assert len(set(actor_names(uses("caravan", "seeker"), encoder=encoder()).values())) == 2
    names = actor_names(uses("caravan", "seeker"), encoder=encoder(),
                        evidence=Evidence({("caravan", "seeker")}, set()))
    assert names["caravan"] == names["seeker"]
