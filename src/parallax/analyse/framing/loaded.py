"""Loaded language: words with strong connotation in the outlet's own voice.

A word is loaded when its weight in `loaded_words.json` (fitted on BABE by
`eval/babe_bias.py --write-model`, checked by its SHA-256) reaches the shipped cut-off. A
weight estimates how often expert annotators mark the word biased where it occurs, from the
word's own record in BABE pooled with a prior predicted from the word alone
(`eval/loaded_lexicon.py`), so a word marked once in a biased sentence is not enough.
The word must also carry the connotation itself where it stands: names, numbers and
function words never do, nor verbs and nouns of saying ("asserted", "claims"), which
attribute words to a speaker rather than judge them. Its category comes from the Empath
lexicon (Fast et al., CHI 2016; the `empath` package ships it): violence,
delegitimisation or emotion, else opinion. Words inside quotations, scare quotes or
reported speech are the speaker's, not the outlet's, and are left out.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from parallax.analyse.quotes.speakers import SPEECH_LEMMAS
from parallax.types import AnnotatedArticle, LoadedWord, Sentence, Span, Token

__all__ = ["CATEGORIES", "WORD", "Lexicon", "category_of", "loaded_words", "read_lexicon",
           "read_weights", "shipped_lexicon", "word_weights"]

MODEL_VERSION = 2
"""The version of `loaded_words.json` this code reads (written by eval/babe_bias.py): a format
number, not tuned."""
WORD = re.compile(r"(?u)\b\w[\w'-]*\w\b|\b\w\b")
"""A word as the weights count it: hyphenated compounds ("anti-science") are one word."""
CATEGORIES: dict[str, tuple[str, ...]] = {
    "violence": ("violence", "kill", "weapon", "war", "aggression", "terrorism", "fight"),
    "delegitimisation": ("crime", "ridicule", "swearing_terms", "hate", "deception",
                         "dispute"),
    "emotion": ("negative_emotion", "anger", "fear", "disgust", "rage", "suffering",
                "sadness", "shame", "positive_emotion", "horror", "nervousness"),
}
"""Our categories as unions of Empath's, tried in this order."""
_NO_CONNOTATION = frozenset({"PROPN", "NUM", "PUNCT", "SYM", "X", "AUX", "DET", "PRON"})
ATTRIBUTION_VERBS = SPEECH_LEMMAS | {"accuse", "describe", "call", "label", "term", "cite"}
"""Verbs that attribute words to a speaker (lemmas)."""
SPEECH_NOUNS = frozenset({"claim", "allegation", "accusation", "assertion", "statement",
                          "remark", "comment", "denial", "admission", "word"})
"""Nouns that name what a speaker said (lemmas)."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word weights and the weight from which a word counts as loaded."""

    weights: Mapping[str, float]
    cutoff: float


def read_lexicon(text: str) -> Lexicon:
    """The lexicon in the text of a `loaded_words.json`, checked against its checksum and
    version (ValueError if they do not match)."""
    data = json.loads(text)
    weights: dict[str, float] = data.get("weights", {})
    body = json.dumps(weights, sort_keys=True, ensure_ascii=False)
    if data.get("version") != MODEL_VERSION or \
            hashlib.sha256(body.encode()).hexdigest() != data.get("sha256"):
        raise ValueError("loaded_words.json does not match its checksum or version: "
                         "refit it with eval/babe_bias.py --write-model")
    return Lexicon(weights, float(data["cutoff"]))


def read_weights(text: str) -> dict[str, float]:
    """The word weights of a `loaded_words.json` (checked as by `read_lexicon`)."""
    return dict(read_lexicon(text).weights)


@cache
def shipped_lexicon() -> Lexicon:
    """The shipped lexicon."""
    return read_lexicon(resources.files("parallax.analyse.framing")
                        .joinpath("loaded_words.json").read_text(encoding="utf-8"))


def word_weights() -> dict[str, float]:
    """The shipped word weights."""
    return dict(shipped_lexicon().weights)


@cache
def _empath() -> dict[str, str]:
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
    lexicon = _empath()
    return lexicon.get(word.lower()) or lexicon.get(lemma.lower()) or "opinion"


def _words(sentence: Sentence) -> Iterator[tuple[int, int, list[Token]]]:
    """Each word of a sentence (offsets in the article) with the tokens it covers."""
    for match in WORD.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        yield start, end, [t for t in sentence.tokens if t.start < end and start < t.end]


def _carries_connotation(tokens: list[Token]) -> bool:
    """Whether a word can carry connotation by itself where it stands."""
    words = [t for t in tokens if t.pos != "PUNCT"]
    if not words or all(t.pos in _NO_CONNOTATION for t in words):
        return False
    if len(words) > 1:
        return True  # a compound ("anti-science", "Mussolini-like")
    token = words[0]
    lemma = token.lemma.lower()
    return not (token.is_stop or token.pos in _NO_CONNOTATION
                or (token.pos == "VERB" and lemma in ATTRIBUTION_VERBS)
                or (token.pos == "NOUN" and lemma in SPEECH_NOUNS))


def loaded_words(article: AnnotatedArticle, not_own: Sequence[Span],
                 lexicon: Lexicon | None = None) -> list[LoadedWord]:
    """The loaded words of an article outside the spans that are not in its own voice
    (by the shipped lexicon unless another is given)."""
    lexicon = lexicon or shipped_lexicon()
    found = []
    for sentence in article.sentences:
        for start, end, tokens in _words(sentence):
            text = article.article.text[start:end]
            weight = lexicon.weights.get(text.lower())
            if weight is None or weight < lexicon.cutoff or not _carries_connotation(tokens):
                continue
            if any(s.start <= start < s.end for s in not_own):
                continue
            lemma = tokens[-1].lemma if tokens else text
            found.append(LoadedWord(article.id, start, end, text, sentence.index,
                                    category_of(text, lemma), weight))
    return found
