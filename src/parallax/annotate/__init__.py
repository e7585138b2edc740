"""Annotate: articles → sentences, tokens and named entities (spaCy), one language interface."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.annotate.entities import (
    drop_capitalised_common_words,
    harmonise_entity_labels,
    recover_missed_mentions,
)
from parallax.annotate.languages import LANGUAGES, LanguageSpec, detect_language
from parallax.annotate.pipeline import ParsedArticle, annotate_articles, annotate_sentences
from parallax.types import Article

__all__ = [
    "LANGUAGES", "LanguageSpec", "ParsedArticle", "annotate", "annotate_sentences",
    "detect_language",
]


def annotate(articles: Sequence[Article]) -> list[ParsedArticle]:
    """Sentences, tokens and entities of each article, entity labels consistent across them,
    each with annotate's parse for the analysers (`ParsedArticle`)."""
    parsed = drop_capitalised_common_words(annotate_articles(articles))
    return recover_missed_mentions(harmonise_entity_labels(parsed))
