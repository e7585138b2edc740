"""RSS and Atom feeds: one article per entry with content or a summary."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from helpers.corpus import articles_of

from parallax.errors import InputError
from parallax.ingest import load_all
from parallax.ingest.feed import fragment_paragraphs
from parallax.types import Article

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Times</title><language>en</language>
<link>https://harbour.example/</link>
<item><title>Bridge closed</title><link>https://harbour.example/bridge</link>
<pubDate>Fri, 07 Jan 2022 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The bridge is closed.&lt;/p&gt;
&lt;p&gt;Ferries run &amp;amp; buses too.&lt;/p&gt;</description>
</item>
<item><title>Nothing here</title><link>https://harbour.example/empty</link></item>
<item><title>Storm warning</title><link>https://harbour.example/storm</link>
<description>A storm is expected on Saturday. Boats should stay in port.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>River Post</title>
<entry><title>Flood defences</title><link href="https://river.example/flood"/>
<updated>2022-01-08T09:00:00Z</updated><author><name>Ann Reporter</name></author>
<content type="html">&lt;p&gt;New flood defences were opened.&lt;/p&gt;
&lt;ul&gt;&lt;li&gt;Cost: 4m&lt;/li&gt;&lt;li&gt;Length: 2km&lt;/li&gt;&lt;/ul&gt;</content>
<summary>Defences opened.</summary></entry>
</feed>"""


def test_rss_entries_with_content_or_summary_become_articles(tmp_path: Path) -> None:
    path = tmp_path / "harbour.rss"
    path.write_text(RSS, encoding="utf-8")
    items = articles_of(path)
    first, empty, storm = items
    assert isinstance(first, Article) and isinstance(storm, Article)
    assert first.text == "The bridge is closed.\n\nFerries run & buses too."
    assert len(first.paragraphs) == 2
    assert (first.source, first.title, first.url, first.language) == (
        "Harbour Times",
        "Bridge closed",
        "https://harbour.example/bridge",
        "en",
    )
    assert first.published == "2022-01-07T10:00:00+00:00"
    assert isinstance(empty, InputError)
    assert "entry 2 (https://harbour.example/empty): entry has no content" in str(empty)


def test_atom_content_is_preferred_to_the_summary(tmp_path: Path) -> None:
    path = tmp_path / "river.atom"
    path.write_text(ATOM, encoding="utf-8")
    (entry,) = articles_of(path)
    assert isinstance(entry, Article)
    assert entry.text == "New flood defences were opened.\n\nCost: 4m\n\nLength: 2km"
    assert (entry.source, entry.author) == ("River Post", "Ann Reporter")
    assert entry.published == "2022-01-08T09:00:00+00:00"


def test_an_xml_file_that_is_no_feed_fails_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text("<urlset><url><loc>https://a.example/</loc></url></urlset>", encoding="utf-8")
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        articles_of(path)


def test_compare_reads_the_entries_with_text_of_feeds_in_a_directory(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "harbour.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "river.atom").write_text(ATOM, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        articles = load_all(tmp_path)
    assert [(a.source, a.title) for a in articles] == [
        ("Harbour Times", "Bridge closed"),
        ("Harbour Times", "Storm warning"),
        ("River Post", "Flood defences"),
    ]
    assert "entry 2 (https://harbour.example/empty): entry has no content" in caplog.text


def test_compare_names_an_xml_file_that_is_no_feed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text("<urlset><url><loc>https://a.example/</loc></url></urlset>", encoding="utf-8")
    with pytest.raises(InputError, match=r"sitemap\.xml: not an RSS or Atom feed.*\[E006\]"):
        load_all(path)


def test_html_fragments_split_into_blocks_and_drop_scripts() -> None:
    html = "<p>One <b>bold</b> line</p><script>x()</script><br>Two<div>Three &amp; four</div>"
    assert fragment_paragraphs(html) == ["One bold line", "Two", "Three & four"]
