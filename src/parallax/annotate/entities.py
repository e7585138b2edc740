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

Before all that, a capital letter alone makes no name: the small model tags a common word
that opens a sentence as a PERSON or ORG ("“Compromise was reached through dialogue.”",
"Schools will close"). A one-word PERSON or ORG (title case) that opens its sentence is
dropped when the compared articles never capitalise it elsewhere (a name keeps its capital
mid-sentence) and it is a common word: written in lower case in the articles, or a word
of the dictionary (spaCy's English lemma index) as frequent in English as `COMMON_ZIPF`
says (wordfreq) and no given name (the `nicknames` package: "Ryan", "Mark").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from typing import TypeVar

from nicknames import NickNamer
from wordfreq import zipf_frequency

from parallax.annotate.languages import spacy_pipeline
from parallax.types import AnnotatedArticle, Entity, Sentence

A = TypeVar("A", bound=AnnotatedArticle)

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})

_NO_COMMON_WORDS = frozenset({"PERSON", "ORG"})
"""Labels a capitalised common word must not get: people and organisations. A place, a
nationality or a party ("Democrats", "American") is capitalised wherever it stands."""
_HONORIFIC = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Rev|Prof|Congressman|Congresswoman|Senator)\.?\s+$")
_LEADING_ARTICLE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
# A name worth looking up elsewhere: capitalised words, at least two characters in all.
_LOOKS_LIKE_NAME = re.compile(r"[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*")


COMMON_ZIPF = 4.0
"""The Zipf frequency (wordfreq, English) from which a word that opens a sentence, and is
never capitalised elsewhere, is taken for a common word rather than a name: about once in
10,000 words ("compromise" 4.15, "schools" 5.05; "Pelosi" 3.36, "Kerry" 3.85). Checked on
the seed pair (only "Compromise" is dropped, tests/annotate/test_entities.py) and the first
8 BASIL triplets (24 articles: only an ORG "Defense" of "Defense Secretary Ash Carter"):
chosen by hand, not calibrated on a data set."""


def display_name(text: str) -> str:
    """A name as shown: single-spaced, without a leading 'the' or a possessive 's."""
    return _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", " ".join(text.split())))


def name_key(text: str) -> str:
    """The comparable form of a name: its display form, case-folded."""
    return display_name(text).casefold()


@cache
def _nicknamer() -> NickNamer:
    return NickNamer()


def is_nickname(nickname: str, name: str) -> bool:
    """Whether a given name is a known nickname of another ("chuck" of "charles", "bill" of
    "william"), case-insensitive, from the curated list of the `nicknames` package."""
    return nickname.casefold() in _nicknamer().nicknames_of(name)


def words_fit(short: Iterable[str], full: Iterable[str]) -> bool:
    """Whether every word of a name is a word of another, or a nickname of one of its words
    ("chuck schumer" fits "charles e. schumer")."""
    words = list(full)
    return all(w in words or any(is_nickname(w, v) for v in words) for w in short)


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


def _opening_words(sentence: Sentence) -> tuple[int, int]:
    """Where the first word of a sentence starts and ends, after quotation marks and other
    punctuation; (-1, -1) for a sentence with no word."""
    for token in sentence.tokens:
        if any(c.isalnum() for c in token.text):
            return token.start, token.end
    return -1, -1


@cache
def _dictionary_words() -> frozenset[str]:
    """The nouns, verbs, adjectives and adverbs of spaCy's English lemmatizer index (from
    WordNet), lower case: the words a dictionary lists, many names among them."""
    lookups = spacy_pipeline("en").get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index[pos])


@cache
def _given_names() -> frozenset[str]:
    """English given names and their nicknames (the `nicknames` package): names, however
    common the word ("Mark", "Will")."""
    lookup = _nicknamer().nickname_lookup
    return frozenset({*lookup, *(n for names in lookup.values() for n in names)})


def drop_capitalised_common_words(articles: Sequence[A]) -> list[A]:
    """The same articles without the one-word names that are a common word capitalised only
    because it opens its sentence (see the module docstring)."""
    openers: dict[tuple[str, int], str] = {}  # (article id, start of a first word): its lemma
    capitalised: set[str] = set()  # words written with a capital past a sentence's start
    lower: set[str] = set()  # words written in lower case
    for article in articles:
        for sentence in article.sentences:
            first = _opening_words(sentence)
            for token in sentence.tokens:
                if token.start == first[0]:
                    openers[article.id, first[0]] = token.lemma.lower()
                if token.text.islower():
                    lower.add(token.text)
                elif token.text[:1].isupper() and token.start != first[0]:
                    capitalised.add(token.text)

    def common(article: AnnotatedArticle, entity: Entity) -> bool:
        word = entity.text
        if not (entity.label in _NO_COMMON_WORDS and word.isalpha() and word.istitle()
                and (article.id, entity.start) in openers and word not in capitalised):
            return False
        lowered = word.lower()
        lemma = openers[article.id, entity.start]  # "school" of "Schools"
        return lowered in lower or (zipf_frequency(lowered, "en") >= COMMON_ZIPF
                                    and bool({lowered, lemma} & _dictionary_words())
                                    and lowered not in _given_names())

    return [replace(a, entities=tuple(e for e in a.entities if not common(a, e)))
            for a in articles]


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
