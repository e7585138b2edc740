"""Actor labels and actor groups against NewsWCL50's coreference chains.

    python eval/newswcl_labels.py

NewsWCL50 (Hamborg et al. 2019, ../shared/data/newswcl50/) annotates, for 10 events told by
5 outlets each, the chains of mentions that name the same actor however it is called. Each
article is rebuilt from its tokens (one paragraph per sentence), the 5 articles of an event
are annotated and framed together as one comparison, and the labels parallax finds are
matched to the annotated actor mentions (`_ACTOR`, `_ACTOR-I`, `_GROUP` chains) that contain
them. Reported, before (the curated lexicon only, grouped by its roles) and after (with label
discovery, grouped by `actors`):

- mention recall: the share of annotated actor mentions holding a label parallax finds, over
  all of them and over those ending in a common noun (the ones a label can be: "Trump" is a
  name, not a label);
- pairwise precision / recall / F1 of the grouping over the found mentions of one event: a
  pair is grouped when parallax gives both one group (role before, actor after) and belongs
  together when both mentions are in one chain; plus two baselines: identical labels only,
  and all found mentions of an event in one group (large chains make the latter strong);
  in sample at `SAME_ACTORS`, over a sweep, and held out by event (each event grouped at
  the threshold best on the other nine, on the grid `SWEEP` and on one reaching down to
  0.2), with the articles' coreference evidence (`coreference`) and without;
- the "denotes people" decision (`people`) on the distinct common-noun heads of annotated
  mentions, at several margins: actor chains' heads are people, object / event / action /
  misc chains' heads are not (country chains mix both and are left out).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from corpora import DATA

import parallax
from parallax.analyse.framing.actors import SAME_ACTORS, actor_names
from parallax.analyse.framing.coreference import Evidence, label_evidence
from parallax.analyse.framing.labels import Occurrence, find_labels
from parallax.analyse.framing.people import NOT_PEOPLE as NO_PEOPLE_LEMMAS
from parallax.analyse.framing.people import people_scores
from parallax.annotate import annotate
from parallax.options import Models

CONLL = DATA / "newswcl50" / "NewsWCL50.conll"
ACTORS = ("_ACTOR", "_ACTOR-I", "_GROUP")
NOT_PEOPLE = ("_OBJECT", "_EVENT", "_ACTION", "_MISC")
MARGINS = (-0.05, 0.0, 0.05, 0.1)
SWEEP = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
WIDE = (0.2, 0.25, *SWEEP)


@dataclass(frozen=True, slots=True)
class Mention:
    """An annotated mention: its event, document, chain, words and offsets in the text."""

    event: str
    document: str
    chain: str
    words: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """One rebuilt article and its annotated mentions."""

    name: str
    text: str
    mentions: tuple[Mention, ...]


def read_documents() -> list[Document]:
    """Every NewsWCL50 article, its text rebuilt from its tokens, with its mentions."""
    rows: dict[str, list[list[str]]] = defaultdict(list)
    for line in CONLL.read_text(encoding="utf-8").splitlines():
        columns = line.split("\t")
        if not line.startswith("#") and len(columns) >= 5:
            rows[columns[0]].append(columns)
    return [_document(name, columns) for name, columns in rows.items()]


def _document(name: str, rows: list[list[str]]) -> Document:
    text, mentions, sentence = "", [], rows[0][1]
    open_chains: dict[str, tuple[int, list[str]]] = {}
    for _, index, _, word, tags in (r[:5] for r in rows):
        if text:
            text += "\n\n" if index != sentence else " "
        sentence, start = index, len(text)
        text += word
        marks = [t.strip() for t in tags.split("|")]
        for chain in (t.lstrip("(").rstrip(")") for t in marks if t.startswith("(")):
            open_chains[chain] = (start, [])
        for _, words in open_chains.values():
            words.append(word)
        for chain in (t.rstrip(")") for t in marks if t.endswith(")")):
            if chain.lstrip("(") in open_chains:
                begin, words = open_chains.pop(chain.lstrip("("))
                mentions.append(Mention(name.split("/")[0], name, chain.lstrip("("),
                                        tuple(words), begin, len(text)))
    return Document(name, text, tuple(mentions))


def _common_noun(mention: Mention) -> bool:
    return mention.words[-1].isalpha() and mention.words[-1].islower()


def _offsets(ingested: str, rebuilt: str) -> Callable[[int], int]:
    """Offsets of the ingested text → the rebuilt one (ingest normalises spaces and marks)."""
    if ingested == rebuilt:
        return lambda offset: offset
    blocks = SequenceMatcher(None, rebuilt, ingested, autojunk=False).get_matching_blocks()

    def offset_in_rebuilt(offset: int) -> int:
        block = next((b for b in blocks if b.b <= offset < b.b + b.size), None)
        return -1 if block is None else block.a + offset - block.b

    return offset_in_rebuilt


@dataclass(frozen=True, slots=True)
class Found:
    """The label parallax finds in an annotated mention, and the actor it assigns it."""

    occurrence: Occurrence
    actor: str


@dataclass(frozen=True, slots=True)
class Event:
    """The labels parallax finds in one event's 5 articles (annotated together), and the
    annotated actor mentions that hold one."""

    labels: tuple[Occurrence, ...]
    mentions: dict[Mention, Occurrence]
    evidence: Evidence


def event_labels(documents: Sequence[Document]) -> list[Event]:
    """Every event's labels and the label found in each annotated actor mention."""
    by_event: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        by_event[document.mentions[0].event if document.mentions else ""].append(document)
    events = []
    for event_documents in by_event.values():
        articles = annotate([parallax.load_text(d.text, source=d.name, title=d.name)
                             for d in event_documents])
        found: dict[Mention, Occurrence] = {}
        every: list[Occurrence] = []
        evidence = Evidence(set(), set())
        for document, article in zip(event_documents, articles, strict=True):
            labels = find_labels(article.sentences, article.entities,
                                 encoder=Models.load().encoder)
            every += labels
            said = label_evidence(article.sentences, labels)
            evidence.same.update(said.same)
            evidence.distinct.update(said.distinct)
            start = _offsets(article.article.text, document.text)
            for mention in (m for m in document.mentions if m.chain.endswith(ACTORS)):
                inside = [o for o in labels if mention.start <= start(o.start) < mention.end]
                if inside:
                    found[mention] = inside[-1]
        events.append(Event(tuple(every), found, evidence))
    return events


def grouped(events: Sequence[Event], threshold: float = SAME_ACTORS, *,
            evidence: bool = True) -> dict[Mention, Found]:
    """The label found in each annotated mention and the actor `actors` assigns it when the
    labels of its event are grouped at `threshold`, with the articles' coreference evidence
    or without."""
    found: dict[Mention, Found] = {}
    for event in events:
        names = actor_names(event.labels, encoder=Models.load().encoder, threshold=threshold,
                            evidence=event.evidence if evidence else None)
        found.update({m: Found(o, names[o.sense.label]) for m, o in event.mentions.items()})
    return found


def held_out(events: Sequence[Event], grid: Sequence[float] = SWEEP, *,
             evidence: bool = True) -> dict[str, object]:
    """Pairwise grouping of each event at the threshold of `grid` that is best (pooled F1)
    on the other nine, pooled over the ten events, and the thresholds chosen."""
    pooled: dict[Mention, Found] = {}
    chosen = []
    for k, event in enumerate(events):
        train = [e for i, e in enumerate(events) if i != k]
        best = max(grid, key=lambda t: pairwise(
            list(found := grouped(train, t, evidence=evidence)),
            lambda m: found[m].actor)["f1"])
        chosen.append(best)
        pooled.update(grouped([event], best, evidence=evidence))
    return {"thresholds": chosen, **pairwise(list(pooled), lambda m: pooled[m].actor)}


def pairwise(mentions: Sequence[Mention], group: Callable[[Mention], str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of `group` against the chains, pairs within one event."""
    tp = fp = fn = 0
    for m1, m2 in combinations(mentions, 2):
        if m1.event != m2.event:
            continue
        grouped, together = group(m1) == group(m2), m1.chain == m2.chain
        tp += grouped and together
        fp += grouped and not together
        fn += together and not grouped
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def people_decision(documents: Sequence[Document]) -> dict[str, dict[str, float]]:
    """Precision/recall/F1 of "denotes people" on annotated heads, per margin."""
    truth: dict[str, bool] = {}
    for mention in (m for d in documents for m in d.mentions if _common_noun(m)):
        if mention.chain.endswith(ACTORS + NOT_PEOPLE):
            truth.setdefault(mention.words[-1], mention.chain.endswith(ACTORS))
    scores = people_scores(truth, Models.load().encoder)
    for word in truth:  # the heads are surface forms, the lemma list parallax applies first
        forms = {word.lower(), word.lower().removesuffix("s"), word.lower()[:-3] + "y"}
        if forms & NO_PEOPLE_LEMMAS:
            scores[word] = -1.0
    figures = {}
    for margin in MARGINS:
        tp = sum(scores[w] >= margin and truth[w] for w in truth)
        chosen = sum(scores[w] >= margin for w in truth)
        p, r = tp / chosen if chosen else 0.0, tp / sum(truth.values())
        figures[str(margin)] = {"precision": round(p, 3), "recall": round(r, 3),
                                "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
    return {"heads": {"people": sum(truth.values()), "other": len(truth) - sum(truth.values())},
            **figures}


def main() -> int:
    """Print recall, grouping and people-decision figures, before and after discovery."""
    if not CONLL.is_file():
        print(f"skipped: NewsWCL50 not found at {CONLL}", file=sys.stderr)
        return 0
    documents = read_documents()
    events = event_labels(documents)
    found = grouped(events)
    actors = [m for d in documents for m in d.mentions if m.chain.endswith(ACTORS)]
    nouns = [m for m in actors if _common_noun(m)]
    lexicon = [m for m in found if found[m].occurrence.sense.role != "other"]

    def recall(chosen: Sequence[Mention], among: Sequence[Mention]) -> float:
        return round(len(set(chosen) & set(among)) / len(among), 3)

    def role(mention: Mention) -> str:
        return found[mention].occurrence.sense.role

    def label(mention: Mention) -> str:
        return found[mention].occurrence.sense.label

    print(json.dumps({
        "actor_mentions": len(actors), "ending_in_a_common_noun": len(nouns),
        "before": {"recall": recall(lexicon, actors), "recall_common_nouns": recall(lexicon, nouns),
                   "found": len(lexicon), "groups_by_role": pairwise(lexicon, role),
                   "identical_labels_only": pairwise(lexicon, label)},
        "after": {"recall": recall(list(found), actors),
                  "recall_common_nouns": recall(list(found), nouns), "found": len(found),
                  "groups_by_actor": pairwise(list(found), lambda m: found[m].actor),
                  "identical_labels_only": pairwise(list(found), label),
                  "one_group_per_event": pairwise(list(found), lambda m: m.event),
                  "groups_by_actor_sweep": {str(t): pairwise(
                      list(at := grouped(events, t)), lambda m: at[m].actor) for t in SWEEP},
                  "groups_by_actor_one_event_held_out": held_out(events),
                  "groups_by_actor_one_event_held_out_grid_from_0.2": held_out(events, WIDE),
                  "without_evidence": {
                      "groups_by_actor": pairwise(
                          list(bare := grouped(events, evidence=False)),
                          lambda m: bare[m].actor),
                      "groups_by_actor_one_event_held_out": held_out(events, evidence=False)}},
        "denotes_people": people_decision(documents),
    }, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
