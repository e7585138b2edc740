"""The one serialiser of a `Comparison`, in two forms.

The JSON contract of docs/schema.md (`comparison_to_dict`, `render_json`) is what the
reports, the CLI and the web give out: stable and versioned, but not the whole record
(no tokens, similarities rounded). The record (`comparison_record`, read back by
`comparison_from_record`) is the whole `Comparison` as JSON data that reads back equal:
what the corpus cache stores, so every report renders from a cached comparison;
`record_shape` fingerprints its fields for the cache key.
"""

from __future__ import annotations

import hashlib
import json
import math
import numbers
from collections.abc import Mapping
from enum import Enum
from functools import cache
from pathlib import PurePath
from typing import Any

from pydantic import TypeAdapter

from parallax._version import __version__
from parallax.report.json.framing import framing_dict, framing_summary
from parallax.report.views.analyses import quantity_sources, quote_links, quote_sources
from parallax.report.views.claims import relation_counts, unique_counts
from parallax.types import (
    AnnotatedArticle,
    Claim,
    Comparison,
    Contradiction,
    DateMention,
    Digest,
    DigestItem,
    EntityGroup,
    NonClaim,
    Quantity,
    QuantityMatch,
    QuantityRelation,
    Quote,
    QuoteMatch,
    QuoteRelation,
    Relation,
    Sentence,
    Statement,
    TimelineEvent,
)

SCHEMA_VERSION = 1
GENERATOR = "news-parallax"


def _jsonable(value: object) -> Any:
    """`value` as plain JSON data (options may hold enums, paths, tuples, sets, numpy scalars)."""
    if isinstance(value, Enum):
        return _jsonable(value.value)
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_jsonable(v) for v in value), key=str)
    return str(value)


def _article_dict(annotated: AnnotatedArticle) -> dict[str, Any]:
    article = annotated.article
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "url": article.url,
        "author": article.author,
        "language": annotated.language or article.language,
        "origin": article.origin,
        "text": article.text,
        "paragraphs": [{"start": p.start, "end": p.end} for p in article.paragraphs],
        "sentences": [_sentence_dict(s) for s in annotated.sentences],
        "entities": [
            {
                "start": e.start,
                "end": e.end,
                "text": e.text,
                "label": e.label,
                "sentence": e.sentence,
            }
            for e in annotated.entities
        ],
    }


def _sentence_dict(sentence: Sentence) -> dict[str, Any]:
    found: dict[str, Any] = {
        "index": sentence.index,
        "start": sentence.start,
        "end": sentence.end,
        "text": sentence.text,
        "paragraph": sentence.paragraph,
    }
    if sentence.nonclaim is not None:
        found["nonclaim"] = NonClaim(sentence.nonclaim).value
    return found


def _statement_dict(statement: Statement) -> dict[str, Any]:
    s = statement
    return {
        "article": s.article,
        "sentence": s.sentence,
        "start": s.start,
        "end": s.end,
        "text": s.text,
    }


def _claim_dict(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "sources": list(claim.sources),
        "relation": Relation(claim.relation).value,
        "statements": [
            {**_statement_dict(s), "similarity": round(float(s.similarity), 4),
             "extra": [{"start": e.start, "end": e.end} for e in s.extra]}
            for s in claim.statements
        ],
    }


def _finite(value: float | None) -> float | None:
    """A float for JSON: None for missing, infinite or NaN values."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _quote_dict(quote: Quote, matched: bool) -> dict[str, Any]:
    return {
        "id": quote.id,
        "article": quote.article,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "sentences": list(quote.sentences),
        "speaker": quote.speaker,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "cue": quote.cue,
        "matched": matched,
    }


def _quote_match_dict(comparison: Comparison, match: QuoteMatch) -> dict[str, Any]:
    return {
        "quotes": list(match.quotes),
        "sources": list(quote_sources(comparison, match.quotes)),
        "relation": QuoteRelation(match.relation).value,
        "similarity": _finite(round(float(match.similarity), 4)),
    }


def _quantity_dict(quantity: Quantity) -> dict[str, Any]:
    return {
        "id": quantity.id,
        "article": quantity.article,
        "start": quantity.start,
        "end": quantity.end,
        "text": quantity.text,
        "sentence": quantity.sentence,
        "value": _finite(quantity.value),
        "low": _finite(quantity.low),
        "high": _finite(quantity.high),
        "qualifier": quantity.qualifier,
        "unit": quantity.unit,
        "counted": quantity.counted,
    }


def _quantity_match_dict(comparison: Comparison, match: QuantityMatch) -> dict[str, Any]:
    return {
        "quantities": list(match.quantities),
        "sources": list(quantity_sources(comparison, match.quantities)),
        "relation": QuantityRelation(match.relation).value,
        "counted": match.counted,
    }


def _date_dict(mention: DateMention) -> dict[str, Any]:
    return {
        "id": mention.id,
        "article": mention.article,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "sentence": mention.sentence,
        "date": mention.date,
        "granularity": mention.granularity,
        "relative": mention.relative,
        "anchor": mention.anchor,
    }


def _event_dict(event: TimelineEvent) -> dict[str, Any]:
    return {
        "date": event.date,
        "granularity": event.granularity,
        "mentions": list(event.mentions),
        "sources": list(event.sources),
        "description": event.description,
    }


def _entity_dict(group: EntityGroup) -> dict[str, Any]:
    return {
        "id": group.id,
        "name": group.name,
        "label": group.label,
        "aliases": list(group.aliases),
        "mentions": {str(k): int(v) for k, v in group.mentions.items()},
        "sources": list(group.sources),
    }


def _contradiction_dict(contradiction: Contradiction) -> dict[str, Any]:
    return {
        "id": contradiction.id,
        "kind": contradiction.kind,
        "explanation": contradiction.explanation,
        "confidence": _finite(round(float(contradiction.confidence), 4)),
        "statements": [_statement_dict(s) for s in contradiction.statements],
    }


def _digest_item_dict(item: DigestItem) -> dict[str, Any]:
    return {
        "claim": item.claim,
        "article": item.article,
        "start": item.start,
        "end": item.end,
        "text": item.text,
        "sources": list(item.sources),
        "why": list(item.why),
        "weight": _finite(round(float(item.weight), 4)),
        "figures": list(item.figures),
    }


def _digest_dict(digest: Digest) -> dict[str, Any]:
    return {
        "only": {article: [_digest_item_dict(i) for i in items]
                 for article, items in digest.only.items()},
        "shared": [_digest_item_dict(i) for i in digest.shared],
        "conflicts": [
            {"sources": list(c.sources), "texts": list(c.texts),
             "explanation": c.explanation, "evidence": c.evidence}
            for c in digest.conflicts
        ],
    }


def _analyses_dict(comparison: Comparison) -> dict[str, Any]:
    """The sections from `quotes` to `warnings`, in contract order."""
    links = quote_links(comparison)
    found = comparison.analyses
    return {
        "quotes": [_quote_dict(q, links[q.id].relation != "only") for q in found.quotes],
        "quote_matches": [_quote_match_dict(comparison, m) for m in found.quote_matches],
        "quantities": [_quantity_dict(q) for q in found.quantities],
        "quantity_matches": [
            _quantity_match_dict(comparison, m) for m in found.quantity_matches
        ],
        "dates": [_date_dict(d) for d in found.dates],
        "timeline": [_event_dict(e) for e in found.timeline],
        "entities": [_entity_dict(g) for g in found.entities],
        "contradictions": [_contradiction_dict(c) for c in found.contradictions],
        "framing": framing_dict(found.framing),
        "warnings": [str(w) for w in found.warnings],
    }


def _analyses_summary(comparison: Comparison) -> dict[str, int]:
    found = comparison.analyses
    relations = [QuantityRelation(m.relation) for m in found.quantity_matches]
    links = quote_links(comparison)
    return {
        "quotes": len(found.quotes),
        "quotes_matched": sum(1 for link in links.values() if link.relation != "only"),
        "speakers": len({q.speaker for q in found.quotes if q.speaker}),
        "quantity_conflicts": relations.count(QuantityRelation.CONFLICT),
        "quantity_agreements": len(relations) - relations.count(QuantityRelation.CONFLICT),
        "timeline_events": len(found.timeline),
        "entities": len(found.entities),
        "entities_in_one_source": sum(1 for g in found.entities if len(g.sources) == 1),
        "contradictions": len(found.contradictions),
        **framing_summary(found.framing),
    }


def _summary_dict(comparison: Comparison) -> dict[str, Any]:
    summary = comparison.summary
    by_count = {n: 0 for n in range(1, len(comparison.articles) + 1)}
    by_count.update({int(k): v for k, v in summary.claims_by_source_count.items()})
    return {
        "articles": len(comparison.articles),
        "claims": len(comparison.claims),
        "shared_claims": summary.shared_claims,
        "unique_claims": unique_counts(comparison),
        "claims_by_source_count": {str(n): by_count[n] for n in sorted(by_count)},
        "relations": relation_counts(comparison),
        "identical_articles": [list(group) for group in summary.identical_articles],
        **_analyses_summary(comparison),
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as the JSON contract of docs/schema.md (schema_version 1), keys in order."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": GENERATOR, "version": __version__},
        "digest": _digest_dict(comparison.analyses.digest),
        "articles": [_article_dict(a) for a in comparison.articles],
        "claims": [_claim_dict(c) for c in comparison.claims],
        **_analyses_dict(comparison),
        "summary": _summary_dict(comparison),
        "options": _jsonable(comparison.options),
    }


def render_json(comparison: Comparison) -> str:
    """The JSON report as text: UTF-8 characters kept, indented by two spaces."""
    return json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=2)


@cache
def _adapter() -> TypeAdapter[Comparison]:
    return TypeAdapter(Comparison)


def comparison_record(comparison: Comparison) -> dict[str, Any]:
    """The whole `Comparison` as JSON data (pydantic's dump of the dataclasses), which
    `comparison_from_record` reads back equal."""
    data: dict[str, Any] = _adapter().dump_python(comparison, mode="json")
    return data


def comparison_from_record(data: dict[str, Any]) -> Comparison:
    """The `Comparison` that `comparison_record` wrote (pydantic `ValidationError` if not)."""
    return _adapter().validate_python(data)


@cache
def record_shape() -> str:
    """A fingerprint of the `Comparison` record's fields and types.

    Part of the corpus cache key: a record that gained a field between two releases of the
    same version would otherwise read back from an old row with that field silently empty.
    """
    schema = json.dumps(_adapter().json_schema(), sort_keys=True)
    return hashlib.sha256(schema.encode()).hexdigest()[:16]
