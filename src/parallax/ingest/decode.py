"""Bytes to text: size, emptiness and binary checks, BOMs, UTF-8, then a best guess.

Order of decisions for a byte string:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides the encoding;
2. NUL bytes or many control bytes mean a binary file (`BINARY`);
3. strict UTF-8;
4. an encoding the document declares (an HTML `<meta charset>`), when it decodes cleanly;
5. the least suspicious reading (see `suspicion`) among common legacy code pages and
   charset-normalizer's candidates, cp1252 winning ties: short cp1252 files are often
   mistaken for cp1250 by charset-normalizer alone;
6. nothing plausible: `UNDECODABLE`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from parallax.errors import ErrorCode, InputError
from parallax.ingest.limits import MAX_BYTES, too_many_bytes

__all__ = ["MAX_BYTES", "declared_charset", "decode_bytes", "read_bytes"]


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or a .docx/.xlsx/.epub)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)

# Bytes that never appear in text: C0 controls except tab, newlines, form feed, escape.
_CONTROL_BYTES = frozenset(set(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B})
_MAX_CONTROL_SHARE = 0.05
_SNIFF = 8192

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)

# Legacy code pages tried besides charset-normalizer's candidates. On a tie cp1252 wins,
# then charset-normalizer's order: short files fool it (cp1252 read as cp1250).
_LEGACY = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "koi8_r")
# Non-letters that Western text uses freely; other symbols count as suspicious.
_TYPOGRAPHY = frozenset("\u00a0“”‘’„‚–—…•€£¥¢©®™°«»·§¶×‹›½¼¾²ºª†‡‰¡¿")
# Latin letters that mostly come from misreading another code page (ý for Turkish ı,
# Ÿ for Polish ź).
_RARE_LETTERS = frozenset("ýÝŸ")
_WORD = re.compile(r"\w+")
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_SAMPLE_CHARS = 100_000  # candidates are compared on the start of the text
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "IDEOGRAPHIC": "CJK"}


def _fail(code: ErrorCode, message: str, origin: str | None) -> InputError:
    return InputError(code, message, origin=origin)


def read_bytes(path: Path, *, origin: str | None = None, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file's bytes, refusing missing, oversized and empty files."""
    where = origin or str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _fail(ErrorCode.NOT_FOUND, "no such file or directory", where) from None
    except OSError as err:
        raise _fail(ErrorCode.NOT_FOUND, f"cannot read ({err.strerror})", where) from None
    if size > max_bytes:
        raise _fail(
            ErrorCode.TOO_LARGE,
            too_many_bytes(size, max_bytes),
            where,
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise _fail(ErrorCode.NOT_FOUND, f"cannot read ({err.strerror})", where) from None
    if not data:
        raise _fail(ErrorCode.EMPTY, "file is empty", where)
    return data


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML document declares in a `<meta>` tag near its start, if any."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _binary_reason(data: bytes) -> str | None:
    head = data[:_SNIFF]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"binary file ({what}), not text"
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not text"
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if controls > _MAX_CONTROL_SHARE * len(head):
        return "binary file (too many control characters), not text"
    return None


def _plausible(text: str) -> bool:
    """True when a decoded text has few control and replacement characters."""
    bad = len(_BAD_CHARS.findall(text))
    return bad <= 0.01 * len(text)


def _script(ch: str) -> str:
    word = unicodedata.name(ch, "?").split(" ", 1)[0]
    return _SCRIPT_GROUPS.get(word, word)


def suspicion(text: str) -> int:
    """How much a decoding looks like mojibake: odd symbols, symbols inside words,
    words mixing scripts, words made mostly of accented letters. 0 for clean text."""
    score = 0
    for index, ch in enumerate(text):
        if ch.isascii() or (ch.isalpha() and ch not in _RARE_LETTERS):
            continue
        if unicodedata.category(ch) == "Cc":
            score += 5
            continue
        inside = (
            0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()
        )
        if ch in _TYPOGRAPHY:
            score += 3 if inside and ch not in "’·" else 0
        else:
            score += 3 if inside else 1
    for word in _WORD.findall(text):
        letters = [ch for ch in word if ch.isalpha()]
        if not letters or all(ch.isascii() for ch in letters):
            continue
        if len({_script(ch) for ch in letters}) > 1:
            score += 3
        elif letters[0].islower() and any(ch.isupper() for ch in letters[1:]):
            score += 1  # "рТЙЧЕФ": KOI8-R read as cp1251 swaps letter case
        elif len(letters) >= 3 and _script(letters[0]) == "LATIN":
            accented = sum(1 for ch in letters if not ch.isascii())
            score += 1 if 2 * accented > len(letters) else 0
    return score


def _guess(data: bytes) -> str | None:
    """The most plausible decoding among legacy code pages and charset-normalizer's guesses."""
    names = ["cp1252"]
    names += [m.encoding for m in from_bytes(data) if m.encoding not in names]
    names += [name for name in _LEGACY if name not in names]
    best: tuple[int, int, str] | None = None
    for rank, name in enumerate(names):
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        sample = text[:_SAMPLE_CHARS]
        if not _plausible(sample):
            continue
        score = suspicion(sample)
        if best is None or (score, rank) < best[:2]:
            best = (score, rank, text)
    if best is None:
        return None
    score, _, text = best
    non_ascii = sum(1 for ch in text[:_SAMPLE_CHARS] if not ch.isascii())
    return text if score <= max(3, non_ascii // 5) else None


def decode_bytes(data: bytes, *, origin: str | None = None, declared: str | None = None) -> str:
    """Decode a document's bytes to text, or raise EMPTY, BINARY or UNDECODABLE."""
    if not data.strip():
        raise _fail(ErrorCode.EMPTY, "file is empty or holds only whitespace", origin)
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise _fail(
                    ErrorCode.UNDECODABLE,
                    f"starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()}",
                    origin,
                ) from None
            break
    if text is None:
        reason = _binary_reason(data)
        if reason:
            raise _fail(ErrorCode.BINARY, reason, origin)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None and declared:
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is None:
        text = _guess(data)
    if text is None or not _plausible(text):
        raise _fail(
            ErrorCode.UNDECODABLE,
            "cannot tell the text encoding; save the file as UTF-8",
            origin,
        )
    if not text.strip():
        raise _fail(ErrorCode.EMPTY, "file is empty or holds only whitespace", origin)
    return text
