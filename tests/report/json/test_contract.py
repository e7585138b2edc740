"""The JSON report: the contract's keys, order, counts and schema."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import replace
from importlib import metadata
from typing import Any

import pytest

from parallax.report import comparison_to_dict, render_json
from parallax.report.json.contract import comparison_from_record, comparison_record
from parallax.types import Comparison


def test_top_level_keys_in_contract_order(comparison: Comparison) -> None:
    data = comparison_to_dict(comparison)
    assert list(data) == [
        "schema_version",
        "generator",
        "digest",
        "articles",
        "claims",
        "quotes",
        "quote_matches",
        "quantities",
        "quantity_matches",
        "dates",
        "timeline",
        "entities",
        "contradictions",
        "framing",
        "warnings",
        "summary",
        "options",
    ]
    assert data["schema_version"] == 1
    assert data["generator"] == {
        "name": "news-parallax",
        "version": metadata.version("news-parallax"),
    }


def test_article_keys_and_content(comparison: Comparison) -> None:
    article = comparison_to_dict(comparison)["articles"][0]
    assert list(article) == [
        "id",
        "source",
        "title",
        "published",
        "url",
        "author",
        "language",
        "origin",
        "text",
        "paragraphs",
        "sentences",
        "entities",
    ]
    assert article["id"] == "herald-2024-001"
    assert article["source"] == "The Herald"
    assert article["language"] == "en"
    assert list(article["sentences"][0]) == ["index", "start", "end", "text", "paragraph"]
    assert list(article["entities"][0]) == ["start", "end", "text", "label", "sentence"]
    assert article["paragraphs"][-1] == {
        "start": article["text"].index("Ferries"),
        "end": len(article["text"]),
    }
    for sentence in article["sentences"]:
        assert article["text"][sentence["start"] : sentence["end"]] == sentence["text"]
    assert "tokens" not in json.dumps(article)


def test_claims(comparison: Comparison) -> None:
    claims = comparison_to_dict(comparison)["claims"]
    assert [c["id"] for c in claims] == ["c1", "c2", "c3", "c4", "c5", "c6"]
    c2 = claims[1]
    assert list(c2) == ["id", "sources", "relation", "statements"]
    assert c2["relation"] == "paraphrase"
    assert c2["sources"] == ["herald-2024-001", "courier-2024-002", "hostile-2024-003"]
    assert list(c2["statements"][0]) == [
        "article",
        "sentence",
        "start",
        "end",
        "text",
        "similarity",
        "extra",
    ]
    assert c2["statements"][0]["similarity"] == 0.9123  # rounded to 4 decimals
    assert claims[3]["relation"] == "unique"
    assert claims[3]["statements"][0]["similarity"] == 1.0


def test_summary_counts(comparison: Comparison) -> None:
    summary = comparison_to_dict(comparison)["summary"]
    assert summary == {
        "articles": 3,
        "claims": 6,
        "shared_claims": 4,
        "unique_claims": {"herald-2024-001": 1, "courier-2024-002": 0, "hostile-2024-003": 1},
        "claims_by_source_count": {"1": 2, "2": 3, "3": 1},
        "relations": {"identical": 1, "paraphrase": 1, "partial": 2, "unique": 2},
        "identical_articles": [],
        "quotes": 5,
        "quotes_matched": 4,
        "speakers": 2,
        "quantity_conflicts": 1,
        "quantity_agreements": 1,
        "timeline_events": 1,
        "entities": 3,
        "entities_in_one_source": 1,
        "contradictions": 1,
        "labels_in_own_voice": 1,
        "labels_at_a_distance": 1,
        "loaded_words": 1,
    }


def test_summary_fills_missing_counts_with_zero(pair: Comparison) -> None:
    summary = comparison_to_dict(pair)["summary"]
    assert summary["unique_claims"] == {"one": 0, "two": 0}
    assert summary["claims_by_source_count"] == {"1": 0, "2": 1}
    assert summary["relations"] == {"identical": 1, "paraphrase": 0, "partial": 0, "unique": 0}
    assert summary["identical_articles"] == [["one", "two"]]


def test_options_become_plain_json(comparison: Comparison) -> None:
    options = comparison_to_dict(comparison)["options"]
    assert options == {"model": "all-MiniLM-L6-v2", "threshold": 0.6, "inputs": ["a.txt", "b.txt"]}


def test_render_json_round_trips_and_keeps_unicode(comparison: Comparison) -> None:
    text = render_json(comparison)
    assert json.loads(text) == comparison_to_dict(comparison)
    assert "• Ferries" in text  # ensure_ascii=False
    assert text.startswith('{\n  "schema_version": 1,')


def test_the_record_reads_back_whole(comparison: Comparison) -> None:
    stored = json.loads(json.dumps(comparison_record(comparison)))  # as the cache's JSON column
    back = comparison_from_record(stored)
    assert replace(back, options=comparison.options) == comparison
    assert back.options == comparison_to_dict(comparison)["options"]  # options as JSON data


def test_output_matches_schema_json(
    comparison: Comparison, pair: Comparison, validate: Callable[[object], list[str]]
) -> None:
    for c in (comparison, pair):
        assert validate(json.loads(render_json(c))) == []


def test_a_non_claim_sentence_says_what_it_is(
    credited: Comparison, pair: Comparison, validate: Callable[[object], list[str]]
) -> None:
    data = json.loads(render_json(credited))
    first, second = data["articles"][0]["sentences"]
    assert second == {"index": 1, "start": 13, "end": 49,
                      "text": "Jo Smith contributed to this report.", "paragraph": 1,
                      "nonclaim": "credit"}
    assert "nonclaim" not in first  # absent on every sentence that may state a claim
    assert validate(data) == []
    assert all("nonclaim" not in s for a in json.loads(render_json(pair))["articles"]
               for s in a["sentences"])


def test_schema_catches_broken_output(
    comparison: Comparison, validate: Callable[[object], list[str]]
) -> None:
    data = json.loads(render_json(comparison))
    broken = copy.deepcopy(data)
    del broken["claims"][0]["relation"]
    broken["summary"]["claims_by_source_count"]["x"] = 1
    broken["articles"][0]["sentences"][0]["start"] = -1
    errors = validate(broken)
    assert any("relation" in e for e in errors)
    assert any("'x'" in e for e in errors)
    assert any("-1" in e for e in errors)


def test_output_matches_schema_with_jsonschema(
    comparison: Comparison, schema: dict[str, Any]
) -> None:
    jsonschema = pytest.importorskip(
        "jsonschema",
        reason="jsonschema is not installed; the tiny validator test above covers the schema",
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(render_json(comparison)))


def test_quotes_and_matches(comparison: Comparison) -> None:
    data = comparison_to_dict(comparison)
    quotes = {q["id"]: q for q in data["quotes"]}
    assert list(quotes["q1"]) == [
        "id",
        "article",
        "start",
        "end",
        "text",
        "sentences",
        "speaker",
        "speaker_start",
        "speaker_end",
        "cue",
        "matched",
    ]
    herald = data["articles"][0]["text"]
    q1 = quotes["q1"]
    assert herald[q1["start"] : q1["end"]] == q1["text"] == "serious"
    assert herald[q1["speaker_start"] : q1["speaker_end"]] == "The mayor"
    assert q1["speaker"] == "Mayor Ann Lee" and q1["sentences"] == [2] and q1["matched"] is True
    assert quotes["q3"]["speaker"] is None and quotes["q5"]["matched"] is False
    assert data["quote_matches"] == [
        {
            "quotes": ["q1", "q2"],
            "sources": ["herald-2024-001", "courier-2024-002"],
            "relation": "partial",
            "similarity": 0.74,
        },
        {
            "quotes": ["q3", "q4"],
            "sources": ["herald-2024-001", "hostile-2024-003"],
            "relation": "same",
            "similarity": 0.8123,
        },
    ]


def test_quantities_dates_timeline_warnings(comparison: Comparison) -> None:
    data = comparison_to_dict(comparison)
    n2 = data["quantities"][1]
    assert n2 == {
        "id": "n2",
        "article": "courier-2024-002",
        "start": n2["start"],
        "end": n2["start"] + len("about a fortnight"),
        "text": "about a fortnight",
        "sentence": 1,
        "value": 2.0,
        "low": 1.5,
        "high": 2.5,
        "qualifier": "about",
        "unit": "weeks",
        "counted": "repair time",
    }
    assert data["quantity_matches"][0] == {
        "quantities": ["n1", "n3"],
        "sources": ["herald-2024-001", "hostile-2024-003"],
        "relation": "conflict",
        "counted": "repair time",
    }
    assert data["dates"][0] == {
        "id": "d1",
        "article": "herald-2024-001",
        "start": 33,
        "end": 40,
        "text": "Tuesday",
        "sentence": 0,
        "date": "2024-03-05",
        "granularity": "day",
        "relative": True,
        "anchor": "2024-03-05",
    }
    assert data["timeline"] == [
        {
            "date": "2024-03-05",
            "granularity": "day",
            "mentions": ["d1", "d2", "d3"],
            "sources": ["herald-2024-001", "courier-2024-002", "hostile-2024-003"],
            "description": "Harbour Bridge shut after a storm damaged its cables.",
        }
    ]
    assert data["warnings"] == [comparison.analyses.warnings[0]]


def test_analyses_are_empty_lists_when_absent(pair: Comparison) -> None:
    data = comparison_to_dict(pair)
    for key in ("quotes", "quote_matches", "quantities", "quantity_matches", "dates", "timeline"):
        assert data[key] == []
    assert data["warnings"] == []
    summary = data["summary"]
    assert [summary[k] for k in ("quotes", "quotes_matched", "speakers")] == [0, 0, 0]
    assert [summary[k] for k in ("quantity_conflicts", "quantity_agreements")] == [0, 0]
    assert summary["timeline_events"] == 0


def test_non_finite_numbers_become_null(
    comparison: Comparison, schema: dict[str, Any], validate: Callable[[object], list[str]]
) -> None:
    from dataclasses import replace

    odd = replace(comparison.analyses.quantities[0], value=float("nan"), low=float("-inf"),
                  high=None)
    found = replace(comparison.analyses, quantities=(odd, *comparison.analyses.quantities[1:]))
    changed = replace(comparison, analyses=found)
    text = render_json(changed)
    assert "NaN" not in text and "Infinity" not in text
    n1 = json.loads(text)["quantities"][0]
    assert (n1["value"], n1["low"], n1["high"]) == (None, None, None)
    assert validate(json.loads(text)) == []


def test_pair_matches_schema_with_jsonschema(pair: Comparison, schema: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator(schema).validate(json.loads(render_json(pair)))


def test_schema_requires_and_checks_the_analyses(
    comparison: Comparison, schema: dict[str, Any], validate: Callable[[object], list[str]]
) -> None:
    data = json.loads(render_json(comparison))
    broken = copy.deepcopy(data)
    del broken["timeline"]
    del broken["summary"]["quotes_matched"]
    broken["quote_matches"][0]["relation"] = "maybe"
    broken["quantity_matches"][0]["relation"] = "disagree"
    broken["quotes"][0]["matched"] = "yes"
    errors = validate(broken)
    assert any("timeline" in e for e in errors)
    assert any("quotes_matched" in e for e in errors)
    assert any("'maybe'" in e for e in errors)
    assert any("'disagree'" in e for e in errors)
    assert any("'yes'" in e for e in errors)
    jsonschema = pytest.importorskip("jsonschema")
    assert len(list(jsonschema.Draft202012Validator(schema).iter_errors(broken))) == 5
