"""The one line a story list shows for a compared story: what its sources do not share."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from pydantic import ValidationError
from sqlalchemy import select

from parallax._version import __version__
from parallax.corpus.store.session import ComparisonRow, Store
from parallax.corpus.stories.catalog import Story
from parallax.report.json.contract import comparison_from_record
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


def _compared_ids(story: Story) -> list[str]:
    """The articles a story's default comparison holds: its members but near-duplicates."""
    return sorted(a.id for a in story.articles if a.duplicate_of is None)


def cached_lines(store: Store, stories: Sequence[Story]) -> dict[int, str]:
    """Story id → its line, for the stories whose default comparison is cached; read in one
    query of the rows' keys, each row's result parsed once per process."""
    wanted = {story.id: _compared_ids(story) for story in stories}
    query = select(
        ComparisonRow.id, ComparisonRow.story_id, ComparisonRow.article_ids,
        ComparisonRow.options, ComparisonRow.parallax_version, ComparisonRow.created_at,
    ).where(ComparisonRow.story_id.in_(list(wanted)))  # fmt: skip
    found: dict[int, str] = {}
    with store.session() as session:
        for row_id, story_id, ids, options, row_version, created in session.execute(query):
            if options or row_version != __version__ or sorted(ids) != wanted.get(story_id):
                continue
            line = _line(store, row_id, created)
            if line is not None:
                found[story_id] = line
    return found


@lru_cache(maxsize=4096)
def _line(store: Store, row_id: int, created: datetime) -> str | None:
    """The line of one cached comparison row, as written at `created` (an id alone may be
    reused once its row is dropped); None when it no longer reads back."""
    with store.session() as session:
        result = session.scalar(select(ComparisonRow.result).where(ComparisonRow.id == row_id))
    if result is None:
        return None
    try:
        return differences_line(comparison_from_record(result))
    except ValidationError:
        return None
