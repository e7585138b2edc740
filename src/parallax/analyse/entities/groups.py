"""Entities across articles: one group per person, organisation or place, however named.

Mentions are grouped by their comparable form (`name_key`), then groups are joined when
one name is the acronym of another ("CSTO" / "Collective Security Treaty Organization")
or a person's surname used alone stands for exactly one full name ("Tokayev" /
"Kassym-Jomart Tokayev"); full names of one surname join when their given names are one
name or a known nickname of it ("Chuck Schumer" / "Charles E. Schumer").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from parallax.annotate.entities import NAME_LABELS, display_name, name_key, words_fit
from parallax.types import AnnotatedArticle, Entity, EntityGroup

# Words an acronym leaves out: "Committee of National Security" → "CNS".
_ACRONYM_SKIPS = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la"})
_ACRONYM_LENGTHS = range(2, 8)


def acronym_of(name: str) -> str:
    """The initials of a multi-word name, skipping function words, upper-cased."""
    words = [w for w in name.replace("-", " ").split() if w.casefold() not in _ACRONYM_SKIPS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper() if len(words) > 1 else ""


class _Keys:
    """Union-find over name keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _join_acronyms(keys: _Keys, forms: dict[str, Counter[str]]) -> None:
    expansions: dict[str, list[str]] = defaultdict(list)
    for key, texts in forms.items():
        expansion = acronym_of(texts.most_common(1)[0][0])
        if expansion:
            expansions[expansion].append(key)
    for key, texts in forms.items():
        text = texts.most_common(1)[0][0]
        if text.isupper() and len(text) in _ACRONYM_LENGTHS and len(expansions[text]) == 1:
            keys.join(key, expansions[text][0])


def _join_surnames(keys: _Keys, labels: dict[str, Counter[str]]) -> None:
    people = {k for k, votes in labels.items() if votes.most_common(1)[0][0] == "PERSON"}
    full_names: dict[str, list[str]] = defaultdict(list)
    for key in people:
        if len(key.split()) > 1:
            full_names[key.split()[-1]].append(key)
    for surname, names in full_names.items():
        fullest = max(names, key=lambda n: len(n.split()))
        if all(words_fit(name.split(), fullest.split())
               or words_fit(fullest.split(), name.split()) for name in names):
            # "Michael Grimm" and "Michael G. Grimm" are one person, so are "Chuck Schumer"
            # and "Charles Schumer" (a known nickname); two first names are not
            for name in names:
                keys.join(name, fullest)
            if surname in people:
                keys.join(surname, fullest)


def _canonical_name(texts: Counter[str]) -> str:
    # The most complete form: most words, then most frequent, then alphabetical.
    return min(texts, key=lambda t: (-len(t.split()), -texts[t], t))


def entity_groups(articles: Sequence[AnnotatedArticle]) -> list[EntityGroup]:
    """The named people, organisations and places of the articles, merged across them,
    most mentioned first."""
    mentions: list[tuple[str, Entity]] = [
        (a.id, e) for a in articles for e in a.entities if e.label in NAME_LABELS
    ]
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for _, entity in mentions:
        key = name_key(entity.text)
        if key:
            forms[key][display_name(entity.text)] += 1
            labels[key][entity.label] += 1
    keys = _Keys()
    for key in forms:
        keys.find(key)
    _join_acronyms(keys, forms)
    _join_surnames(keys, labels)

    texts: dict[str, Counter[str]] = defaultdict(Counter)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for article_id, entity in mentions:
        key = name_key(entity.text)
        if not key:
            continue
        root = keys.find(key)
        texts[root][display_name(entity.text)] += 1
        votes[root][entity.label] += 1
        counts[root][article_id] += 1
    order = [a.id for a in articles]
    roots = sorted(texts, key=lambda r: (-sum(counts[r].values()), _canonical_name(texts[r])))
    groups = []
    for number, root in enumerate(roots, 1):
        name = _canonical_name(texts[root])
        groups.append(EntityGroup(
            id=f"e{number}",
            name=name,
            label=votes[root].most_common(1)[0][0],
            aliases=tuple(sorted(t for t in texts[root] if t != name)),
            mentions={a: counts[root][a] for a in order if counts[root][a]},
        ))
    return groups
