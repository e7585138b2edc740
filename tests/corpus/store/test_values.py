"""Values as stored: publication dates read to naive UTC, URL keys."""

from __future__ import annotations

import pytest

from parallax.corpus.store.values import parse_published, url_key


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-07", "2022-01-07T00:00:00"),
        ("2022-01-07T10:30:00Z", "2022-01-07T10:30:00"),
        ("2022-01-07T10:30:00+02:00", "2022-01-07T08:30:00"),
        ("Fri, 07 Jan 2022 10:00:00 GMT", "2022-01-07T10:00:00"),
        ("2022-01-07 garbage", "2022-01-07T00:00:00"),
        ("7/23/17", "2017-07-23T00:00:00"),
        ("12/05/2018", "2018-12-05T00:00:00"),
        ("23/7/17", "2017-07-23T00:00:00"),
        ("31/31/17", None),
        ("last Tuesday", None),
        (None, None),
    ],
)
def test_publication_dates_are_parsed_to_utc(value: str | None, expected: str | None) -> None:
    parsed = parse_published(value)
    assert (parsed.isoformat() if parsed else None) == expected


def test_a_url_key_ignores_surrounding_space_and_is_none_without_a_url() -> None:
    key = url_key("https://news.example/1")
    assert key is not None and len(key) == 32
    assert url_key("  https://news.example/1\n") == key
    assert url_key("https://news.example/2") != key
    assert url_key(None) is None and url_key("") is None
