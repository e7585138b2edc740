"""Contradictions: one minimal pair per rule and its traps, candidate pairs, the seed pair,
the optional NLI model's errors and bad input."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from helpers.models import encoder

import parallax
from parallax.analyse.contradictions.find import (
    CrossEncoderJudge,
    Judgement,
    RuleJudge,
    candidate_pairs,
    find_contradictions,
)
from parallax.annotate import annotate, annotate_sentences
from parallax.errors import ErrorCode, ModelError
from parallax.types import (
    AnnotatedArticle,
    Article,
    Claim,
    Relation,
    Sentence,
    Statement,
    Verdict,
)

# (first, second, verdict, kind or None for any)
PAIRS = [
    # number: the same counted thing and event, different counts
    ("26 protesters died in the clashes in Almaty.", "18 protesters died in the clashes in Almaty.",
     Verdict.CONTRADICT, "number"),
    ("Around 20K criminals and terrorists attacked Almaty alone.",
     "Expressing that 20,000 “bandits” attacked Almaty, Tokayev said they were directed.",
     Verdict.AGREE, "number"),
    ("Dozens of protesters died in the clashes.", "26 protesters died in the clashes.",
     Verdict.AGREE, "number"),
    ("At least 18 protesters died in the clashes.", "26 protesters died in the clashes.",
     Verdict.AGREE, "number"),
    ("26 protesters died in the clashes in Almaty.",
     "18 police officers were injured in the clashes in Almaty.", Verdict.UNRELATED, "number"),
    ("Clinton won 48 percent of the vote in Iowa.", "Trump won 46 percent of the vote in Iowa.",
     Verdict.UNRELATED, None),
    ("The plan lays out 19 separate actions the president could take.",
     "The plan includes nearly two dozen executive actions the president could take.",
     Verdict.CONTRADICT, "number"),
    # date: the same predicate, different absolute dates
    ("The Senate voted on the bill on Sept. 28.", "The Senate voted on the bill on Sept. 21.",
     Verdict.CONTRADICT, "date"),
    ("The Senate voted on the bill on Sept. 28.", "The Senate voted on the bill in September 2016.",
     Verdict.AGREE, "date"),
    ("His second term as governor ends in 2019.", "His second term as governor ends in 2018.",
     Verdict.CONTRADICT, "date"),
    # negation: one negates the predicate the other asserts
    ("The airport reopened on Monday.", "The airport did not reopen on Monday.",
     Verdict.CONTRADICT, "negation"),
    ("The Senate failed to pass the bill.", "The Senate passed the bill.",
     Verdict.CONTRADICT, "negation"),
    ("Steele will announce whether he will seek a second term as chairman.",
     "Steele will not seek a second term as chairman.", Verdict.AGREE, None),
    ("It is not the intent of the law to discriminate against anyone.",
     "The new law does not discriminate against anyone.", Verdict.AGREE, None),
    ("Trump insists he will compel Mexico to pay for the wall.",
     "Mexico will not pay for the wall, Fox said.", Verdict.AGREE, None),
    ("Weiner said he did not send the photo to the student.",
     "The photo was sent to the student from Weiner's account.", Verdict.AGREE, None),
    # antonym: opposite predicates, the rest the same
    ("The airport reopened on Monday.", "The airport remained closed on Monday.",
     Verdict.CONTRADICT, "antonym"),
    ("The Senate approved the bill on Wednesday.", "The Senate rejected the bill on Wednesday.",
     Verdict.CONTRADICT, "antonym"),
    ("The minister confirmed the report about the deal.",
     "The minister denied the report about the deal.", Verdict.CONTRADICT, "antonym"),
    ("Clinton did not win the Iowa caucuses.", "Clinton lost the Iowa caucuses.",
     Verdict.AGREE, None),
    ("Clinton won the Iowa caucuses on Monday.", "Sanders lost the Iowa caucuses on Monday.",
     Verdict.AGREE, None),
    # modality: certain vs possible is weak
    ("The minister will resign next week.", "The minister may resign next week.",
     Verdict.CONTRADICT, "modality"),
    ("The minister will resign next week.", "The minister will not resign next week.",
     Verdict.CONTRADICT, "negation"),
    # unrelated
    ("The airport reopened on Monday.", "The president thanked the peacekeepers for their help.",
     Verdict.UNRELATED, None),
]


@pytest.fixture(scope="module")
def judged() -> list[Judgement]:
    sentences = annotate_sentences([text for pair in PAIRS for text in pair[:2]])
    judge = RuleJudge()
    return [judge.judge(sentences[i], sentences[i + 1]) for i in range(0, len(sentences), 2)]


@pytest.mark.parametrize("index", range(len(PAIRS)), ids=[p[0][:30] for p in PAIRS])
def test_minimal_pair(judged: list[Judgement], index: int) -> None:
    _, _, verdict, kind = PAIRS[index]
    judgement = judged[index]
    assert judgement.verdict == verdict, judgement
    if kind is not None:
        assert judgement.kind == kind, judgement
    assert 0.0 <= judgement.confidence <= 1.0


def judgement_of(judged: list[Judgement], first: str, second: str) -> Judgement:
    (index,) = [i for i, p in enumerate(PAIRS) if p[:2] == (first, second)]
    return judged[index]


def test_explanations_name_the_evidence(judged: list[Judgement]) -> None:
    assert judged[0].explanation == "26 protesters vs 18 protesters (dead)"
    reopened = "The airport reopened on Monday."
    assert judgement_of(judged, reopened, "The airport did not reopen on Monday.").explanation \
        == '"reopened" vs "did not reopen"'
    assert "remained closed" in judgement_of(
        judged, reopened, "The airport remained closed on Monday.").explanation
    resign = "The minister will resign next week."
    may = judgement_of(judged, resign, "The minister may resign next week.")
    will_not = judgement_of(judged, resign, "The minister will not resign next week.")
    assert may.confidence < 0.5 <= will_not.confidence  # "may" is weak, "will not" is not


# Pairs from real news the rules once took for contradictions (BASIL, AllSides).
TRAPS = [
    ("While many have speculated that the White House offered to appoint Mr. Sestak as "
     "secretary of the Navy, Mr. Bauer said that was never the case.",
     "The source insisted that the White House never offered Sestak the job of Secretary "
     "of the Navy."),
    ("There are two more presidential debates on the calendar.",
     "Next Tuesday's debate is the second of three debates for the two men running for "
     "president."),
    ("A spokesman for the U.S. attorney in Brooklyn said he could not confirm, deny or "
     "comment on the case.",
     "Spokesmen for the office of the United States attorney in Brooklyn declined to comment."),
    ("Gowdy said Friday that Clinton has yet to adequately respond to the subpoena request.",
     "Gowdy said Clinton did not respond to any of the subpoenas requesting documents."),
    ("Reps. Steny Hoyer, Maryland, kept the No. 2 job of House minority whip.",
     "Democrats also re-elected Representative Steny H. Hoyer as whip, the No. 3 position."),
    ("The Louisiana state legislature failed to garner enough votes to override the "
     "governor's veto of the bill.",
     "Louisiana lawmakers failed to override the governor's veto of the bill."),
    ("Milley and McKenzie said they recommended that about 2,500 U.S. troops stay in "
     "Afghanistan.",
     "Milley and McKenzie contradicted Biden's claim that top military advisers didn't "
     "recommend keeping troops in Afghanistan."),
]


def test_real_traps_are_not_reported() -> None:
    sentences = annotate_sentences([text for pair in TRAPS for text in pair])
    judge = RuleJudge()
    for i in range(0, len(sentences), 2):
        judgement = judge.judge(sentences[i], sentences[i + 1])
        assert judgement.verdict != Verdict.CONTRADICT or judgement.confidence < 0.5, (
            sentences[i].text, judgement)


class BagEncoder:
    """Hashes words into 64 dimensions: sentences sharing words get a high cosine."""

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        rows = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in zip(rows, texts, strict=True):
            for word in text.lower().split():
                row[zlib.crc32(word.strip(".,").encode()) % 64] += 1.0
        norms = np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
        return rows / norms


def articles(*texts: str) -> list[AnnotatedArticle]:
    return annotate([Article(id=f"a{i}", text=t, source=f"s{i}", language="en")
                     for i, t in enumerate(texts)])


def statement(article: AnnotatedArticle, index: int) -> Statement:
    s = article.sentences[index]
    return Statement(article.id, s.index, s.start, s.end, s.text, 1.0)


@pytest.fixture(scope="module")
def story() -> list[AnnotatedArticle]:
    return articles(
        "The airport reopened on Monday. 26 protesters died in the clashes in Almaty. "
        "The president thanked the peacekeepers.",
        "Officials said the airport remained closed on Monday. "
        "18 protesters died in the clashes in Almaty. The weather was cold.",
    )


def test_contradictions_within_a_claim_and_between_unlinked_sentences(
        story: list[AnnotatedArticle]) -> None:
    first, second = story
    claims = [
        Claim("c1", Relation.UNIQUE, (statement(first, 0),)),
        Claim("c2", Relation.PARTIAL, (statement(first, 1), statement(second, 1))),
        Claim("c3", Relation.UNIQUE, (statement(first, 2),)),
        Claim("c4", Relation.UNIQUE, (statement(second, 0),)),
        Claim("c5", Relation.UNIQUE, (statement(second, 2),)),
    ]
    origins = {(c.a.sentence, c.b.sentence): c.origin
               for c in candidate_pairs(story, claims, encoder=BagEncoder())}
    assert origins[(1, 1)] == "claim" and origins[(0, 0)] == "topic"
    found = find_contradictions(story, claims, encoder=BagEncoder())
    assert [(x.id, x.kind) for x in found] == [("x1", "antonym"), ("x2", "number")]
    assert found[0].statements[0].article == "a0" and found[0].statements[1].article == "a1"
    assert "remained closed" in found[0].statements[1].text


@pytest.mark.parametrize(("credit", "expected"), [("", ["number"]), (" (AP Photo/Jane Doe)", [])])
def test_a_photo_caption_is_never_set_against_a_statement(
        credit: str, expected: list[str]) -> None:
    first, second = annotate([
        parallax.load_text("26 protesters died in the clashes in Almaty.", source="s0",
                           title="Almaty"),
        parallax.load_text("The airport reopened on Monday.\n\n18 protesters died in the "
                           f"clashes in Almaty.{credit}", source="s1", title="Almaty"),
    ])
    claims = [Claim(f"c{n}", Relation.UNIQUE, (statement(article, s.index),))
              for n, (article, s) in enumerate(
                  [(a, s) for a in (first, second) for s in a.claim_sentences()])]
    found = find_contradictions([first, second], claims, encoder=BagEncoder())
    assert [x.kind for x in found] == expected


class AlwaysContradicts:
    def judge(self, a: Sentence, b: Sentence) -> Judgement:
        return Judgement(Verdict.CONTRADICT, "model", f"{a.index} vs {b.index}", 0.9)


def test_a_pluggable_judge_decides(story: list[AnnotatedArticle]) -> None:
    first, second = story
    claims = [Claim("c1", Relation.PARAPHRASE, (statement(first, 2), statement(second, 2)))]
    (found,) = find_contradictions(story, claims, judge=AlwaysContradicts(),
                                   encoder=BagEncoder())
    assert (found.kind, found.explanation, found.confidence) == ("model", "2 vs 2", 0.9)


def test_weak_modality_is_left_out_unless_asked() -> None:
    story = articles("The minister will resign next week.", "The minister may resign next week.")
    claims = [Claim("c1", Relation.PARTIAL, (statement(story[0], 0), statement(story[1], 0)))]
    assert find_contradictions(story, claims, encoder=BagEncoder()) == []
    (weak,) = find_contradictions(story, claims, encoder=BagEncoder(), min_confidence=0.0)
    assert weak.kind == "modality"


def test_seed_pair_20k_and_20000_do_not_contradict(seed_dir: Path) -> None:
    comparison = parallax.compare([parallax.load(p) for p in sorted(seed_dir.glob("*.txt"))])
    (claim,) = [c for c in comparison.claims
                if any("20K" in s.text for s in c.statements)
                and any("20,000" in s.text for s in c.statements)]
    found = find_contradictions(comparison.articles, comparison.claims, encoder=encoder())
    for contradictions in (found, comparison.analyses.contradictions):  # alone and inside compare
        assert not [x for x in contradictions
                    if any("20K" in s.text or "20,000" in s.text for s in x.statements)]
    by_id = {a.id: {s.index: s for s in a.sentences} for a in comparison.articles}
    first, second = (by_id[s.article][s.sentence] for s in claim.statements)
    judgement = RuleJudge().judge(first, second)
    assert (judgement.verdict, judgement.kind) == (Verdict.AGREE, "number")


def test_bad_input_does_not_crash(story: list[AnnotatedArticle]) -> None:
    first, second = story
    assert find_contradictions([], [], encoder=BagEncoder()) == []
    assert find_contradictions(story, [], encoder=BagEncoder()) == []
    assert find_contradictions([first], [Claim("c1", Relation.UNIQUE,
                                               (statement(first, 0),))],
                               encoder=BagEncoder()) == []
    ghost = Statement("nope", 7, 0, 4, "Gone", 1.0)
    claims = [Claim("c1", Relation.PARTIAL, (ghost, statement(second, 0))),
              Claim("c2", Relation.UNIQUE, (ghost,))]
    assert find_contradictions(story, claims, encoder=BagEncoder()) == []
    empty = articles("", "Nothing to see.")
    claims = [Claim("c1", Relation.UNIQUE, (statement(empty[1], 0),))]
    assert find_contradictions(empty, claims, encoder=BagEncoder()) == []
    blank = Sentence(0, 0, 0, "", 0, ())
    judgement = RuleJudge().judge(blank, first.sentences[0])
    assert judgement.verdict == Verdict.UNRELATED


def test_cross_encoder_judge_needs_a_local_nli_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as missing:
        CrossEncoderJudge(tmp_path / "no-such-model")
    assert missing.value.code == ErrorCode.MODEL_MISSING
    assert "never downloaded" in str(missing.value)
    (tmp_path / "config.json").write_text(json.dumps({"id2label": {"0": "LABEL_0"}}))
    with pytest.raises(ModelError) as not_nli:
        CrossEncoderJudge(tmp_path)
    assert not_nli.value.code == ErrorCode.MODEL_CORRUPT
    assert "contradiction" in str(not_nli.value)
