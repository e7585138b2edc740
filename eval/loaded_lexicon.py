"""Word weights of loaded language: how often annotators would mark a word biased.

A word's weight estimates the chance that BABE's annotators mark it where it occurs. It
pools the word's own record (marked m times in n occurrences) with a prior predicted from
the word alone, never from its sentences: a logistic regression over the word's MiniLM
embedding and its frequency in English (`wordfreq`), fitted on the marked and unmarked
occurrences of the training words. The weight is (m + K × prior) / (n + K): one marking
of a word whose meaning is neutral ("shore") stays low, a word annotators mark often keeps
its own rate, and a word BABE never uses gets its prior, so the list reaches words that
are loaded in the same way as those BABE's annotators marked ("bombastic" like "absurd").
Used by `eval/babe_bias.py` (evaluation and `--write-model`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from wordfreq import top_n_list, zipf_frequency

from parallax.analyse.framing.loaded import WORD, Lexicon, loaded_words
from parallax.annotate import annotate
from parallax.ingest import load_text
from parallax.options import Models
from parallax.types import AnnotatedArticle

K = 4.0  # occurrences the prior counts for (2 and 8 gave word F1 within 0.01 out of fold)
C = 1.0  # inverse regularisation of the prior (0.3 and 3 within 0.01)
ENGLISH_WORDS = 50_000  # the most frequent English words scored besides BABE's own
_ALPHABETIC = re.compile(r"[a-z][a-z'-]*[a-z]")


def words_of(text: str) -> set[str]:
    """The distinct lower-cased content words of a text, as parallax reads them."""
    return set(WORD.findall(text.lower())) - ENGLISH_STOP_WORDS


def counts(texts: Iterable[str], gold: Iterable[set[str]]) -> tuple[Counter[str], Counter[str]]:
    """How many sentences use each word, and in how many it is marked biased."""
    seen: Counter[str] = Counter()
    marked: Counter[str] = Counter()
    for text, words in zip(texts, gold, strict=True):
        for word in words_of(text):
            seen[word] += 1
            marked[word] += word in words
    return seen, marked


def english_words(n: int = ENGLISH_WORDS) -> list[str]:
    """The n most frequent English words that are words (no digits, no punctuation)."""
    return [w for w in top_n_list("en", n) if _ALPHABETIC.fullmatch(w)
            and w not in ENGLISH_STOP_WORDS]


class Vectors:
    """Features of single words (MiniLM embedding, Zipf frequency), computed once each."""

    def __init__(self) -> None:
        self._rows: dict[str, np.ndarray] = {}

    def __call__(self, words: Sequence[str]) -> np.ndarray:
        """The feature rows of `words`."""
        missing = [w for w in dict.fromkeys(words) if w not in self._rows]
        if missing:
            embedded = np.asarray(Models.load().encoder.encode(missing))
            for word, row in zip(missing, embedded, strict=True):
                zipf = (zipf_frequency(word, "en") - 4.0) / 2.0
                self._rows[word] = np.append(row, zipf)
        return np.array([self._rows[w] for w in words])


@dataclass
class WordWeights:
    """A fitted prior and the counts it was fitted on."""

    seen: Counter[str]
    marked: Counter[str]
    prior: LogisticRegression
    vectors: Vectors

    def weights(self, words: Iterable[str]) -> dict[str, float]:
        """The weight of each word (see the module docstring)."""
        words = list(dict.fromkeys(words))
        if not words:
            return {}
        priors = self.prior.predict_proba(self.vectors(words))[:, 1]
        return {w: (self.marked[w] + K * p) / (self.seen[w] + K)
                for w, p in zip(words, priors, strict=True)}


def fit(texts: Sequence[str], gold: Sequence[set[str]], vectors: Vectors) -> WordWeights:
    """Fit the word prior on sentences and the words annotators marked in them."""
    seen, marked = counts(texts, gold)
    words = list(seen)
    rows = vectors(words)
    wanted = np.array([marked[w] for w in words], dtype=float)
    other = np.array([seen[w] - marked[w] for w in words], dtype=float)
    keep = np.r_[wanted, other] > 0
    prior = LogisticRegression(C=C, max_iter=3000).fit(
        np.vstack([rows, rows])[keep], np.r_[np.ones(len(words)), np.zeros(len(words))][keep],
        sample_weight=np.r_[wanted, other][keep])
    return WordWeights(seen, marked, prior, vectors)


CUTOFFS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)  # weights tried as the loaded cut-off


def annotate_sentences(texts: Sequence[str]) -> list[AnnotatedArticle]:
    """Each sentence annotated as parallax annotates an (English) article."""
    return annotate([replace(load_text(t, source="BABE", title=""), language="en")
                     for t in texts])


def marked_words(article: AnnotatedArticle, lexicon: Lexicon) -> dict[str, float]:
    """The distinct words parallax marks loaded in a sentence with `lexicon`, weighted."""
    return {w.text.lower(): w.weight for w in loaded_words(article, (), lexicon)}


def _counts_by_cutoff(weights: WordWeights, sentences: Sequence[AnnotatedArticle],
                      gold: Sequence[set[str]]) -> dict[float, np.ndarray]:
    """Hits, marked and wanted words of the sentences at each cut-off."""
    lexicon = Lexicon(weights.weights(w for s in sentences for w in words_of(s.article.text)),
                      min(CUTOFFS))
    counts = {c: np.zeros(3) for c in CUTOFFS}
    for sentence, words in zip(sentences, gold, strict=True):
        marked = marked_words(sentence, lexicon)
        for cutoff, count in counts.items():
            mine = {w for w, weight in marked.items() if weight >= cutoff}
            count += (len(mine & words), len(mine), len(words))
    return counts


def f_half(hits: float, marked: float, wanted: float) -> float:
    """F0.5 of word marking: precision weighs more, a wrong mark misleads a reader more
    than a missed one."""
    precision, recall = hits / max(marked, 1), hits / max(wanted, 1)
    return 1.25 * precision * recall / max(0.25 * precision + recall, 1e-9)


def choose_cutoff(sentences: Sequence[AnnotatedArticle], gold: Sequence[set[str]],
                  vectors: Vectors) -> float:
    """The cut-off of best F0.5 over 4 folds of these sentences only."""
    total = {c: np.zeros(3) for c in CUTOFFS}
    for rest, fold in KFold(n_splits=4, shuffle=True, random_state=1).split(sentences):
        weights = fit([sentences[i].article.text for i in rest], [gold[i] for i in rest],
                      vectors)
        for cutoff, count in _counts_by_cutoff(weights, [sentences[i] for i in fold],
                                               [gold[i] for i in fold]).items():
            total[cutoff] += count
    return max(CUTOFFS, key=lambda c: f_half(*total[c]))


def evaluate_words(sentences: Sequence[AnnotatedArticle], gold: Sequence[set[str]],
                   folds: Iterable[tuple[np.ndarray, np.ndarray]],
                   vectors: Vectors) -> dict[str, float]:
    """Out-of-fold word precision/recall at the cut-off each training part chooses for
    itself, and at every cut-off tried."""
    chosen, at_chosen = [], np.zeros(3)
    total = {c: np.zeros(3) for c in CUTOFFS}
    for train, test in folds:
        part = [sentences[i] for i in train]
        cutoff = choose_cutoff(part, [gold[i] for i in train], vectors)
        weights = fit([s.article.text for s in part], [gold[i] for i in train], vectors)
        counts = _counts_by_cutoff(weights, [sentences[i] for i in test],
                                   [gold[i] for i in test])
        chosen.append(cutoff)
        at_chosen += counts[cutoff]
        for c, count in counts.items():
            total[c] += count
    figures = {"cutoffs_chosen": chosen, **_figures("chosen", at_chosen)}
    for c, count in total.items():
        figures.update(_figures(f"@{c}", count))
    return figures


def _figures(name: str, count: np.ndarray) -> dict[str, float]:
    hits, marked, wanted = count
    precision, recall = hits / max(marked, 1), hits / max(wanted, 1)
    return {f"word_p {name}": precision, f"word_r {name}": recall,
            f"word_f1 {name}": 2 * precision * recall / max(precision + recall, 1e-9)}
