"""JSON and JSON Lines records: field names, lists, broken lines and per-record errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.errors import ErrorCode, InputError
from parallax.ingest import iter_records, load, load_all
from parallax.types import Article

ONE = {
    "title": "Bridge to close",
    "text": "The bridge will close in April.\n\nFerries will run instead.",
    "source": "Coastal Courier",
    "url": "https://courier.example/bridge",
    "published": "2024-03-18",
    "author": "Maria Okafor",
}
TWO = {
    "headline": "Commuters face delays",
    "body": "Delays of 25 minutes are expected.",
    "outlet": "Harbour Post",
    "date": "2024-03-19",
}


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_json_list_gives_one_article_per_record(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text(json.dumps([ONE, TWO]), encoding="utf-8")
    first, second = load_all(path)
    assert (first.title, first.source, first.published) == (
        "Bridge to close",
        "Coastal Courier",
        "2024-03-18",
    )
    assert first.author == "Maria Okafor"
    assert first.url == "https://courier.example/bridge"
    assert [first.text[s.start : s.end] for s in first.paragraphs] == [
        "The bridge will close in April.",
        "Ferries will run instead.",
    ]
    assert (second.title, second.source, second.published) == (
        "Commuters face delays",
        "Harbour Post",
        "2024-03-19",
    )


def test_single_object_json_loads(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(ONE), encoding="utf-8")
    assert load(path).title == "Bridge to close"


def test_load_refuses_two_records_and_points_to_load_all(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "two.jsonl", [json.dumps(ONE), json.dumps(TWO)])
    with pytest.raises(InputError) as info:
        load(path)
    assert "load_all" in str(info.value)
    assert "two.jsonl" in str(info.value)


def test_jsonl_broken_line_is_named(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "feed.jsonl", [json.dumps(ONE), '{"title": "x" "text": 1}'])
    with pytest.raises(InputError) as info:
        load_all(path)
    assert info.value.code is ErrorCode.BAD_RECORD
    assert "line 2: invalid JSON (Expecting ',' delimiter" in str(info.value)


def test_iter_records_yields_bad_lines_and_goes_on(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "feed.jsonl",
        [json.dumps(ONE), "not json", "", json.dumps({"title": "x"}), json.dumps(TWO)],
    )
    items = list(iter_records(path))
    assert [type(item).__name__ for item in items] == [
        "Article",
        "InputError",
        "InputError",
        "Article",
    ]
    missing_text = items[2]
    assert isinstance(missing_text, InputError)
    assert missing_text.code is ErrorCode.BAD_RECORD
    assert "line 4: record has no text" in missing_text.message


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["First paragraph.", "  ", "Second paragraph."],
         ["First paragraph.", "Second paragraph."]),
        # BASIL's own files: each paragraph a list of its sentences
        ([["First sentence. ", "Second sentence."], ["Next paragraph."]],
         ["First sentence. Second sentence.", "Next paragraph."]),
    ],
)
def test_basil_body_paragraphs(tmp_path: Path, paragraphs: list[object],
                               expected: list[str]) -> None:
    record = {"title": "Shutdown drags on", "body-paragraphs": paragraphs, "source": "fox"}
    path = tmp_path / "basil.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    article = load(path)
    assert [article.text[s.start : s.end] for s in article.paragraphs] == expected


def test_paragraphs_of_other_kinds_are_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"paragraphs": [{"text": "x"}], "source": "a"}), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    assert info.value.code is ErrorCode.BAD_RECORD
    assert "paragraphs must be a list of strings" in info.value.message


def test_record_with_html_is_extracted(tmp_path: Path, fixtures: Path) -> None:
    html = (fixtures / "article.html").read_text(encoding="utf-8")
    path = tmp_path / "pages.jsonl"
    _write_jsonl(path, [json.dumps({"html": html, "source": "Courier feed"})])
    article = load(path)
    assert article.source == "Courier feed"  # the record's own field wins
    assert article.title == "Harbour bridge to close for six weeks of repairs"
    assert article.published == "2024-03-18"


def test_source_falls_back_to_url_domain_then_file_stem(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    _write_jsonl(
        path,
        [
            json.dumps({"text": "Some text.", "url": "https://www.example.org/a"}),
            json.dumps({"text": "Other text."}),
        ],
    )
    first, second = load_all(path)
    assert first.source == "example.org"
    assert second.source == "wire"


def test_declared_language_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "fr.json"
    path.write_text(json.dumps({"text": "Le pont ferme.", "lang": "fr"}), encoding="utf-8")
    article: Article = load(path)
    assert article.language == "fr"
    assert load_all(tmp_path / "fr.json")[0].title is None  # never guessed for records


def test_record_that_is_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([ONE, "just a string"]), encoding="utf-8")
    with pytest.raises(InputError, match="record 2: expected a JSON object"):
        load_all(path)


def test_invalid_json_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"title": "x",\n "text": }', encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    assert info.value.code is ErrorCode.BAD_RECORD
    assert "invalid JSON" in str(info.value)
    assert "line 2" in str(info.value)
