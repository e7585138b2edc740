"""Planning an ingest: inputs that cannot be read fail before anything is stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.corpus import write_jsonl

from parallax.errors import InputError
from parallax.ingest.plan import plan


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.jsonl", None, "no such file or directory"),
        ("notes.docx", b"PK\x03\x04", "'.docx' files are not supported"),
        ("empty.jsonl", b"  \n", "file is empty"),
        ("blob.jsonl", b"\x00\x01\x02binary", "binary file"),
        ("fake.jsonl.gz", b"not gzip", "not a gzip file"),
    ],
)
def test_inputs_that_cannot_be_read_fail_before_anything_is_stored(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", 3)
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        plan([good, path])


def test_urls_are_refused_not_fetched() -> None:
    with pytest.raises(InputError, match="reads local files only"):
        plan(["https://news.example/story"])
