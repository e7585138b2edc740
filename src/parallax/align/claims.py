"""Group the sentences of several articles into claims: what each says, and who else says it.

For every pair of articles, each sentence is linked to its most likely counterpart in the
other article when the same-claim model is confident enough; linked sentences form one
claim (connected components), so a sentence that merges two sentences of another article
joins both. Every sentence left unlinked is a claim of its own source only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from parallax.align.classifier import SameClaimModel
from parallax.align.features import SentenceSignals, pair_features, signals_of
from parallax.types import AnnotatedArticle, Claim, Relation, Statement

# Pairs below this cosine are never the same claim: on MRPC no pair under 0.30 is a
# paraphrase, and skipping them keeps the classifier off the bulk of an n×m matrix.
COSINE_FLOOR = 0.30
# Each sentence is scored against this many nearest sentences of the other article.
CANDIDATES = 3

_NON_WORD = re.compile(r"[\W_]+")

SentenceRef = tuple[int, int]  # (article position, sentence index)


@dataclass(frozen=True, slots=True)
class Link:
    """A same-claim decision between two sentences of different articles."""

    a: SentenceRef
    b: SentenceRef
    probability: float


def normalised(text: str) -> str:
    """Text compared for identity: case-folded words only."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _candidates(cosines: npt.NDArray[np.float32]) -> set[tuple[int, int]]:
    """Index pairs among each row's and each column's top cosines above the floor."""
    pairs: set[tuple[int, int]] = set()
    k_rows = min(CANDIDATES, cosines.shape[1])
    k_cols = min(CANDIDATES, cosines.shape[0])
    for i, row in enumerate(np.argsort(-cosines, axis=1)[:, :k_rows]):
        pairs.update((i, int(j)) for j in row if cosines[i, j] >= COSINE_FLOOR)
    for j, col in enumerate(np.argsort(-cosines, axis=0)[:k_cols, :].T):
        pairs.update((int(i), j) for i in col if cosines[i, j] >= COSINE_FLOOR)
    return pairs


def link_pair(
    signals_a: Sequence[SentenceSignals], vectors_a: npt.NDArray[np.float32],
    signals_b: Sequence[SentenceSignals], vectors_b: npt.NDArray[np.float32],
    model: SameClaimModel, threshold: float,
) -> list[tuple[int, int, float]]:
    """Links `(i, j, probability)` between two articles' sentences.

    A pair is linked when its probability reaches `threshold` and one sentence is the
    other's best-scoring counterpart, which lets one sentence absorb several others.
    """
    if not len(signals_a) or not len(signals_b):
        return []
    cosines = vectors_a @ vectors_b.T
    pairs = sorted(_candidates(cosines))
    if not pairs:
        return []
    features = np.stack([
        pair_features(signals_a[i], signals_b[j], float(cosines[i, j])) for i, j in pairs
    ])
    probabilities = model.probability(features)
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for (i, j), p in zip(pairs, probabilities, strict=True):
        best_a[i] = max(best_a.get(i, 0.0), float(p))
        best_b[j] = max(best_b.get(j, 0.0), float(p))
    return [
        (i, j, float(p))
        for (i, j), p in zip(pairs, probabilities, strict=True)
        if p >= threshold and (p >= best_a[i] or p >= best_b[j])
    ]


class _Components:
    """Union-find over sentence references."""

    def __init__(self) -> None:
        self.parent: dict[SentenceRef, SentenceRef] = {}

    def find(self, ref: SentenceRef) -> SentenceRef:
        self.parent.setdefault(ref, ref)
        while self.parent[ref] != ref:
            self.parent[ref] = self.parent[self.parent[ref]]
            ref = self.parent[ref]
        return ref

    def union(self, a: SentenceRef, b: SentenceRef) -> None:
        self.parent[self.find(a)] = self.find(b)


def _relation(members: list[SentenceRef], links: list[Link],
              articles: Sequence[AnnotatedArticle], paraphrase_threshold: float) -> Relation:
    texts = {normalised(articles[a].sentences[s].text) for a, s in members}
    if len({a for a, _ in members}) == 1:
        return Relation.UNIQUE
    if len(texts) == 1:
        return Relation.IDENTICAL
    one_sentence_each = len({a for a, _ in members}) == len(members)
    if one_sentence_each and all(link.probability >= paraphrase_threshold for link in links):
        return Relation.PARAPHRASE
    return Relation.PARTIAL


def group_claims(
    articles: Sequence[AnnotatedArticle],
    vectors: Sequence[npt.NDArray[np.float32]],
    model: SameClaimModel,
    *,
    link_threshold: float | None = None,
    paraphrase_threshold: float | None = None,
) -> list[Claim]:
    """All claims of the articles, each with its statements and relation."""
    link_at = model.partial_threshold if link_threshold is None else link_threshold
    paraphrase_at = model.threshold if paraphrase_threshold is None else paraphrase_threshold
    signals = [[signals_of(s) for s in a.sentences] for a in articles]
    components = _Components()
    links: list[Link] = []
    for x, y in combinations(range(len(articles)), 2):
        for i, j, p in link_pair(signals[x], vectors[x], signals[y], vectors[y], model, link_at):
            links.append(Link((x, i), (y, j), p))
            components.union((x, i), (y, j))

    best: dict[SentenceRef, float] = {}
    for link in links:
        for ref in (link.a, link.b):
            best[ref] = max(best.get(ref, 0.0), link.probability)
    groups: dict[SentenceRef, list[SentenceRef]] = {}
    for x, article in enumerate(articles):
        for sentence in article.sentences:
            ref = (x, sentence.index)
            groups.setdefault(components.find(ref), []).append(ref)
    links_of: dict[SentenceRef, list[Link]] = {}
    for link in links:
        links_of.setdefault(components.find(link.a), []).append(link)

    claims = []
    for number, (root, members) in enumerate(sorted(groups.items(), key=lambda kv: min(kv[1])), 1):
        members.sort()
        statements = tuple(
            Statement(
                article=articles[a].id, sentence=s,
                start=articles[a].sentences[s].start, end=articles[a].sentences[s].end,
                text=articles[a].sentences[s].text, similarity=round(best.get((a, s), 1.0), 4),
            )
            for a, s in members
        )
        relation = _relation(members, links_of.get(root, []), articles, paraphrase_at)
        claims.append(Claim(f"c{number}", relation, statements))
    return claims
