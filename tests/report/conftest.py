"""A small hand-made comparison of three articles, one of them hostile, for the report tests."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from parallax.analyse.digest.rank import digest_of
from parallax.types import (
    Analyses,
    AnnotatedArticle,
    Article,
    ArticleFraming,
    Claim,
    Comparison,
    Contradiction,
    DateMention,
    Entity,
    EntityGroup,
    Framing,
    HeadlineFraming,
    LabelUse,
    LoadedSentence,
    LoadedWord,
    NonClaim,
    Quantity,
    QuantityMatch,
    QuantityRelation,
    Quote,
    QuoteMatch,
    QuoteRelation,
    Relation,
    Sentence,
    SourceShare,
    Span,
    Statement,
    Summary,
    TimelineEvent,
    Voice,
)

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "schema.json"

HERALD_TEXT = (
    "The Harbour Bridge was closed on Tuesday after a storm damaged its cables. "
    "Officials said repairs would take two weeks.\n\n"
    'The mayor called the damage "serious" and promised help.\n\n'
    "• Ferries will run every 15 minutes."
)
COURIER_TEXT = (
    "The Harbour Bridge was closed on Tuesday after a storm damaged its cables. "
    "Repairs are expected to last about a fortnight, officials said.\n\n"
    "The mayor said the damage was serious."
)
HOSTILE_TEXT = (
    "Repairs to the bridge will take three weeks <script>alert(1)</script>.\n\n"
    "Local shops lost [bold]x[/bold] customers, see [details](javascript:alert(1)) "
    "<img src=x onerror=alert(1)>.\n\n"
    "- The bridge carries 160,000 vehicles a day and was shut on Tuesday."
)

HOSTILE_SPEAKER = "<b>Evil</b> [red]Speaker[/red] *x* <script>alert(2)</script>"
HOSTILE_COUNTED = "vehicles <img src=x onerror=alert(3)> [bold]y[/bold] |z|"
HOSTILE_ENTITY = "<i>Evil</i> Corp [bold]x[/bold] |y| *z*"
HOSTILE_EXPLANATION = "about a fortnight vs <b>three</b> weeks [red]|x|[/red]"
HOSTILE_LABEL = "<b>shop</b> [red]keeper[/red] |x|"
HOSTILE_WARNING = "Night <b>Owl</b> has no publication date; its dates use the others'."


def _paragraphs(text: str) -> tuple[Span, ...]:
    """Blank-line separated paragraphs, a leading bullet marker left outside the span."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        start = match.start() + len(re.match(r"(?:[•\-] )?", match[0])[0])  # type: ignore[index]
        spans.append(Span(start, match.end()))
    return tuple(spans)


def annotate(
    article_id: str,
    source: str,
    text: str,
    sentences: list[str],
    **meta: Any,
) -> AnnotatedArticle:
    """An annotated article whose sentences are found in `text` in order."""
    paragraphs = _paragraphs(text)
    found = []
    pos = 0
    for index, sentence in enumerate(sentences):
        start = text.index(sentence, pos)
        pos = start + len(sentence)
        paragraph = next(i for i, p in enumerate(paragraphs) if p.start <= start < p.end)
        found.append(Sentence(index, start, pos, sentence, paragraph))
    entities = []
    for word, label in (("Harbour Bridge", "FAC"), ("Tuesday", "DATE")):
        at = text.find(word)
        if at >= 0:
            sentence_index = next(s.index for s in found if s.start <= at < s.end)
            entities.append(Entity(at, at + len(word), word, label, sentence_index))
    article = Article(id=article_id, text=text, source=source, paragraphs=paragraphs, **meta)
    return AnnotatedArticle(article, "en", tuple(found), tuple(entities))


def statement(article: AnnotatedArticle, index: int, similarity: float) -> Statement:
    """The statement made by sentence `index` of `article`."""
    s = article.sentences[index]
    return Statement(article.id, s.index, s.start, s.end, s.text, similarity)


def build_comparison() -> Comparison:
    """Three articles; claims identical, paraphrase (all three), partial and unique."""
    herald = annotate(
        "herald-2024-001",
        "The Herald",
        HERALD_TEXT,
        [
            "The Harbour Bridge was closed on Tuesday after a storm damaged its cables.",
            "Officials said repairs would take two weeks.",
            'The mayor called the damage "serious" and promised help.',
            "Ferries will run every 15 minutes.",
        ],
        title="Storm closes Harbour Bridge",
        published="2024-03-05T09:30:00+00:00",
        url="https://herald.example/storm",
        author="Jo Smith",
        origin="herald.html",
    )
    courier = annotate(
        "courier-2024-002",
        "Daily Courier",
        COURIER_TEXT,
        [
            "The Harbour Bridge was closed on Tuesday after a storm damaged its cables.",
            "Repairs are expected to last about a fortnight, officials said.",
            "The mayor said the damage was serious.",
        ],
        title="Bridge shut for a fortnight",
        published="2024-03-05",
    )
    hostile = annotate(
        "hostile-2024-003",
        "Night <b>Owl</b> [red]News[/red]",
        HOSTILE_TEXT,
        [
            "Repairs to the bridge will take three weeks <script>alert(1)</script>.",
            "Local shops lost [bold]x[/bold] customers, see [details](javascript:alert(1)) "
            "<img src=x onerror=alert(1)>.",
            "The bridge carries 160,000 vehicles a day and was shut on Tuesday.",
        ],
        title="<img src=x onerror=alert(1)> | Bridge",
        url="javascript:alert(1)",
    )
    claims = (
        Claim("c1", Relation.IDENTICAL, (statement(herald, 0, 1.0), statement(courier, 0, 1.0))),
        Claim(
            "c2",
            Relation.PARAPHRASE,
            (
                statement(herald, 1, 0.91234),
                statement(courier, 1, 0.88),
                statement(hostile, 0, 0.8),
            ),
        ),
        Claim("c3", Relation.PARTIAL, (statement(herald, 2, 0.7), statement(courier, 2, 0.72))),
        Claim("c4", Relation.UNIQUE, (statement(herald, 3, 1.0),)),
        Claim("c5", Relation.UNIQUE, (statement(hostile, 1, 1.0),)),
        # The courier's first sentence also says part of what the hostile third one says.
        Claim("c6", Relation.PARTIAL, (statement(courier, 0, 0.61), statement(hostile, 2, 0.64))),
    )
    summary = Summary(
        shared_claims=4,
        unique_claims={herald.id: 1, courier.id: 0, hostile.id: 1},
        claims_by_source_count={1: 2, 2: 3, 3: 1},
        relations={"identical": 1, "paraphrase": 1, "partial": 2, "unique": 2},
    )
    options = {"model": "all-MiniLM-L6-v2", "threshold": 0.6, "inputs": ("a.txt", "b.txt")}
    found = analyses(herald, courier, hostile)
    digest = digest_of((herald, courier, hostile), claims, **{
        key: found[key] for key in ("quotes", "quantities", "quantity_matches", "dates",
                                    "contradictions", "entities")})
    return replace(
        Comparison((herald, courier, hostile), claims, summary, options),
        analyses=Analyses(**found, digest=digest),
    )


def find(article: AnnotatedArticle, needle: str, after: str = "") -> tuple[int, int]:
    """The span of `needle` in the article's text (the first one after `after`)."""
    text = article.article.text
    start = text.index(needle, text.index(after) if after else 0)
    return start, start + len(needle)


def quote(
    qid: str, article: AnnotatedArticle, words: str, sentence: int, speaker: str | None, cue: str
) -> Quote:
    """A quote of `words` in the given sentence; the speaker stands at "The mayor" if there."""
    start, end = find(article, words)
    at = article.article.text.find("The mayor")
    named = bool(speaker) and at >= 0
    return Quote(
        qid,
        article.id,
        start,
        end,
        words,
        (sentence,),
        speaker,
        speaker_start=at if named else None,
        speaker_end=at + len("The mayor") if named else None,
        cue=cue,
    )


def quantity(
    nid: str, article: AnnotatedArticle, words: str, sentence: int, value: float, **more: Any
) -> Quantity:
    """A quantity written as `words` in the given sentence."""
    start, end = find(article, words)
    return Quantity(nid, article.id, start, end, words, sentence, value, **more)


def tuesday(did: str, article: AnnotatedArticle, sentence: int) -> DateMention:
    """The article's relative "Tuesday", resolved to the herald's publication day."""
    start, end = find(article, "Tuesday")
    return DateMention(
        did, article.id, start, end, "Tuesday", sentence, "2024-03-05", "day", True, "2024-03-05"
    )


def analyses(
    herald: AnnotatedArticle, courier: AnnotatedArticle, hostile: AnnotatedArticle
) -> dict[str, Any]:
    """Quotes, quantities, dates, a timeline, entities, a contradiction and a warning over the
    three articles."""
    quotes = (
        quote("q1", herald, "serious", 2, "Mayor Ann Lee", "called"),
        quote("q2", courier, "the damage was serious", 2, "Mayor Ann Lee", "said"),
        quote("q3", herald, "repairs would take two weeks", 1, None, "said"),
        quote(
            "q4",
            hostile,
            "Repairs to the bridge will take three weeks <script>alert(1)</script>",
            0,
            HOSTILE_SPEAKER,
            ":",
        ),
        quote("q5", hostile, "Local shops lost [bold]x[/bold] customers", 1, HOSTILE_SPEAKER, ""),
    )
    weeks = {"unit": "weeks", "counted": "repair time"}
    quantities = (
        quantity("n1", herald, "two weeks", 1, 2.0, **weeks),
        quantity(
            "n2",
            courier,
            "about a fortnight",
            1,
            2.0,
            low=1.5,
            high=2.5,
            qualifier="about",
            **weeks,
        ),
        quantity("n3", hostile, "three weeks", 0, 3.0, **weeks),
        quantity("n4", herald, "15 minutes", 3, 15.0, unit="min", counted="ferry interval"),
        quantity("n5", hostile, "160,000", 2, 160000.0, counted=HOSTILE_COUNTED),
    )
    dates = (tuesday("d1", herald, 0), tuesday("d2", courier, 0), tuesday("d3", hostile, 2))
    event = TimelineEvent(
        "2024-03-05",
        "day",
        ("d1", "d2", "d3"),
        (herald.id, courier.id, hostile.id),
        "Harbour Bridge shut after a storm damaged its cables.",
    )
    entities = (
        EntityGroup(
            "e1",
            "Harbour Bridge",
            "FAC",
            ("the bridge",),
            {herald.id: 1, courier.id: 1, hostile.id: 2},
        ),
        EntityGroup("e2", "Ann Lee", "PERSON", ("Mayor Ann Lee",), {herald.id: 1, courier.id: 1}),
        EntityGroup("e3", HOSTILE_ENTITY, "ORG", (), {hostile.id: 1}),
    )
    # The courier's "about a fortnight" against the hostile source's "three weeks".
    contradiction = Contradiction(
        "x1",
        (statement(courier, 1, 0.88), statement(hostile, 0, 0.8)),
        "number",
        HOSTILE_EXPLANATION,
        0.8,
    )
    return {
        "entities": entities,
        "contradictions": (contradiction,),
        "framing": framing(herald, courier, hostile),
        "quotes": quotes,
        "quote_matches": (
            QuoteMatch(("q1", "q2"), QuoteRelation.PARTIAL, 0.74),
            QuoteMatch(("q3", "q4"), QuoteRelation.SAME, 0.81234),
        ),
        "quantities": quantities,
        "quantity_matches": (
            QuantityMatch(("n1", "n3"), QuantityRelation.CONFLICT, "repair time"),
            QuantityMatch(("n1", "n2"), QuantityRelation.COMPATIBLE, "repair time"),
        ),
        "dates": dates,
        "timeline": (event,),
        "warnings": (HOSTILE_WARNING,),
    }


def framing(herald: AnnotatedArticle, courier: AnnotatedArticle,
            hostile: AnnotatedArticle) -> Framing:
    """A label in the herald's own voice, a hostile one quoted by a hostile speaker, a hostile
    loaded word in a loaded sentence, a neutral herald sentence, and a table row per article."""
    return Framing(
        labels=(
            LabelUse(herald.id, *find(herald, "mayor"), "mayor", "mayor", "state forces",
                     "neutral", 2, Voice.OWN),
            LabelUse(hostile.id, *find(hostile, "shops"), "shops", HOSTILE_LABEL, "challengers",
                     "delegitimising", 1, Voice.QUOTED, HOSTILE_SPEAKER),
        ),
        loaded=(LoadedWord(hostile.id, *find(hostile, "[bold]x[/bold]"), "[bold]x[/bold]", 1,
                           "emotion", 0.5),),
        headlines=(HeadlineFraming(herald.id, "Storm closes Harbour Bridge", False, ()),),
        sources=(SourceShare(herald.id, "Ann Lee", "official", 1, 0, 1, 1.0),
                 SourceShare(hostile.id, HOSTILE_SPEAKER, "other", 2, 0, 12, 1.0)),
        articles=(
            ArticleFraming(herald.id, {"mayor": 1}, {}, 0, {}, (), 1, 1.0, ()),
            ArticleFraming(courier.id, {}, {}, 0, {}, (), 1, 1.0, ("no actor labels",)),
            ArticleFraming(hostile.id, {}, {HOSTILE_LABEL: 1}, 1, {"emotion": 1}, (), 1, 0.0,
                           ()),
        ),
        loaded_sentences=(
            LoadedSentence(hostile.id, 1, hostile.sentences[1].start, hostile.sentences[1].end,
                           0.91, True),
            LoadedSentence(herald.id, 0, herald.sentences[0].start, herald.sentences[0].end,
                           0.12, False),
        ),
    )


@pytest.fixture
def comparison() -> Comparison:
    """The three-article comparison."""
    return build_comparison()


@pytest.fixture
def pair() -> Comparison:
    """Two identical articles and nothing else: the smallest comparison there is."""
    one = annotate("one", "Wire", "Same words.", ["Same words."])
    two = annotate("two", "Wire", "Same words.", ["Same words."])
    claim = Claim("k1", Relation.IDENTICAL, (statement(one, 0, 1.0), statement(two, 0, 1.0)))
    summary = Summary(1, {}, {2: 1}, {"identical": 1}, (("one", "two"),))
    return Comparison((one, two), (claim,), summary)


@pytest.fixture
def credited() -> Comparison:
    """Two identical articles, one ending in a credit line that annotate marked a non-claim."""
    text = "Same words.\n\nJo Smith contributed to this report."
    one = annotate("one", "Wire", text, ["Same words.", "Jo Smith contributed to this report."])
    one = replace(one, sentences=(
        one.sentences[0], replace(one.sentences[1], nonclaim=NonClaim.CREDIT)))
    two = annotate("two", "Wire", "Same words.", ["Same words."])
    claim = Claim("k1", Relation.IDENTICAL, (statement(one, 0, 1.0), statement(two, 0, 1.0)))
    return Comparison((one, two), (claim,), Summary(1, {}, {2: 1}, {"identical": 1}))


def _type_ok(value: object, expected: str) -> bool:
    checks: dict[str, Callable[[object], bool]] = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }
    return checks[expected](value)


def tiny_validate(instance: object, schema: dict[str, Any], root: dict[str, Any]) -> list[str]:
    """Errors of `instance` against the subset of JSON Schema docs/schema.json uses."""
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return tiny_validate(instance, target, root)
    errors: list[str] = []
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else types
        if not any(_type_ok(instance, t) for t in names):
            return [f"{instance!r} is not of type {types}"]
    if "const" in schema and instance != schema["const"]:
        errors.append(f"{instance!r} != {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{instance!r} not in {schema['enum']}")
    if isinstance(instance, int | float) and not isinstance(instance, bool):
        if "minimum" in schema and instance < schema["minimum"]:
            errors.append(f"{instance} < {schema['minimum']}")
        if "maximum" in schema and instance > schema["maximum"]:
            errors.append(f"{instance} > {schema['maximum']}")
    if isinstance(instance, str) and len(instance) < schema.get("minLength", 0):
        errors.append(f"{instance!r} is shorter than {schema['minLength']}")
    if (
        isinstance(instance, str)
        and "pattern" in schema
        and not re.search(schema["pattern"], instance)
    ):
        errors.append(f"{instance!r} does not match {schema['pattern']}")
    if isinstance(instance, list):
        if len(instance) < schema.get("minItems", 0):
            errors.append(f"fewer than {schema['minItems']} items")
        for item in instance:
            errors += tiny_validate(item, schema.get("items", {}), root)
    if isinstance(instance, dict):
        errors += [f"missing {key!r}" for key in schema.get("required", ()) if key not in instance]
        properties = schema.get("properties", {})
        for key, value in instance.items():
            if "propertyNames" in schema:
                errors += tiny_validate(key, schema["propertyNames"], root)
            if key in properties:
                errors += tiny_validate(value, properties[key], root)
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += tiny_validate(value, schema["additionalProperties"], root)
    return errors


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    """docs/schema.json, parsed."""
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="session")
def validate(schema: dict[str, Any]) -> Callable[[object], list[str]]:
    """Check data against docs/schema.json with the tiny validator; returns the errors."""
    return lambda instance: tiny_validate(instance, schema, schema)
