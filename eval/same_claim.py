"""Measure (and fit) the same-claim decision on MRPC, with 5-fold cross-validation.

    python eval/same_claim.py                 # report precision, recall, F1, accuracy
    python eval/same_claim.py --write-model   # also refit src/parallax/align/same_claim.json

Every figure is out-of-fold: the model and its threshold are fitted on four folds and
scored on the fifth. The shipped model is then fitted on the whole file with the mean of
the fold thresholds.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

from parallax.align.classifier import SameClaimModel
from parallax.align.embed import Encoder
from parallax.align.features import FEATURE_NAMES, pair_features, signals_of
from parallax.annotate import annotate_sentences

ROOT = Path(__file__).resolve().parents[1]
MRPC = ROOT.parent / "shared" / "data" / "mrpc" / "msr_paraphrase_train.txt"
MODEL_PATH = ROOT / "src" / "parallax" / "align" / "same_claim.json"
FOLDS = 5
SEED = 0
# The partial-claim cut-off keeps this share of true paraphrases (out-of-fold) above it.
PARTIAL_RECALL = 0.95


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    accuracy: float


def score(predicted: np.ndarray, gold: np.ndarray) -> Scores:
    tp = float((predicted & gold).sum())
    precision = tp / max(predicted.sum(), 1)
    recall = tp / max(gold.sum(), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-12)
    return Scores(precision, recall, f1, float((predicted == gold).mean()))


def load_mrpc(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    labels = np.array([row["Quality"] == "1" for row in rows])
    return [r["#1 String"] for r in rows], [r["#2 String"] for r in rows], labels


def features_of(first: list[str], second: list[str]) -> np.ndarray:
    encoder = Encoder()
    cosines = (encoder.encode(first) * encoder.encode(second)).sum(axis=1)
    pairs = zip(annotate_sentences(first), annotate_sentences(second), cosines, strict=True)
    return np.stack([pair_features(signals_of(a), signals_of(b), float(c)) for a, b, c in pairs])


def fit(x: np.ndarray, y: np.ndarray) -> tuple[SameClaimModel, np.ndarray]:
    """A model fitted on (x, y) with the accuracy-maximising threshold on that same data."""
    scaler = StandardScaler().fit(x)
    regression = LogisticRegression(max_iter=1000).fit(scaler.transform(x), y)
    model = SameClaimModel(
        mean=scaler.mean_, scale=scaler.scale_, coef=regression.coef_[0],
        intercept=float(regression.intercept_[0]), threshold=0.5, partial_threshold=0.5,
        coverage_threshold=1.0,
    )
    probabilities = model.probability(x)
    candidates = np.round(np.arange(0.20, 0.81, 0.01), 2)
    best = max(candidates, key=lambda t: float(((probabilities >= t) == y).mean()))
    return replace(model, threshold=float(best)), probabilities


def cross_validate(x: np.ndarray, y: np.ndarray) -> tuple[list[Scores], list[float], np.ndarray]:
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    results, thresholds = [], []
    out_of_fold = np.zeros(len(y))
    for train, test in folds.split(x, y):
        model, _ = fit(x[train], y[train])
        out_of_fold[test] = model.probability(x[test])
        results.append(score(out_of_fold[test] >= model.threshold, y[test]))
        thresholds.append(model.threshold)
    return results, thresholds, out_of_fold


def mean_row(name: str, scores: list[Scores]) -> str:
    def cell(field: str) -> str:
        values = [getattr(s, field) for s in scores]
        return f"{np.mean(values):.3f} ± {np.std(values):.3f}"

    return f"| {name} | " + " | ".join(
        cell(f) for f in ("precision", "recall", "f1", "accuracy")) + " |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mrpc", type=Path, default=MRPC)
    parser.add_argument("--write-model", action="store_true")
    args = parser.parse_args()
    if not args.mrpc.is_file():
        print(f"MRPC not found at {args.mrpc}; put ../shared/data beside the repository")
        return 2
    first, second, y = load_mrpc(args.mrpc)
    x = features_of(first, second)
    full, thresholds, out_of_fold = cross_validate(x, y)
    cosine_only, _, _ = cross_validate(x[:, :1], y)
    majority = [score(np.ones_like(y), y)]
    partial = float(np.quantile(out_of_fold[y], 1 - PARTIAL_RECALL))
    at_partial = score(out_of_fold >= partial, y)

    print(f"MRPC train file: {len(y)} pairs, {y.mean():.3f} positive; "
          f"{FOLDS}-fold CV, seed {SEED}\n")
    print("| decision | precision | recall | F1 | accuracy |\n|---|---|---|---|---|")
    print(mean_row("majority class (all 'same')", majority))
    print(mean_row("MiniLM cosine, CV threshold", cosine_only))
    print(mean_row(f"classifier over {len(FEATURE_NAMES)} signals", full))
    print(f"\nfold thresholds: {thresholds}; partial cut-off {partial:.3f} "
          f"(keeps {PARTIAL_RECALL:.0%} of paraphrases; "
          f"precision there {at_partial.precision:.3f})")
    if args.write_model:
        model, _ = fit(x, y)
        # The coverage cut-off is eval/link_cutoff.py's to calibrate: keep what it wrote.
        previous = (json.loads(MODEL_PATH.read_text(encoding="utf-8"))
                    if MODEL_PATH.is_file() else {})
        model = replace(model, threshold=round(float(np.mean(thresholds)), 3),
                        partial_threshold=round(partial, 3),
                        coverage_threshold=previous.get("coverage_threshold", 1.0))
        f1 = float(np.mean([s.f1 for s in full]))
        accuracy = float(np.mean([s.accuracy for s in full]))
        MODEL_PATH.write_text(model.to_json(
            calibration={"data": "MRPC train (3,676 pairs)", "folds": FOLDS, "seed": SEED,
                         "cv_accuracy": round(accuracy, 4), "cv_f1": round(f1, 4),
                         "partial_recall": PARTIAL_RECALL},
            **{k: v for k, v in previous.items() if k == "coverage_calibration"},
        ) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
