"""The bulk record paths: exactly ``to_plain``/``from_plain``, or a step aside to them."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange._fastrecords import plain_records, record_from_plain
from selfhelp_exchange._serialize import from_plain, to_plain
from selfhelp_exchange.exceptions import RecordError
from tests.strategies import networks

KINDS = {
    shx.Agency: "agency",
    shx.SelfHelpGroup: "group",
    shx.CommunityActor: "actor",
    shx.Initiative: "initiative",
}


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _records(net: shx.ExchangeNetwork) -> list[Any]:
    return [*net.agencies, *net.groups, *net.actors, *net.initiatives]


@settings(max_examples=80, deadline=None)
@given(networks())
def test_plain_records_equal_to_plain(net: shx.ExchangeNetwork) -> None:
    records = _records(net)
    fast = plain_records(records)
    slow = [to_plain(r) for r in records]
    assert _same(fast, slow)  # the same keys, in the same order, the same types


@settings(max_examples=80, deadline=None)
@given(networks())
def test_records_from_plain_equal_the_constructors(net: shx.ExchangeNetwork) -> None:
    for r in _records(net):
        kind = KINDS[type(r)]
        plain = to_plain(r)
        rebuilt = record_from_plain(kind, plain)
        if rebuilt is not None:
            assert rebuilt == r == from_plain(kind, plain)
            assert type(rebuilt) is type(r)
            for field in plain:
                assert _same(to_plain(rebuilt)[field], plain[field])


def test_the_fast_path_is_taken_for_canonical_records() -> None:
    net = shx.generate.community(5, 20, n_exchanges=50, seed=1)
    for r in _records(net):
        assert record_from_plain(KINDS[type(r)], to_plain(r)) == r


_ODD_VALUES = st.sampled_from(
    [
        None,
        True,
        0,
        1,
        2**2000,
        1.5,
        -0.0,
        91.0,
        -181.0,
        math.inf,
        math.nan,
        "",
        " ",
        " A1",
        "A1 ",
        "A\x01",
        "A\u0085",
        "Ä1",
        "A1",
        "2024-02-30",
        "2024-2-3",
        " 2024-02-03",
        "2024-02-03",
        "mental_health",
        "mutual_help",
        "twelve_step",
        "media",
        "recovery_event",
        "hosting",
        "MEDIA",
        [],
        ["A1", "A1"],
        ["A1", ""],
        ["A1", 3],
        ["hosting", "hosting"],
        ["peer_bridging", "hosting"],
        [None],
        {},
        {"k": 1},
        {"": 1},
        {" ": 1},
        {"k": math.inf},
        {"k": None},
        {"k": [1]},
        dt.date(2024, 1, 2),
        {"latitude": 91.0, "longitude": 0.0},
    ]
)
_COORDINATES = st.sampled_from(
    [None, 0, 1.5, 90.0, 90.5, -180.0, -180.5, math.inf, math.nan, True, "1.5", 2**2000]
)


@settings(max_examples=1500, deadline=None)
@given(st.data())
def test_a_changed_field_steps_aside_or_equals_the_constructor(data: st.DataObject) -> None:
    """Fuzz the canonical dicts: the fast path must never accept what the constructor refuses,
    nor build anything but what the constructor builds."""
    net = shx.generate.community(3, 6, n_exchanges=10, seed=data.draw(st.integers(0, 3)))
    record = data.draw(st.sampled_from(_records(net)))
    kind = KINDS[type(record)]
    plain = to_plain(record)
    for _ in range(data.draw(st.integers(1, 3))):
        key = data.draw(st.sampled_from([*plain, "extra"]))
        if data.draw(st.booleans()) and key in plain and isinstance(plain[key], dict):
            inner = dict(plain[key])
            field = data.draw(st.sampled_from([*inner, "latitude", "longitude", "k"]))
            odd = _COORDINATES if field in ("latitude", "longitude") else _ODD_VALUES
            inner[field] = data.draw(odd)
            plain[key] = inner
        elif data.draw(st.booleans()) and key in plain:
            del plain[key]
        else:
            plain[key] = data.draw(_ODD_VALUES)
    fast = record_from_plain(kind, plain)
    if fast is None:
        return
    slow = from_plain(kind, plain)  # must not raise: the fast path accepted it
    assert fast == slow
    assert _same(to_plain(fast), to_plain(slow))


def test_an_invalid_record_is_left_to_the_constructor() -> None:
    bad = {"id": "A1", "name": "", "sector": "other", "location": None, "attributes": {}}
    assert record_from_plain("agency", bad) is None
    with pytest.raises(RecordError, match="'name' must be a non-empty string"):
        from_plain("agency", bad)
    good = dict(bad, name="Agency")
    assert record_from_plain("agency", good) == shx.Agency("A1", "Agency")


def test_other_record_types_go_through_to_plain() -> None:
    obs = shx.Observation("A1", "trust", 3.0, "2024-01-01")
    assert plain_records([obs]) == [to_plain(obs)]
    assert record_from_plain("observation", to_plain(obs)) is None


def _group_fields(g: shx.SelfHelpGroup) -> dict[str, Any]:
    return {
        "fellowship": g.fellowship,
        "focus": g.focus,
        "approach": g.approach,
        "meeting_place": g.meeting_place,
        "admission": g.admission,
        "timing": g.timing,
        "facilitation": g.facilitation,
        "locations": list(g.locations),
        "meetings": list(g.meetings),
        "attributes": g.attributes,
        "activities": g.activities,
    }


@settings(max_examples=60, deadline=None)
@given(networks())
def test_groups_from_typed_values_equal_the_constructor(net: shx.ExchangeNetwork) -> None:
    from selfhelp_exchange._fastrecords import group_from_values, location_from_values

    for g in net.groups:
        fast = group_from_values(g.id, g.name, g.group_type, **_group_fields(g))
        assert fast is None or (fast == g and type(fast.locations) is tuple)
        for loc in g.locations:
            fields = to_plain(loc)
            assert location_from_values(**fields) in (None, loc)


_TYPED_ODD = st.sampled_from(
    [
        None,
        "",
        " ",
        " G1",
        "Ä1",
        "x",
        1,
        1.5,
        math.nan,
        91.0,
        -181.0,
        True,
        "mutual_help",
        shx.GroupType.MUTUAL_HELP,
        shx.Focus.SUBSTANCE_USE,
        shx.Approach.TWELVE_STEP,
        shx.ActorKind.MEDIA,
        (),
        [],
        [None],
        (shx.Activity.EDUCATION, shx.Activity.EDUCATION),
        tuple(reversed(list(shx.Activity)))[:2],
        [shx.Activity.EDUCATION],
        (shx.Activity.SUPPORT_MEETINGS, shx.Activity.EDUCATION),
        shx.Attributes({"k": 1}),
        {"k": 1},
        [shx.Location(city="Riverside")],
        [shx.MeetingTime("monday", "19:00")],
    ]
)


@settings(max_examples=800, deadline=None)
@given(st.data())
def test_a_changed_typed_value_steps_aside_or_equals_the_constructor(
    data: st.DataObject,
) -> None:
    from selfhelp_exchange._fastrecords import group_from_values, location_from_values

    net = shx.generate.community(3, 6, n_exchanges=10, seed=data.draw(st.integers(0, 3)))
    g = data.draw(st.sampled_from(net.groups))
    head = [g.id, g.name, g.group_type]
    fields = _group_fields(g)
    for _ in range(data.draw(st.integers(1, 2))):
        k = data.draw(st.sampled_from([0, 1, 2, *fields]))
        if isinstance(k, int):
            head[k] = data.draw(_TYPED_ODD)
        else:
            fields[k] = data.draw(_TYPED_ODD)
    fast = group_from_values(*head, **fields)
    if fast is not None:
        assert fast == shx.SelfHelpGroup(*head, **fields)  # must not raise
    loc = dict.fromkeys(
        ("address", "city", "state", "postal_code", "country", "latitude", "longitude", "name")
    )
    for _ in range(data.draw(st.integers(1, 3))):
        loc[data.draw(st.sampled_from(list(loc)))] = data.draw(_TYPED_ODD)
    fast_loc = location_from_values(**loc)
    if fast_loc is not None:
        assert fast_loc == shx.Location(**loc)
