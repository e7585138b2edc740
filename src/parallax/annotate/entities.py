"""Cross-article consistency of entity labels.

A statistical tagger labels each mention on its own, so the same name can come out as a
PERSON in one sentence and an ORG in the next ("Kassym-Jomart Tokayev", "Almaty" in the
seed pair). Within one comparison a name denotes one thing, so every mention of a name
takes the label that most of its mentions, across all compared articles, received. A
multi-word name also counts the votes of its final word used alone ("Tokayev" for
"Kassym-Jomart Tokayev"), which is how news text refers back to people.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from parallax.types import AnnotatedArticle, Entity

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})

_LEADING_ARTICLE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")


def name_key(text: str) -> str:
    """The comparable form of a name: case-folded, without a leading 'the' or possessive."""
    text = _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", " ".join(text.split())))
    return text.casefold()


def _last_word(key: str) -> str | None:
    words = key.split()
    return words[-1] if len(words) > 1 else None


def harmonise_entity_labels(articles: Sequence[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """The same articles with each name's mentions relabelled to its majority label."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for entity in article.entities:
            if entity.label in NAME_LABELS:
                votes[name_key(entity.text)][entity.label] += 1

    def best_label(entity: Entity) -> str:
        if entity.label not in NAME_LABELS:
            return entity.label
        key = name_key(entity.text)
        tally = Counter(votes[key])
        last = _last_word(key)
        if last is not None and last in votes:
            tally.update(votes[last])
        ranked = tally.most_common(2)
        if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
            return entity.label  # a tie is no evidence either way
        return ranked[0][0]

    return [
        replace(a, entities=tuple(replace(e, label=best_label(e)) for e in a.entities))
        for a in articles
    ]
