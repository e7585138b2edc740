"""What every human-readable report shows, computed once: labels, claim groups and counts.

The terminal, Markdown and HTML renderers only lay these out; none of them decides which
claims go where or how a source is named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from parallax.types import AnnotatedArticle, Claim, Comparison, NonClaim, Relation


@dataclass(frozen=True, slots=True)
class RelationInfo:
    """How a relation is named and marked in every report."""

    relation: Relation
    label: str
    marker: str
    description: str


RELATIONS: tuple[RelationInfo, ...] = (
    RelationInfo(Relation.IDENTICAL, "identical", "=", "the same text after normalisation"),
    RelationInfo(Relation.PARAPHRASE, "paraphrase", "≈", "the same meaning in other words"),
    RelationInfo(
        Relation.PARTIAL,
        "partial",
        "◐",
        "one statement says more than the other, or merges several sentences",
    ),
    RelationInfo(Relation.UNIQUE, "unique", "•", "carried by one source only"),
)
_RELATION_INFO = {info.relation: info for info in RELATIONS}


NONCLAIMS: dict[NonClaim, str] = {
    NonClaim.PROMPT: "a prompt to the reader",
    NonClaim.CREDIT: "a byline or credit",
    NonClaim.CAPTION: "a photo caption or credit",
    NonClaim.SUBHEAD: "a subhead",
    NonClaim.SEPARATOR: "a separator",
    NonClaim.FURNITURE: "page furniture",
}


def nonclaim_title(kind: NonClaim) -> str:
    """Why a sentence is in no claim, as a reader sees it on hover."""
    return f"not compared: {NONCLAIMS[NonClaim(kind)]}"


def relation_info(claim: Claim) -> RelationInfo:
    """The label, marker and description of a claim's relation."""
    return _RELATION_INFO[Relation(claim.relation)]


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article as the reports name and describe it."""

    article: AnnotatedArticle
    short_id: str
    label: str
    title: str
    published: str
    url: str | None
    author: str
    words: int
    sentences: int

    @property
    def id(self) -> str:
        """The article's id."""
        return self.article.id


@dataclass(frozen=True, slots=True)
class StatementLine:
    """What one source says in a claim: its statements' texts joined, and the words of
    them that no other source of the claim carries (`adds`)."""

    article_id: str
    label: str
    text: str
    similarity: float
    adds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """A titled list of claims: shared by all, shared by some, or only in one source."""

    key: str
    title: str
    claims: tuple[Claim, ...]
    article_id: str | None = None


_WORD = re.compile(r"\w+(?:['’.\-]\w+)*")
_SPACE = re.compile(r"\s+")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})")


def one_line(text: str) -> str:
    """The text with every run of whitespace (newlines included) turned into one space."""
    return _SPACE.sub(" ", text).strip()


def truncate(text: str, limit: int) -> str:
    """The text on one line, cut at a word boundary to at most `limit` characters, with `…`."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:—-") + "…"


def word_count(text: str) -> int:
    """How many words the text has."""
    return len(_WORD.findall(text))


def display_date(value: str | None) -> str:
    """A publication date for display: `YYYY-MM-DD HH:MM` for ISO timestamps, else as given."""
    if not value:
        return ""
    match = _ISO_DATETIME.match(value)
    if match:
        return f"{match[1]} {match[2]}" if match[2] != "00:00" else match[1]
    return value.strip()


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None (never a `javascript:` or data URL)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not _SPACE.search(url):
        return url
    return None


def short_ids(ids: Sequence[str], width: int = 12) -> dict[str, str]:
    """Short, still distinct, forms of article ids: ids up to `width` + 4 characters kept whole,
    longer ones cut to the shortest prefix of at least `width` that tells them apart."""
    longest = max((len(i) for i in ids), default=0)
    for size in range(width, longest + 1):
        short = {i: i if len(i) <= size + 4 else i[:size].rstrip("-_.:/ ") + "…" for i in ids}
        if len(set(short.values())) == len(ids):
            return short
    return {i: i for i in ids}


def article_views(comparison: Comparison) -> tuple[ArticleView, ...]:
    """Display facts for each article; sources that occur twice get their short id added."""
    articles = comparison.articles
    shorts = short_ids([a.id for a in articles])
    names = [one_line(a.article.source) or shorts[a.id] for a in articles]
    views = []
    for annotated, name in zip(articles, names, strict=True):
        article = annotated.article
        label = name if names.count(name) == 1 else f"{name} ({shorts[annotated.id]})"
        views.append(
            ArticleView(
                article=annotated,
                short_id=shorts[annotated.id],
                label=label,
                title=one_line(article.title or ""),
                published=display_date(article.published),
                url=safe_url(article.url),
                author=one_line(article.author or ""),
                words=word_count(article.text),
                sentences=len(annotated.sentences),
            )
        )
    return tuple(views)


def labels(views: Sequence[ArticleView]) -> dict[str, str]:
    """Article id → display label."""
    return {v.id: v.label for v in views}


def statement_lines(claim: Claim, names: dict[str, str]) -> tuple[StatementLine, ...]:
    """One line per source of the claim; several statements of one source are joined."""
    lines = []
    for source in claim.sources:
        statements = [s for s in claim.statements if s.article == source]
        lines.append(
            StatementLine(
                article_id=source,
                label=names.get(source, source),
                text=one_line(" ".join(s.text for s in statements)),
                similarity=max(s.similarity for s in statements),
                adds=tuple(one_line(s.text[e.start - s.start:e.end - s.start])
                           for s in statements for e in s.extra),
            )
        )
    return tuple(lines)


def claim_groups(comparison: Comparison, views: Sequence[ArticleView]) -> tuple[ClaimGroup, ...]:
    """Claims grouped as a reader wants them: shared by all, shared by some, only in X."""
    total = len(comparison.articles)
    shared = comparison.shared()
    groups = [
        ClaimGroup(
            "shared-all",
            "Shared by both sources" if total == 2 else f"Shared by all {total} sources",
            tuple(c for c in shared if len(c.sources) >= total),
        )
    ]
    if total > 2:
        groups.append(
            ClaimGroup(
                "shared-some",
                "Shared by some sources",
                tuple(c for c in shared if len(c.sources) < total),
            )
        )
    for view in views:
        groups.append(
            ClaimGroup(
                "only",
                f"Only in {view.label}",
                comparison.unique_to(view.id),
                view.id,
            )
        )
    return tuple(groups)


def relation_counts(comparison: Comparison) -> dict[str, int]:
    """Claims per relation, every known relation present (zero when absent), then any other."""
    counts = {info.label: comparison.summary.relations.get(info.label, 0) for info in RELATIONS}
    for key, value in comparison.summary.relations.items():
        counts.setdefault(str(key), value)
    return counts


def unique_counts(comparison: Comparison) -> dict[str, int]:
    """Claims only each article carries, in article order (zero when absent)."""
    given = comparison.summary.unique_claims
    counts = {a.id: given.get(a.id, 0) for a in comparison.articles}
    for key, value in given.items():
        counts.setdefault(key, value)
    return counts


def counts_line(comparison: Comparison, views: Sequence[ArticleView]) -> str:
    """The one-line summary every report ends (or starts) with."""
    names = labels(views)
    unique = ", ".join(f"{names.get(k, k)} {n}" for k, n in unique_counts(comparison).items())
    relations = ", ".join(f"{k} {n}" for k, n in relation_counts(comparison).items())
    return (
        f"{len(comparison.articles)} articles · {len(comparison.claims)} claims · "
        f"{comparison.summary.shared_claims} shared · only in one source: {unique or 'none'} · "
        f"{relations}"
    )


def identical_article_labels(
    comparison: Comparison, views: Sequence[ArticleView]
) -> tuple[str, ...]:
    """Each group of identical articles as `A = B`, by label."""
    names = labels(views)
    return tuple(
        " = ".join(names.get(i, i) for i in group)
        for group in comparison.summary.identical_articles
    )


def sentence_claims(comparison: Comparison) -> dict[tuple[str, int], tuple[Claim, ...]]:
    """(article id, sentence index) → the claims that sentence belongs to, in claim order."""
    found: dict[tuple[str, int], list[Claim]] = {}
    for claim in comparison.claims:
        for statement in claim.statements:
            bucket = found.setdefault((statement.article, statement.sentence), [])
            if claim not in bucket:
                bucket.append(claim)
    return {key: tuple(value) for key, value in found.items()}


def story_title(views: Sequence[ArticleView]) -> str:
    """A heading for the report: the first article title there is, else a generic one."""
    return next((v.title for v in views if v.title), "Comparison")
