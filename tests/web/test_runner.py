"""The comparison worker: results come back, work past the limit is refused with 504."""

from __future__ import annotations

import asyncio
import time

import pytest

from parallax.errors import LimitError
from parallax.web.runner import Runner


def test_result_of_work_within_the_limit() -> None:
    runner = Runner(timeout_s=5)
    assert asyncio.run(runner.run(lambda: 6 * 7)) == 42
    runner.close()


def test_work_past_the_limit_is_504_and_the_worker_goes_on() -> None:
    runner = Runner(timeout_s=0.05)
    with pytest.raises(LimitError) as refused:
        asyncio.run(runner.run(lambda: time.sleep(0.5)))
    assert refused.value.status == 504
    assert "took longer than 0.05 s" in refused.value.message
    runner.timeout_s = 5
    assert asyncio.run(runner.run(lambda: "next")) == "next"
    runner.close()
