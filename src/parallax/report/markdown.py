"""The Markdown report: the terminal summary's content, safe to paste into any Markdown viewer."""

from __future__ import annotations

import re

from parallax.report.view import (
    RELATIONS,
    ArticleView,
    ClaimGroup,
    article_views,
    claim_groups,
    counts_line,
    identical_article_labels,
    labels,
    relation_info,
    statement_lines,
    story_title,
)
from parallax.types import Claim, Comparison

# Characters that start emphasis, code, links, images, tables, strike-through or escapes.
_INLINE = re.compile(r"([\\`*_\[\]|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^([#>+\-=]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """Text as literal Markdown: one line, no emphasis, links, HTML, entities or block syntax."""
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    # A leading `#`, `>`, `-`, `+`, `=` or `1.` would start a heading, quote or list.
    return _BLOCK_START.sub(_escape_block_start, text)


def _escape_block_start(match: re.Match[str]) -> str:
    # `1.` becomes `1\.`; `#`, `>`, `-`, `+`, `=` get a backslash in front.
    return f"{match[1]}\\" if match[1].isdigit() else f"\\{match[1]}"


def _link(text: str, url: str | None) -> str:
    if not url:
        return text
    target = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return f"[{text}](<{target}>)"


def _articles_table(views: tuple[ArticleView, ...]) -> list[str]:
    rows = [
        "| Id | Source | Title | Published | Words | Sentences |",
        "|---|---|---|---|--:|--:|",
    ]
    for v in views:
        title = _link(md_escape(v.title), v.url) if v.title else "—"
        rows.append(
            f"| {md_escape(v.short_id)} | {md_escape(v.label)} | {title} | "
            f"{md_escape(v.published) or '—'} | {v.words} | {v.sentences} |"
        )
    return rows


def _claim(claim: Claim, names: dict[str, str], with_sources: bool) -> list[str]:
    info = relation_info(claim)
    lines = statement_lines(claim, names)
    if not with_sources:
        return [f"- {md_escape(lines[0].text)}"]
    out = [f"- **{info.marker} {info.label}** · claim {md_escape(claim.id)}"]
    for line in lines:
        out.append(
            f"  - **{md_escape(line.label)}:** {md_escape(line.text)} "
            f"_(similarity {line.similarity:.2f})_"
        )
    return out


def _group(group: ClaimGroup, names: dict[str, str]) -> list[str]:
    out = ["", f"## {md_escape(group.title)} ({len(group.claims)})", ""]
    if not group.claims:
        out.append("_None._")
    for claim in group.claims:
        out.extend(_claim(claim, names, group.article_id is None))
    return out


def render_markdown(comparison: Comparison) -> str:
    """The Markdown report: articles table, legend, shared and per-source claims, counts."""
    views = article_views(comparison)
    names = labels(views)
    out = [f"# Parallax: {md_escape(story_title(views))}", "", *_articles_table(views), ""]
    for same in identical_article_labels(comparison, views):
        out += [f"Identical articles: {md_escape(same)}", ""]
    legend = "; ".join(f"**{r.marker} {r.label}**: {r.description}" for r in RELATIONS)
    out.append(f"Relations — {legend}.")
    for group in claim_groups(comparison, views):
        out += _group(group, names)
    out += ["", "## Counts", "", md_escape(counts_line(comparison, views)), ""]
    return "\n".join(out)
