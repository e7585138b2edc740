"""/docs: Swagger UI from the app's own files, allowed to fetch the spec and nothing else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from parallax.web.app import create_app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(warm=False)) as client:
        yield client


def test_docs_page_loads_swagger_ui_from_the_app(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "connect-src 'self'" in policy and "script-src 'self';" in policy
    assert "unsafe" not in policy
    assert '<script src="/docs/assets/swagger-ui-bundle.js" defer></script>' in page.text
    assert "https://" not in page.text  # no CDN
    bundle = client.get("/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and "SwaggerUIBundle" in bundle.text
    assert client.get("/static/docs.js").status_code == 200


def test_the_other_pages_may_fetch_nothing(client: TestClient) -> None:
    assert "connect-src" not in client.get("/").headers["content-security-policy"]
    assert client.get("/docs/assets/../../etc/passwd").status_code == 404
