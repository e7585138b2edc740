"""Direct quotations: finding, scare quotes, attribution, and matching across articles."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from helpers.models import encoder

import parallax
from parallax.analyse.quotes.extract import (
    extract_quotes,
    extract_scare_quotes,
    quotes_of,
    unmatched,
)
from parallax.analyse.quotes.marks import find_quotations, find_titles
from parallax.analyse.quotes.match import match_quotes
from parallax.annotate import annotate
from parallax.types import AnnotatedArticle, Article, Quote, QuoteMatch, QuoteRelation, Span

TOKAYEV = "Kassym-Jomart Tokayev"


def annotated(text: str, source: str = "test") -> AnnotatedArticle:
    return annotate([parallax.load_text(text, source=source, title="")])[0]


def quote_with(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, f"{len(found)} quotes contain {fragment!r}: {quotes}"
    return found[0]


# --- the seed pair ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(seed_dir: Path) -> tuple[list[AnnotatedArticle], list[Quote], list[QuoteMatch]]:
    articles = annotate([parallax.load(seed_dir / "000_d2e65f4c9432c01a.txt"),
                         parallax.load(seed_dir / "001_9b04cd35a1cac6b3.txt")])
    quotes, matches = quotes_of(articles, encoder())
    return articles, quotes, matches


def match_of(matches: list[QuoteMatch], quote: Quote) -> list[QuoteMatch]:
    return [m for m in matches if quote.id in m.quotes]


@pytest.mark.parametrize(
    ("fragment_000", "fragment_001"),
    [
        ("Whoever does not surrender will be destroyed", "Militants who do not surrender"),
        ("to shoot to kill, without warning",
         "to open fire to kill the terrorists without warning"),
    ],
)
def test_same_utterance_in_both_seeds_is_matched(seeds, fragment_000, fragment_001) -> None:  # type: ignore[no-untyped-def]
    articles, quotes, matches = seeds
    first = quote_with([q for q in quotes if q.article == articles[0].id], fragment_000)
    second = quote_with([q for q in quotes if q.article == articles[1].id], fragment_001)
    assert any(second.id in m.quotes for m in match_of(matches, first))


def test_quote_only_one_seed_carries(seeds) -> None:  # type: ignore[no-untyped-def]
    articles, quotes, matches = seeds
    absurd = quote_with(quotes, "What an absurd thing. What negotiations can there be")
    assert absurd.article == articles[1].id
    assert absurd.speaker == TOKAYEV
    assert absurd.cue == "said"
    assert absurd in unmatched(quotes, matches)


def test_every_seed_quote_is_tokayevs(seeds) -> None:  # type: ignore[no-untyped-def]
    _, quotes, _ = seeds
    assert len(quotes) >= 15
    assert {q.speaker for q in quotes} == {TOKAYEV}


@pytest.mark.parametrize(
    ("fragment", "cue", "mention"),
    [
        ("The so-called free media", "asserted", "the president"),
        ("The tragedy in Almaty", "stressed", "he"),
        ("Terrorists must be fought to the end", "added", "he"),
        ("What an absurd thing", "said", "Tokayev"),
        ("The constitutional order was restored", "told", "he"),
        ("The militants have not laid down their arms", "said", "he"),
    ],
)
def test_seed_cues_and_mentions(seeds, fragment, cue, mention) -> None:  # type: ignore[no-untyped-def]
    articles, quotes, _ = seeds
    quote = quote_with(quotes, fragment)
    text = next(a for a in articles if a.id == quote.article).article.text
    assert quote.cue == cue
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert text[quote.speaker_start:quote.speaker_end] == mention


@pytest.mark.parametrize("fragment", ["The police, the National Guard and the Army",
                                      "Their actions showed the presence",
                                      "Law enforcement agencies and armies will continue"])
def test_bullet_quotes_of_the_speech_are_tokayevs(seeds, fragment) -> None:  # type: ignore[no-untyped-def]
    quote = quote_with(seeds[1], fragment)
    assert quote.speaker == TOKAYEV


def test_quotes_over_two_paragraphs_are_one(seeds) -> None:  # type: ignore[no-untyped-def]
    quotes = seeds[1]
    told = quote_with(quotes, "The constitutional order was restored")
    assert "Local authorities are in control" in told.text and "But terrorists" in told.text
    stressed = quote_with(quotes, "The tragedy in Almaty")
    assert "health and life of hundreds of civilians" in stressed.text


def test_seed_quotes_are_numbered_in_article_order(seeds) -> None:  # type: ignore[no-untyped-def]
    articles, quotes, _ = seeds
    assert [q.id for q in quotes] == [f"q{n}" for n in range(1, len(quotes) + 1)]
    order = {a.id: i for i, a in enumerate(articles)}
    assert [(order[q.article], q.start) for q in quotes] == sorted(
        (order[q.article], q.start) for q in quotes)
    for quote in quotes:
        assert quote.sentences


def test_seed_scare_quotes_are_not_quotes(seeds) -> None:  # type: ignore[no-untyped-def]
    articles, quotes, _ = seeds
    scare = {text for _, _, text in extract_scare_quotes(articles[1])}
    assert {"bandits", "terrorists", "tragic events"} <= scare
    assert not any(q.text in scare for q in quotes)


# --- small cases --------------------------------------------------------------------------


def test_nested_quote_stays_inside() -> None:
    article = annotated("Anna Berg spoke to reporters.\n\n"
                        "“He told me ‘never again’ and walked out,” Berg said.")
    quotes = extract_quotes(article)
    assert len(quotes) == 1
    assert quotes[0].text == "He told me ‘never again’ and walked out"
    assert quotes[0].speaker == "Anna Berg"


def test_quote_without_speaker() -> None:
    article = annotated("The banner over the square carried a single line: "
                        "“We will not leave until the law is changed.”")
    [quote] = extract_quotes(article)
    assert quote.text == "We will not leave until the law is changed."
    assert quote.speaker is None


def test_two_speakers_in_one_paragraph() -> None:
    article = annotated("“We will win this election,” said Anna Berg. "
                        "“They have already lost,” replied Tom Hale, her rival.")
    first, second = extract_quotes(article)
    assert (first.speaker, first.cue) == ("Anna Berg", "said")
    assert (second.speaker, second.cue) == ("Tom Hale", "replied")


def test_scare_quote_and_real_quotation() -> None:
    article = annotated("The minister called the protesters “bandits” and said: "
                        "“They will be punished for what they did.”")
    [quote] = extract_quotes(article)
    assert quote.text == "They will be punished for what they did."
    assert quote.speaker == "the minister"
    assert [text for _, _, text in extract_scare_quotes(article)] == ["bandits"]


def test_unbalanced_marks_are_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    text = ("Mayor Lena Ortiz said “the budget is final. Council members disagreed.\n\n"
            "The vote is on Monday, Ortiz said: “We are ready.”\n\n"
            "A stray closing mark” and odd ones: \" “ ” „ « » '' ``")
    with caplog.at_level(logging.WARNING, logger="parallax.analyse.quotes.marks"):
        quotes = extract_quotes(annotated(text))
    assert "We are ready." in [q.text for q in quotes]
    assert not any("budget" in q.text for q in quotes)
    assert any("no closing mark" in r.message for r in caplog.records)


def test_warnings_quote_the_text_of_the_unbalanced_mark(caplog: pytest.LogCaptureFixture) -> None:
    """The seed 001 case: a quotation left open when the next one starts in the paragraph."""
    text = ("Tokayev said activists “consider themselves above the law, adding that the "
            "“irresponsible actions” of these activists hurt order.")
    with caplog.at_level(logging.WARNING, logger="parallax.analyse.quotes.marks"):
        extract_quotes(annotated(text))
    messages = " ".join(r.message for r in caplog.records)
    assert "consider themselves above" in messages
    assert not any(char.isdigit() for char in messages)


def test_article_without_quotes() -> None:
    article = annotated("Prices rose by 3% in May, the statistics office said on Monday.")
    assert extract_quotes(article) == []
    assert extract_scare_quotes(article) == []


def test_interrupted_quote_is_one_quote() -> None:
    text = "Lena Ortiz met the council.\n\n“We are ready,” she said, “and we will not wait.”"
    article = annotated(text)
    [quote] = extract_quotes(article)
    assert quote.text == "We are ready and we will not wait."
    assert text[quote.start:quote.end].startswith("We are ready")
    assert text[quote.start:quote.end].endswith("will not wait.")
    assert (quote.speaker, quote.cue) == ("Lena Ortiz", "said")
    assert text[quote.speaker_start:quote.speaker_end] == "she"


def test_paragraph_continuation_convention() -> None:
    text = ("Mayor Lena Ortiz spoke on Monday.\n\n“The first part of it goes on.\n\n"
            "“The second part ends here,” Ortiz said.\n\n“A new quote.”")
    quotes = extract_quotes(annotated(text))
    assert [q.text for q in quotes] == [
        "The first part of it goes on. The second part ends here", "A new quote."]
    assert {q.speaker for q in quotes} == {"Lena Ortiz"}


@pytest.mark.parametrize("marked", ['"We will win," he said.', "''We will win,'' he said.",
                                    "«We will win», he said.", "‘We will win,’ he said."])
def test_straight_typewriter_and_other_marks(marked: str) -> None:
    quotes = extract_quotes(annotated(f"Tom Hale spoke.\n\n{marked}"))
    assert [(q.text, q.speaker) for q in quotes] == [("We will win", "Tom Hale")]


def test_title_and_colon_attribution() -> None:
    text = ("President Anna Berg spoke in a televised address on Monday.\n\n"
            "“The crisis is over,” the president said.\n\n"
            "According to Berg, “the army will stay until order returns.”")
    first, second = extract_quotes(annotated(text))
    assert first.speaker == second.speaker == "Anna Berg"
    assert second.cue == "according to"


def test_find_quotations_never_raises_on_odd_text() -> None:
    text = "\" “ ” „ « » '' `` ‘ ’ ' \"a\" “b “c” ”d”"
    # Built by hand: ingest refuses text this short of letters as no article at all.
    article = Article(id="odd", text=text, source="odd", paragraphs=(Span(0, len(text)),))
    assert all(f.start <= f.end for f in find_quotations(article))


# --- matching -----------------------------------------------------------------------------


def q(id_: str, article: str, text: str, speaker: str | None = "Anna Berg") -> Quote:
    return Quote(id=id_, article=article, start=0, end=len(text), text=text, sentences=(0,),
                 speaker=speaker)


def test_matching_relations() -> None:
    quotes = [
        q("q1", "a", "We will rebuild every school that was destroyed in the floods."),
        q("q2", "a", "The budget for hospitals will double next year."),
        q("q3", "b", "We will rebuild every school that was destroyed by the floods."),
        q("q4", "b", "Nobody expected the storm to hit the capital. "
                     "Hospitals will get twice the budget next year, and more doctors."),
        q("q5", "c", "Our football team played very well this season."),
    ]
    matches = match_quotes(quotes, encoder())
    by_quotes = {m.quotes: m for m in matches}
    assert by_quotes[("q1", "q3")].relation == QuoteRelation.SAME
    assert by_quotes[("q2", "q4")].relation == QuoteRelation.PARTIAL
    assert all("q5" not in m.quotes for m in matches)
    assert [x.id for x in unmatched(quotes, matches)] == ["q5"]


def test_different_speakers_are_not_matched() -> None:
    quotes = [q("q1", "a", "We will rebuild every school that was destroyed in the floods."),
              q("q2", "b", "We will rebuild every school that was destroyed in the floods.",
                speaker="Tom Hale")]
    assert match_quotes(quotes, encoder()) == []


def test_a_verbatim_quote_matches_across_a_name_and_a_description() -> None:
    text = "We are disappointed by the decision, but hardly surprised by it."
    quotes = [q("q1", "a", text, speaker="William McGinley"),
              q("q2", "b", text.replace("We are", "We're"), speaker="the statement"),
              q("q3", "c", "We are disappointed by the weather this weekend.",
                speaker="the statement")]
    assert [m.quotes for m in match_quotes(quotes, encoder())] == [("q1", "q2")]


def test_described_speakers_are_one_speaker_whatever_the_case() -> None:
    article = annotated(
        "“We will appeal,” the statement said.\n\nThe statement said: “We will win.”")
    assert [x.speaker for x in extract_quotes(article)] == ["the statement", "the statement"]


def test_a_place_the_parse_took_for_the_subject_yields_to_the_person() -> None:
    article = annotated("In Michigan, where police and protesters have skirmished in Grand "
                        "Rapids despite many demonstrations remaining peaceful, Gov. Gretchen "
                        "Whitmer, a Democrat, called the president's remarks \"dangerous\" "
                        "and said they should be \"gravely concerning to all Americans.\"")
    assert {x.speaker for x in extract_quotes(article)} == {"Gretchen Whitmer"}


def test_the_object_of_a_gerund_is_no_speaker() -> None:
    article = annotated("Ryan defended his budget, saying that the concept of denying tax "
                        "credits to illegal immigrants is merely “following through on policy.”")
    assert [x.speaker for x in extract_quotes(article)] == ["Ryan"]


def test_editorial_labels_and_times_are_no_speakers() -> None:
    article = annotated("UPDATE: 7:19 p.m. -- The Post now reports that Grimm has "
                        "“been secretly indicted by a federal grand jury in Brooklyn.”")
    assert [x.speaker for x in extract_quotes(article)] in ([None], ["The Post"])


def test_one_quote_per_article_in_a_match() -> None:
    text = "We will rebuild every school that was destroyed in the floods."
    quotes = [q("q1", "a", text), q("q2", "b", text), q("q3", "b", text + " Soon."),
              q("q4", "c", text)]
    matches = match_quotes(quotes, encoder())
    for match in matches:
        articles = [next(x.article for x in quotes if x.id == i) for i in match.quotes]
        assert len(articles) == len(set(articles))
    assert any(len(m.quotes) == 3 for m in matches)


# --- titles and mixed marks -----------------------------------------------------------------


def test_titles_in_quotation_marks_are_neither_quotes_nor_scare_quotes() -> None:
    text = ("Anna Berg appeared on “Meet the Press” on Sunday, praised “The Art of the Deal” "
            "and mocked the “Make America Great Again” hats. “We will not back down,” she said.")
    article = annotated(text)
    assert [q.text for q in extract_quotes(article)] == ["We will not back down"]
    assert extract_scare_quotes(article) == []
    titles = [text[f.start:f.end] for f in find_titles(article.article)]
    assert titles == ["Meet the Press", "The Art of the Deal", "Make America Great Again"]


def test_title_case_words_someone_said_are_a_quote_but_a_show_before_said_is_a_title() -> None:
    text = ("Speaking on “Face the Nation,” Anna Berg said she would run. "
            "“I’m a New Yorker,” she said, “and New Yorkers know a con when we see one.”")
    article = annotated(text)
    assert [q.text for q in extract_quotes(article)] == [
        "I’m a New Yorker and New Yorkers know a con when we see one."]
    assert [text[f.start:f.end] for f in find_titles(article.article)] == ["Face the Nation"]


@pytest.mark.parametrize("quoted", ["“We Will Win!”", "“USA USA”", "“Pay. Now.”"])
def test_capitalised_exclamations_and_sentences_stay_quotes(quoted: str) -> None:
    article = parallax.load_text(f"The crowd shouted {quoted} at the mayor.", source="t",
                                 title="")
    assert find_titles(article) == []
    assert len(find_quotations(article)) == 1


@pytest.mark.parametrize("marked", ['“We will win," he said.', "“We will win,“ he said."])
def test_mixed_and_misused_marks_close_the_quote(marked: str) -> None:
    quotes = extract_quotes(annotated(f"Tom Hale spoke.\n\n{marked} “They lost.”"))
    assert [(q.text, q.speaker) for q in quotes] == [("We will win They lost.", "Tom Hale")]


# --- attribution from the parse ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The new ad uses footage of Hillary Clinton asking, “Why aren’t I 50 points ahead?”",
         "Hillary Clinton"),
        ("Mary Blige sings to Hillary Clinton before asking her, “Where do we go from here?”",
         "Mary Blige"),
        ("“Will he finally resign in disgrace?” the nominee, Donald Trump, tweeted Sunday.",
         "Donald Trump"),
        ("The spot shows Donald Trump saying during the debate, “That makes me smart,” when "
         "Hillary Clinton blasted him for not paying taxes.", "Donald Trump"),
        ("“Trump must stop portraying Latinos as gangsters.”― Carla Sanchez.", "Carla Sanchez"),
    ],
)
def test_speaker_of_participles_appositives_and_dashes(text: str, speaker: str) -> None:
    [quote] = extract_quotes(annotated(text))
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("“Having the voter file is valuable,” said Skelly, explaining how it works.", "Skelly"),
        ("“Our revolution has already forced her to change her mind,” read the email.",
         "the email"),
    ],
)
def test_speaker_right_after_the_verb(text: str, mention: str) -> None:
    [quote] = extract_quotes(annotated(text))
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert text[quote.speaker_start:quote.speaker_end] == mention
