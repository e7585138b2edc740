"""Actor labels: the words an article uses for groups of people, and the actors they name.

A label is a noun from `LEXICON`, matched by lemma so "terrorist" and "terrorists" are one
label; a noun for what such actors do is the same label ("terrorism" → "terrorist"), since
"crush Terrorism" names the actors as much as "crush the terrorists". Every label names one
role, the actors it designates in a news story of unrest, conflict or crime:

- `challengers`: people acting against the authorities. The same crowd is "protesters",
  "activists", "militants", "bandits" or "terrorists" depending on who speaks; that choice
  is the framing this module shows. Each challenger label carries a stance:
  `delegitimising` (terrorist, bandit, criminal, thug…), `neutral` (protester,
  demonstrator…) or `sympathetic` (activist, dissident…).
- `state forces`: police, army, security forces, peacekeepers.
- `civilians`: citizens, civilians, residents.

Labels of one role are one group across the compared articles. How well roles follow the
actors annotated in NewsWCL50 is measured by `eval/newswcl_labels.py` (docs/evaluation.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parallax.types import Entity, Sentence, Token

__all__ = ["LEXICON", "LabelSense", "Occurrence", "find_labels"]


@dataclass(frozen=True, slots=True)
class LabelSense:
    """What a label says about the actors it names."""

    label: str  # the canonical singular noun
    role: str  # "challengers", "state forces" or "civilians"
    stance: str  # "delegitimising", "neutral" or "sympathetic"


def _senses(role: str, stance: str, words: str) -> dict[str, LabelSense]:
    """Lemma → sense for `words`, each "label" or "lemma=label" (an underscore a space)."""
    senses = {}
    for word in words.split():
        lemma, _, label = word.partition("=")
        senses[lemma] = LabelSense((label or lemma).replace("_", " "), role, stance)
    return senses


LEXICON: dict[str, LabelSense] = {
    **_senses("challengers", "delegitimising",
              "terrorist terrorism=terrorist bandit banditry=bandit militant militancy=militant "
              "criminal murderer thug rioter looter extremist extremism=extremist insurgent "
              "jihadist radical mob gunman vandal hooligan provocateur saboteur separatist "
              "traitor accomplice agitator anarchist attacker assailant invader occupier"),
    **_senses("challengers", "neutral",
              "protester protestor=protester demonstrator marcher crowd rebel opposition "
              "fighter"),
    **_senses("challengers", "sympathetic",
              "activist dissident campaigner defender"),
    **_senses("state forces", "neutral",
              "police policeman=police soldier=army troop=army army military=army "
              "peacekeeper guard enforcement=police forces=security_forces"),
    **_senses("civilians", "neutral", "civilian citizen resident"),
}
"""Actor labels by lemma. Curated for news of unrest and conflict (see the module docstring);
a lemma maps to itself or to the label of its family ("terrorism" → "terrorist")."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One use of an actor label in an article."""

    start: int
    end: int
    text: str
    sense: LabelSense
    sentence: int


_ADJECTIVES = frozenset({"terrorist", "militant", "extremist"})
"""Labels that name the actors' kind as adjectives too ("terrorist attacks"); "radical
Islam" or "criminal case" name no actors."""
_NAMES = frozenset({"LAW", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT"})
"""Entities whose words are a name, not a label; inside any other entity a label is a name
unless it ends it ("the Justice Against Sponsors of Terrorism Act" vs "the National Guard")."""


def _in_a_name(token: Token, entities: Sequence[Entity]) -> bool:
    return any(e.start <= token.start < e.end and (e.label in _NAMES or token.end < e.end)
               for e in entities)


def _sense(token: Token) -> LabelSense | None:
    if token.pos not in {"NOUN", "PROPN", "ADJ"}:
        return None
    word = token.text.lower()
    sense = LEXICON.get(word) if word == "forces" else None  # "force" alone is no actor
    sense = sense or LEXICON.get(token.lemma.lower()) or LEXICON.get(word.rstrip("s"))
    if sense is None or (token.pos == "ADJ" and sense.label not in _ADJECTIVES):
        return None
    if sense.label == "guard" and token.pos != "PROPN" and not word.endswith("s"):
        return None  # "stood guard"; "the National Guard" and "guards" are actors
    return sense


def find_labels(sentences: Sequence[Sentence],
                entities: Sequence[Entity] = ()) -> list[Occurrence]:
    """Every actor label of an article's (or a headline's) sentences, in text order, words
    of names such as laws and events left out."""
    found = []
    for sentence in sentences:
        for token in sentence.tokens:
            sense = _sense(token)
            if sense is not None and not _in_a_name(token, entities):
                found.append(Occurrence(token.start, token.end, token.text, sense,
                                        sentence.index))
    return found
