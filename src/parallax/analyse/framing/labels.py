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
- `authorities`: the people who govern: officials, the authorities. Kept apart from the
  forces they command and from the citizens they govern, which an embedding alone would
  join to them ("the authorities" is close to "the citizens").
- `civilians`: citizens, civilians, residents.

Beyond the lexicon, any plural common noun that ends its noun phrase and denotes people
(`people`: "migrants", "aliens", "farmers") is a label of role `other`, stance `unrated`,
with the words before it in its phrase ("illegal" aliens) as its modifiers; so is a plural
nationality or party ("Democrats"). Singular nouns are labels only from the lexicon: besides
the collectives above ("the crowd", "the mob"), nouns for a body of people moving or acting
together ("the caravan", "a militia") are labels of role `other`, grouped by `actors` like
discovered ones. Which labels name the same actors across the compared
articles is decided by `actors`. How well labels and actors follow the actor chains annotated
in NewsWCL50 is measured by `eval/newswcl_labels.py` (docs/evaluation.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from parallax.align.embed import Encoder
from parallax.analyse.framing.people import people_nouns
from parallax.annotate.languages import spacy_pipeline
from parallax.types import Entity, Sentence, Token

__all__ = ["LEXICON", "LabelSense", "Occurrence", "find_labels"]


@dataclass(frozen=True, slots=True)
class LabelSense:
    """What a label says about the actors it names."""

    label: str  # the canonical singular noun
    role: str  # "challengers", "state forces", "authorities", "civilians" or "other"
    stance: str  # "delegitimising", "neutral", "sympathetic" or "unrated"


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
    **_senses("authorities", "neutral", "authority official"),
    **_senses("civilians", "neutral", "civilian citizen resident"),
    **_senses("other", "unrated",
              "caravan convoy throng horde gang militia delegation contingent procession "
              "congregation"),
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
    modifiers: str = ""  # the words before it in its noun phrase: "illegal" for "aliens"


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


_PHRASE = frozenset({"NOUN", "PROPN", "ADJ"})


@cache
def _noun_inflection() -> tuple[tuple[tuple[str, str], ...], Mapping[str, Sequence[str]]]:
    """spaCy's English noun lemmatisation: its suffix rules ("ies" → "y") and exceptions
    ("children" → "child"), from the lemmatizer of the pipeline annotate loaded."""
    lookups = spacy_pipeline("en").get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    rules = tuple((old, new) for old, new in lookups.get_table("lemma_rules")["noun"])
    exceptions: Mapping[str, Sequence[str]] = lookups.get_table("lemma_exc")["noun"]
    return rules, exceptions


def _plural(token: Token) -> bool:
    """Whether a token is a plural noun: its lemma is another word that English noun
    inflection leads to from it. A participle or adjective tagged as a noun whose lemma is
    its verb ("battered" → "batter") is not: its lemma names another word, no actors."""
    word, lemma = token.text.lower(), token.lemma.lower()
    if word == lemma or not lemma.isalpha():
        return False
    rules, exceptions = _noun_inflection()
    return lemma in exceptions.get(word, ()) or any(
        word.endswith(old) and word[:len(word) - len(old)] + new == lemma for old, new in rules)


_OWN_LEMMA = frozenset({"media"})
"""Plurals that are a label of their own: "the media" are no group of "medium"s."""


def _candidate(tokens: Sequence[Token], i: int, groups: Sequence[Entity]) -> str | None:
    """The lemma of a plural noun ending its phrase, or of a plural group's name."""
    token = tokens[i]
    if not _plural(token) or len(token.lemma) < 3:
        return None
    word = token.text.lower()
    lemma = word if word in _OWN_LEMMA else token.lemma.lower()
    if any(e.start <= token.start < e.end for e in groups):
        return lemma
    last = i + 1 == len(tokens) or tokens[i + 1].pos not in {"NOUN", "PROPN"}
    return lemma if token.pos == "NOUN" and last else None


def _modifiers(tokens: Sequence[Token], i: int) -> str:
    first = i
    while first > 0 and tokens[first - 1].pos in _PHRASE:
        first -= 1
    return " ".join(t.text.lower() for t in tokens[first:i])


def find_labels(sentences: Sequence[Sentence], entities: Sequence[Entity] = (), *,
                encoder: Encoder) -> list[Occurrence]:
    """Every actor label of an article's (or a headline's) sentences, in text order: the
    lexicon's and other nouns for people, words of names such as laws and events left out."""
    groups = [e for e in entities if e.label == "NORP"]
    hits: list[tuple[Sentence, int, LabelSense | str]] = []
    for sentence in sentences:
        for i, token in enumerate(sentence.tokens):
            sense = _sense(token)
            lemma = _candidate(sentence.tokens, i, groups) if sense is None else None
            hit = sense or lemma
            if hit and not _in_a_name(token, entities):
                hits.append((sentence, i, hit))
    people = people_nouns((h for _, _, h in hits if isinstance(h, str)), encoder)
    people |= {h for s, i, h in hits if isinstance(h, str)
               and any(e.start <= s.tokens[i].start < e.end for e in groups)}
    found = []
    for sentence, i, hit in hits:
        if isinstance(hit, str):
            if hit not in people:
                continue
            hit = LabelSense(hit, "other", "unrated")
        token = sentence.tokens[i]
        found.append(Occurrence(token.start, token.end, token.text, hit, sentence.index,
                                _modifiers(sentence.tokens, i)))
    return found
