"""What the timeline section shows, and how dates read, computed once for every report.

Like `view`, this module decides order and wording; the renderers only lay it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from parallax.report.views.claims import one_line, truncate
from parallax.types import Comparison, DateMention

WHAT_LIMIT = 120  # characters of a timeline description shown
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_GRANULARITY_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def display_event_date(iso: str | None, granularity: str) -> str:
    """A date as its granularity allows: `7 Jan 2022`, `2022-01`, `2022`, `week of 3 Jan 2022`."""
    if not iso:
        return "unresolved"
    try:
        if granularity == "day":
            day = date.fromisoformat(iso[:10])
            return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
        if granularity == "week":
            year, week = iso.split("-W")
            monday = date.fromisocalendar(int(year), int(week), 1)
            return f"week of {monday.day} {_MONTHS[monday.month - 1]} {monday.year}"
    except ValueError:
        return one_line(iso)
    return one_line(iso)


def _sort_key(iso: str, granularity: str) -> tuple[str, int, str]:
    start = iso
    if granularity == "week" and "-W" in iso:
        try:
            year, week = iso.split("-W")
            start = date.fromisocalendar(int(year), int(week), 1).isoformat()
        except ValueError:
            pass
    return start, _GRANULARITY_RANK.get(granularity, 9), iso


def relative_note(mention: DateMention) -> str:
    """`relative: on Friday → 2022-01-07`, with `, anchored to 2022-01-08` when the date it
    was resolved against is another one."""
    note = f"relative: {one_line(mention.text)} → {mention.date or 'unresolved'}"
    anchored = mention.anchor and mention.anchor != mention.date
    return note + (f", anchored to {mention.anchor}" if anchored else "")


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """An event of the timeline as every report shows it."""

    date: str  # for display
    iso: str
    what: str
    sources: tuple[str, ...]  # labels
    notes: tuple[str, ...]  # one per distinct relative mention


def timeline_rows(comparison: Comparison, names: Mapping[str, str]) -> tuple[TimelineRow, ...]:
    """The timeline in chronological order (a year before its months, a month before its days)."""
    mentions = {m.id: m for m in comparison.analyses.dates}
    rows = []
    events = comparison.analyses.timeline
    for event in sorted(events, key=lambda e: _sort_key(e.date, e.granularity)):
        notes = tuple(
            dict.fromkeys(
                relative_note(mentions[i])
                for i in event.mentions
                if i in mentions and mentions[i].relative
            )
        )
        rows.append(
            TimelineRow(
                display_event_date(event.date, event.granularity),
                event.date,
                truncate(event.description, WHAT_LIMIT),
                tuple(names.get(s, s) for s in event.sources),
                notes,
            )
        )
    return tuple(rows)


def date_title(mention: DateMention) -> str:
    """The tooltip of a date mention in the article text."""
    shown = display_event_date(mention.date, mention.granularity)
    return f"{shown} ({relative_note(mention)})" if mention.relative else shown
