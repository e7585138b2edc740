"""Actors: which labels of the compared articles name the same people.

Labels are grouped by average-link clustering of their phrases' MiniLM embeddings: a label is
represented by its most used phrase ("undocumented immigrants", "illegal aliens"), so shared
modifiers pull labels together as well as the nouns' meaning. Two labels of one lemma are one
label already. The curated lexicon's roles stay binding: its labels of one role are one actor
("terrorists" and "protesters" are the same crowd, named two ways) and labels of two of its
roles never join. A group is named after its most used label. `SAME_ACTORS` is calibrated on
NewsWCL50's actor chains (`eval/newswcl_labels.py`, docs/evaluation.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from parallax.align.embed import default_encoder
from parallax.analyse.framing.labels import Occurrence

__all__ = ["SAME_ACTORS", "actor_names"]

SAME_ACTORS = 0.4
"""The least average cosine similarity of two groups of labels that name the same actors."""

_LEXICON_ROLES = frozenset({"challengers", "state forces", "civilians"})


def _phrase(uses: Counter[str], label: str) -> str:
    return uses.most_common(1)[0][0] if uses else label


def actor_names(occurrences: Sequence[Occurrence], *,
                threshold: float = SAME_ACTORS) -> dict[str, str]:
    """Label → the name of the actors it refers to, for every label of `occurrences`; labels
    join while their groups' average similarity is at least `threshold`."""
    counts = Counter(o.sense.label for o in occurrences)
    labels = sorted(counts)
    if len(labels) < 2:
        return {label: label for label in labels}
    phrases: dict[str, Counter[str]] = defaultdict(Counter)
    roles = {o.sense.label: o.sense.role for o in occurrences}
    for o in occurrences:
        phrases[o.sense.label][f"{o.modifiers} {o.text}".strip().lower()] += 1
    vectors = default_encoder().encode([_phrase(phrases[label], label) for label in labels])
    distance = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0)
    for i, a in enumerate(labels):
        for j, b in enumerate(labels):
            if roles[a] in _LEXICON_ROLES and roles[b] in _LEXICON_ROLES:
                distance[i, j] = 0.0 if roles[a] == roles[b] else 2.0
    np.fill_diagonal(distance, 0.0)
    clusters = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average",
        distance_threshold=1.0 - threshold).fit_predict(distance)
    members: dict[int, list[str]] = defaultdict(list)
    for label, cluster in zip(labels, clusters, strict=True):
        members[int(cluster)].append(label)
    names = {}
    for group in members.values():
        name = max(group, key=lambda label: (counts[label], label))
        names.update({label: name for label in group})
    return names
