"""Group the sentences of several articles into claims: what each says, and who else says it.

For every pair of articles, each sentence is linked to its most likely counterpart in the
other article when the same-claim model is confident enough; linked sentences form one
claim (connected components), so a sentence that merges two sentences of another article
joins both. Every sentence left unlinked is a claim of its own source only. Sentences
annotate marked as non-claims (bylines, prompts, captions, subheads…) are in no claim.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

import numpy as np
import numpy.typing as npt

from parallax.align.classifier import SameClaimModel
from parallax.align.embed import EMBEDDING_DIM, Embedding
from parallax.align.features import (
    Pieces,
    SentenceSignals,
    coverage_matrix,
    pair_features,
    signals_of,
    stack_pieces,
    story_weights,
)
from parallax.types import AnnotatedArticle, Claim, Relation, Sentence, Statement

# Pairs below this cosine are almost never the same claim, and skipping them keeps the
# classifier off the bulk of an n×m matrix.
COSINE_FLOOR = 0.30
"""Checked on MRPC train (MiniLM cosines of its 3,676 pairs, as eval/same_claim.py computes
them): 1 of the 2,485 paraphrases lies under 0.30 (the lowest at 0.238), 7 pairs in all."""
# Two groups of linked sentences join only if their sentences' mean cosine reaches this.
GROUP_COHERENCE = 0.4
"""Chosen by hand, checked on the 70 BASIL triplets (eval/basil_claims.py): it split 32 of 338
three-outlet claims; 11 of the first 12 splits read were chains A≈B, B≈C to an unrelated C."""
# Each sentence is scored against this many nearest sentences of the other article.
CANDIDATES = 5
"""Chosen by hand (3 before coverage joined the rule), not calibrated on a data set; the BASIL
coverage cut-off of eval/link_cutoff.py was calibrated with 5 in place."""
# Coverage of a sentence shorter than this (in words) says little about its meaning.
MIN_COVERED_WORDS = 6
"""Chosen by hand, not calibrated on a data set."""
# A same-claim probability this high links a pair by itself; below it coverage must agree.
PROBABILITY_ALONE = 0.7
"""Same-claim probability at which a pair links on the MRPC model alone; below it a link
also needs coverage. Calibrated on the 10 dev triplets of eval/facts.py: links made on a
probability of 0.345-0.7 without coverage were right 8 times in 40, and requiring coverage
below 0.7 took link precision from 0.69 to 0.86 and shared-fact recall from 0.57 to 0.58
(0.84-0.86 anywhere from 0.6 to 0.9, so not a sharp optimum; 0.79 at the paraphrase cut-off
0.502). On dev, candidate pairs at or above 0.7 are right 48 times in 49. Across BASIL
articles of different stories (eval/link_cutoff.py) false links fell from 0.9 % to 0.5 %."""

_NON_WORD = re.compile(r"[\W_]+")

SentenceRef = tuple[int, int]  # (article position, position among its claim sentences)


@dataclass(frozen=True, slots=True)
class Side:
    """One article as the linker sees it: per sentence, its signals and embedding."""

    signals: Sequence[SentenceSignals]
    vectors: npt.NDArray[np.float32]
    pieces: Pieces


def side_of(article: AnnotatedArticle, embeddings: Sequence[Embedding],
            story: Mapping[int, float]) -> Side:
    """An article's claim sentences ready for linking, `embeddings` being those of all its
    sentences and `story` weighting word pieces within the comparison. Row `k` of the side
    is `article.claim_sentences()[k]`: the non-claims are left out."""
    kept = [e for s, e in zip(article.sentences, embeddings, strict=True) if s.nonclaim is None]
    vectors = (np.stack([e.vector for e in kept]) if kept
               else np.zeros((0, EMBEDDING_DIM), np.float32))
    return Side([signals_of(s) for s in article.claim_sentences()], vectors,
                stack_pieces(kept, story))


@dataclass(frozen=True, slots=True)
class Cutoffs:
    """When two sentences are one claim: either cut-off reached (see docs/evaluation.md)."""

    probability: float  # same-claim probability, from the MRPC model
    coverage: float  # share of the shorter statement the longer one expresses
    paraphrase: float  # probability at which linked statements count as paraphrases


@dataclass(frozen=True, slots=True)
class Link:
    """A same-claim decision between two sentences of different articles."""

    a: SentenceRef
    b: SentenceRef
    probability: float
    coverage: float

    @property
    def similarity(self) -> float:
        """The stronger of the two signals, as reported on each statement."""
        return max(self.probability, self.coverage)


def normalised(text: str) -> str:
    """Text compared for identity: case-folded words only."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _candidates(cosines: npt.NDArray[np.float32]) -> list[tuple[int, int]]:
    """Index pairs among each row's and each column's top cosines above the floor."""
    pairs: set[tuple[int, int]] = set()
    k_rows = min(CANDIDATES, cosines.shape[1])
    k_cols = min(CANDIDATES, cosines.shape[0])
    for i, row in enumerate(np.argsort(-cosines, axis=1)[:, :k_rows]):
        pairs.update((i, int(j)) for j in row if cosines[i, j] >= COSINE_FLOOR)
    for j, col in enumerate(np.argsort(-cosines, axis=0)[:k_cols, :].T):
        pairs.update((int(i), j) for i in col if cosines[i, j] >= COSINE_FLOOR)
    return sorted(pairs)


def link_pair(a: Side, b: Side, model: SameClaimModel, cutoffs: Cutoffs,
              ) -> list[Link]:
    """Links between two articles' sentences, as refs `(0, i)` in `a` and `(1, j)` in `b`.

    A pair's strength is its coverage's margin over the coverage cut-off, or, when the
    same-claim probability reaches `PROBABILITY_ALONE`, the larger of that and the
    probability's margin over its cut-off: a probability in the partial band (same topic,
    perhaps a different statement) links only with coverage's agreement. A pair is linked
    when the strength is not negative and the two are each other's strongest counterparts.
    A pair whose probability also reaches the partial cut-off needs only to be the strongest
    for one of the two, which lets one sentence absorb several sentences of the other.
    Coverage only links sentences with a predicate and a few words: any sentence naming
    the same people "covers" a caption or a three-word subheading.
    """
    if not len(a.signals) or not len(b.signals):
        return []
    cosines = a.vectors @ b.vectors.T
    pairs = _candidates(cosines)
    if not pairs:
        return []
    features = np.stack([
        pair_features(a.signals[i], b.signals[j], float(cosines[i, j])) for i, j in pairs
    ])
    probabilities = model.probability(features)
    coverage_of = coverage_matrix(a.pieces, b.pieces)
    coverages = [
        float(coverage_of[i, j]) if _states_enough(a.signals[i]) and _states_enough(b.signals[j])
        else 0.0
        for i, j in pairs
    ]
    strengths = [
        max(float(p) - cutoffs.probability, covered - cutoffs.coverage)
        if p >= PROBABILITY_ALONE else covered - cutoffs.coverage
        for p, covered in zip(probabilities, coverages, strict=True)
    ]
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for (i, j), strength in zip(pairs, strengths, strict=True):
        best_a[i] = max(best_a.get(i, -1.0), strength)
        best_b[j] = max(best_b.get(j, -1.0), strength)
    links = []
    for (i, j), p, covered, strength in zip(pairs, probabilities, coverages, strengths,
                                            strict=True):
        best_of_a, best_of_b = strength >= best_a[i], strength >= best_b[j]
        mutual = best_of_a and best_of_b
        accepted = p >= cutoffs.probability and (best_of_a or best_of_b)
        if strength >= 0.0 and (mutual or accepted):
            links.append(Link((0, i), (1, j), float(p), covered))
    return links


def _states_enough(signals: SentenceSignals) -> bool:
    """Whether a sentence says enough for its coverage by another to mean anything."""
    return signals.has_predicate and signals.length >= MIN_COVERED_WORDS


class _Groups:
    """Sentences grouped into claims by merging along links, strongest first.

    A claim may hold several sentences of one article (a sentence of another article that
    merges them), but never of two: such many-to-many groups are chains of partial
    overlaps, not one claim, so the weaker link that would create one is refused.
    """

    def __init__(self, refs: Sequence[SentenceRef],
                 cosine: Callable[[SentenceRef, SentenceRef], float]) -> None:
        self.group_of = {ref: ref for ref in refs}
        self.members: dict[SentenceRef, list[SentenceRef]] = {ref: [ref] for ref in refs}
        self.cosine = cosine

    def merge(self, a: SentenceRef, b: SentenceRef) -> bool:
        """Join the groups of `a` and `b` if allowed; whether they are now one group."""
        group_a, group_b = self.group_of[a], self.group_of[b]
        if group_a == group_b:
            return True
        merged = self.members[group_a] + self.members[group_b]
        per_article = Counter(article for article, _ in merged)
        if sum(count > 1 for count in per_article.values()) > 1:
            return False
        if len(merged) > 2 and not self._coherent(self.members[group_a], self.members[group_b]):
            return False
        for ref in self.members.pop(group_b):
            self.group_of[ref] = group_a
        self.members[group_a] = merged
        return True

    def _coherent(self, first: Sequence[SentenceRef], second: Sequence[SentenceRef]) -> bool:
        """Whether two groups say one thing on average, not just at the linked pair: a chain
        of partial overlaps (A≈B, B≈C…) across many articles drifts to unrelated sentences."""
        cosines = [self.cosine(x, y) for x in first for y in second if x[0] != y[0]]
        return not cosines or sum(cosines) / len(cosines) >= GROUP_COHERENCE


def _relation(members: list[SentenceRef], links: list[Link],
              sentences: Sequence[Sequence[Sentence]], paraphrase_at: float) -> Relation:
    sources = {a for a, _ in members}
    if len(sources) == 1:
        return Relation.UNIQUE
    if len({normalised(sentences[a][s].text) for a, s in members}) == 1:
        return Relation.IDENTICAL
    if len(sources) == len(members) and all(link.probability >= paraphrase_at for link in links):
        return Relation.PARAPHRASE
    return Relation.PARTIAL


def group_claims(
    articles: Sequence[AnnotatedArticle],
    embeddings: Sequence[Sequence[Embedding]],
    model: SameClaimModel,
    cutoffs: Cutoffs,
) -> list[Claim]:
    """All claims of the articles, each with its statements and relation.

    `embeddings[k]` are those of `articles[k].sentences`, in order. The sentences marked as
    non-claims are in no claim; they still count in the story's word-piece weights, which
    describe the compared texts.
    """
    story = story_weights([e for vectors in embeddings for e in vectors])
    sentences = [a.claim_sentences() for a in articles]
    sides = [side_of(a, vectors, story) for a, vectors in zip(articles, embeddings, strict=True)]
    candidates: list[Link] = []
    for x, y in combinations(range(len(articles)), 2):
        candidates.extend(
            replace(link, a=(x, link.a[1]), b=(y, link.b[1]))
            for link in link_pair(sides[x], sides[y], model, cutoffs)
        )
    def cosine(a: SentenceRef, b: SentenceRef) -> float:
        return float(sides[a[0]].vectors[a[1]] @ sides[b[0]].vectors[b[1]])

    groups = _Groups([(x, s) for x, kept in enumerate(sentences) for s in range(len(kept))],
                     cosine)
    links = [
        link for link in sorted(candidates, key=lambda k: -k.similarity)
        if groups.merge(link.a, link.b)
    ]
    similarity: dict[SentenceRef, float] = {}
    links_of: dict[SentenceRef, list[Link]] = {}
    for link in links:
        links_of.setdefault(groups.group_of[link.a], []).append(link)
        for ref in (link.a, link.b):
            similarity[ref] = max(similarity.get(ref, 0.0), link.similarity)

    claims = []
    ordered = sorted(groups.members.items(), key=lambda item: min(item[1]))
    for number, (root, members) in enumerate(ordered, 1):
        members.sort()
        statements = tuple(
            Statement(
                article=articles[a].id, sentence=sentences[a][s].index,
                start=sentences[a][s].start, end=sentences[a][s].end,
                text=sentences[a][s].text,
                similarity=round(similarity.get((a, s), 1.0), 4),
            )
            for a, s in members
        )
        relation = _relation(members, links_of.get(root, []), sentences, cutoffs.paraphrase)
        claims.append(Claim(f"c{number}", relation, statements))
    return claims
