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
class Quote:
    """A direct quotation and the person it is attributed to.

    `start`/`end` cover the quoted words without their quotation marks; a quote that runs
    over several sentences, or is interrupted by "he said", is one Quote whose `text` is
    the quoted words only. `speaker` is the canonical name, the same in every article of a
    comparison ("President Tokayev" and "Kassym-Jomart Tokayev" give one speaker).
    """

    id: str
    article: str
    start: int
    end: int
    text: str
    sentences: tuple[int, ...]
    speaker: str | None = None
    speaker_start: int | None = None  # where the speaker, or the pronoun for them, stands
    speaker_end: int | None = None
    cue: str | None = None  # the attribution: "said", "according to", ":"


class QuoteRelation(StrEnum):
    """How quotes of one utterance in different articles relate."""

    SAME = "same"  # the same words, or a translation / rewording of them
    PARTIAL = "partial"  # one quotes a fragment of what the other quotes


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """One utterance quoted by several articles."""

    quotes: tuple[str, ...]
    relation: QuoteRelation
    similarity: float


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it counts: "around 20K criminals and terrorists" → 20,000."""

    id: str
    article: str
    start: int
    end: int
    text: str
    sentence: int
    value: float  # the normalised value (the midpoint for a vague range)
    low: float | None = None  # "dozens" → 24..99; "at least 18" → 18..None
    high: float | None = None
    qualifier: str | None = None  # "around", "at least", "more than"…
    unit: str | None = None  # "%", "USD", "km"…
    counted: str | None = None  # what is counted: "protesters", "security officers"


class QuantityRelation(StrEnum):
    """How the counts of one thing in different articles relate."""

    AGREE = "agree"
    COMPATIBLE = "compatible"  # a vague count and a precise one that fits it
    CONFLICT = "conflict"


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """Counts of the same thing in several articles."""

    quantities: tuple[str, ...]
    relation: QuantityRelation
    counted: str | None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date an article mentions, resolved to the calendar where it can be."""

    id: str
    article: str
    start: int
    end: int
    text: str
    sentence: int
    date: str | None  # ISO: "2022-01-07", "2022-01" or "2022"; None if unresolvable
    granularity: str  # "day", "month" or "year"
    relative: bool = False  # "on Friday", "earlier Friday", "yesterday"
    anchor: str | None = None  # what a relative date was resolved against, as ISO date


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """Something that happened on a date, with the mentions (and so sources) reporting it."""

    date: str
    granularity: str
    mentions: tuple[str, ...]
    sources: tuple[str, ...]
    description: str


@dataclass(frozen=True, slots=True)
class EntityGroup:
    """One person, organisation or place as named across the compared articles.

    `mentions` counts the mentions per article id; "CSTO" and "Collective Security Treaty
    Organization", or "Tokayev" and "Kassym-Jomart Tokayev", are one group.
    """

    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: dict[str, int]

    @property
    def sources(self) -> tuple[str, ...]:
        """Ids of the articles that mention this entity."""
        return tuple(self.mentions)


class Verdict(StrEnum):
    """What a pair of statements about the same thing does to each other."""

    AGREE = "agree"
    CONTRADICT = "contradict"
    UNRELATED = "unrelated"


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two statements of different articles about the same thing that cannot both be true.

    `kind` names the evidence ("number", "date", "negation", "antonym", "modality", or
    "model" for a pluggable NLI model); `explanation` says it in words, e.g.
    "26 vs 18 protesters died".
    """

    id: str
    statements: tuple[Statement, Statement]
    kind: str
    explanation: str
    confidence: float


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
    quotes: tuple[Quote, ...] = ()
    quote_matches: tuple[QuoteMatch, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quantity_matches: tuple[QuantityMatch, ...] = ()
    dates: tuple[DateMention, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    entities: tuple[EntityGroup, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    warnings: tuple[str, ...] = ()  # what could not be analysed, in words a reader understands

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
