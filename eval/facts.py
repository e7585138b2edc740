"""Fact-level accuracy of `parallax compare` against gold facts read on BASIL triplets.

    python eval/facts.py                   # dev and kept-aside triplets, reader agreement
    python eval/facts.py --split aside     # only the triplets kept aside
    python eval/facts.py --show-links 20   # print wrong links to read

The gold (`eval/data/facts-gold/UUID.json`, made by the guide in
../shared/claims-gold/LABELLING.md, see docs/evaluation.md §Facts) lists the facts each
outlet states, sentence by sentence ([paragraph, sentence] of BASIL's `body-paragraphs`).
The report scored is the JSON contract of `parallax.compare` (`render_json`), exactly what
`parallax compare --json` writes; a report statement stands for the BASIL sentences its
character span overlaps. Figures, pooled over triplets:

- link precision: of the pairs of statements of different outlets in one claim, the share
  whose sentences state at least one common gold fact;
- shared-fact recall: of the (fact, outlet pair) cases where two outlets state a fact, the
  share where one claim holds a statement of each that states it;
- unique-fact visibility: of the facts only one outlet states, the share a reader sees as
  that outlet's alone: a sentence stating it is in no shared claim, or its statement there
  marks `extra` spans covering at least half of the fact's key phrase;
- conflict precision / recall: reported contradictions whose two statements state the two
  facts of a gold conflict, and gold conflicts so found.
- digest: of the first `DIGEST_TOP` facts the digest lists per outlet as only its own, the
  share that state a gold fact no other outlet states ("right"), and the share that state
  one of the kinds a reader weighs first (event, number, quote: "weighty"); beside them the
  same shares for the outlet's first `DIGEST_TOP` unique claims in text order, which is what
  a reader saw before the digest.

Reader agreement: the cross-outlet sentence links of two independent labellings of the same
triplet (`eval/data/facts-gold-second/`), F1 of one against the other.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from itertools import combinations
from pathlib import Path
from typing import Any

from corpora import BASIL

import parallax
from parallax.report import render_json

GOLD = Path(__file__).parent / "data" / "facts-gold"
SECOND = Path(__file__).parent / "data" / "facts-gold-second"
ASIDE = frozenset({  # kept aside: never read while changing the code
    "2b95d2cf-e979-4f9c-ae27-9a5370934f23", "29ffd053-7684-469b-a600-97000579bd01",
    "d1344998-0e7c-409e-aaad-df5be687fc94", "59f2f47c-5da0-4fbc-be6e-4f15d45d82e2",
})

Where = tuple[int, int]  # [paragraph, sentence] of BASIL's body-paragraphs


@dataclass
class Triplet:
    """One labelled triplet: its articles, sentence spans and gold facts."""

    uuid: str
    articles: dict[str, parallax.Article]  # outlet -> article
    spans: dict[str, dict[Where, tuple[int, int]]]  # outlet -> sentence -> offsets
    facts: dict[str, dict[str, list[list[Any]]]]  # fact id -> outlet -> [[p, s, key], ...]
    conflicts: list[tuple[str, str]]
    kinds: dict[str, str] = field(default_factory=dict)  # fact id -> event, number, quote…


@dataclass
class Tally:
    """Counts behind the figures."""

    links: int = 0
    right_links: int = 0
    shared_cases: int = 0
    shared_found: int = 0
    unique: int = 0
    unique_visible: int = 0
    reported_conflicts: int = 0
    right_conflicts: int = 0
    gold_conflicts: int = 0
    found_conflicts: int = 0
    digest_items: int = 0
    digest_right: int = 0
    digest_weighty: int = 0
    order_items: int = 0
    order_right: int = 0
    order_weighty: int = 0
    wrong: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for count in fields(self):
            if count.type == "int":
                setattr(self, count.name, getattr(self, count.name) + getattr(other, count.name))
        self.wrong += other.wrong


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _locate(text: str, sentence: str, cursor: int) -> tuple[int, int] | None:
    """Where a BASIL sentence stands in the article text built from it."""
    start = text.find(sentence, cursor)
    if start < 0:
        start = text.find(sentence)
    if start < 0:  # ingest normalised something: match on the first words
        head = sentence[:25]
        start = text.find(head, cursor)
        if start < 0:
            return None
        return start, min(len(text), start + len(sentence))
    return start, start + len(sentence)


def load_triplet(path: Path) -> Triplet:
    """A gold file with its three articles built as `eval/corpora.basil_article` builds them."""
    from corpora import basil_article

    gold = json.loads(path.read_text("utf-8"))
    year = next(p.parent.name for p in BASIL.glob(f"*/{gold['triplet']}_1.json"))
    articles: dict[str, parallax.Article] = {}
    spans: dict[str, dict[Where, tuple[int, int]]] = {}
    for outlet, name in gold["files"].items():
        file = BASIL / year / name
        article = basil_article(file)
        record = json.loads(file.read_text("utf-8"))
        found: dict[Where, tuple[int, int]] = {}
        cursor = 0
        for p, paragraph in enumerate(record["body-paragraphs"]):
            for s, sentence in enumerate(paragraph if isinstance(paragraph, list) else [paragraph]):
                at = _locate(article.text, _squash(sentence), cursor)
                if at is not None:
                    found[(p, s)] = at
                    cursor = at[1]
        articles[outlet], spans[outlet] = article, found
    facts = {f["id"]: {o: w for o, w in f["where"].items() if w} for f in gold["facts"]}
    conflicts = [(c[0], c[1]) for c in gold.get("conflicts", [])]
    kinds = {f["id"]: f.get("kind", "other") for f in gold["facts"]}
    return Triplet(gold["triplet"], articles, spans, facts, conflicts, kinds)


def _facts_at(triplet: Triplet) -> dict[tuple[str, Where], set[str]]:
    """(outlet, sentence) -> the gold facts it states."""
    at: dict[tuple[str, Where], set[str]] = defaultdict(set)
    for fact, where in triplet.facts.items():
        for outlet, places in where.items():
            for p, s, *_ in places:
                at[(outlet, (p, s))].add(fact)
    return at


def _sentences(triplet: Triplet, outlet: str, start: int, end: int) -> list[Where]:
    return [w for w, (a, b) in triplet.spans[outlet].items() if a < end and start < b]


def _covered(extra: Sequence[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(b, end) - max(a, start)) for a, b in extra)


def score(triplet: Triplet, report: dict[str, Any]) -> Tally:
    """The counts of one triplet's report against its gold."""
    tally = Tally()
    outlet_of = {a["id"]: next(o for o, art in triplet.articles.items() if art.id == a["id"])
                 for a in report["articles"]}
    at = _facts_at(triplet)

    def facts_of(statement: dict[str, Any]) -> set[str]:
        outlet = outlet_of[statement["article"]]
        return set().union(*(at.get((outlet, w), set()) for w in
                             _sentences(triplet, outlet, statement["start"], statement["end"])))

    shared = [c for c in report["claims"] if len(c["sources"]) > 1]
    in_shared: dict[tuple[str, Where], list[dict[str, Any]]] = defaultdict(list)
    together: set[tuple[str, str, str]] = set()  # (fact, outlet, outlet) met in one claim
    for claim in shared:
        statements = claim["statements"]
        for st in statements:
            outlet = outlet_of[st["article"]]
            for w in _sentences(triplet, outlet, st["start"], st["end"]):
                in_shared[(outlet, w)].append(st)
        for a, b in combinations(statements, 2):
            oa, ob = outlet_of[a["article"]], outlet_of[b["article"]]
            if oa == ob:
                continue
            common = facts_of(a) & facts_of(b)
            tally.links += 1
            tally.right_links += bool(common)
            if not common:
                tally.wrong.append((triplet.uuid, a["text"], b["text"]))
            for fact in common:
                together.add((fact, *sorted((oa, ob))))
    for fact, where in triplet.facts.items():
        outlets = sorted(where)
        for pair in combinations(outlets, 2):
            tally.shared_cases += 1
            tally.shared_found += (fact, *pair) in together
        if len(outlets) == 1:
            tally.unique += 1
            tally.unique_visible += _visible(triplet, outlets[0], where[outlets[0]], in_shared)
    for first, second in triplet.conflicts:
        tally.gold_conflicts += 1
        found = False
        for x in report.get("contradictions", []):
            a, b = x["statements"]
            fa, fb = facts_of(a), facts_of(b)
            found |= (first in fa and second in fb) or (first in fb and second in fa)
        tally.found_conflicts += found
    _score_digest(triplet, report, outlet_of, facts_of, tally)
    gold_pairs = {frozenset(c) for c in triplet.conflicts}
    for x in report.get("contradictions", []):
        a, b = x["statements"]
        tally.reported_conflicts += 1
        tally.right_conflicts += any(frozenset((fa, fb)) in gold_pairs
                                     for fa in facts_of(a) for fb in facts_of(b))
    return tally


DIGEST_TOP = 5
WEIGHTY = frozenset({"event", "number", "quote"})


def _score_digest(triplet: Triplet, report: dict[str, Any], outlet_of: dict[str, str],
                  facts_of: Any, tally: Tally) -> None:
    """Count the digest's first facts per outlet, and the first unique claims in text order."""
    def own(outlet: str, item: dict[str, Any]) -> set[str]:
        return {f for f in facts_of(item) if set(triplet.facts[f]) == {outlet}}

    for article, items in report["digest"]["only"].items():
        outlet = outlet_of[article]
        for item in items[:DIGEST_TOP]:
            mine = own(outlet, item)
            tally.digest_items += 1
            tally.digest_right += bool(mine)
            tally.digest_weighty += any(triplet.kinds.get(f) in WEIGHTY for f in mine)
        first = [c["statements"][0] for c in report["claims"]
                 if c["sources"] == [article]][:DIGEST_TOP]
        for statement in first:
            mine = own(outlet, statement)
            tally.order_items += 1
            tally.order_right += bool(mine)
            tally.order_weighty += any(triplet.kinds.get(f) in WEIGHTY for f in mine)


def _visible(triplet: Triplet, outlet: str, places: Iterable[list[Any]],
             in_shared: dict[tuple[str, Where], list[dict[str, Any]]]) -> bool:
    text = triplet.articles[outlet].text
    for p, s, *rest in places:
        statements = in_shared.get((outlet, (p, s)), [])
        if not statements:
            return True
        key = rest[0] if rest else ""
        span = triplet.spans[outlet].get((p, s))
        if span is None or not key:
            continue
        start = text.find(key, span[0], span[1] + len(key))
        if start < 0:
            continue
        end = start + len(key)
        for st in statements:
            extra = [(e["start"], e["end"]) for e in st.get("extra", [])]
            if _covered(extra, start, end) * 2 >= end - start:
                return True
    return False


def links_of(path: Path) -> set[tuple[tuple[str, int, int], tuple[str, int, int]]]:
    """The cross-outlet sentence links a labelling implies (sentences sharing a fact)."""
    gold = json.loads(path.read_text("utf-8"))
    links = set()
    for fact in gold["facts"]:
        places = [(o, p, s) for o, where in fact["where"].items() for p, s, *_ in where]
        for a, b in combinations(places, 2):
            if a[0] != b[0]:
                links.add((min(a, b), max(a, b)))
    return links


def reader_agreement() -> None:
    """F1 of one reader's cross-outlet links against the other's, pooled."""
    both = hits = first = second = 0
    for path in sorted(SECOND.glob("*.json")):
        one, two = links_of(GOLD / path.name), links_of(path)
        both, first, second = both + len(one & two), first + len(one), second + len(two)
        hits += 1
    if not hits:
        return
    precision, recall = both / second, both / first
    f1 = 2 * precision * recall / (precision + recall)
    print(f"reader agreement on cross-outlet sentence links ({hits} triplets): "
          f"F1 {f1:.2f} (A {first} links, B {second}, both {both})")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a"


def report_split(name: str, paths: Sequence[Path], show: int) -> Tally:
    """Compare every triplet of a split and print its figures."""
    total = Tally()
    for path in paths:
        triplet = load_triplet(path)
        comparison = parallax.compare(list(triplet.articles.values()))
        total.add(score(triplet, json.loads(render_json(comparison))))
    print(f"{name} ({len(paths)} triplets)")
    print(f"  link precision          {_ratio(total.right_links, total.links)}")
    print(f"  shared-fact recall      {_ratio(total.shared_found, total.shared_cases)}")
    print(f"  unique-fact visibility  {_ratio(total.unique_visible, total.unique)}")
    print(f"  conflict precision      {_ratio(total.right_conflicts, total.reported_conflicts)}")
    print(f"  conflict recall         {_ratio(total.found_conflicts, total.gold_conflicts)}")
    print(f"  digest right            {_ratio(total.digest_right, total.digest_items)}"
          f"   (text order {_ratio(total.order_right, total.order_items)})")
    print(f"  digest weighty          {_ratio(total.digest_weighty, total.digest_items)}"
          f"   (text order {_ratio(total.order_weighty, total.order_items)})")
    for uuid, a, b in total.wrong[:show]:
        print(f"  wrong link [{uuid[:8]}]\n    {a}\n    {b}")
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "aside", "both"), default="both")
    parser.add_argument("--show-links", type=int, default=0, metavar="N",
                        help="print N wrong links (dev split only)")
    args = parser.parse_args()
    if not BASIL.is_dir():
        print(f"skipped: the BASIL data ({BASIL}) is not here", file=sys.stderr)
        return 0
    paths = sorted(GOLD.glob("*.json"))
    dev = [p for p in paths if p.stem not in ASIDE]
    aside = [p for p in paths if p.stem in ASIDE]
    if args.split in ("dev", "both"):
        report_split("dev", dev, args.show_links)
    if args.split in ("aside", "both"):
        report_split("kept aside", aside, 0)
    reader_agreement()
    return 0


if __name__ == "__main__":
    sys.exit(main())
