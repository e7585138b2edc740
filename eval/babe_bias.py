"""Loaded language on BABE: sentence-level bias F1 and word-level precision/recall.

    python eval/babe_bias.py                # 5-fold cross-validated figures
    python eval/babe_bias.py --write-model  # also refit framing/loaded_words.json

BABE (Spinde et al. 2021, ../shared/data/babe/) labels sentences biased or not and names
the biased words. The sentence model is a logistic regression over the sentence's word
TF-IDF (lower-cased unigrams and bigrams), its MiniLM embedding (`parallax.align.embed`, the
encoder compare already runs) and three loaded-word signals: the highest marking rate
(how often BABE's annotators marked the word where it occurs, marked / (occurrences + 2))
of a word in the sentence, the sum of its three highest, and how many reach 0.2. Rates for
training sentences come from the other training folds, so no sentence sees its own
annotation. The words that made a decision are shown: the sentence's words of high rate
and the content words whose coefficient × TF-IDF pushes it towards "biased" most.

Loaded words, the ones parallax marks: `parallax.analyse.framing.loaded` on each sentence
annotated as an article, with word weights from `loaded_lexicon.py` (the word's own record
pooled with a prior from the word alone). Word-level figures compare, per sentence, the
distinct marked words with BABE's biased_words. Everything is out-of-fold (5 folds,
stratified, seed 0): each training part fits its weights and chooses its cut-off by F0.5
over 4 folds of itself; the shipped list is fitted on all of BABE, its cut-off chosen the
same way.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import loaded_lexicon as lexicon
import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, StratifiedKFold

from parallax.analyse.framing.loaded import MODEL_VERSION
from parallax.options import Models
from parallax.types import AnnotatedArticle

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "babe"
MODEL = (Path(__file__).resolve().parents[1] / "src" / "parallax" / "analyse" / "framing"
         / "loaded_words.json")
TOKEN = r"(?u)\b\w[\w'-]*\w\b|\b\w\b"
# Tried out-of-fold with C 1: embedding scale 1 and 2 × loaded-word scale 0, 2 and 4 (F1
# 0.753–0.775, best 0.775 at 1 and 2, with word weights then from words seen twice; 0.780
# with the weights below); with C 4, embedding 1, no loaded words: 0.757.
C = 1.0  # inverse regularisation
EMBEDDING_WEIGHT = 1.0  # scale of the embedding block against the unit-norm TF-IDF block
LOADED_WEIGHT = 2.0  # scale of the three loaded-word signals
SIGNAL_CUTOFF = 0.2  # word weight counted by the third signal
FOLDS = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)


def read_babe(folder: Path = DATA) -> tuple[list[str], np.ndarray, list[set[str]]]:
    """Sentences, labels (1 = biased) and biased words of BABE."""
    path = folder / "final_labels_SG2.train.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter=";")
                if r["label_bias"] in {"Biased", "Non-biased"}]
    words = [{w.lower() for w in re.findall(r"'([^']+)'", r["biased_words"])} for r in rows]
    labels = np.array([r["label_bias"] == "Biased" for r in rows], dtype=int)
    return [r["text"] for r in rows], labels, words


def _signals(rates: dict[str, float], texts: list[str]) -> np.ndarray:
    """The three loaded-word signals of each text (see the module docstring)."""
    rows = []
    for text in texts:
        top = sorted((rates.get(w, 0.0) for w in _tokens(text)), reverse=True) + [0.0] * 3
        rows.append([top[0], sum(top[:3]), sum(1 for r in top if r >= SIGNAL_CUTOFF)])
    return np.array(rows) * LOADED_WEIGHT


def _own_fold_signals(texts: list[str], words: list[set[str]]) -> np.ndarray:
    """The signals of training sentences, each from word weights of the other folds."""
    signals = np.zeros((len(texts), 3))
    for rest, fold in KFold(n_splits=5, shuffle=True, random_state=1).split(texts):
        rates = marking_rates([texts[i] for i in rest], [words[i] for i in rest])
        signals[fold] = _signals(rates, [texts[i] for i in fold])
    return signals


@dataclass
class SentenceModel:
    """The fitted sentence model: TF-IDF, word weights and the regression."""

    vectorizer: TfidfVectorizer
    rates: dict[str, float]
    model: LogisticRegression

    def features(self, texts: list[str], embeddings: np.ndarray) -> csr_matrix:
        """The feature rows of sentences not seen in fitting."""
        return hstack([self.vectorizer.transform(texts),
                       csr_matrix(embeddings * EMBEDDING_WEIGHT),
                       csr_matrix(_signals(self.rates, texts))]).tocsr()


def fit(texts: list[str], labels: np.ndarray, words: list[set[str]],
        embeddings: np.ndarray) -> SentenceModel:
    """Fit the sentence model on BABE sentences with their labels and biased words."""
    vectorizer = TfidfVectorizer(lowercase=True, ngram_range=(1, 2), min_df=2,
                                 sublinear_tf=True, token_pattern=TOKEN)
    rows = hstack([vectorizer.fit_transform(texts), csr_matrix(embeddings * EMBEDDING_WEIGHT),
                   csr_matrix(_own_fold_signals(texts, words))]).tocsr()
    model = LogisticRegression(C=C, max_iter=3000).fit(rows, labels)
    return SentenceModel(vectorizer, marking_rates(texts, words), model)


def _decision_words(fitted: SentenceModel, text: str) -> list[str]:
    """The sentence's loaded words, then the three content words whose TF-IDF pushes it
    towards "biased" most."""
    loaded = sorted((w for w in _tokens(text) if fitted.rates.get(w, 0.0) >= SIGNAL_CUTOFF),
                    key=lambda w: -fitted.rates[w])
    row = fitted.vectorizer.transform([text])
    coef = fitted.model.coef_[0]
    names = fitted.vectorizer.get_feature_names_out()
    scored = sorted(((coef[j] * v, names[j]) for j, v in zip(row.indices, row.data, strict=True)
                     if " " not in names[j] and names[j] not in ENGLISH_STOP_WORDS), reverse=True)
    return list(dict.fromkeys([*loaded, *(w for score, w in scored[:3] if score > 0)]))


def _tokens(text: str) -> set[str]:
    return set(re.findall(TOKEN, text.lower())) - ENGLISH_STOP_WORDS


def marking_rates(texts: list[str], gold_words: list[set[str]]) -> dict[str, float]:
    """Word → how often annotators marked it biased where it occurs (see the docstring)."""
    seen: dict[str, int] = {}
    marked: dict[str, int] = {}
    for text, words in zip(texts, gold_words, strict=True):
        for word in _tokens(text):
            seen[word] = seen.get(word, 0) + 1
            marked[word] = marked.get(word, 0) + (word in words)
    return {w: marked[w] / (n + 2) for w, n in seen.items() if marked[w]}


def evaluate(texts: list[str], labels: np.ndarray, gold_words: list[set[str]],
             embeddings: np.ndarray) -> dict[str, float]:
    """Out-of-fold sentence F1; prints a few decisions."""
    predicted = np.zeros(len(texts), dtype=int)
    for fold, (train, test) in enumerate(FOLDS.split(texts, labels)):
        fitted = fit([texts[i] for i in train], labels[train],
                     [gold_words[i] for i in train], embeddings[train])
        test_texts = [texts[i] for i in test]
        predicted[test] = fitted.model.predict(fitted.features(test_texts, embeddings[test]))
        if fold == 0:
            for i in test[:6]:
                print(f"  {'biased' if predicted[i] else 'neutral':8} because of "
                      f"{_decision_words(fitted, texts[i]) or '-'}: {texts[i][:80]}")
    return {"sentence_f1": float(f1_score(labels, predicted))}


def write_model(sentences: list[AnnotatedArticle], gold_words: list[set[str]],
                vectors: lexicon.Vectors) -> None:
    """Write the word weights parallax ships: fitted on all of BABE, for BABE's words and
    the most frequent English words, those from the cut-off chosen on BABE's folds."""
    cutoff = lexicon.choose_cutoff(sentences, gold_words, vectors)
    fitted = lexicon.fit([s.article.text for s in sentences], gold_words, vectors)
    scored = fitted.weights([*fitted.seen, *lexicon.english_words()])
    weights = {w: round(v, 4) for w, v in sorted(scored.items()) if v >= cutoff}
    body = json.dumps(weights, sort_keys=True, ensure_ascii=False)
    MODEL.write_text(json.dumps({
        "version": MODEL_VERSION,
        "fitted_on": "BABE final_labels_SG2 (80 % share) and the 50,000 most frequent English "
                     "words (wordfreq), eval/babe_bias.py --write-model",
        "cutoff": cutoff,
        "sha256": hashlib.sha256(body.encode()).hexdigest(),
        "weights": weights,
    }, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(weights)} loaded words (weight >= {cutoff}) to {MODEL}")


def main() -> int:
    """Run the evaluation (and refit the shipped word list with --write-model)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-model", action="store_true")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: BABE not found in {DATA}", file=sys.stderr)
        return 0
    texts, labels, words = read_babe()
    embeddings = Models.load().encoder.encode(texts)
    figures: dict[str, object] = dict(evaluate(texts, labels, words, embeddings))
    sentences = lexicon.annotate_sentences(texts)
    vectors = lexicon.Vectors()
    figures.update(lexicon.evaluate_words(sentences, words, FOLDS.split(texts, labels),
                                          vectors))
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v
                      for k, v in figures.items()}, indent=1))
    if args.write_model:
        write_model(sentences, words, vectors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
