"""`--engine`, `--workers` and `--address` on `parallax ingest` and `parallax cluster`."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli.main import app

from .conftest import write_stream

runner = CliRunner()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--engine", "ray"], "error: unknown engine 'ray'; choose one of local, dask"),
        (["--address", "tcp://127.0.0.1:8786"], "error: --address is for --engine dask"),
    ],
)
def test_bad_engine_options_fail_in_one_line(
    tmp_path: Path, options: list[str], message: str
) -> None:
    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    result = runner.invoke(app, ["cluster", "--db", db, *options])
    assert result.exit_code == 2
    assert result.output.strip() == message


def test_an_unreachable_scheduler_fails_in_one_line_before_the_store_is_touched(
    tmp_path: Path,
) -> None:
    stream = write_stream(tmp_path / "stream.jsonl", stories=2)
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = runner.invoke(
        app,
        ["ingest", str(stream), "--db", f"sqlite:///{tmp_path / 'corpus.db'}",
         "--log", str(tmp_path / "log"), "--engine", "dask", "--address", address],
    )  # fmt: skip
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"error: cannot reach the Dask scheduler at {address}")
    assert not (tmp_path / "corpus.db").exists()


def test_local_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    stream = write_stream(tmp_path / "stream.jsonl", stories=30)
    outputs = []
    for name, workers in (("one", "1"), ("two", "2")):
        result = runner.invoke(
            app,
            ["ingest", str(stream), "--db", f"sqlite:///{tmp_path / name}.db",
             "--log", str(tmp_path / "log"), "--workers", workers],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert outputs[0] == outputs[1]
    assert "120 new" in outputs[0] and "30 new stories" in outputs[0]
