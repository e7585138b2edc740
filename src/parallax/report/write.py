"""Writing the requested report files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from parallax.report.html.page import render_html
from parallax.report.json.contract import render_json
from parallax.report.markdown import render_markdown
from parallax.types import Comparison


def write_reports(
    comparison: Comparison,
    *,
    json_path: str | Path | None = None,
    markdown_path: str | Path | None = None,
    html_path: str | Path | None = None,
) -> list[Path]:
    """Write each requested report (UTF-8, parent folders created); return the paths written."""
    wanted: list[tuple[str | Path | None, Callable[[Comparison], str]]] = [
        (json_path, render_json),
        (markdown_path, render_markdown),
        (html_path, render_html),
    ]
    written = []
    for target, render in wanted:
        if target is None:
            continue
        path = Path(target)
        text = render(comparison)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        written.append(path)
    return written
