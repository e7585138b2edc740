"""The public API: dispatch by extension, directories, load_text, and error messages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from parallax.errors import ErrorCode, InputError
from parallax.ingest import load, load_all, load_text

STORY = "Bridge to close\n\nThe harbour bridge will close in April, the council said.\n"


def test_unsupported_extension_names_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(InputError) as info:
        load(path)
    assert info.value.code is ErrorCode.UNSUPPORTED_FORMAT
    assert ".pdf" in info.value.message
    assert ".txt" in info.value.message and ".jsonl" in info.value.message


def test_directory_is_loaded_sorted_and_recursive(tmp_path: Path, fixtures: Path) -> None:
    (tmp_path / "b.txt").write_text(STORY.replace("April", "May"), encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_bytes((fixtures / "article.html").read_bytes())
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text(STORY, encoding="utf-8")
    articles = load_all(tmp_path)
    assert [Path(a.origin or "").name for a in articles] == ["a.txt", "b.txt", "page.html"]
    assert articles[0].source == "a"
    assert articles[2].source == "The Coastal Courier"


def test_directory_without_supported_files(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    with pytest.raises(InputError) as info:
        load_all(tmp_path)
    assert info.value.code is ErrorCode.EMPTY


def test_load_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="load_all"):
        load(tmp_path)


def test_identical_files_share_text_but_not_ids(tmp_path: Path) -> None:
    (tmp_path / "courier.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "herald.txt").write_text(STORY, encoding="utf-8")
    courier, herald = load_all(tmp_path)
    assert courier.text == herald.text
    assert (courier.source, herald.source) == ("courier", "herald")
    assert courier.id != herald.id


def test_a_text_file_is_named_by_its_stem_in_words(tmp_path: Path) -> None:
    (tmp_path / "000_d2e65f4c9432c01a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "marlow-bay-gazette.txt").write_text(STORY, encoding="utf-8")
    numbered, gazette = load_all(tmp_path)
    assert numbered.source == "000 d2e65f4c9432c01a"  # wraps between the words, not inside
    assert gazette.source == "marlow-bay-gazette"


def test_markdown_file(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("# Bridge to close\n\nThe bridge closes in April.\n", encoding="utf-8")
    article = load(path)
    assert article.title == "Bridge to close"
    assert article.text == "The bridge closes in April."


def test_load_text_id_is_stable_and_content_based() -> None:
    first = load_text(STORY, source="Courier")
    assert first.id == load_text(STORY, source="Courier").id
    assert first.id != load_text(STORY.replace("April", "May"), source="Courier").id
    assert first.title == "Bridge to close"
    assert first.origin is None


def test_load_text_refuses_empty_text() -> None:
    with pytest.raises(InputError) as info:
        load_text(" \n\u00a0", source="Courier")
    assert info.value.code is ErrorCode.EMPTY
    assert "Courier" in str(info.value)


def test_a_text_too_long_for_one_article_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_text("Dump\n\n" + "The minister said the plan works. " * 40_000, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    assert info.value.code is ErrorCode.TOO_LARGE
    assert str(info.value) == (
        f"{path}: 1,360,006 characters; an article may have at most 1,000,000 characters and "
        "a file at most 20 MB; split it into its articles [E007]"
    )


def test_a_file_under_the_byte_limit_states_the_character_limit_too(tmp_path: Path) -> None:
    # 3 MB passes the 20 MB of a file; the refusal says why it is still too large, and
    # comes before the text is parsed (a parsed text would count fewer characters).
    path = tmp_path / "long.md"
    path.write_text("# Long\n\n" + "word  \n" * 500_000, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    assert info.value.code is ErrorCode.TOO_LARGE
    assert "3,500,008 characters; an article may have at most 1,000,000 characters and a " \
        "file at most 20 MB" in str(info.value)


def test_load_text_keeps_a_given_title() -> None:
    article = load_text(
        STORY, source="Courier", title="Official headline", published="2024-03-18", url=None
    )
    assert article.title == "Official headline"
    assert article.text.startswith("Bridge to close")  # not guessed, so not removed
    assert article.published == "2024-03-18"


def _pdf(tmp: Path) -> Path:
    (tmp / "a.pdf").write_bytes(b"%PDF-1.4")
    return tmp / "a.pdf"


def _empty(tmp: Path) -> Path:
    (tmp / "empty.txt").write_bytes(b"")
    return tmp / "empty.txt"


def _binary(tmp: Path) -> Path:
    (tmp / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    return tmp / "img.txt"


def _bad_jsonl(tmp: Path) -> Path:
    (tmp / "feed.jsonl").write_text('{"text": "ok"}\n{"text": \n', encoding="utf-8")
    return tmp / "feed.jsonl"


def _no_text(tmp: Path) -> Path:
    (tmp / "rec.json").write_text(json.dumps({"title": "x\ny"}), encoding="utf-8")
    return tmp / "rec.json"


def _missing(tmp: Path) -> Path:
    return tmp / "absent.html"


def _login(tmp: Path) -> Path:
    source = Path(__file__).parent / "fixtures" / "login.html"
    (tmp / "login.html").write_bytes(source.read_bytes())
    return tmp / "login.html"


@pytest.mark.parametrize("make", [_pdf, _empty, _binary, _bad_jsonl, _no_text, _missing, _login])
def test_every_error_is_one_line_naming_the_file(
    tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as info:
        load_all(path)
    message = str(info.value)
    assert "\n" not in message
    assert path.name in message
    assert message.endswith(f"[{info.value.code}]")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("\u0000\u0001\u0002 ELF", "3 of its 7 characters are control characters"),
        ("\u007fELF\u0002\u0001\u0001" + "\u0000" * 9 + " header", "control characters"),
        ("0x7f 0x45 0x4c 0x46 | 0002 0001 0001 0000 | ---- ==== ++++", "are letters"),
    ],
)
def test_a_string_that_is_no_prose_is_refused_as_binary(text: str, problem: str) -> None:
    with pytest.raises(InputError) as info:
        load_text(text, source="Courier")
    assert info.value.code is ErrorCode.BINARY
    assert str(info.value).startswith("Courier: ") and problem in str(info.value)


def test_a_record_of_control_characters_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps({"text": "\u0000\u0001\u0002 ELF", "source": "Wire"}))
    with pytest.raises(InputError) as info:
        load(path)
    assert info.value.code is ErrorCode.BINARY
    assert str(info.value).startswith(f"{path}: record 1: 3 of its 7 characters are control")


def test_prose_full_of_figures_is_still_an_article() -> None:
    table = "Results\n\nAL 54.3% 45.7%\n\nAK 51.2% 48.8%\n\nTurnout rose to 66.2% in 2020."
    assert load_text(table, source="Courier").text.startswith("AL 54.3%")
