"""Build the word-piece IDF table that weights the aligner's coverage signal.

    python eval/build_piece_idf.py [--articles 20000]

Document frequencies are counted over real news articles (AllSides, ../shared/data), one
document per paragraph, and written as float16 to src/parallax/align/piece_idf.npy. Only
these statistics ship with the package, never the text they were counted on.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import numpy as np

from parallax.align.embed import load_model

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "allsides-articles" / "articles.jsonl.gz"
OUTPUT = ROOT / "src" / "parallax" / "align" / "piece_idf.npy"


def paragraphs(path: Path, limit: int) -> list[str]:
    """Non-empty paragraphs of the first `limit` articles of the corpus."""
    found: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= limit:
                break
            text = json.loads(line).get("text") or ""
            found.extend(p.strip() for p in text.split("\n") if len(p.strip()) > 40)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"corpus not found at {CORPUS}; put ../shared/data beside the repository")
        return 2
    tokenizer = load_model().tokenizer
    documents = paragraphs(CORPUS, args.articles)
    frequency = np.zeros(tokenizer.vocab_size, dtype=np.int64)
    for start in range(0, len(documents), 4096):
        batch = tokenizer(documents[start:start + 4096], add_special_tokens=False)["input_ids"]
        for ids in batch:
            frequency[np.unique(ids)] += 1
    # Smoothed IDF, as in BERTScore: log((N + 1) / (df + 1)).
    idf = np.log((len(documents) + 1) / (frequency + 1))
    np.save(OUTPUT, idf.astype(np.float16))
    destination = OUTPUT.relative_to(ROOT)
    print(f"{len(documents)} paragraphs from {args.articles} articles -> {destination}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
