"""Writing report files."""

from __future__ import annotations

import json
from pathlib import Path

import parallax.report as report
from parallax.types import Comparison


def test_writes_requested_files(comparison: Comparison, tmp_path: Path) -> None:
    paths = report.write_reports(
        comparison,
        json_path=tmp_path / "out" / "r.json",
        markdown_path=str(tmp_path / "r.md"),
        html_path=tmp_path / "r.html",
    )
    assert paths == [tmp_path / "out" / "r.json", tmp_path / "r.md", tmp_path / "r.html"]
    assert json.loads(paths[0].read_text(encoding="utf-8"))["summary"]["claims"] == 6
    assert "## Shared by all 3 sources" in paths[1].read_text(encoding="utf-8")
    assert paths[2].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "• Ferries" in paths[0].read_bytes().decode("utf-8")


def test_writes_only_what_is_asked(comparison: Comparison, tmp_path: Path) -> None:
    assert report.write_reports(comparison) == []
    assert report.write_reports(comparison, markdown_path=tmp_path / "r.md") == [tmp_path / "r.md"]
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_public_api() -> None:
    assert sorted(report.__all__) == [
        "comparison_to_dict",
        "print_summary",
        "render_html",
        "render_json",
        "render_markdown",
        "write_reports",
    ]
