"""Sentences, tokens and named entities of articles, from spaCy run paragraph by paragraph."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from parallax.annotate.languages import LanguageSpec, language_of, spacy_pipeline
from parallax.types import AnnotatedArticle, Article, Entity, Sentence, Span, Token

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

_BATCH_SIZE = 64


def _paragraphs(article: Article) -> tuple[Span, ...]:
    """The article's paragraph spans, or the whole text when ingest gave none."""
    if article.paragraphs:
        return article.paragraphs
    stripped = article.text.strip()
    if not stripped:
        return ()
    start = article.text.index(stripped)
    return (Span(start, start + len(stripped)),)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """`[start, end)` without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _tokens(sent: SpacySpan | Doc, offset: int, spec: LanguageSpec) -> tuple[Token, ...]:
    return tuple(
        Token(
            start=offset + t.idx,
            end=offset + t.idx + len(t.text),
            text=t.text,
            lemma=t.lemma_.lower(),
            pos=t.pos_,
            is_stop=t.is_stop,
            is_negation=t.dep_ == "neg" or t.lower_ in spec.negations,
            like_num=t.like_num,
        )
        for t in sent
        if not t.is_space
    )


def _convert(
    article: Article, docs: Sequence[tuple[Span, Doc]], spec: LanguageSpec
) -> AnnotatedArticle:
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    for paragraph_index, (para, doc) in enumerate(docs):
        for sent in doc.sents:
            start, end = _trimmed(article.text, para.start + sent.start_char,
                                  para.start + sent.end_char)
            if start == end:
                continue
            index = len(sentences)
            sentences.append(
                Sentence(index, start, end, article.text[start:end], paragraph_index,
                         _tokens(sent, para.start, spec))
            )
            entities.extend(
                Entity(para.start + ent.start_char, para.start + ent.end_char, ent.text,
                       ent.label_, index)
                for ent in sent.ents
            )
    return AnnotatedArticle(article, spec.code, tuple(sentences), tuple(entities))


def _groups_by_language(
    articles: Sequence[Article],
) -> Iterator[tuple[LanguageSpec, list[int]]]:
    groups: dict[str, tuple[LanguageSpec, list[int]]] = {}
    for i, article in enumerate(articles):
        spec = language_of(article.text, article.language, origin=article.origin or article.id)
        groups.setdefault(spec.code, (spec, []))[1].append(i)
    yield from groups.values()


def annotate_articles(articles: Sequence[Article]) -> list[AnnotatedArticle]:
    """Split each article into sentences with tokens and named entities.

    Raises InputError (naming the article) for a language that is not supported.
    """
    result: list[AnnotatedArticle | None] = [None] * len(articles)
    for spec, indices in _groups_by_language(articles):
        nlp = spacy_pipeline(spec.code)
        jobs = [(i, para) for i in indices for para in _paragraphs(articles[i])]
        texts = (articles[i].text[p.start:p.end] for i, p in jobs)
        per_article: dict[int, list[tuple[Span, Doc]]] = {i: [] for i in indices}
        for (i, para), doc in zip(jobs, nlp.pipe(texts, batch_size=_BATCH_SIZE), strict=True):
            per_article[i].append((para, doc))
        for i in indices:
            result[i] = _convert(articles[i], per_article[i], spec)
    return [a for a in result if a is not None]


def annotate_sentences(texts: Sequence[str], language: str = "en") -> list[Sentence]:
    """Each text annotated as one sentence, unsplit (for sentence-pair data such as MRPC)."""
    spec = language_of("", language, origin=None)
    nlp = spacy_pipeline(spec.code)
    return [
        Sentence(i, 0, len(text), text, 0, _tokens(doc, 0, spec))
        for i, (text, doc) in enumerate(zip(texts, nlp.pipe(texts, batch_size=256), strict=True))
    ]
