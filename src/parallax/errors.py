"""One catalogue of the errors a user can meet, each saying what is wrong and how to fix it.

The CLI prints `str(error)` as a single line and exits with code 2; nothing else reaches
the user as a traceback.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar


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
    STORE = "E015"
    ENGINE = "E016"
    OUTLETS = "E017"
    STORY_NOT_FOUND = "E018"
    DEVICE = "E019"
    LIMIT = "E020"
    LISTEN = "E021"
    REPORT_PATH = "E022"


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
        # call the class with str(self) as its only argument. The attributes are set back
        # instead, whatever a subclass's constructor takes.
        return _restore, (type(self), self.__dict__)


def _restore(cls: type[ParallaxError], state: dict[str, Any]) -> ParallaxError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    error.args = (str(error),)
    return error


class InputError(ParallaxError):
    """An input file or record that cannot be read as an article."""


class ModelError(ParallaxError):
    """A model package that is missing or not the model we expect."""


class OneCodeError(ParallaxError):
    """An error that always has the same code, its class's `CODE`."""

    CODE: ClassVar[ErrorCode]

    def __init__(self, message: str, *, origin: str | None = None) -> None:
        super().__init__(self.CODE, message, origin=origin)


class StoreError(OneCodeError):
    """A store that cannot be opened or used: bad URL, missing driver, server down."""

    CODE = ErrorCode.STORE


class EngineError(OneCodeError):
    """The engine could not finish a job (workers lost, scheduler unreachable)."""

    CODE = ErrorCode.ENGINE


class OutletsError(OneCodeError):
    """An outlets file that cannot be read at all (missing, not CSV/YAML, no name column)."""

    CODE = ErrorCode.OUTLETS


class StoryNotFoundError(OneCodeError, LookupError):
    """A story id that is not in the store at `url` (kept out of the message, which web
    pages show)."""

    CODE = ErrorCode.STORY_NOT_FOUND

    def __init__(self, story_id: int, url: str) -> None:
        super().__init__(
            f"there is no story {story_id}; `parallax stories --min-sources 1` lists them all")
        self.url = url


class DeviceError(OneCodeError, ValueError):
    """A device that cannot run the encoder here (no CUDA, an unknown name)."""

    CODE = ErrorCode.DEVICE


class LimitError(OneCodeError):
    """A web request refused because of a limit, with its HTTP `status`."""

    CODE = ErrorCode.LIMIT

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


class ListenError(OneCodeError, OSError):
    """An address the server cannot listen on; its message names it and says why."""

    CODE = ErrorCode.LISTEN


class ReportPathError(OneCodeError):
    """A report that cannot be written where the user asked."""

    CODE = ErrorCode.REPORT_PATH

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write the report ({reason})", origin=str(path))
