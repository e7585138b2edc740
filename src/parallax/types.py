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


class NonClaim(StrEnum):
    """What a line of an article is when it states nothing about the event."""

    PROMPT = "prompt"  # to the reader: newsletter, app, subscribe, follow, share, captcha
    CREDIT = "credit"  # byline, "X contributed to this report", copyright, author's note
    CAPTION = "caption"  # a photo caption or credit: "(AP Photo/Evan Vucci)"
    SUBHEAD = "subhead"  # a short heading or label line: "Peaceful protests"
    SEPARATOR = "separator"  # punctuation only: "___", "* * *"
    FURNITURE = "furniture"  # page furniture: "Advertisement", "Story continued below"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, with its tokens and the paragraph it belongs to.

    `nonclaim` says what the sentence is when it is no claim (a newsletter prompt, a
    byline, a caption, a subhead…): such a sentence stays in the text but in no claim.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    tokens: tuple[Token, ...] = ()
    nonclaim: NonClaim | None = None


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

    def claim_sentences(self) -> tuple[Sentence, ...]:
        """The sentences that may state a claim: all but the non-claims (bylines, prompts…)."""
        return tuple(s for s in self.sentences if s.nonclaim is None)


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
    extra: tuple[Span, ...] = ()  # what this statement says that the claim's other sources do not


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


class Voice(StrEnum):
    """In whose words an actor label stands."""

    OWN = "own"  # the outlet's own words
    REPORTED = "reported"  # indirect speech, the outlet's words: "X said (that)…", "according to X"
    QUOTED = "quoted"  # inside a direct quotation
    SCARE = "scare"  # in scare quotes: “terrorists”
    CALLED = "called"  # held at a distance in words: "so-called", "those he called"


@dataclass(frozen=True, slots=True)
class LabelUse:
    """One use of an actor label ("terrorists", "protesters") and in whose voice it stands."""

    article: str
    start: int
    end: int
    text: str
    label: str  # the canonical label: "terrorist" for "terrorists" and "terrorism"
    group: str  # the actors' role: challengers, state forces, authorities, civilians, other
    stance: str  # "delegitimising", "neutral" or "sympathetic"
    sentence: int
    voice: Voice
    speaker: str | None = None  # whose words, when quoted, reported or called
    headline: bool = False
    in_title: bool = False  # offsets index `Article.title`: a headline the text lacks
    actor: str = ""  # the actors named, after their most used label across the articles


@dataclass(frozen=True, slots=True)
class LoadedWord:
    """A word with strong connotation in the outlet's own voice, and what kind it is."""

    article: str
    start: int
    end: int
    text: str
    sentence: int
    category: str  # "violence", "delegitimisation", "emotion" or "opinion"
    weight: float  # how often BABE's annotators would mark the word biased where it occurs


@dataclass(frozen=True, slots=True)
class LoadedSentence:
    """The judgement of one sentence in the outlet's own voice: is it written in loaded
    language? `probability` is calibrated on BABE (see `analyse.framing.sentences`); `loaded`
    is whether it reaches the shipped threshold. The `LoadedWord`s of the same article and
    `sentence` are its evidence in words."""

    article: str
    sentence: int
    start: int
    end: int
    probability: float
    loaded: bool


@dataclass(frozen=True, slots=True)
class HeadlineFraming:
    """Whether an article's headline states as fact what its body attributes to a speaker."""

    article: str
    text: str
    attributed: bool  # the headline quotes or names whose words it carries
    adopted: tuple[str, ...]  # labels it uses in its own voice that the body attributes


@dataclass(frozen=True, slots=True)
class SourceShare:
    """One quoted or cited source of an article, its kind and its share of the quoted words."""

    article: str
    speaker: str
    kind: str  # "official", "international", "challengers", "expert", "media" or "other"
    quotes: int
    cited: int  # reported without quotation marks
    words: int
    share: float  # of the article's quoted words


@dataclass(frozen=True, slots=True)
class ArticleFraming:
    """One row of the framing table: where an article stands on each dimension."""

    article: str
    own_labels: dict[str, int]  # label → uses in the outlet's own voice (headline included)
    distanced_labels: dict[str, int]  # label → uses quoted, scare-quoted, reported or called
    loaded_words: int
    loaded_categories: dict[str, int]
    headline_adopts: tuple[str, ...]
    speakers: int
    official_share: float | None  # of quoted words; None when nothing is quoted
    notes: tuple[str, ...]  # what could not be found: "no quotes", "no actor labels"…


@dataclass(frozen=True, slots=True)
class Framing:
    """How each article names the actors, what it adopts and what it keeps at a distance."""

    labels: tuple[LabelUse, ...] = ()
    loaded: tuple[LoadedWord, ...] = ()
    headlines: tuple[HeadlineFraming, ...] = ()
    sources: tuple[SourceShare, ...] = ()
    articles: tuple[ArticleFraming, ...] = ()
    loaded_sentences: tuple[LoadedSentence, ...] = ()  # every own-voice sentence, judged


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One fact of the digest with its evidence: the claim it comes from and the span of the
    article's text that states it.

    `why` says what makes it matter to a reader: "figures" (counts, amounts), "date",
    "names" (people, organisations, places), "quote" (a named speaker's words); `weight`
    ranks items (see `analyse.digest`). `sources` lists the articles stating it (one for a
    fact only one source reports); `figures` the numbers the sources agree on ("20K",
    "20,000").
    """

    claim: str
    article: str
    start: int
    end: int
    text: str
    sources: tuple[str, ...]
    why: tuple[str, ...] = ()
    weight: float = 0.0
    figures: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DigestConflict:
    """Two sources that disagree on something: the texts each gives and why they clash."""

    sources: tuple[str, str]
    texts: tuple[str, str]
    explanation: str
    evidence: str  # a contradiction id ("x1") or the quantity ids ("n3,n7")


@dataclass(frozen=True, slots=True)
class Digest:
    """What a reader should see first: per source the facts only it reports (best first),
    the facts the sources share, and where they disagree."""

    only: dict[str, tuple[DigestItem, ...]] = field(default_factory=dict)
    shared: tuple[DigestItem, ...] = ()
    conflicts: tuple[DigestConflict, ...] = ()


@dataclass(frozen=True, slots=True)
class Analyses:
    """What the analysers found about the compared articles, beyond the claims."""

    quotes: tuple[Quote, ...] = ()
    quote_matches: tuple[QuoteMatch, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quantity_matches: tuple[QuantityMatch, ...] = ()
    dates: tuple[DateMention, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    entities: tuple[EntityGroup, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    framing: Framing = field(default_factory=Framing)
    digest: Digest = field(default_factory=Digest)
    warnings: tuple[str, ...] = ()  # what could not be analysed, in words a reader understands


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
    analyses: Analyses = field(default_factory=Analyses)

    def shared(self) -> tuple[Claim, ...]:
        """Claims carried by two or more articles."""
        return tuple(c for c in self.claims if len(c.sources) > 1)

    def unique_to(self, article_id: str) -> tuple[Claim, ...]:
        """Claims only the given article carries."""
        return tuple(c for c in self.claims if c.sources == (article_id,))
