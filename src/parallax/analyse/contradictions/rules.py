"""The offline contradiction rules: two sentences about the same thing, read token by token.

Embeddings cannot tell "the airport reopened" from "the airport remained closed" (cosine
0.81), so each rule looks for one kind of evidence that two statements cannot both be
true, and fires only when the rest of the two sentences says much the same (the overlap
gate: the share of the shorter sentence's content lemmas the other has, the compared
words left out) and the predicate's subject and object nouns do not differ:

- number: the same counted thing and event with counts no reading reconciles ("26
  protesters died" / "18 protesters died"). Different counted things or events are not
  compared; a qualifier or a vague count gives bounds ("dozens" 24–99, "at least 18"),
  and a round figure ("20K", "1.2 million") is taken to ±2 %, so "20K" = "20,000" and
  "dozens died" / "26 died" agree. Why: casualty, crowd and money figures are what
  outlets most often report differently.
- date: the same predicate, in the same voice and modality, with absolute dates that
  differ at their common granularity ("voted on Sept. 28" / "on Sept. 21", "ends in 2019"
  / "in 2018"). Weekdays and "yesterday" are not compared: two articles published on
  different days resolve them differently. Why: when something happened is the other
  fact outlets most often get wrong.
- negation: one sentence negates the predicate the other asserts, matched by lemma
  ("reopened" / "did not reopen", "failed to pass" / "passed"). Only asserted predicates
  count: not one after "whether" or "speculated that", nor an infinitive another verb
  governs ("compel Mexico to pay" / "Mexico will not pay" are two parties' claims).
- antonym: predicates from the two sides of a pair of `contradiction_lexicon.ANTONYMS`
  with the same polarity once negation is applied ("reopened" / "remained closed";
  "did not win" / "lost" agree). Why: outlets rarely negate each other word for word;
  they pick the opposite verb.
- modality: a certain and a possible modal on the same predicate ("will resign" / "may
  resign") is a weak contradiction, confidence 0.3, under the default reporting cut-off
  (0.5): an outlet hedging what another states is worth a look, rarely an error. "will"
  / "will not" is a negation.

Confidences are set by hand, not fitted: the labelled BASIL pairs hold too few real
contradictions to fit them (see eval/contradictions.py). A rule is surer when the
subject is named in both sentences (0.7–0.8) than when one has a pronoun (0.55–0.6).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from parallax.analyse.contradictions.counts import Count, DateRef, counts, dates
from parallax.analyse.contradictions.lexicon import ANTONYMS
from parallax.analyse.contradictions.reading import Predicate, content, predicates
from parallax.analyse.quantities.words import GENERIC_NOUNS, STATE_EVENTS
from parallax.types import Sentence, Verdict

# Share of the shorter sentence's content lemmas (compared words left out) the other must
# have for a rule to fire, set on the 698 labelled BASIL candidates (eval/contradictions.py)
# and so optimistic there: any polarity gate from 0.3 to 0.5 flags no false contradiction
# among them (0.4 keeps a margin both ways); the number gate at 0.25 finds both number
# conflicts there, at 0.3 one.
POLARITY_OVERLAP = 0.4
NUMBER_OVERLAP = 0.25
# Two sentences that share this much, and no rule says otherwise, agree. On the 698
# labelled BASIL candidates (eval/contradictions.py) 0.3 told "agree" from "unrelated"
# best: accuracy 0.67, against 0.63 at 0.5 and 0.66 at 0.25 (tuned on that same set).
AGREE_OVERLAP = 0.3
MIN_SHARED = 2
"""Content lemmas two sentences must share for any overlap ("Obama said." is in every
sentence): chosen by hand, not calibrated on a data set."""
ROUND_TOLERANCE = 0.02  # "20K" vs "19,800 people": a rounded figure is read to ±2 %
"""Chosen by hand on examples such as the seed pair's "20K", not calibrated on a data set."""


@dataclass(frozen=True, slots=True)
class Judgement:
    """What a judge says about two statements: the verdict, the evidence and how sure."""

    verdict: Verdict
    kind: str  # "number", "date", "negation", "antonym", "modality", "model", "overlap"…
    explanation: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Reading:
    """Everything the rules look at in one sentence, computed once."""

    content: frozenset[str]
    predicates: tuple[Predicate, ...]
    counts: tuple[Count, ...]
    dates: tuple[DateRef, ...]


def read(sentence: Sentence) -> Reading:
    """The reading of a sentence."""
    return Reading(content(sentence), tuple(predicates(sentence)), tuple(counts(sentence)),
                   tuple(dates(sentence)))


def overlap(a: Reading, b: Reading, drop: frozenset[str] = frozenset()) -> float:
    """Share of the shorter sentence's content lemmas the other has, `drop` left out;
    0 when they share fewer than `MIN_SHARED` ("Obama said." is in every sentence)."""
    x, y = a.content - drop, b.content - drop
    shared = len(x & y)
    return shared / min(len(x), len(y)) if shared >= MIN_SHARED else 0.0


def _fit(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a or not b or bool(a & b)


def _arguments_fit(p: Predicate, q: Predicate, a: Reading, b: Reading) -> bool:
    """Whether two predicates may be said of the same subject and object: the same voice;
    subject nouns that meet, or one has none (a pronoun), or one's occur in the other
    sentence ("the term as governor ends" / "his term ends"); object nouns that meet or
    one has none. "Clinton won" and "Sanders lost" do not fit, nor "he did not send it"
    and "it was sent", nor "does not mean bigger government" and "means help people"."""
    subjects = _fit(p.subject, q.subject) or bool(p.subject & b.content) \
        or bool(q.subject & a.content)
    return p.passive == q.passive and subjects and _fit(p.object, q.object)


def _sure(p: Predicate, q: Predicate) -> float:
    return 0.7 if p.subject & q.subject else 0.55


def _counts_fit(x: Count, y: Count) -> bool:
    tolerance = 1.0 + (ROUND_TOLERANCE if x.round or y.round else 0.0)
    return x.low <= y.high * tolerance and y.low <= x.high * tolerance


def _different_events(x: Count, y: Count) -> bool:
    """Whether two counts of one thing are of different events: "26 protesters died" /
    "300 protesters were arrested". Only the casualty events (`STATE_EVENTS`) and their
    verbs are trusted to tell counts apart; other verbs near a count vary with the
    wording ("lay out 19 actions" / "23 steps he took")."""
    if x.event is None or y.event is None or x.event == y.event:
        return False
    return x.event in STATE_EVENTS or y.event in STATE_EVENTS


def number_rule(a: Reading, b: Reading) -> Judgement | None:
    """Counts of the same thing and event that no reading reconciles; counts that fit
    agree, and counts of different things only (no shared count) are unrelated."""
    agreement = None
    if a.counts and b.counts:  # "26 protesters died" / "18 officers were injured"
        agreement = Judgement(Verdict.UNRELATED, "number", "different things counted: "
                              f"{a.counts[0].text} / {b.counts[0].text}", 0.6)
    for thing in sorted({c.thing for c in a.counts} & {c.thing for c in b.counts}):
        pairs = [(x, y) for x in a.counts if x.thing == thing for y in b.counts
                 if y.thing == thing and not _different_events(x, y)]
        if not pairs:
            continue  # "18 protesters died" / "300 protesters were arrested"
        fitting = [(x, y) for x, y in pairs if _counts_fit(x, y)]
        if fitting:
            x, y = fitting[0]
            agreement = Judgement(Verdict.AGREE, "number", f"{x.text} ≈ {y.text}", 0.7)
            continue
        x, y = pairs[0]
        same_event = x.event is not None and x.event == y.event
        generic = thing in GENERIC_NOUNS or x.unit is not None or y.unit is not None
        if overlap(a, b) < NUMBER_OVERLAP or (generic and not same_event) \
                or not (_fit(x.names[0], y.names[0]) and _fit(x.names[1], y.names[1])):
            continue
        event = f" ({x.event})" if same_event else ""
        return Judgement(Verdict.CONTRADICT, "number", f"{x.text} vs {y.text}{event}",
                         0.8 if same_event else 0.6)
    return agreement


def _dates_fit(d: DateRef, e: DateRef) -> bool:
    return all(x is None or y is None or x == y
               for x, y in ((d.year, e.year), (d.month, e.month), (d.day, e.day)))


def _shared_predicates(a: Reading, b: Reading) -> list[tuple[Predicate, Predicate]]:
    return [(p, q) for p in a.predicates for q in b.predicates
            if p.lemma == q.lemma and _arguments_fit(p, q, a, b)]


def date_rule(a: Reading, b: Reading) -> Judgement | None:
    """The same predicate dated differently."""
    if not a.dates or not b.dates:
        return None
    shared = [(p, q) for p, q in _shared_predicates(a, b)
              if p.negated == q.negated and p.modal == q.modal and not (p.hedged or q.hedged)]
    if not shared or overlap(a, b) < POLARITY_OVERLAP:
        return None
    p, q = shared[0]
    if any(_dates_fit(d, e) for d in a.dates for e in b.dates):
        return Judgement(Verdict.AGREE, "date", f"{p.phrase} on {a.dates[0].text}", 0.6)
    return Judgement(Verdict.CONTRADICT, "date",
                     f"{p.phrase} {a.dates[0].text} vs {b.dates[0].text}", _sure(p, q))


def _polarities(reading: Reading, lemma: str) -> set[bool]:
    return {p.negated for p in reading.predicates if p.lemma == lemma}


def negation_rule(a: Reading, b: Reading) -> Judgement | None:
    """One sentence negates the predicate the other asserts."""
    for p, q in _shared_predicates(a, b):
        asserted = q if p.negated else p
        if p.negated == q.negated or not asserted.clean or p.hedged or q.hedged:
            continue
        if len(_polarities(a, p.lemma)) == 1 and len(_polarities(b, p.lemma)) == 1 \
                and overlap(a, b, frozenset({p.lemma})) >= POLARITY_OVERLAP:
            return Judgement(Verdict.CONTRADICT, "negation", f'"{p.phrase}" vs "{q.phrase}"',
                             _sure(p, q))
    return None


def _sides(p: Predicate) -> list[tuple[str, bool]]:
    """The antonym pairs a predicate belongs to, with its side once negation applies;
    none for a predicate that is hedged or under a negation of unclear scope."""
    if p.hedged or not (p.negated or p.clean):
        return []
    terms = (p.lemma, f"{p.lemma}:{p.pos}")
    return [(name, (p.lemma in second or terms[1] in second) != p.negated)
            for name, first, second in ANTONYMS
            if any(t in first or t in second for t in terms)]


def antonym_rule(a: Reading, b: Reading) -> Judgement | None:
    """Predicates of opposite sides of an antonym pair, negation applied."""
    for p in a.predicates:
        for name, side in _sides(p):
            for q in b.predicates:
                if q.lemma == p.lemma or not _arguments_fit(p, q, a, b) \
                        or not (p.subject & q.subject or p.object & q.object) \
                        or (name, not side) not in _sides(q):
                    continue  # opposite words need a subject or object named in both
                ours = {s for r in a.predicates for n, s in _sides(r) if n == name}
                theirs = {s for r in b.predicates for n, s in _sides(r) if n == name}
                drop = frozenset({p.lemma, q.lemma})
                if len(ours) == 1 and len(theirs) == 1 \
                        and overlap(a, b, drop) >= POLARITY_OVERLAP:
                    return Judgement(Verdict.CONTRADICT, "antonym",
                                     f'"{p.phrase}" vs "{q.phrase}" ({name})', _sure(p, q))
    return None


def modality_rule(a: Reading, b: Reading) -> Judgement | None:
    """A predicate stated as certain by one and as possible by the other (weak)."""
    for p, q in _shared_predicates(a, b):
        if p.negated == q.negated and {p.modal, q.modal} == {"certain", "possible"} \
                and overlap(a, b, frozenset({p.lemma})) >= POLARITY_OVERLAP:
            return Judgement(Verdict.CONTRADICT, "modality", f'"{p.phrase}" vs "{q.phrase}"',
                             0.3)
    return None


Rule = Callable[[Reading, Reading], Judgement | None]
RULES: tuple[Rule, ...] = (number_rule, date_rule, negation_rule, antonym_rule, modality_rule)


def judge_readings(a: Reading, b: Reading, rules: Sequence[Rule] = RULES) -> Judgement:
    """The strongest contradiction any rule finds; else a rule's agreement, else a rule's
    "unrelated"; else agreement when the sentences overlap enough."""
    if not a.content or not b.content:
        return Judgement(Verdict.UNRELATED, "none", "a statement has no content words", 0.0)
    found = [j for rule in rules if (j := rule(a, b)) is not None]
    for verdict in (Verdict.CONTRADICT, Verdict.AGREE, Verdict.UNRELATED):
        best = max((j for j in found if j.verdict == verdict),
                   key=lambda j: j.confidence, default=None)
        if best is not None:
            return best
    share = overlap(a, b)
    if share >= AGREE_OVERLAP:
        return Judgement(Verdict.AGREE, "overlap", f"{share:.0%} of content words shared",
                         round(share, 3))
    return Judgement(Verdict.UNRELATED, "overlap", f"{share:.0%} of content words shared",
                     round(1.0 - share, 3))


__all__ = ["RULES", "Judgement", "Reading", "Rule", "judge_readings", "overlap", "read"]
