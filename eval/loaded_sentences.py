"""Loaded sentences on BABE: out-of-fold P/R/F1 of the judgement the report shows.

    python eval/loaded_sentences.py                # 5-fold out-of-fold figures (~10 min)
    python eval/loaded_sentences.py --write-model  # also refit framing/loaded_sentences.json

Each BABE sentence (Spinde et al. 2021, ../shared/data/babe/) is annotated as an article and
judged by `parallax.analyse.framing.sentences.loaded_sentences` itself, on the loaded words
`framing.loaded.loaded_words` marks in it: the text is loaded when a sentence of it is (the
highest probability when spaCy splits it). Folds: 5, stratified and grouped by the lower-cased
text (BABE repeats 2 sentences), seed 0. In each training part:

- the word weights behind the marks are refitted (`loaded_lexicon.fit`, cut-off as shipped),
  and the marks of its own sentences come from weights of its other 4 parts, so the
  regression never sees marks that know the sentence's own annotation (at use, the shipped
  lexicon was fitted on all of BABE and the marks of a new sentence know nothing of it);
- the logistic regression over embedding + mark features is fitted; its out-of-fold decision
  scores over 5 inner folds fit the calibration maps (Platt's sigmoid, isotonic) and choose
  the threshold of best F1 on the calibrated probabilities.

The test part is judged with that part's weights, map and threshold. The map shipped is the
one of lower out-of-fold Brier score. Baselines on the same folds: the word-mark rule
("loaded if a word is marked", with each part's weights), TF-IDF + LR and MiniLM + LR.
`--write-model` refits everything on all of BABE the same way and writes the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import loaded_lexicon as lexicon
import numpy as np
from babe_bias import TOKEN, read_babe
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, precision_recall_fscore_support
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from parallax.align.embed import Encoder
from parallax.analyse.framing.loaded import Lexicon, loaded_words, shipped_lexicon
from parallax.analyse.framing.sentences import (
    SentenceModel,
    loaded_sentences,
    mark_features,
    write_model,
)
from parallax.options import Models
from parallax.types import AnnotatedArticle, LoadedWord

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "babe"
MODEL = (Path(__file__).resolve().parents[1] / "src" / "parallax" / "analyse" / "framing"
         / "loaded_sentences.json")
C = 1.0
"""Inverse regularisation of the sentence regression: tried 0.3, 1 and 3 on the outer folds
(docs/evaluation.md §6 gives the figures)."""
SEED = 0


def folds(texts: list[str], labels: np.ndarray,
          seed: int = SEED) -> list[tuple[np.ndarray, np.ndarray]]:
    """The outer folds: stratified, grouped by lower-cased text."""
    groups = [t.strip().lower() for t in texts]
    return list(StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed)
                .split(texts, labels, groups))


class Marks:
    """The loaded words of BABE's sentences under word weights fitted on some of them."""

    def __init__(self, sentences: list[AnnotatedArticle], gold: list[set[str]]) -> None:
        self.sentences, self.gold = sentences, gold
        self.vectors = lexicon.Vectors()
        self.cutoff = shipped_lexicon().cutoff

    def lexicon(self, fitted_on: np.ndarray) -> Lexicon:
        """Word weights fitted on the sentences `fitted_on`, at the shipped cut-off."""
        weights = lexicon.fit([self.sentences[i].article.text for i in fitted_on],
                              [self.gold[i] for i in fitted_on], self.vectors)
        words = {w for s in self.sentences for w in lexicon.words_of(s.article.text)}
        return Lexicon(weights.weights(sorted(words)), self.cutoff)

    def of(self, indices: np.ndarray, lexicon_: Lexicon) -> list[list[LoadedWord]]:
        """The marks of each sentence of `indices` under `lexicon_`."""
        return [loaded_words(self.sentences[i], (), lexicon_) for i in indices]

    def cross_fitted(self, indices: np.ndarray, labels: np.ndarray) -> list[list[LoadedWord]]:
        """The marks of each sentence of `indices`, from weights fitted on the others."""
        marks: list[list[LoadedWord]] = [[] for _ in indices]
        inner = StratifiedKFold(n_splits=5, shuffle=True, random_state=1)
        for rest, part in inner.split(indices, labels[indices]):
            found = self.of(indices[part], self.lexicon(indices[rest]))
            for j, words in zip(part, found, strict=True):
                marks[j] = words
        return marks


def rows(embeddings: np.ndarray, marks: list[list[LoadedWord]]) -> np.ndarray:
    """Feature rows as the shipped model reads them: embedding, then mark features."""
    return np.hstack([embeddings, np.array([mark_features(m) for m in marks])])


def best_threshold(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """The probability threshold of best F1 (grid of 0.01)."""
    grid = np.round(np.arange(0.2, 0.8, 0.01), 2)
    f1s = [precision_recall_fscore_support(labels, probabilities >= t, average="binary",
                                           zero_division=0)[2] for t in grid]
    return float(grid[int(np.argmax(f1s))])


def train(x: np.ndarray, labels: np.ndarray, c: float = C) -> dict[str, SentenceModel]:
    """The regression on feature rows, with each calibration map and its threshold from 5
    inner folds' out-of-fold scores."""
    scores = np.zeros(len(labels))
    for rest, part in StratifiedKFold(n_splits=5, shuffle=True, random_state=2).split(
            x, labels):
        fitted = LogisticRegression(C=c, max_iter=3000).fit(x[rest], labels[rest])
        scores[part] = fitted.decision_function(x[part])
    regression = LogisticRegression(C=c, max_iter=3000).fit(x, labels)
    platt = LogisticRegression(C=1e6).fit(scores[:, None], labels)
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    isotonic = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(
        scores, labels)
    model = SentenceModel(regression.coef_[0].astype(np.float64),
                          float(regression.intercept_[0]), "platt", (a, b),
                          (tuple(float(v) for v in isotonic.X_thresholds_),
                           tuple(float(v) for v in isotonic.y_thresholds_)), 0.5)
    out: dict[str, SentenceModel] = {}
    for method in ("platt", "isotonic"):
        calibrated = replace(model, calibration=method)
        out[method] = replace(calibrated, threshold=best_threshold(
            calibrated.calibrate(scores), labels))
    return out


def judge(sentence: AnnotatedArticle, marks: list[LoadedWord], model: SentenceModel,
          encoder: Encoder) -> tuple[float, bool]:
    """What the report shows for a BABE text: its highest probability, loaded or not."""
    judged = loaded_sentences(sentence, (), marks, encoder=encoder, model=model)
    if not judged:
        return 0.0, False
    return max(j.probability for j in judged), any(j.loaded for j in judged)


def _prf(labels: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    p, r, f, _ = precision_recall_fscore_support(labels, predicted, average="binary")
    return {"precision": round(float(p), 3), "recall": round(float(r), 3),
            "f1": round(float(f), 3)}


def evaluate(texts: list[str], labels: np.ndarray, gold: list[set[str]],
             sentences: list[AnnotatedArticle], embeddings: np.ndarray, marks: Marks,
             encoder: Encoder, cs: tuple[float, ...] = (C,), seed: int = SEED
             ) -> dict[str, object]:
    """Out-of-fold figures of the shipped judgement (each calibration) and the baselines."""
    n = len(texts)
    prob = {(c, m): np.zeros(n) for c in cs for m in ("platt", "isotonic")}
    pred = {k: np.zeros(n, dtype=bool) for k in prob}
    rule, tfidf, minilm = (np.zeros(n, dtype=bool) for _ in range(3))
    thresholds: dict[str, list[float]] = {m: [] for m in ("platt", "isotonic")}
    for fold, (tr, te) in enumerate(folds(texts, labels, seed)):
        x = rows(embeddings[tr], marks.cross_fitted(tr, labels))
        test_marks = marks.of(te, marks.lexicon(tr))
        for c in cs:
            for method, model in train(x, labels[tr], c).items():
                if c == C:
                    thresholds[method].append(model.threshold)
                for i, words in zip(te, test_marks, strict=True):
                    prob[c, method][i], pred[c, method][i] = judge(sentences[i], words,
                                                                   model, encoder)
        rule[te] = [bool(m) for m in test_marks]
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                     token_pattern=TOKEN)
        tf = LogisticRegression(C=4.0, max_iter=3000).fit(
            vectorizer.fit_transform([texts[i] for i in tr]), labels[tr])
        tfidf[te] = tf.predict(vectorizer.transform([texts[i] for i in te]))
        mini = LogisticRegression(C=4.0, max_iter=3000).fit(embeddings[tr], labels[tr])
        minilm[te] = mini.predict(embeddings[te])
        print(f"fold {fold}: F1 {_prf(labels[te], pred[C, 'platt'][te])['f1']}", flush=True)
    figures: dict[str, object] = {}
    for (c, method), predicted in pred.items():
        figures[f"judgement C={c} {method}"] = {
            **_prf(labels, predicted),
            "brier": round(float(brier_score_loss(labels, prob[c, method])), 4)}
    figures["thresholds chosen"] = thresholds
    figures["word-mark rule (>= 1 marked word)"] = _prf(labels, rule)
    figures["TF-IDF + LR"] = _prf(labels, tfidf)
    figures["MiniLM + LR"] = _prf(labels, minilm)
    figures["reliability (platt)"] = _reliability(labels, prob[C, "platt"])
    return figures


def _reliability(labels: np.ndarray, probabilities: np.ndarray) -> list[str]:
    """Observed share of loaded sentences per tenth of predicted probability."""
    out = []
    for low in np.arange(0.0, 1.0, 0.2):
        inside = (probabilities >= low) & (probabilities < low + 0.2)
        if inside.any():
            out.append(f"{low:.1f}-{low + 0.2:.1f}: {labels[inside].mean():.2f} "
                       f"of {int(inside.sum())}")
    return out


def _brier(figure: object) -> float:
    return float(figure["brier"]) if isinstance(figure, dict) else 1.0


def main() -> int:
    """Run the evaluation (and refit the shipped sentence model with --write-model)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-model", action="store_true")
    parser.add_argument("--cs", type=float, nargs="*", default=[C],
                        help="regularisations to compare out of fold")
    parser.add_argument("--seed", type=int, default=SEED,
                        help="seed of the outer folds (the spread of the figures)")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: BABE not found in {DATA}", file=sys.stderr)
        return 0
    texts, labels, gold = read_babe(DATA)
    encoder = Models.load().encoder
    embeddings = np.asarray(encoder.encode(texts), dtype=np.float64)
    sentences = lexicon.annotate_sentences(texts)
    split = sum(1 for s in sentences if len(s.sentences) > 1)
    print(f"{len(texts)} BABE sentences, {split} split by spaCy", flush=True)
    marks = Marks(sentences, gold)
    figures = evaluate(texts, labels, gold, sentences, embeddings, marks, encoder,
                       tuple(args.cs), args.seed)
    print(json.dumps(figures, indent=1))
    if args.write_model:
        everything = np.arange(len(texts))
        x = rows(embeddings, marks.cross_fitted(everything, labels))
        calibration = min(("platt", "isotonic"),  # the map of lower out-of-fold Brier
                          key=lambda m: _brier(figures[f"judgement C={C} {m}"]))
        model = train(x, labels)[calibration]
        MODEL.write_text(write_model(
            model, fitted_on="BABE final_labels_SG2 (2,939 sentences), "
                             "eval/loaded_sentences.py --write-model",
            out_of_fold={k: v for k, v in figures.items() if k.startswith("judgement")}),
            encoding="utf-8")
        print(f"wrote {MODEL} (threshold {model.threshold}, {calibration})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
