"""Actor labels: which words of a sentence are labels, and the label each one gets."""

from __future__ import annotations

from helpers.models import encoder

from parallax.analyse.framing.labels import find_labels
from parallax.types import Sentence, Token


def sentence(*words: tuple[str, str, str]) -> Sentence:
    """A sentence of (text, lemma, part of speech) tokens, one space apart."""
    tokens, start = [], 0
    for text, lemma, pos in words:
        tokens.append(Token(start, start + len(text), text, lemma, pos, False, False, False))
        start += len(text) + 1
    return Sentence(0, 0, start - 1, " ".join(w[0] for w in words), 0, tuple(tokens))


def test_a_participle_tagged_as_a_noun_is_no_plural() -> None:
    # A participle lemmatised as its verb ("battered" → "batter") is no plural noun: the
    # verb, a noun for people in its own right ("a batter"), must not become an actor label.
    s = sentence(("Aid", "aid", "NOUN"), ("reached", "reach", "VERB"), ("the", "the", "DET"),
                 ("battered", "batter", "NOUN"), (".", ".", "PUNCT"))
    assert find_labels([s], encoder=encoder()) == []


def test_plurals_regular_and_irregular_are_labels() -> None:
    s = sentence(("The", "the", "DET"), ("women", "woman", "NOUN"), ("and", "and", "CCONJ"),
                 ("activists", "activist", "NOUN"), ("met", "meet", "VERB"),
                 (".", ".", "PUNCT"))
    labels = [o.sense.label for o in find_labels([s], encoder=encoder())]
    assert labels == ["woman", "activist"]
