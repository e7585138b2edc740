"""The HTML report: one self-contained page with the articles side by side.

Every value reaches the page through Jinja2 autoescaping; the page's own CSS and JS are
inlined and allowed by hash in a Content-Security-Policy, so nothing else can run or load.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from parallax._version import __version__
from parallax.report.html.text import Token, analysis_layers, article_paragraphs
from parallax.report.json.contract import GENERATOR
from parallax.report.views.analyses import (
    AGREEMENTS,
    CONFLICTS,
    NO_DATES,
    NO_NUMBERS,
    NO_QUOTES,
    NUMBERS,
    QUANTITY_RELATIONS,
    QUOTE_RELATIONS,
    QUOTES,
    SINGLE,
    TIMELINE,
    WARNINGS,
    numbers_view,
    quote_groups,
    quote_links,
    quoted_once_line,
    warning_lines,
)
from parallax.report.views.claims import (
    RELATIONS,
    ArticleView,
    ClaimGroup,
    StatementLine,
    article_views,
    claim_groups,
    counts_line,
    identical_article_labels,
    labels,
    relation_info,
    sentence_claims,
    statement_lines,
    story_title,
)
from parallax.report.views.contradictions import (
    CONTRADICTIONS,
    KINDS,
    MARKER,
    NO_CONTRADICTIONS,
    contradiction_rows,
    sentence_marks,
)
from parallax.report.views.digest import CONFLICTS as DIGEST_CONFLICTS
from parallax.report.views.digest import DIGEST, NO_CONFLICTS, digest_view
from parallax.report.views.entities import (
    ENTITIES,
    NO_ENTITIES,
    NO_SHARED,
    ONLY_ONE,
    SHARED_ENTITIES,
    entities_view,
    only_in_line,
)
from parallax.report.views.framing import FRAMING, NO_FRAMING, framing_rows
from parallax.report.views.timeline import timeline_rows
from parallax.types import Claim, Comparison


@dataclass(frozen=True, slots=True)
class Column:
    """One article's column: its display facts and its text, paragraph by paragraph."""

    view: ArticleView
    language: str
    paragraphs: tuple[tuple[Token, ...], ...]


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """A claim in the lists below the columns."""

    claim: Claim
    relation: str
    marker: str
    lines: tuple[StatementLine, ...]


def _claim_items(group: ClaimGroup, names: dict[str, str]) -> tuple[ClaimItem, ...]:
    items = []
    for claim in group.claims:
        info = relation_info(claim)
        items.append(ClaimItem(claim, info.label, info.marker, statement_lines(claim, names)))
    return tuple(items)


def _columns(
    comparison: Comparison,
    views: tuple[ArticleView, ...],
    claims_of: dict[tuple[str, int], tuple[Claim, ...]],
) -> list[Column]:
    links = quote_links(comparison)
    marks = sentence_marks(comparison, labels(views))
    return [
        Column(
            v,
            v.article.language,
            article_paragraphs(
                v.article, claims_of, analysis_layers(comparison, v.id, links), marks
            ),
        )
        for v in views
    ]


def _findings_context(
    comparison: Comparison, views: tuple[ArticleView, ...], names: dict[str, str]
) -> dict[str, object]:
    """What the contradictions, entities and framing sections of the template need."""
    rows = contradiction_rows(comparison, names)
    kinds = {row.kind for row in rows}
    return {
        "contradictions": rows,
        "contradiction_kinds": tuple((k, d) for k, d in KINDS.items() if k in kinds),
        "contra_marker": MARKER,
        "entities": entities_view(comparison, views),
        "entity_count": len(comparison.analyses.entities),
        "only_in": only_in_line,
        "framing_title": FRAMING,
        "framing_empty": NO_FRAMING,
        "framing_rows": framing_rows(comparison, views),
        "framing_sources": tuple(v.label for v in views),
        "findings": {
            "contradictions": CONTRADICTIONS,
            "no_contradictions": NO_CONTRADICTIONS,
            "entities": ENTITIES,
            "no_entities": NO_ENTITIES,
            "shared": SHARED_ENTITIES,
            "no_shared": NO_SHARED,
            "only_one": ONLY_ONE,
        },
    }


def _analysis_context(comparison: Comparison, names: dict[str, str]) -> dict[str, object]:
    """What the quotes, numbers, timeline and warnings sections of the template need."""
    return {
        "quotes": quote_groups(comparison, names),
        "quoted_once": quoted_once_line(comparison, names),
        "numbers": numbers_view(comparison, names),
        "timeline": timeline_rows(comparison, names),
        "warnings": warning_lines(comparison),
        "quote_relations": tuple(QUOTE_RELATIONS.values()),
        "quantity_relations": tuple(QUANTITY_RELATIONS.values()),
        "empty": {"quotes": NO_QUOTES, "numbers": NO_NUMBERS, "timeline": NO_DATES},
        "titles": {
            "quotes": QUOTES,
            "numbers": NUMBERS,
            "timeline": TIMELINE,
            "warnings": WARNINGS,
            "conflicts": CONFLICTS,
            "agreements": AGREEMENTS,
            "single": SINGLE,
        },
    }


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("parallax.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def _asset(name: str) -> str:
    return (resources.files("parallax.report") / "templates" / name).read_text("utf-8")


@functools.cache
def report_policy() -> Mapping[str, tuple[str, ...]]:
    """The Content-Security-Policy of every HTML report, by directive: its own inline
    stylesheet and script, allowed by hash, and nothing else."""
    return MappingProxyType(
        {
            "default-src": ("'none'",),
            "style-src": (_csp_hash(_asset("report.css")),),
            "script-src": (_csp_hash(_asset("report.js")),),
            "img-src": ("data:",),
            "base-uri": ("'none'",),
            "form-action": ("'none'",),
        }
    )


def render_html(comparison: Comparison) -> str:
    """The HTML report: counts, legend, articles side by side with linked claims, claim lists."""
    views = article_views(comparison)
    names = labels(views)
    claims_of = sentence_claims(comparison)
    groups = claim_groups(comparison, views)
    css, js = _asset("report.css"), _asset("report.js")
    csp = "; ".join(f"{name} {' '.join(sources)}" for name, sources in report_policy().items())
    shared_all = next((g for g in groups if g.key == "shared-all"), None)
    shared_some = next((g for g in groups if g.key == "shared-some"), None)
    stats = [
        ("articles", len(comparison.articles)),
        ("claims", len(comparison.claims)),
        ("shared by all", len(shared_all.claims) if shared_all else 0),
    ]
    if shared_some is not None:
        stats.append(("shared by some", len(shared_some.claims)))
    stats.append(("only in one source", sum(len(comparison.unique_to(v.id)) for v in views)))
    stats.append(("contradictions", len(comparison.analyses.contradictions)))
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=story_title(views),
        csp=csp,
        # The package's own stylesheet and script: trusted, and hashed into the CSP above.
        css=Markup(css),
        js=Markup(js),
        stats=stats,
        relations=RELATIONS,
        identical=identical_article_labels(comparison, views),
        digest=digest_view(comparison, names),
        digest_title=DIGEST,
        digest_conflicts=DIGEST_CONFLICTS,
        digest_no_conflicts=NO_CONFLICTS,
        columns=_columns(comparison, views, claims_of),
        groups=[(g, _claim_items(g, names)) for g in groups],
        **_analysis_context(comparison, names),
        **_findings_context(comparison, views, names),
        counts=counts_line(comparison, views),
        generator=f"{GENERATOR} {__version__}",
    )
