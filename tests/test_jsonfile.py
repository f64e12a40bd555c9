"""JSON files: bad files give one error listing every problem with its section and field."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.io._jsonwrite import _compact_json, _iso_dates, network_to_dict
from tests.strategies import networks


def problems_of(text: str) -> tuple[shx.Problem, ...]:
    with pytest.raises(shx.DataFileError) as info:
        shx.read_json(io.StringIO(text))
    return info.value.problems


def doc(**sections: object) -> str:
    base: dict[str, object] = {"format": "selfhelp-exchange", "version": 1}
    base.update(sections)
    return json.dumps(base)


AGENCY = {"id": "A1", "name": "Riverside", "sector": "mental_health"}
GROUP = {"id": "G1", "name": "Tuesday AA", "group_type": "mutual_help"}


def test_not_json_names_the_line() -> None:
    (p,) = problems_of('{"agencies": [\n  {"id": "A1",}\n]}')
    assert p.row == 2
    assert p.message.startswith("not valid JSON")


def test_nan_is_refused() -> None:
    (p,) = problems_of('{"agencies": [], "exchanges": {"weight": [NaN]}}')
    assert "NaN is not a valid JSON number" in p.message


def test_unknown_keys_and_bad_version() -> None:
    problems = problems_of(doc(version=2, agencys=[]))
    assert [p.column for p in problems] == ["version", "agencys"]
    assert "valid: 1" in problems[0].message


def test_unknown_enum_value_in_a_record() -> None:
    (p,) = problems_of(doc(agencies=[{**AGENCY, "sector": "psychiatry"}]))
    assert p.sheet == "agencies"
    assert p.value == "A1"
    assert "'sector' must be one of 'mental_health', 'substance_use'" in p.message
    assert "(got 'psychiatry')" in p.message


def test_every_exchange_problem_is_listed() -> None:
    exchanges = {
        "source": ["A1", "A1", "G1"],
        "target": ["G1", "G9", "A1"],
        "kind": ["referral", "referral", "gossip"],
        "start": ["2024-01-01", "2024-13-01", None],
    }
    problems = problems_of(doc(agencies=[AGENCY], groups=[GROUP], exchanges=exchanges))
    assert {(p.sheet, p.column, p.value) for p in problems} == {
        ("exchanges", "start", "2024-13-01"),
        ("exchanges", "kind", "gossip"),
        ("exchanges", "target", "G9"),
    }


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(shx.DataFileError) as info:
        shx.read_json(tmp_path / "none.json")
    (p,) = info.value.problems
    assert p.file == str(tmp_path / "none.json")
    assert "cannot be read" in p.message


@given(
    st.lists(st.one_of(st.none(), st.integers(-800_000, 2_900_000)), max_size=60),
    st.integers(0, 5),
)
def test_dates_are_written_as_each_one_formatted_alone(
    days: list[int | None], spread: int
) -> None:
    # days since 1970 (about 200 BC to AD 9900), packed close together or spread wide, so that
    # both the shared-table path and the one-by-one path are taken
    values = [None if d is None else d // (10**spread) for d in days]
    a = np.array(
        [np.datetime64("NaT") if d is None else np.datetime64(d, "D") for d in values],
        dtype="datetime64[D]",
    )
    want = [None if np.isnat(d) else str(d) for d in a]
    assert _iso_dates(a).tolist() == want


@settings(max_examples=60, deadline=None)
@given(networks())
def test_the_compact_text_is_json_dumps_of_the_dict(net: shx.ExchangeNetwork) -> None:
    want = json.dumps(network_to_dict(net), ensure_ascii=False, allow_nan=False)
    assert _compact_json(net) == want


def test_the_compact_text_of_a_community_with_every_kind_of_value() -> None:
    net = shx.generate.community(6, 30, n_exchanges=400, seed=3)
    x = net.arrays
    weight = x.weight.copy()
    weight[:3] = [-0.0, 0.1 + 0.2, 1e300]  # -0.0 is a weight >= 0, written "-0.0"
    start = x.start.copy()
    start[5] = np.datetime64("1066-10-14")  # a span too wide for the table of days
    odd = shx.ExchangeNetwork.from_arrays(
        agencies=net.agencies,
        groups=net.groups,
        actors=net.actors,
        initiatives=net.initiatives,
        **{c: getattr(x, c) for c in ("source", "target", "kind", "end")},
        source_role=x.source_role,
        target_role=x.target_role,
        weight=weight,
        start=start,
    )
    for n in (net, odd):
        assert _compact_json(n) == json.dumps(network_to_dict(n), ensure_ascii=False)
    assert '"weight": [-0.0, 0.30000000000000004, 1e+300' in _compact_json(odd)


def test_a_whole_number_weight_too_large_for_a_float_is_a_named_problem() -> None:
    buf = io.StringIO()
    shx.write_json(shx.load_example("riverside"), buf)
    doc = json.loads(buf.getvalue())
    doc["exchanges"]["weight"][0] = 10**400
    with pytest.raises(shx.DataFileError, match="too large for a float"):
        shx.read_json(io.StringIO(json.dumps(doc)))


# --------------------------------------------------------------------------- bad input (issue 10)
def test_a_key_given_twice_is_refused_not_resolved() -> None:
    text = '{"agencies": [], "agencies": [{"id": "A1", "name": "x", "sector": "other"}]}'
    (p,) = problems_of(text)
    assert p.column == "agencies"
    assert p.message.startswith("key 'agencies' appears more than once in one JSON object")
    (p,) = problems_of('{"agencies": [{"id": "A1", "name": "x", "name": "y", "sector": "other"}]}')
    assert p.column == "name"


def test_deep_nesting_is_a_data_file_error() -> None:
    (p,) = problems_of('{"agencies": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert p.message == "the JSON is nested too deeply to be a network file"


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    text = b"\xef\xbb\xbf" + doc(agencies=[AGENCY]).encode()
    (tmp_path / "n.json").write_bytes(text)
    assert shx.read_json(tmp_path / "n.json").agencies[0].id == "A1"
    assert shx.read_json(io.BytesIO(text)).agencies[0].id == "A1"  # type: ignore[arg-type]


def test_binary_streams_must_be_utf8() -> None:
    with pytest.raises(
        shx.DataFileError, match=r"not UTF-8 text \(invalid start byte at byte 1\)"
    ):
        shx.read_json(io.BytesIO(b"{\xff}"))  # type: ignore[arg-type]


@pytest.mark.parametrize("source", [5, True, "abc", {"a": 1}])
def test_a_source_column_that_is_no_list(source: object) -> None:
    problems = problems_of(doc(exchanges={"source": source, "target": [], "kind": []}))
    assert ("source", "must be a list of 0 values, one per exchange") in {
        (p.column, p.message) for p in problems
    }


def test_a_whole_number_weight_past_float() -> None:
    exchanges = {"source": ["A1"], "target": ["G1"], "kind": ["referral"], "weight": [10**400]}
    (p,) = problems_of(doc(agencies=[AGENCY], groups=[GROUP], exchanges=exchanges))
    assert p.column == "weight"
    assert "a whole number of 401 digits, too large for a float" in p.message


@pytest.mark.parametrize(
    "start",
    ["2024", "2024-01", "2024-01-01T10:00", " 2024-01-01", "NaT", "+002024-01", "x" * 10**6],
)
def test_exchange_dates_must_be_exactly_yyyy_mm_dd(start: str) -> None:
    exchanges = {
        "source": ["A1", "A1"],
        "target": ["G1", "G1"],
        "kind": ["referral", "gossip"],
        "start": [start, None],
    }
    problems = problems_of(doc(agencies=[AGENCY], groups=[GROUP], exchanges=exchanges))
    # the date and the network's own problem are both listed
    assert [(p.column, p.value) for p in problems] == [("start", start), ("kind", "gossip")]
    assert problems[0].text == f"exchange 0: must be a date as YYYY-MM-DD (got {start!r})"
    assert problems[0].exchange == 0


def test_exchange_attributes_must_be_objects() -> None:
    exchanges = {"source": ["A1"], "target": ["G1"], "kind": ["referral"], "attributes": [5]}
    (p,) = problems_of(doc(agencies=[AGENCY], groups=[GROUP], exchanges=exchanges))
    assert p.text == "exchange 0: must be an object or null (got int 5)"
    assert p.exchange == 0


def test_a_lone_surrogate_round_trips_through_utf8(tmp_path: Path) -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "half \ud800 pair", attributes={"k": "\udc00"})]
    )
    shx.write_json(net, tmp_path / "n.json")
    raw = (tmp_path / "n.json").read_bytes()
    raw.decode("utf-8")  # valid UTF-8: the surrogate is written as an escape
    assert b"\\ud800" in raw
    assert shx.read_json(tmp_path / "n.json") == net


def test_the_size_limit_counts_bytes_and_characters(tmp_path: Path) -> None:
    text = doc(agencies=[AGENCY])
    (tmp_path / "n.json").write_text(text)
    with pytest.raises(
        shx.DataFileError, match=f"the file is {len(text)} bytes, over the limit of 10"
    ):
        shx.read_json(tmp_path / "n.json", max_bytes=10)
    with pytest.raises(shx.DataFileError, match="over the limit of 10"):
        shx.read_json(io.StringIO(text), max_bytes=10)
    assert shx.read_json(io.StringIO(text), max_bytes=len(text)).agencies[0].id == "A1"


def test_duplicate_exchanges_are_refused_unless_allowed() -> None:
    x = shx.Exchange("A", "G", "referral", 12)
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A", "A")],
        groups=[shx.SelfHelpGroup("G", "G", "mutual_help")],
        exchanges=[x, shx.Exchange("G", "A", "in_reach"), x],
    )
    buf = io.StringIO()
    shx.write_json(net, buf)
    with pytest.raises(shx.DataFileError, match="exchange item 2 repeats item 0 exactly"):
        shx.read_json(io.StringIO(buf.getvalue()))
    assert shx.read_json(io.StringIO(buf.getvalue()), allow_duplicates=True).n_exchanges == 3
