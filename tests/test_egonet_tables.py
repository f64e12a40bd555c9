"""Personal-network tables: checks with every problem named, files, round trips, pseudonyms."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx

KEY = "a-secret-key-of-32-characters-xx"


def _problems(exc: pytest.ExceptionInfo[shx.DataFileError]) -> list[tuple[object, ...]]:
    return [(p.sheet, p.row, p.column, p.value) for p in exc.value.problems]


def test_every_problem_of_dataframes_is_reported_at_once() -> None:
    alters = pd.DataFrame(
        {
            "ego_id": ["e1", "e1", "e1", " e2"],
            "wave": ["w", "w", "w", "w"],
            "alter_id": ["a", "b", "a", "c"],
            "relation": ["family", "Peer", "family", "neighbour"],
            "strength": [1.0, -3.0, None, 2.0],
            "supportive": [True, None, "maybe", False],
        }
    )
    ties = pd.DataFrame(
        {
            "ego_id": ["e1", "e1", "e1", "e9"],
            "wave": "w",
            "alter_a": ["a", "b", "a", "x"],
            "alter_b": ["b", "a", "z", "y"],
        }
    )
    egos = pd.DataFrame({"ego_id": ["e1", "e1"], "agency": ["A-NOPE", None]})
    net = shx.load_example("riverside")
    with pytest.raises(shx.DataFileError) as exc:
        shx.personal_networks(alters, ties, egos, network=net)
    got = _problems(exc)
    assert ("alters", 1, "strength", "-3.0") in got
    assert ("alters", 2, "supportive", "maybe") in got
    assert ("alters", 2, "alter_id", "a") in got  # named twice
    assert ("alters", 3, "ego_id", " e2") in got  # surrounding space
    assert ("alters", 3, "relation", "neighbour") in got
    assert ("alter_ties", 1, "alter_b", "a") in got  # the same pair again, reversed
    assert ("alter_ties", 2, "alter_b", "z") in got
    assert ("alter_ties", 3, "ego_id", "e9") in got
    assert ("egos", 0, "agency", "A-NOPE") in got
    assert ("egos", 1, "ego_id", "e1") in got
    assert all(p.file is None for p in exc.value.problems)
    # 'Peer' is forgiven (case), as for every list value
    assert not any(p.value == "Peer" for p in exc.value.problems)
    message = str(exc.value)
    assert "valid: treatment_staff, family, peer, friend, community, other" in message


def test_missing_required_column_is_named() -> None:
    with pytest.raises(shx.DataFileError) as exc:
        shx.personal_networks(pd.DataFrame({"ego_id": ["e"], "wave": ["w"], "alter_id": ["a"]}))
    (p,) = exc.value.problems
    assert (p.sheet, p.row, p.column) == ("alters", 1, "relation")
    assert "required column 'relation' is missing" in p.message


def test_tie_of_an_alter_with_itself() -> None:
    alters = pd.DataFrame({"ego_id": "e", "wave": "w", "alter_id": ["a"], "relation": ["peer"]})
    ties = pd.DataFrame({"ego_id": ["e"], "wave": ["w"], "alter_a": ["a"], "alter_b": ["a"]})
    with pytest.raises(shx.DataFileError, match="two different alters"):
        shx.personal_networks(alters, ties)


def test_csv_errors_name_file_sheet_row_column_value(tmp_path: Path) -> None:
    (tmp_path / "alters.csv").write_text(
        "ego_id,wave,alter_id,relation,contact_frequency\ne1,w,a,family,2\ne1,w,b,friend,lots\n",
        encoding="utf-8",
    )
    (tmp_path / "egos.csv").write_text("ego_id,agnecy\ne1,A-RMH\n", encoding="utf-8")
    with pytest.raises(shx.DataFileError) as exc:
        shx.read_personal_networks(tmp_path)
    got = _problems(exc)
    assert ("alters", 3, "contact_frequency", "lots") in got
    assert ("egos", 1, "agnecy", "agnecy") in got
    assert "did you mean 'agency'" in str(exc.value)
    assert all(p.file and p.file.endswith(".csv") for p in exc.value.problems)


def test_folder_without_alters_is_refused(tmp_path: Path) -> None:
    shx.write_tables(shx.load_example("riverside"), tmp_path)
    with pytest.raises(shx.DataFileError, match=r"alters\.csv"):
        shx.read_personal_networks(tmp_path)


def test_csv_round_trip_beside_a_network(tmp_path: Path) -> None:
    net = shx.load_example("riverside")
    pn = shx.load_personal_networks_example()
    shx.write_tables(net, tmp_path)
    shx.write_personal_networks(pn, tmp_path)
    assert shx.read_tables(tmp_path) == net  # the network reader skips the personal tables
    assert shx.read_personal_networks(tmp_path, network=net) == pn


def test_workbook_round_trip_with_the_network(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    net = shx.load_example("riverside")
    pn = shx.load_personal_networks_example()
    path = tmp_path / "evaluation.xlsx"
    shx.write_personal_networks(pn, path, network=net)
    assert shx.read_tables(path) == net
    assert shx.read_personal_networks(path) == pn
    wb = load_workbook(path, read_only=True)
    assert {"alters", "alter_ties", "egos", "agencies"} <= set(wb.sheetnames)
    help_sheets = {row[0] for row in wb["help"].iter_rows(min_row=2, values_only=True)}
    assert "alters" in help_sheets


def test_workbook_errors_name_the_sheet(tmp_path: Path) -> None:
    alters = pd.DataFrame(
        {"ego_id": ["e"], "wave": ["w"], "alter_id": ["a"], "relation": ["peer"]}
    )
    pn = shx.personal_networks(alters)
    path = tmp_path / "p.xlsx"
    shx.write_personal_networks(pn, path)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["alters"]["D2"] = "cousin"
    wb.save(path)
    with pytest.raises(shx.DataFileError) as exc:
        shx.read_personal_networks(path)
    (p,) = exc.value.problems
    assert (p.file, p.sheet, p.row, p.column, p.value) == (
        str(path),
        "alters",
        2,
        "relation",
        "cousin",
    )


def test_free_attributes_round_trip_with_their_types(tmp_path: Path) -> None:
    alters = pd.DataFrame(
        {
            "ego_id": ["e", "e"],
            "wave": ["w", "w"],
            "alter_id": ["=a", "b"],  # formula-looking id: quoted in CSV, read back exactly
            "relation": ["peer", "family"],
            "met_at": ["RLC workshop", None],
            "years_known": [2, 30],
        }
    )
    egos = pd.DataFrame({"ego_id": ["e"], "groups": [["G-RLC", "G-AA-TUE"]], "rlc": [True]})
    pn = shx.personal_networks(alters, egos=egos)
    assert pn.egos is not None
    assert pn.egos.loc[0, "groups"] == ("G-RLC", "G-AA-TUE")
    shx.write_personal_networks(pn, tmp_path)
    back = shx.read_personal_networks(tmp_path)
    assert back == pn
    assert back.alters.loc[1, "years_known"] == 30
    assert back.egos is not None
    assert back.egos.loc[0, "rlc"] is True


rows = st.lists(
    st.tuples(
        st.sampled_from(["e1", "e2", "=e3"]),
        st.sampled_from(["baseline", "2025-06-01"]),
        st.text("abcxyz-+=@ ", min_size=1, max_size=4).map(lambda s: "id" + s.strip() + "x"),
        st.sampled_from([r.value for r in shx.Relation]),
        st.none() | st.floats(0, 100, allow_nan=False),
        st.none() | st.booleans(),
    ),
    max_size=12,
    unique_by=lambda r: (r[0], r[1], r[2]),
)


@given(rows)
def test_round_trip_property(
    tmp_path_factory: pytest.TempPathFactory, data: list[tuple[object, ...]]
) -> None:
    frame = pd.DataFrame(
        data, columns=["ego_id", "wave", "alter_id", "relation", "strength", "supportive"]
    )
    pn = shx.personal_networks(frame)
    folder = tmp_path_factory.mktemp("pn")
    shx.write_personal_networks(pn, folder)
    if len(frame):
        assert shx.read_personal_networks(folder) == pn


def test_pseudonymization_keeps_structure_and_links_waves() -> None:
    pn = shx.load_personal_networks_example()
    safe = shx.pseudonymize_personal_networks(pn, KEY)
    assert not set(safe.alters["ego_id"]) & set(pn.alters["ego_id"])
    assert safe.ties is not None
    assert safe.egos is not None
    assert set(safe.ties["ego_id"]) <= set(safe.alters["ego_id"])
    assert set(safe.egos["ego_id"]) == set(safe.alters["ego_id"])
    # the same key gives the same pseudonyms: measures are unchanged but for the ids
    m, ms = shx.social_integration(pn), shx.social_integration(safe)
    pd.testing.assert_frame_equal(m.drop(columns="ego_id"), ms.drop(columns="ego_id"))
    # agencies are organizations: kept
    assert list(safe.egos["agency"]) == list(pn.egos["agency"])  # type: ignore[index]
    with pytest.raises(shx.PrivacyError):
        shx.pseudonymize_personal_networks(pn, "short")


def test_repr_and_to_frame() -> None:
    pn = shx.load_personal_networks_example()
    assert repr(pn) == (
        "PersonalNetworks(48 egos, 2 waves, 393 alter rows, 185 alter ties, 48 egos in ego table)"
    )
    frame = pn.to_frame()
    assert len(frame) == len(pn.alters)
    assert "rlc_participant" in frame.columns


def test_attribute_named_like_a_column_is_refused_at_its_row() -> None:
    alters = pd.DataFrame(
        {
            "ego_id": ["e", "e"],
            "wave": "w",
            "alter_id": ["a", "b"],
            "relation": "peer",
            "attributes": [None, {"wave": "x"}],
        }
    )
    with pytest.raises(shx.DataFileError) as exc:
        shx.personal_networks(alters)
    assert _problems(exc) == [("alters", 1, "attributes", "wave")]


def test_template_with_personal_network_sheets_reads_back_empty(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "t.xlsx"
    shx.write_template(path, personal_networks=True)
    assert {"alters", "alter_ties", "egos"} <= set(load_workbook(path, read_only=True).sheetnames)
    assert shx.read_tables(path) == shx.ExchangeNetwork()
    pn = shx.read_personal_networks(path)
    assert len(pn.alters) == 0
    assert pn.ties is not None
    assert len(pn.ties) == 0
    shx.write_template(tmp_path / "plain.xlsx")
    assert "alters" not in load_workbook(tmp_path / "plain.xlsx", read_only=True).sheetnames


def test_dates_as_waves_read_as_their_iso_text() -> None:
    alters = pd.DataFrame(
        {
            "ego_id": ["e", "e"],
            "wave": pd.to_datetime(["2024-03-01", "2025-03-01"]),
            "alter_id": ["a", "a"],
            "relation": ["family", "family"],
        }
    )
    assert shx.personal_networks(alters).waves == ("2024-03-01", "2025-03-01")
