"""The same utterance quoted by several articles, even in different translations.

Quotes are compared sentence by sentence. Of two sentences, the shorter (at least
`MIN_WORDS` words) is compared with the longer and, when they share enough words, with
windows of the longer as long as itself, so that a fragment ("to open fire to kill the
terrorists without warning") meets the part of a long quote it renders ("…the army to shoot
to kill, without warning"). Two signals: the cosine of MiniLM sentence vectors, and the
informative word pieces (IDF >= `INFORMATIVE_IDF`) the two share. Two quotes by compatible
speakers (the same canonical name, or one unknown; a name and a description such as "the
statement" only for a sentence repeated nearly word for word, cosine >= `VERBATIM_COSINE`)
are linked when a sentence pair has a
cosine of at least `STRONG_COSINE` with one shared informative piece (or 0.9 with none), or
a cosine of at least `MIN_COSINE` with at least `MIN_SHARED` shared informative pieces
carrying `MIN_SHARE` of the shorter sentence's IDF mass. The thresholds were set on the seed
pair and checked on the 55,945 cross-article pairs of 335 quotes from 40 PolNeAR articles
on different stories: 3 links, one of them a true repeat (Trump's debate words quoted by two
outlets). A link is SAME when the quotes are of similar length (the shorter at least 70 % of
the longer in words) and their whole texts have a cosine of at least `SAME_COSINE`, else
PARTIAL (one quotes a fragment of, or more than, the other).

Links are grouped into matches holding at most one quote per article, strongest first; a
link that would put two quotes of one article together stays a pair of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING

import numpy as np

from parallax.types import Quote, QuoteMatch, QuoteRelation

if TYPE_CHECKING:
    from parallax.align.embed import Embedding, Encoder

MIN_WORDS = 5
"""Chosen by hand on the seed pair, like the next six, not calibrated on a data set; the
module docstring's check on 40 PolNeAR articles (3 links) has no eval script."""
STRONG_COSINE = 0.75
"""Chosen by hand on the seed pair, not calibrated on a data set."""
MIN_COSINE = 0.45
"""Chosen by hand on the seed pair, not calibrated on a data set."""
MIN_SHARED = 3
"""Chosen by hand on the seed pair, not calibrated on a data set."""
MIN_SHARE = 0.45
"""Chosen by hand on the seed pair, not calibrated on a data set."""
INFORMATIVE_IDF = 3.5
"""Chosen by hand on the seed pair, not calibrated on a data set."""
SAME_COSINE = 0.7
"""Chosen by hand on the seed pair, not calibrated on a data set."""
# A quote by a named speaker and one by a described speaker are one utterance only when a
# sentence is repeated nearly word for word ("the statement" in one outlet, the lawyer who
# issued it in another).
VERBATIM_COSINE = 0.95
"""Chosen by hand on one BASIL triplet (2014, Grimm's lawyer's statement; the test
`test_a_verbatim_quote_matches_across_a_name_and_a_description`), not calibrated."""
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class _Unit:
    """A sentence of a quote: its embedding, length and informative word pieces."""

    text: str
    embedding: Embedding
    words: int
    informative: dict[int, float]  # piece id → IDF, pieces with IDF >= INFORMATIVE_IDF


def _units(texts: Sequence[str], encoder: Encoder) -> list[list[_Unit]]:
    """The sentences of each quote as units, embedded in one batch."""
    sentences = [[s for s in _SENTENCE.split(text) if s.strip()] for text in texts]
    flat = [s for quote in sentences for s in quote]
    units = [
        _Unit(sentence, embedding, len(sentence.split()),
              {int(i): float(w) for i, w in zip(embedding.piece_ids, embedding.weights,
                                                strict=True) if w >= INFORMATIVE_IDF})
        for sentence, embedding in zip(flat, encoder.embed(flat), strict=True)]
    bounds = list(accumulate((len(quote) for quote in sentences), initial=0))
    return [units[a:b] for a, b in pairwise(bounds)]


def _windows(text: str, size: int) -> list[str]:
    words = text.split()
    if len(words) <= size * 3 // 2:
        return []
    step = max(1, size // 3)
    return [" ".join(words[i:i + size]) for i in range(0, len(words) - size + step, step)]


def _linked(units_a: Sequence[_Unit], units_b: Sequence[_Unit], encoder: Encoder) -> float | None:
    """The best sentence-pair cosine of two quotes when they are one utterance, else None."""
    best: float | None = None
    for x in units_a:
        for y in units_b:
            short, long = (x, y) if x.words <= y.words else (y, x)
            if short.words < MIN_WORDS:
                continue
            cosine = float(short.embedding.vector @ long.embedding.vector)
            shared = short.informative.keys() & long.informative.keys()
            mass = sum(short.informative.values())
            share = sum(short.informative[i] for i in shared) / mass if mass else 0.0
            lexical = len(shared) >= MIN_SHARED and share >= MIN_SHARE
            if cosine < STRONG_COSINE and lexical and (windows := _windows(long.text, short.words)):
                vectors = encoder.encode(windows)
                cosine = max(cosine, float((vectors @ short.embedding.vector).max()))
            strong = cosine >= STRONG_COSINE and (len(shared) >= 1 or cosine >= 0.9)
            if (strong or (lexical and cosine >= MIN_COSINE)) and (best is None or cosine > best):
                best = cosine
    return best


def _described(speaker: str | None) -> bool:
    """Whether a speaker is described rather than named ("the statement", "Grimm's lawyer")."""
    if not speaker:
        return False
    return speaker[:1].islower() or re.search(r"['’]s\s", speaker) is not None


def _relation(a: Quote, b: Quote, encoder: Encoder) -> QuoteRelation:
    short, long = sorted((len(a.text.split()), len(b.text.split())))
    if short < 0.7 * long:
        return QuoteRelation.PARTIAL
    vectors = encoder.encode([a.text, b.text])
    same = float(vectors[0] @ vectors[1]) >= SAME_COSINE
    return QuoteRelation.SAME if same else QuoteRelation.PARTIAL


def match_quotes(quotes: Sequence[Quote], encoder: Encoder) -> list[QuoteMatch]:
    """The utterances quoted by more than one article, in the order of their first quote."""
    units = _units([q.text for q in quotes], encoder)
    links: list[tuple[float, int, int]] = []
    for i, a in enumerate(quotes):
        for j in range(i + 1, len(quotes)):
            b = quotes[j]
            if a.article == b.article:
                continue
            differ = bool(a.speaker and b.speaker and a.speaker != b.speaker)
            if differ and not (_described(a.speaker) or _described(b.speaker)):
                continue
            score = _linked(units[i], units[j], encoder)
            if score is not None and (not differ or score >= VERBATIM_COSINE):
                links.append((score, i, j))
    groups: dict[int, list[int]] = {}
    scores: dict[int, list[float]] = {}
    group_of: dict[int, int] = {}
    pairs: list[tuple[list[int], list[float]]] = []
    for score, i, j in sorted(links, reverse=True):
        gi, gj = group_of.get(i, -1 - i), group_of.get(j, -1 - j)
        if gi == gj:
            scores[gi].append(score)
            continue
        members = groups.get(gi, [i]) + groups.get(gj, [j])
        if len({quotes[k].article for k in members}) < len(members):
            pairs.append(([i, j], [score]))
            continue
        merged = scores.pop(gi, []) + scores.pop(gj, []) + [score]
        groups.pop(gi, None)
        groups.pop(gj, None)
        target = min(members)
        groups[target], scores[target] = sorted(members), merged
        group_of.update(dict.fromkeys(members, target))
    matches = [(groups[g], scores[g]) for g in groups] + pairs
    result = []
    for members, found in sorted(matches, key=lambda m: m[0]):
        relations = {_relation(quotes[a], quotes[b], encoder)
                     for n, a in enumerate(members) for b in members[n + 1:]}
        relation = QuoteRelation.SAME if relations == {QuoteRelation.SAME} else \
            QuoteRelation.PARTIAL
        result.append(QuoteMatch(tuple(quotes[k].id for k in members), relation,
                                 round(float(np.mean(found)), 4)))
    return result
