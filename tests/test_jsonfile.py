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
from selfhelp_exchange.io.jsonfile import _compact_json, _iso_dates, network_to_dict
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
