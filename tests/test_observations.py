"""Observation records: validation, the network's checks, and every format's round trip."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from tests.strategies import as_directed, attributes, dates, ids, networks, optional_text


@st.composite
def networks_with_observations(draw: st.DrawFn) -> shx.ExchangeNetwork:
    net = draw(networks(max_exchanges=6, max_initiatives=2))
    nodes = [str(i) for i in net.node_ids]
    obs = []
    if nodes:
        for _ in range(draw(st.integers(0, 6))):
            obs.append(
                shx.Observation(
                    draw(st.sampled_from(nodes)),
                    draw(ids),
                    draw(st.floats(allow_nan=False, allow_infinity=False)),
                    draw(dates),
                    source=draw(optional_text),
                    rater=draw(st.none() | st.sampled_from(nodes)),
                    attributes=draw(attributes),
                )
            )
    net = as_directed(net)  # the tables readers refuse a row against its kind's direction
    return shx.ExchangeNetwork(
        net.agencies, net.groups, net.actors, net.exchanges, net.initiatives, observations=obs
    )


def test_an_observation_is_validated() -> None:
    o = shx.Observation("C1", "attitude_score", 3, "2024-03-01", rater="A1")
    assert o.value == 3.0
    assert isinstance(o.value, float)
    with pytest.raises(shx.RecordError, match="'date' is required"):
        shx.Observation("C1", "attitude_score", 3, None)
    with pytest.raises(shx.RecordError, match="finite number"):
        shx.Observation("C1", "attitude_score", float("nan"), "2024-03-01")
    with pytest.raises(shx.RecordError, match="finite number"):
        shx.Observation("C1", "attitude_score", True, "2024-03-01")
    with pytest.raises(shx.RecordError, match="'measure'"):
        shx.Observation("C1", " attitude", 1, "2024-03-01")
    with pytest.raises(shx.RecordError, match="'rater'"):
        shx.Observation("C1", "attitude_score", 1, "2024-03-01", rater="")


def test_the_network_checks_subjects_and_raters_and_keeps_them_through_a_window() -> None:
    a = shx.Agency("A1", "Agency")
    c = shx.CommunityActor("C1", "Courier", "media")
    with pytest.raises(shx.NetworkValidationError) as info:
        shx.ExchangeNetwork(
            agencies=[a],
            actors=[c],
            observations=[
                shx.Observation("C9", "m", 1, "2024-01-01"),
                shx.Observation("C1", "m", 1, "2024-01-01", rater="X"),
                "not an observation",  # type: ignore[list-item]
            ],
        )
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 3
    assert "subject 'C9'" in messages[0]
    assert "rater 'X'" in messages[1]
    assert "not an Observation" in messages[2]
    net = shx.ExchangeNetwork(
        agencies=[a], actors=[c], observations=[shx.Observation("C1", "m", 1, "2020-01-01")]
    )
    assert repr(net).endswith("1 observations)")
    assert net.window(start="2024-01-01", end="2024-12-31").observations == net.observations
    assert net.layer(["referral"]).observations == net.observations
    assert net != shx.ExchangeNetwork(agencies=[a], actors=[c])
    assert repr(shx.ExchangeNetwork(agencies=[a])).endswith("0 initiatives)")


@given(networks_with_observations())
def test_json_round_trip_keeps_every_observation(net: shx.ExchangeNetwork) -> None:
    buf = io.StringIO()
    shx.write_json(net, buf)
    back = shx.read_json(io.StringIO(buf.getvalue()))
    assert back == net
    assert back.observations == net.observations
    if not net.observations:  # files without observations are written as before
        assert "observations" not in json.loads(buf.getvalue())


@given(networks_with_observations())
def test_graphml_round_trip_keeps_every_observation(net: shx.ExchangeNetwork) -> None:
    buf = io.BytesIO()
    shx.write_graphml(net, buf)
    back = shx.read_graphml(io.BytesIO(buf.getvalue()))
    assert back.observations == net.observations


def test_table_round_trips_keep_observations(tmp_path: Path) -> None:
    net = shx.load_example("riverside")
    assert len(net.observations) == 46
    for target in (tmp_path / "folder", tmp_path / "book.xlsx"):
        shx.write_tables(net, target)
        assert shx.read_tables(target).observations == net.observations


@given(networks_with_observations())
def test_csv_round_trip_keeps_observations(net: shx.ExchangeNetwork) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        shx.write_tables(net, Path(d) / "t")
        assert shx.read_tables(Path(d) / "t").observations == net.observations


def test_the_observations_sheet_reports_every_problem_with_its_row(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    (tmp_path / "t").mkdir()
    (folder / "agencies.csv").write_text("id,name,sector\nA1,Agency,other\n")
    (folder / "groups.csv").write_text("id,name,group_type\n")
    (folder / "observations.csv").write_text(
        "subject,measure,value,date,rater\n"
        "A1,trust,3,2024-01-01,\n"
        "NOPE,trust,x,2024-02-30,A9\n"
        "A1,,1,,\n"
    )
    with pytest.raises(shx.DataFileError) as info:
        shx.read_tables(folder)
    got = [(p.sheet, p.row, p.column) for p in info.value.problems]
    assert got == [
        ("observations", 3, "subject"),
        ("observations", 3, "value"),
        ("observations", 3, "date"),
        ("observations", 3, "rater"),
        ("observations", 4, "measure"),
        ("observations", 4, "date"),
    ]
    assert "'NOPE' is not declared" in info.value.problems[0].message


def test_a_bad_observation_in_json_names_its_section(tmp_path: Path) -> None:
    path = tmp_path / "n.json"
    path.write_text(
        json.dumps(
            {
                "agencies": [{"id": "A1", "name": "A"}],
                "observations": [
                    {"subject": "A1", "measure": "m", "value": "high", "date": "2024-01-01"},
                    {"subject": "Z", "measure": "m", "value": 1, "date": "2024-01-01"},
                ],
            }
        )
    )
    with pytest.raises(shx.DataFileError) as info:
        shx.read_json(path)
    assert [p.sheet for p in info.value.problems] == ["observations"]
    assert "finite number" in info.value.problems[0].message
    path.write_text(
        json.dumps(
            {
                "agencies": [{"id": "A1", "name": "A"}],
                "observations": [
                    {"subject": "Z", "measure": "m", "value": 1, "date": "2024-01-01"}
                ],
            }
        )
    )
    with pytest.raises(shx.DataFileError) as info:
        shx.read_json(path)
    assert info.value.problems[0].sheet == "observations"
    assert info.value.problems[0].column == "subject"
