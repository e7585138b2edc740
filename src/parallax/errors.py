"""One catalogue of the errors a user can meet, each saying what is wrong and how to fix it.

The CLI prints `str(error)` as a single line and exits with code 2; nothing else reaches
the user as a traceback.
"""

from __future__ import annotations

from enum import StrEnum
from functools import partial
from typing import Any


class ErrorCode(StrEnum):
    """Stable codes, so scripts can tell problems apart without parsing messages."""

    NOT_FOUND = "E001"
    EMPTY = "E002"
    BINARY = "E003"
    UNDECODABLE = "E004"
    UNSUPPORTED_FORMAT = "E005"
    NO_ARTICLE = "E006"
    TOO_LARGE = "E007"
    BAD_RECORD = "E008"
    UNSUPPORTED_LANGUAGE = "E009"
    TOO_FEW_ARTICLES = "E010"
    DUPLICATE_INPUT = "E011"
    MODEL_MISSING = "E012"
    MODEL_CORRUPT = "E013"
    FETCH_FAILED = "E014"


class ParallaxError(Exception):
    """Base class of every error the package raises on purpose."""

    def __init__(self, code: ErrorCode, message: str, *, origin: str | None = None) -> None:
        self.code = code
        self.message = message
        self.origin = origin
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.message} [{self.code}]"

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors travel from engine workers to the driver; Exception's own pickling would
        # call the class with str(self) as its only argument.
        return partial(type(self), origin=self.origin), (self.code, self.message)


class InputError(ParallaxError):
    """An input file or record that cannot be read as an article."""


class ModelError(ParallaxError):
    """A model package that is missing or not the model we expect."""
