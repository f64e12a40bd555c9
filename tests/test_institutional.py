"""Institutional linkage: hand-worked values, properties, agreement with a plain loop."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.metrics.institutional import (
    INSTITUTIONAL_COLUMNS,
    INSTITUTIONAL_DYAD_COLUMNS,
)
from tests.hand_network import hand_network
from tests.nx_reference import institutional_reference
from tests.strategies import metric_networks, metric_windows, rename_ids, renamings

COLUMNS = [c for c, _ in INSTITUTIONAL_COLUMNS]
DYAD_COLUMNS = [c for c, _ in INSTITUTIONAL_DYAD_COLUMNS]


def by_agency(df: pd.DataFrame) -> dict[str, dict[str, object]]:
    return df.set_index("agency_id").to_dict("index")


def check(actual: dict[str, object], expected: dict[str, object]) -> None:
    for col, want in expected.items():
        if isinstance(want, float):
            assert actual[col] == pytest.approx(want, rel=1e-12, abs=1e-15), col
        else:
            assert actual[col] == want, col


# ----------------------------------------------------------------------------- hand-worked
def test_hand_network_all_initiatives() -> None:
    df = shx.institutional_linkage(hand_network())
    assert df.columns.tolist() == COLUMNS
    assert df.agency_id.tolist() == ["A1", "A2", "A3"]
    r = by_agency(df)
    # A1 sponsors I1 (with G1; media), I2 (alone; public), I3 (with G2, G1; public, funder) and
    # I4 (with A2 only; funder): 4 initiatives, joint I1 and I3 -> 2, share 2/4.
    # Groups G1, G2 -> G = 2, score 2/(2+2). Joint audiences {media, public, funder} -> K = 3,
    # reach 3/9; solo audiences {public (I2), funder (I4)}, so only joint work reaches media.
    check(
        r["A1"],
        {
            "initiatives": 4,
            "joint_initiatives": 2,
            "joint_share": 0.5,
            "joint_groups": 2,
            "group_score": 0.5,
            "audience_kinds": 3,
            "reach_share": 3 / 9,
            "audience_kind_names": "media;funder;public",  # ActorKind order
            "joint_only_kinds": 1,
            "joint_only_kind_names": "media",
            "index": (0.5 + 0.5 + 3 / 9) / 3,  # = 0.4444...
        },
    )
    # A2 sponsors I4 (solo; funder) and I6 (with G2; no audience): 2, joint 1, share 1/2,
    # G = 1 -> 1/3, K = 0
    check(
        r["A2"],
        {
            "initiatives": 2,
            "joint_initiatives": 1,
            "joint_share": 0.5,
            "joint_groups": 1,
            "group_score": 1 / 3,
            "audience_kinds": 0,
            "reach_share": 0.0,
            "audience_kind_names": "",
            "joint_only_kinds": 0,
            "joint_only_kind_names": "",
            "index": (0.5 + 1 / 3 + 0) / 3,  # = 0.2777...
        },
    )
    # A3 sponsors nothing: no joint work, share 0 by convention, index 0
    check(
        r["A3"],
        {
            "initiatives": 0,
            "joint_initiatives": 0,
            "joint_share": 0.0,
            "joint_groups": 0,
            "audience_kinds": 0,
            "joint_only_kind_names": "",
            "index": 0.0,
        },
    )


def test_hand_network_window() -> None:
    r = by_agency(shx.institutional_linkage(hand_network(), start="2024-01-01", end="2024-12-31"))
    # I4 (2023) drops out; undated I2 and I6 stay. A1: I1, I2, I3 -> 3, joint 2, share 2/3;
    # solo audiences now only {public}: joint work alone reaches media and funder.
    check(
        r["A1"],
        {
            "initiatives": 3,
            "joint_initiatives": 2,
            "joint_share": 2 / 3,
            "joint_groups": 2,
            "audience_kinds": 3,
            "joint_only_kinds": 2,
            "joint_only_kind_names": "media;funder",
            "index": (2 / 3 + 0.5 + 3 / 9) / 3,  # = 0.5
        },
    )
    # A2: I6 only -> 1 of 1 joint
    check(
        r["A2"],
        {
            "initiatives": 1,
            "joint_initiatives": 1,
            "joint_share": 1.0,
            "index": (1 + 1 / 3 + 0) / 3,
        },
    )


def test_window_bound_is_inclusive() -> None:
    # a one-day window on I1's date: I1, and the undated I2 and I6
    r = by_agency(shx.institutional_linkage(hand_network(), start="2024-03-01", end="2024-03-01"))
    # A1: I1 (joint, G1, media) and I2 (solo, public): share 1/2, G = 1, K = 1
    check(
        r["A1"],
        {
            "initiatives": 2,
            "joint_initiatives": 1,
            "joint_groups": 1,
            "group_score": 1 / 3,
            "audience_kind_names": "media",
            "joint_only_kind_names": "media",
            "index": (0.5 + 1 / 3 + 1 / 9) / 3,
        },
    )


def test_dyad_form() -> None:
    df = shx.institutional_linkage(hand_network(), by_group=True)
    assert df.columns.tolist() == DYAD_COLUMNS
    # J(A1, G1) = |{I1, I3}| = 2 reaching media (I1), public and funder (I3);
    # J(A1, G2) = |{I3}| = 1; J(A2, G2) = |{I6}| = 1 with no audience.
    assert df.to_dict("records") == [
        {
            "agency_id": "A1",
            "group_id": "G1",
            "joint_initiatives": 2,
            "audience_kinds": 3,
            "audience_kind_names": "media;funder;public",
        },
        {
            "agency_id": "A1",
            "group_id": "G2",
            "joint_initiatives": 1,
            "audience_kinds": 2,
            "audience_kind_names": "funder;public",
        },
        {
            "agency_id": "A2",
            "group_id": "G2",
            "joint_initiatives": 1,
            "audience_kinds": 0,
            "audience_kind_names": "",
        },
    ]
    # before 2024-06-01: I1 (A1-G1) and the undated I6 (A2-G2); I3 is later
    early = shx.institutional_linkage(hand_network(), start=None, end="2024-06-01", by_group=True)
    assert list(zip(early.agency_id, early.group_id, early.joint_initiatives, strict=True)) == [
        ("A1", "G1", 1),
        ("A2", "G2", 1),
    ]


def test_custom_weights() -> None:
    w = shx.InstitutionalWeights(joint_share=1, groups=0, reach=0, group_half_saturation=1)
    r = by_agency(shx.institutional_linkage(hand_network(), weights=w))
    assert r["A1"]["index"] == pytest.approx(0.5)  # = joint share 2/4
    assert r["A1"]["group_score"] == pytest.approx(2 / (2 + 1))
    r = by_agency(
        shx.institutional_linkage(
            hand_network(), weights={"joint_share": 0, "groups": 0, "reach": 1}
        )
    )
    assert r["A1"]["index"] == pytest.approx(3 / 9)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"joint_share": 0.5}, "must sum to 1"),
        (
            {"joint_share": -1, "groups": 1, "reach": 1},
            "'joint_share' must be a finite number >= 0",
        ),
        ({"reach": math.inf}, "'reach' must be a finite number >= 0"),
        ({"group_half_saturation": -2}, "'group_half_saturation' must be a finite number > 0"),
    ],
)
def test_invalid_weights(kwargs: dict[str, float], match: str) -> None:
    with pytest.raises(shx.RecordError, match=match):
        shx.InstitutionalWeights(**kwargs)


def test_invalid_window() -> None:
    with pytest.raises(shx.ArgumentError, match="is before 'start'"):
        shx.institutional_linkage(hand_network(), start="2025-01-01", end="2024-01-01")


# ----------------------------------------------------------------------------- properties
def agree_with_reference(net: shx.ExchangeNetwork, window: tuple) -> None:
    want, pairs = institutional_reference(net.to_networkx(), net.initiatives, *window)
    got = by_agency(shx.institutional_linkage(net, start=window[0], end=window[1]))
    assert set(got) == set(want)
    for a, values in want.items():
        for col, value in values.items():
            if isinstance(value, str):
                assert got[a][col] == value, (a, col)
            else:
                assert got[a][col] == pytest.approx(value, rel=1e-12, abs=1e-15), (a, col)
    dyads = shx.institutional_linkage(net, start=window[0], end=window[1], by_group=True)
    keys = zip(dyads.agency_id, dyads.group_id, strict=True)
    assert dict(zip(keys, dyads.joint_initiatives, strict=True)) == pairs


@given(st.data())
def test_invariants_and_reference_agreement(data: st.DataObject) -> None:
    net = data.draw(metric_networks(), label="net")
    window = data.draw(metric_windows, label="window")
    df = shx.institutional_linkage(net, start=window[0], end=window[1])
    assert len(df) == net.n_agencies
    for col in ("joint_share", "group_score", "reach_share", "index"):
        assert df[col].between(0, 1).all(), col
    assert (df["joint_initiatives"] <= df["initiatives"]).all()
    assert (df["joint_only_kinds"] <= df["audience_kinds"]).all()
    assert ((df["joint_groups"] == 0) == (df["joint_initiatives"] == 0)).all()
    dyads = shx.institutional_linkage(net, start=window[0], end=window[1], by_group=True)
    per_agency = dyads.groupby("agency_id").size()
    assert (per_agency == df.set_index("agency_id").loc[per_agency.index, "joint_groups"]).all()
    agree_with_reference(net, window)

    mapping = data.draw(renamings(net), label="renaming")
    renamed = rename_ids(net, mapping)
    before = df.copy()
    before["agency_id"] = before["agency_id"].map(mapping).astype("str")
    pd.testing.assert_frame_equal(
        before, shx.institutional_linkage(renamed, start=window[0], end=window[1])
    )
    before = dyads.copy()
    for col in ("agency_id", "group_id"):
        before[col] = before[col].map(mapping).astype("str")
    pd.testing.assert_frame_equal(
        before, shx.institutional_linkage(renamed, start=window[0], end=window[1], by_group=True)
    )


@settings(max_examples=20)
@given(metric_networks(max_initiatives=0, max_exchanges=0))
def test_no_initiatives_gives_zeros_and_no_dyads(net: shx.ExchangeNetwork) -> None:
    df = shx.institutional_linkage(net)
    assert len(df) == net.n_agencies
    assert (df[["initiatives", "joint_groups", "audience_kinds", "index"]] == 0).all().all()
    dyads = shx.institutional_linkage(net, by_group=True)
    assert dyads.empty
    assert dyads.columns.tolist() == DYAD_COLUMNS
    full = shx.institutional_linkage(hand_network(), by_group=True)
    assert dyads.dtypes.equals(full.dtypes)


def test_empty_network() -> None:
    net = shx.ExchangeNetwork()
    df = shx.institutional_linkage(net)
    assert df.empty
    assert df.columns.tolist() == COLUMNS
    assert df.dtypes.equals(shx.institutional_linkage(hand_network()).dtypes)
    assert shx.institutional_linkage(net, by_group=True).empty


def test_reference_agrees_on_hand_network() -> None:
    for window in ((None, None), ("2024-01-01", "2024-12-31"), ("2024-03-01", "2024-03-01")):
        agree_with_reference(hand_network(), window)
