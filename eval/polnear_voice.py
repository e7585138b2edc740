"""Voice on PolNeAR: which words of an article are someone else's, and which the outlet's.

    .venv/bin/python eval/polnear_voice.py [--split dev|train] [--limit N]

PolNeAR (../shared/data/polnear) marks every attribution's Content, direct quotations and
reported speech alike ("Trump said the wall would be built"). Framing calls a label
`quoted` inside a direct quotation, `reported` inside reported speech without marks, and
`own` elsewhere. Measured word by word (\\w+ runs of the original file), as in
`polnear_quotes.py`, whose reader this uses:

- reported speech: words of the Contents that are not direct quotes, against the words of
  the reported speech `parallax.analyse.framing.reported` finds (outside quotations);
- not the outlet's voice: words of all Contents, against the words framing keeps out of the
  outlet's own voice (quotations and reported speech), and against quotations alone.
"""

from __future__ import annotations

import argparse
import json
import sys

from polnear_quotes import DATA, offset_map, read_ann, words

import parallax
from parallax.analyse.framing.reported import find_reported
from parallax.analyse.quotes.extract import extract_many
from parallax.annotate import annotate
from parallax.types import Span


def _prf(predicted: set[int], gold: set[int]) -> dict[str, float]:
    hits = len(predicted & gold)
    p = hits / len(predicted) if predicted else 0.0
    r = hits / len(gold) if gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def main() -> int:
    """Print word-level figures of reported speech and of the outlet's own voice."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    folder = DATA / args.split
    if not folder.is_dir():
        print(f"skipped: PolNeAR not found in {folder}", file=sys.stderr)
        return 0
    gold_reported: set[tuple[str, int]] = set()
    gold_other: set[tuple[str, int]] = set()
    found_reported: set[tuple[str, int]] = set()
    found_other: set[tuple[str, int]] = set()
    found_quoted: set[tuple[str, int]] = set()
    texts = sorted((folder / "text").glob("*.txt"))[:args.limit]
    for start in range(0, len(texts), 16):
        chunk = texts[start:start + 16]
        raws = [p.read_text(encoding="utf-8") for p in chunk]
        articles = annotate([parallax.load_text(r, source=p.stem, title="")
                             for p, r in zip(chunk, raws, strict=True)])
        for path, raw, article, quotes in zip(chunk, raws, articles, extract_many(articles),
                                              strict=True):
            anns = sorted((folder / "attributions").glob(f"{path.stem}_*.ann"))
            golds = read_ann(anns[0], raw) if anns else []
            direct = {w for g in golds if g.direct for w in words(g.spans, raw)}
            every = {w for g in golds for w in words(g.spans, raw)}
            omap = offset_map(raw, article.article.text)

            def in_raw(spans: list[Span], raw: str = raw,
                       omap: list[int] = omap) -> set[int]:
                return words([(omap[s.start], omap[s.end]) for s in spans], raw)

            quoted = in_raw([Span(q.start, q.end) for q in quotes])
            reported = in_raw([r.content for r in find_reported(article, [])]) - quoted
            gold_reported |= {(path.stem, w) for w in every - direct}
            gold_other |= {(path.stem, w) for w in every}
            found_reported |= {(path.stem, w) for w in reported}
            found_other |= {(path.stem, w) for w in reported | quoted}
            found_quoted |= {(path.stem, w) for w in quoted}
    print(json.dumps({
        "split": args.split, "articles": len(texts),
        "reported_speech": _prf(found_reported, gold_reported),
        "not_own_voice": _prf(found_other, gold_other),
        "not_own_voice_quotations_only": _prf(found_quoted, gold_other),
    }, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
