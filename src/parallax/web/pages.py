"""The pages: the compare form, and the comparison shown with the HTML report."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from starlette.datastructures import UploadFile

from parallax.errors import LimitError, ParallaxError
from parallax.report import render_html
from parallax.types import Article, Comparison
from parallax.web.embed import EmbeddedReport, embed
from parallax.web.inputs import UPLOAD_SUFFIXES, pasted_article, uploaded_articles
from parallax.web.limits import check_length
from parallax.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)

MIN_SLOTS = 2
"""Article boxes the compare page shows at least: a comparison needs two (a definition)."""


@dataclass(frozen=True, slots=True)
class Slot:
    """One article's fields in the form, as the user left them."""

    source: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Result:
    """A comparison ready to show: the embedded report and a line about it."""

    report: EmbeddedReport
    sources: tuple[str, ...]
    seconds: float


def _slots(slots: list[Slot], wanted: int, state: WebState) -> list[Slot]:
    count = min(max(wanted, MIN_SLOTS), state.limits.max_articles)
    return (slots + [Slot()] * count)[:max(count, len(slots))]


def _page(
    request: Request,
    state: WebState,
    slots: list[Slot],
    *,
    status: int = 200,
    error: str | None = None,
    result: Result | None = None,
) -> Response:
    response = state.templates.TemplateResponse(
        request,
        "compare.html.j2",
        {
            "slots": slots,
            "limits": state.limits,
            "accept": ",".join(UPLOAD_SUFFIXES),
            "error": error,
            "result": result,
        },
        status_code=status,
    )
    if result is not None:
        response.headers["Content-Security-Policy"] = result.report.policy
    return response


@router.get("/")
async def compare_form(
    request: Request, articles: Annotated[int, Query(ge=0, le=1000)] = MIN_SLOTS
) -> Response:
    """The compare form with `articles` empty text boxes."""
    state = web_state(request)
    return _page(request, state, _slots([], articles, state))


def _result(comparison: Comparison, started: float) -> Result:
    return Result(
        embed(render_html(comparison)),
        tuple(a.article.source for a in comparison.articles),
        time.monotonic() - started,
    )


@router.post("/compare")
async def compare_page(request: Request) -> Response:
    """Compare the pasted and uploaded articles and show the report, or say what is wrong."""
    state = web_state(request)
    async with request.form(max_part_size=state.limits.max_request_bytes) as form:
        texts = [v for v in form.getlist("text") if isinstance(v, str)]
        sources = [v for v in form.getlist("source") if isinstance(v, str)]
        sources += [""] * (len(texts) - len(sources))
        slots = [Slot(s, t) for s, t in zip(sources, texts, strict=False)]
        if form.get("add") is not None:
            return _page(request, state, _slots(slots, len(slots) + 1, state))
        uploads = [
            (f.filename or "upload", await f.read())
            for f in form.getlist("files")
            if isinstance(f, UploadFile) and f.filename
        ]

    def build() -> list[Article]:
        filled = [(n, slot) for n, slot in enumerate(slots, start=1) if slot.text.strip()]
        for number, slot in filled:  # the limit is checked before any text is read
            check_length(f"article {number}", len(slot.text), state.limits)
        articles = [pasted_article(slot.text, source=slot.source, number=n) for n, slot in filled]
        for name, data in uploads:
            articles.extend(uploaded_articles(name, data, state.limits))
        return articles

    started = time.monotonic()
    try:
        result = await state.compare(build, lambda c: _result(c, started))
    except ParallaxError as err:
        status = err.status if isinstance(err, LimitError) else 422
        return _page(request, state, _slots(slots, len(slots), state), status=status,
                     error=str(err))
    return _page(request, state, _slots(slots, len(slots), state), result=result)
