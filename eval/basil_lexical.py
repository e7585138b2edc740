"""Loaded words against BASIL's lexical-bias spans: span precision and recall.

    python eval/basil_lexical.py [--limit N]

BASIL (Fan et al. 2019, ../shared/data/basil/) marks, per article, the phrases whose word
choice carries the outlet's bias ("lexical" bias, `bias == "lex"`), each with a flag telling
whether it stands inside a quotation. parallax marks loaded words in the outlet's own voice
(`parallax.analyse.framing`, fed by the quotes analyser). A gold span is found in the text
by its words (all its occurrences count); a marked word is correct when it lies inside a
gold span; a gold span is found when it holds a marked word. Recall is reported over all
lexical spans and over those outside quotations, which is what parallax looks for; figures
are given for the shipped cut-off and for stricter ones (only words of higher weight).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from corpora import DATA, basil_article

from parallax.analyse.framing import framing_of
from parallax.analyse.framing.loaded import shipped_lexicon
from parallax.analyse.quotes.extract import extract_many
from parallax.annotate import annotate
from parallax.options import Models
from parallax.types import Span

ANNOTATIONS = DATA / "basil" / "annotations"
SHIPPED = shipped_lexicon().cutoff  # chosen on BABE
CUTOFFS = (SHIPPED, *(c for c in (0.4, 0.5, 0.6) if c > SHIPPED))  # and stricter ones
ARTICLES = DATA / "basil" / "articles"


def gold_spans(text: str, annotation: Path) -> list[tuple[list[Span], bool]]:
    """Each lexical-bias phrase of an article: its occurrences in `text`, and if quoted."""
    phrases = json.loads(annotation.read_text(encoding="utf-8"))["phrase-level-annotations"]
    found = []
    for phrase in phrases:
        words = str(phrase.get("txt", "")).strip()
        if phrase.get("bias") != "lex" or not words:
            continue
        spans, at = [], text.find(words)
        while at >= 0:
            spans.append(Span(at, at + len(words)))
            at = text.find(words, at + 1)
        if spans:
            found.append((spans, phrase.get("quote") == "yes"))
    return found


def main() -> int:
    """Print span precision and recall of the loaded words on BASIL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="articles to read (0: all)")
    args = parser.parse_args()
    if not ANNOTATIONS.is_dir():
        print(f"skipped: BASIL not found in {ANNOTATIONS}", file=sys.stderr)
        return 0
    pairs = []
    for annotation in sorted(ANNOTATIONS.glob("*/*_ann.json")):
        article = ARTICLES / annotation.parent.name / annotation.name.replace("_ann", "")
        if article.is_file():
            pairs.append((article, annotation))
    pairs = pairs[:args.limit] if args.limit else pairs
    counts = {c: [0, 0, 0, 0, 0, 0] for c in CUTOFFS}  # marked, correct, spans, found, own…
    by_category: dict[str, Counter[str]] = {}  # at the shipped cut-off: marked, correct
    wrong: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for start in range(0, len(pairs), 20):
        chunk = pairs[start:start + 20]
        articles = annotate([basil_article(a) for a, _ in chunk])
        quotes = [q for quotes in extract_many(articles) for q in quotes]
        framing = framing_of(articles, quotes, encoder=Models.load().encoder)
        for annotated, (_, annotation) in zip(articles, chunk, strict=True):
            gold = gold_spans(annotated.article.text, annotation)
            flat = [s for occurrences, _ in gold for s in occurrences]
            for word in (w for w in framing.loaded if w.article == annotated.id
                         and w.weight >= CUTOFFS[0]):
                right = any(s.start <= word.start and word.end <= s.end for s in flat)
                by_category.setdefault(word.category, Counter()).update(
                    {"marked": 1, "correct": right})
                wrong[word.text.lower()] += not right
            text = annotated.article.text
            missed.update(text[o[0].start:o[0].end].lower() for o, quoted in gold
                          if not quoted and not any(
                              s.start <= w.start and w.end <= s.end for s in o
                              for w in framing.loaded if w.article == annotated.id))
            for cutoff, count in counts.items():
                words = [w for w in framing.loaded
                         if w.article == annotated.id and w.weight >= cutoff]
                count[0] += len(words)
                count[1] += sum(any(s.start <= w.start and w.end <= s.end for s in flat)
                                for w in words)
                for occurrences, quoted in gold:
                    hit = any(o.start <= w.start and w.end <= o.end
                              for o in occurrences for w in words)
                    count[2] += 1
                    count[3] += hit
                    count[4] += not quoted
                    count[5] += hit and not quoted
    print(json.dumps({"articles": len(pairs), "lexical_spans": counts[CUTOFFS[0]][2], **{
        f"cutoff {cutoff}": {
            "marked_words": marked,
            "span_precision": round(correct / marked, 3) if marked else None,
            "span_recall": round(found / spans, 3) if spans else None,
            "span_recall_outside_quotes": round(own_found / own, 3) if own else None,
        } for cutoff, (marked, correct, spans, found, own, own_found) in counts.items()},
        "by_category (shipped cut-off)": {
            category: {"marked": c["marked"], "precision": round(c["correct"] / c["marked"], 3)}
            for category, c in sorted(by_category.items())},
        "most_often_wrong": wrong.most_common(25),
        "missed_outside_quotes (examples)": [m for m, _ in missed.most_common(25)]},
        indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
