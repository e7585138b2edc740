"""HTML pages: metadata and main text through trafilatura; pages without an article."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.errors import ErrorCode, InputError
from parallax.ingest import load
from parallax.ingest.html import extract_page


def test_news_page_metadata(fixtures: Path) -> None:
    article = load(fixtures / "article.html")
    assert article.title == "Harbour bridge to close for six weeks of repairs"
    assert article.published == "2024-03-18"
    assert article.author == "Maria Okafor"
    assert article.source == "The Coastal Courier"
    assert article.url == "https://www.coastalcourier.example/news/harbour-bridge-repairs"
    assert article.origin == str(fixtures / "article.html")


def test_news_page_paragraphs_and_list_items(fixtures: Path) -> None:
    article = load(fixtures / "article.html")
    paragraphs = [article.text[s.start : s.end] for s in article.paragraphs]
    assert paragraphs[0].startswith("The harbour bridge will close to all traffic")
    assert "Free travel for residents with a council travel card." in paragraphs
    assert paragraphs[-1].startswith("Local business owners said")
    assert len(paragraphs) == 8
    assert not article.text.startswith("Harbour bridge to close")  # the h1 is the title


def test_news_page_boilerplate_is_left_out(fixtures: Path) -> None:
    text = load(fixtures / "article.html").text
    for boilerplate in ("Subscribe today", "Most read", "All rights reserved", "Weather"):
        assert boilerplate not in text


def test_title_loses_site_name_suffix(fixtures: Path) -> None:
    article = load(fixtures / "second.html")
    assert article.title == "Bridge closure will add 25 minutes to commutes"
    assert article.source == "Harbour Post"
    assert article.published == "2024-03-19"
    assert article.url is None


def test_login_page_has_no_article(fixtures: Path) -> None:
    with pytest.raises(InputError) as info:
        load(fixtures / "login.html")
    assert info.value.code is ErrorCode.NO_ARTICLE
    assert "login.html" in str(info.value)


def test_navigation_only_page_has_no_article() -> None:
    html = (
        "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li>"
        "</ul></nav><footer>Contact us</footer></body></html>"
    )
    with pytest.raises(InputError) as info:
        extract_page(html, origin="nav.html")
    assert info.value.code is ErrorCode.NO_ARTICLE
    assert "no text of" not in str(info.value)
    assert "(no main text; a login, index or navigation page?)" in str(info.value)


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path, fixtures: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_bytes((fixtures / "article.html").read_bytes())
    assert load(path).source == "The Coastal Courier"


def test_declared_charset_is_honoured(tmp_path: Path, fixtures: Path) -> None:
    html = (fixtures / "second.html").read_text(encoding="utf-8")
    html = html.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "free.", "free at the café."
    )
    path = tmp_path / "cp1252.html"
    path.write_bytes(html.encode("cp1252"))
    article = load(path)
    assert "bridge’s 96 steel cables" in article.text
    assert "café" in article.text


def _page(title: str, site: str, *, og_title: bool = False) -> str:
    """A small news page: its <title> (or og:title), og:site_name and two paragraphs."""
    head = (f'<meta property="og:title" content="{title}">' if og_title
            else f"<title>{title}</title>")
    return (f'<html><head>{head}<meta property="og:site_name" content="{site}"></head>'
            "<body><article><p>The council voted on Monday to close the harbour bridge for "
            "six weeks of repairs.</p><p>Commuters face delays of up to 25 minutes, the "
            "council said in a statement.</p></article></body></html>")


@pytest.mark.parametrize(
    ("title", "site", "og_title", "expected"),
    [
        ("Analysis: The nonstop sparring match between Trump and Pelosi | CNN Politics", "CNN",
         True, "Analysis: The nonstop sparring match between Trump and Pelosi"),
        ("Putin praises Turkey deal -- Sott.net", "SOTT.net", False,
         "Putin praises Turkey deal"),
        ("Putin praises Turkey deal -- Sott.net", "SOTT.net", True,
         "Putin praises Turkey deal"),
        ("LinkNaija | Nigeria's popular news platform: Nollywood Actress Wins Award",
         "LinkNaija | Nigeria's popular news platform", False, "Nollywood Actress Wins Award"),
        ("LinkNaija | Nigeria's popular news platform: Nollywood Actress Wins Award",
         "LinkNaija | Nigeria's popular news platform", True, "Nollywood Actress Wins Award"),
        ("Harbour Post — Bridge to close for six weeks", "The Harbour Post", True,
         "Bridge to close for six weeks"),
        ("Trump: The interview", "CNN", True, "Trump: The interview"),
    ],
)
def test_title_loses_the_site_name_at_either_end(title: str, site: str, og_title: bool,
                                                 expected: str) -> None:
    assert extract_page(_page(title, site, og_title=og_title)).title == expected
