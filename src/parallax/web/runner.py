"""Comparisons off the event loop: one worker thread, models loaded once, a time limit each."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from parallax.compare import compare
from parallax.errors import LimitError
from parallax.ingest import load_text

log = logging.getLogger(__name__)

T = TypeVar("T")

# Two sentences that load every model a comparison needs (spaCy, the encoder, the
# same-claim model, the analysers), so that the first user does not wait for them.
_WARM_UP = (
    "The bridge was closed on Tuesday after a storm. Officials said repairs would take two weeks.",
    "A storm closed the bridge on Tuesday. Repairs will last a fortnight, officials said.",
)


def warm_up() -> None:
    """Load every model a comparison needs; they stay loaded for the life of the process."""
    compare([load_text(text, source=f"warm-up {n}") for n, text in enumerate(_WARM_UP)])
    log.info("models loaded")


class Runner:
    """Runs CPU work for requests on one worker thread, each call within `timeout_s`.

    One worker because the pipeline's models and caches are shared by the process and are
    not made for concurrent use; requests queue, and time spent queued counts towards the
    limit. A call that times out is answered 504 at once; if it had already started, its
    thread finishes the work in the background (the pipeline cannot be interrupted).
    """

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parallax-web")

    async def run(self, work: Callable[[], T]) -> T:
        """The result of `work()` run on the worker, or a 504 `LimitError` past the limit."""
        future = asyncio.get_running_loop().run_in_executor(self._executor, work)
        try:
            return await asyncio.wait_for(future, self.timeout_s)
        except TimeoutError:
            raise LimitError(
                504,
                f"the comparison took longer than {self.timeout_s:g} s, the limit per "
                "request; compare fewer or shorter articles",
            ) from None

    async def warm(self) -> None:
        """Load the pipeline's models now, on the worker, without a time limit."""
        await asyncio.get_running_loop().run_in_executor(self._executor, warm_up)

    def close(self) -> None:
        """Stop the worker; queued calls are dropped."""
        self._executor.shutdown(wait=False, cancel_futures=True)
