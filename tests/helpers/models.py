"""The shipped models, for tests that call an analyser directly instead of `compare`."""

from __future__ import annotations

from parallax.align.embed import Encoder
from parallax.options import Models


def encoder() -> Encoder:
    """The shipped sentence encoder, loaded once per process."""
    return Models.load().encoder
