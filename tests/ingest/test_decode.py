"""Decoding: what happens to empty, binary, oversized and non-UTF-8 files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from parallax.errors import ErrorCode, InputError
from parallax.ingest import MAX_BYTES, load
from parallax.ingest.decode import decode_bytes

BODY = "It rained all week, the council said.\n\nThe roads were closed on Friday.\n"


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load(path)
    return info.value


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _error(path).code is ErrorCode.EMPTY


def test_whitespace_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\r\n  \n")
    assert _error(path).code is ErrorCode.EMPTY


def test_png_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    error = _error(path)
    assert error.code is ErrorCode.BINARY
    assert "PNG" in error.message


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"some text\x00\x00\x00more text\x00")
    assert _error(path).code is ErrorCode.BINARY


def test_cp1252_file_decodes_accents_and_curly_quotes(tmp_path: Path) -> None:
    text = "Zoë’s café reopens\n\nThe owner said “business is back” after a naïve start.\n"
    path = tmp_path / "cafe.txt"
    path.write_bytes(text.encode("cp1252"))
    article = load(path)
    assert article.title == "Zoë’s café reopens"
    assert "“business is back”" in article.text
    assert "naïve" in article.text


def test_latin1_file_decodes(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café de la gare\n\nUn été très chaud à Montréal.\n".encode("latin-1"))
    article = load(path)
    assert article.title == "Le café de la gare"
    assert article.text == "Un été très chaud à Montréal."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Zażółć gęślą jaźń, powiedział.", "cp1250"),
        ("Съешь же ещё этих мягких французских булок.", "cp1251"),
        ("Ein schöner Tag in München – „endlich“.", "cp1252"),
    ],
)
def test_legacy_code_pages_are_told_apart(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), origin="x.txt") == text


def test_invisible_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "invisible.txt"
    path.write_text("\u200b\u200b\n\u2060", encoding="utf-8")
    assert _error(path).code is ErrorCode.EMPTY


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + ("Headline here\n\n" + BODY).encode())
    article = load(path)
    assert article.title == "Headline here"
    assert "\ufeff" not in article.text


def test_utf16_with_bom_decodes(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(("Headline here\n\n" + BODY).encode("utf-16"))
    assert load(path).title == "Headline here"


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: costs no disk space
        handle.truncate(MAX_BYTES + 1)
    error = _error(path)
    assert error.code is ErrorCode.TOO_LARGE
    assert error.message == (
        "the file is 20 MB; an article may have at most 1,000,000 characters and a file at "
        "most 20 MB")


def test_garbage_high_bytes_are_undecodable() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(bytes(range(0x80, 0x100)) * 3, origin="junk.txt")
    assert info.value.code is ErrorCode.UNDECODABLE


def test_missing_file_is_not_found(tmp_path: Path) -> None:
    error = _error(tmp_path / "nowhere.txt")
    assert error.code is ErrorCode.NOT_FOUND
    assert "nowhere.txt" in str(error)
