"""Cross-article consistency of entity labels.

A statistical tagger labels each mention on its own, so the same name can come out as a
PERSON in one sentence and an ORG in the next ("Kassym-Jomart Tokayev", "Almaty" in the
seed pair), or not at all ("CSTO" in one report, tagged in the other). Within one
comparison a name denotes one thing, so every mention of a name takes the label that most
of its mentions, across all compared articles, received; a multi-word name also counts the
votes of its final word used alone ("Tokayev" for "Kassym-Jomart Tokayev"), which is how
news text refers back to people. Then, like an entity ruler fed by the compared articles,
each name found anywhere is looked up in every article and its untagged occurrences added.
A name that follows a personal honorific or title anywhere ("Mr. Grimm", "Rep. Michael
Grimm") is a PERSON whatever the votes: the small model tags some surnames as ORG in every
mention.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from parallax.types import AnnotatedArticle, Entity

A = TypeVar("A", bound=AnnotatedArticle)

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})

_HONORIFIC = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Rev|Prof|Congressman|Congresswoman|Senator)\.?\s+$")
_LEADING_ARTICLE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
# A name worth looking up elsewhere: capitalised words, at least two characters in all.
_LOOKS_LIKE_NAME = re.compile(r"[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*")


def display_name(text: str) -> str:
    """A name as shown: single-spaced, without a leading 'the' or a possessive 's."""
    return _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", " ".join(text.split())))


def name_key(text: str) -> str:
    """The comparable form of a name: its display form, case-folded."""
    return display_name(text).casefold()


def _last_word(key: str) -> str | None:
    words = key.split()
    return words[-1] if len(words) > 1 else None


def harmonise_entity_labels(articles: Sequence[A]) -> list[A]:
    """The same articles with each name's mentions relabelled to its majority label."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    titled: set[str] = set()  # names that follow an honorific somewhere
    for article in articles:
        text = article.article.text
        for entity in article.entities:
            if entity.label in NAME_LABELS:
                votes[name_key(entity.text)][entity.label] += 1
                if _HONORIFIC.search(text[max(0, entity.start - 16):entity.start]):
                    titled.add(name_key(entity.text))

    def best_label(entity: Entity) -> str:
        if entity.label not in NAME_LABELS:
            return entity.label
        key = name_key(entity.text)
        last = _last_word(key)
        if titled & {key, last or key}:
            return "PERSON"
        tally = Counter(votes[key])
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


def _sentence_at(article: AnnotatedArticle, offset: int) -> int | None:
    for sentence in article.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.index
    return None


def recover_missed_mentions(articles: Sequence[A]) -> list[A]:
    """The same articles with untagged occurrences of names tagged elsewhere added."""
    known: dict[str, str] = {}
    for article in articles:
        for entity in article.entities:
            text = " ".join(entity.text.split())
            name = display_name(text)
            if entity.label in NAME_LABELS and len(name) >= 2 and _LOOKS_LIKE_NAME.fullmatch(name):
                known.setdefault(name, entity.label)
    if not known:
        return list(articles)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(known, key=len, reverse=True))
        + r")(?![\w-])"
    )
    result = []
    for article in articles:
        covered = [(e.start, e.end) for e in article.entities]
        added = []
        for match in pattern.finditer(article.article.text):
            start, end = match.span()
            if any(s < end and start < e for s, e in covered):
                continue
            sentence = _sentence_at(article, start)
            if sentence is not None:
                added.append(Entity(start, end, match[0], known[match[0]], sentence))
        entities = tuple(sorted((*article.entities, *added), key=lambda e: e.start))
        result.append(replace(article, entities=entities))
    return result
