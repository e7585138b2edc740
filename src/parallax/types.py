"""The plain data passed between the pipeline stages: ingest → annotate → align → report.

Every record is a frozen dataclass. Character offsets (`start`, `end`) always index
`Article.text`, end exclusive, so any span can be cut out of the text it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range `[start, end)` of `Article.text`."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as ingested: normalised text plus its metadata.

    `paragraphs` are the text's segments as the source laid them out; a bullet or list
    item is a paragraph of its own (its marker left outside the span).
    """

    id: str
    text: str
    source: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    origin: str | None = None
    paragraphs: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a sentence with its lemma, coarse part of speech and flags."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    is_stop: bool
    is_negation: bool
    like_num: bool


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity mention (spaCy label set: PERSON, ORG, GPE, DATE, …)."""

    start: int
    end: int
    text: str
    label: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, with its tokens and the paragraph it belongs to."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """An article with its sentences and named entities."""

    article: Article
    language: str
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()

    @property
    def id(self) -> str:
        """The article's id."""
        return self.article.id


class Relation(StrEnum):
    """How the statements of a claim relate to each other."""

    IDENTICAL = "identical"
    PARAPHRASE = "paraphrase"
    PARTIAL = "partial"  # one statement says more than the other
    UNIQUE = "unique"  # carried by one source only


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence that expresses a claim, with its similarity to the claim's other sources."""

    article: str
    sentence: int
    start: int
    end: int
    text: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Claim:
    """Something said by one or more articles: the statements that say the same thing."""

    id: str
    relation: Relation
    statements: tuple[Statement, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """Ids of the articles that carry this claim, in first-seen order."""
        return tuple(dict.fromkeys(s.article for s in self.statements))


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts a reader looks at first."""

    shared_claims: int
    unique_claims: dict[str, int]
    claims_by_source_count: dict[int, int]
    relations: dict[str, int]
    identical_articles: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing two or more articles; every report renders one of these."""

    articles: tuple[AnnotatedArticle, ...]
    claims: tuple[Claim, ...]
    summary: Summary
    options: dict[str, object] = field(default_factory=dict)

    def shared(self) -> tuple[Claim, ...]:
        """Claims carried by two or more articles."""
        return tuple(c for c in self.claims if len(c.sources) > 1)

    def unique_to(self, article_id: str) -> tuple[Claim, ...]:
        """Claims only the given article carries."""
        return tuple(c for c in self.claims if c.sources == (article_id,))

    def to_dict(self) -> dict[str, object]:
        """The JSON contract documented in docs/schema.md."""
        from parallax.report.json import comparison_to_dict

        return comparison_to_dict(self)
