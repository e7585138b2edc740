"""Loaded words: which words of the outlet's own voice are marked, and which never are."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.models import encoder

import parallax
from parallax.analyse.framing import framing_of
from parallax.analyse.framing.loaded import Lexicon, loaded_words, shipped_lexicon
from parallax.analyse.quotes.extract import extract_many
from parallax.annotate import annotate
from parallax.types import LoadedWord

EXAMPLE = Path(__file__).parents[3] / "examples" / "harbour-bridge"


def marked(text: str, weights: dict[str, float], cutoff: float = 0.3) -> list[str]:
    """The words `loaded_words` marks in one article with the given lexicon."""
    article = annotate([parallax.load_text(text, source="s", title="")])[0]
    return [w.text for w in loaded_words(article, (), Lexicon(weights, cutoff))]


def own_voice_marks(*paths: Path) -> list[list[str]]:
    """The loaded words framing reports for each compared article, by the shipped list."""
    articles = annotate([parallax.load(p) for p in paths])
    found = framing_of(articles, [q for quotes in extract_many(articles) for q in quotes],
                       encoder=encoder())
    return [[w.text.lower() for w in found.loaded if w.article == a.id] for a in articles]


@pytest.mark.parametrize(("text", "weights", "expected"), [
    # a verb or noun of saying attributes words to a speaker; it does not judge them
    ("The minister asserted that the reform was a disaster.",
     {"asserted": 0.9, "disaster": 0.9}, ["disaster"]),
    ("Her claims about the shameful deal spread fast.",
     {"claims": 0.9, "shameful": 0.9}, ["shameful"]),
    # names and numbers carry no connotation of the outlet's own
    ("Officials in Wuhan counted 30 cases.", {"wuhan": 0.9, "30": 0.9}, []),
    # a hyphenated compound is one word, as the weights count it
    ("It was an anti-science campaign.", {"anti-science": 0.9, "science": 0.9},
     ["anti-science"]),
    # below the cut-off is not loaded
    ("The plan is absurd and costly.", {"absurd": 0.6, "costly": 0.25}, ["absurd"]),
])
def test_which_words_are_marked(text: str, weights: dict[str, float],
                                expected: list[str]) -> None:
    assert marked(text, weights) == expected


def test_the_shipped_list_marks_loaded_words_with_offsets_and_category() -> None:
    text = "The regime's brutal crackdown was a shameful disgrace, critics of the plan wrote."
    article = annotate([parallax.load_text(text, source="s", title="")])[0]
    words = loaded_words(article, ())
    assert {"brutal", "shameful", "disgrace"} <= {w.text for w in words}
    for word in words:
        assert isinstance(word, LoadedWord) and text[word.start:word.end] == word.text
        assert word.weight >= shipped_lexicon().cutoff
        assert word.category in {"violence", "delegitimisation", "emotion", "opinion"}


def test_no_noise_on_the_seed_pair(seed_dir: Path) -> None:
    """Attribution verbs and neutral nouns of the seed pair are not loaded words."""
    marks = own_voice_marks(seed_dir / "000_d2e65f4c9432c01a.txt",
                            seed_dir / "001_9b04cd35a1cac6b3.txt")
    assert not {"asserted", "words", "belief"} & {w for article in marks for w in article}


def test_no_noise_in_a_plain_factual_report() -> None:
    """The bundled example is three plain reports of a bridge collapse: words of the
    literal event ("crashed into the water", "the north shore") are not loaded."""
    marks = own_voice_marks(*sorted(EXAMPLE.glob("*.txt")))
    assert not {"crashed", "shore"} & {w for article in marks for w in article}
