"""What each statement of a shared claim adds, as a reader of the report sees it."""

from __future__ import annotations

import json

import pytest

import parallax
from parallax.report import render_html, render_json, render_markdown
from parallax.types import Article


def _pair() -> list[Article]:
    herald = parallax.load_text(
        "Officials said 20,000 attackers took part in the riots in Almaty on Wednesday.\n\n"
        "The mayor thanked the rescue teams.",
        source="Herald", title="Riots in Almaty")
    courier = parallax.load_text(
        "Officials said 20K attackers took part in the riots in Almaty, which left 164 people "
        "dead and more than 2,200 injured.\n\nThe weather was cold.",
        source="Courier", title="Almaty riots")
    return [herald, courier]


@pytest.fixture(scope="module")
def report() -> dict[str, object]:
    return json.loads(render_json(parallax.compare(_pair())))


def _added(report: dict, source: str) -> list[str]:  # type: ignore[type-arg]
    article = next(a for a in report["articles"] if a["source"] == source)
    return [article["text"][e["start"]:e["end"]]
            for c in report["claims"] if len(c["sources"]) > 1
            for s in c["statements"] if s["article"] == article["id"] for e in s["extra"]]


def test_the_longer_statement_shows_what_it_adds(report: dict) -> None:  # type: ignore[type-arg]
    added = " ".join(_added(report, "Courier"))
    assert "164 people dead" in added and "2,200 injured" in added
    assert "20K" not in added  # 20K and 20,000 are one number


def test_a_shared_number_in_another_form_is_not_added(report: dict) -> None:  # type: ignore[type-arg]
    assert all("20,000" not in a for a in _added(report, "Herald"))


def test_unique_claims_add_nothing(report: dict) -> None:  # type: ignore[type-arg]
    assert all(s["extra"] == [] for c in report["claims"] if len(c["sources"]) == 1
               for s in c["statements"])


def test_every_format_shows_the_addition() -> None:
    comparison = parallax.compare(_pair())
    assert "only Courier adds:" in render_markdown(comparison)
    html = render_html(comparison)
    marked = html.split('<ins class="extra" title="only this source says this in its claim">')[1:]
    assert any("164" in part.split("</ins>")[0] for part in marked)
