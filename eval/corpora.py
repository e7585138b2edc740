"""Readers of the evaluation data sets in ../shared/data (never copied into the repository)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

import parallax
from parallax.types import Article

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
BASIL = DATA / "basil" / "articles"


def basil_article(path: Path) -> Article:
    """One BASIL article, paragraphs separated by blank lines."""
    record = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = [" ".join(p) if isinstance(p, list) else str(p)
                  for p in record["body-paragraphs"]]
    return parallax.load_text(
        "\n\n".join(p for p in paragraphs if p.strip()), source=record["source"],
        title=record.get("title") or None, published=record.get("date") or None,
    )


def basil_triplets(root: Path = BASIL) -> list[list[Article]]:
    """The BASIL stories, each the list of its outlets' articles (complete triplets only)."""
    files: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(root.glob("*/*.json")):
        files[path.stem.rsplit("_", 1)[0]].append(path)
    return [[basil_article(p) for p in paths] for _, paths in sorted(files.items())
            if len(paths) == 3]


def run_steps(steps: Mapping[str, Callable[[], None]], description: str) -> int:
    """Run the evaluation steps named by `--only` (all by default); skip when the data is absent."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--only", choices=sorted(steps))
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: the evaluation data ({DATA}) is not here", file=sys.stderr)
        return 0
    for name, step in steps.items():
        if args.only in (None, name):
            step()
    return 0
