"""The interactive API docs at /docs: Swagger UI over /openapi.json, served from the
`swagger-ui-bundle` package's files, never a CDN, under the page policy plus `connect-src
'self'` (Swagger UI fetches the spec and sends the "Try it out" requests)."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from parallax.web.embed import PAGE_POLICY, policy_text
from parallax.web.state import web_state

ASSETS = "/docs/assets"
DOCS_POLICY = policy_text({**PAGE_POLICY, "connect-src": ("'self'",)})
"""The policy of the docs page: the app's own, and requests to the app."""

router = APIRouter(include_in_schema=False)


@router.get("/docs")
async def docs_page(request: Request) -> Response:
    """Swagger UI: every route of the JSON API, its parameters and answers, to try out."""
    response = web_state(request).templates.TemplateResponse(
        request, "docs.html.j2", {"assets": ASSETS}
    )
    response.headers["Content-Security-Policy"] = DOCS_POLICY
    return response


def mount_docs(app: FastAPI) -> None:
    """Add /docs and the Swagger UI files it loads to `app`."""
    app.include_router(router)
    app.mount(ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")
