"""The command line: demo, summary, help, and clean errors with exit status 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import selfhelp_exchange as shx
from selfhelp_exchange.cli import FOLDER, READERS, main, read_any

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def riverside_file(tmp_path: Path) -> Path:
    path = tmp_path / "riverside.json"
    shx.write_json(shx.load_example("riverside"), path)
    return path


def test_demo_prints_the_riverside_summary(runner) -> None:
    result = runner.invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    expected = shx.summarize(
        shx.load_example("riverside"), title="Riverside: a fictional community (teaching example)"
    )
    assert result.output == expected + "\n"
    assert "4 agencies, 14 self-help groups, 8 community actors, 86 exchanges" in result.output


def test_summary_of_a_json_file(runner, riverside_file) -> None:
    result = runner.invoke(main, ["summary", str(riverside_file)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == str(riverside_file)
    assert result.output.endswith(shx.summarize(shx.read_json(riverside_file)) + "\n")


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["demo", "--help"], ["summary", "--help"]])
def test_help_everywhere(runner, args) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    assert result.output.startswith("Usage: ")
    assert "Show this message and exit." in result.output


def test_the_group_help_lists_the_commands(runner) -> None:
    out = runner.invoke(main, ["--help"]).output
    assert "demo" in out
    assert "summary" in out
    assert (
        runner.invoke(main, ["--version"]).output
        == f"selfhelp-exchange, version {shx.__version__}\n"
    )


def test_a_missing_file_exits_2_with_the_library_message(runner, tmp_path) -> None:
    missing = tmp_path / "nowhere.json"
    result = runner.invoke(main, ["summary", str(missing)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Error: the data file cannot be read (1 problem):" in result.stderr
    assert f"file {missing}: cannot be read: No such file or directory" in result.stderr
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, shx.SelfHelpExchangeError)


def test_an_invalid_file_names_every_problem(runner, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "agencies": [{"id": "A1", "name": "A", "sector": "hospital"}],
                "groups": [{"id": "G1", "name": "G", "group_type": "mutual_help"}],
                "exchanges": [{"source": "A1", "target": "G9", "kind": "referral"}],
            }
        ),
        encoding="utf-8",
    )
    result = runner.invoke(main, ["summary", str(bad)])
    assert result.exit_code == 2
    assert "'sector' must be one of 'mental_health'" in result.stderr
    assert "Traceback" not in result.stderr


def test_not_json_and_unknown_suffixes_exit_2(runner, tmp_path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    result = runner.invoke(main, ["summary", str(junk)])
    assert result.exit_code == 2
    assert "not valid JSON" in result.stderr
    table = tmp_path / "net.txt"
    table.write_text("x", encoding="utf-8")
    result = runner.invoke(main, ["summary", str(table)])
    assert result.exit_code == 2
    assert "no reader for '.txt' files (valid: .graphml, .json, .xlsx, a folder)" in result.stderr
    (tmp_path / "tables").mkdir()
    result = runner.invoke(main, ["summary", str(tmp_path / "tables")])
    assert result.exit_code == 2
    assert "the folder holds none of the table files" in result.stderr


def test_a_usage_mistake_is_click_s_exit_2(runner) -> None:
    result = runner.invoke(main, ["summary"])
    assert result.exit_code == 2
    assert "Missing argument 'PATH'" in result.stderr
    assert runner.invoke(main, ["frobnicate"]).exit_code == 2


def test_read_any_dispatches_on_the_suffix(riverside_file, tmp_path, monkeypatch) -> None:
    assert read_any(riverside_file) == shx.load_example("riverside")
    upper = tmp_path / "NET.JSON"
    upper.write_bytes(riverside_file.read_bytes())
    assert read_any(str(upper)).n_agencies == 4
    with pytest.raises(shx.DataFileError, match="files without an extension"):
        read_any(tmp_path / "README")
    seen = []
    monkeypatch.setitem(READERS, FOLDER, lambda p: seen.append(p) or shx.ExchangeNetwork())
    assert read_any(tmp_path).n_exchanges == 0
    assert seen == [tmp_path]


def test_summary_of_tables_and_graphml(runner, tmp_path) -> None:
    net = shx.load_example("riverside")
    expected = shx.summarize(net)
    for path in (tmp_path / "tables", tmp_path / "net.xlsx", tmp_path / "net.graphml"):
        if path.suffix == ".graphml":
            shx.write_graphml(net, path)
        else:
            shx.write_tables(net, path)
        assert read_any(path) == net
        result = runner.invoke(main, ["summary", str(path)])
        assert result.exit_code == 0, result.output
        assert result.output.endswith(expected + "\n")


def _run_module(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, "-m", "selfhelp_exchange", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def test_python_dash_m_runs_demo_and_reports_errors_cleanly(tmp_path) -> None:
    demo = _run_module("demo")
    assert demo.returncode == 0, demo.stderr
    assert demo.stdout.startswith("Riverside: a fictional community (teaching example)\n")
    assert demo.stderr == ""
    bad = _run_module("summary", str(tmp_path / "missing.json"))
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.startswith("Error: the data file cannot be read (1 problem):")
    assert "Traceback" not in bad.stderr
