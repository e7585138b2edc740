"""The shipped same-claim model: loading, its probabilities and its JSON form."""

from __future__ import annotations

import json

import numpy as np
import pytest

from parallax.align.classifier import SameClaimModel, default_model
from parallax.align.features import FEATURE_NAMES


def _row(**values: float) -> np.ndarray:
    """A feature row at the model's training mean, with the given features set."""
    row = default_model().mean.copy()
    for name, value in values.items():
        row[FEATURE_NAMES.index(name)] = value
    return row


def test_default_model_loads_with_todays_features() -> None:
    model = default_model()
    assert model is default_model()  # loaded once
    for array in (model.mean, model.scale, model.coef):
        assert array.shape == (len(FEATURE_NAMES),)
    assert np.all(model.scale > 0)
    assert 0.0 < model.partial_threshold < model.threshold < 1.0
    assert 0.0 < model.coverage_threshold < 1.0


def test_probability_is_in_the_open_unit_interval() -> None:
    model = default_model()
    rows = np.stack([_row(cosine=c) for c in (0.0, 0.5, 1.0)] + [np.zeros(len(FEATURE_NAMES))])
    probabilities = model.probability(rows)
    assert probabilities.shape == (4,)
    assert np.all((probabilities > 0.0) & (probabilities < 1.0))


def test_probability_rises_with_cosine() -> None:
    cosines = np.linspace(0.3, 1.0, 8)
    probabilities = default_model().probability(np.stack([_row(cosine=c) for c in cosines]))
    assert np.all(np.diff(probabilities) > 0)


def test_identical_sentences_are_the_same_claim() -> None:
    model = default_model()
    identical = _row(
        cosine=1.0,
        content_jaccard=1.0,
        containment=1.0,
        coverage_gap=0.0,
        length_ratio=1.0,
        names_jaccard=1.0,
        numbers_differ=0.0,
        negation_differs=0.0,
    )
    assert model.probability(identical[None, :])[0] > model.threshold


@pytest.mark.parametrize("feature", ["negation_differs", "numbers_differ"])
def test_a_contradiction_lowers_the_probability(feature: str) -> None:
    model = default_model()
    rows = np.stack([_row(**{feature: 0.0}), _row(**{feature: 1.0})])
    agree, contradict = model.probability(rows)
    assert contradict < agree


def test_json_round_trip_keeps_the_model_and_adds_provenance() -> None:
    model = default_model()
    text = model.to_json(note="refit for a test", folds=5)
    data = json.loads(text)
    assert data["features"] == list(FEATURE_NAMES)
    assert data["note"] == "refit for a test" and data["folds"] == 5
    again = SameClaimModel.from_json(text)
    for name in ("mean", "scale", "coef"):
        np.testing.assert_array_equal(getattr(again, name), getattr(model, name))
    for name in ("intercept", "threshold", "partial_threshold", "coverage_threshold"):
        assert getattr(again, name) == getattr(model, name)
    rows = np.stack([_row(cosine=c) for c in (0.4, 0.9)])
    np.testing.assert_array_equal(again.probability(rows), model.probability(rows))


@pytest.mark.parametrize(
    "features",
    [
        [*FEATURE_NAMES[:-1], "quote_overlap"],  # a renamed feature
        list(FEATURE_NAMES[:-1]),  # one missing
        list(reversed(FEATURE_NAMES)),  # another order
    ],
)
def test_model_fitted_on_other_features_is_refused(features: list[str]) -> None:
    data = json.loads(default_model().to_json())
    data["features"] = features
    with pytest.raises(ValueError, match=r"refit it with eval/same_claim\.py --write-model"):
        SameClaimModel.from_json(json.dumps(data))
