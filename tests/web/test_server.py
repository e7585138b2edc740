"""`parallax serve`: an address that cannot be listened on is one line, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli.serve import app
from parallax.web.server import listening_socket


def test_taken_port_is_refused_with_the_address() -> None:
    with listening_socket("127.0.0.1", 0) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(OSError, match=f"cannot listen on 127.0.0.1:{port} "):
            listening_socket("127.0.0.1", port)


def test_serve_on_a_taken_port_exits_with_one_line(tmp_path: Path) -> None:
    with listening_socket("127.0.0.1", 0) as taken:
        port = taken.getsockname()[1]
        db = f"sqlite:///{tmp_path / 'corpus.db'}"
        result = CliRunner().invoke(app, ["--port", str(port), "--db", db])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: cannot listen on 127.0.0.1:{port} (Address already in use) [E021]"
    ]


def test_serve_with_a_store_it_cannot_open_exits_with_one_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'corpus.db'}"
    result = CliRunner().invoke(app, ["--port", "1", "--db", db])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: cannot open the store sqlite:///")
