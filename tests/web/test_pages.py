"""The compare page's form handling, without a browser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from parallax.web.app import create_app
from parallax.web.limits import Limits


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    limits = Limits(max_request_bytes=20_000, max_articles=3, max_chars=2000)
    with TestClient(create_app(limits, warm=False)) as client:
        yield client


def test_form_offers_two_boxes_and_adds_more_up_to_the_limit(client: TestClient) -> None:
    assert client.get("/").text.count("<textarea") == 2
    page = client.post("/compare", data={"text": ["kept <b>text</b>", ""], "add": "1"})
    assert page.status_code == 200
    assert page.text.count("<textarea") == 3
    assert "kept &lt;b&gt;text&lt;/b&gt;</textarea>" in page.text
    assert 'name="add"' not in page.text  # three is the limit


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("files", ("a.pdf", b"%PDF-1.4 x", "application/pdf"))],
         "a.pdf: this kind of file is not supported"),
        ([("files", ("a.txt", b"\x00\x01\x02" * 50, "text/plain"))],
         "a.txt: binary file (contains NUL bytes), not text [E003]"),
        ([("files", ("empty.txt", b"  ", "text/plain"))],
         "empty.txt: file is empty or holds only whitespace [E002]"),
        ([("files", ("../../etc/a.urls", b"http://example.com/", "text/plain"))],
         "a.urls: this kind of file is not supported"),
    ],
)
def test_bad_uploads_are_named_in_one_line(
    client: TestClient, files: list[tuple[str, tuple[str, bytes, str]]], message: str
) -> None:
    page = client.post("/compare", data={"text": ["One pasted article.", ""]}, files=files)
    assert page.status_code == 422
    assert message in page.text
    assert "Traceback" not in page.text
    assert "One pasted article.</textarea>" in page.text  # the user's text is kept


def test_too_few_articles_says_so(client: TestClient) -> None:
    page = client.post("/compare", data={"text": ["Only one article here.", ""]})
    assert page.status_code == 422
    assert "a comparison needs at least 2 articles, got 1 [E010]" in page.text


def test_too_large_request_is_a_page_with_the_limit(client: TestClient) -> None:
    page = client.post("/compare", data={"text": ["x" * 30_000, "y"]})
    assert page.status_code == 413
    assert ("the request is larger than 0.02 MB; an article may have at most 2,000 characters "
            "and a request at most 0.02 MB") in page.text


def test_a_long_upload_is_refused_by_the_web_limit_before_it_is_read() -> None:
    with TestClient(create_app(Limits(max_chars=2000), warm=False)) as client:
        page = client.post(
            "/compare", data={"text": ["Bridge closed after storm damage."]},
            files={"files": ("dump.txt", b"Dump\n\n" + b"The bridge shut. " * 200)},
        )
    assert page.status_code == 422
    assert ("dump.txt: 3,406 characters; an article may have at most 2,000 characters and a "
            "request at most 5 MB; split it into its articles [E020]") in page.text


def test_unknown_page_is_a_page_not_a_traceback(client: TestClient) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert "<h1>Error 404</h1>" in page.text


def test_comparison_past_the_time_limit_is_a_504_page_keeping_the_texts() -> None:
    texts = [
        " ".join(f"Page {n} of {side} lists {n * 5 + k} ferries at pier {k}." for k in range(40))
        for n, side in enumerate(("east", "west"))
    ]
    with TestClient(create_app(Limits(timeout_s=0.01), warm=False)) as client:
        page = client.post("/compare", data={"text": texts})
    assert page.status_code == 504
    assert "the comparison took longer than 0.01 s, the limit per request" in page.text
    assert f"{texts[1]}</textarea>" in page.text
