"""The JSON API under /api/: the same contract as `parallax compare --json`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from parallax._version import __version__
from parallax.options import CompareOptions
from parallax.report import render_json
from parallax.types import Article
from parallax.web.inputs import record_article
from parallax.web.limits import check_count, check_length
from parallax.web.state import web_state

router = APIRouter(prefix="/api", tags=["api"])


class ArticleIn(BaseModel):
    """One article: its text (or an HTML page) and what is known about it."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article's text; paragraphs by blank lines.")
    html: str | None = Field(None, description="An HTML page, used when there is no text.")
    source: str | None = Field(None, description="The outlet; default: 'article N'.")
    title: str | None = None
    url: str | None = Field(None, description="Shown as a link; never fetched.")
    published: str | None = None
    author: str | None = None
    language: str | None = None


class CompareRequest(CompareOptions):
    """Two or more articles to compare, and the comparison's options (`CompareOptions`)."""

    articles: list[ArticleIn]

    def options(self) -> CompareOptions:
        """The comparison's options, without the articles."""
        return CompareOptions.model_validate(self.model_dump(exclude={"articles"}))


class Health(BaseModel):
    """The server is up and answering."""

    status: str
    version: str


class ErrorBody(BaseModel):
    """Why a request was refused: one line, and its code when the error catalogue has one."""

    error: str
    code: str | None = None


def _blank_is_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


Since = Annotated[
    date | None,
    BeforeValidator(_blank_is_none),
    Query(description="Stories with articles on or after (a form's empty field: any)."),
]
Until = Annotated[
    date | None,
    BeforeValidator(_blank_is_none),
    Query(description="Stories with articles on or before (a form's empty field: any)."),
]
"""The date filters of the store routes: a day, or left empty as a form sends it."""

STORE_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such story, or no store open."},
    422: {"model": ErrorBody, "description": "A bad filter."},
}
"""The refusals of the routes that read the corpus store, for the OpenAPI spec."""

_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorBody, "description": "The request body is over the size limit."},
    422: {"model": ErrorBody, "description": "Bad input, or too many or too long articles."},
    504: {"model": ErrorBody, "description": "The comparison ran past the time limit."},
}


@router.get("/health", summary="Health")
async def health() -> Health:
    """Whether the server is up (its models are loaded before it answers at all)."""
    return Health(status="ok", version=__version__)


@router.post(
    "/compare",
    summary="Compare articles",
    responses={200: {"description": "The JSON report (docs/schema.md).",
                     "content": {"application/json": {}}}, **_ERRORS},
)
async def compare(body: CompareRequest, request: Request) -> Response:
    """Compare two or more articles; the answer is the JSON report of `parallax compare --json`."""
    state = web_state(request)
    check_count(len(body.articles), state.limits)
    for number, item in enumerate(body.articles, start=1):  # before any text is read
        check_length(f"article {number}", len(item.text or ""), state.limits)

    def build() -> list[Article]:
        return [
            record_article(item.model_dump(exclude_none=True), number=number)
            for number, item in enumerate(body.articles, start=1)
        ]

    document = await state.compare(build, render_json, body.options())
    return Response(document, media_type="application/json")
