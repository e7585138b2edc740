"""Headline vectors for story clustering: all-MiniLM-L6-v2 over the title.

Two outlets telling one story often word its headline differently ("curb anti-Asian
American hate crimes" / "AAPI hate crimes legislation"); a sentence embedding of the
headline catches part of what shared words miss. Only the headline is embedded (at most
HEADLINE_PIECES word pieces, against ~120 for title + lead), so the 37,554 AllSides
articles take a few minutes on 2 CPU cores. Calibration and figures: docs/evaluation.md,
"Story clustering".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from parallax.align.embed import EMBEDDING_DIM, load_model

__all__ = ["HEADLINE_PIECES", "VECTOR_DIM", "title_vectors"]

VECTOR_DIM = EMBEDDING_DIM
# Every headline is padded to this many word pieces (AllSides headlines average ~15): with
# one shape for all, an article's vector does not depend on the articles embedded with it
# (padded only to the batch's longest, 26 of 100 headlines embedded alone differed in the
# last bits from the same headlines in a batch).
HEADLINE_PIECES = 32
_BATCH = 64
"""Headlines per encoder pass: a throughput setting chosen by hand, not calibrated (every pass
is padded to it, so a vector does not depend on its batch)."""


def title_vectors(titles: Sequence[str]) -> npt.NDArray[np.float32]:
    """A `(len(titles), VECTOR_DIM)` array of unit headline vectors; zeros for an empty title."""
    import torch

    vectors = np.zeros((len(titles), VECTOR_DIM), dtype=np.float32)
    present = [n for n, title in enumerate(titles) if title.strip()]
    if not present:
        return vectors
    model = load_model("cpu")
    for start in range(0, len(present), _BATCH):
        chunk = present[start : start + _BATCH]
        # Every pass has the same shape (_BATCH rows of HEADLINE_PIECES), so a row's vector
        # does not depend on which other titles share its batch: multi-threaded kernels
        # choose their blocking by shape.
        texts = [titles[n] for n in chunk] + [""] * (_BATCH - len(chunk))
        features = model.tokenizer(
            texts, padding="max_length", max_length=HEADLINE_PIECES,
            truncation=True, return_tensors="pt",
        )  # fmt: skip
        with torch.inference_mode():
            output = model(dict(features))["sentence_embedding"].numpy()[: len(chunk)]
        vectors[chunk] = output / np.maximum(np.linalg.norm(output, axis=1, keepdims=True), 1e-12)
    return vectors
