"""Contradictions: statements of different articles about the same thing that cannot both hold.

    found = find_contradictions(comparison.articles, comparison.claims)
    found = find_contradictions(articles, claims, judge=CrossEncoderJudge("~/models/nli"))

Candidate pairs (`candidate_pairs`) are few on purpose, since most sentence pairs of one
story are about different things:

1. the statements of different articles inside one shared claim (partial or paraphrase;
   identical statements cannot disagree);
2. for each statement only one article carries, its nearest sentence in each other
   article, when their embedding cosine is at least `TOPIC_COSINE` and they share two
   content lemmas: a contradiction is often what keeps the aligner from linking two
   sentences about one event ("reopened" / "remained closed").

A `Judge` decides each pair. `RuleJudge` (the default) reads quantities, dates, negation,
antonyms and modality off the tokens (`contradiction_rules`); `CrossEncoderJudge` runs a
local NLI cross-encoder the user already has (never downloaded).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

from parallax.align.claims import normalised
from parallax.analyse.contradictions.rules import RULES, Judgement, Rule, judge_readings, read
from parallax.errors import ErrorCode, ModelError
from parallax.types import (
    AnnotatedArticle,
    Claim,
    Contradiction,
    Relation,
    Sentence,
    Statement,
    Verdict,
)

if TYPE_CHECKING:
    from sentence_transformers import CrossEncoder

log = logging.getLogger(__name__)

__all__ = [
    "Candidate",
    "CrossEncoderJudge",
    "Judge",
    "Judgement",
    "RuleJudge",
    "candidate_pairs",
    "find_contradictions",
]

# Nearest-sentence pairs below this cosine are rarely about one event. At 0.5, with one
# neighbour, the 16 labelled BASIL dev triplets (eval/contradictions.py) gave 255 topic
# pairs: 89 agree, 165 unrelated, 1 contradiction; a second neighbour added 125 pairs and
# no contradiction the rules could see.
TOPIC_COSINE = 0.5
TOPIC_NEIGHBOURS = 1  # nearest sentences of each other article tried per unique statement
TOPIC_SHARED = 2  # content lemmas a topic pair must share: "Obama said." matches anything
"""Chosen by hand, not calibrated on a data set."""
# Contradictions under this confidence are not reported: the weak modality rule (0.3).
MIN_CONFIDENCE = 0.5
"""Set by hand between the modality rule's 0.3 and the other rules' 0.55–0.8 (rules.py), not
calibrated: the labelled pairs of eval/contradictions.py hold too few contradictions to fit it."""


class Encoder(Protocol):
    """Anything that embeds texts as L2-normalised rows (`parallax.align.embed.Encoder`)."""

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


class Judge(Protocol):
    """Decides whether two statements agree, contradict each other or are unrelated."""

    def judge(self, a: Sentence, b: Sentence) -> Judgement: ...


class RuleJudge:
    """The offline judge: the rules of `contradiction_rules` over the sentences' tokens."""

    def __init__(self, rules: Sequence[Rule] = RULES) -> None:
        self.rules = tuple(rules)

    def judge(self, a: Sentence, b: Sentence) -> Judgement:
        """The verdict of the rules on one pair of annotated sentences."""
        return judge_readings(read(a), read(b), self.rules)


# Label names of NLI models, by prefix: "CONTRADICTION", "contradiction", "entailment"…
_NLI_LABELS = {"contradict": Verdict.CONTRADICT, "entail": Verdict.AGREE,
               "neutral": Verdict.UNRELATED}


def nli_labels(folder: Path) -> dict[int, Verdict]:
    """Output index → verdict, from the `id2label` of the model folder's config.json."""
    config = folder / "config.json"
    try:
        id2label = json.loads(config.read_text(encoding="utf-8"))["id2label"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(ErrorCode.MODEL_CORRUPT,
                         f"cannot read id2label from {config} ({exc}); an NLI cross-encoder "
                         "names its outputs there") from exc
    labels: dict[int, Verdict] = {}
    for index, name in id2label.items():
        verdict = next((v for k, v in _NLI_LABELS.items() if str(name).lower().startswith(k)),
                       None)
        if verdict is not None:
            labels[int(index)] = verdict
    if Verdict.CONTRADICT not in labels.values():
        raise ModelError(ErrorCode.MODEL_CORRUPT,
                         f"{config} names no contradiction output (id2label: {id2label}); "
                         "pass an NLI cross-encoder (entailment / neutral / contradiction)")
    return labels


class CrossEncoderJudge:
    """A local NLI cross-encoder (a sentence-transformers `CrossEncoder` folder) as judge.

    Both orders of a pair are scored and their probabilities averaged (NLI is asymmetric,
    contradiction nearly symmetric). Nothing is downloaded: `path` must be a folder.
    """

    def __init__(self, path: str | os.PathLike[str], *, device: str = "cpu",
                 batch_size: int = 16) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        folder = Path(path).expanduser()
        if not folder.is_dir():
            raise ModelError(ErrorCode.MODEL_MISSING,
                             f"no NLI model folder at {folder}: pass the folder of a local "
                             "sentence-transformers CrossEncoder trained for NLI (models are "
                             "never downloaded), or use the default RuleJudge")
        self.labels = nli_labels(folder)
        self.batch_size = batch_size
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import CrossEncoder

        self._model: CrossEncoder = CrossEncoder(str(folder), device=device,
                                                 local_files_only=True)

    def judge(self, a: Sentence, b: Sentence) -> Judgement:
        """The model's verdict on one pair."""
        return self.judge_many([(a, b)])[0]

    def judge_many(self, pairs: Sequence[tuple[Sentence, Sentence]]) -> list[Judgement]:
        """The model's verdicts on many pairs, batched."""
        if not pairs:
            return []
        inputs = [(a.text, b.text) for a, b in pairs] + [(b.text, a.text) for a, b in pairs]
        scores = np.asarray(self._model.predict(inputs, batch_size=self.batch_size,
                                                apply_softmax=True, show_progress_bar=False))
        probabilities = (scores[:len(pairs)] + scores[len(pairs):]) / 2
        judgements = []
        for row in probabilities:
            by_verdict = {v: float(sum(row[i] for i, w in self.labels.items() if w == v))
                          for v in set(self.labels.values())}
            verdict = max(by_verdict, key=lambda v: by_verdict[v])
            judgements.append(Judgement(verdict, "model", f"NLI model: {verdict} "
                                        f"p={by_verdict[verdict]:.2f}",
                                        round(by_verdict[verdict], 3)))
        return judgements


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pair of statements of different articles to judge, with their sentences."""

    a: Statement
    b: Statement
    first: Sentence
    second: Sentence
    origin: str  # "claim" (same shared claim) or "topic" (nearest unlinked sentence)


def _statement(article: str, sentence: Sentence, similarity: float) -> Statement:
    return Statement(article, sentence.index, sentence.start, sentence.end, sentence.text,
                     round(similarity, 4))


def candidate_pairs(articles: Sequence[AnnotatedArticle], claims: Sequence[Claim], *,
                    encoder: Encoder) -> list[Candidate]:
    """The statement pairs worth judging (see the module docstring), in article order."""
    position = {a.id: i for i, a in enumerate(articles)}
    sentences = {a.id: {s.index: s for s in a.sentences} for a in articles}
    found: dict[tuple[int, int, int, int], Candidate] = {}

    def add(x: Statement, y: Statement, origin: str) -> None:
        if x.article not in position or y.article not in position or x.article == y.article:
            return
        if position[x.article] > position[y.article]:
            x, y = y, x
        first = sentences[x.article].get(x.sentence)
        second = sentences[y.article].get(y.sentence)
        if first is None or second is None or normalised(first.text) == normalised(second.text):
            return
        key = (position[x.article], x.sentence, position[y.article], y.sentence)
        found.setdefault(key, Candidate(x, y, first, second, origin))

    for claim in claims:
        if claim.relation in (Relation.PARTIAL, Relation.PARAPHRASE):
            for x, y in combinations(claim.statements, 2):
                add(x, y, "claim")
    unique = [s for c in claims if len(c.sources) == 1 for s in c.statements
              if s.article in position]
    if unique and len(articles) > 1:
        for x, y in _topic_pairs(articles, unique, sentences, encoder):
            add(x, y, "topic")
    return [found[key] for key in sorted(found)]


def _topic_pairs(articles: Sequence[AnnotatedArticle], unique: Sequence[Statement],
                 sentences: dict[str, dict[int, Sentence]],
                 encoder: Encoder) -> list[tuple[Statement, Statement]]:
    """Each unique statement with its nearest claim sentence of every other article (never a
    byline, caption or other non-claim), when close enough and sharing `TOPIC_SHARED`
    content lemmas."""
    kept = {a.id: a.claim_sentences() for a in articles}
    vectors = {a.id: encoder.encode([s.text for s in kept[a.id]]) for a in articles}
    rows = {a.id: {s.index: row for row, s in enumerate(kept[a.id])} for a in articles}
    contents: dict[tuple[str, int], frozenset[str]] = {}

    def content_of(article: str, sentence: Sentence) -> frozenset[str]:
        key = (article, sentence.index)
        if key not in contents:
            contents[key] = read(sentence).content
        return contents[key]

    pairs = []
    for statement in unique:
        row = rows[statement.article].get(statement.sentence)
        if row is None:
            continue
        vector = vectors[statement.article][row]
        mine = sentences[statement.article][statement.sentence]
        for other in articles:
            if other.id == statement.article or not kept[other.id]:
                continue
            cosines = vectors[other.id] @ vector
            for best in np.argsort(-cosines)[:TOPIC_NEIGHBOURS]:
                near = kept[other.id][int(best)]
                shared = content_of(statement.article, mine) & content_of(other.id, near)
                if float(cosines[best]) >= TOPIC_COSINE and len(shared) >= TOPIC_SHARED:
                    pairs.append((statement, _statement(other.id, near, float(cosines[best]))))
    return pairs


def find_contradictions(articles: Sequence[AnnotatedArticle], claims: Sequence[Claim], *,
                        encoder: Encoder, judge: Judge | None = None,
                        min_confidence: float = MIN_CONFIDENCE) -> list[Contradiction]:
    """Contradictions between the compared articles (ids `x1..`), in article order.

    `judge` defaults to `RuleJudge()`; `encoder` embeds the sentences for the topic
    candidates. Contradictions under `min_confidence` are left out.
    """
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must be in [0, 1], got {min_confidence}")
    if len(articles) < 2 or not claims:
        return []
    candidates = candidate_pairs(articles, claims, encoder=encoder)
    judge = judge or RuleJudge()
    many = getattr(judge, "judge_many", None)
    pairs = [(c.first, c.second) for c in candidates]
    judgements: list[Judgement] = (
        many(pairs) if callable(many) else [judge.judge(a, b) for a, b in pairs])
    found = [
        (candidate, j) for candidate, j in zip(candidates, judgements, strict=True)
        if j.verdict == Verdict.CONTRADICT and j.confidence >= min_confidence
    ]
    log.debug("%d candidate pairs, %d contradictions", len(candidates), len(found))
    return [
        Contradiction(f"x{n}", (c.a, c.b), j.kind, j.explanation, j.confidence)
        for n, (c, j) in enumerate(found, 1)
    ]
