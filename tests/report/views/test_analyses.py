"""The shared view of quotes, numbers, timeline and warnings every report lays out."""

from __future__ import annotations

from dataclasses import replace

import pytest

import parallax
from parallax.analyse.quantities.extract import extract_quantities
from parallax.annotate import annotate
from parallax.report.views.analyses import (
    format_number,
    format_quantity,
    numbers_view,
    over_time,
    quote_groups,
    quote_links,
    quoted_once_line,
    warning_lines,
)
from parallax.report.views.claims import article_views, labels
from parallax.report.views.timeline import display_event_date, timeline_rows
from parallax.types import (
    Comparison,
    DateMention,
    Quantity,
    QuantityMatch,
    QuantityRelation,
    TimelineEvent,
)


def _names(comparison: Comparison) -> dict[str, str]:
    return labels(article_views(comparison))


def test_quote_links(comparison: Comparison) -> None:
    links = quote_links(comparison)
    assert links["q1"].relation == "partial"
    assert links["q1"].others == ("q2",)
    assert links["q1"].sources == ("courier-2024-002",)
    assert links["q4"].relation == "same"
    assert links["q5"].relation == "only" and links["q5"].others == ()


def test_quotes_grouped_by_speaker_unattributed_last(comparison: Comparison) -> None:
    groups = quote_groups(comparison, _names(comparison))
    assert groups[0].speaker == "Mayor Ann Lee"
    assert groups[-1].speaker == "Unattributed" and not groups[-1].attributed
    assert [line.quote.id for line in groups[-1].lines] == ["q3"]
    mayor = {line.quote.id: line.note for line in groups[0].lines}
    assert mayor == {"q1": "◐ partial in Daily Courier", "q2": "◐ partial in The Herald"}
    evil = groups[1].lines
    assert evil[1].note == "only in Night <b>Owl</b> [red]News[/red]"
    assert quoted_once_line(comparison, _names(comparison)) == (
        "Quoted in only one source: The Herald 0, Daily Courier 0, "
        "Night <b>Owl</b> [red]News[/red] 1"
    )


def test_long_quotes_are_cut(comparison: Comparison) -> None:
    long = replace(comparison.analyses.quotes[0], text="word " * 100)
    found = replace(comparison.analyses, quotes=(long,))
    groups = quote_groups(replace(comparison, analyses=found), _names(comparison))
    text = groups[0].lines[0].text
    assert text.endswith("…") and len(text) <= 160


def test_numbers_conflicts_first_then_agreements_then_single(comparison: Comparison) -> None:
    view = numbers_view(comparison, _names(comparison))
    assert [(r.relation, r.counted) for r in view.conflicts] == [("conflict", "repair time")]
    assert [(v.label, v.value, v.text) for v in view.conflicts[0].values] == [
        ("The Herald", "2 weeks", "two weeks"),
        ("Night <b>Owl</b> [red]News[/red]", "3 weeks", "three weeks"),
    ]
    assert [(r.relation, r.marker) for r in view.agreements] == [("compatible", "≈")]
    assert view.agreements[0].values[1].value == "about 2 weeks"
    assert [label for label, _ in view.single] == ["The Herald", "Night <b>Owl</b> [red]News[/red]"]
    assert view.single[0][1] == ("15 min ferry interval",)


def test_number_formats() -> None:
    def q(**kw: object) -> Quantity:
        return Quantity("n", "a", 0, 1, "x", 0, **kw)  # type: ignore[arg-type]

    assert format_number(20000.0) == "20,000"
    assert format_number(2.5) == "2.5"
    assert format_number(float("nan")) == "?" and format_number(float("inf")) == "?"
    assert format_quantity(q(value=61.5, low=24.0, high=99.0)) == "24–99"
    assert format_quantity(q(value=18.0, low=18.0, qualifier="at least")) == "at least 18"
    assert format_quantity(q(value=2e4, low=1.8e4, high=2.2e4, qualifier="around")) == (
        "around 20,000"
    )
    assert format_quantity(q(value=300.0, low=270.0, high=300.0, qualifier="nearly")) == (
        "nearly 300"
    )
    assert format_quantity(q(value=5.0, unit="%")) == "5%"
    assert format_quantity(q(value=3.0, unit="km", counted="queue"), with_counted=True) == (
        "3 km queue"
    )
    as_written = Quantity("n", "a", 0, 1, "30 years", 0, value=30.0, counted="year")
    assert format_quantity(as_written, with_counted=True) == "30 years"
    folks = Quantity("n", "a", 0, 1, "30 million Americans", 0, value=3e7, counted="american")
    assert format_quantity(folks, with_counted=True) == "30,000,000 Americans"
    dead = Quantity("n", "a", 0, 1, "Dozens", 0, value=61.5, low=24.0, high=99.0,
                    qualifier="dozens", counted="dead")
    assert format_quantity(dead, with_counted=True) == "dozens (24–99) dead"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Dozens of people died.", "dozens (24–99)"),
        ("Between 10 and 20 people were injured.", "10–20"),
        ("Tens of thousands of people marched.", "tens of thousands (20,000–99,999)"),
        ("Several hundred were hurt.", "several hundred (200–900)"),
        ("A dozen people were hurt.", "a dozen (12)"),
        ("Around 20K people marched.", "around 20,000"),
    ],
)
def test_counts_as_the_analysis_finds_them_show_no_midpoint(text: str, shown: str) -> None:
    [article] = annotate([parallax.load_text(text, source="A")])
    assert [format_quantity(q) for q in extract_quantities(article)] == [shown]


def test_a_toll_that_rises_from_report_to_report_is_noted_as_maybe_an_update() -> None:
    def q(id_: str, article: str, value: float) -> Quantity:
        return Quantity(id_, article, 0, 1, "x", 0, value=value)

    by_id = {"n1": q("n1", "a", 200.0), "n2": q("n2", "b", 550.0), "n3": q("n3", "c", 300.0)}
    rising = QuantityMatch(("n1", "n2"), QuantityRelation.CONFLICT, "dead")
    published = {"a": "2020-03-20", "b": "2020-03-24T10:00:00", "c": "2020-03-24"}
    assert over_time(rising, by_id, published) == (
        "rose from report to report (20 Mar 2020 → 24 Mar 2020): maybe an update")
    same_day = QuantityMatch(("n2", "n3"), QuantityRelation.CONFLICT, "dead")
    falling = QuantityMatch(("n2", "n1"), QuantityRelation.CONFLICT, "dead")
    undated = {"a": None, "b": "2020-03-24"}
    unnamed = QuantityMatch(("n1", "n2"), QuantityRelation.CONFLICT, None)
    assert over_time(same_day, by_id, published) == ""
    assert over_time(replace(falling, quantities=("n3", "n1")), by_id,
                     {"a": "2020-03-25", "c": "2020-03-20"}) == ""
    assert over_time(rising, by_id, undated) == ""
    assert over_time(unnamed, by_id, published) == ""


def test_dates_by_granularity() -> None:
    assert display_event_date("2022-01-07", "day") == "7 Jan 2022"
    assert display_event_date("2022-01", "month") == "2022-01"
    assert display_event_date("2022", "year") == "2022"
    assert display_event_date("2022-W01", "week") == "week of 3 Jan 2022"
    assert display_event_date("not a date", "day") == "not a date"
    assert display_event_date(None, "day") == "unresolved"


def test_timeline_is_chronological_with_relative_notes(comparison: Comparison) -> None:
    friday = DateMention(
        "d9", "herald-2024-001", 0, 9, "on Friday", 0, "2022-01-07", "day", True, "2022-01-08"
    )
    events = (
        TimelineEvent("2022-01-07", "day", ("d9",), ("herald-2024-001",), "Protests began"),
        TimelineEvent("2022-01", "month", (), ("courier-2024-002",), "A month of unrest"),
        TimelineEvent("2021", "year", (), ("courier-2024-002",), "The year before"),
        *comparison.analyses.timeline,
    )
    found = replace(comparison.analyses, timeline=events,
                    dates=(*comparison.analyses.dates, friday))
    changed = replace(comparison, analyses=found)
    rows = timeline_rows(changed, _names(comparison))
    assert [r.date for r in rows] == ["2021", "2022-01", "7 Jan 2022", "5 Mar 2024"]
    assert rows[2].notes == ("relative: on Friday → 2022-01-07, anchored to 2022-01-08",)
    assert rows[3].notes == ("relative: Tuesday → 2024-03-05",)  # anchor = date: not repeated
    assert rows[3].sources == (
        "The Herald",
        "Daily Courier",
        "Night <b>Owl</b> [red]News[/red]",
    )


def test_empty_analyses(pair: Comparison) -> None:
    names = _names(pair)
    assert quote_groups(pair, names) == ()
    assert not numbers_view(pair, names)
    assert timeline_rows(pair, names) == ()
    assert warning_lines(pair) == ()
