"""Every answer carries the page policy: error pages and error JSON too, a crash included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from parallax.web.app import create_app
from parallax.web.embed import PAGE_POLICY, policy_text
from parallax.web.limits import Limits

POLICY = policy_text(PAGE_POLICY)
# Forty sentences per article, never seen before in this process: none is fast.
SLOW = [
    " ".join(f"Ferry {n} of {side} carried {n * 9 + k} cars to pier {k}." for k in range(40))
    for n, side in enumerate(("east", "west"))
]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """The app with small limits, no model loaded, and one route that breaks."""
    app = create_app(Limits(max_request_bytes=4000, timeout_s=0.01), warm=False)

    def broken() -> None:
        raise RuntimeError("something inside broke")

    app.add_api_route("/broken", broken)
    app.add_api_route("/api/broken", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize(
    ("method", "path", "form", "status"),
    [
        ("GET", "/no-such-page", None, 404),
        ("GET", "/api/no-such-thing", None, 404),
        ("POST", "/compare", {"text": ["word " * 500, "other " * 500]}, 413),
        ("POST", "/api/compare", None, 422),
        ("GET", "/stories?min_sources=0", None, 422),
        ("GET", "/broken", None, 500),
        ("GET", "/api/broken", None, 500),
        ("POST", "/compare", {"text": SLOW}, 504),
    ],
)
def test_error_answers_carry_the_policy(
    client: TestClient, method: str, path: str, form: dict[str, list[str]] | None, status: int
) -> None:
    response = client.request(method, path, data=form)
    assert response.status_code == status
    assert response.headers["content-security-policy"] == POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "Traceback" not in response.text
