"""Loaded sentences: the sentence judgement of the outlet's own voice, and its model file."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from helpers.models import encoder

import parallax
from parallax.analyse.framing import framing_of
from parallax.analyse.framing.sentences import checksum, read_model, shipped_model
from parallax.analyse.quotes.extract import extract_many
from parallax.annotate import annotate
from parallax.types import AnnotatedArticle, Framing

LOADED = "The regime's brutal, shameless thugs unleashed a disgraceful reign of terror."
NEUTRAL = "The city council met on Tuesday to discuss the budget for next year."


def framing(*texts: str) -> tuple[list[AnnotatedArticle], Framing]:
    articles = annotate([parallax.load_text(t, source=f"s{i}", title="")
                         for i, t in enumerate(texts)])
    quotes = [q for quotes in extract_many(articles) for q in quotes]
    return articles, framing_of(articles, quotes, encoder=encoder())


def shipped_text() -> str:
    return (resources.files("parallax.analyse.framing") / "loaded_sentences.json").read_text(
        encoding="utf-8")


def test_a_loaded_sentence_is_more_likely_loaded_than_a_neutral_one() -> None:
    articles, found = framing(f"{LOADED}\n\n{NEUTRAL}")
    judged = {articles[0].article.text[j.start:j.end]: j for j in found.loaded_sentences}
    assert set(judged) == {LOADED, NEUTRAL}
    assert judged[LOADED].probability > judged[NEUTRAL].probability
    assert judged[LOADED].loaded and not judged[NEUTRAL].loaded
    assert 0.0 <= judged[NEUTRAL].probability <= judged[LOADED].probability <= 1.0
    # the marked words of the loaded sentence are its evidence
    assert any(w.sentence == judged[LOADED].sentence for w in found.loaded)


def test_a_quoted_loaded_sentence_is_not_the_outlets_voice() -> None:
    text = f"{NEUTRAL}\n\n“{LOADED}” said Ana Lopez, a local activist."
    articles, found = framing(text)
    judged = [articles[0].article.text[j.start:j.end] for j in found.loaded_sentences]
    assert judged == [NEUTRAL]


def test_the_shipped_model_reads_and_a_tampered_one_is_refused() -> None:
    shipped = shipped_text()
    assert read_model(shipped).body() == shipped_model().body()
    data = json.loads(shipped)
    data["model"]["coef"][0] += 1.0
    with pytest.raises(ValueError, match="checksum or version"):
        read_model(json.dumps(data))


def test_a_model_of_the_wrong_shape_is_refused() -> None:
    data = json.loads(shipped_text())
    data["model"]["coef"] = data["model"]["coef"][:-1]
    # a consistent checksum over a body of the wrong shape still fails loudly

    data["sha256"] = checksum(data["model"])
    with pytest.raises(ValueError, match="wrong shape"):
        read_model(json.dumps(data))
