"""The blank evaluator template: headers, help, drop-down lists, and it reads back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import range_boundaries

import selfhelp_exchange as shx
from selfhelp_exchange.io._schema import TABLES, ColumnType
from selfhelp_exchange.selfassessment import ITEMS


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "evaluation.xlsx"
    shx.write_template(path)
    return path


def _list_values(wb: openpyxl.Workbook, formula: str) -> list[str]:
    """The cells a list validation's formula (``lists!$A$2:$A$5``) points to."""
    sheet, ref = formula.split("!")
    min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    ws = wb[sheet]
    return [
        ws.cell(row=r, column=c).value
        for r in range(min_row, max_row + 1)
        for c in range(min_col, max_col + 1)
    ]


def test_untouched_template_reads_as_an_empty_network(template: Path) -> None:
    net = shx.read_tables(template)
    assert net == shx.ExchangeNetwork()
    assert (net.n_agencies, net.n_groups, net.n_exchanges) == (0, 0, 0)


def test_template_sheets_and_headers(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["README", "instructions", "kinds", *TABLES, "help", "lists"]
    assert wb["lists"].sheet_state == "hidden"
    assert wb["README"]["A1"].value == "selfhelp-exchange data workbook"
    for table, cols in TABLES.items():
        ws = wb[table]
        headers = [c.value for c in ws[1]]
        assert headers == [c.name for c in cols if c.template], table
        if table == "self_assessment":  # one row per item, answers left to the evaluator
            assert ws.max_row == 1 + len(ITEMS), table
            continue
        assert ws.max_row == 1, table  # no help row: the first record goes in row 2
        assert ws.freeze_panes == "A2"
        for cell, col in zip(ws[1], (c for c in cols if c.template), strict=True):
            assert cell.comment is not None
            assert col.help in cell.comment.text
            assert cell.comment.text.startswith("Required. ") == col.required


def test_every_enum_column_has_a_dropdown_of_its_allowed_values(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    n_lists = 0
    for table, cols in TABLES.items():
        ws = wb[table]
        by_cell = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
        shown = [c for c in cols if c.template]
        for pos, col in enumerate(shown, start=1):
            letter = openpyxl.utils.get_column_letter(pos)
            dv = by_cell.get(f"{letter}2:{letter}1048576")
            if dv is not None:  # Excel refuses a workbook whose messages are longer
                assert len(dv.prompt) <= 255
                assert len(dv.error) <= 255
                assert len(dv.promptTitle) <= 32
                assert len(dv.errorTitle) <= 32
            if col.type is ColumnType.ENUM:
                assert dv is not None, (table, col.name)
                assert dv.type == "list"
                assert dv.allow_blank
                assert dv.showErrorMessage
                assert _list_values(wb, dv.formula1) == list(col.choices)
                n_lists += 1
            elif col.type in (ColumnType.NUMBER, ColumnType.WEIGHT, ColumnType.POSITION):
                assert dv is not None, (table, col.name)
                assert dv.type in ("decimal", "whole")
            else:
                assert dv is None, (table, col.name)
    # sector, group_type + 6 continuum/focus columns, day, actor kind, 2 roles, exchange
    # kind, initiative kind, self-assessment answer
    assert n_lists == 15
    kind_dv = next(
        dv
        for dv in wb["exchanges"].data_validations.dataValidation
        if str(dv.sqref) == "E2:E1048576"
    )
    kinds = _list_values(wb, kind_dv.formula1)
    assert "joint_initiative" not in kinds
    assert kinds[:3] == ["board_seat", "policy_support", "resource_support"]


def test_text_columns_are_formatted_as_text(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    ws = wb["agencies"]
    formats = {letter: dim.number_format for letter, dim in ws.column_dimensions.items()}
    assert formats["A"] == "@"  # id: 007 stays 007 when typed
    assert formats["I"] == "General"  # latitude: a number


def test_help_sheet_lists_every_column(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    rows = list(wb["help"].iter_rows(values_only=True))
    assert rows[0] == ("sheet", "column", "required", "type", "allowed values", "help")
    listed = [(r[0], r[1]) for r in rows[1:]]
    assert listed == [(t, c.name) for t, cols in TABLES.items() for c in cols]
    sector = next(r for r in rows if r[:2] == ("agencies", "sector"))
    assert sector[2:5] == ("yes", "enum", "mental_health, substance_use, co_occurring, other")


def test_filled_in_template_reads(template: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template)
    wb["agencies"].append(["A1", "Riverside Counselling", "mental_health"])
    wb["agencies"].append(["007", "Bayside", "substance_use", "1 Bay Rd"])
    wb["groups"].append(["G1", "Tuesday AA", "mutual_help", "AA", None, "twelve_step"])
    wb["group_locations"].append(["G1", None, None, "Riverside"])
    wb["meetings"].append(["G1", "tuesday", "19:30", None, None, 1])
    wb["actors"].append(["M1", "Courier", "media"])
    ex = wb["exchanges"]
    ex.append(["A1", "practitioners", "G1", None, "referral", 12, "2024-01-01"])
    ex.append(["G1", None, "007", "clients", "in_reach", None, dt.datetime(2024, 2, 1)])
    wb["initiatives"].append(["I1", "recovery_event", "2024-09-15", "Recovery walk"])
    wb["initiative_sponsors"].append(["I1", "A1"])
    wb["initiative_sponsors"].append(["I1", "G1"])
    wb["initiative_audiences"].append(["I1", "M1"])
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    net = shx.read_tables(path)
    expected = shx.ExchangeNetwork(
        agencies=[
            shx.Agency("A1", "Riverside Counselling", "mental_health"),
            shx.Agency("007", "Bayside", "substance_use", shx.Location(address="1 Bay Rd")),
        ],
        groups=[
            shx.SelfHelpGroup(
                "G1",
                "Tuesday AA",
                "mutual_help",
                fellowship="AA",
                approach="twelve_step",
                locations=[shx.Location(city="Riverside")],
                meetings=[shx.MeetingTime("tuesday", "19:30", location=0)],
            )
        ],
        actors=[shx.CommunityActor("M1", "Courier", "media")],
        exchanges=[
            shx.Exchange(("A1", shx.Role.PRACTITIONERS), "G1", "referral", 12, "2024-01-01"),
            shx.Exchange("G1", ("007", shx.Role.CLIENTS), "in_reach", 1, "2024-02-01"),
        ],
        initiatives=[
            shx.Initiative(
                "I1", "recovery_event", ["A1", "G1"], ["M1"], "2024-09-15", name="Recovery walk"
            )
        ],
    )
    assert net == expected


def test_template_needs_an_xlsx_path(tmp_path: Path) -> None:
    with pytest.raises(shx.DataFileError, match=r"ending in \.xlsx") as info:
        shx.write_template(tmp_path / "template.csv")
    assert info.value.problems[0].file == str(tmp_path / "template.csv")
    assert not (tmp_path / "template.csv").exists()


def test_the_kinds_sheet_teaches_every_kind_and_marks_the_people_counts(template: Path) -> None:
    from selfhelp_exchange.people import PERSON_COUNT_KINDS

    ws = openpyxl.load_workbook(template)["kinds"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "kind",
        "subunit",
        "direction",
        "definition",
        "weight counts",
        "example",
        "people count",
    )
    by_kind = {r[0]: r for r in rows[1:]}
    expected = [k for k in shx.ExchangeKind if k is not shx.ExchangeKind.JOINT_INITIATIVE]
    assert list(by_kind) == [k.value for k in expected]
    people = {k.value for k in PERSON_COUNT_KINDS}
    assert len(people) == 5
    for kind in expected:
        row = by_kind[kind.value]
        assert row[1] == kind.role.value
        assert row[3] == kind.definition
        assert all(row), row  # nothing left blank
        assert row[6].startswith("yes") == (kind.value in people), row
        assert ("CLIENTS" in row[4]) == (kind.value in people), row
    assert by_kind["referral"][2].startswith("agency -> group")
    assert by_kind["in_reach"][2].startswith("group -> agency")


def test_the_instructions_sheet_has_a_worked_row_per_table(template: Path) -> None:
    rows = list(openpyxl.load_workbook(template)["instructions"].iter_rows(values_only=True))
    for table, cols in TABLES.items():
        k = next(i for i, r in enumerate(rows) if r[0] == f"sheet {table}")
        header, example = rows[k + 1], rows[k + 2]
        assert header[0] == "column"
        assert [h for h in header[1:] if h] == [c.name for c in cols if c.template], table
        assert example[0] == "example"
        filled = {h: v for h, v in zip(header[1:], example[1:], strict=False) if v}
        required = [c.name for c in cols if c.required and c.template]
        assert all(filled.get(c) for c in required), (table, filled)
    ex = next(i for i, r in enumerate(rows) if r[0] == "sheet exchanges")
    worked = dict(zip(rows[ex + 1][1:], rows[ex + 2][1:], strict=False))
    assert worked["kind"] == "referral"
    assert worked["weight"].isdigit()


def test_the_kind_and_weight_help_point_to_the_kinds_sheet(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["exchanges"]
    headers = {c.value: c for c in ws[1]}
    assert "'kinds' sheet" in headers["kind"].comment.text
    assert "number of clients" in headers["weight"].comment.text
    prompts = [dv.prompt for dv in ws.data_validations.dataValidation]
    assert any("'kinds' sheet" in p for p in prompts)
    assert any("number of clients" in p for p in prompts)


def test_a_filled_template_with_its_teaching_sheets_reads(template: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template)
    wb["agencies"].append(["A1", "Riverside Counselling", "mental_health"])
    wb["groups"].append(["G1", "Tuesday AA", "mutual_help"])
    ex = [c.value for c in wb["exchanges"][1]]
    row = dict.fromkeys(ex)
    row.update(source="A1", source_role="practitioners", target="G1", kind="referral", weight=14)
    wb["exchanges"].append([row[c] for c in ex])
    out = tmp_path / "filled.xlsx"
    wb.save(out)
    net = shx.read_tables(out)
    assert (net.n_agencies, net.n_groups, net.n_exchanges) == (1, 1, 1)
