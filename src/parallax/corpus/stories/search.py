"""The words and names of each story, indexed so that the stories list is searchable by
words and by entity without reading every title or cached comparison per query.

    from parallax.corpus.stories.search import refresh_names, stories_named

    with open_store() as store:
        refresh_names(store)                        # index what changed since last time
        with store.session() as session:
            ids = session.scalars(stories_named("CSTO")).all()

Three sources feed the index: every word of a story's article titles, the capitalised
names in those titles, and the entity groups of its cached comparisons (canonical name and
aliases, so "CSTO" finds the story whose comparison names the Collective Security Treaty
Organization). A name is stored under the normalised form of each of its word-suffixes
("vladimir putin", "putin"), so a query matches a name from the start of any of its words,
and a word from its start, by a range on an index.

The index is brought up to date before a search, from what the corpus stages already
wrote: stories whose `updated_at` is past the last refresh (clustering sets it when a
story changes, and drops its cached comparisons then) and comparisons cached since (their
id). When nothing changed, a refresh is two indexed reads and writes nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, delete, false, insert, or_, select
from sqlalchemy.orm import Session

from parallax.corpus.store.session import (
    IN_LIST_SIZE,
    ArticleRow,
    ComparisonRow,
    MetaRow,
    Store,
    StoryArticleRow,
    StoryNameRow,
    StoryRow,
    in_chunks,
)

__all__ = [
    "MIN_QUERY",
    "name_key",
    "name_keys",
    "refresh_names",
    "search_condition",
    "stories_named",
    "title_names",
]

MIN_QUERY = 2  # characters of a normalised query; one letter would match most stories
_MAX_WORDS = 12  # word-suffixes kept per name: a long title-case headline is not one name
_MAX_KEY = 200  # StoryNameRow.key's length
_MARK = "story_names"  # corpus_meta key of the refresh's high-water marks
_WORD = re.compile(r"[^\W_]+")
_TITLE_WORD = re.compile(r"[^\W_][\w'’.&-]*")


def name_key(text: str) -> str:
    """A name or query as indexed: accents dropped, case-folded, words of letters and
    digits separated by one space ("U.S." → "u s")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain.casefold()))


def name_keys(name: str) -> list[str]:
    """The keys a name is stored under: the normalised form of each word-suffix."""
    words = name_key(name).split()[:_MAX_WORDS]
    return [" ".join(words[n:])[:_MAX_KEY] for n in range(len(words))]


def title_names(title: str) -> list[str]:
    """The runs of capitalised words in a title ("Putin meets Tokayev in Moscow" →
    Putin, Tokayev, Moscow)."""
    runs: list[list[str]] = []
    end = -1
    for match in _TITLE_WORD.finditer(title):
        word = match.group()
        if not word[0].isupper():
            end = -1
            continue
        if end >= 0 and not title[end : match.start()].strip():
            runs[-1].append(word)
        else:
            runs.append([word])
        end = match.end()
    return [" ".join(run) for run in runs]


def stories_named(query: str) -> Select[int]:
    """The ids of the stories with a name starting with `query` at one of its words (none
    for a query shorter than `MIN_QUERY` once normalised)."""
    key = name_key(query)[:_MAX_KEY]
    found = select(StoryNameRow.story_id).distinct()
    if len(key) < MIN_QUERY:
        return found.where(false())
    # The range is what an index can seek; LIKE keeps it exact under any collation.
    return found.where(
        and_(
            StoryNameRow.key >= key,
            StoryNameRow.key < key + "\U0010ffff",
            StoryNameRow.key.startswith(key, autoescape=True),
        )
    )


def search_condition(search: str) -> ColumnElement[bool]:
    """The condition on `stories.id` that keeps the stories a search finds: every word of
    it (of `MIN_QUERY` characters or more) starts a word of one of their titles or names,
    or the whole of it starts one of their names at one of its words."""
    phrase = StoryRow.id.in_(stories_named(search))
    words = [
        StoryRow.id.in_(stories_named(word))
        for word in name_key(search).split()
        if len(word) >= MIN_QUERY
    ]
    return or_(phrase, and_(*words)) if words else phrase


@dataclass(frozen=True, slots=True)
class _Marks:
    """How far the index is: the last story update and the last comparison indexed."""

    updated: datetime | None = None
    comparison: int = 0

    @classmethod
    def read(cls, session: Session) -> _Marks:
        value = session.scalar(select(MetaRow.value).where(MetaRow.key == _MARK))
        if value is None:
            return cls()
        data = json.loads(value)
        updated = data.get("updated")
        return cls(datetime.fromisoformat(updated) if updated else None, data["comparison"])

    def write(self, session: Session) -> None:
        value = json.dumps(
            {"updated": self.updated.isoformat() if self.updated else None,
             "comparison": self.comparison}
        )  # fmt: skip
        row = session.get(MetaRow, _MARK)
        if row is None:
            session.add(MetaRow(key=_MARK, value=value))
        else:
            row.value = value


def _changes(session: Session, marks: _Marks) -> tuple[list[int], _Marks]:
    """The stories to index again, and the marks once they are."""
    updated = select(StoryRow.id, StoryRow.updated_at)
    if marks.updated is not None:
        updated = updated.where(StoryRow.updated_at > marks.updated)
    stories = dict(session.execute(updated).all())
    compared = session.execute(
        select(ComparisonRow.id, ComparisonRow.story_id).where(
            ComparisonRow.id > marks.comparison
        )
    ).all()
    ids = set(stories) | {story for _, story in compared if story is not None}
    after = _Marks(
        max([*stories.values(), *([marks.updated] if marks.updated else [])], default=None),
        max([marks.comparison, *(row for row, _ in compared)]),
    )
    return sorted(ids), after


def _entity_names(result: dict[str, Any]) -> Iterator[str]:
    for group in result.get("analyses", {}).get("entities", ()):
        yield group["name"]
        yield from group.get("aliases", ())


def _names(session: Session, story_ids: Sequence[int]) -> dict[int, set[str]]:
    """Story id → its keys, from its articles' titles and its cached comparisons."""
    keys: dict[int, set[str]] = defaultdict(set)

    def add(story_id: int, names: Iterable[str]) -> None:
        for name in names:
            keys[story_id].update(name_keys(name))

    for chunk in in_chunks(story_ids):
        titles = (
            select(StoryArticleRow.story_id, ArticleRow.title)
            .join(ArticleRow, ArticleRow.id == StoryArticleRow.article_id)
            .where(StoryArticleRow.story_id.in_(chunk), ArticleRow.title.is_not(None))
        )
        for story_id, title in session.execute(titles):
            add(story_id, title_names(title or ""))
            keys[story_id].update(word[:_MAX_KEY] for word in name_key(title or "").split())
        compared = select(ComparisonRow.story_id, ComparisonRow.result).where(
            ComparisonRow.story_id.in_(chunk)
        )
        for story_id, result in session.execute(compared):
            if story_id is not None:
                add(story_id, _entity_names(result))
    return keys


def refresh_names(store: Store) -> int:
    """Index the names of the stories changed or compared since the last refresh; the
    number of stories indexed (0 when the index was up to date, and nothing written)."""
    with store.session() as session:
        stale, _ = _changes(session, _Marks.read(session))
    if not stale:
        return 0
    with store.write() as session:
        # Read again under the write lock: another refresh may have done it meanwhile.
        stale, marks = _changes(session, _Marks.read(session))
        keys = _names(session, stale)
        for chunk in in_chunks(stale):
            session.execute(delete(StoryNameRow).where(StoryNameRow.story_id.in_(chunk)))
        rows = [{"story_id": story, "key": key} for story in stale for key in keys[story]]
        for batch in in_chunks(rows, 10 * IN_LIST_SIZE):
            session.execute(insert(StoryNameRow), batch)
        marks.write(session)
    return len(stale)

