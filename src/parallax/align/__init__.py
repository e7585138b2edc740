"""Align: sentences of several articles → claims (who says the same thing, who alone says it)."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.align.claims import Cutoffs, group_claims
from parallax.align.classifier import SameClaimModel, default_model
from parallax.align.embed import Encoder
from parallax.align.extra import with_extra
from parallax.types import AnnotatedArticle, Claim

__all__ = ["Encoder", "SameClaimModel", "align", "default_model"]


def align(
    articles: Sequence[AnnotatedArticle],
    *,
    encoder: Encoder,
    model: SameClaimModel | None = None,
    link_threshold: float | None = None,
    coverage_threshold: float | None = None,
    paraphrase_threshold: float | None = None,
) -> list[Claim]:
    """The claims of the articles: shared ones with their statements, and unique ones.

    Sentences annotate marked as non-claims (`Sentence.nonclaim`) are in no claim.
    """
    model = model or default_model()
    cutoffs = Cutoffs(
        probability=model.partial_threshold if link_threshold is None else link_threshold,
        coverage=model.coverage_threshold if coverage_threshold is None else coverage_threshold,
        paraphrase=model.threshold if paraphrase_threshold is None else paraphrase_threshold,
    )
    embeddings = [encoder.embed([s.text for s in a.sentences]) for a in articles]
    return with_extra(group_claims(articles, embeddings, model, cutoffs), articles)
