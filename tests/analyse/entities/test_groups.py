"""Entities merged across articles: acronyms, surnames, counts per source."""

from __future__ import annotations

import pytest

import parallax
from parallax.analyse.entities.groups import acronym_of, entity_groups
from parallax.annotate import annotate
from parallax.types import AnnotatedArticle, Article, Entity, EntityGroup


def group_named(groups: list[EntityGroup], alias: str) -> EntityGroup:
    for group in groups:
        if alias == group.name or alias in group.aliases:
            return group
    raise AssertionError(f"no entity group named {alias!r}: {[g.name for g in groups]}")


@pytest.fixture(scope="module")
def seed_groups(seed_dir) -> list[EntityGroup]:  # type: ignore[no-untyped-def]
    articles = [parallax.load(p) for p in sorted(seed_dir.glob("*.txt"))]
    return entity_groups(annotate(articles))


def test_acronym_and_full_name_are_one_organisation(seed_groups: list[EntityGroup]) -> None:
    csto = group_named(seed_groups, "CSTO")
    assert csto.name == "Collective Security Treaty Organization"
    assert csto.label == "ORG"
    assert len(csto.sources) == 2  # 000 says "CSTO" only, 001 both forms


def test_surname_and_full_name_are_one_person(seed_groups: list[EntityGroup]) -> None:
    tokayev = group_named(seed_groups, "Tokayev")
    assert tokayev.name == "Kassym-Jomart Tokayev"
    assert tokayev.label == "PERSON"
    assert all(n >= 5 for n in tokayev.mentions.values())


def test_forms_of_one_name_are_one_person_and_two_first_names_two() -> None:
    names = ["Michael Grimm", "Michael G. Grimm", "Grimm", "Bill Clinton", "Hillary Clinton",
             "Clinton"]
    text = " / ".join(names)
    entities, offset = [], 0
    for name in names:
        entities.append(Entity(offset, offset + len(name), name, "PERSON", 0))
        offset += len(name) + 3
    article = AnnotatedArticle(Article(id="a", text=text, source="a"), "en", (), tuple(entities))
    groups = {g.name: sorted(g.aliases) for g in entity_groups([article])}
    assert groups["Michael G. Grimm"] == ["Grimm", "Michael Grimm"]
    assert {"Bill Clinton", "Hillary Clinton", "Clinton"} <= groups.keys()


def test_a_nickname_and_its_given_name_are_one_person() -> None:
    names = ["Chuck Schumer", "Charles E. Schumer", "Schumer", "Charles Schumer"]
    text = " / ".join(names)
    entities, offset = [], 0
    for name in names:
        entities.append(Entity(offset, offset + len(name), name, "PERSON", 0))
        offset += len(name) + 3
    article = AnnotatedArticle(Article(id="a", text=text, source="a"), "en", (), tuple(entities))
    groups = {g.name: sorted(g.aliases) for g in entity_groups([article])}
    assert groups == {"Charles E. Schumer": ["Charles Schumer", "Chuck Schumer", "Schumer"]}


def test_entities_only_one_source_names(seed_groups: list[EntityGroup]) -> None:
    only_001 = {g.name for g in seed_groups if len(g.sources) == 1}
    assert {"China", "Uzbekistan", "Turkiye", "UN"} <= only_001
    assert "Kazakhstan" not in only_001


def test_groups_are_ordered_by_mentions(seed_groups: list[EntityGroup]) -> None:
    totals = [sum(g.mentions.values()) for g in seed_groups]
    assert totals == sorted(totals, reverse=True)
    assert len({g.id for g in seed_groups}) == len(seed_groups)


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("Collective Security Treaty Organization", "CSTO"),
        ("Committee of National Security", "CNS"),
        ("United Nations", "UN"),
        ("Almaty", ""),
    ],
)
def test_acronym_of(name: str, acronym: str) -> None:
    assert acronym_of(name) == acronym


def test_no_entities_no_groups() -> None:
    article = parallax.load_text("it was quiet all day and nothing at all happened there.",
                                 source="x", title="t")
    assert entity_groups(annotate([article])) == []
