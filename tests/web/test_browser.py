"""The compare page in a real browser: the seed pair, hostile articles, no JavaScript."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

HIGHLIGHTED = re.compile(r"\bhl\b")
HOSTILE = (
    "Repairs will take three weeks <script>window.__pwned = 1; document.title = 'pwned'"
    "</script>, officials said on Tuesday.\n\n"
    'Shops lost customers <img src=x onerror="window.__pwned = 2; document.title = \'pwned\'">'
    " after the bridge closed.\n\n"
    "Read more at [details](javascript:window.__pwned=3) or "
    '<a href="javascript:window.__pwned=4">here</a> about the storm.'
)
OTHER = (
    "The bridge was closed on Tuesday after a storm damaged its cables.\n\n"
    "Officials said repairs would take two weeks, and shops lost customers."
)
HOSTILE_HTML = (
    "<html><head><title>Storm news</title><script>window.__pwned = 5</script></head><body>"
    "<article><h1>Storm news</h1><p>The storm closed the bridge on Tuesday, officials said. "
    "&lt;img src=x onerror=&quot;window.__pwned=6&quot;&gt; Repairs began at once.</p>"
    '<p onclick="window.__pwned=7">Ferries will run every 15 minutes while it is shut.</p>'
    "</article></body></html>"
)
HOSTILE_RECORD = {
    "source": "<b onmouseover=window.__pwned=8>Evil</b>",
    "title": "<script>window.__pwned=9</script>",
    "url": "javascript:window.__pwned=10",
    "text": "The bridge will reopen in three weeks, the mayor said on Tuesday.",
}


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True)
        yield browser
        browser.close()


def submit(page: Any, base: str, texts: tuple[str, ...], files: list[Any] | None = None) -> Any:
    """Fill the compare form and submit it; the response of the submission."""
    page.goto(base + f"/?articles={len(texts)}")
    for number, text in enumerate(texts, start=1):
        page.fill(f"#text-{number}", text)
    if files:
        page.set_input_files("#files", files=files)
    with page.expect_navigation(timeout=180_000) as navigation:
        page.click("button.primary")
    return navigation.value


def test_seed_pair_lights_the_matched_quote_in_both_columns(
    browser: Any, live_server: str, seed_texts: tuple[str, str], artifacts: Path
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    response = submit(page, live_server, seed_texts)
    assert response.status == 200
    report = page.frame_locator("iframe.report")
    columns = report.locator("article.col")
    sync_api.expect(columns).to_have_count(2)
    quote = columns.nth(0).locator("q[data-quote]", has_text="Whoever does not surrender")
    counterpart = columns.nth(1).locator("q[data-quote]", has_text="who do not surrender")
    sync_api.expect(counterpart).not_to_have_class(HIGHLIGHTED)
    quote.click()
    sync_api.expect(quote).to_have_class(HIGHLIGHTED)
    sync_api.expect(counterpart).to_have_class(HIGHLIGHTED)
    page.screenshot(path=str(artifacts / "web-compare-seed-pair.png"), full_page=True)
    # From the keyboard, inside the frame: Escape clears, Enter on the quote lights it again.
    page.keyboard.press("Escape")
    sync_api.expect(counterpart).not_to_have_class(HIGHLIGHTED)
    quote.focus()
    page.keyboard.press("Enter")
    sync_api.expect(counterpart).to_have_class(HIGHLIGHTED)
    page.close()


def test_hostile_articles_run_no_script(browser: Any, live_server: str, artifacts: Path) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    files = [
        {"name": "storm.html", "mimeType": "text/html", "buffer": HOSTILE_HTML.encode()},
        {"name": "evil.json", "mimeType": "application/json",
         "buffer": json.dumps(HOSTILE_RECORD).encode()},
    ]
    response = submit(page, live_server, (HOSTILE, OTHER), files)
    assert response.status == 200
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "unsafe" not in policy
    report = page.frame_locator("iframe.report")
    sync_api.expect(report.locator("article.col")).to_have_count(4)
    body = report.locator("body")
    # The markup is shown as the text it is.
    sync_api.expect(body).to_contain_text("<script>window.__pwned = 1")
    sync_api.expect(body).to_contain_text('<img src=x onerror="window.__pwned = 2')
    # No link may carry a script; then hover and click everything a reader could.
    assert report.locator('a[href^="javascript:" i]').count() == 0
    for link in report.locator("a").all():
        link.click(timeout=2000, no_wait_after=True)
    report.locator(".col-body p").first.hover()
    frame = next(f for f in page.frames if f != page.main_frame)
    assert page.evaluate("window.__pwned") is None
    assert frame.evaluate("window.__pwned") is None
    assert page.title() == "Comparison · Parallax"
    assert "pwned" not in frame.evaluate("document.title")
    assert dialogs == []
    page.screenshot(path=str(artifacts / "web-compare-hostile.png"), full_page=True)
    page.close()


def test_original_links_open_outside_the_frame_and_scripts_are_no_links(
    browser: Any, live_server: str
) -> None:
    page = browser.new_page()
    records = [
        {"source": "Linked", "url": live_server + "/api/health", "text": OTHER},
        {"source": "Trap", "url": "javascript:window.__pwned=11", "text": HOSTILE_RECORD["text"]},
    ]
    files = [
        {"name": "records.jsonl", "mimeType": "application/json",
         "buffer": "\n".join(json.dumps(r) for r in records).encode()},
    ]
    assert submit(page, live_server, (), files).status == 200
    report = page.frame_locator("iframe.report")
    linked = report.locator("article.col", has_text="Linked")
    trap = report.locator("article.col", has_text="Trap")
    sync_api.expect(trap).to_have_count(1)
    assert trap.locator("a").count() == 0  # the javascript: URL is no link at all
    original = linked.locator("a", has_text="original")
    sync_api.expect(original).to_have_attribute("href", live_server + "/api/health")
    assert set(original.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    with page.context.expect_page() as opened:
        original.click()
    article_page = opened.value
    article_page.wait_for_load_state()
    assert article_page.url == live_server + "/api/health"
    assert '"status":"ok"' in article_page.content().replace(" ", "")
    assert article_page.evaluate("window.opener") is None
    assert page.evaluate("window.__pwned") is None
    article_page.close()
    page.close()


def test_api_docs_list_the_routes_under_the_policy(
    browser: Any, live_server: str, artifacts: Path
) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    refused: list[str] = []

    def note(message: Any) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", note)
    response = page.goto(live_server + "/docs")
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    paths = page.locator(".opblock-summary-path")
    sync_api.expect(paths.first).to_be_visible(timeout=30_000)
    shown = {text.replace("\u200b", "").strip() for text in paths.all_inner_texts()}
    assert {
        "/api/compare", "/api/stories", "/api/stories/{story_id}",
        "/api/stories/{story_id}/comparison", "/api/outlets", "/api/blindspots",
    } <= shown
    assert refused == []
    page.screenshot(path=str(artifacts / "web-api-docs.png"), full_page=True)
    page.close()


def test_comparison_reads_without_javascript(
    browser: Any, live_server: str, seed_texts: tuple[str, str]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    page.fill("#text-1", seed_texts[0])
    page.click("button[name=add]")  # without the script, the server adds the box
    sync_api.expect(page.locator("textarea")).to_have_count(3)
    sync_api.expect(page.locator("#text-1")).to_have_value(seed_texts[0])
    page.fill("#text-2", seed_texts[1])
    page.click("button.primary", timeout=180_000)
    report = page.frame_locator("iframe.report")
    sync_api.expect(report.locator("article.col")).to_have_count(2)
    sync_api.expect(report.locator("article.col").nth(1)).to_contain_text("shoot to kill")
    sync_api.expect(report.locator(".claims")).to_contain_text("Only in")
    context.close()


def test_form_works_from_the_keyboard_on_a_narrow_screen(browser: Any, live_server: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(live_server + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    page.focus("button[name=add]")
    page.keyboard.press("Enter")
    sync_api.expect(page.locator("textarea")).to_have_count(3)
    assert page.evaluate("document.activeElement.id") == "text-3"
    assert page.evaluate("document.querySelector('label[for=text-3]') !== null")
    page.close()


@pytest.mark.parametrize("width", [1400, 390])
def test_the_standalone_report_never_scrolls_sideways(
    browser: Any, seed_dir: Path, tmp_path: Path, artifacts: Path, width: int
) -> None:
    import parallax
    from parallax.report import render_html

    comparison = parallax.compare([parallax.load(p) for p in sorted(seed_dir.glob("*.txt"))])
    report = tmp_path / "report.html"
    report.write_text(render_html(comparison), encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(report.as_uri())
    sync_api.expect(page.locator("section.digest")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts / f"report-seed-pair-{width}.png"), full_page=True)
    page.close()
