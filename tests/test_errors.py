"""The error catalogue: each error a user can meet has a code of its own in its one line,
and comes back whole from an engine worker (pickled)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from parallax import errors
from parallax.errors import (
    DeviceError,
    EngineError,
    ErrorCode,
    InputError,
    LimitError,
    ListenError,
    ModelError,
    OneCodeError,
    OutletsError,
    ParallaxError,
    ReportPathError,
    StoreError,
    StoryNotFoundError,
)

NO_STORY = StoryNotFoundError(999, "sqlite:///corpus.db")
BAD_DEVICE = DeviceError("unknown device 'tpu'; use cpu, cuda or cuda:N")
TAKEN_PORT = ListenError("cannot listen on 127.0.0.1:8000 (Address already in use)")
REPORT_DIR = ReportPathError(Path("reports"), "it is a directory")
# One error of each class, as the user meets it.
EXAMPLES: list[ParallaxError] = [
    InputError(ErrorCode.EMPTY, "the file is empty", origin="notes.txt"),
    ModelError(ErrorCode.MODEL_MISSING, "no model.safetensors in /models"),
    StoreError("mysql://u@h/db: unsupported database 'mysql'"),
    EngineError("a local worker process died (killed or out of memory)"),
    OutletsError("outlets.csv: no 'name' column in the header"),
    NO_STORY,
    BAD_DEVICE,
    LimitError(504, "the comparison took longer than 120 s, the limit per request"),
    TAKEN_PORT,
    REPORT_DIR,
]


def test_every_error_class_has_its_own_code() -> None:
    classes = {
        value for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, ParallaxError)
    } - {ParallaxError, OneCodeError}  # fmt: skip
    assert {type(error) for error in EXAMPLES} == classes  # a new class needs an example
    assert len({error.code for error in EXAMPLES}) == len(EXAMPLES)
    assert len({code.value for code in ErrorCode}) == len(ErrorCode.__members__)  # no alias


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda error: type(error).__name__)
def test_an_error_is_one_line_ending_in_its_code(error: ParallaxError) -> None:
    line = str(error)
    assert "\n" not in line
    assert line.endswith(f"{error.message} [{error.code}]")


def test_messages_keep_their_wording_and_a_missing_story_hides_the_store_url() -> None:
    assert str(NO_STORY) == (
        "there is no story 999; `parallax stories --min-sources 1` lists them all [E018]"
    )
    assert NO_STORY.url == "sqlite:///corpus.db"
    assert str(REPORT_DIR) == "reports: cannot write the report (it is a directory) [E022]"


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda error: type(error).__name__)
def test_an_error_pickles_back_whole(error: ParallaxError) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert vars(back) == vars(error)  # code, message, origin, and a limit's HTTP status


def test_errors_are_still_what_callers_catch() -> None:
    for error, builtin in ((NO_STORY, LookupError), (BAD_DEVICE, ValueError),
                           (TAKEN_PORT, OSError)):  # fmt: skip
        assert isinstance(pickle.loads(pickle.dumps(error)), builtin)
