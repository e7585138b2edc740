"""One comparison's options, validated once, and the models it runs with.

    options = CompareOptions(link_threshold=0.6)
    comparison = parallax.compare(articles, options=options, models=Models.load())

`CompareOptions` is what a user may set (CLI flags, API fields, corpus commands all build
one); `key()` is its stable form, part of the corpus cache key, so a comparison cached with
other options is never served. `Models` is the bundle of loaded models a comparison needs;
entry points load it once (`Models.load()`) and pass it down, nothing below them fetches a
model by itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

if TYPE_CHECKING:
    from parallax.align.classifier import SameClaimModel
    from parallax.align.embed import Encoder

__all__ = ["CompareOptions", "Models"]


class CompareOptions(BaseModel):
    """What a user may change about a comparison; None keeps the calibrated default."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    link_threshold: float | None = Field(
        default=None, ge=0.0, le=1.0,
        description="Probability above which two sentences count as the same claim.")
    paraphrase_threshold: float | None = Field(
        default=None, ge=0.0, le=1.0,
        description="Probability above which a shared claim is a paraphrase, not partial.")
    skip: tuple[str, ...] = Field(
        default=(),
        description="Analysers to leave out (quotes, quantities, dates, entities, "
        "contradictions, framing): their sections stay empty.")

    device: str = Field(
        default="cpu", exclude=True,
        description="Where sentence embeddings run (cpu, cuda, cuda:N) when `compare` loads "
        "the models itself; results do not depend on it, so it is not part of the key.")

    @field_validator("skip")
    @classmethod
    def _known_analysers(cls, skip: tuple[str, ...]) -> tuple[str, ...]:
        from parallax.analyse.stage import ANALYSERS

        known = [a.name for a in ANALYSERS]
        unknown = [name for name in skip if name not in known]
        if unknown:
            raise ValueError(f"no analyser named {', '.join(unknown)}; "
                             f"the analysers are {', '.join(known)}")
        return tuple(sorted(set(skip)))

    def given(self) -> dict[str, object]:
        """The options set, as the JSON report's `options` shows them."""
        return self.model_dump(exclude_defaults=True)

    def key(self) -> str:
        """A stable string of the options set, for cache keys."""
        return json.dumps(self.given(), sort_keys=True)


@dataclass(frozen=True, slots=True)
class Models:
    """The loaded models of a comparison: the sentence encoder and the same-claim model."""

    encoder: Encoder
    same_claim: SameClaimModel

    @classmethod
    def load(cls, device: str | None = None) -> Models:
        """The shipped models, loaded once per process (on `device` when given)."""
        from parallax.align.classifier import default_model
        from parallax.align.embed import shared_encoder

        return cls(shared_encoder(device or "cpu"), default_model())
