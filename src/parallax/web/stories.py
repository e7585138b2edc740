"""The stories of the corpus store: a searchable list and one story's comparison,
as pages and under /api/stories (the same JSON as `parallax stories --json` and
`parallax story N --json`)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from parallax.corpus import (
    Story,
    StoryComparison,
    cached_comparison,
    get_story,
    list_stories,
    story_comparison,
)
from parallax.corpus.blindspots import OneSidedClaim, StoryOutlets
from parallax.corpus.store.session import Store
from parallax.errors import LimitError, ParallaxError
from parallax.report import render_html, render_json
from parallax.report.views.claims import safe_url
from parallax.web.api import STORE_ERRORS, ErrorBody, Since, Until
from parallax.web.differences import cached_lines
from parallax.web.embed import EmbeddedReport, embed
from parallax.web.state import WebState, web_state

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["stories"])

MAX_LISTED = 500
"""Most stories one list request may ask for: a limit chosen by hand, not calibrated."""


@dataclass(frozen=True, slots=True)
class StoryFilters:
    """What the stories list is narrowed to (the query of both the page and the API)."""

    q: str | None = None
    since: date | None = None
    until: date | None = None
    min_sources: int = 2  # a comparison needs two outlets (a definition, not tuned)
    limit: int = 100  # stories per page: a display choice, not calibrated


def _filters(
    q: Annotated[
        str | None,
        Query(max_length=200, description="Words of the label or a title, or an entity name."),
    ] = None,
    since: Since = None,
    until: Until = None,
    min_sources: Annotated[int, Query(ge=1, le=1000, description="At least N outlets.")] = 2,
    limit: Annotated[int, Query(ge=1, le=MAX_LISTED)] = 100,
) -> StoryFilters:
    return StoryFilters(q.strip() if q else None, since, until, min_sources, limit)


Filters = Annotated[StoryFilters, Depends(_filters)]


def store_of(state: WebState) -> Store:
    """The open corpus store; a 404 line when the app runs without one."""
    if state.store is None:
        raise LimitError(404, "no corpus store is open; start the app with `parallax serve`")
    return state.store


async def _stories(state: WebState, filters: StoryFilters) -> list[Story]:
    store = store_of(state)
    return await run_in_threadpool(
        lambda: list_stories(
            store, since=filters.since, until=filters.until, min_sources=filters.min_sources,
            search=filters.q, limit=filters.limit,
        )
    )  # fmt: skip


async def _comparison(state: WebState, story_id: int) -> StoryComparison:
    """The story's comparison: from the cache, else computed on the worker in the limit."""
    store = store_of(state)
    found = await run_in_threadpool(cached_comparison, store, story_id)
    if found is not None:
        return found
    return await state.runner.run(lambda: story_comparison(store, story_id))


@api.get("/stories", summary="Stories, newest first", responses=STORE_ERRORS)
async def stories_json(request: Request, filters: Filters) -> Response:
    """Stories newest first, with their articles: `parallax stories --json`."""
    stories = await _stories(web_state(request), filters)
    return JSONResponse([story.to_dict() for story in stories])


@api.get("/stories/{story_id}", summary="One story", responses=STORE_ERRORS)
async def story_json(request: Request, story_id: int) -> Response:
    """One story with its articles."""
    store = store_of(web_state(request))
    story = await run_in_threadpool(get_story, store, story_id)
    return JSONResponse(story.to_dict())


@api.get(
    "/stories/{story_id}/comparison", summary="A story's comparison",
    responses={**STORE_ERRORS, 504: {"model": ErrorBody, "description": "Past the time limit."}},
)
async def story_comparison_json(request: Request, story_id: int) -> Response:
    """The story's comparison: the JSON report of `parallax story N --json`."""
    state = web_state(request)
    result = await _comparison(state, story_id)
    document = await run_in_threadpool(render_json, result.comparison)
    return Response(document, media_type="application/json")


@pages.get("/stories")
async def stories_page(request: Request, filters: Filters) -> Response:
    """The stories list, with its search form and a line on what differs in each."""
    state = web_state(request)
    stories = await _stories(state, filters)
    differs = await run_in_threadpool(cached_lines, store_of(state), stories)
    return state.templates.TemplateResponse(
        request, "stories.html.j2", {"stories": stories, "filters": filters, "differs": differs}
    )


def _article_rows(story: Story) -> list[dict[str, Any]]:
    sources = {a.id: a.source for a in story.articles}
    return [
        {
            "article": a,
            "url": safe_url(a.url),
            "copy_of": sources.get(a.duplicate_of) if a.duplicate_of else None,
        }
        for a in story.articles
    ]


@pages.get("/stories/{story_id}")
async def story_page(request: Request, story_id: int) -> Response:
    """One story: its articles, and its comparison with the HTML report."""
    state = web_state(request)
    store = store_of(state)
    story = await run_in_threadpool(get_story, store, story_id)
    outlets = await run_in_threadpool(StoryOutlets.of, store, story)
    one_sided: list[OneSidedClaim] = []
    started = time.monotonic()
    report: EmbeddedReport | None = None
    cached = False
    error: str | None = None
    status = 200
    try:
        result = await _comparison(state, story_id)
        cached = result.cached
        one_sided = outlets.one_sided(result.comparison)
        report = await run_in_threadpool(lambda: embed(render_html(result.comparison)))
    except ParallaxError as err:
        # The story is shown either way; only a time-out makes the page itself a failure.
        status = err.status if isinstance(err, LimitError) else 200
        error = str(err)
    response = state.templates.TemplateResponse(
        request,
        "story.html.j2",
        {
            "story": story,
            "rows": _article_rows(story),
            "coverage": outlets.coverage(),
            "one_sided": one_sided,
            "report": report,
            "error": error,
            "cached": cached,
            "seconds": time.monotonic() - started,
        },
        status_code=status,
    )
    if report is not None:
        response.headers["Content-Security-Policy"] = report.policy
    return response
