"""The `parallax` command as a user meets it: what lands on stdout, stderr, and the exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.warc import make_warc
from typer.testing import CliRunner, Result

from parallax import __version__
from parallax.cli.main import app

EXAMPLES = Path(__file__).parents[2] / "examples" / "harbour-bridge"

ARTICLE_A = """Harbour Bridge walkway falls into the sea

Part of the walkway on the Harbour Bridge collapsed into the harbour on Tuesday evening.

Mayor Helen Okafor called it a minor structural incident and said repairs would take six weeks.

About 12,000 people cross the bridge every weekday."""

ARTICLE_B = """Bridge shut after walkway collapse

A section of the Harbour Bridge walkway fell into the water on Tuesday night.

The mayor said it was a minor structural incident. Repairs are expected to last six weeks.

Ferries will run every 20 minutes while the bridge is closed."""


def invoke(*args: str | Path) -> Result:
    """Run `parallax ARGS...` in-process (models load once per test session)."""
    # Plain output whatever the developer's terminal settings: no forced colours.
    runner = CliRunner(env={"FORCE_COLOR": None, "TTY_COMPATIBLE": None, "PARALLAX_DEBUG": None})
    return runner.invoke(app, [str(a) for a in args])


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def assert_one_error_line(result: Result, *names: str) -> str:
    """Exit code 2, stderr exactly one `error:` line naming every `names`; return that line."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("error: "), line
    for name in names:
        assert name in line, line
    assert_no_traceback(result)
    return line


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A valid article to give alongside a bad one, so the error has to pick the bad one."""
    return write(tmp_path / "good.txt", ARTICLE_A)


# --- the happy paths -------------------------------------------------------------------


def test_seed_pair_writes_all_three_reports(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(
        "compare", seed_dir,
        "--json", out / "r.json", "--markdown", out / "r.md", "--html", out / "r.html",
    )
    assert result.exit_code == 0, result.stderr
    assert_no_traceback(result)
    for seed in sorted(seed_dir.glob("*.txt")):
        assert seed.stem.replace("_", " ") in result.stdout  # the stem, in words
    for name in ("r.json", "r.md", "r.html"):
        assert (out / name).stat().st_size > 0
        assert f"wrote {out / name}" in result.stdout
    report = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert len(report["articles"]) == 2
    assert any(len(claim["sources"]) >= 2 for claim in report["claims"])
    assert "<html" in (out / "r.html").read_text(encoding="utf-8").lower()


def test_harbour_bridge_example(tmp_path: Path) -> None:
    files = sorted(EXAMPLES.glob("*.txt"))
    assert len(files) == 3
    result = invoke("compare", *files, "--json", tmp_path / "demo.json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    for name in ("coastline-press-wire", "marlow-bay-gazette", "the-coastal-voice"):
        assert f"Only in {name}" in result.stdout
    assert "Shared by all 3 sources" in result.stdout
    assert "3 articles" in result.stdout
    report = json.loads((tmp_path / "demo.json").read_text(encoding="utf-8"))
    assert report["summary"]["shared_claims"] >= 3


def test_quiet_prints_only_the_report_paths(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.txt", ARTICLE_A), write(tmp_path / "b.txt", ARTICLE_B)
    result = invoke("compare", a, b, "--quiet", "--markdown", tmp_path / "r.md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"wrote {tmp_path / 'r.md'}"]
    assert result.stderr == ""


def test_identical_texts_under_two_names_are_reported_as_identical(tmp_path: Path) -> None:
    a = write(tmp_path / "herald.txt", ARTICLE_A)
    b = write(tmp_path / "courier.txt", ARTICLE_A)
    result = invoke("compare", a, b)
    assert result.exit_code == 0, result.stderr
    identical = [line for line in result.stdout.splitlines() if "Identical articles" in line]
    assert len(identical) == 1, result.stdout
    assert "herald" in identical[0]
    assert "courier" in identical[0]


def test_source_names_the_articles_in_order(tmp_path: Path) -> None:
    a = write(tmp_path / "000_d2e65f4c9432c01a.txt", ARTICLE_A)
    b = write(tmp_path / "001_5b1e0c77a2f4d9e3.txt", ARTICLE_B)
    result = invoke("compare", a, b, "--source", "Harbour Herald", "--source", "Bay Courier",
                    "--json", tmp_path / "r.json")
    assert result.exit_code == 0, result.stderr
    assert "Only in Harbour Herald" in result.stdout
    assert "Only in Bay Courier" in result.stdout
    assert "d2e65f4c" not in result.stdout
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [article["source"] for article in report["articles"]] == [
        "Harbour Herald", "Bay Courier"]


def test_source_names_must_match_the_articles(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.txt", ARTICLE_A), write(tmp_path / "b.txt", ARTICLE_B)
    result = invoke("compare", a, b, "--source", "Harbour Herald")
    line = assert_one_error_line(result, "--source", "1 name for 2 articles", "E008")
    assert "one --source per article" in line


def test_two_sources_share_claims_as_both(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.txt", ARTICLE_A), write(tmp_path / "b.txt", ARTICLE_B)
    result = invoke("compare", a, b)
    assert result.exit_code == 0, result.stderr
    assert "Shared by both sources" in result.stdout
    assert "all 2 sources" not in result.stdout


FRENCH = """Le pont du port s'effondre

Une partie de la passerelle du pont du port s'est effondrée mardi soir dans le port.

La maire a parlé d'un incident structurel mineur et les réparations dureront six semaines."""


def test_an_article_in_an_unsupported_language_is_left_out_with_a_warning(
    tmp_path: Path,
) -> None:
    a, b = write(tmp_path / "herald.txt", ARTICLE_A), write(tmp_path / "courier.txt", ARTICLE_B)
    french = write(tmp_path / "lemonde.txt", FRENCH)
    result = invoke("compare", a, french, b, "--json", tmp_path / "r.json")
    assert result.exit_code == 0, result.stderr
    assert "Shared by both sources" in result.stdout
    warning = " ".join(result.stdout[result.stdout.index("Warnings"):].split())
    assert ("lemonde (lemonde.txt) was left out of the comparison: language 'fr' is not "
            "supported yet") in warning
    assert "Compared 2 articles" in result.stdout
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [article["source"] for article in report["articles"]] == ["herald", "courier"]


def test_a_comparison_left_with_one_article_in_a_supported_language_fails(
    tmp_path: Path,
) -> None:
    result = invoke("compare", write(tmp_path / "a.txt", ARTICLE_A),
                    write(tmp_path / "lemonde.txt", FRENCH))
    assert_one_error_line(result, "lemonde.txt", "language 'fr' is not supported yet", "E009")


def test_cp1252_file_is_read(tmp_path: Path) -> None:
    text = "Café owners count the cost of the bridge’s closure\n\n" + ARTICLE_A.split("\n\n", 1)[1]
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(text.encode("cp1252"))
    result = invoke("compare", legacy, write(tmp_path / "b.txt", ARTICLE_B))
    assert result.exit_code == 0, result.stderr
    assert "Café owners count the cost of the bridge’s closure" in result.stdout


def test_a_warc_is_compared_with_a_text_file(tmp_path: Path) -> None:
    crawl = make_warc(tmp_path / "crawl.warc")
    b = write(tmp_path / "b.txt", ARTICLE_B)
    result = invoke("compare", crawl, b, "--json", tmp_path / "r.json", "--quiet")
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [(a["source"], a["title"], a["url"]) for a in report["articles"]] == [
        ("Harbour Times", "Bridge closed", "https://harbour.example/bridge"),
        ("Harbour Times", "Café reopens", "https://harbour.example/cafe"),
        ("b", "Bridge shut after walkway collapse", None),
    ]


def test_thresholds_are_passed_on(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.txt", ARTICLE_A), write(tmp_path / "b.txt", ARTICLE_B)
    result = invoke(
        "compare", a, b, "--link-threshold", "0.99", "--paraphrase-threshold", "0.995",
        "--json", tmp_path / "r.json", "--quiet",
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["options"] == {"link_threshold": 0.99, "paraphrase_threshold": 0.995}


# --- bad input: one line on stderr naming the file, exit code 2 --------------------------


def test_empty_file(tmp_path: Path, good: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert_one_error_line(invoke("compare", good, empty), str(empty), "empty", "[E002]")


def test_binary_file(tmp_path: Path, good: Path) -> None:
    picture = tmp_path / "picture.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    line = assert_one_error_line(invoke("compare", good, picture), str(picture), "[E003]")
    assert "PNG" in line


def test_unknown_extension(tmp_path: Path, good: Path) -> None:
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    line = assert_one_error_line(invoke("compare", good, pdf), str(pdf), "[E005]")
    assert "'.pdf'" in line


def test_a_file_that_is_not_a_warc(tmp_path: Path, good: Path) -> None:
    fake = write(tmp_path / "crawl.warc", "this is not an archive\n")
    line = assert_one_error_line(invoke("compare", good, fake), str(fake), "[E005]")
    assert "not a WARC archive" in line


def test_missing_file(tmp_path: Path, good: Path) -> None:
    missing = tmp_path / "missing.txt"
    assert_one_error_line(invoke("compare", good, missing), str(missing), "[E001]")


def test_html_page_without_an_article(tmp_path: Path, good: Path) -> None:
    page = write(
        tmp_path / "login.html",
        "<html><head><title>Sign in</title></head><body><nav><a href='/'>Home</a></nav>"
        "<form><input name='user'><input type='password'><button>Sign in</button></form>"
        "</body></html>",
    )
    line = assert_one_error_line(invoke("compare", good, page), str(page), "[E006]")
    assert "no article" in line


def test_a_single_article(good: Path) -> None:
    line = assert_one_error_line(invoke("compare", good), str(good), "[E010]")
    assert "at least 2" in line


def test_the_same_file_twice(good: Path) -> None:
    line = assert_one_error_line(invoke("compare", good, good), str(good), "[E011]")
    assert "twice" in line


# --- reports that cannot be written ------------------------------------------------------


def test_report_path_that_is_a_directory(tmp_path: Path, good: Path) -> None:
    b = write(tmp_path / "b.txt", ARTICLE_B)
    line = assert_one_error_line(invoke("compare", good, b, "--json", tmp_path), str(tmp_path))
    assert "directory" in line


def test_report_path_that_cannot_be_created(tmp_path: Path, good: Path) -> None:
    b = write(tmp_path / "b.txt", ARTICLE_B)
    target = "/proc/forbidden/x.json"
    line = assert_one_error_line(invoke("compare", good, b, "--quiet", "--json", target), target)
    assert "cannot write" in line


# --- what never reaches the user: tracebacks -----------------------------------------------


def test_a_bug_is_one_line_and_exit_code_1(
    tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("parallax.cli.main.compare_articles", broken)
    b = write(tmp_path / "b.txt", ARTICLE_B)
    result = invoke("compare", good, b)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "internal error: RuntimeError: boom (run with PARALLAX_DEBUG=1 to see the traceback)"
    ]
    assert_no_traceback(result)

    monkeypatch.setenv("PARALLAX_DEBUG", "1")
    debug = CliRunner().invoke(app, ["compare", str(good), str(b)])
    assert isinstance(debug.exception, RuntimeError)


def test_interrupt_exits_130(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(target: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("parallax.cli.main.load_all", interrupted)
    result = invoke("compare", good, good)
    assert result.exit_code == 130
    assert result.stderr.splitlines() == ["interrupted"]
    assert_no_traceback(result)


def test_threshold_out_of_range_is_a_usage_error(good: Path) -> None:
    result = invoke("compare", good, good, "--link-threshold", "1.5")
    assert result.exit_code == 2
    assert "--link-threshold" in result.stderr
    assert_no_traceback(result)


# --- the command itself ------------------------------------------------------------------


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"parallax {__version__}"


def test_no_arguments_shows_help_and_is_no_error() -> None:
    result = invoke()
    assert result.exit_code == 0
    assert "Usage: parallax" in result.stdout and "compare" in result.stdout
    assert result.stderr == ""


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "parallax", "--version"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"parallax {__version__}"
