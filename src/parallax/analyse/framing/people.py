"""Whether a noun denotes people: a nearest-prototype decision on MiniLM word embeddings.

A noun the curated lexicon (`labels.LEXICON`) does not know names actors when its embedding
(all-MiniLM-L6-v2, `align.embed`) lies nearer to nouns for people and groups of people
(`PEOPLE`: "people", "workers", "immigrants", "officials"…) than to nouns for anything else
(`THINGS`: places, objects, events, ideas, amounts, time) by at least `MARGIN`. The
prototypes are generic, chosen for no story; `MARGIN` is calibrated on the nouns of
NewsWCL50's actor chains against its other nouns (`eval/newswcl_labels.py`,
docs/evaluation.md). Word embeddings put nouns for what crowds do ("protests", "rallies",
"elections") and for goods of social life ("liberties", "lessons") next to the crowds
themselves, so those nouns (`NOT_PEOPLE`, two closed classes listed by meaning) are never
people. The encoder's own cache keeps each lemma's embedding.
"""

from __future__ import annotations

from collections.abc import Iterable

from parallax.align.embed import Encoder

__all__ = ["MARGIN", "NOT_PEOPLE", "PEOPLE", "THINGS", "people_nouns"]

PEOPLE = ("people", "person", "persons", "men", "women", "children", "group of people",
          "crowd", "workers", "officials", "members", "citizens", "immigrants", "voters",
          "students", "soldiers", "leaders", "supporters", "critics", "residents", "families",
          "experts", "lawmakers", "fighters", "employees", "fans")
THINGS = ("thing", "things", "object", "place", "places", "building", "city", "country",
          "event", "events", "idea", "ideas", "plan", "law", "policy", "money", "amount",
          "number", "time", "day", "year", "weather", "market", "price", "document", "report",
          "word", "statement", "attack", "weapon", "vehicle", "system", "problem", "issue",
          "street", "border", "court", "meeting", "talks", "deal", "program", "rights", "action",
          "activity", "process", "opinion", "feeling", "relationship", "politics", "economy",
          "culture", "news", "story", "data", "results", "forecast", "prediction", "science")
NOT_PEOPLE = frozenset((
    "protest", "rally", "demonstration", "march", "riot", "strike", "uprising", "revolt",
    "unrest", "election", "vote", "referendum", "campaign", "meeting", "gathering", "ceremony",
    "celebration", "funeral", "parade", "insurrection", "insurgency", "rebellion",
    "revolution", "mutiny", "coup",
    "liberty", "freedom", "right", "lesson", "value", "interest", "need", "demand",
    "grievance", "concern", "hope", "duty", "responsibility", "obligation", "role",
    "remark", "comment", "rant", "ranting", "threat", "warning"))
"""Lemmas of collective events, of abstract goods, needs, duties and lessons, and of what
people say: what people do or have, never the people."""
MARGIN = 0.0
"""How much nearer to `PEOPLE` than to `THINGS` a noun must be (cosine similarity).
Checked on 516 NewsWCL50 noun heads (eval/newswcl_labels.py): P / R 0.74 / 0.63 (F1 0.68) at 0,
0.81 / 0.46 at 0.05, 0.57 / 0.76 at -0.05."""

def people_scores(lemmas: Iterable[str], encoder: Encoder) -> dict[str, float]:
    """Each lemma's best similarity to `PEOPLE` minus its best similarity to `THINGS`."""
    words = sorted(set(lemmas))
    if not words:
        return {}
    people, things = encoder.encode(PEOPLE), encoder.encode(THINGS)
    vectors = encoder.encode(words)
    scores = (vectors @ people.T).max(axis=1) - (vectors @ things.T).max(axis=1)
    return dict(zip(words, (float(s) for s in scores), strict=True))


def people_nouns(lemmas: Iterable[str], encoder: Encoder) -> set[str]:
    """The lemmas among `lemmas` that denote people or groups of people."""
    scores = people_scores(set(lemmas) - NOT_PEOPLE, encoder)
    return {word for word, score in scores.items() if score >= MARGIN}
