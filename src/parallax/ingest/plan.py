"""Which files corpus ingest reads: inputs checked and directories expanded up front.

`plan` refuses an input that cannot be read at all (a URL, a missing path, an
unsupported, empty or binary file, a directory without supported files) before anything
is stored, and gives each file the reader its name calls for (`format_of`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from parallax.errors import ErrorCode, InputError
from parallax.ingest.files import FORMATS, reader_of, walk
from parallax.ingest.sources import Source
from parallax.ingest.urls import is_url
from parallax.ingest.warc import GZIP_MAGIC, check_warc

__all__ = ["CORPUS_FORMATS", "format_of", "plan"]

log = logging.getLogger(__name__)

CORPUS_FORMATS: dict[str, str] = {
    # What compare mode reads, less URL lists (corpus ingest never fetches), plus JSON
    # Lines gzipped (streamed, so files of any size).
    **{ending: kind for ending, kind in FORMATS.items() if kind != "urls"},
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
}
"""File name endings corpus ingest reads, and the reader each gets."""

SUPPORTED = ", ".join(CORPUS_FORMATS)
_SNIFF = 8192


def format_of(path: Path) -> str | None:
    """The reader corpus ingest gives a file name, None when unsupported."""
    return reader_of(path, CORPUS_FORMATS)


def _unsupported(path: Path, origin: str) -> InputError:
    suffix = "".join(path.suffixes[-2:]) if path.suffixes else ""
    what = f"'{suffix}' files are" if suffix else "files without an extension are"
    return InputError(
        ErrorCode.UNSUPPORTED_FORMAT,
        f"{what} not supported by corpus ingest; supported: {SUPPORTED} (or a directory)",
        origin=origin,
    )


def _sniff(path: Path, kind: str, origin: str) -> None:
    """Refuse an empty file, or a binary one where text is expected, before any storing."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
    except OSError as err:
        raise InputError(
            ErrorCode.NOT_FOUND, f"cannot read ({err.strerror})", origin=origin
        ) from None
    if not head.strip():
        raise InputError(ErrorCode.EMPTY, "file is empty", origin=origin)
    compressed = path.name.lower().endswith(".gz")
    if compressed and not head.startswith(GZIP_MAGIC):
        raise InputError(ErrorCode.BINARY, "ends in .gz but is not a gzip file", origin=origin)
    if not compressed and kind != "warc" and (b"\x00" in head or head.startswith(GZIP_MAGIC)):
        raise InputError(ErrorCode.BINARY, "binary file, not text", origin=origin)
    if kind == "warc":
        check_warc(path, origin)


def _ingestible(path: Path) -> bool:
    if format_of(path) is not None:
        return True
    log.info("%s: skipped (not a supported format)", path)
    return False


def plan(inputs: Sequence[str | Path]) -> list[Source]:
    """The files to read, directories expanded (recursively, sorted, hidden ones skipped).

    Raises an `InputError` for an input that cannot be read at all, before anything is
    stored: a URL, a missing path, an unsupported, empty or binary file, a directory
    without supported files.
    """
    sources: list[Source] = []
    seen: set[Path] = set()

    def add(path: Path, kind: str, explicit: bool) -> None:
        resolved = path.resolve()
        if resolved in seen:
            return
        seen.add(resolved)
        sources.append(Source(path, kind, path.stat().st_size, explicit))

    for target in inputs:
        name = str(target)
        if isinstance(target, str) and is_url(target):
            raise InputError(
                ErrorCode.UNSUPPORTED_FORMAT,
                "corpus ingest reads local files only; save the pages (or a WARC of them) "
                "and ingest those",
                origin=name,
            )
        path = Path(target)
        if path.is_dir():
            files = walk(path, _ingestible)
            if not files:
                raise InputError(
                    ErrorCode.EMPTY,
                    f"directory holds no supported files ({SUPPORTED})",
                    origin=name,
                )
            for file in files:
                add(file, format_of(file) or "", explicit=False)
            continue
        if not path.exists():
            raise InputError(ErrorCode.NOT_FOUND, "no such file or directory", origin=name)
        kind = format_of(path)
        if kind is None:
            raise _unsupported(path, name)
        _sniff(path, kind, name)
        add(path, kind, explicit=True)
    return sources
