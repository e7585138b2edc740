"""The display facts every report shares."""

from __future__ import annotations

from parallax.report.views.claims import (
    article_views,
    claim_groups,
    display_date,
    safe_url,
    short_ids,
    truncate,
)
from parallax.types import Comparison


def test_truncate_cuts_at_a_word_with_ellipsis() -> None:
    assert truncate("short   text\n", 20) == "short text"
    cut = truncate("The bridge was closed on Tuesday after a storm", 20)
    assert cut == "The bridge was…"
    assert len(cut) <= 20


def test_short_ids_stay_distinct() -> None:
    assert short_ids(["a", "b"]) == {"a": "a", "b": "b"}
    long = ["0123456789abcdef0123-x", "0123456789abcdef0123-y"]
    short = short_ids(long)
    assert len(set(short.values())) == 2
    assert short_ids(["/feeds/2024/one-very-long-name.txt"]) == {
        "/feeds/2024/one-very-long-name.txt": "/feeds/2024…"
    }


def test_only_http_urls_are_links() -> None:
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url("https://exa mple.org") is None
    assert safe_url(None) is None


def test_display_date() -> None:
    assert display_date("2024-03-05T09:30:00+00:00") == "2024-03-05 09:30"
    assert display_date("2024-03-05T00:00:00") == "2024-03-05"
    assert display_date("5 March 2024") == "5 March 2024"
    assert display_date(None) == ""


def test_groups(comparison: Comparison) -> None:
    views = article_views(comparison)
    groups = claim_groups(comparison, views)
    assert [(g.title, [c.id for c in g.claims]) for g in groups] == [
        ("Shared by all 3 sources", ["c2"]),
        ("Shared by some sources", ["c1", "c3", "c6"]),
        ("Only in The Herald", ["c4"]),
        ("Only in Daily Courier", []),
        ("Only in Night <b>Owl</b> [red]News[/red]", ["c5"]),
    ]


def test_same_source_twice_gets_told_apart(pair: Comparison) -> None:
    assert [v.label for v in article_views(pair)] == ["Wire (one)", "Wire (two)"]


def test_two_sources_share_claims_as_both(pair: Comparison) -> None:
    titles = [g.title for g in claim_groups(pair, article_views(pair))]
    assert titles[0] == "Shared by both sources"
    assert not any("all 2" in title for title in titles)
