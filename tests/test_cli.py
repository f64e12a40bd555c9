"""The command line: every command through click's runner and the real entry point, on good
and bad files; help everywhere; exit codes; no traceback for a user's mistake."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import selfhelp_exchange as shx
from selfhelp_exchange.cli import FOLDER, READERS, main, read_any
from selfhelp_exchange.report.pdf import find_browser

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def riverside_file(tmp_path: Path) -> Path:
    path = tmp_path / "riverside.json"
    shx.write_json(shx.load_example("riverside"), path)
    return path


def test_demo_prints_the_riverside_summary_and_writes_its_report(runner, tmp_path) -> None:
    out = tmp_path / "site" / "riverside.html"
    result = runner.invoke(main, ["demo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    expected = shx.summarize(
        shx.load_example("riverside"), title="Riverside: a fictional community (teaching example)"
    )
    assert result.output == expected + f"\n\nReport written to {out.resolve()}\n"
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "riverside (bundled example)" in html
    assert "4 agencies, 14 self-help groups, 8 community actors, 86 exchanges" in result.output


def test_summary_of_a_json_file(runner, riverside_file) -> None:
    result = runner.invoke(main, ["summary", str(riverside_file)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == str(riverside_file)
    assert result.output.endswith(shx.summarize(shx.read_json(riverside_file)) + "\n")


COMMANDS = ["demo", "summary", "template", "validate", "score", "report", "assess"]


@pytest.mark.parametrize(
    "args",
    [["--help"], ["-h"], *([c, "--help"] for c in COMMANDS), *([c, "-h"] for c in COMMANDS)],
)
def test_help_everywhere(runner, args) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    assert result.output.startswith("Usage: ")
    assert "Show this message and exit." in result.output


def test_the_group_help_lists_the_commands(runner) -> None:
    out = runner.invoke(main, ["--help"]).output
    for command in COMMANDS:
        assert f"  {command} " in out
    assert "Exit status:" in out
    assert "1  validate: the file has problems" in out
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
    assert (
        "no reader for '.txt' files (valid: .graphml, .json, .parquet, .pq, .xlsx, a folder) "
        "and its content is none of them"
    ) in result.stderr
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


def test_the_command_line_reads_by_content(runner, tmp_path) -> None:
    net = shx.load_example("riverside")
    shx.write(net, tmp_path / "net.xlsx")
    misnamed = tmp_path / "net.xls"  # an .xlsx saved under the old suffix
    misnamed.write_bytes((tmp_path / "net.xlsx").read_bytes())
    shx.write(net, tmp_path / "net.parquet")
    for path in (misnamed, tmp_path / "net.parquet"):
        result = runner.invoke(main, ["summary", str(path)])
        assert result.exit_code == 0, result.output
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    result = runner.invoke(main, ["summary", str(old)])
    assert result.exit_code == 2
    assert "save it as an Excel Workbook (.xlsx)" in result.stderr


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


def _run_module(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
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
        cwd=cwd,
    )


def test_python_dash_m_runs_demo_and_reports_errors_cleanly(tmp_path) -> None:
    demo = _run_module("demo", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert demo.stdout.startswith("Riverside: a fictional community (teaching example)\n")
    report = tmp_path / "build" / "riverside-report.html"
    assert demo.stdout.endswith(f"Report written to {report.resolve()}\n")
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert demo.stderr == ""  # not a terminal: no progress bar
    bad = _run_module("summary", str(tmp_path / "missing.json"))
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.startswith("Error: the data file cannot be read (1 problem):")
    assert "Traceback" not in bad.stderr


# ---------------------------------------------------------------------------------- template
def test_template_writes_the_blank_workbook_and_never_overwrites(runner, tmp_path) -> None:
    path = tmp_path / "evaluation.xlsx"
    result = runner.invoke(main, ["template", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Template written to {path}\n"
    assert shx.read_tables(path) == shx.ExchangeNetwork()
    stamp = path.stat().st_mtime_ns
    again = runner.invoke(main, ["template", str(path)])
    assert again.exit_code == 2
    assert "exists; give another name, or --force to replace it" in again.stderr
    assert path.stat().st_mtime_ns == stamp
    forced = runner.invoke(main, ["template", str(path), "--force"])
    assert forced.exit_code == 0
    wrong = runner.invoke(main, ["template", str(tmp_path / "evaluation.csv")])
    assert wrong.exit_code == 2
    assert "give a path ending in .xlsx (got 'evaluation.csv')" in wrong.stderr
    assert "Traceback" not in wrong.output


# ---------------------------------------------------------------------------------- validate
def _bad_folder(tmp_path: Path) -> Path:
    """A CSV folder with three mistakes in two tables."""
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "agencies.csv").write_text(
        "id,name,sector\nA1,Riverside Counselling,psychiatry\nA2,Harbor,substance_use\n",
        encoding="utf-8",
    )
    (folder / "groups.csv").write_text(
        "id,name,group_type\nG1,Tuesday AA,mutual_help\n", encoding="utf-8"
    )
    (folder / "exchanges.csv").write_text(
        "source,source_role,target,kind,weight\n"
        "A2,practitioners,G1,referral,4\n"
        "A2,practitioners,G9,referral,2\n"
        "A2,practitioners,G1,referral,lots\n",
        encoding="utf-8",
    )
    return folder


def test_validate_lists_every_problem_with_row_and_column(runner, tmp_path) -> None:
    folder = _bad_folder(tmp_path)
    result = runner.invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{folder}: 3 problems found"
    assert lines[1].startswith("  - file agencies.csv, row 2, column sector: 'psychiatry' is not")
    assert lines[2].startswith("  - file exchanges.csv, row 3, column target: ")
    assert "G9" in lines[2]
    assert lines[3].startswith("  - file exchanges.csv, row 4, column weight: ")
    assert "lots" in lines[3]
    assert len(lines) == 4
    assert "Traceback" not in result.output


def test_validate_a_good_file_and_the_unreadable_ones(runner, riverside_file, tmp_path) -> None:
    good = runner.invoke(main, ["validate", str(riverside_file)])
    assert good.exit_code == 0
    assert good.output == (
        f"{riverside_file}: valid (4 agencies, 14 groups, 8 community actors, 86 exchanges, "
        "8 initiatives)\n"
    )
    missing = runner.invoke(main, ["validate", str(tmp_path / "nowhere.xlsx")])
    assert missing.exit_code == 2
    assert "no such file or folder" in missing.stderr
    odd = tmp_path / "net.txt"
    odd.write_text("x", encoding="utf-8")
    unknown = runner.invoke(main, ["validate", str(odd)])
    assert unknown.exit_code == 2
    assert "no reader for '.txt' files" in unknown.stderr
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    broken = runner.invoke(main, ["validate", str(junk)])
    assert broken.exit_code == 1
    assert "not valid JSON" in broken.stdout


def test_validate_an_invalid_workbook_names_sheet_row_and_column(runner, tmp_path) -> None:
    import openpyxl

    path = tmp_path / "evaluation.xlsx"
    shx.write_tables(shx.load_example("riverside"), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["groups"]
    header = [c.value for c in ws[1]]
    ws.cell(row=3, column=header.index("group_type") + 1, value="book_club")
    wb.save(path)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert "  - sheet groups, row 3, column group_type: 'book_club'" in result.stdout


# ------------------------------------------------------------------------------------- score
def test_score_to_csv_suppresses_small_counts(runner, riverside_file, tmp_path) -> None:
    import pandas as pd

    out = tmp_path / "scores.csv"
    result = runner.invoke(main, ["score", str(riverside_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Scores for 4 agencies written to {out}\n"
    card = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert card["agency_id"].tolist() == ["A-RMH", "A-HRT", "A-BRG", "A-RGH"]
    expected = shx.agency_scorecard(shx.load_example("riverside"))
    assert card.columns.tolist() == [*expected.columns, "clients_counted"]
    # the agencies' totals are large enough to show (Riverside General Hospital: 60)
    assert card["clients_counted"].tolist() == ["280", "395", "349", "60"]
    high = runner.invoke(
        main, ["score", str(riverside_file), "-o", str(out), "--threshold", "100", "--force"]
    )
    assert high.exit_code == 0
    hidden = pd.read_csv(out, dtype=str, keep_default_na=False)["clients_counted"].tolist()
    assert hidden[3] == "*"  # 60 < 100
    assert all(v == "*" or int(v) >= 100 for v in hidden)


def test_score_to_xlsx_has_every_table_and_no_intensity(runner, riverside_file, tmp_path) -> None:
    import openpyxl

    out = tmp_path / "scores.xlsx"
    result = runner.invoke(main, ["score", str(riverside_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["scorecard", "linked_groups", "client_counts", "notes"]
    dyad_header = [c.value for c in wb["linked_groups"][1]]
    assert "intensity" not in dyad_header
    assert dyad_header[-1] == "clients_counted"
    counts = [c.value for row in wb["client_counts"].iter_rows(min_row=2, min_col=2) for c in row]
    assert "*" in counts
    assert all(v in {"*", "0"} or int(v) >= 11 for v in counts)


def _injected() -> shx.ExchangeNetwork:
    names = ['=HYPERLINK("http://x.invalid","a")', "+1+2", "-3", "@SUM(A1)"]
    return shx.ExchangeNetwork(
        agencies=[shx.Agency(f"A{i}", n) for i, n in enumerate(names)],
        groups=[shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help")],
        exchanges=[shx.Exchange("A0", "G1", "referral", weight=30)],
    )


def test_score_never_writes_a_formula(runner, tmp_path) -> None:
    import zipfile

    import openpyxl

    src = tmp_path / "net.json"
    shx.write_json(_injected(), src)
    csv_out = tmp_path / "scores.csv"
    assert runner.invoke(main, ["score", str(src), "-o", str(csv_out)]).exit_code == 0
    rows = csv_out.read_text(encoding="utf-8-sig").splitlines()[1:]
    names = [r.split(",")[1] for r in rows]
    assert names[1:] == ["'+1+2", "'-3", "'@SUM(A1)"]
    assert rows[0].split(",", 1)[1].startswith("\"'=HYPERLINK(")
    xlsx_out = tmp_path / "scores.xlsx"
    assert runner.invoke(main, ["score", str(src), "-o", str(xlsx_out)]).exit_code == 0
    ws = openpyxl.load_workbook(xlsx_out)["scorecard"]
    got = [ws.cell(row=r, column=2) for r in range(2, 6)]
    assert [c.value for c in got] == [a.name for a in _injected().agencies]
    assert all(c.data_type == "s" for c in got)
    with zipfile.ZipFile(xlsx_out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        assert not any(b"<f>" in z.read(n) for n in sheets)


def test_score_usage_mistakes_exit_2(runner, riverside_file, tmp_path) -> None:
    for args, message in [
        (["-o", str(tmp_path / "s.pdf")], "the output must end in .csv or .xlsx"),
        (["-o", str(tmp_path / "s.csv"), "--threshold", "0"], "0 is not in the range x>=1"),
        (["-o", str(tmp_path / "s.csv"), "--start", "2024-13-01"], "start must be a date"),
        (
            ["-o", str(tmp_path / "s.csv"), "--start", "2025-01-01", "--end", "2024-01-01"],
            "before",
        ),
        ([], "Missing option '-o' / '--output'"),
    ]:
        result = runner.invoke(main, ["score", str(riverside_file), *args])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
    bad = runner.invoke(main, ["score", str(_bad_folder(tmp_path)), "-o", str(tmp_path / "s.csv")])
    assert bad.exit_code == 2
    assert "3 problems" in bad.stderr


# ------------------------------------------------------------------------------------ report
def test_report_writes_the_html_and_names_its_source(runner, tmp_path) -> None:
    src = tmp_path / "tables"
    shx.write_tables(shx.load_example("riverside"), src)
    out = tmp_path / "out" / "report.html"
    result = runner.invoke(
        main,
        [
            "report",
            str(src),
            "-o",
            str(out),
            "--title",
            "Riverside 2025",
            "--start",
            "2025-01-01",
            "--progress",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Report written to {out}\n"
    assert "report: " in result.stderr  # the progress bar, asked for
    assert "0/8" in result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<title>Riverside 2025</title>" in html
    # the file (here folder) name only, never the path: a folder can carry a person's name
    assert "<code>tables</code> (folder of CSV tables)" in html
    assert str(tmp_path) not in html
    assert "reporting window: 2025-01-01 to the end" in html
    assert "exchanges outside the reporting window" in html


def test_report_mistakes_exit_2_without_traceback(runner, riverside_file, tmp_path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    for args, message in [
        ([str(riverside_file), "-o", str(blocker / "r.html")], f"cannot write {blocker}"),
        (
            [str(riverside_file), "-o", str(tmp_path / "r.html"), "--end", "soon"],
            "end must be a date",
        ),
        ([str(_bad_folder(tmp_path)), "-o", str(tmp_path / "r.html")], "3 problems"),
        ([str(tmp_path / "missing.json"), "-o", str(tmp_path / "r.html")], "cannot be read"),
    ]:
        result = runner.invoke(main, ["report", *args])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output


def test_validate_names_the_csv_file_of_a_folder(runner, tmp_path) -> None:
    folder = tmp_path / "county"
    shx.write_tables(shx.load_example("riverside"), folder)
    (folder / "groups.csv").unlink()
    result = runner.invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[1].startswith("  - file groups.csv: the file groups.csv is missing")
    assert lines[2].startswith("  - file group_locations.csv, row 2, column group_id: ")


def test_every_writing_command_refuses_to_overwrite(runner, riverside_file, tmp_path) -> None:
    for cmd, name in [
        ("score", "s.csv"),
        ("score", "s.xlsx"),
        ("report", "r.html"),
        ("demo", "d.html"),
        ("template", "t.xlsx"),
    ]:
        out = tmp_path / name
        out.write_text("keep me", encoding="utf-8")
        args = [] if cmd == "template" else ["-o"]
        given = [] if cmd in ("demo", "template") else [str(riverside_file)]
        result = runner.invoke(main, [cmd, *given, *args, str(out)])
        assert result.exit_code == 2, result.output
        assert "exists; give another name, or --force to replace it" in result.stderr
        assert out.read_text(encoding="utf-8") == "keep me"
        forced = runner.invoke(main, [cmd, *given, *args, str(out), "--force"])
        assert forced.exit_code == 0, forced.output
        assert out.read_bytes() != b"keep me"


def test_report_writes_html_only_to_html(runner, riverside_file, tmp_path) -> None:
    result = runner.invoke(main, ["report", str(riverside_file), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2
    assert "must end in .html or .htm (got 'r.pdf'); add --pdf" in result.stderr
    assert not (tmp_path / "r.pdf").exists()
    wrong = runner.invoke(
        main, ["report", str(riverside_file), "-o", str(tmp_path / "r.html"), "--pdf"]
    )
    assert wrong.exit_code == 2
    assert "must end in .pdf" in wrong.stderr


def test_report_pdf_without_a_browser_says_what_to_install(
    runner, riverside_file, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("SHX_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = runner.invoke(
        main, ["report", str(riverside_file), "-o", str(tmp_path / "r.pdf"), "--pdf"]
    )
    assert result.exit_code == 2
    assert "--pdf needs Chromium or Google Chrome" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.skipif(
    find_browser() is None,
    reason="no Chromium to print with",
)
def test_report_pdf_with_chromium(runner, riverside_file, tmp_path) -> None:
    out = tmp_path / "r.pdf"
    result = runner.invoke(main, ["report", str(riverside_file), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")


def test_score_csv_has_a_bom_and_three_decimals(runner, riverside_file, tmp_path) -> None:
    out = tmp_path / "s.csv"
    assert runner.invoke(main, ["score", str(riverside_file), "-o", str(out)]).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfagency_id,")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    ali = [r["adaptational_index"] for r in rows]
    assert all(len(v.partition(".")[2]) <= 3 for v in ali), ali
    full = shx.agency_scorecard(shx.published_network(shx.load_example("riverside")))
    assert [float(v) for v in ali] == [round(v, 3) for v in full["adaptational_index"]]


# ------------------------------------------------------------- the real entry point, each command
def test_python_dash_m_drives_every_command(tmp_path) -> None:
    template = _run_module("template", "blank.xlsx", cwd=tmp_path)
    assert template.returncode == 0, template.stderr
    assert (tmp_path / "blank.xlsx").exists()
    _bad_folder(tmp_path)
    invalid = _run_module("validate", "bad", cwd=tmp_path)
    assert invalid.returncode == 1
    assert invalid.stdout.startswith("bad: 3 problems found\n")
    assert "Traceback" not in invalid.stderr
    shx.write_tables(shx.load_example("riverside"), tmp_path / "riverside.xlsx")
    score = _run_module("score", "riverside.xlsx", "-o", "scores.xlsx", cwd=tmp_path)
    assert score.returncode == 0, score.stderr
    assert (tmp_path / "scores.xlsx").exists()
    report = _run_module("report", "riverside.xlsx", "-o", "report.html", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert report.stdout == "Report written to report.html\n"
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    summary = _run_module("summary", "riverside.xlsx", cwd=tmp_path)
    assert summary.returncode == 0
    assert "4 agencies, 14 self-help groups" in summary.stdout


def test_assess_writes_the_self_assessment_and_refuses_to_overwrite(runner, tmp_path) -> None:
    import openpyxl

    book = tmp_path / "evaluation.xlsx"
    result = runner.invoke(main, ["template", str(book)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(book)
    ws = wb["self_assessment"]
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    ws.cell(2 + ids.index("KP3"), 4).value = "no"
    ws.cell(2 + ids.index("KP3"), 5).value = "no care-plan goal"
    ws2 = wb["agencies"]
    ws2.append(["A1", "Harbour Recovery", "substance_use"])
    wb.save(book)
    out = tmp_path / "assessment.xlsx"
    result = runner.invoke(main, ["assess", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "25 items" in result.output
    got = openpyxl.load_workbook(out)
    assert got.sheetnames == ["sections", "items", "action_plan"]
    plan = got["action_plan"]
    header = [c.value for c in plan[1]]
    assert header[-2:] == ["owner", "due"]
    rows = {r[header.index("item")]: r for r in plan.iter_rows(min_row=2, values_only=True)}
    assert rows["KP3"][header.index("rating")] == "not met"
    assert "Harbour Recovery (A1)" in rows["KP1"][header.index("placed_to_act")]
    again = runner.invoke(main, ["assess", str(book), "-o", str(out)])
    assert again.exit_code == 2
    assert "--force" in again.output
    forced = runner.invoke(main, ["assess", str(book), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    csv = tmp_path / "plan.csv"
    assert runner.invoke(main, ["assess", str(book), "-o", str(csv)]).exit_code == 0
    assert csv.read_text().startswith("priority,section,item")
    bad = runner.invoke(main, ["assess", str(book), "-o", str(tmp_path / "x.txt")])
    assert bad.exit_code == 2
    # the reach is in metres, as every distance; --radius-km stays one release, with a warning
    metres = tmp_path / "m.csv"
    km = tmp_path / "km.csv"
    r_m = runner.invoke(main, ["assess", str(book), "-o", str(metres), "--radius-m", "5000"])
    assert r_m.exit_code == 0, r_m.output
    r_km = runner.invoke(main, ["assess", str(book), "-o", str(km), "--radius-km", "5"])
    assert r_km.exit_code == 0, r_km.output
    assert "--radius-km is deprecated" in r_km.stderr
    assert "--radius-m 5000" in r_km.stderr
    assert metres.read_text() == km.read_text()


def test_assess_reports_every_bad_answer_and_exits_2(runner, tmp_path) -> None:
    import openpyxl

    book = tmp_path / "evaluation.xlsx"
    runner.invoke(main, ["template", str(book)])
    wb = openpyxl.load_workbook(book)
    ws = wb["self_assessment"]
    ws.cell(2, 4).value = "yes"  # AV1 is computed
    ws.cell(6, 4).value = "perhaps"
    wb.save(book)
    result = runner.invoke(main, ["assess", str(book), "-o", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 2
    assert "AV1 is computed" in result.output
    assert "'perhaps' is not a valid answer" in result.output


def test_validate_also_checks_the_self_assessment_answers(runner, tmp_path) -> None:
    import openpyxl

    book = tmp_path / "evaluation.xlsx"
    runner.invoke(main, ["template", str(book)])
    assert runner.invoke(main, ["validate", str(book)]).exit_code == 0
    wb = openpyxl.load_workbook(book)
    wb["self_assessment"].cell(2, 4).value = "yes"  # AV1 is computed
    wb["agencies"].append(["A1", "Agency", "psychiatry"])  # not a sector
    wb.save(book)
    result = runner.invoke(main, ["validate", str(book)])
    assert result.exit_code == 1
    assert "2 problems found" in result.output
    assert "sheet self_assessment, row 2, column answer: item AV1 is computed" in result.output


def test_validate_reports_duplicate_rows_and_exits_1(tmp_path: Path) -> None:
    shx.write_tables(shx.load_example("riverside"), tmp_path)
    p = tmp_path / "exchanges.csv"
    lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
    p.write_text("".join([*lines, lines[3]]), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "row 88 repeats row 4 exactly" in result.output
