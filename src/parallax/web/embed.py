"""The HTML report of `parallax.report`, embedded in a page of the web app.

The report is a whole document with its own Content-Security-Policy; the page shows it in
a sandboxed `<iframe srcdoc>`. A srcdoc frame inherits the policy of the page around it,
so that page must allow the report's own inline style and script, by the hashes the
report's policy lists, and nothing more.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")

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


def _report_hashes(document: str, directive: str) -> tuple[str, ...]:
    found = _POLICY_META.search(document)
    if found is None:
        raise ValueError("the HTML report carries no Content-Security-Policy")
    for part in html.unescape(found.group(1)).split(";"):
        name, _, sources = part.strip().partition(" ")
        if name == directive:
            return tuple(_HASH.findall(sources))
    return ()


def embed(document: str) -> EmbeddedReport:
    """The report `document` with the policy of a page showing it in a srcdoc frame."""
    policy = dict(PAGE_POLICY)
    for directive in ("style-src", "script-src"):
        policy[directive] = (*policy[directive], *_report_hashes(document, directive))
    return EmbeddedReport(document, policy_text(policy))
