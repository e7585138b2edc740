"""Which quantities of different articles count the same thing, and how the counts relate.

Two quantities of different articles count the same thing when their units are equal,
their events do not clash (died vs injured, attacked vs died never match) and their
counted nouns are alike: the same lemma (1.0), one synonym
set of `quantity_words` (0.9), else the cosine of the nouns' embeddings. The link is

- strong (may end in a conflict) with a shared aligned claim and similarity ≥ 0.35 (≥ 0.2
  with the same known event; both counting nothing but sharing a unit, e.g. two
  percentages, when the claim restates one statement rather than overlapping partly), or
  without a claim with the same known event and similarity ≥ 0.6;
- weak (may only agree) for the same non-generic noun with equal values: "20,000 bandits".

Best links first, quantities group with at most one per article (repeats of a grouped
count in the same article join it). A group agrees when all values are equal ("20K" =
"20,000", qualifiers aside), is compatible when all bounds overlap ("around 20,000" vs
19,500; "dozens" vs 30), and conflicts otherwise.

Totals: a count read off its clause ("Dozens have died", counted "dead") is set against
the sum of another article's unmatched counts of the same event: "26 protesters had lost
their lives" + "at least 18 security officers have died" = 44.. ∈ 24..99, so compatible;
a sum above its upper bound conflicts.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from parallax.analyse.quantities.words import GENERIC_NOUNS, STATE_EVENTS, SYNONYMS
from parallax.types import Claim, Quantity, QuantityMatch, QuantityRelation, Relation

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

log = logging.getLogger(__name__)

MAX_BUCKET = 500
"""Quantities sharing one claim, event or noun past which they are not compared pairwise: a
safety limit for pathological articles, not calibrated."""
STRONG_IN_CLAIM = 0.35
"""Noun similarity of a strong link inside a shared claim. The similarity thresholds here were
chosen by hand with tests/analyse/quantities/test_extract.py; eval/ has no quantity-link gold."""
STRONG_IN_CLAIM_SAME_EVENT = 0.2
"""The same when the known event is the same too: chosen by hand, not calibrated on a data set."""
STRONG_SAME_EVENT = 0.6
"""Noun similarity of a strong link with the same known event and no shared claim: chosen by
hand, not calibrated on a data set."""
WEAK = 0.9
"""The similarity `_lexical` gives one synonym set, so a weak link needs the same noun, a
synonym or a cosine as high: chosen by hand, not calibrated on a data set."""


class Encoder(Protocol):
    """Anything that embeds texts as L2-normalised rows (`parallax.align.embed.Encoder`)."""

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


@dataclass(frozen=True, slots=True)
class Found:
    """A quantity with what its sentence's parse said about it."""

    quantity: Quantity
    event: str | None
    head: str | None
    phrase: str | None
    generic: bool


def _lexical(a: Found, b: Found) -> float | None:
    """Similarity of two counted nouns from the word lists; None when they cannot tell."""
    if a.generic and b.generic and a.event is not None and a.event == b.event:
        return 1.0  # "Dozens have died", "44 people were killed": totals of one event
    if a.head is None or b.head is None:
        return 0.5 if a.head is None and b.head is None and a.quantity.unit else 0.3
    if a.quantity.counted == b.quantity.counted or a.head == b.head:
        return 1.0
    if any(a.head in group and b.head in group for group in SYNONYMS):
        return 0.9
    return None


def _interval(q: Quantity) -> tuple[float, float]:
    if q.low is None and q.high is None:
        return q.value, q.value
    return (q.low if q.low is not None else -math.inf,
            q.high if q.high is not None else math.inf)


def _equal(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def relation(quantities: Sequence[Quantity]) -> QuantityRelation:
    """Agree (equal values), compatible (overlapping bounds) or conflict."""
    if all(_equal(q.value, quantities[0].value) for q in quantities):
        return QuantityRelation.AGREE
    spans = [_interval(q) for q in quantities]
    highest_low, lowest_high = max(lo for lo, _ in spans), min(hi for _, hi in spans)
    if highest_low <= lowest_high or _equal(highest_low, lowest_high):
        return QuantityRelation.COMPATIBLE
    return QuantityRelation.CONFLICT


def _phrase(f: Found) -> str:
    return f.phrase or f.head or f.quantity.counted or ""


def _similarities(found: Sequence[Found], pairs: Sequence[tuple[int, int]],
                  encoder: Encoder) -> dict[tuple[int, int], float]:
    """Similarity of the counted nouns of each pair; embeddings only where words cannot tell."""
    sims: dict[tuple[int, int], float] = {}
    pending: list[tuple[int, int]] = []
    for i, j in pairs:
        lexical = _lexical(found[i], found[j])
        if lexical is None:
            pending.append((i, j))
        else:
            sims[i, j] = lexical
    if pending:
        phrases = list(dict.fromkeys(_phrase(found[k]) for pair in pending for k in pair))
        vectors = dict(zip(phrases, encoder.encode(phrases), strict=True))
        for i, j in pending:
            sims[i, j] = float(vectors[_phrase(found[i])] @ vectors[_phrase(found[j])])
    return sims


def _links(found: Sequence[Found], claims: Sequence[Claim],
           encoder: Encoder) -> list[tuple[float, bool, int, int]]:
    """(score, strong, i, j) of every pair that may count the same thing, best first."""
    claim_of: dict[tuple[str, int], set[int]] = {}
    for k, claim in enumerate(claims):
        for s in claim.statements:
            claim_of.setdefault((s.article, s.sentence), set()).add(k)
    facts: dict[tuple[int, int], tuple[bool, bool, bool]] = {}
    for i, j in sorted(_candidate_pairs(found, claim_of)):
        a, b = found[i], found[j]
        if not _comparable(a, b):
            continue
        in_both = (claim_of.get((a.quantity.article, a.quantity.sentence), set())
                   & claim_of.get((b.quantity.article, b.quantity.sentence), set()))
        shared = bool(in_both)
        # only one statement in other words, not a partial overlap, says that two bare
        # amounts ("$198,000" / "$99,000") are the same figure
        restated = any(claims[k].relation is not Relation.PARTIAL for k in in_both)
        same_event = a.event is not None and a.event == b.event
        lexical = _lexical(a, b)
        if shared or same_event or (lexical is not None and lexical >= WEAK):
            facts[i, j] = (shared, restated, same_event)
    sims = _similarities(found, list(facts), encoder)
    links: list[tuple[float, bool, int, int]] = []
    for (i, j), (shared, restated, same_event) in facts.items():
        sim, a, b = sims[i, j], found[i], found[j]
        unit_only = a.head is None and b.head is None and a.quantity.unit is not None
        in_claim = restated if unit_only else sim >= STRONG_IN_CLAIM
        strong = (shared and (in_claim or (same_event and sim >= STRONG_IN_CLAIM_SAME_EVENT))) \
            or (same_event and sim >= STRONG_SAME_EVENT)
        weak = sim >= WEAK and a.head not in GENERIC_NOUNS \
            and _equal(a.quantity.value, b.quantity.value)
        if strong or weak:
            links.append((sim + 0.5 * shared + 0.3 * same_event, strong, i, j))
    links.sort(key=lambda link: (-link[0], link[2], link[3]))
    return links


def _synonym_key(head: str) -> str:
    return next((min(group) for group in SYNONYMS if head in group), head)


def _candidate_pairs(found: Sequence[Found],
                     claim_of: dict[tuple[str, int], set[int]]) -> set[tuple[int, int]]:
    """Pairs of different articles that share a claim, an event or a counted noun (or its
    synonym set): the only pairs that can link. A bucket past `MAX_BUCKET` counts (a
    pathological article) is skipped with a warning rather than compared pairwise."""
    buckets: dict[tuple[object, ...], list[int]] = {}
    for i, f in enumerate(found):
        q = f.quantity
        keys: list[tuple[object, ...]] = [("claim", k) for k in claim_of.get((q.article,
                                                                             q.sentence), ())]
        if f.event is not None:
            keys.append(("event", q.unit, f.generic, f.event))
        if f.head is not None:
            keys.append(("noun", q.unit, f.generic, _synonym_key(f.head)))
        for key in keys:
            buckets.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for key, members in buckets.items():
        if len(members) > MAX_BUCKET:
            log.warning("%d quantities share %s; not compared pairwise", len(members), key)
            continue
        pairs.update((i, j) for n, i in enumerate(members) for j in members[n + 1:]
                     if found[i].quantity.article != found[j].quantity.article)
    return pairs


def _comparable(a: Found, b: Found) -> bool:
    """Different articles, one unit, and events that do not clash.

    Events clash when they differ and one is a state (dead, injured, detained…): died vs
    injured, or attacked vs died. Two other verbs ("had 20,000 rifles", "counted 20,000
    rifles") do not clash, but only the same event links counts outside a shared claim.
    """
    qa, qb = a.quantity, b.quantity
    clash = (a.event is not None and b.event is not None and a.event != b.event
             and (a.event in STATE_EVENTS or b.event in STATE_EVENTS))
    return qa.article != qb.article and qa.unit == qb.unit and a.generic == b.generic \
        and not clash


def _group(found: Sequence[Found],
           links: Sequence[tuple[float, bool, int, int]]) -> list[list[int]]:
    """Greedy grouping, best links first, at most one quantity per article in a group."""
    group_of: dict[int, int] = {}
    groups: dict[int, list[int]] = {}
    for _, strong, i, j in links:
        gi, gj = group_of.get(i), group_of.get(j)
        if gi is not None and gi == gj:
            continue
        members = ((groups[gi] if gi is not None else [i])
                   + (groups[gj] if gj is not None else [j]))
        articles = [found[m].quantity.article for m in members]
        if len(set(articles)) < len(articles):
            continue  # one count per article in a group
        if not strong and relation([found[m].quantity for m in members]) \
                != QuantityRelation.AGREE:
            continue
        for g in (gi, gj):
            if g is not None:
                del groups[g]
        key = min(members)
        groups[key] = sorted(members)
        group_of.update({m: key for m in members})
    # A count an article repeats joins the group of its first mention.
    grouped = {_count_key(found[m]): key for key, members in groups.items() for m in members}
    for k, f in enumerate(found):
        target = grouped.get(_count_key(f))
        if k not in group_of and target is not None:
            groups[target].append(k)
            group_of[k] = target
    return list(groups.values())


def _count_key(f: Found) -> tuple[object, ...]:
    """What makes two mentions in one article the same count."""
    q = f.quantity
    return (q.article, round(q.value, 9), q.unit, f.head, f.event, q.qualifier)


def _totals(found: Sequence[Found],
            matched: set[int]) -> list[tuple[list[int], QuantityRelation, str | None]]:
    """Counts read off their clause set against the sum of other articles' counts."""
    result: list[tuple[list[int], QuantityRelation, str | None]] = []
    by_event: dict[tuple[str | None, str | None], list[int]] = {}
    for m, part in enumerate(found):
        by_event.setdefault((part.event, part.quantity.unit), []).append(m)
    for k, total in enumerate(found):
        if k in matched or not total.generic or total.event is None:
            continue
        lo, hi = _interval(total.quantity)
        members, relations = [k], []
        parts_by_article: dict[str, list[int]] = {}
        candidates = by_event[total.event, total.quantity.unit]
        if len(candidates) > MAX_BUCKET:
            log.warning("%d counts of %s; totals not compared", len(candidates), total.event)
            continue
        for m in candidates:
            part = found[m]
            if m not in matched and part.quantity.article != total.quantity.article:
                parts_by_article.setdefault(part.quantity.article, []).append(m)
        for parts in parts_by_article.values():
            spans = [_interval(found[m].quantity) for m in parts]
            sum_lo, sum_hi = sum(s[0] for s in spans), sum(s[1] for s in spans)
            if sum_lo <= hi and lo <= sum_hi:
                relations.append(QuantityRelation.COMPATIBLE)
            elif sum_lo > hi or all(found[m].generic for m in parts):
                relations.append(QuantityRelation.CONFLICT)
            else:
                continue  # fewer than the total, but perhaps only some of its kinds
            members.extend(parts)
        if len(members) > 1:
            matched.update(members)
            worst = (QuantityRelation.CONFLICT if QuantityRelation.CONFLICT in relations
                     else QuantityRelation.COMPATIBLE)
            result.append((members, worst, total.quantity.counted))
    return result


def _counted(found: Sequence[Found], members: Sequence[int]) -> str | None:
    """The most frequent counted noun of a group (a tie: the first)."""
    counted = [found[m].quantity.counted for m in sorted(members)]
    ranked = Counter(c for c in counted if c).most_common(1)
    return ranked[0][0] if ranked else None


def match_quantities(found: Sequence[Found], article_order: Sequence[str],
                     claims: Sequence[Claim], encoder: Encoder) -> list[QuantityMatch]:
    """The cross-article matches of the quantities (see the module doc)."""
    groups = [(g, relation([found[m].quantity for m in g]), _counted(found, g))
              for g in _group(found, _links(found, claims, encoder))]
    matched = {m for g, _, _ in groups for m in g}
    groups.extend(_totals(found, matched))
    order = {a: i for i, a in enumerate(article_order)}

    def position(m: int) -> tuple[int, int]:
        q = found[m].quantity
        return order.get(q.article, len(order)), q.start

    matches: list[tuple[tuple[int, int], QuantityMatch]] = []
    for members, rel, counted in groups:
        members = sorted(members, key=position)
        matches.append((position(members[0]), QuantityMatch(
            tuple(found[m].quantity.id for m in members), rel, counted)))
    return [m for _, m in sorted(matches, key=lambda pair: pair[0])]
