"""The one line a story list shows for a compared story: what its sources do not share."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from parallax.corpus.comparisons import current_rows, read_cached
from parallax.corpus.store.session import Store
from parallax.corpus.stories.catalog import Story
from parallax.report.views.claims import article_views, labels, unique_counts
from parallax.types import Comparison, QuantityRelation
from parallax.wording import counted

_MOST_NAMED = 2  # outlets named in the line; the rest are summed up as "others"


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
        named = [f"{counted(first, 'claim', 'claims')} only in {first_name}"]
        named += [f"{n} only in {name}" for n, name in others]
        rest = sum(n for n, _ in unique[len(shown):])
        if rest:
            named.append(f"{rest} only in others")
        parts.append(", ".join(named))
    matches = comparison.analyses.quantity_matches
    conflicts = sum(1 for m in matches if m.relation == QuantityRelation.CONFLICT)
    if conflicts:
        parts.append(counted(conflicts, "numeric conflict", "numeric conflicts"))
    contradictions = len(comparison.analyses.contradictions)
    if contradictions:
        parts.append(counted(contradictions, "contradiction", "contradictions"))
    return " · ".join(parts) or "every claim is shared"


def cached_lines(store: Store, stories: Sequence[Story]) -> dict[int, str]:
    """Story id → its line, for the stories whose default comparison is cached and current
    (`current_rows`: one query of the rows' keys); each row's result parsed once per process."""
    found: dict[int, str] = {}
    for story_id, row in current_rows(store, stories).items():
        line = _line(store, row.key, row.created_at)
        if line is not None:
            found[story_id] = line
    return found


@lru_cache(maxsize=4096)
def _line(store: Store, key: str, created: datetime) -> str | None:
    """The line of the comparison cached under `key`, as written at `created` (a key's row
    is rewritten when its comparison is computed again); None when it no longer reads back."""
    comparison = read_cached(store, key)
    return None if comparison is None else differences_line(comparison)
