"""The date expressions of English news text, found by rule and resolved to the calendar.

`scan` finds expressions in a sentence; `resolve` turns one into an ISO date given an
anchor (the day the text speaks from). Rules, most specific first:

- full dates: "January 7, 2022", "7 January 2022", "Jan. 7th, 2022", "2022-01-07";
- year-less days "Jan. 2": the anchor's year, or the previous year when that would put the
  day more than `FUTURE_DAYS` (92, a quarter) after the anchor — an article mentions
  recent past days far more often than days a season ahead;
- months "May 2020" (granularity month); "in May" takes a year like a year-less day;
- bare years "in 2020": only inside a spaCy DATE entity, or after a year preposition
  ("in", "since", "by", …) and not before a noun ("by 2000 people" is a count);
- weekdays "Friday", "on Friday", "earlier Friday": the most recent such day on or before
  the anchor; "last Friday" strictly before it, "next Friday" strictly after; a weekday the
  sentence speaks of ahead ("is expected to begin on Wednesday, followed by the House on
  Thursday", "will meet Monday") the first such day on or after the anchor;
- "yesterday", "today", "tonight", "tomorrow"; "last/this/next week|month|year";
  "three days ago". Weeks are ISO weeks ("2022-W01", granularity "week").

Impossible dates ("February 30") are skipped with a warning.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

log = logging.getLogger(__name__)

FUTURE_DAYS = 92
"""A quarter, chosen by hand (news names recent past days far more often than days a season
ahead), not calibrated on a data set."""

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
YEAR_PREPOSITIONS = frozenset(
    {"in", "since", "by", "until", "till", "from", "before", "after", "during", "of",
     "early", "late", "mid", "through", "throughout", "between", "and", "to"})

_MONTH = (r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October"
          r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?")),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b")),
    ("month", re.compile(
        rf"(?i:\b(?P<mod>in|since|until|till|by|during|early|late|mid|last|next|this)(?:\s+|-))"
        rf"{_MONTH}")),
    ("weekday", re.compile(
        rf"\b(?:(?P<mod>(?i:earlier|later|early|late|last|next|this|past|on))\s+)?{_WEEKDAY}"
        r"(?!s)\b")),
    ("deictic", re.compile(r"(?i)\b(?P<word>yesterday|today|tonight|tomorrow)\b")),
    ("rel", re.compile(r"(?i)\b(?P<mod>last|this|next)\s+(?P<unit>week|month|year)\b")),
    ("ago", re.compile(r"(?i)\b(?P<n>\d{1,4}|an?|one|two|three|four|five|six|seven|eight"
                       r"|nine|ten|eleven|twelve)\s+(?P<unit>day|week|month|year)s?\s+ago\b")),
    ("year", re.compile(r"(?<![$£€¥.,])\b(?P<year>1[5-9]\d\d|2[01]\d\d)\b(?![-/.,]\d)")),
)
# A modifier that stays outside the mention's text: "on Friday" mentions "Friday".
_SILENT = frozenset({"on", "in", "since", "until", "till", "by", "during"})
# What puts a weekday ahead of the day the text speaks from, when it comes before it in the
# sentence: the future ("will", "'ll"), and plans and schedules ("is expected to", "is set
# to", "plans to", "is scheduled for").
_AHEAD = re.compile(
    r"(?i:\b(?:will|shall)\b|'ll\b|\b(?:is|are|was|were)\s+(?:expected|set|scheduled|due|"
    r"slated|poised|going)\s+(?:to|for)\b|\b(?:plans?|planned|intends?)\s+to\b|"
    r"\b(?:is|are)\s+to\s+\w+)")


@dataclass(frozen=True, slots=True)
class Raw:
    """A date expression at `[start, end)` of its sentence, not yet resolved."""

    start: int
    end: int
    kind: str  # "day", "yearless", "month", "month_only", "year", "weekday", …
    year: int | None = None
    month: int | None = None
    day: int | None = None
    modifier: str | None = None
    unit: str | None = None
    count: int = 0

    @property
    def absolute(self) -> bool:
        """Whether the expression names its date without an anchor."""
        return self.kind in ("day", "month", "year")


def _int(text: str | None) -> int | None:
    return int(text) if text is not None else None


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _raw(kind: str, m: re.Match[str]) -> Raw:
    groups = m.groupdict()
    mod = (groups.get("mod") or "").lower() or None
    start = m.start("mon") if kind == "month" and mod in _SILENT else m.start()
    if kind == "weekday" and mod in _SILENT:
        start = m.start("wd")
    if kind == "iso":
        return Raw(start, m.end(), "day", _int(groups["year"]), _int(groups["month"]),
                   _int(groups["day"]))
    if kind in ("mdy", "dmy"):
        year = _int(groups["year"])
        return Raw(start, m.end(), "day" if year else "yearless", year,
                   _month(groups["mon"]), _int(groups["day"]))
    if kind == "my":
        return Raw(start, m.end(), "month", _int(groups["year"]), _month(groups["mon"]))
    if kind == "month":
        return Raw(start, m.end(), "month_only", None, _month(groups["mon"]), modifier=mod)
    if kind == "weekday":
        return Raw(start, m.end(), "weekday", day=WEEKDAYS[groups["wd"].lower()], modifier=mod)
    if kind == "deictic":
        shift = {"yesterday": -1, "tomorrow": 1}.get(groups["word"].lower(), 0)
        return Raw(start, m.end(), "deictic", count=shift)
    if kind == "rel":
        shift = {"last": -1, "next": 1}.get(mod or "", 0)
        return Raw(start, m.end(), "rel", unit=groups["unit"].lower(), count=shift)
    if kind == "ago":
        n = groups["n"].lower()
        count = _SMALL[n] if n in _SMALL else int(n)
        return Raw(start, m.end(), "rel", unit=groups["unit"].lower(), count=-count)
    return Raw(start, m.end(), "year", _int(groups["year"]))


def _valid(raw: Raw, text: str) -> bool:
    """False (with a warning) for a day or month no calendar has: "February 30"."""
    try:
        if raw.month is not None:
            date(raw.year or 2000, raw.month, raw.day or 1)  # 2000 is a leap year
    except ValueError:
        log.warning("skipping impossible date %r", text[raw.start:raw.end])
        return False
    return True


def scan(text: str, year_ok: Callable[[int, int], bool] | None = None) -> list[Raw]:
    """The date expressions of a sentence, non-overlapping, in order.

    `year_ok(start, end)` says whether the bare four-digit number at `[start, end)` reads
    as a year; without it no bare year is taken.
    """
    taken: list[Raw] = []

    def free(s: int, e: int) -> bool:
        return all(e <= r.start or s >= r.end for r in taken)

    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            raw = _raw(kind, m)
            if kind == "weekday" and raw.modifier in (None, *_SILENT) \
                    and _AHEAD.search(text, 0, m.start()):
                raw = Raw(raw.start, raw.end, "weekday", day=raw.day, modifier="ahead")
            if kind == "year" and not (year_ok and year_ok(m.start(), m.end())):
                continue
            if _valid(raw, text):
                taken.append(raw)
            else:
                taken.append(Raw(m.start(), m.end(), "invalid"))  # blocks shorter readings
    return sorted((r for r in taken if r.kind != "invalid"), key=lambda r: r.start)


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _weekday(raw: Raw, anchor: date) -> date:
    target = raw.day or 0
    if raw.modifier in ("last", "past"):
        return anchor - timedelta(days=(anchor.weekday() - target - 1) % 7 + 1)
    if raw.modifier == "next":
        return anchor + timedelta(days=(target - anchor.weekday() - 1) % 7 + 1)
    if raw.modifier == "ahead":
        return anchor + timedelta(days=(target - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - target) % 7)


def _month_only(raw: Raw, anchor: date) -> int:
    """The year of a year-less month, relative to the anchor."""
    month = raw.month or 1
    if raw.modifier == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if raw.modifier == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if raw.modifier == "this":
        return anchor.year
    return anchor.year - 1 if month - anchor.month > FUTURE_DAYS // 30 else anchor.year


def _relative(raw: Raw, anchor: date) -> tuple[str, str]:
    if raw.unit == "day":
        return (anchor + timedelta(days=raw.count)).isoformat(), "day"
    if raw.unit == "week":
        return _iso_week(anchor + timedelta(weeks=raw.count)), "week"
    if raw.unit == "month":
        year, month = _shift_month(anchor.year, anchor.month, raw.count)
        return f"{date(year, month, 1):%Y-%m}", "month"
    return f"{date(anchor.year + raw.count, 1, 1):%Y}", "year"


def granularity(raw: Raw) -> str:
    """The granularity a raw expression resolves to."""
    if raw.kind in ("month", "month_only"):
        return "month"
    if raw.kind == "year":
        return "year"
    if raw.kind == "rel":
        return raw.unit or "day"
    return "day"


def resolve(raw: Raw, anchor: date | None) -> tuple[str | None, str]:
    """The ISO date and granularity of a raw expression; the date is None when it needs an
    anchor and has none, or falls outside the calendar."""
    try:
        if raw.kind == "day":
            return date(raw.year or 1, raw.month or 1, raw.day or 1).isoformat(), "day"
        if raw.kind == "month":
            return f"{date(raw.year or 1, raw.month or 1, 1):%Y-%m}", "month"
        if raw.kind == "year":
            return f"{date(raw.year or 1, 1, 1):%Y}", "year"
        if anchor is None:
            return None, granularity(raw)
        if raw.kind == "yearless":
            day = date(anchor.year, raw.month or 1, raw.day or 1)
            if day > anchor + timedelta(days=FUTURE_DAYS):
                day = date(anchor.year - 1, raw.month or 1, raw.day or 1)
            return day.isoformat(), "day"
        if raw.kind == "month_only":
            return f"{date(_month_only(raw, anchor), raw.month or 1, 1):%Y-%m}", "month"
        if raw.kind == "weekday":
            return _weekday(raw, anchor).isoformat(), "day"
        if raw.kind == "deictic":
            return (anchor + timedelta(days=raw.count)).isoformat(), "day"
        return _relative(raw, anchor)
    except (ValueError, OverflowError):  # 29 February in a common year, "9999 years ago"
        log.warning("cannot resolve a %s date against %s", raw.kind, anchor)
        return None, granularity(raw)
