"""The JSON API and the limits, through FastAPI's test client (no browser, no network)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from parallax.compare import compare
from parallax.report import render_json
from parallax.web.app import create_app
from parallax.web.inputs import record_article
from parallax.web.limits import Limits

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "schema.json").read_text("utf-8"))
BRIDGE = (
    "The Harbour Bridge was closed on Tuesday after a storm damaged its cables. "
    "Officials said repairs would take two weeks."
)
STORM = (
    "A storm damaged the cables of the Harbour Bridge, which was shut on Tuesday. "
    "Repairs are expected to last about a fortnight, officials said."
)
PAIR = {"articles": [{"text": BRIDGE, "source": "Herald"}, {"text": STORM, "source": "Courier"}]}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """The app with the default limits and its models loaded."""
    with TestClient(create_app()) as client:
        yield client


@pytest.fixture(scope="module")
def strict() -> Iterator[TestClient]:
    """The app with small limits; refusals need no model, so none is loaded up front."""
    limits = Limits(max_request_bytes=4000, max_articles=3, max_chars=500)
    with TestClient(create_app(limits, warm=False)) as client:
        yield client


def test_health(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_compare_answers_the_cli_json_contract(client: TestClient) -> None:
    response = client.post("/api/compare", json=PAIR)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    report = response.json()
    jsonschema.validate(report, SCHEMA)
    assert [a["source"] for a in report["articles"]] == ["Herald", "Courier"]
    assert report["summary"]["shared_claims"] >= 1
    articles = [record_article(a, number=n) for n, a in enumerate(PAIR["articles"], 1)]
    assert response.text == render_json(compare(articles))


def test_openapi_documents_the_compare_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/compare", "/api/health"} <= set(spec["paths"])
    assert {"413", "422", "504"} <= set(spec["paths"]["/api/compare"]["post"]["responses"])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"articles": [{"text": BRIDGE}]}, "a comparison needs at least 2 articles, got 1 [E010]"),
        (
            {"articles": [{"text": BRIDGE}, {"text": "   "}]},
            "article 2: no text; give `text` (paragraphs separated by blank lines) or `html` "
            "(a page) [E008]",
        ),
        (
            {"articles": [{"txt": BRIDGE}]},
            "articles.0.txt: Extra inputs are not permitted (an article's fields: text, html, "
            "source, title, url, published, author, language) [E008]",
        ),
        (
            {"articles": [{"text": BRIDGE, "source": "Herald"}] * 2},
            "article 2: the same article was given twice (also from article 1) [E011]",
        ),
        (
            {"articles": [{"text": "Le pont a été fermé mardi après une tempête violente."},
                          {"text": "Les réparations du pont dureront deux semaines."}]},
            "article 1: language 'fr' is not supported yet",
        ),
    ],
)
def test_bad_input_is_one_line_of_json(client: TestClient, body: object, message: str) -> None:
    response = client.post("/api/compare", json=body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert message in error and "\n" not in error and "Traceback" not in error


def test_the_no_text_message_names_fields_the_api_accepts(strict: TestClient) -> None:
    response = strict.post("/api/compare", json={"articles": [{"text": BRIDGE}, {"title": "T"}]})
    assert response.status_code == 422
    error = response.json()["error"]
    assert "`text`" in error and "`html`" in error
    assert "`body`" not in error and "body-paragraphs" not in error  # the API refuses those
    for field in ("text", "html"):  # and the fields it names are accepted
        ok = strict.post("/api/compare", json={"articles": [{field: BRIDGE}, {field: ""}]})
        assert "Extra inputs" not in ok.json()["error"]


def test_a_request_that_does_not_validate_has_a_code(strict: TestClient) -> None:
    response = strict.post("/api/compare", json={"articles": [{"body": BRIDGE}]})
    assert response.status_code == 422
    assert response.json()["code"] == "E008"
    assert response.json()["error"].startswith("articles.0.body: Extra inputs are not permitted")


def test_the_same_text_twice_without_a_source_is_refused(client: TestClient) -> None:
    response = client.post("/api/compare", json={"articles": [{"text": BRIDGE}] * 2})
    assert response.status_code == 422
    assert response.json() == {
        "error": "article 2: the same article was given twice (also from article 1) [E011]",
        "code": "E011",
    }


def test_the_same_text_under_two_sources_is_compared(client: TestClient) -> None:
    body = {"articles": [{"text": BRIDGE, "source": "Herald"}, {"text": BRIDGE, "source": "Wire"}]}
    response = client.post("/api/compare", json=body)
    assert response.status_code == 200
    assert len(response.json()["summary"]["identical_articles"]) == 1


def test_invalid_json_is_refused_in_one_line(client: TestClient) -> None:
    response = client.post(
        "/api/compare", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert "JSON" in response.json()["error"]


def test_request_over_the_size_limit_is_413(strict: TestClient) -> None:
    body = {"articles": [{"text": "word " * 500}, {"text": "other " * 500}]}
    response = strict.post("/api/compare", json=body)
    assert response.status_code == 413
    assert response.json()["error"] == (
        "the request is larger than 0.004 MB; an article may have at most 500 characters and "
        "a request at most 0.004 MB")


def test_streamed_request_over_the_size_limit_is_413(strict: TestClient) -> None:
    chunks = iter([b'{"articles": [', b" " * 5000, b"]}"])
    response = strict.post(
        "/api/compare", content=chunks, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_too_many_articles_is_422(strict: TestClient) -> None:
    body = {"articles": [{"text": f"Article number {n} says little."} for n in range(4)]}
    response = strict.post("/api/compare", json=body)
    assert response.status_code == 422
    assert response.json() == {
        "error": "4 articles given; a comparison holds at most 3 [E020]", "code": "E020"
    }


def test_too_long_article_is_422(strict: TestClient) -> None:
    body = {"articles": [{"text": BRIDGE}, {"text": "Long words here. " * 40}]}
    response = strict.post("/api/compare", json=body)
    assert response.status_code == 422
    assert response.json()["error"] == (
        "article 2: 680 characters; an article may have at most 500 characters and a request "
        "at most 0.004 MB [E020]"
    )


def test_an_article_over_the_ingest_limit_is_refused_by_the_web_limit(
    client: TestClient,
) -> None:
    # 1.2 million characters fit the 5 MB of a request but not the 1,000,000 characters
    # `parallax compare` takes: the answer states the API's limits, not the command's.
    body = {"articles": [{"text": BRIDGE}, {"text": "Long words here. " * 70_000}]}
    response = client.post("/api/compare", json=body)
    assert response.status_code == 422
    assert response.json() == {
        "error": "article 2: 1,190,000 characters; an article may have at most 100,000 "
                 "characters and a request at most 5 MB [E020]",
        "code": "E020",
    }


def test_comparison_past_the_time_limit_is_504() -> None:
    # Forty sentences per article, never seen before in this process: no cache makes them fast.
    texts = [
        " ".join(f"Report {n} of {side} counts {n * 7 + k} boats in port {k}." for k in range(40))
        for n, side in enumerate(("north", "south"))
    ]
    with TestClient(create_app(Limits(timeout_s=0.01), warm=False)) as client:
        response = client.post("/api/compare", json={"articles": [{"text": t} for t in texts]})
        assert response.status_code == 504
        assert response.json()["error"] == (
            "the comparison took longer than 0.01 s, the limit per request; "
            "compare fewer or shorter articles [E020]"
        )
        assert client.get("/api/health").status_code == 200


def test_pages_carry_a_strict_policy(client: TestClient) -> None:
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe" not in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_bug_is_one_line_not_a_traceback() -> None:
    app = create_app(warm=False)

    def broken() -> None:
        raise RuntimeError("something inside broke")

    app.add_api_route("/api/broken", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/broken")
    assert response.status_code == 500
    assert response.json()["error"] == "internal error: RuntimeError; see the server log"
