"""Values as the store keeps them: naive UTC timestamps, URL keys, publication dates."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

__all__ = ["parse_published", "url_key", "utcnow"]


def utcnow() -> datetime:
    """The current time as a naive UTC datetime (how every timestamp is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def url_key(url: str | None) -> str | None:
    """The indexed key of an article URL: 32 hex digits of its sha256, None without a URL."""
    if not url:
        return None
    return hashlib.sha256(url.strip().encode()).hexdigest()[:32]


_SLASHED = ("%m/%d/%y", "%m/%d/%Y", "%d/%m/%y", "%d/%m/%Y")
"""Dates with slashes, month first as US outlets write them ("7/23/17"); day first only
when the first number cannot be a month ("23/7/17")."""


def _slashed_date(text: str) -> datetime | None:
    day = text.partition(" ")[0]  # "7/23/17 10:00 AM": the date only
    for layout in _SLASHED:
        try:
            return datetime.strptime(day, layout)
        except ValueError:
            continue
    return None


def parse_published(value: str | None) -> datetime | None:
    """A publication date as naive UTC: ISO 8601, RFC 2822 or a slashed date (month first,
    as US outlets write it, unless the first number cannot be a month); None when
    unreadable."""
    if not value:
        return None
    text = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            try:
                parsed = datetime.fromisoformat(text[:10])
            except ValueError:
                parsed = _slashed_date(text)
                if parsed is None:
                    return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed
