"""Which nouns outside the label lexicon denote people (MiniLM word embeddings)."""

from __future__ import annotations

from helpers.models import encoder

from parallax.analyse.framing.people import people_nouns


def test_groups_of_people_pass_and_things_do_not() -> None:
    people = ["migrant", "farmer", "teacher", "refugee", "voter"]
    things = ["politic", "prediction", "building", "price", "economy"]
    assert people_nouns(people + things, encoder()) == set(people)


def test_what_people_do_say_or_owe_is_never_people() -> None:
    assert people_nouns(["insurrection", "riot", "duty", "ranting", "remark"], encoder()) == set()
