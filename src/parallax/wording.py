"""Small helpers for the sentences parallax prints."""

from __future__ import annotations

__all__ = ["counted"]


def counted(count: int, one: str, many: str) -> str:
    """`count` with the noun that agrees with it: "1 story", "3 stories", "0 stories"."""
    return f"{count} {one if count == 1 else many}"
