"""What one request may ask of the server, and the one-line refusals when it asks too much."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parallax.errors import LimitError
from parallax.ingest.limits import too_many_bytes, too_many_characters
from parallax.types import Article


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-request limits: body size, articles per comparison, characters per article (its
    text once read), seconds per request."""

    # 10 articles of the longest allowed length, as UTF-8 with room for HTML markup.
    max_request_bytes: int = 5_000_000
    # A limit chosen by hand, not calibrated: bounds the time of one request.
    max_articles: int = 10
    # About 15,000 words: longer than any news article, short of a book.
    max_chars: int = 100_000
    # 10 BASIL articles (30,312 characters) took 26 s on the 2-core development machine
    # while it was shared; 120 s leaves 4x for slower machines and longer articles.
    timeout_s: float = 120.0

    def __post_init__(self) -> None:
        for name in ("max_request_bytes", "max_articles", "max_chars", "timeout_s"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be > 0, got {getattr(self, name)}")
        if self.max_articles < 2:
            raise ValueError(f"max_articles must be >= 2, got {self.max_articles}")


def check_count(count: int, limits: Limits) -> None:
    """Refuse more articles than a comparison may hold (HTTP 422)."""
    if count > limits.max_articles:
        raise LimitError(
            422, f"{count} articles given; a comparison holds at most {limits.max_articles}"
        )


def check_length(name: str, count: int, limits: Limits) -> None:
    """Refuse an article of more characters than the limit (HTTP 422), in the words of
    `parallax compare` (`limits.too_many_characters`) with the web's limits."""
    if count > limits.max_chars:
        raise LimitError(
            422,
            f"{name}: "
            + too_many_characters(count, limits.max_chars, limits.max_request_bytes, "request"),
        )


def check_articles(articles: Sequence[Article], limits: Limits) -> None:
    """Refuse more articles, or longer ones, than a comparison may hold (HTTP 422)."""
    check_count(len(articles), limits)
    for article in articles:
        check_length(article.origin or article.source, len(article.text), limits)


def too_large_message(limit: int, max_chars: int) -> str:
    """The refusal of a request body over `limit` bytes."""
    return too_many_bytes(None, limit, max_chars, "request")


class BodySizeLimit:
    """ASGI middleware refusing a request body over the limit, announced or streamed (413).

    The refusal is raised as an `HTTPException` from the body stream, so the app's error
    handlers answer it like any other error: JSON under /api/, a page elsewhere.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int, max_chars: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_chars = max_chars

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with a body stream that refuses to go past the limit."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        announced = int(declared) if declared.isdigit() else 0
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            if announced > self.max_bytes:
                raise HTTPException(413, too_large_message(self.max_bytes, self.max_chars))
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, too_large_message(self.max_bytes, self.max_chars))
            return message

        await self.app(scope, limited_receive, send)
