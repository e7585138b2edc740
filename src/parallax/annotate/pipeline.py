"""Sentences, tokens and named entities of articles, from spaCy run paragraph by paragraph;
the sentences that state nothing about the event are marked (`nonclaims.py`).

The parse is the one spaCy parse of a comparison: it travels on with each article in its
`ParsedArticle` record (a doc per paragraph and one of the title), so the analysers that
read dependencies (quotes, quantities, reported speech, the headline) never parse again.
A bounded cache of paragraph docs is a private speed-up of this module only (a corpus
compares many stories that share paragraphs). spaCy reads a same-length view of each
paragraph (`parse_view`), so every offset of a doc still indexes the paragraph.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from parallax.annotate.languages import (
    LanguageSpec,
    language_of,
    resolve_languages,
    spacy_pipeline,
)
from parallax.annotate.nonclaims import nonclaim_kinds
from parallax.errors import InputError
from parallax.types import AnnotatedArticle, Article, Entity, Sentence, Span, Token

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

_BATCH_SIZE = 64
"""Paragraphs per `nlp.pipe` batch: a throughput setting chosen by hand, not calibrated."""
CACHE_SIZE = 4096
"""Paragraph docs kept for reuse: several comparisons of 20 articles (~300 paragraphs each)."""


@dataclass(frozen=True, slots=True)
class ParsedArticle(AnnotatedArticle):
    """An annotated article with annotate's spaCy parse, for the analysers that read it.

    `paragraph_docs[i]` is the doc of the article's i-th paragraph span (its offsets index
    that paragraph's text), `title_doc` the doc of the title and `title_sentence` the title
    as one unsplit sentence (both None when there is no title).
    The parse never leaves a comparison: `plain()` is what a `Comparison` keeps.
    """

    paragraph_docs: tuple[Doc, ...] = field(default=(), compare=False, repr=False)
    title_doc: Doc | None = field(default=None, compare=False, repr=False)
    title_sentence: Sentence | None = field(default=None, compare=False, repr=False)

    def plain(self) -> AnnotatedArticle:
        """The record without the parse."""
        return AnnotatedArticle(self.article, self.language, self.sentences, self.entities)


_GLUED = re.compile(r"(?<=[,.!?])[”\"](?=\w)|(?<=\w)[“](?=\w)")
_VIEW = str.maketrans({"―": "—", "\u00a0": " "})


def parse_view(text: str) -> str:
    """The text spaCy reads in place of `text`, of the same length.

    A closing mark glued to the next word ("…,”Clinton said") becomes a space, which would
    otherwise hide the word in one token; a horizontal bar (“…” ― Carla Sanchez), which
    spaCy tags as a word, an em dash; a no-break space a space.
    """
    return _GLUED.sub(" ", text).translate(_VIEW)


class _DocCache:
    """The most recently used paragraph docs, by language and text."""

    def __init__(self, size: int) -> None:
        self._docs: OrderedDict[tuple[str, str], Doc] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> Doc | None:
        with self._lock:
            doc = self._docs.get(key)
            if doc is not None:
                self._docs.move_to_end(key)
            return doc

    def clear(self) -> None:
        with self._lock:
            self._docs.clear()

    def put(self, key: tuple[str, str], doc: Doc) -> None:
        with self._lock:
            self._docs[key] = doc
            self._docs.move_to_end(key)
            while len(self._docs) > self._size:
                self._docs.popitem(last=False)


_CACHE = _DocCache(CACHE_SIZE)


def _parse(language: str, texts: Sequence[str]) -> list[Doc]:
    """spaCy docs of paragraph texts in a supported language, each text parsed at most once
    while it stays among the last `CACHE_SIZE` parsed; offsets index the given texts."""
    docs: list[Doc | None] = [_CACHE.get((language, text)) for text in texts]
    missing = list(dict.fromkeys(t for t, d in zip(texts, docs, strict=True) if d is None))
    if missing:
        nlp = spacy_pipeline(language)
        parsed = dict(zip(missing, nlp.pipe((parse_view(t) for t in missing),
                                            batch_size=_BATCH_SIZE), strict=True))
        for text, doc in parsed.items():
            _CACHE.put((language, text), doc)
        docs = [d if d is not None else parsed[t] for t, d in zip(texts, docs, strict=True)]
    return [d for d in docs if d is not None]


def clear_parse_cache() -> None:
    """Forget every cached parse, so that the next comparison parses afresh."""
    _CACHE.clear()


def paragraph_spans(article: Article) -> tuple[Span, ...]:
    """The article's paragraph spans, or its trimmed whole text when ingest gave none."""
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


def _tokens(sent: SpacySpan | Doc, offset: int, spec: LanguageSpec,
            text: str) -> tuple[Token, ...]:
    """The tokens of a parsed span, cut from `text` (whose `offset` the doc starts at)."""
    return tuple(
        Token(
            start=offset + t.idx,
            end=offset + t.idx + len(t.text),
            text=text[offset + t.idx:offset + t.idx + len(t.text)],
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
    article: Article, docs: Sequence[tuple[Span, Doc]], title: Doc | None, spec: LanguageSpec
) -> ParsedArticle:
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
                         _tokens(sent, para.start, spec, article.text))
            )
            entities.extend(
                Entity(para.start + ent.start_char, para.start + ent.end_char, ent.text,
                       ent.label_, index)
                for ent in sent.ents
            )
    kinds = nonclaim_kinds(article.text, [para for para, _ in docs], sentences)
    sentences = [s if kind is None else replace(s, nonclaim=kind)
                 for s, kind in zip(sentences, kinds, strict=True)]
    title_text = article.title or ""
    title_sentence = None if title is None else Sentence(
        0, 0, len(title_text), title_text, 0, _tokens(title, 0, spec, title_text))
    return ParsedArticle(article, spec.code, tuple(sentences), tuple(entities),
                         tuple(doc for _, doc in docs), title, title_sentence)


def _groups_by_language(
    articles: Sequence[Article],
) -> Iterator[tuple[LanguageSpec, list[int]]]:
    groups: dict[str, tuple[LanguageSpec, list[int]]] = {}
    for i, spec in enumerate(resolve_languages(articles)):
        if isinstance(spec, InputError):
            raise spec
        groups.setdefault(spec.code, (spec, []))[1].append(i)
    yield from groups.values()


def annotate_articles(articles: Sequence[Article]) -> list[ParsedArticle]:
    """Split each article into sentences with tokens and named entities, non-claims marked,
    parse kept.

    Raises InputError (naming the article) for a language that is not supported.
    """
    result: list[ParsedArticle | None] = [None] * len(articles)
    for spec, indices in _groups_by_language(articles):
        jobs = [(i, para) for i in indices for para in paragraph_spans(articles[i])]
        texts = [articles[i].text[p.start:p.end] for i, p in jobs]
        per_article: dict[int, list[tuple[Span, Doc]]] = {i: [] for i in indices}
        for (i, para), doc in zip(jobs, _parse(spec.code, texts), strict=True):
            per_article[i].append((para, doc))
        titled = {i: title for i in indices if (title := articles[i].title or "").strip()}
        titles = dict(zip(titled, _parse(spec.code, list(titled.values())), strict=True))
        for i in indices:
            result[i] = _convert(articles[i], per_article[i], titles.get(i), spec)
    return [a for a in result if a is not None]


def annotate_sentences(texts: Sequence[str], language: str = "en") -> list[Sentence]:
    """Each text annotated as one sentence, unsplit (for sentence-pair data such as MRPC)."""
    spec = language_of("", language, origin=None)
    nlp = spacy_pipeline(spec.code)
    return [
        Sentence(i, 0, len(text), text, 0, _tokens(doc, 0, spec, text))
        for i, (text, doc) in enumerate(zip(texts, nlp.pipe(texts, batch_size=256), strict=True))
    ]
