"""The signals of a sentence pair that the same-claim model looks at."""

from __future__ import annotations

import numpy as np
import pytest

from parallax.align.embed import Embedding, Encoder
from parallax.align.features import (
    FEATURE_NAMES,
    coverage,
    pair_features,
    signals_of,
    story_weights,
)
from parallax.annotate import annotate_sentences

# Sentence pairs, annotated in one batch and embedded in one batch (see `pairs`).
PAIRS: dict[str, tuple[str, str]] = {
    "identical": (
        "Mayor Ellen Cole said 3,000 residents left Riverton on Tuesday.",
        "Mayor Ellen Cole said 3,000 residents left Riverton on Tuesday.",
    ),
    "did not": ("The minister resigned on Friday.", "The minister did not resign on Friday."),
    "never": ("The minister resigned on Friday.", "The minister never resigned on Friday."),
    "n't": ("The minister resigned on Friday.", "The minister didn't resign on Friday."),
    "both negated": ("The minister did not resign.", "The minister never resigned."),
    "other number": ("Police arrested 30 people.", "Police arrested 300 people."),
    "one number of three": (
        "Police arrested 30 people on 5 May.",
        "Police arrested 30 people on 6 May.",
    ),
    "20K": ("About 20K people marched.", "About 20,000 people marched."),
    "names": ("Merkel met Macron in Paris.", "Merkel met Biden in Paris."),
    "no names": ("The river rose overnight.", "Heavy rain fell for days."),
    "contained": (
        "The river flooded the town.",
        "After three days of heavy rain the river flooded the town and closed the school.",
    ),
    "paraphrase": (
        "Flooding forced 3,000 residents of Riverton to leave their homes.",
        "About 3,000 people in Riverton were evacuated from their homes.",
    ),
    "unrelated": (
        "Flooding forced 3,000 residents of Riverton to leave their homes.",
        "A new bakery opened on the high street last month.",
    ),
}


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder()


@pytest.fixture(scope="module")
def pairs(encoder: Encoder) -> dict[str, dict[str, float]]:
    """The named features of each pair of `PAIRS`, from the real annotation and embeddings.

    All spaCy work runs before all encoder work: alternating the two per pair costs about
    half a second a call on a small machine (their thread pools wait on each other).
    """
    texts = [text for pair in PAIRS.values() for text in pair]
    sentences = annotate_sentences(texts)
    vectors = encoder.encode(texts)
    result = {}
    for n, name in enumerate(PAIRS):
        a, b = 2 * n, 2 * n + 1
        values = pair_features(
            signals_of(sentences[a]), signals_of(sentences[b]), float(vectors[a] @ vectors[b])
        )
        assert values.shape == (len(FEATURE_NAMES),)
        result[name] = dict(zip(FEATURE_NAMES, values.tolist(), strict=True))
    return result


def test_identical_sentences(pairs: dict[str, dict[str, float]]) -> None:
    f = pairs["identical"]
    assert f["cosine"] == pytest.approx(1.0, abs=1e-5)
    assert f["content_jaccard"] == 1.0
    assert f["containment"] == 1.0
    assert f["coverage_gap"] == 0.0
    assert f["length_ratio"] == 1.0
    assert f["names_jaccard"] == 1.0
    assert f["numbers_differ"] == 0.0
    assert f["negation_differs"] == 0.0


@pytest.mark.parametrize("negation", ["did not", "never", "n't"])
def test_negated_against_plain_sentence(negation: str, pairs: dict[str, dict[str, float]]) -> None:
    f = pairs[negation]
    assert f["negation_differs"] == 1.0
    assert f["content_jaccard"] == 1.0  # same words otherwise: only negation tells them apart


def test_both_negated_is_no_difference(pairs: dict[str, dict[str, float]]) -> None:
    assert pairs["both negated"]["negation_differs"] == 0.0


def test_different_numbers(pairs: dict[str, dict[str, float]]) -> None:
    assert pairs["other number"]["numbers_differ"] == 1.0
    # {30, 5} against {30, 6}: two of the three values are not shared
    assert pairs["one number of three"]["numbers_differ"] == pytest.approx(2 / 3)


def test_same_number_written_differently_does_not_differ(
    pairs: dict[str, dict[str, float]],
) -> None:
    assert pairs["20K"]["numbers_differ"] == 0.0


def test_names(pairs: dict[str, dict[str, float]]) -> None:
    # {merkel, macron, paris} against {merkel, biden, paris}
    assert pairs["names"]["names_jaccard"] == pytest.approx(2 / 4)
    # no names on either side is no disagreement
    assert pairs["no names"]["names_jaccard"] == 1.0


def test_shorter_sentence_contained_in_longer(pairs: dict[str, dict[str, float]]) -> None:
    f = pairs["contained"]
    assert f["containment"] == 1.0  # all of the short one's content is in the long one
    assert f["coverage_gap"] > 0.4  # ...but not the other way round
    assert f["length_ratio"] < 0.5
    assert f["content_jaccard"] < 0.5


def test_paraphrase_scores_above_unrelated_sentence(pairs: dict[str, dict[str, float]]) -> None:
    paraphrase, unrelated = pairs["paraphrase"], pairs["unrelated"]
    assert paraphrase["cosine"] > unrelated["cosine"] + 0.3
    assert paraphrase["content_jaccard"] > unrelated["content_jaccard"]
    assert paraphrase["numbers_differ"] == 0.0 and unrelated["numbers_differ"] == 1.0


def test_signals_of_a_sentence() -> None:
    (sentence,) = annotate_sentences(["Police in Almaty did not arrest 20 protesters on Monday."])
    signals = signals_of(sentence)
    assert {"police", "almaty", "arrest", "protester", "monday", "20"} <= signals.content
    assert "in" not in signals.content and "." not in signals.content
    assert signals.names == {"almaty", "monday"}
    assert signals.numbers == {20.0}
    assert signals.negations == 1
    assert signals.length == 10  # words, without the full stop
    assert signals.has_predicate


def test_a_heading_has_no_predicate() -> None:
    (sentence,) = annotate_sentences(["Floods in Riverton"])
    assert not signals_of(sentence).has_predicate


def _embedding(ids: list[int], pieces: list[list[float]] | None = None) -> Embedding:
    vectors = np.eye(8, dtype=np.float16)[ids] if pieces is None else np.array(pieces)
    return Embedding(
        vector=np.zeros(8, dtype=np.float32),
        pieces=vectors.astype(np.float16),
        weights=np.ones(len(ids), dtype=np.float16),
        piece_ids=np.array(ids, dtype=np.int32),
    )


def test_story_weights_favour_rare_pieces() -> None:
    # piece 1 (the story's name) is in every sentence, piece 2 in one, piece 3 twice in one.
    sentences = [_embedding([1, 2]), _embedding([1, 4]), _embedding([1, 5]), _embedding([1, 3, 3])]
    weights = story_weights(sentences)
    assert weights[1] == pytest.approx(1.0)
    assert weights[2] > weights[1]
    assert weights[3] == pytest.approx(weights[2])  # counted once per sentence
    assert set(weights) == {1, 2, 3, 4, 5}


def test_coverage_discounts_words_the_whole_story_shares() -> None:
    short = _embedding([1, 2])  # "Tokayev resigned"
    other = _embedding([1, 3, 4])  # "Tokayev visited Moscow": shares only the name
    assert coverage(short, other, {}) == pytest.approx(0.5)
    story = story_weights([short, other, _embedding([1, 5]), _embedding([1, 6])])
    assert coverage(short, other, story) < 0.5
    assert coverage(short, short, story) == pytest.approx(1.0, abs=1e-3)


def test_coverage_of_an_empty_sentence_is_zero() -> None:
    empty = Embedding(
        np.zeros(8, dtype=np.float32),
        np.zeros((0, 8), dtype=np.float16),
        np.zeros(0, dtype=np.float16),
        np.zeros(0, dtype=np.int32),
    )
    assert coverage(empty, _embedding([1, 2]), {}) == 0.0
    assert coverage(_embedding([1, 2]), empty, {}) == 0.0


def test_coverage_with_real_embeddings(encoder: Encoder) -> None:
    texts = [
        "Flooding forced 3,000 residents of Riverton to leave their homes on Tuesday.",
        "About 3,000 people in Riverton were evacuated from their houses on Tuesday.",
        "A new bakery opened on the high street last month, selling sourdough bread.",
    ]
    a, paraphrase, unrelated = encoder.embed(texts)
    story = story_weights([a, paraphrase, unrelated])
    itself = coverage(a, a, story)
    assert itself == pytest.approx(1.0, abs=1e-3)
    assert coverage(a, unrelated, story) < coverage(a, paraphrase, story) < itself
    assert coverage(a, unrelated, story) < 0.4


def test_coverage_measures_the_shorter_sentence(encoder: Encoder) -> None:
    short, long = encoder.embed(PAIRS["contained"])
    story = story_weights([short, long])
    assert coverage(short, long, story) == pytest.approx(coverage(long, short, story), abs=1e-6)
    assert coverage(short, long, story) > 0.8  # all the short one says is in the long one
