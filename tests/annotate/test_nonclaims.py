"""Lines that state nothing about the event are marked, real statements never are."""

from __future__ import annotations

import pytest

import parallax
from parallax.annotate import annotate
from parallax.annotate.nonclaims import nonclaim_kinds
from parallax.types import NonClaim, Sentence, Span

# Lines as they came out of real pages (AllSides articles), one paragraph each.
NONCLAIMS = {
    "Get breaking news alerts and special reports.": NonClaim.PROMPT,
    "The news and stories that matter, delivered weekday mornings.": NonClaim.PROMPT,
    "This site is protected by recaptcha": NonClaim.PROMPT,
    "Download the NBC News app": NonClaim.PROMPT,
    "CLICK HERE TO GET THE FOX NEWS APP": NonClaim.PROMPT,
    "Sign up for Daily Newsletters Manage Newsletters": NonClaim.PROMPT,
    "Follow us on Twitter @CNNOpinion.": NonClaim.PROMPT,
    "Marianne Levine contributed to this story.": NonClaim.CREDIT,
    "The Associated Press contributed to this report.": NonClaim.CREDIT,
    "(Reporting by Jeff Mason; Editing by Mary Milliken)": NonClaim.CREDIT,
    "Copyright © 2019 The Washington Times, LLC.": NonClaim.CREDIT,
    "Enlarge this image toggle caption Evan Vucci/AP Evan Vucci/AP": NonClaim.CAPTION,
    "Photograph: Mike Segar/Reuters": NonClaim.CAPTION,
    "Peaceful protests": NonClaim.SUBHEAD,
    "Constitutional order restored": NonClaim.SUBHEAD,
    "What happens next?": NonClaim.SUBHEAD,
    "Immigration Measure Faces Test In Senate, Rival Bill In House": NonClaim.SUBHEAD,
    "___": NonClaim.SEPARATOR,
    "***": NonClaim.SEPARATOR,
    "Advertisement": NonClaim.FURNITURE,
    "Story Continued Below": NonClaim.FURNITURE,
    "This article is more than 2 years old": NonClaim.FURNITURE,
}

# Statements that must stay claims, however short or plain their paragraph.
CLAIMS = [
    "The Senate voted 97-1 to override the veto.",
    "“We will not back down,” she said.",
    "“We will not back down.”",
    "He declined to comment.",
    "No one was hurt.",
    "In other issues, Obama said:",
    "Population in 2018: 943,092",
    "The Pennsylvania vote count dragged, and voters faced long lines",
    "More than 8 million people signed up for coverage through the exchanges.",
    "Getty Images, the photo agency, cut 200 jobs on Monday.",
    "The senator, who is a former reporter, voted against the bill.",
]


def _kinds(paragraphs: list[str]) -> dict[str, NonClaim | None]:
    """Each sentence of an article made of `paragraphs`, with what annotate marked it."""
    text = "\n\n".join(["The river rose two metres overnight after heavy rain.", *paragraphs])
    (article,) = annotate([parallax.load_text(text, source="Example", title="A story")])
    return {s.text: s.nonclaim for s in article.sentences}


@pytest.fixture(scope="module")
def marked() -> dict[str, NonClaim | None]:
    return _kinds([*NONCLAIMS, *CLAIMS])


@pytest.mark.parametrize("line", list(NONCLAIMS))
def test_non_claim_lines_are_marked_with_their_kind(
    marked: dict[str, NonClaim | None], line: str
) -> None:
    assert marked[line] is NONCLAIMS[line]


@pytest.mark.parametrize("line", CLAIMS)
def test_real_statements_are_never_marked(marked: dict[str, NonClaim | None], line: str) -> None:
    assert marked[line] is None


def test_a_caption_paragraph_goes_whole_with_its_credit() -> None:
    caption = ("FILE - In this Jan. 5, 2020, file photo, President Donald Trump speaks in "
               "Washington. (AP Photo/Evan Vucci)")
    kinds = _kinds([caption, "He signed the order on Tuesday."])
    assert {text: kind for text, kind in kinds.items() if kind} == {
        "FILE - In this Jan. 5, 2020, file photo, President Donald Trump speaks in Washington.":
            NonClaim.CAPTION,
        "(AP Photo/Evan Vucci)": NonClaim.CAPTION,
    }


def test_a_prompt_sentence_goes_but_its_paragraph_stays() -> None:
    kinds = _kinds(["The bill passed 52-48 on Friday. Sign up for our newsletter here."])
    assert kinds == {
        "The river rose two metres overnight after heavy rain.": None,
        "The bill passed 52-48 on Friday.": None,
        "Sign up for our newsletter here.": NonClaim.PROMPT,
    }


def test_an_author_bio_is_a_credit_only_at_the_end() -> None:
    bio = "Jane Roe is a columnist for the Daily Courier."
    body = ["Prices rose 3% in May.", "Economists had expected 2%.", "Rents rose fastest.",
            "Fuel fell."]
    at_end = _kinds([*body, bio])
    early = _kinds([bio, *body])
    assert at_end[bio] is NonClaim.CREDIT
    assert early[bio] is None


def test_a_list_item_is_no_subhead() -> None:
    kinds = _kinds(["The plan would:\n\n- Expand Medicaid to four million people\n"
                    "- Cap insulin prices"])
    assert kinds["Expand Medicaid to four million people"] is None
    assert kinds["Cap insulin prices"] is None


def test_the_rules_read_records_without_spacy() -> None:
    text = "Peaceful protests\n\n___"
    sentences = [Sentence(0, 0, 17, "Peaceful protests", 0), Sentence(1, 19, 22, "___", 1)]
    kinds = nonclaim_kinds(text, [Span(0, 17), Span(19, 22)], sentences)
    assert kinds == (NonClaim.SUBHEAD, NonClaim.SEPARATOR)
