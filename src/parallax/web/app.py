"""The web app: `create_app()` builds it; every error is one line, as JSON or as a page."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parallax._version import __version__
from parallax.corpus.store.session import Store
from parallax.errors import ErrorCode, LimitError, ParallaxError, StoryNotFoundError
from parallax.web import api, outlets, pages, stories
from parallax.web.api import ArticleIn
from parallax.web.docs import mount_docs
from parallax.web.embed import PAGE_POLICY, policy_text
from parallax.web.limits import BodySizeLimit, Limits
from parallax.web.runner import Runner
from parallax.web.state import WebState, web_state

log = logging.getLogger(__name__)

_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """ASGI middleware giving every response the page policy, unless a route set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.policy = policy_text(PAGE_POLICY).encode("ascii")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers to the response of `scope`."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", self.policy))
                headers += [h for h in _HEADERS if h[0] not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _validation_message(err: RequestValidationError) -> str:
    """The first problem of a request that does not validate, where it is, and for an
    unknown field of an article the fields the API has (not those of an input file)."""
    first = err.errors()[0] if err.errors() else {}
    loc = tuple(first.get("loc", ()))
    parts = loc[1:] if loc[:1] == ("body",) else loc
    where = ".".join(str(part) for part in parts)
    message = str(first.get("msg", "invalid request"))
    if first.get("type") == "extra_forbidden" and "articles" in loc:
        message += f" (an article's fields: {', '.join(ArticleIn.model_fields)})"
    line = f"{where}: {message}" if where else message
    return f"{line} [{ErrorCode.BAD_RECORD}]"


def _error(request: Request, status: int, message: str, code: str | None = None) -> Response:
    message = _one_line(message)
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"error": message, "code": code}, status_code=status)
    return web_state(request).templates.TemplateResponse(
        request, "error.html.j2", {"status": status, "message": message}, status_code=status
    )


class InternalErrors:
    """ASGI middleware answering a bug with the one-line 500, inside `SecurityHeaders`
    (Starlette's own last-resort handler sits outside every middleware, policy included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run `scope`; an exception before the response started becomes a 500."""
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception as err:
            if scope["type"] != "http" or started:
                raise
            request = Request(scope)
            log.exception("internal error on %s %s", request.method, request.url.path)
            message = f"internal error: {type(err).__name__}; see the server log"
            await _error(request, 500, message)(scope, receive, send)


def _status(err: ParallaxError) -> int:
    if isinstance(err, LimitError):
        return err.status
    return 404 if isinstance(err, StoryNotFoundError) else 422


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ParallaxError)
    async def parallax_error(request: Request, err: ParallaxError) -> Response:
        return _error(request, _status(err), str(err), str(err.code))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError) -> Response:
        return _error(request, 422, _validation_message(err), str(ErrorCode.BAD_RECORD))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException) -> Response:
        return _error(request, err.status_code, str(err.detail))


def _templates() -> Jinja2Templates:
    environment = Environment(
        loader=PackageLoader("parallax.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=environment)


def create_app(
    limits: Limits | None = None, *, warm: bool = True, store: Store | None = None
) -> FastAPI:
    """The web app, its stories read from `store` (the caller opens and closes it).
    With `warm`, the pipeline's models load before it serves anything."""
    limits = limits or Limits()
    state = WebState(limits, Runner(limits.timeout_s), _templates(), store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:
            await state.runner.warm()
        yield
        state.runner.close()

    app = FastAPI(
        title="Parallax",
        version=__version__,
        summary="Compare how several outlets report one story.",
        docs_url=None,  # FastAPI's docs load scripts from a CDN: web/docs.py serves its own
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = state
    _install_error_handlers(app)
    app.include_router(pages.router)
    app.include_router(stories.pages)
    app.include_router(outlets.pages)
    app.include_router(api.router)
    app.include_router(stories.api)
    app.include_router(outlets.api)
    mount_docs(app)
    app.mount("/static", StaticFiles(packages=[("parallax.web", "static")]), name="static")
    app.add_middleware(
        BodySizeLimit, max_bytes=state.limits.max_request_bytes,
        max_chars=state.limits.max_chars,
    )
    app.add_middleware(InternalErrors)
    app.add_middleware(SecurityHeaders)
    return app
