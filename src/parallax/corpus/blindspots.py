"""Coverage of stories by outlet and leaning, blindspots, and one-sided claims.

    from parallax.corpus.blindspots import find_blindspots

    with open_store() as store:
        for spot in find_blindspots(store, since=date(2022, 1, 1)):
            print(spot.coverage.story.title, spot.dominant, spot.missing)

Definitions (docs/corpus.md, "Outlets and blindspots"):

- A story's **coverage** counts its articles (near-duplicates included: a reprint is
  coverage too) by outlet (`parallax.corpus.outlets`) and by leaning. Articles of no
  known outlet, or of an outlet without a leaning, count as unknown. A leaning's share
  is its articles over the articles of known leaning.
- A story is a **blindspot** when at least `min_sources` distinct outlets of known
  leaning cover it, one leaning's share is at least `threshold`, and at least one other
  leaning that some outlet in the store has published under is absent from it.
- A claim of a story's comparison is **one-sided** when the articles carrying it that
  have a known leaning all have the same one, while the compared articles hold at least
  two known leanings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from parallax.corpus.comparisons import cached_comparison
from parallax.corpus.outlets import OutletMatcher, count_articles
from parallax.corpus.store.session import Store
from parallax.corpus.stories.catalog import Story, list_stories
from parallax.types import Comparison

__all__ = [
    "DEFAULT_MIN_SOURCES",
    "DEFAULT_THRESHOLD",
    "Blindspot",
    "BlindspotRecord",
    "Coverage",
    "OneSidedClaim",
    "Share",
    "StoryOutlets",
    "article_leanings",
    "blindspot",
    "blindspot_records",
    "check_threshold",
    "corpus_leanings",
    "find_blindspots",
    "one_sided_claims",
    "story_coverage",
]

DEFAULT_THRESHOLD = 0.8
"""A blindspot's dominant leaning has at least this share of the articles of known
leaning (Ground News calls a story a blindspot near this point; no data set labels
blindspots, so it is a convention, not a calibrated figure)."""

DEFAULT_MIN_SOURCES = 2
"""Outlets of known leaning a story needs: one outlet alone is no sign of a side."""


@dataclass(frozen=True, slots=True)
class Share:
    """Articles of one outlet or leaning in a story, and their share of the known ones."""

    name: str
    leaning: str | None
    articles: int
    share: float | None  # None for unknown ones: they are outside the shares

    def to_dict(self) -> dict[str, Any]:
        """As in `--json` outputs."""
        return {"name": self.name, "leaning": self.leaning, "articles": self.articles,
                "share": None if self.share is None else round(self.share, 4)}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Coverage:
    """Who covered a story: by outlet and by leaning, most articles first."""

    story: Story
    outlets: tuple[Share, ...]  # a source of no known outlet is listed under its own name
    leanings: tuple[Share, ...]  # known leanings only
    unknown: int  # articles of no known outlet or of an outlet without a leaning
    known_outlets: int  # distinct outlets of known leaning

    def to_dict(self) -> dict[str, Any]:
        """As in `parallax blindspots --json` and /api/stories/N/coverage."""
        return {
            "story": self.story.id, "title": self.story.title,
            "outlets": [s.to_dict() for s in self.outlets],
            "leanings": [s.to_dict() for s in self.leanings],
            "unknown_articles": self.unknown, "known_outlets": self.known_outlets,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class OneSidedClaim:
    """A claim of a story's comparison that outlets of one leaning only report."""

    leaning: str
    text: str  # its first statement
    sources: tuple[str, ...]  # the sources of the articles carrying it

    def to_dict(self) -> dict[str, Any]:
        """As in `--json` outputs."""
        return {"leaning": self.leaning, "text": self.text, "sources": list(self.sources)}


@dataclass(frozen=True, slots=True)
class Blindspot:
    """A story covered mostly by one leaning while another is absent."""

    coverage: Coverage
    dominant: str
    share: float
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BlindspotRecord:
    """A blindspot, and the one-sided claims of its story's cached comparison."""

    spot: Blindspot
    one_sided: tuple[OneSidedClaim, ...] | None  # None: the story is not compared yet

    def to_dict(self) -> dict[str, Any]:
        """As in `parallax blindspots --json` and /api/blindspots."""
        spot = self.spot
        claims = None if self.one_sided is None else [c.to_dict() for c in self.one_sided]
        return {**spot.coverage.to_dict(), "dominant": spot.dominant,
                "share": round(spot.share, 4), "missing": list(spot.missing),
                "one_sided_claims": claims}  # fmt: skip


def story_coverage(story: Story, matcher: OutletMatcher) -> Coverage:
    """The story's coverage by outlet and leaning."""
    by_outlet: Counter[tuple[str, str | None]] = Counter()
    known: set[str] = set()
    for article in story.articles:
        outlet = matcher.match(article.source, article.url)
        if outlet is None:
            by_outlet[(article.source, None)] += 1
            continue
        by_outlet[(outlet.name, outlet.leaning)] += 1
        if outlet.leaning is not None:
            known.add(outlet.name)
    by_leaning: Counter[str] = Counter()
    for (_, leaning), count in by_outlet.items():
        if leaning is not None:
            by_leaning[leaning] += count
    total = sum(by_leaning.values())
    unknown = len(story.articles) - total
    outlets = tuple(
        Share(name, leaning, count, count / total if leaning is not None else None)
        for (name, leaning), count in sorted(by_outlet.items(), key=lambda kv: (-kv[1], kv[0][0]))
    )
    leanings = tuple(
        Share(leaning, leaning, count, count / total)
        for leaning, count in sorted(by_leaning.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return Coverage(story, outlets, leanings, unknown, len(known))


def corpus_leanings(store: Store, matcher: OutletMatcher) -> tuple[str, ...]:
    """The leanings of the outlets that published at least one stored article, sorted."""
    return tuple(sorted({
        c.outlet.leaning for c in count_articles(store, matcher)
        if c.articles and c.outlet.leaning is not None
    }))  # fmt: skip


def blindspot(
    coverage: Coverage,
    leanings: Sequence[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_sources: int = DEFAULT_MIN_SOURCES,
) -> Blindspot | None:
    """The coverage as a blindspot, or None when it is not one (see the module's text)."""
    if coverage.known_outlets < min_sources or not coverage.leanings:
        return None
    top = coverage.leanings[0]
    present = {s.name for s in coverage.leanings}
    missing = tuple(leaning for leaning in leanings if leaning not in present)
    if top.share is None or top.share < threshold or not missing:
        return None
    return Blindspot(coverage, top.name, top.share, missing)


def check_threshold(threshold: float) -> None:
    """Refuse a threshold at which two leanings could both dominate, or none could."""
    if not 0.5 < threshold <= 1.0:
        raise ValueError(f"threshold {threshold}: use a share above 0.5 and at most 1")


def find_blindspots(
    store: Store,
    *,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    min_sources: int = DEFAULT_MIN_SOURCES,
    matcher: OutletMatcher | None = None,
) -> list[Blindspot]:
    """The blindspot stories with articles from `since` to `until`, newest first."""
    check_threshold(threshold)
    matcher = matcher or OutletMatcher.from_store(store)
    leanings = corpus_leanings(store, matcher)
    # A story's outlets are at most its distinct source names: stories below are skipped.
    stories = list_stories(store, since=since, until=until, min_sources=min(min_sources, 2))
    found = (
        blindspot(story_coverage(story, matcher), leanings, threshold=threshold,
                  min_sources=min_sources)
        for story in stories
    )  # fmt: skip
    return [spot for spot in found if spot is not None]


def one_sided_claims(
    comparison: Comparison, leaning_of: Mapping[str, str | None]
) -> list[OneSidedClaim]:
    """The claims of `comparison` that articles of one known leaning only carry;
    `leaning_of` maps an article id to its outlet's leaning (None: unknown)."""
    compared = {leaning_of.get(a.id) for a in comparison.articles} - {None}
    if len(compared) < 2:
        return []
    sources = {a.id: a.article.source for a in comparison.articles}
    found: list[OneSidedClaim] = []
    for claim in comparison.claims:
        sides = {side for a in claim.sources if (side := leaning_of.get(a)) is not None}
        if len(sides) == 1:
            leaning = sides.pop()
            carriers = tuple(dict.fromkeys(sources.get(a, a) for a in claim.sources))
            found.append(OneSidedClaim(leaning, claim.statements[0].text, carriers))
    return found


def article_leanings(story: Story, matcher: OutletMatcher) -> dict[str, str | None]:
    """Article id → its outlet's leaning (None when unknown), for a story's articles."""
    leanings: dict[str, str | None] = {}
    for article in story.articles:
        outlet = matcher.match(article.source, article.url)
        leanings[article.id] = outlet.leaning if outlet is not None else None
    return leanings


@dataclass(frozen=True, slots=True)
class StoryOutlets:
    """A story's articles joined with the store's outlets and their leanings."""

    story: Story
    matcher: OutletMatcher

    @classmethod
    def of(cls, store: Store, story: Story) -> StoryOutlets:
        """The story joined with the outlet table of `store`."""
        return cls(story, OutletMatcher.from_store(store))

    def coverage(self) -> Coverage | None:
        """Its coverage by outlet and leaning; None when the store has no outlet table."""
        return story_coverage(self.story, self.matcher) if self.matcher.outlets else None

    def one_sided(self, comparison: Comparison) -> list[OneSidedClaim]:
        """The claims of its comparison that outlets of one leaning only report."""
        return one_sided_claims(comparison, article_leanings(self.story, self.matcher))


def blindspot_records(store: Store, spots: Sequence[Blindspot]) -> list[BlindspotRecord]:
    """Each blindspot with the one-sided claims of its story's cached comparison (None when
    there is none: listing blindspots never starts the models)."""
    matcher = OutletMatcher.from_store(store)
    records: list[BlindspotRecord] = []
    for spot in spots:
        sides = StoryOutlets(spot.coverage.story, matcher)
        cached = cached_comparison(store, sides.story.id)
        claims = None if cached is None else tuple(sides.one_sided(cached.comparison))
        records.append(BlindspotRecord(spot, claims))
    return records
