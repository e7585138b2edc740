"""A live server on loopback, Debian's Chromium driven by Playwright, and the seed pair."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from parallax.web.app import create_app
from parallax.web.limits import Limits
from parallax.web.server import listening_socket

ARTIFACTS = Path(os.environ.get("PARALLAX_TEST_ARTIFACTS", Path(__file__).parents[1] / "artifacts"))
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


@pytest.fixture(scope="session")
def seed_texts(seed_dir: Path) -> tuple[str, str]:
    """The two seed articles on one story, as text to paste."""
    return (
        (seed_dir / "000_d2e65f4c9432c01a.txt").read_text("utf-8"),
        (seed_dir / "001_9b04cd35a1cac6b3.txt").read_text("utf-8"),
    )


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """The app served by uvicorn in a background thread; yields its base URL."""
    sock = listening_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(Limits()), log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # startup loads the models
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the web app did not start")
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)
    sock.close()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium; the browser tests skip when it is not installed."""
    found = next((p for p in CHROMIUM_CANDIDATES if Path(p).is_file()), None)
    found = found or shutil.which("chromium")
    if found is None:
        pytest.skip(f"no Chromium found at {', '.join(CHROMIUM_CANDIDATES)} or on PATH "
                    "(apt-get install chromium)")
    return found


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots of the browser tests go (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
