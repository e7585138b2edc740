"""The HTML report of `parallax.report`, embedded in a page of the web app.

The report is a whole document with its own Content-Security-Policy; the page shows it in
a sandboxed `<iframe srcdoc>`. A srcdoc frame inherits the policy of the page around it,
so that page must allow the report's own inline style and script, by the hashes the
report's policy lists (`parallax.report.html.page.report_policy`), and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass

from parallax.report.html.page import report_policy

PAGE_POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'none'",),
    "style-src": ("'self'",),
    "script-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "frame-src": ("'self'",),
    "form-action": ("'self'",),
    "base-uri": ("'none'",),
    "frame-ancestors": ("'none'",),
}
"""The policy of every page of the app: its own files only, no inline code, no framing."""


@dataclass(frozen=True, slots=True)
class EmbeddedReport:
    """A rendered report and the page policy that lets it run inside a srcdoc frame."""

    document: str
    policy: str


def policy_text(policy: dict[str, tuple[str, ...]]) -> str:
    """A policy as the text of a Content-Security-Policy header."""
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


def embed(document: str) -> EmbeddedReport:
    """The report `document` (`render_html`'s) with the policy of a page showing it in a
    srcdoc frame."""
    policy = dict(PAGE_POLICY)
    for directive in ("style-src", "script-src"):
        policy[directive] = (*policy[directive], *report_policy()[directive])
    return EmbeddedReport(document, policy_text(policy))
