"""Reports of a comparison: JSON (the contract), Markdown, HTML and a terminal summary."""

from parallax.report.html.page import render_html
from parallax.report.json.contract import comparison_to_dict, render_json
from parallax.report.markdown import render_markdown
from parallax.report.terminal.summary import print_summary
from parallax.report.write import write_reports

__all__ = [
    "comparison_to_dict",
    "print_summary",
    "render_html",
    "render_json",
    "render_markdown",
    "write_reports",
]
