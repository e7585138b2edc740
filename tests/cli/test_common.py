"""What every command shares: how it ends when its reader goes, how it reads dates."""

from __future__ import annotations

import os
import sys
from datetime import date, datetime

import pytest
import typer

from parallax.cli.common import errors_as_lines, parse_moment


def test_output_cut_short_by_its_reader_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `parallax … | head`: head has read its lines and closed the pipe.
    read, write = os.pipe()
    os.close(read)
    with os.fdopen(write, "w") as closed:
        monkeypatch.setattr(sys, "stdout", closed)
        with pytest.raises(typer.Exit) as ended, errors_as_lines():
            typer.echo("a line nobody reads")
        monkeypatch.undo()
    assert ended.value.exit_code == 1
    assert capsys.readouterr().err == ""  # no "internal error", no traceback


def test_since_and_until_take_a_day_or_a_moment(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_moment("--since", "2024-05-01") == date(2024, 5, 1)
    assert parse_moment("--until", "2024-05-01T12:30:00+02:00") == datetime(2024, 5, 1, 10, 30)
    assert parse_moment("--since", None) is None
    with pytest.raises(typer.Exit) as refused:
        parse_moment("--since", "last week")
    assert refused.value.exit_code == 2
    assert capsys.readouterr().err == "error: --since 'last week': not a date; use YYYY-MM-DD\n"
