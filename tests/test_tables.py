"""Tables: CSV folders and XLSX workbooks round-trip every field; bad files list every problem."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import numpy as np
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.io._csvdir import FORMULA_START, protect, unprotect
from selfhelp_exchange.io._schema import TABLES
from tests.strategies import as_directed, networks

# --------------------------------------------------------------------------- helpers


def write_csv(folder: Path, **tables: str) -> Path:
    """Write CSV files (table name -> text) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8", newline="")
    return folder


def problems_of(path: Path) -> tuple[shx.Problem, ...]:
    with pytest.raises(shx.DataFileError) as info:
        shx.read_tables(path)
    return info.value.problems


def only(problems: tuple[shx.Problem, ...], **where: object) -> shx.Problem:
    """The one problem matching every given field."""
    found = [p for p in problems if all(getattr(p, k) == v for k, v in where.items())]
    assert len(found) == 1, (where, problems)
    return found[0]


AGENCIES = (
    "id,name,sector\nA1,Riverside Counselling,mental_health\nA2,Bayside Detox,substance_use\n"
)
GROUPS = "id,name,group_type\nG1,Tuesday AA,mutual_help\nG2,SMART Bayside,mutual_help\n"
ACTORS = "id,name,kind\nM1,Courier,media\n"


def awkward_network() -> shx.ExchangeNetwork:
    """Every kind of value that a careless format would change."""
    loc = shx.Location(
        address="  12 Main St\r\nUnit 3 ",
        postal_code="007",
        country='=HYPERLINK("http://x")',
        latitude=0.1 + 0.2,
        longitude=-1e-300,
        name="+44 hall",
    )
    return shx.ExchangeNetwork(
        agencies=[
            shx.Agency(
                "007",
                "=1+1",
                sector="co_occurring",
                location=loc,
                attributes={"beds": 40, "open": True, "ratio": 1.0, "code": "007", "neg": -0.5},
            ),
            shx.Agency("A-blank", "@home", location=shx.Location()),
            shx.Agency("A-none", "-minus"),
        ],
        groups=[
            shx.SelfHelpGroup(
                "G \u00e9\U0001f600",
                "Name with \x01 control and _x0041_ escape and tab\t",
                "recovery_learning_community",
                fellowship="#N/A",
                focus="family",
                approach="twelve_step",
                meeting_place="agency_premises",
                admission="referral",
                timing="fixed_term",
                facilitation="professional",
                locations=[
                    shx.Location(city="Rome"),
                    shx.Location(latitude=-90.0, longitude=180.0),
                ],
                meetings=[
                    shx.MeetingTime("tuesday", "19:30", "21:00", "Europe/Rome", 1),
                    shx.MeetingTime("sunday", dt.time(7, 5, 30, 500000)),
                ],
            )
        ],
        actors=[shx.CommunityActor("TRUE", "2024-01-01", "public", {"x": 1})],
        exchanges=[
            shx.Exchange(("007", "practitioners"), "G \u00e9\U0001f600", "referral", weight=0.1),
            shx.Exchange(
                "G \u00e9\U0001f600", "007", "in_reach", 5e-324, "2024-02-29", "2024-02-29"
            ),
            shx.Exchange("A-none", "G \u00e9\U0001f600", "meeting_space", 1e16, end="1999-12-31"),
        ],
        initiatives=[
            shx.Initiative(
                "I1",
                "media",
                sponsors=["G \u00e9\U0001f600", "007"],
                audiences=["TRUE"],
                date="2030-01-01",
                name=" lead",
                attributes={"n": 1},
            ),
        ],
    )


# --------------------------------------------------------------------------- round trips


@settings(max_examples=40, deadline=None)
@given(networks().map(as_directed))
def test_csv_folder_round_trips_every_field(net: shx.ExchangeNetwork) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "tables"
        shx.write_tables(net, folder)
        assert shx.read_tables(folder) == net


@settings(max_examples=25, deadline=None)
@given(networks(max_exchanges=10).map(as_directed))
def test_xlsx_workbook_round_trips_every_field(net: shx.ExchangeNetwork) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "net.xlsx"
        shx.write_tables(net, path)
        assert shx.read_tables(path) == net


@pytest.mark.parametrize("name", ["tables", "net.xlsx", "NET.XLSX"])
def test_awkward_values_round_trip_exactly(tmp_path: Path, name: str) -> None:
    net = awkward_network()
    shx.write_tables(net, tmp_path / name)
    back = shx.read_tables(tmp_path / name)
    assert back == net
    # equality of attributes is type-exact: True is not 1, 1.0 is not 1
    attrs_ = back.agencies[0].attributes
    assert [type(attrs_[k]) for k in ("beds", "open", "ratio", "code")] == [int, bool, float, str]
    assert back.agencies[1].location == shx.Location()  # a blank location is not no location
    assert back.agencies[2].location is None
    assert back.agencies[0].location is not None
    assert back.agencies[0].location.latitude == 0.30000000000000004
    assert back.arrays.weight.tolist() == [0.1, 5e-324, 1e16]
    assert back.groups[0].meetings[1].start == dt.time(7, 5, 30, 500000)


def test_csv_cells_hold_the_values_as_they_are_formulas_quoted(tmp_path: Path) -> None:
    shx.write_tables(awkward_network(), tmp_path)
    agencies = (tmp_path / "agencies.csv").read_bytes().decode("utf-8")
    header, rest = agencies.split("\r\n", 1)
    assert header == (
        "id,name,sector,address,city,state,postal_code,country,latitude,longitude,"
        "location_name,attributes,has_location"
    )
    # text a spreadsheet would run as a formula gets a quote (numbers such as -1e-300 do not)
    assert rest.startswith(
        '007,\'=1+1,co_occurring,"  12 Main St\r\nUnit 3 ",,,007,"\'=HYPERLINK(""http://x"")",'
    )
    assert ",0.30000000000000004,-1e-300,'+44 hall," in agencies
    assert "\r\nA-blank,'@home,other," in agencies
    assert "\r\nA-none,'-minus,other," in agencies
    assert ",true\r\n" in agencies  # has_location only where the location is blank
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    exchanges = (tmp_path / "exchanges.csv").read_bytes().decode("utf-8").split("\r\n")
    assert exchanges[1] == "007,practitioners,G \u00e9\U0001f600,,referral,0.1,,,"


def test_has_location_column_only_when_needed(tmp_path: Path) -> None:
    net = shx.ExchangeNetwork(agencies=[shx.Agency("A1", "x", location=shx.Location(city="c"))])
    shx.write_tables(net, tmp_path)
    assert "has_location" not in (tmp_path / "agencies.csv").read_text()
    assert shx.read_tables(tmp_path) == net


def test_xlsx_text_is_never_a_formula_or_a_number(tmp_path: Path) -> None:
    path = tmp_path / "net.xlsx"
    shx.write_tables(awkward_network(), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["agencies"]
    header = [c.value for c in ws[1]]
    row = dict(zip(header, ws[2], strict=False))
    assert row["id"].value == "007"
    assert row["id"].data_type == "s"
    assert row["name"].value == "=1+1"
    assert row["name"].data_type == "s"  # a string, not a formula
    assert row["name"].quotePrefix  # editing the cell in Excel keeps it text
    assert row["name"].number_format == "@"
    assert row["country"].data_type == "s"
    assert row["latitude"].data_type == "n"
    assert row["latitude"].value == 0.30000000000000004
    assert wb["groups"]["C2"].value == "recovery_learning_community"
    # the control character and a literal _xHHHH_ survive as OOXML escapes
    assert (
        wb["groups"]["B2"].value == "Name with _x0001_ control and _x005F_x0041_ escape and tab\t"
    )
    assert wb["actors"]["A2"].value == "TRUE"
    assert wb["actors"]["A2"].data_type == "s"


def test_workbook_has_help_and_dropdowns(tmp_path: Path) -> None:
    path = tmp_path / "net.xlsx"
    shx.write_tables(awkward_network(), path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "README"
    assert wb["lists"].sheet_state == "hidden"
    ws = wb["exchanges"]
    assert ws["E1"].value == "kind"
    assert "Required" in ws["E1"].comment.text
    kinds = [dv for dv in ws.data_validations.dataValidation if "E2" in dv.sqref]
    assert len(kinds) == 1
    assert kinds[0].type == "list"


def test_enum_values_forgive_case_and_separators(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies="id,name,sector\nA1,x, Mental Health \nA2,y,CO-OCCURRING\n",
        groups="id,name,group_type,approach\nG1,g,Mutual Help,non-twelve-step\n",
    )
    net = shx.read_tables(folder)
    assert [a.sector for a in net.agencies] == [shx.Sector.MENTAL_HEALTH, shx.Sector.CO_OCCURRING]
    assert net.groups[0].approach is shx.Approach.NON_TWELVE_STEP


def test_optional_columns_may_be_left_out_and_defaults_apply(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies=AGENCIES,
        groups=GROUPS,
        exchanges="source,target,kind,weight\nA1,G1,referral,\nG1,A1,in_reach,2\n",
    )
    net = shx.read_tables(folder)
    assert net.arrays.weight.tolist() == [1.0, 2.0]  # an empty weight is the default, 1
    assert net.arrays.source_role.tolist() == [-1, -1]
    assert np.isnat(net.arrays.start).all()
    assert net.n_exchanges == 2
    assert net.actors == ()


def test_blank_rows_are_skipped_but_keep_row_numbers(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies="id,name,sector\n\nA1,x,other\n,,\n  ,\t, \nA2,,other\n",
    )
    problem = only(problems_of(folder), column="name")
    assert problem.row == 6
    assert problem.message.startswith("required cell is empty")


def test_bom_and_lf_line_ends_are_read(tmp_path: Path) -> None:
    (tmp_path / "agencies.csv").write_bytes("\ufeffid,name,sector\nA1,x,other\n".encode())
    assert shx.read_tables(tmp_path).agencies == (shx.Agency("A1", "x"),)


# --------------------------------------------------------------------------- bad files


def test_unknown_column(tmp_path: Path) -> None:
    folder = write_csv(tmp_path, agencies="id,name,sector,secter\nA1,x,other,y\n")
    p = only(problems_of(folder), column="secter")
    assert p.file == str(folder / "agencies.csv")
    assert p.sheet == "agencies"
    assert p.row == 1
    assert p.value == "secter"
    assert "unknown column 'secter' in column D" in p.message
    assert "valid columns: id, name, sector, address" in p.message
    assert "did you mean 'sector'?" in p.message


def test_missing_required_column(tmp_path: Path) -> None:
    folder = write_csv(tmp_path, groups="id,name\nG1,x\nG2,y\n")
    problems = problems_of(folder)
    p = only(problems, column="group_type")
    assert (p.sheet, p.row) == ("groups", 1)
    assert "required column 'group_type' is missing" in p.message
    assert "required columns: id, name, group_type" in p.message
    assert len(problems) == 1  # one problem, not one per row


def test_repeated_and_headerless_columns(tmp_path: Path) -> None:
    folder = write_csv(tmp_path, actors="id,name,kind,name,\nM1,x,media,y,z\n")
    problems = problems_of(folder)
    assert "appears more than once (columns B and D)" in only(problems, column="name").message
    assert "column E holds values but has no header" in only(problems, column="E").message


def test_unknown_enum_value_names_the_valid_ones(tmp_path: Path) -> None:
    folder = write_csv(tmp_path, agencies="id,name,sector\nA1,x,psychiatry\n")
    p = only(problems_of(folder), column="sector")
    assert (p.sheet, p.row, p.value) == ("agencies", 2, "psychiatry")
    assert p.message == (
        "'psychiatry' is not a valid sector "
        "(valid: mental_health, substance_use, co_occurring, other)"
    )


def test_a_faulty_agency_row_is_reported_once_not_again_as_a_sponsor(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies="id,name,sector\nA1,x,psychiatry\n",
        groups="id,name,group_type\nG1,y,mutual_help\n",
        initiatives="id,kind\nI1,media\n",
        initiative_sponsors="initiative_id,sponsor\nI1,A1\nI1,G1\n",
    )
    problems = problems_of(folder)
    assert len(problems) == 1
    assert (problems[0].sheet, problems[0].row, problems[0].column) == ("agencies", 2, "sector")


def test_bad_dates(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies=AGENCIES,
        groups=GROUPS,
        exchanges=(
            "source,target,kind,start,end\n"
            "A1,G1,referral,2024-02-30,\n"
            "A1,G1,referral,31/12/2024,2024-1-5\n"
            "A1,G1,referral, 2024-03-01 ,2024-03-02\n"
        ),
    )
    problems = problems_of(folder)
    assert [(p.row, p.column, p.value) for p in problems] == [
        (2, "start", "2024-02-30"),
        (3, "start", "31/12/2024"),
        (3, "end", "2024-1-5"),
    ]
    assert "must be a date as YYYY-MM-DD, e.g. 2024-03-31" in problems[0].message


def test_bad_times_and_numbers(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        groups=GROUPS,
        group_locations="group_id,latitude,longitude\nG1,north,3\nG1,95,3\nG2,45,\n",
        meetings="group_id,day,start,end\nG1,monday,7pm,\nG1,friday,25:00,19:30\n",
    )
    problems = problems_of(folder)
    lat = [p for p in problems if p.column == "latitude"]
    assert [(p.row, p.value) for p in lat] == [(2, "north"), (3, "95")]
    assert "must be a number from -90 to 90" in lat[0].message
    lon = only(problems, column="longitude")
    assert lon.row == 4
    assert "give both or leave both empty" in lon.message
    times = [p for p in problems if p.column == "start"]
    assert [(p.sheet, p.row, p.value) for p in times] == [
        ("meetings", 2, "7pm"),
        ("meetings", 3, "25:00"),
    ]
    assert "time of day as HH:MM (24 hours), e.g. 19:30" in times[0].message


def test_empty_required_cells(tmp_path: Path) -> None:
    folder = write_csv(tmp_path, agencies="id,name,sector\nA1,,other\n,y,\n")
    problems = problems_of(folder)
    assert [(p.row, p.column) for p in problems] == [(2, "name"), (3, "id"), (3, "sector")]
    assert all(p.message.startswith("required cell is empty: ") for p in problems)
    assert "Name of the agency." in problems[0].message


def test_duplicate_ids_across_tables(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies="id,name,sector\nX1,a,other\nX1,b,other\n",
        groups="id,name,group_type\nX1,g,mutual_help\n",
        initiatives="id,kind\nI1,media\nI1,media\n",
        initiative_sponsors="initiative_id,sponsor\nI1,X1\n",
    )
    problems = problems_of(folder)
    dupes = [p for p in problems if "already used" in p.message]
    assert [(p.sheet, p.row, p.column, p.value) for p in dupes] == [
        ("agencies", 3, "id", "X1"),
        ("groups", 2, "id", "X1"),
        ("initiatives", 3, "id", "I1"),
    ]
    assert "already used in sheet 'agencies' row 2" in dupes[1].message
    assert len(problems) == 3  # references to X1 and I1 are not reported again


def test_dangling_references(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies=AGENCIES,
        groups=GROUPS,
        actors=ACTORS,
        group_locations="group_id,city\nG1,Rome\nA1,Milan\nM1,Paris\n",
        meetings="group_id,day,start,location\nG9,monday,19:00,\nG1,monday,19:00,2\n",
        exchanges="source,target,kind\nA1,G1,referral\nA1,G7,referral\nGX ,A1,in_reach\n",
        initiatives="id,kind\nI1,media\nI2,media\n",
        initiative_sponsors="initiative_id,sponsor\nI1,A1\nI1,M1\nI1,A1\nI3,A1\nI2,Q\n",
        initiative_audiences="initiative_id,audience\nI1,A2\nI1,M2\n",
    )
    problems = problems_of(folder)
    got = {(p.sheet, p.row, p.column, p.value): p.message for p in problems}
    assert "is an agency (sheet 'agencies' row 2)" in got["group_locations", 3, "group_id", "A1"]
    # actors are declared before any reference is checked, whatever the sheet order
    assert (
        "is a community actor (sheet 'actors' row 2)"
        in got["group_locations", 4, "group_id", "M1"]
    )
    assert "'G9' is not declared" in got["meetings", 2, "group_id", "G9"]
    assert got["meetings", 3, "location", 2] == (
        "location 2 is out of range: group 'G1' has 1 row(s) in sheet 'group_locations' "
        "(valid: 1 to 1, or empty)"
    )
    assert "'G7' is not declared" in got["exchanges", 3, "target", "G7"]
    assert (
        "an id in sheet 'agencies' or an id in sheet 'groups'"
        in got["exchanges", 3, "target", "G7"]
    )
    assert "leading or trailing spaces" in got["exchanges", 4, "source", "GX "]
    assert "is a community actor" in got["initiative_sponsors", 3, "sponsor", "M1"]
    assert (
        "already listed for initiative 'I1' in row 2"
        in got["initiative_sponsors", 4, "sponsor", "A1"]
    )
    assert (
        "initiative_id must be an id in sheet 'initiatives'"
        in got["initiative_sponsors", 5, "initiative_id", "I3"]
    )
    assert "'Q' is not declared" in got["initiative_sponsors", 6, "sponsor", "Q"]
    assert "is an agency" in got["initiative_audiences", 2, "audience", "A2"]
    assert "'M2' is not declared" in got["initiative_audiences", 3, "audience", "M2"]
    assert len(problems) == 12


def test_location_position_must_follow_row_order(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        groups=GROUPS,
        group_locations="group_id,position,city\nG1,1,a\nG2,1,b\nG1,3,c\nG1,x,d\n",
    )
    problems = problems_of(folder)
    assert [(p.row, p.value) for p in problems] == [(4, 3), (5, "x")]
    assert "position must be 2: this is row 2 for group 'G1'" in problems[0].message
    assert "whole number from 1 up" in problems[1].message


def test_initiative_without_sponsors(tmp_path: Path) -> None:
    folder = write_csv(tmp_path, agencies=AGENCIES, initiatives="id,kind\nI1,advocacy\n")
    p = only(problems_of(folder), sheet="initiatives")
    assert (p.row, p.column, p.value) == (2, "id", "I1")
    assert "has no sponsor" in p.message


def test_subunit_must_match_the_kind(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies=AGENCIES,
        groups=GROUPS,
        exchanges=(
            "source,source_role,target,target_role,kind\n"
            "A1,practitioners,G1,,referral\n"
            "A1,board,G1,,referral\n"
            "G1,,A1,ceo,in_reach\n"
            "G1,clients,A1,,in_reach\n"
            "A1,,G1,,joint_initiative\n"
        ),
    )
    got = {(p.row, p.column): p for p in problems_of(folder)}
    assert set(got) == {(3, "source_role"), (4, "target_role"), (5, "source_role"), (6, "kind")}
    assert got[3, "source_role"].message == (
        "'referral' touches the practitioners subunit, but source names the board subunit "
        "(valid: practitioners)"
    )
    assert got[3, "source_role"].value == "board"
    assert "(valid: board, practitioners, clients)" in got[4, "target_role"].message
    assert "not an agency" in got[5, "source_role"].message
    assert "derived from initiatives" in got[6, "kind"].message


def test_bad_weights(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies=AGENCIES,
        groups=GROUPS,
        exchanges="source,target,kind,weight\nA1,G1,referral,-1\nA1,G1,referral,nan\n"
        "A1,G1,referral,inf\nA1,G1,referral,lots\nA1,G1,referral,2.5\n",
    )
    problems = problems_of(folder)
    assert [(p.row, p.column) for p in problems] == [(r, "weight") for r in (2, 3, 4, 5)]
    assert [p.value for p in problems] == ["-1", "nan", "inf", "lots"]
    assert problems[3].message == (
        "weight must be a finite number >= 0, e.g. 1 or 2.5 (got 'lots')"
    )


def test_end_before_start_and_self_loops(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies=AGENCIES,
        groups=GROUPS,
        exchanges="source,target,kind,start,end\nA1,G1,referral,2024-05-01,2024-04-30\n"
        "A1,A1,referral,,\n",
    )
    problems = problems_of(folder)
    assert [(p.row, p.column) for p in problems] == [(2, "end"), (3, "target")]
    assert problems[0].message == "'end' (2024-04-30) is before 'start' (2024-05-01)"
    assert "same organization" in problems[1].message


def test_bad_attributes(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        actors='id,name,kind,attributes\nM1,x,media,{"a": [1]}\nM2,y,media,beds=40\n'
        'M3,z,media,"{""a"": NaN}"\nM4,w,media,"[1]"\n',
    )
    problems = problems_of(folder)
    assert [(p.row, p.column) for p in problems] == [(r, "attributes") for r in (2, 3, 4, 5)]
    assert "the value of 'a' is [1]" in problems[0].message
    assert 'e.g. {"beds": 40, "county": "Riverside"}' in problems[1].message
    assert "NaN is not a valid JSON number" in problems[2].message
    assert "not an object" in problems[3].message


def test_every_problem_in_one_error_sorted_by_sheet_and_row(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies="id,name,sector,colour\nA1,,bogus,red\n",
        groups="id,name,group_type\nG1,g,mutual_help\nG1,h,nope\n",
        exchanges="source,target,kind,start\nA1,G1,gossip,2024-13-01\nZ,G1,referral,\n",
    )
    with pytest.raises(shx.DataFileError) as info:
        shx.read_tables(folder)
    problems = info.value.problems
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("agencies", 1, "colour"),
        ("agencies", 2, "name"),
        ("agencies", 2, "sector"),
        ("groups", 3, "id"),
        ("groups", 3, "group_type"),
        ("exchanges", 2, "kind"),
        ("exchanges", 2, "start"),
        ("exchanges", 3, "source"),
    ]
    text = str(info.value)
    assert text.startswith("the data file cannot be read (8 problems):")
    assert f"file {folder / 'exchanges.csv'}, sheet 'exchanges', row 2, column 'kind'" in text
    assert isinstance(info.value, ValueError)


def test_folder_level_problems(tmp_path: Path) -> None:
    with pytest.raises(shx.DataFileError, match="does not exist"):
        shx.read_tables(tmp_path / "missing")
    with pytest.raises(shx.DataFileError, match="holds none of the table files"):
        shx.read_tables(tmp_path)
    write_csv(tmp_path, agencies=AGENCIES, exchange="source\n")
    p = only(problems_of(tmp_path))
    assert p.file == str(tmp_path / "exchange.csv")
    assert "'exchange.csv' is not a table" in p.message
    assert "exchanges.csv" in p.message


def test_unparsable_csv(tmp_path: Path) -> None:
    write_csv(tmp_path, agencies="id,name,sector\nA1,x,other\nA2,y,other,extra,cells\n")
    p = only(problems_of(tmp_path))
    assert p.row == 3
    assert "not valid CSV" in p.message
    (tmp_path / "agencies.csv").write_bytes(b"id,name,sector\nA1,\xff,other\n")
    assert "not UTF-8 text" in only(problems_of(tmp_path)).message
    (tmp_path / "agencies.csv").write_text("id;name;sector\nA1;x;other\n")
    assert "separated by ';'" in only(problems_of(tmp_path)).message
    (tmp_path / "agencies.csv").write_bytes(b"")
    assert "needs at least the header row" in only(problems_of(tmp_path)).message


# --------------------------------------------------------------------------- workbooks


def test_workbook_problems_name_the_workbook_sheet_and_row(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "agencies"
    ws.append(["id", "name", "sector"])
    ws.append(["A1", "Riverside", "mental_health"])
    ws.append([])  # a blank row keeps its number
    ws.append(["A2", "Bayside", "psychiatry"])
    ex = wb.create_sheet("Exchanges ")  # sheet names forgive case and surrounding spaces
    ex.append(["source", "target", "kind"])
    ex.append(["A1", "G9", "referral"])
    wb.create_sheet("_notes").append(["anything"])
    path = tmp_path / "evaluation.xlsx"
    wb.save(path)
    problems = problems_of(path)
    assert [(p.file, p.sheet, p.row, p.column, p.value) for p in problems] == [
        (str(path), "agencies", 4, "sector", "psychiatry"),
        (str(path), "groups", None, None, None),  # the sheet G9 would be in is missing
        (str(path), "exchanges", 2, "target", "G9"),
    ]
    assert "the sheet 'groups' is missing (1 reference to its ids below)" in problems[1].message


def test_a_deleted_sheet_is_reported_as_missing(tmp_path: Path) -> None:
    net = shx.load_example("riverside")
    path = tmp_path / "county.xlsx"
    shx.write_tables(net, path)
    for sheet in ("groups", "exchanges"):
        wb = openpyxl.load_workbook(path)
        del wb[sheet]
        cut = tmp_path / f"no-{sheet}.xlsx"
        wb.save(cut)
        first = problems_of(cut)[0]
        assert (first.file, first.sheet) == (str(cut), sheet)
        assert f"the sheet {sheet!r} is missing" in first.message
    folder = tmp_path / "csv"
    shx.write_tables(net, folder)
    (folder / "groups.csv").unlink()
    first = problems_of(folder)[0]
    assert first.file == str(folder / "groups.csv")
    assert "the file groups.csv is missing" in first.message


def test_workbook_level_problems(tmp_path: Path) -> None:
    with pytest.raises(shx.DataFileError, match="does not exist"):
        shx.read_tables(tmp_path / "none.xlsx")
    (tmp_path / "fake.xlsx").write_text("not a zip")
    with pytest.raises(shx.DataFileError, match=r"cannot be opened as an \.xlsx workbook"):
        shx.read_tables(tmp_path / "fake.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = "Agencys"
    wb.save(tmp_path / "typo.xlsx")
    p = only(problems_of(tmp_path / "typo.xlsx"))
    assert p.sheet == "Agencys"
    assert "is not a table; did you mean 'agencies'? (valid sheets: agencies, groups," in p.message


def test_values_typed_into_excel_are_read(tmp_path: Path) -> None:
    # what Excel stores when a user types into General-format cells
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "agencies"
    ws.append(["id", "name", "sector", "latitude", "longitude", "postal_code"])
    ws.append([7, "Riverside", "other", 45, -75.5, 12345])
    gs = wb.create_sheet("groups")
    gs.append(["id", "name", "group_type"])
    gs.append(["G1", "g", "mutual_help"])
    ms = wb.create_sheet("meetings")
    ms.append(["group_id", "day", "start", "end"])
    ms.append(["G1", "Monday", dt.time(19, 30), dt.datetime(1899, 12, 30, 21, 0)])
    xs = wb.create_sheet("exchanges")
    xs.append(["source", "target", "kind", "weight", "start", "end"])
    xs.append(["7", "G1", "referral", 3, dt.datetime(2024, 3, 1), dt.date(2024, 4, 1)])
    xs.append(["7", "G1", "referral", True, dt.datetime(2024, 3, 1, 10, 0), None])
    path = tmp_path / "typed.xlsx"
    wb.save(path)
    problems = problems_of(path)
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("exchanges", 3, "weight"),
        ("exchanges", 3, "start"),
    ]
    assert problems[0].value == "true"
    assert problems[1].value == "2024-03-01 10:00:00"
    xs.delete_rows(3)
    wb.save(path)
    net = shx.read_tables(path)
    assert net.agencies[0].id == "7"
    assert net.agencies[0].location == shx.Location(
        postal_code="12345", latitude=45.0, longitude=-75.5
    )
    assert net.groups[0].meetings == (shx.MeetingTime("monday", "19:30", "21:00"),)
    assert net.arrays.weight.tolist() == [3.0]
    assert str(net.arrays.start[0]) == "2024-03-01"
    assert str(net.arrays.end[0]) == "2024-04-01"


def test_workbook_refuses_cells_excel_cannot_hold(tmp_path: Path) -> None:
    net = shx.ExchangeNetwork(agencies=[shx.Agency("A1", "x" * 40_000)])
    with pytest.raises(shx.DataFileError, match="over Excel's limit of 32767") as info:
        shx.write_tables(net, tmp_path / "big.xlsx")
    p = only(info.value.problems)
    assert (p.sheet, p.row, p.column) == ("agencies", 2, "name")
    assert not (tmp_path / "big.xlsx").exists()
    shx.write_tables(net, tmp_path / "csv")  # a CSV folder takes it
    assert shx.read_tables(tmp_path / "csv") == net


@pytest.mark.parametrize(("name", "hint"), [("net.csv", "give a folder"), ("net.xls", ".xlsx")])
def test_write_refuses_paths_meant_for_something_else(
    tmp_path: Path, name: str, hint: str
) -> None:
    with pytest.raises(shx.DataFileError, match=hint):
        shx.write_tables(awkward_network(), tmp_path / name)
    assert not (tmp_path / name).exists()


# --------------------------------------------------------------------------- formula injection
@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 hall", "'+44 hall"),
        ("-minus", "'-minus"),
        ("@home", "'@home"),
        ("\tindent", "'\tindent"),
        ("\rcarriage", "'\rcarriage"),
        ("'=1+1", "''=1+1"),  # a genuine quote before a formula start is kept by one more
        ("''-x", "'''-x"),
        ("'quoted", "'quoted"),  # a quote before anything else needs nothing
        ("'", "'"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_csv_protection_by_hand(value: str, written: str) -> None:
    cells = np.array([value], dtype=object)
    assert protect(cells).tolist() == [written]
    assert unprotect(protect(cells)).tolist() == [value]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from("'=+-@\t\rab ")) | st.text(), max_size=8))
def test_csv_protection_is_reversible(values: list[str]) -> None:
    cells = np.array(values, dtype=object)
    protected = protect(cells)
    assert unprotect(protected).tolist() == values
    # nothing a spreadsheet would run is left
    assert not any(v.startswith(FORMULA_START) for v in protected.tolist())


def test_a_quote_typed_by_hand_before_a_formula_is_dropped(tmp_path: Path) -> None:
    folder = write_csv(tmp_path, agencies="id,name,sector\nA1,'=1+1,other\nA2,'quoted,other\n")
    net = shx.read_tables(folder)
    assert [a.name for a in net.agencies] == ["=1+1", "'quoted"]


def test_no_workbook_cell_is_ever_a_formula(tmp_path: Path) -> None:
    starts = ["=1+1", "+1", "-1", "@SUM(A1)", "=cmd|' /C calc'!A0"]
    net = shx.ExchangeNetwork(
        agencies=[
            shx.Agency(
                f"{s}id",
                s,
                location=shx.Location(address=s, city=s, state=s, country=s, name=s),
                attributes={"x": s},
            )
            for s in starts
        ],
        groups=[shx.SelfHelpGroup("=G", "=AA", "mutual_help", fellowship="=AA")],
        actors=[shx.CommunityActor("+C", "-C", "media")],
        exchanges=[shx.Exchange(f"{starts[0]}id", "=G", "referral")],
        initiatives=[shx.Initiative("=I", "media", ["=G"], ["+C"], name="@I")],
    )
    path = tmp_path / "n.xlsx"
    shx.write_tables(net, path)
    wb = openpyxl.load_workbook(path)
    types = {c.data_type for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert "f" not in types
    quoted = [c for c in wb["agencies"]["B"][1:] if c.value is not None]
    assert [c.value for c in quoted] == starts
    assert all(c.quotePrefix for c in quoted)
    assert shx.read_tables(path) == net


# --------------------------------------------------------------------------- byte-stable output
def test_a_workbook_holds_no_time_of_writing(tmp_path: Path) -> None:
    shx.write_tables(awkward_network(), tmp_path / "n.xlsx")
    with zipfile.ZipFile(tmp_path / "n.xlsx") as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml")
    assert b"dcterms:created" not in core
    assert b"dcterms:modified" not in core
    assert b"<dc:creator>selfhelp-exchange</dc:creator>" in core


# --------------------------------------------------------------------------- bad input (issue 10)
def test_a_lone_surrogate_cannot_be_written_to_csv(tmp_path: Path) -> None:
    net = shx.ExchangeNetwork(agencies=[shx.Agency("A1", "half \ud800")])
    with pytest.raises(shx.DataFileError) as info:
        shx.write_tables(net, tmp_path / "t")
    (p,) = info.value.problems
    assert (p.sheet, p.row, p.column) == ("agencies", 2, "name")
    assert "lone surrogate" in p.message
    assert not (tmp_path / "t" / "agencies.csv").exists()
    shx.write_tables(net, tmp_path / "n.xlsx")  # a workbook keeps it
    assert shx.read_tables(tmp_path / "n.xlsx") == net


def test_a_lone_surrogate_in_attributes_is_written_as_a_json_escape(tmp_path: Path) -> None:
    net = shx.ExchangeNetwork(agencies=[shx.Agency("A1", "x", attributes={"k": "\udc00 \u00e9"})])
    shx.write_tables(net, tmp_path)
    assert '"{""k"": ""\\udc00 \\u00e9""}"' in (tmp_path / "agencies.csv").read_text()
    assert shx.read_tables(tmp_path) == net


@pytest.mark.parametrize("table", ["group_locations", "meetings"])
@pytest.mark.parametrize("number", ["9" * 30, "9" * 5000, "1" + "0" * 18])
def test_positions_too_large_for_any_sheet(tmp_path: Path, table: str, number: str) -> None:
    column = "position" if table == "group_locations" else "location"
    folder = write_csv(
        tmp_path,
        groups="id,name,group_type\nG1,AA,mutual_help\n",
        group_locations=f"group_id,city{',position' if table == 'group_locations' else ''}\n"
        f"G1,Rome{',' + number if table == 'group_locations' else ''}\n",
        meetings=f"group_id,day,start{',location' if table == 'meetings' else ''}\n"
        f"G1,monday,19:30{',' + number if table == 'meetings' else ''}\n",
    )
    p = only(problems_of(folder), sheet=table, column=column)
    assert p.row == 2


def test_year_zero_is_no_date(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies=AGENCIES,
        groups=GROUPS,
        exchanges="source,target,kind,start\nA1,G1,referral,0000-01-01\n",
    )
    p = only(problems_of(folder), sheet="exchanges", column="start")
    assert "(got '0000-01-01')" in p.message


@pytest.mark.parametrize(
    ("cell", "says"),
    [
        ("[" * 100_000, "nested too deeply"),
        ('{"a": 1, "a": 2}', "the name 'a' is given twice in one JSON object; keep one"),
    ],
)
def test_attributes_nested_too_deeply_or_repeating_a_name(
    tmp_path: Path, cell: str, says: str
) -> None:
    quoted = '"' + cell.replace('"', '""') + '"'
    folder = write_csv(tmp_path, agencies=f"id,name,sector,attributes\nA1,x,other,{quoted}\n")
    p = only(problems_of(folder), sheet="agencies", column="attributes")
    assert says in p.message


def test_csv_limits(tmp_path: Path) -> None:
    folder = write_csv(tmp_path, agencies=AGENCIES)
    size = (folder / "agencies.csv").stat().st_size
    with pytest.raises(
        shx.DataFileError, match=f"the file is {size:,} bytes, over the limit of 10"
    ):
        shx.read_tables(folder, max_bytes=10)
    (p,) = problems_of_limited(folder, max_rows=1)
    assert p.message.startswith("the table has more than 1 rows after the header")
    p = problems_of_limited(folder, max_cell_chars=20)[0]
    assert (p.row, p.column) == (2, "name")
    assert p.message.startswith("the cell holds 21 characters, over the limit of 20")
    wide = ",".join(["id", "name", "sector"] + [f"c{i}" for i in range(1100)])
    write_csv(tmp_path / "wide", agencies=wide + "\nA1,x,other\n")
    (p,) = problems_of(tmp_path / "wide")
    assert p.message.startswith("the header has 1,103 columns (up to column APK)")
    with pytest.raises(shx.DataFileError, match="max_rows must be a whole number >= 1"):
        shx.read_tables(folder, max_rows=0)


def problems_of_limited(path: Path, **limits: int) -> tuple[shx.Problem, ...]:
    with pytest.raises(shx.DataFileError) as info:
        shx.read_tables(path, **limits)
    return info.value.problems


def _patched(path: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    out = path.with_name(f"patched-{path.name}")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info, change(body) if info.filename == member else body)
    return out


def _sheet_part(path: Path, title: str) -> str:
    titles = openpyxl.load_workbook(path, read_only=True).sheetnames
    return f"xl/worksheets/sheet{titles.index(title) + 1}.xml"


@pytest.fixture
def one_agency_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "n.xlsx"
    shx.write_tables(shx.ExchangeNetwork(agencies=[shx.Agency("A1", "Riverside")]), path)
    return path


def test_a_formula_with_no_saved_value_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "agencies"
    ws.append(["id", "name", "sector", "city"])
    ws.append(["A1", "x", "other", "=UPPER(B2)"])  # openpyxl saves no value for a formula
    wb.save(tmp_path / "f.xlsx")
    p = only(problems_of(tmp_path / "f.xlsx"), sheet="agencies")
    assert p.row == 2
    assert p.message.startswith("cell D2 holds the formula =UPPER(B2) with no saved value")


def test_a_formula_giving_empty_text_is_an_empty_cell(one_agency_workbook: Path) -> None:
    part = _sheet_part(one_agency_workbook, "agencies")
    path = _patched(
        one_agency_workbook,
        part,
        lambda b: b.replace(b'<c r="C2"', b'<c r="D2" t="str"><f>""</f><v></v></c><c r="C2"'),
    )
    assert shx.read_tables(path).agencies[0].location is None


def test_a_formula_with_a_saved_value_reads_the_value(one_agency_workbook: Path) -> None:
    part = _sheet_part(one_agency_workbook, "agencies")
    path = _patched(
        one_agency_workbook,
        part,
        lambda b: b.replace(
            b'<c r="B2" s="2" t="inlineStr"><is><t>Riverside</t></is></c>',
            b'<c r="B2" t="str"><f>"River"&amp;"side"</f><v>Riverside</v></c>',
        ),
    )
    assert b"<f>" in zipfile.ZipFile(path).read(part)
    assert shx.read_tables(path).agencies[0].name == "Riverside"


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda b: b.replace(b'<row r="2"', b'<row r="0"'), "row 0 comes after row 1"),
        (lambda b: b.replace(b"</sheetData>", b'<row r="2"/></sheetData>'), "row 2 comes after"),
        (lambda b: b.replace(b'r="C2"', b'r="A2"'), "cell A2 is given twice"),
        (lambda b: b.replace(b'r="C2"', b'r="XFD2"'), "reaches column XFD"),
        (lambda b: b.replace(b'<row r="2"', b'<row r="1048577"'), "past the last row"),
        (lambda b: b[: len(b) // 2], "cannot be opened as an .xlsx workbook"),
    ],
)
def test_a_damaged_sheet_is_refused_not_half_read(
    one_agency_workbook: Path, change: Callable[[bytes], bytes], says: str
) -> None:
    path = _patched(one_agency_workbook, _sheet_part(one_agency_workbook, "agencies"), change)
    (p,) = problems_of(path)
    assert says in p.message
    assert p.file == str(path)


def test_cells_out_of_order_are_read_where_they_belong(one_agency_workbook: Path) -> None:
    part = _sheet_part(one_agency_workbook, "agencies")
    body = zipfile.ZipFile(one_agency_workbook).read(part)
    cells = re.findall(rb'<c r="[A-C]2".*?</c>', body)
    path = _patched(
        one_agency_workbook, part, lambda b: b.replace(b"".join(cells), b"".join(cells[::-1]))
    )
    assert shx.read_tables(path).agencies[0].name == "Riverside"


def test_a_workbook_unpacking_past_the_limit_is_refused(one_agency_workbook: Path) -> None:
    with zipfile.ZipFile(one_agency_workbook) as zf:
        size = sum(i.file_size for i in zf.infolist())
    (p,) = problems_of_limited(one_agency_workbook, max_bytes=size - 1)
    assert p.message.startswith(f"the workbook unpacks to {size:,} bytes, over the limit")
    assert shx.read_tables(one_agency_workbook, max_bytes=size).n_agencies == 1


def test_workbook_row_and_cell_limits(tmp_path: Path) -> None:
    net = shx.ExchangeNetwork(agencies=[shx.Agency("A1", "x" * 40), shx.Agency("A2", "y")])
    shx.write_tables(net, tmp_path / "n.xlsx")
    (p,) = problems_of_limited(tmp_path / "n.xlsx", max_rows=1)
    assert p.message.startswith("the sheet has more than 1 rows after the header")
    (p,) = problems_of_limited(tmp_path / "n.xlsx", max_cell_chars=39)
    assert (p.sheet, p.row, p.column) == ("agencies", 2, "name")


def test_evaluator_mistakes_get_the_fix(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies="id,name,sector,_notes\nA1,Riverside,mental_helth,call Jo\n",
        groups="id,name,group_type,notes\nG1,Tuesday AA,mutual_help,x\n",
        exchanges=(
            "source,source_role,target,target_role,kind,weight\n"
            "G1,,A1,practitioners,referral,5\n"
            "A1,practitioners,G1,,referal,5\n"
        ),
    )
    messages = [p.message for p in problems_of(folder)]
    # the '_notes' column is not read; a 'notes' column gets the two ways to keep notes
    assert not any("_notes" in m for m in messages)
    assert any(
        "unknown column 'notes'" in m and "'attributes' column" in m and "starts with '_'" in m
        for m in messages
    )
    assert any(
        "'mental_helth' is not a valid sector; did you mean 'mental_health'?" in m
        for m in messages
    )
    assert any("'referal' is not a valid kind; did you mean 'referral'?" in m for m in messages)


def test_a_reversed_referral_is_a_problem_with_the_fix(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path,
        agencies="id,name,sector\nA1,Riverside,mental_health\n",
        groups="id,name,group_type\nG1,Tuesday AA,mutual_help\n",
        exchanges=(
            "source,source_role,target,target_role,kind,weight\n"
            "A1,practitioners,G1,,referral,5\n"
            "G1,,A1,practitioners,referral,5\n"
            "A1,board,G1,,board_seat,1\n"
            "G1,,A1,practitioners,information,2\n"
        ),
    )
    problems = problems_of(folder)
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("exchanges", 3, "source"),
        ("exchanges", 4, "source"),
    ]
    assert (
        "a referral runs from the agency to the group: swap source and target"
        in problems[0].message
    )
    assert "a board_seat runs from the group to the agency" in problems[1].message


# ----------------------------------------------------------------------------- duplicates
def test_duplicate_exchange_rows_are_refused_with_both_rows(tmp_path: Path) -> None:
    net = shx.load_example("riverside")
    shx.write_tables(net, tmp_path)
    p = tmp_path / "exchanges.csv"
    lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
    p.write_text("".join([*lines, lines[5], lines[5]]), encoding="utf-8")
    with pytest.raises(shx.DataFileError) as err:
        shx.read_tables(tmp_path)
    problems = err.value.problems
    # rows as a spreadsheet numbers them: 88 and 89 both repeat row 6
    assert [(p.sheet, p.row) for p in problems] == [("exchanges", 88), ("exchanges", 89)]
    assert "repeats row 6 exactly" in problems[0].message
    assert "merge them into one row with the summed weight" in problems[0].message
    kept = shx.read_tables(tmp_path, allow_duplicates=True)
    assert kept.n_exchanges == net.n_exchanges + 2


def test_duplicates_differing_in_one_field_are_not_duplicates(tmp_path: Path) -> None:
    x = shx.Exchange("A", "G", "referral", 12, "2024-01-01")
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A", "A")],
        groups=[shx.SelfHelpGroup("G", "G", "mutual_help")],
        exchanges=[
            x,
            attrs.evolve(x, weight=11.0),
            attrs.evolve(x, end=dt.date(2024, 2, 1)),
            attrs.evolve(x, attributes={"note": "second"}),
            shx.Exchange(("A", shx.Role.PRACTITIONERS), "G", "referral", 12, "2024-01-01"),
        ],
    )
    shx.write_tables(net, tmp_path / "x.xlsx")
    assert shx.read_tables(tmp_path / "x.xlsx").n_exchanges == 5


@settings(max_examples=60, deadline=None)
@given(networks())
def test_the_coded_exchange_writer_writes_the_csv_modules_bytes(
    net: shx.ExchangeNetwork,
) -> None:
    from selfhelp_exchange.io._columns import network_columns
    from selfhelp_exchange.io._csvdir import write_folder

    with tempfile.TemporaryDirectory() as tmp:
        plain, coded = Path(tmp) / "plain", Path(tmp) / "coded"
        try:
            write_folder(network_columns(net), plain)
        except shx.DataFileError:  # a lone surrogate: the coded path must refuse it the same
            with pytest.raises(shx.DataFileError):
                write_folder(network_columns(net, coded=True), coded)
            return
        write_folder(network_columns(net, coded=True), coded)
        for f in plain.iterdir():
            assert (coded / f.name).read_bytes() == f.read_bytes(), f.name


_CSV_CHARS = st.one_of(
    st.sampled_from([",", '"', "\r", "\n", " ", "'", "=", "\t"]), st.characters(codec="utf-8")
)


@given(st.lists(st.text(_CSV_CHARS, max_size=6), min_size=2, max_size=4))
def test_csv_cell_quotes_as_the_csv_module(cells: list[str]) -> None:
    import csv
    import io

    from selfhelp_exchange.io._csvdir import csv_cell

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerow(cells)
    assert buf.getvalue() == ",".join(csv_cell(c) for c in cells) + "\r\n"


def _read_both(folder: Path, monkeypatch: pytest.MonkeyPatch, **options: object) -> list[object]:
    """read_tables through the coded exchanges path and through the table reader alone:
    the network, or the problems (message, sheet, row, column, value) of the error."""
    from selfhelp_exchange.io import _csvfast

    out: list[object] = []
    for min_bytes in (0, 1 << 62):
        monkeypatch.setattr(_csvfast, "MIN_BYTES", min_bytes)
        try:
            out.append(shx.read_tables(folder, **options))  # type: ignore[arg-type]
        except shx.DataFileError as exc:
            out.append([(p.message, p.sheet, p.row, p.column, p.value) for p in exc.problems])
    return out


@settings(max_examples=40, deadline=None)
@given(networks())
def test_the_coded_exchange_reader_equals_the_table_reader(net: shx.ExchangeNetwork) -> None:
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "t"
        try:
            shx.write_tables(net, folder)
        except shx.DataFileError:
            return  # a lone surrogate
        fast, strict = _read_both(folder, mp, allow_duplicates=True)
        assert fast == strict
        if isinstance(strict, shx.ExchangeNetwork):
            assert strict == net


def test_the_coded_exchange_reader_is_taken_for_the_writers_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfhelp_exchange.io import _csvfast
    from selfhelp_exchange.io._limits import Limits

    net = shx.generate.community(10, 40, n_exchanges=3000, seed=3)
    shx.write_tables(net, tmp_path)
    monkeypatch.setattr(_csvfast, "MIN_BYTES", 0)
    coded = _csvfast.read_coded(tmp_path / "exchanges.csv", Limits())
    assert coded is not None
    assert coded.n_rows == net.n_exchanges
    index = {node_id: i for i, node_id in enumerate(net.node_ids.tolist())}
    columns = _csvfast.coded_arrays(coded, index)
    assert columns is not None
    assert np.array_equal(columns["source"], net.arrays.source)
    assert np.array_equal(columns["start"], net.arrays.start, equal_nan=True)
    assert shx.read_tables(tmp_path, allow_duplicates=True) == net


_ODD_CELLS = st.sampled_from(
    [
        "",
        " ",
        "'A1",
        "''=x",
        " A01",
        "A01 ",
        "NOBODY",
        "board",
        " board",
        "Board",
        "clients",
        "referral",
        "Referral",
        "joint_initiative",
        "attendance",
        "1",
        "1.0",
        "2.5e3",
        "1e400",
        "-0.0",
        "-1",
        "0x10",
        "nan",
        "2024-02-30",
        "2024-2-3",
        "0000-01-01",
        "2024-03-01",
        "2023-01-01",
        '{"a": 1}',
        "a,b",
        'say "x"',
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_changed_exchange_cell_reads_the_same_either_way(data: st.DataObject) -> None:
    """Any cell of exchanges.csv changed to an odd text: the coded path steps aside or gives
    what the table reader gives (the same network, or the same problems)."""
    import csv
    import io

    net = shx.generate.community(3, 8, n_exchanges=40, seed=data.draw(st.integers(0, 2)))
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "t"
        shx.write_tables(net, folder)
        path = folder / "exchanges.csv"
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        for _ in range(data.draw(st.integers(1, 3))):
            r = data.draw(st.integers(1, len(rows) - 1))
            c = data.draw(st.integers(0, len(rows[0]) - 1))
            rows[r][c] = data.draw(st.one_of(st.just(""), _ODD_CELLS))  # often empty
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows(rows)
        path.write_bytes(buf.getvalue().encode("utf-8"))
        fast, strict = _read_both(folder, mp)
    assert fast == strict


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace("\r\n", "\r\n\r\n", 3),  # blank lines
        lambda t: t + "\r\n",  # a blank line at the end
        lambda t: t.replace("\r\n", "\n"),  # LF line ends
        lambda t: t.replace(",\r\n", ",\r\r\n", 1),  # a carriage return alone
        lambda t: t.replace("\r\n", "\rx\r\n", 1),
    ],
)
def test_odd_line_ends_read_the_same_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[str], str]
) -> None:
    net = shx.generate.community(3, 8, n_exchanges=40, seed=1)
    folder = tmp_path / "t"
    shx.write_tables(net, folder)
    path = folder / "exchanges.csv"
    path.write_bytes(change(path.read_bytes().decode("utf-8")).encode("utf-8"))
    fast, strict = _read_both(folder, monkeypatch)
    assert fast == strict
