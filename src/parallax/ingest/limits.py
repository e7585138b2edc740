"""The size limits of an input, stated one way wherever they refuse something.

A file is limited in bytes, since it may hold many articles (JSON Lines, WARC, feeds), and
an article in characters, its text once read. Every refusal names what was too large and
then states both limits, so a file under the byte limit that holds too long an article
is not a surprise: `3,000,000 characters; an article may have at most 1,000,000 characters
and a file at most 20 MB`. The web app states its own, smaller limits the same way.
"""

from __future__ import annotations

MAX_BYTES = 20_000_000
"""Largest input file accepted, in bytes (20 MB): twenty times the longest article, so a
file of many records fits, and small enough to read whole into memory."""

MAX_ARTICLE_CHARS = 1_000_000
"""The longest text taken as one article: spaCy's own limit for a text, about 170,000
words, ten times the longest long-read; what is longer is a book, a dump or several
articles."""


def megabytes(size: int) -> str:
    """A byte count as megabytes (10^6 bytes), as short as it can be said: 20, 0.004, 3.2."""
    return f"{round(size / 1e6, 3):g}"


def limits_statement(
    max_chars: int = MAX_ARTICLE_CHARS, max_bytes: int = MAX_BYTES, per: str = "file"
) -> str:
    """Both limits in one clause: `an article may have at most 1,000,000 characters and a
    file at most 20 MB`."""
    return (
        f"an article may have at most {max_chars:,} characters and a {per} at most "
        f"{megabytes(max_bytes)} MB"
    )


def too_many_characters(
    count: int, max_chars: int = MAX_ARTICLE_CHARS, max_bytes: int = MAX_BYTES,
    per: str = "file",
) -> str:
    """The refusal of an article of `count` characters."""
    return f"{count:,} characters; {limits_statement(max_chars, max_bytes, per)}"


def too_many_bytes(
    size: int | None, max_bytes: int = MAX_BYTES, max_chars: int = MAX_ARTICLE_CHARS,
    per: str = "file",
) -> str:
    """The refusal of a `per` of `size` bytes (None: more than the limit, size not known)."""
    what = f"larger than {megabytes(max_bytes)}" if size is None else megabytes(size)
    return f"the {per} is {what} MB; {limits_statement(max_chars, max_bytes, per)}"
