"""The one line a story list shows for a compared story: what its sources do not share."""

from __future__ import annotations

from parallax.report.view import article_views, labels, unique_counts
from parallax.types import Comparison, QuantityRelation

_MOST_NAMED = 2  # outlets named in the line; the rest are summed up as "others"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def differences_line(comparison: Comparison) -> str:
    """E.g. `3 claims only in Fox News, 2 only in NYT · 1 numeric conflict · 1 contradiction`."""
    names = labels(article_views(comparison))
    unique = sorted(
        ((n, names.get(i, i)) for i, n in unique_counts(comparison).items() if n),
        key=lambda item: -item[0],
    )
    parts = []
    if unique:
        # "1 only in others" for a single outlet would hide a name that fits the line.
        shown = unique if len(unique) <= _MOST_NAMED + 1 else unique[:_MOST_NAMED]
        (first, first_name), *others = shown
        named = [f"{_plural(first, 'claim', 'claims')} only in {first_name}"]
        named += [f"{n} only in {name}" for n, name in others]
        rest = sum(n for n, _ in unique[len(shown):])
        if rest:
            named.append(f"{rest} only in others")
        parts.append(", ".join(named))
    matches = comparison.analyses.quantity_matches
    conflicts = sum(1 for m in matches if m.relation == QuantityRelation.CONFLICT)
    if conflicts:
        parts.append(_plural(conflicts, "numeric conflict", "numeric conflicts"))
    contradictions = len(comparison.analyses.contradictions)
    if contradictions:
        parts.append(_plural(contradictions, "contradiction", "contradictions"))
    return " · ".join(parts) or "every claim is shared"
