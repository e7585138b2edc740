"""Dates the articles mention, resolved to the calendar, and one timeline across articles.

A relative expression ("on Friday", "yesterday", "Jan. 2" without a year) is resolved
against an anchor, the day the article speaks from, and says so (`relative=True`,
`anchor`). The anchor of an article is, in order:

1. its publication date (`Article.published`, ISO or RFC 2822);
2. else the latest full date (day, month and year) the article itself mentions;
3. else the story anchor the comparison supplies: by default (`dates_of`) the latest of
   all compared articles' publication dates and full dates mentioned. Without any anchor
   a relative expression keeps `date=None`.

Which expressions are dates, and how they resolve, is documented in `date_rules`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from parallax.analyse.dates.rules import YEAR_PREPOSITIONS, Raw, resolve, scan
from parallax.types import (
    AnnotatedArticle,
    Claim,
    DateMention,
    Entity,
    Sentence,
    TimelineEvent,
)

log = logging.getLogger(__name__)

DESCRIPTION_CHARS = 200
"""Characters of a timeline event's sentence kept around its date: a display choice, not
calibrated."""
_GRANULARITY_ORDER = {"year": 0, "month": 1, "week": 2, "day": 3}
_DURATION_WORDS = frozenset(
    {"year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades"})
_DETERMINERS = frozenset({"the", "this", "that", "its", "his", "her", "their", "our", "s"})
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")


def published_date(text: str | None) -> date | None:
    """The day of a publication date: "2022-01-07", "2022-01-07T10:00:00Z", RFC 2822."""
    if not text:
        return None
    stripped = text.strip()
    try:
        return date.fromisoformat(stripped[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(stripped).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(stripped).date()
    except (TypeError, ValueError, IndexError):
        log.warning("unreadable publication date %r", text)
        return None


def _year_test(sentence: Sentence, entities: Sequence[Entity]) -> Callable[[int, int], bool]:
    """Whether a bare four-digit number of the sentence reads as a year."""

    def year_ok(start: int, end: int) -> bool:
        first, last = sentence.start + start, sentence.start + end
        following = next((t for t in sentence.tokens if t.start >= last), None)
        if following is not None and following.text.lower() in _DURATION_WORDS:
            return False  # "2000 years": a duration
        before = _WORD_BEFORE.search(sentence.text[:start])
        word = before.group(1).lower() if before is not None else ""
        if following is not None and following.pos in ("NOUN", "PROPN"):
            return word in _DETERMINERS  # "the 2020 elections", not "arrested 2000 people"
        if any(e.start <= first and last <= e.end for e in entities):
            return True  # spaCy read it as (part of) a date
        return word in YEAR_PREPOSITIONS

    return year_ok


def scan_article(article: AnnotatedArticle) -> list[tuple[Sentence, Raw]]:
    """Every date expression of the article, with its sentence, in text order."""
    date_entities: dict[int, list[Entity]] = {}
    for entity in article.entities:
        if entity.label == "DATE":
            date_entities.setdefault(entity.sentence, []).append(entity)
    found: list[tuple[Sentence, Raw]] = []
    for sentence in article.sentences:
        year_ok = _year_test(sentence, date_entities.get(sentence.index, ()))
        try:
            found.extend((sentence, raw) for raw in scan(sentence.text, year_ok))
        except (ValueError, IndexError, KeyError, OverflowError) as exc:
            log.warning("article %s, sentence %d: dates skipped (%s: %s)", article.id,
                        sentence.index, type(exc).__name__, exc)
    return found


def _latest_full_date(found: Iterable[tuple[Sentence, Raw]]) -> date | None:
    days = [resolve(raw, None)[0] for _, raw in found if raw.kind == "day"]
    return max((date.fromisoformat(d) for d in days if d), default=None)


def _as_date(value: date | str | None) -> date | None:
    return published_date(value) if isinstance(value, str) else value


def _mentions(article: AnnotatedArticle, found: Sequence[tuple[Sentence, Raw]],
              story_anchor: date | None) -> list[DateMention]:
    anchor = (published_date(article.article.published) or _latest_full_date(found)
              or story_anchor)
    mentions: list[DateMention] = []
    for sentence, raw in found:
        iso, granularity = resolve(raw, anchor)
        relative = not raw.absolute
        if not relative and iso is None:
            continue  # outside the calendar; resolve() has warned
        start, end = sentence.start + raw.start, sentence.start + raw.end
        mentions.append(DateMention(
            id=f"{article.id}:d{len(mentions) + 1}", article=article.id, start=start, end=end,
            text=article.article.text[start:end], sentence=sentence.index, date=iso,
            granularity=granularity, relative=relative,
            anchor=anchor.isoformat() if relative and anchor is not None else None,
        ))
    return mentions


def extract_dates(article: AnnotatedArticle, *,
                  story_anchor: date | str | None = None) -> list[DateMention]:
    """The dates an article mentions, in text order, relative ones resolved (see module doc).

    Ids are `<article id>:d<n>`; `dates_of` renumbers them `d1..` across a comparison.
    """
    return _mentions(article, scan_article(article), _as_date(story_anchor))


def story_anchor_of(articles: Sequence[AnnotatedArticle]) -> date | None:
    """The latest publication date or full date mentioned across the articles, if any."""
    return _story_anchor(articles, [scan_article(a) for a in articles])


def _story_anchor(articles: Sequence[AnnotatedArticle],
                  found: Sequence[Sequence[tuple[Sentence, Raw]]]) -> date | None:
    candidates = [published_date(a.article.published) for a in articles]
    candidates.extend(_latest_full_date(f) for f in found)
    return max((d for d in candidates if d is not None), default=None)


def dates_of(
    articles: Sequence[AnnotatedArticle], claims: Sequence[Claim], *,
    story_anchor: date | str | None = None,
) -> tuple[list[DateMention], list[TimelineEvent]]:
    """All date mentions of a comparison (ids `d1..`) and their merged timeline.

    `story_anchor` resolves relative dates of articles that have no anchor of their own;
    by default it is `story_anchor_of(articles)`.
    """
    found = [scan_article(a) for a in articles]
    anchor = _as_date(story_anchor) or _story_anchor(articles, found)
    mentions = [m for a, f in zip(articles, found, strict=True) for m in _mentions(a, f, anchor)]
    mentions = [replace(m, id=f"d{i}") for i, m in enumerate(mentions, 1)]
    return mentions, timeline(mentions, articles, claims)


def _period_start(iso: str, granularity: str) -> date:
    if granularity == "week":
        year, week = iso.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    return date.fromisoformat((iso + "-01-01")[:10] if granularity != "day" else iso)


def _description(article: AnnotatedArticle | None, mention: DateMention) -> str:
    """The sentence of a mention, whitespace collapsed; a long one cut around the mention."""
    sentence = None
    if article is not None and 0 <= mention.sentence < len(article.sentences):
        sentence = article.sentences[mention.sentence]
    if sentence is None:
        return mention.text
    text, at = sentence.text, mention.start - sentence.start
    if len(text) > DESCRIPTION_CHARS:
        lo = max(0, min(at - DESCRIPTION_CHARS // 2, len(text) - DESCRIPTION_CHARS))
        hi = lo + DESCRIPTION_CHARS
        chunk = text[lo:hi]
        if lo:
            chunk = "…" + chunk.split(" ", 1)[-1]  # cut at word boundaries
        if hi < len(text):
            chunk = chunk.rsplit(" ", 1)[0] + "…"
        text = chunk
    return " ".join(text.split())


def _attach_unresolved(mentions: Sequence[DateMention],
                       claims: Sequence[Claim]) -> dict[str, tuple[str, str]]:
    """Unresolved mentions whose sentence shares a claim with resolved mentions of one date
    (of the same granularity): they report that date."""
    claim_of: dict[tuple[str, int], list[int]] = {}
    for i, claim in enumerate(claims):
        for statement in claim.statements:
            claim_of.setdefault((statement.article, statement.sentence), []).append(i)
    keys_by_claim: dict[int, set[tuple[str, str]]] = {}
    for m in mentions:
        if m.date is not None:
            for i in claim_of.get((m.article, m.sentence), ()):
                keys_by_claim.setdefault(i, set()).add((m.date, m.granularity))
    attached: dict[str, tuple[str, str]] = {}
    for m in mentions:
        if m.date is None:
            keys = {k for i in claim_of.get((m.article, m.sentence), ())
                    for k in keys_by_claim.get(i, ()) if k[1] == m.granularity}
            if len(keys) == 1:
                attached[m.id] = keys.pop()
    return attached


def timeline(mentions: Sequence[DateMention], articles: Sequence[AnnotatedArticle],
             claims: Sequence[Claim]) -> list[TimelineEvent]:
    """One event per date (and granularity) mentioned, ordered by date, then coarser first.

    An event's `description` is the shortest sentence that mentions its date; a mention
    left unresolved joins the event of the one date its claim's other statements give.
    """
    order = {a.id: i for i, a in enumerate(articles)}
    by_id = {a.id: a for a in articles}
    attached = _attach_unresolved(mentions, claims)
    groups: dict[tuple[str, str], list[DateMention]] = {}
    for m in mentions:
        key = (m.date, m.granularity) if m.date is not None else attached.get(m.id)
        if key is not None:
            groups.setdefault(key, []).append(m)
    events: list[tuple[date, int, TimelineEvent]] = []
    for (iso, granularity), group in groups.items():
        try:
            start = _period_start(iso, granularity)
        except ValueError:
            log.warning("skipping timeline date %r (%s)", iso, granularity)
            continue
        group.sort(key=lambda m: (order.get(m.article, len(order)), m.start))
        events.append((start, _GRANULARITY_ORDER.get(granularity, 4), TimelineEvent(
            date=iso, granularity=granularity, mentions=tuple(m.id for m in group),
            sources=tuple(dict.fromkeys(m.article for m in group)),
            description=min((_description(by_id.get(m.article), m) for m in group), key=len),
        )))
    events.sort(key=lambda e: (e[0], e[1]))
    return [event for _, _, event in events]
