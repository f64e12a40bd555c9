"""The command line reads personal networks that travel beside the network."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import selfhelp_exchange as shx
from selfhelp_exchange.cli import main


def test_report_includes_personal_networks_of_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "evaluation.xlsx"
    shx.write_personal_networks(
        shx.load_personal_networks_example(), path, network=shx.load_example("riverside")
    )
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        main,
        ["report", str(path), "-o", str(out), "--personal-networks-by", "rlc_participant"],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Personal networks of 48 people" in html
    assert "E001" not in html


def test_validate_lists_personal_network_problems(tmp_path: Path) -> None:
    shx.write_tables(shx.load_example("riverside"), tmp_path)
    (tmp_path / "alters.csv").write_text(
        "ego_id,wave,alter_id,relation\ne1,w,a,cousin\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "1 problem found in the personal networks" in result.output
    assert "'cousin' is not a valid relation" in result.output
    (tmp_path / "alters.csv").write_text(
        "ego_id,wave,alter_id,relation\ne1,w,a,family\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "personal networks valid" in result.output


def test_template_with_personal_network_sheets(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    result = CliRunner().invoke(main, ["template", str(path), "--personal-networks"])
    assert result.exit_code == 0, result.output
    assert len(shx.read_personal_networks(path).alters) == 0
