"""The Markdown report: the terminal summary's content, safe to paste into any Markdown viewer."""

from __future__ import annotations

import re

from parallax.report.views.analyses import (
    AGREEMENTS,
    CONFLICTS,
    NO_DATES,
    NO_NUMBERS,
    NO_QUOTES,
    NUMBERS,
    QUOTES,
    SINGLE,
    TIMELINE,
    WARNINGS,
    NumberRow,
    numbers_view,
    quote_groups,
    quoted_once_line,
    warning_lines,
)
from parallax.report.views.claims import (
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
from parallax.report.views.contradictions import (
    CONTRADICTIONS,
    MARKER,
    NO_CONTRADICTIONS,
    contradiction_rows,
)
from parallax.report.views.digest import CONFLICTS as DIGEST_CONFLICTS
from parallax.report.views.digest import DIGEST, NO_CONFLICTS, digest_view
from parallax.report.views.entities import (
    ENTITIES,
    NO_ENTITIES,
    NO_SHARED,
    ONLY_ONE,
    entities_view,
    only_in_line,
)
from parallax.report.views.framing import FRAMING, NO_FRAMING, framing_rows
from parallax.report.views.timeline import timeline_rows
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
        if line.adds:
            added = "; ".join(f"“{md_escape(a)}”" for a in line.adds)
            out.append(f"    - only {md_escape(line.label)} adds: {added}")
    return out


def _digest(comparison: Comparison, names: dict[str, str]) -> list[str]:
    view = digest_view(comparison, names)
    if not view:
        return []
    out = [f"## {DIGEST}"]
    for section in view.sections:
        out += ["", f"### {md_escape(section.title)}", ""]
        for line in section.lines:
            note = f" — {md_escape(line.note)}" if line.note else ""
            where = " · ".join([*line.why, f"claim {line.claim}"])
            out.append(f"- {md_escape(line.text)}{note} _({md_escape(where)})_")
    out += ["", f"### {DIGEST_CONFLICTS}", ""]
    if not view.conflicts:
        return [*out, NO_CONFLICTS, ""]
    for conflict in view.conflicts:
        sides = " · ".join(f"**{md_escape(label)}:** {md_escape(text)}"
                           for label, text in conflict.sides)
        out.append(f"- {md_escape(conflict.explanation)}: {sides}")
    return [*out, ""]


def _group(group: ClaimGroup, names: dict[str, str]) -> list[str]:
    out = ["", f"## {md_escape(group.title)} ({len(group.claims)})", ""]
    if not group.claims:
        out.append("_None._")
    for claim in group.claims:
        out.extend(_claim(claim, names, group.article_id is None))
    return out


def _quotes(comparison: Comparison, names: dict[str, str]) -> list[str]:
    groups = quote_groups(comparison, names)
    out = ["", f"## {QUOTES} ({len(comparison.analyses.quotes)})", ""]
    if not groups:
        return [*out, NO_QUOTES]
    for group in groups:
        out += [f"### {md_escape(group.speaker)} ({len(group.lines)})", ""]
        for line in group.lines:
            note = md_escape(f"— {line.note}")
            out.append(f"- **{md_escape(line.label)}:** “{md_escape(line.text)}” _{note}_")
        out.append("")
    return [*out, md_escape(quoted_once_line(comparison, names))]


def _number_rows(title: str, rows: tuple[NumberRow, ...]) -> list[str]:
    if not rows:
        return []
    out = ["", f"### {title} ({len(rows)})", ""]
    for row in rows:
        note = f" · *{md_escape(row.note)}*" if row.note else ""
        out.append(f"- **{row.marker} {row.relation}** · {md_escape(row.counted)}{note}")
        out += [
            f"  - **{md_escape(v.label)}:** {md_escape(v.value)} (“{md_escape(v.text)}”)"
            for v in row.values
        ]
    return out


def _numbers(comparison: Comparison, names: dict[str, str]) -> list[str]:
    view = numbers_view(comparison, names)
    out = ["", f"## {NUMBERS}"]
    if not view:
        return [*out, "", NO_NUMBERS]
    out += _number_rows(CONFLICTS, view.conflicts) + _number_rows(AGREEMENTS, view.agreements)
    if view.single:
        out += ["", f"### {SINGLE}", ""]
        out += [
            f"- **{md_escape(label)}:** " + " · ".join(md_escape(i) for i in items)
            for label, items in view.single
        ]
    return out


def _timeline(comparison: Comparison, names: dict[str, str]) -> list[str]:
    rows = timeline_rows(comparison, names)
    out = ["", f"## {TIMELINE} ({len(rows)})", ""]
    if not rows:
        return [*out, NO_DATES]
    out += ["| Date | What | Sources |", "|---|---|---|"]
    for row in rows:
        what = md_escape(row.what) + "".join(f" _({md_escape(n)})_" for n in row.notes)
        sources = ", ".join(md_escape(s) for s in row.sources)
        out.append(f"| {md_escape(row.date)} | {what} | {sources} |")
    return out


def _contradictions(comparison: Comparison, names: dict[str, str]) -> list[str]:
    rows = contradiction_rows(comparison, names)
    out = ["", f"## {CONTRADICTIONS} ({len(rows)})", ""]
    if not rows:
        return [*out, NO_CONTRADICTIONS]
    for row in rows:
        out.append(
            f"- **{MARKER} {md_escape(row.kind)}** · {md_escape(row.explanation)} "
            f"_(contradiction {md_escape(row.id)}, confidence {row.confidence})_"
        )
        out += [f"  - **{md_escape(s.label)}:** {md_escape(s.text)}" for s in row.sides]
    return out


def _entities(comparison: Comparison, views: tuple[ArticleView, ...]) -> list[str]:
    view = entities_view(comparison, views)
    out = ["", f"## {ENTITIES} ({len(comparison.analyses.entities)})", ""]
    if not view:
        return [*out, NO_ENTITIES]
    if view.rows:
        heads = "".join(f" {md_escape(label)} |" for label in view.sources)
        out += [f"| Name | Kind |{heads}", "|---|---|" + "--:|" * len(view.sources)]
        for row in view.rows:
            cells = "".join(f" {c} |" for c in row.counts)
            out.append(f"| {md_escape(row.name)} | {md_escape(row.kind)} |{cells}")
        if view.more_line:
            out += ["", md_escape(view.more_line)]
    else:
        out.append(NO_SHARED)
    if view.single:
        out += ["", f"### {ONLY_ONE}", ""]
        out += [f"- {md_escape(only_in_line(label, line))}" for label, line in view.single]
    return out


def _framing(comparison: Comparison, views: tuple[ArticleView, ...]) -> list[str]:
    rows = framing_rows(comparison, views)
    out = ["", f"## {FRAMING}", ""]
    if not rows:
        return [*out, NO_FRAMING]
    heads = "".join(f" {md_escape(v.label)} |" for v in views)
    out += [f"| |{heads}", "|---|" + "---|" * len(views)]
    for row in rows:
        cells = "".join(f" {md_escape(c)} |" for c in row.cells)
        out.append(f"| {md_escape(row.dimension)} |{cells}")
    return out


def _warnings(comparison: Comparison) -> list[str]:
    lines = warning_lines(comparison)
    if not lines:
        return []
    return ["", f"## {WARNINGS}", "", *(f"- {md_escape(w)}" for w in lines)]


def render_markdown(comparison: Comparison) -> str:
    """The Markdown report: articles table, digest, legend, claims, contradictions, quotes,
    numbers, timeline, entities, framing, counts."""
    views = article_views(comparison)
    names = labels(views)
    out = [f"# Parallax: {md_escape(story_title(views))}", "", *_articles_table(views), ""]
    for same in identical_article_labels(comparison, views):
        out += [f"Identical articles: {md_escape(same)}", ""]
    out += _digest(comparison, names)
    legend = "; ".join(f"**{r.marker} {r.label}**: {r.description}" for r in RELATIONS)
    out.append(f"Relations — {legend}.")
    for group in claim_groups(comparison, views):
        out += _group(group, names)
    out += _contradictions(comparison, names)
    out += _quotes(comparison, names) + _numbers(comparison, names)
    out += _timeline(comparison, names) + _entities(comparison, views)
    out += _framing(comparison, views) + _warnings(comparison)
    out += ["", "## Counts", "", md_escape(counts_line(comparison, views)), ""]
    return "\n".join(out)
