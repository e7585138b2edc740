"""The same-claim decision: a logistic regression over `FEATURE_NAMES`, shipped as JSON.

Its few parameters are fitted on MRPC by `eval/same_claim.py`, which also chose the
threshold by cross-validation; `same_claim.json` records the figures it measured.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from parallax.align.features import FEATURE_NAMES

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class SameClaimModel:
    """Standardise, then a logistic regression; `threshold` is the decision cut-off."""

    mean: Matrix
    scale: Matrix
    coef: Matrix
    intercept: float
    threshold: float
    partial_threshold: float
    coverage_threshold: float

    def probability(self, features: Matrix) -> Matrix:
        """P(same claim) for each row of a `(n, len(FEATURE_NAMES))` feature matrix."""
        z = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self, **provenance: object) -> str:
        """The model as the JSON file the package ships."""
        return json.dumps(
            {
                "features": list(FEATURE_NAMES),
                "mean": self.mean.tolist(),
                "scale": self.scale.tolist(),
                "coef": self.coef.tolist(),
                "intercept": self.intercept,
                "threshold": self.threshold,
                "partial_threshold": self.partial_threshold,
                "coverage_threshold": self.coverage_threshold,
                **provenance,
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> SameClaimModel:
        """Read a model written by `to_json`, checking it uses today's features."""
        data = json.loads(text)
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError(
                f"model features {data['features']} differ from {list(FEATURE_NAMES)}; "
                "refit it with eval/same_claim.py --write-model"
            )
        return cls(
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            partial_threshold=float(data["partial_threshold"]),
            coverage_threshold=float(data["coverage_threshold"]),
        )


@lru_cache(maxsize=1)
def default_model() -> SameClaimModel:
    """The model shipped with the package."""
    text = resources.files("parallax.align").joinpath("same_claim.json").read_text("utf-8")
    return SameClaimModel.from_json(text)
