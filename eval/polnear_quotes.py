"""Direct quotations and their speakers, measured on PolNeAR (../shared/data/polnear).

    .venv/bin/python eval/polnear_quotes.py [--split dev|train|both] [--limit N] [--errors K]
                                            [--basil]

Data. Each text has brat attributions (Source, Cue and Content spans, some discontinuous,
linked by `E` relations). A few texts have several annotators' files: the one whose
annotator id sorts first is used. PolNeAR ships train and dev here (test is held out):
rules and thresholds were developed on train. Dev was looked at once, after which two
general conventions were added (a name after a dash, "…" ― Carla Sanchez; a closing mark
used as an opening one), checked not to change train. A second round (mixed quotation
marks, titles in quotation marks, participles, names the tagger mis-tags, the corrections
of the scoring below) studied the speaker errors of both splits by category: dev is
therefore not unseen, and PolNeAR's held-out test split is the honest check.

Gold direct quotes. A Content span is a direct quote when it is inside quotation marks:
its first character (or the one just before it) is an opening mark, and its last
character (ignoring final . , ; : ! ?; or the one just after it) a closing mark. Contents
that only embed a quoted fragment in reported speech ("that … “under wraps.”") are not.

Matching. Spans are compared as sets of word tokens (\\w+ runs) of the original file, so
quotation marks and punctuation do not count. Strict: a prediction and a gold quote match
when each covers at least 50 % of the other's tokens (one-to-one, largest overlap first);
exact: the same tokens. A prediction lying inside a gold Content that is not a direct
quote (a quoted fragment of reported speech) is counted apart, not as a false positive,
in the main precision; `P(all)` counts it as wrong. Speaker accuracy, over strictly matched
quotes whose gold has a Source: the predicted speaker mention overlaps the Source, or the
predicted canonical name has the surname of a name in the Source (its appositive left
out: "Flynn, a top Trump surrogate," names Flynn), or the Source is a relative pronoun
right after the predicted mention ("Mike Lee, who said"). A Source that is a personal
pronoun can only be matched by position, so the figure is also given for quotes whose gold
Source is a name. Source P/R/F1: a matched
quote whose predicted mention equals (exact, ignoring outer punctuation and spaces) or
overlaps the gold Source; precision over predictions with a mention, recall over gold
direct quotes with a Source. Whole articles are processed; none is skipped.

Gold oddity corrected: where an annotator swapped the Source and Cue labels (the Source is
a speech verb, "said", and the Cue is a name, "Hester"), the Cue span is taken as the
Source: 5 of the 410 direct quotes with a Source on dev, 10 of 3,782 on train.
"""

from __future__ import annotations

import argparse
import difflib
import json
import logging
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import parallax
from parallax.analyse.quotes.extract import extract_many, find_quotations
from parallax.analyse.quotes.speakers import SPEECH_FORMS, clean_name, surname
from parallax.annotate import annotate

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear"
OPEN = set("“\"‘'«`„")
CLOSE = set("”\"’'»")
WORD = re.compile(r"\w+")
SHOW_BASIL = False
RELATIVE = {"who", "that", "which"}
PRONOUNS = {"he", "she", "i", "we", "they", "it", "who", "that", "which", "you", "his", "her"}


@dataclass
class Gold:
    spans: list[tuple[int, int]]
    direct: bool
    source: list[tuple[int, int]] | None


def read_ann(path: Path, text: str) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2 and " " in parts[1]:
            label, where = parts[1].split(" ", 1)
            frags = [tuple(int(x) for x in f.split()) for f in where.split(";")]
            spans[parts[0]] = (label, [(a, b) for a, b in frags])
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    source_of: dict[str, str] = {}
    for relation in relations:
        if "Content" in relation and "Source" in relation:
            source = relation["Source"]
            if swapped(text, spans, source, relation.get("Cue")):
                source = relation["Cue"]
            source_of.setdefault(relation["Content"], source)
    golds = []
    for tid, (label, frags) in spans.items():
        if label != "Content":
            continue
        src = source_of.get(tid)
        golds.append(Gold(frags, is_direct(text, frags), spans[src][1] if src in spans else None))
    return golds


def swapped(text: str, spans: dict[str, tuple[str, list[tuple[int, int]]]], source: str,
            cue: str | None) -> bool:
    """Whether an annotator swapped Source and Cue: the Source is a speech verb ("said")
    and the Cue is not ("…," said Hester: Source "said", Cue "Hester")."""
    if cue not in spans or source not in spans:
        return False
    said, cued = (" ".join(text[a:b] for a, b in spans[t][1]).lower().split()
                  for t in (source, cue))
    return bool(said) and set(said) <= SPEECH_FORMS and not set(cued) & SPEECH_FORMS


def is_direct(text: str, frags: list[tuple[int, int]]) -> bool:
    start, end = frags[0][0], frags[-1][1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?"):
        end -= 1
    if start >= end:
        return False
    opens = text[start] in OPEN or (start > 0 and text[start - 1] in OPEN)
    closes = text[end - 1] in CLOSE or (end < len(text) and text[end] in CLOSE)
    return opens and closes


def offset_map(raw: str, text: str) -> list[int]:
    """For every index of `text` (the normalised article text), its index in `raw`."""
    mapping: list[int] = []
    j = 0
    for ch in text:
        while j < len(raw) and raw[j] != ch and not (ch == " " and raw[j].isspace()):
            j += 1
        if j >= len(raw):
            break
        mapping.append(j)
        j += 1
    if len(mapping) == len(text):
        return [*mapping, len(raw)]
    mapping = []  # something was recomposed: align the two texts instead
    matcher = difflib.SequenceMatcher(None, text, raw, autojunk=False)
    table = [-1] * (len(text) + 1)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            table[a + k] = b + k
    last = 0
    for i, value in enumerate(table):
        last = value if value >= 0 else last
        table[i] = last
    table[-1] = len(raw)
    return table


def words(frags: list[tuple[int, int]], raw: str) -> set[int]:
    return {m.start() for a, b in frags for m in WORD.finditer(raw, a, b)}


def trimmed(raw: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (raw[a].isspace() or raw[a] in ",.;:()"):
        a += 1
    while b > a and (raw[b - 1].isspace() or raw[b - 1] in ",.;:()"):
        b -= 1
    return a, b


def evaluate(split: str, limit: int | None, show: int) -> dict[str, float]:
    texts = sorted((DATA / split / "text").glob("*.txt"))[:limit]
    counts = dict.fromkeys(["gold", "pred", "embedded", "strict", "exact", "with_source",
                            "speaker_ok", "speaker_n", "pred_mention", "src_exact",
                            "src_overlap", "articles", "named_n", "named_ok"], 0)
    errors: list[str] = []
    started = time.time()
    batch: list[tuple[Path, str, list[Gold]]] = []
    for path in texts:
        anns = sorted((DATA / split / "attributions").glob(f"{path.stem}_*.ann"))
        raw = path.read_text(encoding="utf-8")
        batch.append((path, raw, read_ann(anns[0], raw) if anns else []))
    for start in range(0, len(batch), 16):
        chunk = batch[start:start + 16]
        articles = [parallax.load_text(raw, source=p.stem, title="") for p, raw, _ in chunk]
        annotated = [annotate([a])[0] for a in articles]
        predicted = extract_many(annotated)
        for (path, raw, golds), article, quotes in zip(chunk, articles, predicted, strict=True):
            counts["articles"] += 1
            omap = offset_map(raw, article.text)
            found = {f.start: f for f in find_quotations(article)}
            preds = []
            for q in quotes:
                parts = found[q.start].parts if q.start in found else ()
                frags = [(omap[p.start], omap[p.end]) for p in parts] or \
                    [(omap[q.start], omap[q.end])]
                mention = None if q.speaker_start is None or q.speaker_end is None else \
                    (omap[q.speaker_start], omap[q.speaker_end])
                preds.append((words(frags, raw), q, mention))
            score_article(raw, golds, preds, counts, errors, path.stem)
    elapsed = time.time() - started
    for line in errors[:show]:
        print(line)
    return summarise(split, counts, elapsed)


def score_article(raw: str, golds: list[Gold], preds: list, counts: dict[str, int],
                  errors: list[str], name: str) -> None:
    direct = [(words(g.spans, raw), g) for g in golds if g.direct]
    direct = [(w, g) for w, g in direct if w]
    indirect = [words(g.spans, raw) for g in golds if not g.direct]
    counts["gold"] += len(direct)
    counts["with_source"] += sum(1 for _, g in direct if g.source)
    pairs = sorted(((len(p & g), i, j) for i, (p, _, _) in enumerate(preds)
                    for j, (g, _) in enumerate(direct) if p & g), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    for overlap, i, j in pairs:
        p, g = preds[i][0], direct[j][0]
        if i in used_p or j in used_g or overlap < 0.5 * len(p) or overlap < 0.5 * len(g):
            continue
        used_p.add(i)
        used_g.add(j)
        counts["strict"] += 1
        counts["exact"] += p == g
        if p != g:
            errors.append(f"INEXACT {name}: pred={preds[i][1].text[:90]!r} gold="
                          f"{' | '.join(raw[a:b] for a, b in direct[j][1].spans)[:90]!r}")
        _, quote, mention = preds[i]
        source = direct[j][1].source
        if source:
            counts["speaker_n"] += 1
            gold_name = " ".join(raw[a:b] for a, b in source)
            overlap_src = mention is not None and any(a < mention[1] and mention[0] < b
                                                      for a, b in source)
            same = (bool(quote.speaker) and surname(clean_name(quote.speaker)) in names_in(
                gold_name)) or (mention is not None and antecedent(raw, mention, source))
            counts["speaker_ok"] += overlap_src or same
            if gold_name[:1].isupper() and gold_name.split()[0].lower() not in PRONOUNS:
                counts["named_n"] += 1
                counts["named_ok"] += overlap_src or same
            if mention is not None:
                counts["src_overlap"] += overlap_src
                counts["src_exact"] += len(source) == 1 and trimmed(raw, *source[0]) == \
                    trimmed(raw, *mention)
            if not (overlap_src or same):
                errors.append(f"SPEAKER {name}: {quote.text[:60]!r} pred={quote.speaker!r} "
                              f"mention={raw[mention[0]:mention[1]] if mention else None!r} "
                              f"gold={gold_name!r}")
    for i, (p, quote, mention) in enumerate(preds):
        counts["pred_mention"] += mention is not None
        if i in used_p:
            continue
        if any(len(p & g) >= 0.5 * len(p) for g in indirect):
            counts["embedded"] += 1
        else:
            errors.append(f"FP {name}: {quote.text[:100]!r}")
    for j, (_, g) in enumerate(direct):
        if j not in used_g:
            errors.append(f"FN {name}: {' | '.join(raw[a:b] for a, b in g.spans)[:100]!r}")
    counts["pred"] += len(preds)


def names_in(source: str) -> set[str]:
    """The surnames a gold Source names, an appositive left out: "Flynn, a top Trump
    surrogate," → Flynn; "the nominee, Donald Trump," → Trump; "Rep. Cohen of Tennessee"."""
    parts = (part.split(" of ")[0] for part in source.split(","))
    names = {surname(clean_name(part)) for part in parts
             if part.strip()[:1].isupper() and part.split()[0].lower() not in PRONOUNS}
    return names - {""}


def antecedent(raw: str, mention: tuple[int, int], source: list[tuple[int, int]]) -> bool:
    """Whether a gold Source that is a relative pronoun ("Mike Lee, who said") follows the
    predicted mention with nothing but a comma between: the mention is its antecedent."""
    start, end = source[0]
    return raw[start:end].strip().lower() in RELATIVE and \
        not raw[mention[1]:start].strip(" ,\n")


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summarise(split: str, c: dict[str, int], elapsed: float) -> dict[str, float]:
    scored = c["pred"] - c["embedded"]
    sp, sr, sf = prf(c["strict"], scored, c["gold"])
    ep, er, ef = prf(c["exact"], scored, c["gold"])
    pa, _, fa = prf(c["strict"], c["pred"], c["gold"])
    xp, xr, xf = prf(c["src_exact"], c["pred_mention"] - c["embedded"], c["with_source"])
    op, orr, of = prf(c["src_overlap"], c["pred_mention"] - c["embedded"], c["with_source"])
    accuracy = c["speaker_ok"] / c["speaker_n"] if c["speaker_n"] else 0.0
    print(f"\n{split}: {c['articles']} articles (none skipped), {c['gold']} gold direct quotes, "
          f"{c['pred']} predicted ({c['embedded']} inside indirect contents), {elapsed:.0f} s")
    print(f"  content strict  P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}   (P(all) {pa:.3f}, F1 {fa:.3f})")
    print(f"  content exact   P {ep:.3f}  R {er:.3f}  F1 {ef:.3f}")
    print(f"  speaker accuracy on matched quotes {accuracy:.3f} "
          f"({c['speaker_ok']}/{c['speaker_n']})")
    named = c["named_ok"] / c["named_n"] if c["named_n"] else 0.0
    print(f"    of which gold Source a name (not a pronoun): {named:.3f} "
          f"({c['named_ok']}/{c['named_n']})")
    print(f"  source exact    P {xp:.3f}  R {xr:.3f}  F1 {xf:.3f}")
    print(f"  source overlap  P {op:.3f}  R {orr:.3f}  F1 {of:.3f}")
    return {"strict_f1": sf, "exact_f1": ef, "speaker_accuracy": accuracy}


def basil(limit: int | None) -> None:
    """BASIL quote phrases with a named speaker: inside a predicted quote, and whose.

    BASIL marks bias phrases; `quote` says a phrase is quoted and `speaker` names its source
    as an entity (a person, or a group: "NAACP", "Democrats", "Tea_Party"). A phrase is
    covered when a predicted quote contains its start; its speaker is right when the
    predicted speaker's surname is the last word of BASIL's speaker.
    """
    from corpora import DATA as SHARED
    from corpora import basil_article

    root = SHARED / "basil"
    paths = sorted((root / "articles").glob("*/*.json"))[:limit]
    counts = dict.fromkeys(["phrases", "covered", "speaker_ok", "person", "person_ok"], 0)
    for start in range(0, len(paths), 16):
        chunk = paths[start:start + 16]
        annotated = [annotate([basil_article(p)])[0] for p in chunk]
        for path, article, quotes in zip(chunk, annotated, extract_many(annotated), strict=True):
            ann = root / "annotations" / path.parent.name / f"{path.stem}_ann.json"
            if not ann.is_file():
                continue
            text = article.article.text
            for phrase in json.loads(ann.read_text(encoding="utf-8"))["phrase-level-annotations"]:
                speaker = phrase.get("speaker", "")
                at = text.find(" ".join(phrase["txt"].split()))
                if phrase.get("quote") != "yes" or not speaker or speaker.startswith("other") \
                        or at < 0:
                    continue
                counts["phrases"] += 1
                inside = [q for q in quotes if q.start <= at < q.end]
                if inside:
                    counts["covered"] += 1
                    predicted = surname(clean_name(inside[0].speaker or ""))
                    last = speaker.replace("_", " ").split()[-1].lower()
                    ok = predicted == last
                    counts["speaker_ok"] += ok
                    if any(e.label == "PERSON" and surname(clean_name(e.text)) == last
                           for e in article.entities):
                        counts["person"] += 1
                        counts["person_ok"] += ok
                    if not ok and SHOW_BASIL:
                        print("BASIL", speaker, "|", inside[0].speaker, "|", inside[0].text[:80])
    n, covered = counts["phrases"], counts["covered"]
    print(f"\nBASIL: {len(paths)} articles, {n} quoted phrases with a named speaker; "
          f"{covered / n:.3f} inside a predicted quote, speaker right on "
          f"{counts['speaker_ok'] / covered:.3f} of those ({counts['speaker_ok']}/{covered}); "
          f"where BASIL's speaker is a person named in the article (not a group such as "
          f"'NAACP' or 'Democrats'): {counts['person_ok'] / max(counts['person'], 1):.3f} "
          f"({counts['person_ok']}/{counts['person']})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "train", "both"], default="both")
    parser.add_argument("--limit", type=int, default=None, help="first N texts of each split")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    parser.add_argument("--basil", action="store_true", help="also check BASIL's speakers")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"PolNeAR not found at {DATA}", file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.ERROR)
    for split in (["train", "dev"] if args.split == "both" else [args.split]):
        evaluate(split, args.limit, args.errors)
    if args.basil:
        basil(args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
