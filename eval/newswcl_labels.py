"""Actor-label groups against NewsWCL50's coreference chains.

    python eval/newswcl_labels.py

NewsWCL50 (Hamborg et al. 2019, ../shared/data/newswcl50/) annotates, for 10 events told by
5 outlets each, the chains of mentions that name the same actor however it is called. For
every annotated mention holding one of parallax's actor labels (`framing.labels.LEXICON`),
this checks the grouping parallax gives labels (the role of the actors they name): over all
pairs of such mentions of one event, a pair is grouped when both labels have one role, and
belongs together when both mentions are in one chain. Reported: how many mentions carry a
label, pairwise precision / recall / F1 of the grouping, and of grouping only identical
labels (the baseline a reader gets without groups).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from corpora import DATA

from parallax.analyse.framing.labels import LEXICON, LabelSense

CONLL = DATA / "newswcl50" / "NewsWCL50.conll"
_OPEN = re.compile(r"\(([^()|\s]+)")
_CLOSE = re.compile(r"([^()|\s]+)\)")


@dataclass(frozen=True, slots=True)
class Mention:
    """An annotated mention: its event, chain and words."""

    event: str
    chain: str
    words: tuple[str, ...]


def read_mentions() -> list[Mention]:
    """Every mention of NewsWCL50 with its chain."""
    mentions: list[Mention] = []
    open_chains: dict[str, list[str]] = defaultdict(list)
    for line in CONLL.read_text(encoding="utf-8").splitlines():
        columns = line.split("\t")
        if line.startswith("#") or len(columns) < 5:
            continue
        event, word, tags = columns[0].split("/")[0], columns[3], columns[4]
        for chain in _OPEN.findall(tags):
            open_chains[chain] = []
        for words in open_chains.values():
            words.append(word)
        for chain in _CLOSE.findall(tags):
            if chain in open_chains:
                mentions.append(Mention(event, chain, tuple(open_chains.pop(chain))))
    return mentions


def sense_of(words: tuple[str, ...]) -> LabelSense | None:
    """The actor label among a mention's words, as parallax reads it."""
    for word in reversed(words):
        lower = word.lower()
        sense = LEXICON.get(lower) or LEXICON.get(lower.rstrip("s")) or \
            LEXICON.get(re.sub(r"ies$", "y", lower))
        if sense is not None:
            return sense
    return None


def pairwise(labelled: list[tuple[Mention, LabelSense]], same: str) -> dict[str, float]:
    """Pairwise precision/recall/F1 of grouping by role (`same="role"`) or by label."""
    tp = fp = fn = 0
    for (m1, s1), (m2, s2) in combinations(labelled, 2):
        if m1.event != m2.event:
            continue
        grouped = s1.role == s2.role if same == "role" else s1.label == s2.label
        together = m1.chain == m2.chain
        tp += grouped and together
        fp += grouped and not together
        fn += together and not grouped
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def main() -> int:
    """Print coverage and pairwise figures of the label groups."""
    if not CONLL.is_file():
        print(f"skipped: NewsWCL50 not found at {CONLL}", file=sys.stderr)
        return 0
    mentions = read_mentions()
    actors = [m for m in mentions if m.chain.endswith(("_ACTOR", "_ACTOR-I", "_GROUP"))]
    labelled = [(m, s) for m in actors if (s := sense_of(m.words)) is not None]
    labels = sorted({s.label for _, s in labelled})
    print(json.dumps({
        "actor_mentions": len(actors), "with_a_label": len(labelled),
        "chains_with_a_label": len({m.chain for m, _ in labelled}), "labels_seen": labels,
        "groups_by_role": pairwise(labelled, "role"),
        "identical_labels_only": pairwise(labelled, "label"),
    }, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
