"""Loaded sentences: is a sentence in the outlet's own voice written in loaded language?

A logistic regression over the sentence's MiniLM embedding (the vector align already
computed; the encoder's cache serves it again) and two features of the loaded words
`loaded.loaded_words` marks in it (log(1 + their count) and their highest weight), with
its score turned into a probability by a calibration map (Platt's sigmoid or isotonic
regression) and a decision threshold, all fitted on BABE by
`eval/loaded_sentences.py --write-model` and chosen out of fold there (docs/evaluation.md
§6). The weights live in `loaded_sentences.json`, checked by their SHA-256 and shape when
read. The marked words of a sentence are its evidence in words; the judgement also reads
what no single word carries (BABE's annotators mark sentences biased for their slant too).

A sentence is judged only in the outlet's own voice: when at most `MAX_NOT_OWN` of its
characters lie in quotations, scare quotes or reported speech (`Voices.not_own`), and when
it is a claim (not a caption, byline or prompt, `Sentence.nonclaim`).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from parallax.align.embed import EMBEDDING_DIM, Encoder
from parallax.types import AnnotatedArticle, LoadedSentence, LoadedWord, Sentence, Span

__all__ = [
    "MARK_FEATURES",
    "MAX_NOT_OWN",
    "MODEL_VERSION",
    "SentenceModel",
    "checksum",
    "loaded_sentences",
    "mark_features",
    "own_voice_sentences",
    "read_model",
    "shipped_model",
    "write_model",
]

MODEL_VERSION = 1
"""The version of `loaded_sentences.json` this code reads: a format number, not tuned."""
MARK_FEATURES = ("log1p_marked_words", "max_marked_weight")
"""The word-mark features after the embedding, in the model's order."""
MAX_NOT_OWN = 0.5
"""Share of a sentence's characters in someone else's voice above which the sentence is
not the outlet's: by hand (a sentence mostly quoted is the speaker's), not calibrated."""


@dataclass(frozen=True, slots=True)
class SentenceModel:
    """The fitted sentence model: regression weights, calibration map and threshold."""

    coef: npt.NDArray[np.float64]  # EMBEDDING_DIM + len(MARK_FEATURES) weights
    intercept: float
    calibration: str  # "platt" or "isotonic"
    platt: tuple[float, float]  # probability = sigmoid(a × score + b), for "platt"
    isotonic: tuple[tuple[float, ...], tuple[float, ...]]  # score → probability knots
    threshold: float  # a sentence is loaded from this probability on

    def scores(self, rows: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The regression's decision scores of feature rows."""
        return np.asarray(rows @ self.coef + self.intercept, dtype=np.float64)

    def calibrate(self, scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Decision scores as calibrated probabilities."""
        if self.calibration == "isotonic":
            knots, values = self.isotonic
            return np.asarray(np.interp(scores, knots, values), dtype=np.float64)
        a, b = self.platt
        return np.asarray(1.0 / (1.0 + np.exp(-(a * scores + b))), dtype=np.float64)

    def probabilities(self, rows: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The calibrated probability that each feature row's sentence is loaded."""
        return self.calibrate(self.scores(rows))

    def body(self) -> dict[str, object]:
        """The weights as JSON data (what the checksum covers)."""
        return {"coef": [round(float(c), 6) for c in self.coef],
                "intercept": round(self.intercept, 6), "calibration": self.calibration,
                "platt": [round(v, 6) for v in self.platt],
                "isotonic": [[round(v, 6) for v in part] for part in self.isotonic],
                "threshold": round(self.threshold, 4)}


def checksum(body: object) -> str:
    """The SHA-256 of a model body, as `loaded_sentences.json` records it."""
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def write_model(model: SentenceModel, **provenance: object) -> str:
    """The text of a `loaded_sentences.json` holding `model` (eval/loaded_sentences.py)."""
    body = model.body()
    return json.dumps({"version": MODEL_VERSION, "features": [
        f"minilm_{i}" for i in range(EMBEDDING_DIM)] + list(MARK_FEATURES),
        "sha256": checksum(body), "model": body, **provenance},
        indent=1, sort_keys=True) + "\n"


def read_model(text: str) -> SentenceModel:
    """The model in the text of a `loaded_sentences.json`; ValueError when its version,
    checksum or shape is not what this code reads."""
    data = json.loads(text)
    body = data.get("model")
    if data.get("version") != MODEL_VERSION or not isinstance(body, dict) \
            or checksum(body) != data.get("sha256"):
        raise ValueError("loaded_sentences.json does not match its checksum or version: "
                         "refit it with eval/loaded_sentences.py --write-model")
    coef = np.asarray(body["coef"], dtype=np.float64)
    knots, values = body["isotonic"]
    if coef.shape != (EMBEDDING_DIM + len(MARK_FEATURES),) or len(body["platt"]) != 2 \
            or len(knots) != len(values) or body["calibration"] not in {"platt", "isotonic"} \
            or (body["calibration"] == "isotonic" and not knots):
        raise ValueError(f"loaded_sentences.json has the wrong shape: {coef.shape[0]} weights "
                         f"for {EMBEDDING_DIM + len(MARK_FEATURES)} features")
    a, b = body["platt"]
    return SentenceModel(coef, float(body["intercept"]), str(body["calibration"]),
                         (float(a), float(b)),
                         (tuple(float(k) for k in knots), tuple(float(v) for v in values)),
                         float(body["threshold"]))


@cache
def shipped_model() -> SentenceModel:
    """The shipped sentence model."""
    return read_model(resources.files("parallax.analyse.framing")
                      .joinpath("loaded_sentences.json").read_text(encoding="utf-8"))


def mark_features(marks: Sequence[LoadedWord]) -> list[float]:
    """The word-mark features of a sentence's loaded words (`MARK_FEATURES`)."""
    return [math.log1p(len(marks)), max((w.weight for w in marks), default=0.0)]


def own_voice_sentences(article: AnnotatedArticle,
                        not_own: Sequence[Span]) -> list[Sentence]:
    """The sentences of an article in its own voice (see the module docstring)."""
    own = []
    for sentence in article.sentences:
        length = sentence.end - sentence.start
        if sentence.nonclaim is not None or length <= 0:
            continue
        other = sum(max(0, min(s.end, sentence.end) - max(s.start, sentence.start))
                    for s in not_own)
        if other <= MAX_NOT_OWN * length:
            own.append(sentence)
    return own


def loaded_sentences(article: AnnotatedArticle, not_own: Sequence[Span],
                     marks: Sequence[LoadedWord], *, encoder: Encoder,
                     model: SentenceModel | None = None) -> list[LoadedSentence]:
    """The judgement of each sentence of an article in its own voice, given the loaded
    words marked in it (by the shipped model unless another is given)."""
    model = model or shipped_model()
    sentences = own_voice_sentences(article, not_own)
    if not sentences:
        return []
    by_sentence: dict[int, list[LoadedWord]] = {}
    for word in marks:
        by_sentence.setdefault(word.sentence, []).append(word)
    vectors = np.asarray(encoder.encode([s.text for s in sentences]), dtype=np.float64)
    extra = np.array([mark_features(by_sentence.get(s.index, [])) for s in sentences])
    probabilities = [round(float(p), 4)
                     for p in model.probabilities(np.hstack([vectors, extra]))]
    return [LoadedSentence(article.id, s.index, s.start, s.end, p, p >= model.threshold)
            for s, p in zip(sentences, probabilities, strict=True)]
