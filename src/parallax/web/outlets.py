"""Outlets and blindspots of the corpus store: pages and /api/outlets, /api/blindspots and
/api/stories/N/coverage (the same JSON as `parallax outlets --json` and
`parallax blindspots --json`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from parallax.corpus.blindspots import (
    DEFAULT_MIN_SOURCES,
    DEFAULT_THRESHOLD,
    Blindspot,
    Coverage,
    blindspot_records,
    find_blindspots,
    story_coverage,
)
from parallax.corpus.outlets import OutletMatcher, count_articles
from parallax.corpus.store.session import Store
from parallax.corpus.stories.catalog import get_story
from parallax.web.api import STORE_ERRORS, Since, Until
from parallax.web.state import web_state
from parallax.web.stories import store_of

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["outlets"])



@dataclass(frozen=True, slots=True)
class BlindspotFilters:
    """What the blindspot list is narrowed to (the query of both the page and the API)."""

    since: date | None = None
    until: date | None = None
    threshold: float = DEFAULT_THRESHOLD
    min_sources: int = DEFAULT_MIN_SOURCES


def _filters(
    since: Since = None,
    until: Until = None,
    threshold: Annotated[float, Query(gt=0.5, le=1.0, description="Share of one leaning.")]
    = DEFAULT_THRESHOLD,
    min_sources: Annotated[int, Query(ge=1, le=1000, description="Outlets of known leaning.")]
    = DEFAULT_MIN_SOURCES,
) -> BlindspotFilters:
    return BlindspotFilters(since, until, threshold, min_sources)


Filters = Annotated[BlindspotFilters, Depends(_filters)]


def _blindspots(store: Store, filters: BlindspotFilters) -> list[Blindspot]:
    return find_blindspots(
        store, since=filters.since, until=filters.until, threshold=filters.threshold,
        min_sources=filters.min_sources,
    )  # fmt: skip


def story_coverage_of(store: Store, story_id: int) -> Coverage:
    """The coverage of one story by the store's outlets (`StoryNotFoundError` if none)."""
    return story_coverage(get_story(store, story_id), OutletMatcher.from_store(store))


@api.get("/outlets", summary="Outlets with article counts", responses=STORE_ERRORS)
async def outlets_json(request: Request) -> Response:
    """The outlet table with each outlet's number of articles: `parallax outlets --json`."""
    counts = await run_in_threadpool(count_articles, store_of(web_state(request)))
    return JSONResponse([count.to_dict() for count in counts])


@api.get("/blindspots", summary="Stories covered mostly by one leaning", responses=STORE_ERRORS)
async def blindspots_json(request: Request, filters: Filters) -> Response:
    """The blindspot stories, newest first, with their coverage by outlet and leaning and
    the claims one side only reports: `parallax blindspots --json`."""
    store = store_of(web_state(request))
    records = await run_in_threadpool(lambda: blindspot_records(store, _blindspots(store, filters)))
    return JSONResponse([record.to_dict() for record in records])


@api.get("/stories/{story_id}/coverage", summary="A story's coverage", responses=STORE_ERRORS)
async def coverage_json(request: Request, story_id: int) -> Response:
    """One story's coverage by outlet and by leaning."""
    store = store_of(web_state(request))
    coverage = await run_in_threadpool(story_coverage_of, store, story_id)
    return JSONResponse(coverage.to_dict())


@pages.get("/outlets")
async def outlets_page(request: Request) -> Response:
    """The outlet table: leaning, country, language, names and article counts."""
    state = web_state(request)
    counts = await run_in_threadpool(count_articles, store_of(state))
    return state.templates.TemplateResponse(request, "outlets.html.j2", {"counts": counts})


@pages.get("/blindspots")
async def blindspots_page(request: Request, filters: Filters) -> Response:
    """The blindspot stories with their coverage by leaning as bars."""
    state = web_state(request)
    spots = await run_in_threadpool(_blindspots, store_of(state), filters)
    return state.templates.TemplateResponse(
        request, "blindspots.html.j2", {"spots": spots, "filters": filters}
    )
