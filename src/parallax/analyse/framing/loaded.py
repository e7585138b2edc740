"""Loaded language: words with strong connotation in the outlet's own voice.

A word is loaded when its weight in the bias model fitted on BABE (`eval/babe_bias.py`,
shipped as `loaded_words.json`, checked by its SHA-256) reaches the calibrated cut-off:
the words expert annotators' "biased" sentences use far more than neutral ones. Its
category comes from the Empath lexicon (Fast et al., CHI 2016; the `empath` package ships
it): violence, delegitimisation or emotion, else opinion. Words inside quotations, scare
quotes or reported speech are the speaker's, not the outlet's, and are left out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import cache
from importlib import resources

from parallax.types import AnnotatedArticle, LoadedWord, Span

__all__ = ["CATEGORIES", "category_of", "loaded_words", "read_weights", "word_weights"]

MODEL_VERSION = 1
CATEGORIES: dict[str, tuple[str, ...]] = {
    "violence": ("violence", "kill", "weapon", "war", "aggression", "terrorism", "fight"),
    "delegitimisation": ("crime", "ridicule", "swearing_terms", "hate", "deception",
                         "dispute"),
    "emotion": ("negative_emotion", "anger", "fear", "disgust", "rage", "suffering",
                "sadness", "shame", "positive_emotion", "horror", "nervousness"),
}
"""Our categories as unions of Empath's, tried in this order."""


def read_weights(text: str) -> dict[str, float]:
    """Word weights from the text of a `loaded_words.json`, checked against its checksum and
    version (ValueError if they do not match)."""
    data = json.loads(text)
    weights: dict[str, float] = data.get("weights", {})
    body = json.dumps(weights, sort_keys=True, ensure_ascii=False)
    if data.get("version") != MODEL_VERSION or \
            hashlib.sha256(body.encode()).hexdigest() != data.get("sha256"):
        raise ValueError("loaded_words.json does not match its checksum or version: "
                         "refit it with eval/babe_bias.py --write-model")
    return weights


@cache
def word_weights() -> dict[str, float]:
    """The shipped word weights."""
    return read_weights(resources.files("parallax.analyse.framing")
                        .joinpath("loaded_words.json").read_text(encoding="utf-8"))


@cache
def _lexicon() -> dict[str, str]:
    """Empath word → our category."""
    from empath import Empath

    categories: dict[str, list[str]] = Empath().cats
    words: dict[str, str] = {}
    for ours, theirs in CATEGORIES.items():
        for name in theirs:
            for word in categories.get(name, ()):
                words.setdefault(word, ours)
    return words


def category_of(word: str, lemma: str) -> str:
    """The connotation category of a word (see the module docstring)."""
    lexicon = _lexicon()
    return lexicon.get(word.lower()) or lexicon.get(lemma.lower()) or "opinion"


def loaded_words(article: AnnotatedArticle, not_own: Sequence[Span]) -> list[LoadedWord]:
    """The loaded words of an article outside the spans that are not in its own voice."""
    weights = word_weights()
    found = []
    for sentence in article.sentences:
        for token in sentence.tokens:
            weight = weights.get(token.text.lower())
            if weight is None or token.is_stop or token.pos in {"PROPN", "NUM", "PUNCT"}:
                continue
            if any(s.start <= token.start < s.end for s in not_own):
                continue
            found.append(LoadedWord(article.id, token.start, token.end, token.text,
                                    sentence.index, category_of(token.text, token.lemma),
                                    weight))
    return found
