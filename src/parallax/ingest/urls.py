"""URLs the user asked for: recognising them, URL-list files, and fetching pages.

Only URLs given on the command line or listed in a URL-list file are ever fetched; links
inside articles are never followed. Fetching goes through `trafilatura`, which by default
refuses private and loopback addresses (SSRF protection); set `ALLOW_PRIVATE_ADDRESSES`
to reach them (the tests do, to serve pages from 127.0.0.1).
"""

from __future__ import annotations

import re
from configparser import ConfigParser
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import use_config

from parallax.errors import ErrorCode, InputError
from parallax.ingest.decode import declared_charset, decode_bytes

ALLOW_PRIVATE_ADDRESSES = False
"""Let `fetch` reach loopback and private-network hosts (off by default)."""

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.I)


def is_url(value: str) -> bool:
    """True when the whole string is one http(s) URL with a host."""
    value = value.strip()
    if not _URL.fullmatch(value):
        return False
    try:
        return bool(urlsplit(value).hostname)
    except ValueError:
        return False


def domain(url: str) -> str | None:
    """The host name of an http(s) URL, lower-cased and without `www.`; None otherwise."""
    if not is_url(url):
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    host = host.lower().rstrip(".")
    return host.removeprefix("www.") or None


def parse_url_list(text: str, *, origin: str | None = None) -> list[str] | None:
    """The URLs of a URL-list file, or None when the text is not one.

    A URL list has one http(s) URL per non-empty line (lines starting with `#` are
    comments) and at least one URL. A URL listed twice raises DUPLICATE_INPUT.
    """
    urls: list[str] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            return None
        if line in seen:
            raise InputError(
                ErrorCode.DUPLICATE_INPUT,
                f"line {number}: {line} is already listed on line {seen[line]}",
                origin=origin,
            )
        seen[line] = number
        urls.append(line)
    return urls or None


def _config() -> ConfigParser:
    config = use_config()
    if ALLOW_PRIVATE_ADDRESSES:
        config.set("DEFAULT", "SSRF_PROTECTION", "off")
    return config


def fetch(url: str) -> str:
    """Download a page with trafilatura and return its text, or raise FETCH_FAILED.

    The bytes go through the same checks as files (`decode_bytes`): a PDF or an image
    behind the URL is refused as BINARY rather than extracted as garbage.
    """
    if not is_url(url):
        raise InputError(ErrorCode.FETCH_FAILED, "not an http(s) URL", origin=url)
    try:
        response = trafilatura.fetch_response(url, decode=False, config=_config())
    except Exception as err:  # network stacks raise many kinds; the user needs one line
        message = " ".join(str(err).split())[:200]
        raise InputError(
            ErrorCode.FETCH_FAILED, f"download failed ({message})", origin=url
        ) from None
    if response is None:
        hint = "" if ALLOW_PRIVATE_ADDRESSES else "; private and loopback addresses are refused"
        raise InputError(
            ErrorCode.FETCH_FAILED,
            f"download failed (no response: network error or timeout{hint})",
            origin=url,
        )
    if response.status != 200:
        raise InputError(
            ErrorCode.FETCH_FAILED, f"download failed (HTTP status {response.status})", origin=url
        )
    data = bytes(response.data or b"")
    if not data.strip():
        raise InputError(ErrorCode.FETCH_FAILED, "download failed (empty response)", origin=url)
    headers = response.headers or {}
    charset = _CHARSET.search(str(headers.get("content-type", "")))
    declared = charset.group(1) if charset else declared_charset(data)
    return decode_bytes(data, origin=url, declared=declared)
