"""The framing table every report shows: one row per dimension, one column per article.

Labels are listed by the actors they name ("terrorist: terrorist ×1, militant ×2"), the
group named after its most used label across the articles (`LabelUse.actor`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from parallax.report.views.claims import ArticleView
from parallax.types import ArticleFraming, Comparison, Framing, LabelUse, Voice

FRAMING = "Framing"
NO_FRAMING = "No framing found: no actor labels, quotes or loaded words in any article."
NONE = "—"
LOADED_EXAMPLES = 6  # loaded words listed per article; the JSON report has them all

__all__ = ["FRAMING", "NO_FRAMING", "FramingRow", "framing_rows", "voice_label"]

_VOICES = {
    Voice.OWN: "own voice", Voice.REPORTED: "reported", Voice.QUOTED: "quoted",
    Voice.SCARE: "scare quotes", Voice.CALLED: "“so-called”",
}


@dataclass(frozen=True, slots=True)
class FramingRow:
    """One dimension of the framing table and what each article shows on it."""

    dimension: str
    cells: tuple[str, ...]


def voice_label(voice: Voice) -> str:
    """A voice in words: "own voice", "scare quotes"…"""
    return _VOICES[Voice(voice)]


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} ×{n}" for k, n in counts.items()) or NONE


def _by_actor(parts: dict[str, str], actors: dict[str, str]) -> str:
    """Label → its words, grouped by the actors the labels name: "terrorist: terrorist ×1,
    militant ×2 · police ×1" (a group of one label named after itself shows the label alone)."""
    groups: dict[str, list[str]] = {}
    for label in parts:
        groups.setdefault(actors.get(label) or label, []).append(label)
    return " · ".join(
        parts[labels[0]] if labels == [actor] else
        f"{actor}: {', '.join(parts[label] for label in labels)}"
        for actor, labels in groups.items()) or NONE


def _own(counts: dict[str, int], actors: dict[str, str]) -> str:
    return _by_actor({label: f"{label} ×{n}" for label, n in counts.items()}, actors)


def _distanced(uses: Sequence[LabelUse], actors: dict[str, str]) -> str:
    by_label: dict[str, Counter[str]] = {}
    for use in uses:
        if use.voice is not Voice.OWN:
            by_label.setdefault(use.label, Counter())[voice_label(use.voice)] += 1
    return _by_actor({
        label: f"{label} ({', '.join(f'{v} {n}' for v, n in voices.most_common())})"
        for label, voices in by_label.items()}, actors)


def _headline(framing: Framing, article: str) -> str:
    headline = next((h for h in framing.headlines if h.article == article), None)
    if headline is None:
        return "no headline in the text"
    if headline.adopted:
        return "states as fact: " + ", ".join(headline.adopted)
    return "quotes or attributes" if headline.attributed else "no attributed label"


def _sources(framing: Framing, article: str) -> str:
    parts = []
    for source in (s for s in framing.sources if s.article == article):
        share = f"{source.share:.0%} of quoted words" if source.words else \
            f"cited {source.cited}×"
        parts.append(f"{source.speaker} ({source.kind}, {share})")
    return "; ".join(parts) or "no one quoted or cited"


def _loaded(framing: Framing, row: ArticleFraming) -> str:
    if not row.loaded_words:
        return NONE
    words = list(dict.fromkeys(w.text.lower() for w in framing.loaded
                               if w.article == row.article))[:LOADED_EXAMPLES]
    return f"{row.loaded_words} ({_counted(row.loaded_categories)}): {', '.join(words)}"


def _sentences(framing: Framing, article: str) -> str:
    """"3 of 40" loaded among the article's sentences in its own voice."""
    judged = [j for j in framing.loaded_sentences if j.article == article]
    if not judged:
        return NONE
    return f"{sum(j.loaded for j in judged)} of {len(judged)}"


def framing_rows(comparison: Comparison,
                 views: Sequence[ArticleView]) -> tuple[FramingRow, ...]:
    """The framing table, columns in the order of `views`; empty when nothing was found."""
    framing = comparison.analyses.framing
    rows = {r.article: r for r in framing.articles}
    if not framing.labels and not framing.sources and not framing.loaded:
        return ()
    ids = [v.article.id for v in views]
    empty = ArticleFraming("", {}, {}, 0, {}, (), 0, None, ())
    table = [rows.get(i, empty) for i in ids]
    uses = {i: [u for u in framing.labels if u.article == i] for i in ids}
    actors = {u.label: u.actor for u in framing.labels}
    return (
        FramingRow("Labels in its own voice", tuple(_own(r.own_labels, actors) for r in table)),
        FramingRow("Labels at a distance", tuple(_distanced(uses[i], actors) for i in ids)),
        FramingRow("Headline", tuple(_headline(framing, i) for i in ids)),
        FramingRow("Sources", tuple(_sources(framing, i) for i in ids)),
        FramingRow("Official share of quoted words", tuple(
            NONE if r.official_share is None else f"{r.official_share:.0%}" for r in table)),
        FramingRow("Loaded sentences (own voice)", tuple(_sentences(framing, i) for i in ids)),
        FramingRow("Loaded words (own voice)", tuple(_loaded(framing, r) for r in table)),
        FramingRow("Notes", tuple("; ".join(r.notes) or NONE for r in table)),
    )
