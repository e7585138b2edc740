"""The `framing` section of the JSON report (docs/schema.md)."""

from __future__ import annotations

from typing import Any

from parallax.types import Framing, Voice

__all__ = ["framing_dict", "framing_summary"]


def framing_dict(framing: Framing) -> dict[str, Any]:
    """The framing of the compared articles as JSON data, keys in contract order."""
    return {
        "labels": [{
            "article": u.article, "start": u.start, "end": u.end, "text": u.text,
            "label": u.label, "group": u.group, "stance": u.stance, "sentence": u.sentence,
            "voice": Voice(u.voice).value, "speaker": u.speaker, "headline": u.headline,
            "in_title": u.in_title, "actor": u.actor,
        } for u in framing.labels],
        "loaded": [{
            "article": w.article, "start": w.start, "end": w.end, "text": w.text,
            "sentence": w.sentence, "category": w.category, "weight": round(w.weight, 4),
        } for w in framing.loaded],
        "headlines": [{
            "article": h.article, "text": h.text, "attributed": h.attributed,
            "adopted": list(h.adopted),
        } for h in framing.headlines],
        "sources": [{
            "article": s.article, "speaker": s.speaker, "kind": s.kind, "quotes": s.quotes,
            "cited": s.cited, "words": s.words, "share": round(s.share, 4),
        } for s in framing.sources],
        "articles": [{
            "article": a.article, "own_labels": dict(a.own_labels),
            "distanced_labels": dict(a.distanced_labels), "loaded_words": a.loaded_words,
            "loaded_categories": dict(a.loaded_categories),
            "headline_adopts": list(a.headline_adopts), "speakers": a.speakers,
            "official_share": a.official_share, "notes": list(a.notes),
        } for a in framing.articles],
        "loaded_sentences": [{
            "article": j.article, "sentence": j.sentence, "start": j.start, "end": j.end,
            "probability": round(j.probability, 4), "loaded": j.loaded,
        } for j in framing.loaded_sentences],
    }


def framing_summary(framing: Framing) -> dict[str, int]:
    """Counts of the framing section for `summary`."""
    return {
        "labels_in_own_voice": sum(1 for u in framing.labels if u.voice is Voice.OWN),
        "labels_at_a_distance": sum(1 for u in framing.labels if u.voice is not Voice.OWN),
        "loaded_words": len(framing.loaded),
    }
