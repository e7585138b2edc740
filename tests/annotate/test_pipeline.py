"""Sentences, tokens and entities from spaCy, with offsets into `Article.text`."""

from __future__ import annotations

import pytest

import parallax
from parallax.analyse.quotes.extract import extract_quotes
from parallax.annotate import annotate, annotate_sentences, pipeline
from parallax.annotate.pipeline import (
    annotate_articles,
    parse_view,
)
from parallax.errors import InputError
from parallax.types import AnnotatedArticle, Article, Span

STORY = (
    "Angela Merkel met Emmanuel Macron in Paris on Friday. They did not agree on the budget.\n\n"
    "Later, Joe Biden called both leaders from Washington. He never mentioned trade."
)


def _article(text: str, paragraphs: tuple[Span, ...] = (), article_id: str = "a1") -> Article:
    return Article(id=article_id, text=text, source="Example Post", paragraphs=paragraphs)


@pytest.fixture(scope="module")
def story() -> AnnotatedArticle:
    first = STORY.index("Angela")
    second = STORY.index("Later")
    paragraphs = (Span(first, STORY.index("\n\n")), Span(second, len(STORY)))
    (annotated,) = annotate([_article(STORY, paragraphs)])
    return annotated


def test_sentences_are_split_and_numbered_in_order(story: AnnotatedArticle) -> None:
    assert [s.text for s in story.sentences] == [
        "Angela Merkel met Emmanuel Macron in Paris on Friday.",
        "They did not agree on the budget.",
        "Later, Joe Biden called both leaders from Washington.",
        "He never mentioned trade.",
    ]
    assert [s.index for s in story.sentences] == [0, 1, 2, 3]
    assert [s.paragraph for s in story.sentences] == [0, 0, 1, 1]
    assert story.language == "en"
    assert story.id == "a1"


def test_sentence_and_token_offsets_cut_the_article_text(story: AnnotatedArticle) -> None:
    text = story.article.text
    for sentence in story.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.tokens
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text
            assert sentence.start <= token.start < token.end <= sentence.end


def test_entities_carry_offsets_and_their_sentence(story: AnnotatedArticle) -> None:
    text = story.article.text
    found = {e.text: e for e in story.entities}
    assert {"Angela Merkel", "Emmanuel Macron", "Paris", "Joe Biden", "Washington"} <= set(found)
    for entity in story.entities:
        assert text[entity.start : entity.end] == entity.text
        sentence = story.sentences[entity.sentence]
        assert sentence.start <= entity.start and entity.end <= sentence.end
    assert found["Angela Merkel"].sentence == 0
    assert found["Joe Biden"].sentence == 2
    assert found["Washington"].sentence == 2
    assert found["Angela Merkel"].label == "PERSON"
    assert found["Paris"].label == "GPE"


def test_negation_words_are_flagged(story: AnnotatedArticle) -> None:
    flagged = {t.text for s in story.sentences for t in s.tokens if t.is_negation}
    assert flagged == {"not", "never"}
    assert not any(t.is_negation for t in story.sentences[0].tokens)


def test_tokens_have_lemmas_and_parts_of_speech(story: AnnotatedArticle) -> None:
    tokens = {t.text: t for t in story.sentences[1].tokens}
    assert tokens["did"].lemma == "do"
    assert tokens["budget"].pos == "NOUN"
    assert tokens["the"].is_stop and not tokens["budget"].is_stop
    assert tokens["."].pos == "PUNCT"


@pytest.mark.parametrize("separator", [" ", "\n", "\n\n"])
def test_sentences_never_cross_a_paragraph_boundary(separator: str) -> None:
    # A headline-like paragraph without a full stop, then a lower-case sentence: spaCy alone
    # reads the two as one sentence; the paragraph spans must keep them apart.
    first = "Markets fell sharply in London on Monday"
    second = "investors sold shares in British banks after the report."
    text = first + separator + second
    paragraphs = (Span(0, len(first)), Span(len(first) + len(separator), len(text)))
    (annotated,) = annotate([_article(text, paragraphs)])
    assert [(s.paragraph, s.text) for s in annotated.sentences] == [(0, first), (1, second)]
    for sentence in annotated.sentences:
        span = paragraphs[sentence.paragraph]
        assert span.start <= sentence.start and sentence.end <= span.end


def test_text_outside_paragraph_spans_is_left_out() -> None:
    # Ingest leaves list markers outside the paragraph spans; they must not become text.
    article = parallax.load_text(
        "Key points:\n\n"
        "• Police closed the Westway bridge on Monday\n"
        "• Traffic was diverted through Acton\n"
        "- Repairs will take two weeks",
        source="Local News",
        title="Bridge closed",
    )
    (annotated,) = annotate([article])
    assert [s.text for s in annotated.sentences] == [
        "Key points:",
        "Police closed the Westway bridge on Monday",
        "Traffic was diverted through Acton",
        "Repairs will take two weeks",
    ]
    assert [s.paragraph for s in annotated.sentences] == [0, 1, 2, 3]
    assert not any(t.text in "•-" for s in annotated.sentences for t in s.tokens)


def test_article_without_paragraph_spans_is_one_paragraph_trimmed() -> None:
    text = "   The bridge closed on Monday. It reopened on Friday.  \n"
    (annotated,) = annotate([_article(text)])
    assert [s.text for s in annotated.sentences] == [
        "The bridge closed on Monday.",
        "It reopened on Friday.",
    ]
    assert {s.paragraph for s in annotated.sentences} == {0}
    assert annotated.sentences[0].start == 3


def test_blank_article_has_no_sentences() -> None:
    (annotated,) = annotate_articles([_article("   \n\n  ")])
    assert annotated.sentences == ()
    assert annotated.entities == ()


def test_articles_come_back_in_input_order() -> None:
    articles = [
        _article("The first report says the bridge closed.", article_id="one"),
        _article("A second report says traffic was diverted.", article_id="two"),
        _article("A third report says repairs take two weeks.", article_id="three"),
    ]
    assert [a.id for a in annotate(articles)] == ["one", "two", "three"]


def test_annotate_sentences_keeps_each_text_as_one_sentence() -> None:
    texts = ["The minister resigned. She left on Friday.", "Police did not confirm it."]
    sentences = annotate_sentences(texts)
    assert [s.text for s in sentences] == texts
    assert [s.index for s in sentences] == [0, 1]
    assert all(s.start == 0 and s.end == len(s.text) for s in sentences)
    assert [t.text for t in sentences[0].tokens if t.pos == "PUNCT"] == [".", "."]
    assert [t.text for t in sentences[1].tokens if t.is_negation] == ["not"]


def test_annotate_sentences_refuses_an_unsupported_language() -> None:
    with pytest.raises(InputError, match="English"):
        annotate_sentences(["Bonjour."], language="fr")


def test_the_parse_travels_with_the_article_to_the_analysers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Lena Ortiz opened the bridge on Monday. “It is finally done,” she said."
    article = Article(id="a1", text=text, source="Example Post", title="Bridge opens")
    (annotated,) = annotate([article])
    assert [d.text for d in annotated.paragraph_docs] == [annotated.article.text]
    assert annotated.title_doc is not None and annotated.title_doc.text == "Bridge opens"
    assert annotated.title_sentence is not None
    assert annotated.title_sentence.text == "Bridge opens"
    calls: list[str] = []
    monkeypatch.setattr(pipeline, "spacy_pipeline", lambda code: calls.append(code))
    quotes = extract_quotes(annotated)  # reads the docs it was given, parses nothing
    assert calls == [] and [q.speaker for q in quotes] == ["Lena Ortiz"]
    plain = annotated.plain()
    assert type(plain) is AnnotatedArticle
    assert (plain.sentences, plain.entities) == (annotated.sentences, annotated.entities)


def test_parse_view_keeps_offsets_and_reads_a_horizontal_bar_as_a_dash() -> None:
    text = "“We are not done,”― Carla Sanchez\u00a0said,”Anna left."
    assert len(parse_view(text)) == len(text)
    (annotated,) = annotate([_article(text)])
    tokens = [t for s in annotated.sentences for t in s.tokens]
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert "―" in [t.text for t in tokens]
    assert {e.text for e in annotated.entities if e.label == "PERSON"} >= {"Carla Sanchez"}
