"""Language detection and the refusal of languages we have no pipeline for."""

from __future__ import annotations

import pytest

from parallax.annotate import annotate
from parallax.annotate.languages import LANGUAGES, detect_language, language_of, resolve_languages
from parallax.errors import ErrorCode, InputError
from parallax.types import Article

ENGLISH = (
    "The government announced a new pension reform on Tuesday. It will be presented "
    "to parliament next week, and unions have already called for a strike."
)
FRENCH = (
    "Le gouvernement a annoncé mardi une nouvelle réforme des retraites. Elle sera "
    "présentée au Parlement la semaine prochaine et les syndicats appellent déjà à la grève."
)
GERMAN = (
    "Die Regierung hat am Dienstag eine neue Rentenreform angekündigt. Sie soll nächste "
    "Woche dem Parlament vorgelegt werden, und die Gewerkschaften rufen bereits zum Streik auf."
)


def test_english_paragraph_is_detected_as_english() -> None:
    assert detect_language(ENGLISH) == "en"
    assert language_of(ENGLISH, None, origin="a.txt") is LANGUAGES["en"]


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (GERMAN, "de")])
def test_other_languages_are_detected_as_such(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (GERMAN, "de")])
def test_unsupported_language_is_refused_naming_origin_and_supported(text: str, code: str) -> None:
    with pytest.raises(InputError) as caught:
        language_of(text, None, origin="lemonde.txt")
    error = caught.value
    assert error.code is ErrorCode.UNSUPPORTED_LANGUAGE
    assert error.origin == "lemonde.txt"
    message = str(error)
    assert message.startswith("lemonde.txt: ")
    assert f"'{code}'" in message
    assert "English (en)" in message
    assert "\n" not in message


def test_annotate_refuses_a_french_article_and_names_its_file() -> None:
    english = Article(id="en1", text=ENGLISH, source="Example Post", origin="post.txt")
    french = Article(id="fr1", text=FRENCH, source="Le Monde", origin="lemonde.html")
    with pytest.raises(InputError) as caught:
        annotate([english, french])
    assert caught.value.code is ErrorCode.UNSUPPORTED_LANGUAGE
    assert caught.value.origin == "lemonde.html"


def test_annotate_names_the_article_id_when_it_has_no_origin() -> None:
    french = Article(id="fr-record-7", text=FRENCH, source="Le Monde")
    with pytest.raises(InputError, match="fr-record-7"):
        annotate([french])


@pytest.mark.parametrize("declared", ["en", "EN", "en-GB", "en-us"])
def test_declared_english_variants_are_accepted(declared: str) -> None:
    assert language_of(ENGLISH, declared, origin=None).code == "en"


def test_declared_language_wins_over_detection() -> None:
    # A record that says it is French is refused even if the text looks English...
    with pytest.raises(InputError, match="'fr'"):
        language_of(ENGLISH, "fr", origin="record")
    # ...and one that says English is annotated as English whatever the guess.
    assert language_of(FRENCH, "en", origin="record").code == "en"


def test_declared_posix_locale_is_accepted() -> None:
    assert language_of(ENGLISH, "en_US", origin="record.jsonl").code == "en"


@pytest.mark.parametrize("text", ["Danke schön!", "Oui, merci.", "Breaking: 12 dead", ""])
def test_very_short_text_defaults_to_english(text: str) -> None:
    assert detect_language(text) == "en"
    assert language_of(text, None, origin=None).code == "en"


def test_english_negation_words_cover_the_common_forms() -> None:
    assert {"not", "n't", "never", "no", "nobody", "cannot"} <= LANGUAGES["en"].negations


# Two AllSides headlines py3langid reads as Nigerian Pidgin (probabilities 0.52 and 0.56).
HEADLINES = (
    "Trump doubles down on family separation policy",
    "Indiana Gov. Pence backs Cruz for president ahead of state primary",
)


def test_an_unsure_headline_takes_the_language_of_the_others() -> None:
    articles = [Article(id=f"h{n}", text=text, source=f"Outlet {n}")
                for n, text in enumerate(HEADLINES)]
    articles.append(Article(id="en1", text=ENGLISH, source="Example Post"))
    assert resolve_languages(articles) == [LANGUAGES["en"]] * 3
    assert [a.language for a in annotate(articles)] == ["en"] * 3


def test_unsure_headlines_alone_are_not_refused() -> None:
    articles = [Article(id=f"h{n}", text=text, source=f"Outlet {n}")
                for n, text in enumerate(HEADLINES)]
    assert [a.language for a in annotate(articles)] == ["en", "en"]


def test_a_sure_unsupported_language_is_still_an_error_of_its_own() -> None:
    articles = [Article(id="en1", text=ENGLISH, source="Example Post"),
                Article(id="fr1", text=FRENCH, source="Le Monde", origin="lemonde.html")]
    english, french = resolve_languages(articles)
    assert english is LANGUAGES["en"]
    assert isinstance(french, InputError) and french.origin == "lemonde.html"
