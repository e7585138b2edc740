"""Non-claims recognised in AllSides articles: how many lines of each kind, and samples to read.

    python eval/nonclaims.py                      # 1,000 articles, seed 0
    python eval/nonclaims.py --articles 300 --sample 50 --misses 30

Reads ../shared/data/allsides-articles/articles.jsonl.gz, draws `--articles` articles at
random (fixed seed), builds each with `parallax.load_text` and runs the annotate stage,
which marks the non-claim sentences (`parallax.annotate.nonclaims`). Prints

- the flagged sentences per kind, over all sentences;
- `--sample` flagged sentences drawn at random (fixed seed), with their kind and outlet,
  to judge by hand: a true non-claim, or a claim wrongly left out (precision);
- `--misses` unflagged sentences of short paragraphs (up to 12 words), where a missed
  subhead, byline or prompt would be (recall, read by eye).

The precision read on the sample is in docs/evaluation.md §Non-claims.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from corpora import DATA

import parallax
from parallax.annotate import annotate
from parallax.errors import InputError
from parallax.types import AnnotatedArticle, Article, NonClaim

ARTICLES = DATA / "allsides-articles" / "articles.jsonl.gz"
BATCH = 50
SHORT_WORDS = 12


def drawn_articles(path: Path, count: int, seed: int) -> list[Article]:
    """`count` articles of the AllSides file drawn at random, as `parallax.load_text` builds
    them (title and date from the record)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    articles = []
    for record in random.Random(seed).sample(records, min(count, len(records))):
        if not str(record.get("text") or "").strip():
            continue
        articles.append(parallax.load_text(
            record["text"], source=record["source"], title=record.get("title") or None,
            published=record.get("published") or None,
        ))
    return articles


def annotated(articles: Sequence[Article]) -> Iterator[AnnotatedArticle]:
    """The articles through the annotate stage, in batches; one it refuses is skipped."""
    for first in range(0, len(articles), BATCH):
        batch = articles[first:first + BATCH]
        try:
            yield from (a.plain() for a in annotate(batch))
        except InputError:  # a language annotate does not support: one at a time
            for article in batch:
                try:
                    yield from (a.plain() for a in annotate([article]))
                except InputError as error:
                    print(f"skipped {article.source}: {error}", file=sys.stderr)


def _line(article: AnnotatedArticle, text: str) -> str:
    return f"[{article.article.source[:22]}] {' '.join(text.split())}"


def main() -> int:
    """Count and sample the non-claims of the drawn articles."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--misses", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not ARTICLES.is_file():
        print(f"skipped: the AllSides articles ({ARTICLES}) are not here", file=sys.stderr)
        return 0
    kinds: Counter[NonClaim] = Counter()
    flagged: list[tuple[NonClaim, str]] = []
    short: list[str] = []
    total = read = 0
    for article in annotated(drawn_articles(ARTICLES, args.articles, args.seed)):
        read += 1
        words: Counter[int] = Counter()
        for sentence in article.sentences:
            words[sentence.paragraph] += sum(any(c.isalnum() for c in t.text)
                                             for t in sentence.tokens)
        for sentence in article.sentences:
            total += 1
            if sentence.nonclaim is not None:
                kinds[sentence.nonclaim] += 1
                flagged.append((sentence.nonclaim, _line(article, sentence.text)))
            elif words[sentence.paragraph] <= SHORT_WORDS:
                short.append(_line(article, sentence.text))
    print(f"{read} articles, {total} sentences, {sum(kinds.values())} non-claims "
          f"({sum(kinds.values()) / max(total, 1):.1%})")
    for kind in NonClaim:
        print(f"  {kind.value:<10} {kinds[kind]:>6}")
    rng = random.Random(args.seed)
    print(f"\n{min(args.sample, len(flagged))} flagged sentences to read:")
    for number, (kind, line) in enumerate(rng.sample(flagged, min(args.sample, len(flagged))), 1):
        print(f"{number:>3} {kind.value:<10} {line}")
    print(f"\n{min(args.misses, len(short))} unflagged sentences of short paragraphs:")
    for line in rng.sample(short, min(args.misses, len(short))):
        print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
