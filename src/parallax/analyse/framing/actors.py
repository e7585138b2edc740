"""Actors: which labels of the compared articles name the same people.

Labels are grouped by average-link clustering of their phrases' MiniLM embeddings: a label is
represented by its most used phrase ("undocumented immigrants", "illegal aliens"), so shared
modifiers pull labels together as well as the nouns' meaning. Two labels of one lemma are one
label already. Two labels an article itself equates (`coreference`: "a caravan of migrants",
"members of the caravan") are as one. The curated lexicon's roles are a prior: labels of two
of its roles never join, and its labels of one role are one actor ("terrorists" and
"protesters" are the same crowd, named two ways), except that a sympathetic label is never
one actor with a delegitimising one ("human rights defenders" are not the crowd called
"terrorists") and joins a neutral one ("protesters") only as other labels do. Only an
article's own evidence ("activists, whom he called terrorists") overrides the stances; none
joins two roles. A group is named after its most used label. `SAME_ACTORS` is
calibrated on NewsWCL50's actor chains (`eval/newswcl_labels.py`, docs/evaluation.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from parallax.align.embed import Encoder
from parallax.analyse.framing.coreference import Evidence, label_evidence
from parallax.analyse.framing.labels import LabelSense, Occurrence
from parallax.types import AnnotatedArticle

__all__ = ["SAME_ACTORS", "actor_names", "actors_of"]

SAME_ACTORS = 0.4
"""The least average cosine similarity of two groups of labels that name the same actors.
Calibrated on NewsWCL50 (eval/newswcl_labels.py): pairwise grouping F1 0.81 at 0.4 (P 0.75,
R 0.89; 0.5 gives 0.55), 0.81 held out by event."""

_LEXICON_ROLES = frozenset({"challengers", "state forces", "authorities", "civilians"})


def _phrase(uses: Counter[str], label: str) -> str:
    return uses.most_common(1)[0][0] if uses else label


def _prior(a: LabelSense, b: LabelSense) -> float | None:
    """The distance the lexicon sets between two labels, None where it leaves it to their
    phrases."""
    if a.role not in _LEXICON_ROLES or b.role not in _LEXICON_ROLES:
        return None
    if a.role != b.role:
        return 2.0
    stances = {a.stance, b.stance}
    if "sympathetic" not in stances or stances == {"sympathetic"}:
        return 0.0
    return 2.0 if "delegitimising" in stances else None


def _two_roles(a: LabelSense, b: LabelSense) -> bool:
    return a.role != b.role and {a.role, b.role} <= _LEXICON_ROLES


def actor_names(occurrences: Sequence[Occurrence], *, encoder: Encoder,
                threshold: float = SAME_ACTORS,
                evidence: Evidence | None = None) -> dict[str, str]:
    """Label → the name of the actors it refers to, for every label of `occurrences`; labels
    join while their groups' average similarity is at least `threshold`; the articles'
    `evidence` (`coreference`) makes a pair as if identical, or as far apart as can be."""
    counts = Counter(o.sense.label for o in occurrences)
    labels = sorted(counts)
    if len(labels) < 2:
        return {label: label for label in labels}
    phrases: dict[str, Counter[str]] = defaultdict(Counter)
    senses = {o.sense.label: o.sense for o in occurrences}
    for o in occurrences:
        phrases[o.sense.label][f"{o.modifiers} {o.text}".strip().lower()] += 1
    vectors = encoder.encode([_phrase(phrases[label], label) for label in labels])
    distance = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0)
    for i, a in enumerate(labels):
        for j, b in enumerate(labels):
            prior = _prior(senses[a], senses[b])
            distance[i, j] = distance[i, j] if prior is None else prior
    index = {label: i for i, label in enumerate(labels)}
    if evidence is not None:  # the articles' word over the lexicon's, but for its roles
        for pairs, value in ((evidence.distinct, 2.0), (evidence.same - evidence.distinct, 0.0)):
            for a, b in pairs:
                if a in index and b in index and not _two_roles(senses[a], senses[b]):
                    distance[index[a], index[b]] = distance[index[b], index[a]] = value
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


def actors_of(found: Sequence[tuple[AnnotatedArticle, Sequence[Occurrence]]], *,
              encoder: Encoder, threshold: float = SAME_ACTORS) -> dict[str, str]:
    """Label → actor name over the compared articles, each with the labels found in it, with
    the coreference evidence of every article."""
    evidence = Evidence(set(), set())
    for article, occurrences in found:
        said = label_evidence(article.sentences, occurrences)
        evidence.same.update(said.same)
        evidence.distinct.update(said.distinct)
    return actor_names([o for _, occurrences in found for o in occurrences],
                       encoder=encoder, threshold=threshold, evidence=evidence)
