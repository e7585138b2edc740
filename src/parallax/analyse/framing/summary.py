"""The per-article framing table: each article's row, counted from the evidence found."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from parallax.types import (
    AnnotatedArticle,
    ArticleFraming,
    HeadlineFraming,
    LabelUse,
    LoadedWord,
    Quote,
    SourceShare,
    Voice,
)

__all__ = ["article_row"]

ONLY_QUOTES = 0.8
"""Share of an article's sentence text inside quotations from which it is "only quotes": a
reader's threshold (four fifths quoted), not calibrated on data."""


def _quoted_share(article: AnnotatedArticle, quotes: Sequence[Quote]) -> float:
    total = sum(s.end - s.start for s in article.sentences)
    quoted = sum(q.end - q.start for q in quotes)
    return quoted / total if total else 0.0


def article_row(article: AnnotatedArticle, *, uses: Sequence[LabelUse],
                loaded: Sequence[LoadedWord], headline: HeadlineFraming | None,
                sources: Sequence[SourceShare], quotes: Sequence[Quote]) -> ArticleFraming:
    """One article's row of the framing table, with notes on what it lacks."""
    own = Counter(u.label for u in uses if u.voice is Voice.OWN)
    distanced = Counter(u.label for u in uses if u.voice is not Voice.OWN)
    quoted_words = sum(s.words for s in sources)
    official = sum(s.words for s in sources if s.kind == "official")
    notes = []
    if not quotes:
        notes.append("no quotes")
    if not uses:
        notes.append("no actor labels")
    if quotes and _quoted_share(article, quotes) >= ONLY_QUOTES:
        notes.append("only quotes: almost nothing in the outlet's own voice")
    if headline is None:
        notes.append("no headline")
    return ArticleFraming(
        article=article.id, own_labels=dict(own.most_common()),
        distanced_labels=dict(distanced.most_common()), loaded_words=len(loaded),
        loaded_categories=dict(Counter(w.category for w in loaded).most_common()),
        headline_adopts=headline.adopted if headline else (),
        speakers=sum(1 for s in sources if s.speaker != "unattributed"),
        official_share=round(official / quoted_words, 4) if quoted_words else None,
        notes=tuple(notes),
    )
