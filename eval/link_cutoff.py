"""Calibrate the aligner's coverage cut-off on BASIL, against unrelated-story false links.

    python eval/link_cutoff.py                 # the table of link rates per cut-off
    python eval/link_cutoff.py --write-model   # also store the chosen cut-off in same_claim.json

Run after eval/same_claim.py (the linking rule uses its probability cut-off). For each
cut-off on a 0.025 grid the full linking rule is run on (a) the outlet pairs of each BASIL
triplet (same story) and (b) pairs of articles from two different triplets (different
stories, where every link is false). The chosen cut-off is the lowest whose share of
sentences linked across different stories stays at or under 1 %.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from corpora import BASIL, basil_triplets
from same_claim import MODEL_PATH

from parallax.align import default_model
from parallax.align.claims import Cutoffs, link_pair, side_of
from parallax.align.embed import Embedding, Encoder
from parallax.align.features import story_weights
from parallax.annotate import annotate
from parallax.types import AnnotatedArticle

GRID = [round(0.40 + 0.025 * k, 3) for k in range(9)]
MAX_FALSE_LINK_SHARE = 0.01


def linked_share(pairs: Sequence[tuple[AnnotatedArticle, AnnotatedArticle]],
                 embeddings: dict[str, list[Embedding]], cutoffs: Cutoffs) -> float:
    """Share of the first articles' sentences that the linking rule links to the second."""
    model = default_model()
    linked = total = 0
    for first, second in pairs:
        story = story_weights(embeddings[first.id] + embeddings[second.id])
        sides = [side_of(a, embeddings[a.id], story) for a in (first, second)]
        linked += len({link.a for link in link_pair(sides[0], sides[1], model, cutoffs)})
        total += len(first.claim_sentences())
    return linked / max(total, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-model", action="store_true")
    args = parser.parse_args()
    if not BASIL.is_dir():
        print(f"BASIL not found at {BASIL}; put ../shared/data beside the repository")
        return 2
    triplets = [annotate(articles) for articles in basil_triplets()]
    encoder = Encoder()
    embeddings = {a.id: encoder.embed([s.text for s in a.sentences])
                  for triplet in triplets for a in triplet}
    same_story = [(t[i], t[j]) for t in triplets for i in range(3) for j in range(i + 1, 3)]
    other_story = [(t[k], triplets[(n + 1) % len(triplets)][k])
                   for n, t in enumerate(triplets) for k in range(3)]
    model = default_model()
    print(f"BASIL: {len(triplets)} triplets; {len(same_story)} same-story and "
          f"{len(other_story)} different-story article pairs\n")
    print("| coverage cut-off | same story: sentences linked | different stories: "
          "sentences linked (false) |\n|---|---|---|")
    chosen = None
    for cut in GRID:
        cutoffs = Cutoffs(model.partial_threshold, cut, model.threshold)
        same = linked_share(same_story, embeddings, cutoffs)
        false = linked_share(other_story, embeddings, cutoffs)
        print(f"| {cut:.3f} | {same:.3f} | {false:.4f} |")
        if chosen is None and false <= MAX_FALSE_LINK_SHARE:
            chosen = cut
    print(f"\nchosen cut-off: {chosen} (lowest with <= {MAX_FALSE_LINK_SHARE:.0%} false links)")
    if args.write_model and chosen is not None:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        data["coverage_threshold"] = chosen
        data["coverage_calibration"] = {
            "data": "BASIL triplets vs. articles of different triplets",
            "max_false_link_share": MAX_FALSE_LINK_SHARE, "grid": GRID,
        }
        MODEL_PATH.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
