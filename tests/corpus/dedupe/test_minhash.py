"""MinHash signatures: shingles, deterministic signatures, Jaccard estimates, parameters."""

from __future__ import annotations

import numpy as np
import pytest
from helpers.corpus import rewrite, story_text

from parallax.corpus.dedupe.minhash import (
    DEFAULT_PARAMS,
    DedupeParams,
    band_keys,
    estimate_jaccard,
    shingle_hashes,
    shingles,
    signature,
)


def test_shingles_ignore_case_punctuation_and_spacing() -> None:
    a = shingles("The Bridge, closed on Friday -- said the council.")
    b = shingles("the bridge closed   on friday said the COUNCIL")
    assert a == b
    assert "the bridge closed on friday" in a
    assert shingles("Too short") == {"too short"}
    assert len(shingle_hashes("The Bridge, closed on Friday -- said the council.")) == len(a)


def test_signatures_are_deterministic_and_estimate_jaccard() -> None:
    text = story_text(1, 400)
    edited = rewrite(text, every=50)
    assert np.array_equal(signature(text), signature(text))
    true = len(shingles(text) & shingles(edited)) / len(shingles(text) | shingles(edited))
    estimate = estimate_jaccard(signature(text), signature(edited))
    assert abs(estimate - true) < 0.12  # 3 standard errors at 128 permutations
    assert estimate_jaccard(signature(text), signature(story_text(2, 400))) < 0.2


def test_params_are_validated_and_round_trip() -> None:
    assert DedupeParams.from_json(DEFAULT_PARAMS.to_json()) == DEFAULT_PARAMS
    assert DEFAULT_PARAMS.candidate_probability(0.75) > 0.99
    assert DEFAULT_PARAMS.candidate_probability(0.3) < 0.06
    with pytest.raises(ValueError, match=r"bands × rows \(40 × 5\) must not exceed num_perm"):
        DedupeParams(bands=40)
    with pytest.raises(ValueError, match="threshold must be in"):
        DedupeParams(threshold=0)
    assert len(band_keys(signature("a b c d e f"))) == DEFAULT_PARAMS.bands
