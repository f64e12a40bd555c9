"""Adaptational linkage: hand-worked values, properties, agreement with networkx."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.metrics.adaptational import ADAPTATIONAL_COLUMNS, ADAPTATIONAL_ROLE_COLUMNS
from tests.hand_network import hand_network
from tests.nx_reference import adaptational_reference
from tests.strategies import (
    extra_exchanges,
    metric_networks,
    metric_windows,
    networks,
    rename_ids,
    renamings,
    windows,
)

R = shx.Role
COLUMNS = [c for c, _ in ADAPTATIONAL_COLUMNS]
VALUE_COLUMNS = COLUMNS[2:]


def rows(df: pd.DataFrame) -> dict[tuple[str, ...], dict[str, object]]:
    key = ["agency_id", "group_id", "role"] if "role" in df.columns else ["agency_id", "group_id"]
    return {tuple(r[k] for k in key): r for r in df.to_dict("records")}


def check(actual: dict[str, object], expected: dict[str, object]) -> None:
    for col, want in expected.items():
        got = actual[col]
        if isinstance(want, float):
            assert got == pytest.approx(want, rel=1e-12, abs=1e-15), col
        else:
            assert got == want, col


# ----------------------------------------------------------------------------- hand-worked
# default weights: C 0.25, M* 0.30, P 0.15, W* 0.30; h = 4, h_P = 2; kind weights 2 for
# board_seat, policy_support, resource_support, facilitated_introduction, meeting_space,
# in_reach, peer_bridging, 1 for referral, consultation, staff_education, attendance, 0.5 for
# information: they sum to 7 * 2 + 4 * 1 + 0.5 = 18.5 over the twelve adaptational kinds
KAPPA_TOTAL = 18.5


def ali(c: float, m: float, p: float, w: float) -> float:
    return 0.25 * c + 0.3 * m + 0.15 * p + 0.3 * w


ALI_A1_G1 = ali(1, 7 / 18.5, 6 / 8, 13 / 17)
ALI_A1_G2 = ali(2 / 3, 2.5 / 18.5, 0, 8 / 12)
ALI_A1_G3 = ali(1 / 3, 2 / 18.5, 0, 2 / 6)
ALI_A2_G2 = ali(1 / 3, 1 / 18.5, 0, 1 / 5)


def test_hand_network_full_window() -> None:
    df = shx.adaptational_linkage(hand_network())
    assert df.columns.tolist() == COLUMNS
    # e8 (agency-agency), e9 (group-group) and e10 (group-actor) make no dyad
    assert list(zip(df.agency_id, df.group_id, strict=True)) == [
        ("A1", "G1"),
        ("A1", "G2"),
        ("A1", "G3"),
        ("A2", "G2"),
    ]
    r = rows(df)
    # A1-G1: e0 referral (pract, out, 2), e1 board_seat (board, in, 1), e2 referral (pract, out,
    # 3), e3 facilitated_introduction (pract, out, 1), e4 in_reach (clients, in, 2)
    # C = 3/3; M = |{referral, board_seat, facilitated_introduction, in_reach}| = 4, share 4/12,
    # M* = (1 + 2 + 2 + 2) / 18.5; O = 1*2 + 1*3 + 2*1 = 7, I = 2*1 + 2*2 = 6: P = 6/(6+2);
    # W = 9, W* = 13, score 13/17
    check(
        r["A1", "G1"],
        {
            "n_exchanges": 5,
            "subunits": "board;practitioners;clients",
            "coverage": 1.0,
            "multiplexity": 4,
            "multiplexity_share": 4 / 12,
            "multiplexity_score": 7 / KAPPA_TOTAL,
            "two_way": True,
            "outward": 7.0,
            "inward": 6.0,
            "reciprocity": 0.75,
            "intensity": 9.0,
            "weighted_intensity": 13.0,
            "intensity_score": 13 / 17,
            "index": ALI_A1_G1,  # 0.25 + 0.1135... + 0.1125 + 0.2294... = 0.7054...
        },
    )
    # A1-G2: e5 meeting_space (clients, out, 4), e6 information (pract, in, weight 0)
    # C = 2/3, M = 2, M* = 2.5/18.5; flows both ways, but the lighter direction weighs 0: P = 0;
    # W* = 2*4 = 8 -> 8/12
    check(
        r["A1", "G2"],
        {
            "n_exchanges": 2,
            "subunits": "practitioners;clients",
            "coverage": 2 / 3,
            "multiplexity": 2,
            "multiplexity_share": 2 / 12,
            "multiplexity_score": 2.5 / KAPPA_TOTAL,
            "two_way": True,
            "outward": 8.0,
            "inward": 0.0,
            "reciprocity": 0.0,
            "intensity": 4.0,
            "weighted_intensity": 8.0,
            "intensity_score": 8 / 12,
            "index": ALI_A1_G2,
        },
    )
    # A1-G3: e11 peer_bridging (clients, in, 1): C 1/3, M* 2/18.5, P 0, W* 2 -> 2/6
    check(
        r["A1", "G3"],
        {
            "n_exchanges": 1,
            "subunits": "clients",
            "coverage": 1 / 3,
            "multiplexity_score": 2 / KAPPA_TOTAL,
            "two_way": False,
            "reciprocity": 0.0,
            "intensity": 1.0,
            "weighted_intensity": 2.0,
            "intensity_score": 2 / 6,
            "index": ALI_A1_G3,
        },
    )
    # A2-G2: e7 referral (pract, out, 1): C 1/3, M* 1/18.5, P 0, W* 1 -> 1/5
    check(
        r["A2", "G2"],
        {
            "n_exchanges": 1,
            "subunits": "practitioners",
            "multiplexity": 1,
            "multiplexity_share": 1 / 12,
            "multiplexity_score": 1 / KAPPA_TOTAL,
            "intensity_score": 0.2,
            "index": ALI_A2_G2,
        },
    )


def test_one_thin_row_back_counts_little() -> None:
    """A single information row back lifts reciprocity to 0.2, not to full marks."""
    base = [shx.Exchange("A", "G", "resource_support", 3.0)]
    back = [*base, shx.Exchange("G", "A", "information")]
    nets = [
        shx.ExchangeNetwork(
            agencies=[shx.Agency("A", "A")],
            groups=[shx.SelfHelpGroup("G", "G", "mutual_help")],
            exchanges=x,
        )
        for x in (base, back)
    ]
    one, two = (rows(shx.adaptational_linkage(n))["A", "G"] for n in nets)
    # min(O, I) = min(6, 0.5) = 0.5 -> P = 0.5 / 2.5
    assert two["reciprocity"] == pytest.approx(0.2)
    assert two["index"] - one["index"] == pytest.approx(
        0.3 * (0.5 / KAPPA_TOTAL)  # the practitioners' subunit and information add to C and M*
        + 0.25 / 3
        + 0.15 * 0.2
        + 0.3 * (6.5 / 10.5 - 6 / 10)
    )


def test_time_window_hand_values() -> None:
    df = shx.adaptational_linkage(hand_network(), start="2024-04-01", end="2024-06-15")
    r = rows(df)
    assert list(r) == [("A1", "G1"), ("A1", "G2"), ("A1", "G3"), ("A2", "G2")]
    # e0 ended 2024-03-31, e3 starts 2024-07-01, e5 ended 2023: out. e2 (from 2024-06-01) in,
    # undated e1, e4 in. A1-G1: board, practitioners, clients; {board_seat, referral, in_reach};
    # O = 3 (e2), I = 2 (e1) + 4 (e4) = 6, P = 3/5; W = 6, W* = 9 -> 9/13
    check(
        r["A1", "G1"],
        {
            "n_exchanges": 3,
            "coverage": 1.0,
            "multiplexity": 3,
            "multiplexity_share": 3 / 12,
            "multiplexity_score": 5 / KAPPA_TOTAL,
            "reciprocity": 0.6,
            "intensity": 6.0,
            "intensity_score": 9 / 13,
            "index": ali(1, 5 / 18.5, 0.6, 9 / 13),
        },
    )
    # A1-G2 keeps only e6 (information, weight 0, inward): W = 0 gives an intensity score of 0
    check(
        r["A1", "G2"],
        {
            "n_exchanges": 1,
            "subunits": "practitioners",
            "coverage": 1 / 3,
            "multiplexity": 1,
            "reciprocity": 0.0,
            "intensity": 0.0,
            "intensity_score": 0.0,
            "index": ali(1 / 3, 0.5 / 18.5, 0, 0),
        },
    )


@pytest.mark.parametrize(
    ("start", "end", "n", "w"),
    [
        # the window touches e0's last day: e0, e1, e4 count; W = 2 + 1 + 2
        ("2024-03-31", "2024-03-31", 3, 5.0),
        # the window ends on e3's first day: e0, e1, e2, e3, e4 all count
        (None, "2024-07-01", 5, 9.0),
        # after e3 ended: e2 (open end), e1, e4 count; W = 3 + 1 + 2
        ("2024-08-01", None, 3, 6.0),
        # before everything dated in A1-G1: e0 (from 2024-01-01) in, e2 and e3 out
        (None, "2024-01-01", 3, 5.0),
    ],
)
def test_window_bounds_are_inclusive(start: str | None, end: str | None, n: int, w: float) -> None:
    r = rows(shx.adaptational_linkage(hand_network(), start=start, end=end))
    assert r["A1", "G1"]["n_exchanges"] == n
    assert r["A1", "G1"]["intensity"] == w


def test_by_role_hand_values() -> None:
    df = shx.adaptational_linkage(hand_network(), by_role=True)
    assert df.columns.tolist() == [c for c, _ in ADAPTATIONAL_ROLE_COLUMNS]
    assert len(df) == 3 * 4  # three subunits for each of the four linked dyads
    r = rows(df)
    # board kinds weigh 2 + 2 + 2 = 6; practitioners 1 + 2 + 0.5 + 1 + 1 = 5.5; clients 7
    # board: e1 (in, 1): M 1 of 3, M* 2/6, W* 2 -> 2/6
    check(
        r["A1", "G1", "board"],
        {
            "n_exchanges": 1,
            "coverage": 1.0,
            "multiplexity": 1,
            "multiplexity_share": 1 / 3,
            "multiplexity_score": 2 / 6,
            "reciprocity": 0.0,
            "intensity": 1.0,
            "intensity_score": 2 / 6,
            "index": ali(1, 2 / 6, 0, 2 / 6),
        },
    )
    # practitioners: e0, e2, e3 (all out): {referral, facilitated_introduction} of 5,
    # M* 3/5.5; W = 6, W* = 2 + 3 + 2 = 7 -> 7/11
    check(
        r["A1", "G1", "practitioners"],
        {
            "n_exchanges": 3,
            "multiplexity": 2,
            "multiplexity_share": 2 / 5,
            "multiplexity_score": 3 / 5.5,
            "reciprocity": 0.0,
            "intensity": 6.0,
            "intensity_score": 7 / 11,
            "index": ali(1, 3 / 5.5, 0, 7 / 11),
        },
    )
    # clients: e4 (in, 2): 1 of 4 client kinds, M* 2/7, W* 4 -> 4/8
    check(
        r["A1", "G1", "clients"],
        {
            "multiplexity_share": 1 / 4,
            "multiplexity_score": 2 / 7,
            "intensity_score": 0.5,
            "index": ali(1, 2 / 7, 0, 0.5),
        },
    )
    # A1-G2's board is untouched: a row of zeros
    check(
        r["A1", "G2", "board"],
        {
            "n_exchanges": 0,
            "coverage": 0.0,
            "multiplexity": 0,
            "multiplexity_share": 0.0,
            "multiplexity_score": 0.0,
            "two_way": False,
            "reciprocity": 0.0,
            "intensity": 0.0,
            "intensity_score": 0.0,
            "index": 0.0,
        },
    )


def test_by_role_reciprocity_within_a_subunit() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A", "A")],
        groups=[shx.SelfHelpGroup("G", "G", "mutual_help")],
        exchanges=[
            shx.Exchange("A", "G", "referral"),
            shx.Exchange("G", ("A", R.PRACTITIONERS), "consultation"),
            shx.Exchange("G", ("A", R.BOARD), "board_seat"),
        ],
    )
    r = rows(shx.adaptational_linkage(net, by_role=True))
    # practitioners: referral out 1, consultation in 1 -> min 1, P = 1/3; M* = 2/5.5; W* 2 -> 2/6
    check(
        r["A", "G", "practitioners"],
        {
            "two_way": True,
            "reciprocity": 1 / 3,
            "multiplexity": 2,
            "multiplexity_share": 2 / 5,
            "index": ali(1, 2 / 5.5, 1 / 3, 2 / 6),
        },
    )
    assert r["A", "G", "board"]["reciprocity"] == 0  # only inward


def test_custom_weights() -> None:
    w = shx.LinkageWeights(
        coverage=0.5,
        multiplexity=0,
        reciprocity=0.5,
        intensity=0,
        half_saturation=1,
        reciprocity_half_saturation=6,
        kind_weights={"in_reach": 1.0},
    )
    r = rows(shx.adaptational_linkage(hand_network(), weights=w))
    # A1-G1: O = 7, I = 2 (board seat) + 1 * 2 (in-reach now weighs 1) = 4 -> P = 4/10
    assert r["A1", "G1"]["index"] == pytest.approx(0.5 * 1 + 0.5 * 0.4)
    assert r["A1", "G1"]["intensity_score"] == pytest.approx(11 / (11 + 1))
    assert r["A2", "G2"]["index"] == pytest.approx(0.5 * (1 / 3) + 0.5 * 0)
    # a mapping of the same fields does the same
    same = shx.adaptational_linkage(
        hand_network(),
        weights={
            "coverage": 0.5,
            "multiplexity": 0,
            "reciprocity": 0.5,
            "intensity": 0,
            "half_saturation": 1,
            "reciprocity_half_saturation": 6,
            "kind_weights": {"in_reach": 1.0},
        },
    )
    pd.testing.assert_frame_equal(same, shx.adaptational_linkage(hand_network(), weights=w))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"coverage": 0.5}, "must sum to 1"),
        ({"coverage": -0.25, "multiplexity": 0.75}, "'coverage' must be a finite number >= 0"),
        ({"coverage": math.nan}, "'coverage' must be a finite number >= 0"),
        ({"half_saturation": 0}, "'half_saturation' must be a finite number > 0"),
        ({"half_saturation": math.inf}, "'half_saturation' must be a finite number > 0"),
        ({"coverage": "a lot"}, "must be numbers"),
        ({"reciprocity_half_saturation": -1}, "'reciprocity_half_saturation' must be"),
        ({"kind_weights": {"joint_initiative": 1}}, "not an adaptational exchange kind"),
        ({"kind_weights": {"referral": 0}}, r"kind_weights\['referral'\] must be a finite"),
        ({"kind_weights": ["referral"]}, "must be a mapping"),
    ],
)
def test_invalid_weights(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(shx.RecordError, match=match):
        shx.LinkageWeights(**kwargs)  # type: ignore[arg-type]


def test_invalid_arguments() -> None:
    net = hand_network()
    with pytest.raises(shx.ArgumentError, match="unknown LinkageWeights field"):
        shx.adaptational_linkage(net, weights={"coverage": 1, "spread": 0})
    with pytest.raises(shx.ArgumentError, match="is before 'start'"):
        shx.adaptational_linkage(net, start="2024-05-01", end="2024-01-01")
    with pytest.raises(shx.ArgumentError, match="YYYY-MM-DD"):
        shx.adaptational_linkage(net, start="May 2024")
    with pytest.raises(ValueError, match="must be a LinkageWeights"):
        shx.adaptational_linkage(net, weights=0.5)  # type: ignore[arg-type]


def test_summary_hand_values() -> None:
    df = shx.adaptational_summary(hand_network())
    assert df.agency_id.tolist() == ["A1", "A2", "A3"]
    r = df.set_index("agency_id").to_dict("index")
    ali_g1, ali_g2, ali_g3 = ALI_A1_G1, ALI_A1_G2, ALI_A1_G3
    t1 = ali_g1 + ali_g2 + ali_g3
    check(
        r["A1"],
        {
            "groups_linked": 3,
            "index_mean": t1 / 3,
            "index_median": ali_g2,  # 0.165 < 0.331 < 0.705
            "index_min": ali_g3,
            "index_max": ali_g1,
            "coverage_mean": (1 + 2 / 3 + 1 / 3) / 3,
            "multiplexity_mean": (4 + 2 + 1) / 3,
            "reciprocal_share": 2 / 3,  # G1 and G2 two-way, G3 not
            "intensity_total": 9.0 + 4.0 + 1.0,
            "depth_total": t1,
            "depth": t1 / (t1 + 1),
            "group_score": 3 / 5,
            # a mental-health agency is expected to offer mental-health and family groups
            "choices_expected": "mental_health;family",
            "choices_offered": "mental_health",
            "choice_coverage": 0.5,
            "subunit_coverage": 1.0,
            "active_route": True,
            "active_routes": "facilitated_introduction;meeting_space;in_reach;peer_bridging",
            "adaptational_index": 0.4 * t1 / (t1 + 1) + 0.15 * (0.6 + 0.5 + 1 + 1),
            "type_mutual_help": 2,
            "type_peer_support_service": 1,
            "type_supported_self_help": 0,
            "focus_substance_use": 2,
            "focus_mental_health": 1,
            "focus_unknown": 0,
            "approach_twelve_step": 1,
            "approach_non_twelve_step": 1,
            "approach_other": 1,
        },
    )
    single = ALI_A2_G2
    check(
        r["A2"],
        {
            "groups_linked": 1,
            "index_mean": single,
            "index_median": single,
            "index_min": single,
            "index_max": single,
            "reciprocal_share": 0.0,
            "intensity_total": 1.0,
            "type_mutual_help": 1,
            "approach_non_twelve_step": 1,
            # substance use: twelve-step, non-twelve-step, family expected; SMART covers one
            "choices_expected": "twelve_step;non_twelve_step;family",
            "choice_coverage": 1 / 3,
            "subunit_coverage": 1 / 3,
            "active_route": False,  # referral only
            "adaptational_index": 0.4 * single / (single + 1) + 0.15 * (1 / 3 + 1 / 3 + 1 / 3),
        },
    )
    a3 = r["A3"]  # linked to nothing: zeros everywhere but the options it is expected to offer
    assert a3["choices_expected"] == "twelve_step;non_twelve_step;mental_health;family"
    assert all(v in {0, ""} for k, v in a3.items() if k != "choices_expected"), a3


def test_summary_even_count_median() -> None:
    # in 2024-04-01..2024-06-15 A1 keeps G1 and G2; drop e11, A1's only G3 exchange
    net = hand_network()
    keep = np.array([True] * 11 + [False])
    df = shx.adaptational_summary(net.select(keep), start="2024-04-01", end="2024-06-15")
    a1 = df.set_index("agency_id").loc["A1"]
    # the median of two values is their mean
    assert a1["index_median"] == pytest.approx(
        (ali(1, 5 / 18.5, 0.6, 9 / 13) + ali(1 / 3, 0.5 / 18.5, 0, 0)) / 2
    )


# ----------------------------------------------------------------------------- properties
SHARES = [
    "coverage",
    "multiplexity_share",
    "multiplexity_score",
    "reciprocity",
    "intensity_score",
    "index",
]


def agree_with_reference(
    net: shx.ExchangeNetwork, window: tuple, *, by_role: bool, df: pd.DataFrame | None = None
) -> None:
    if df is None:
        df = shx.adaptational_linkage(net, start=window[0], end=window[1], by_role=by_role)
    got = rows(df)
    want = adaptational_reference(net.to_networkx(), *window, by_role=by_role)
    assert set(got) == set(want)
    for key, values in want.items():
        for col, value in values.items():
            assert got[key][col] == pytest.approx(value, rel=1e-9, abs=1e-12), (key, col)


@given(st.data())
def test_invariants_and_networkx_agreement(data: st.DataObject) -> None:
    """One drawn network, every invariant (drawing networks is the slow part)."""
    net = data.draw(metric_networks(), label="net")
    window = data.draw(metric_windows, label="window")
    dyads = shx.adaptational_linkage(net, start=window[0], end=window[1])
    roles = shx.adaptational_linkage(net, start=window[0], end=window[1], by_role=True)
    summary = shx.adaptational_summary(net, start=window[0], end=window[1])

    # every share and index lies in [0, 1]
    for df in (dyads, roles):
        for col in SHARES:
            assert df[col].between(0, 1).all(), col
    for col in ["index_mean", "index_median", "index_min", "index_max", "reciprocal_share"]:
        assert summary[col].between(0, 1).all(), col
    assert (summary["index_min"] <= summary["index_median"] + 1e-12).all()
    assert (summary["index_median"] <= summary["index_max"] + 1e-12).all()

    # the subunit rows add up to the dyad
    per = roles.groupby(["agency_id", "group_id"], sort=False).agg(
        coverage=("coverage", "mean"),
        multiplexity=("multiplexity", "sum"),
        intensity=("intensity", "sum"),
        n_exchanges=("n_exchanges", "sum"),
    )
    assert len(per) == len(dyads)
    np.testing.assert_allclose(per["coverage"].to_numpy(), dyads["coverage"].to_numpy())
    np.testing.assert_array_equal(per["multiplexity"].to_numpy(), dyads["multiplexity"].to_numpy())
    np.testing.assert_allclose(
        per["intensity"].to_numpy(), dyads["intensity"].to_numpy(), rtol=1e-12
    )
    np.testing.assert_array_equal(per["n_exchanges"].to_numpy(), dyads["n_exchanges"].to_numpy())

    # the same numbers as a plain loop over the networkx edges
    agree_with_reference(net, window, by_role=False, df=dyads)
    agree_with_reference(net, window, by_role=True, df=roles)

    # renaming ids changes nothing but the labels
    mapping = data.draw(renamings(net), label="renaming")
    renamed = rename_ids(net, mapping)
    for by_role, frame in ((False, dyads), (True, roles)):
        before = frame.copy()
        for col in ("agency_id", "group_id"):
            before[col] = before[col].map(mapping).astype("str")
        pd.testing.assert_frame_equal(
            before,
            shx.adaptational_linkage(renamed, start=window[0], end=window[1], by_role=by_role),
        )
    before = summary.copy()
    before["agency_id"] = before["agency_id"].map(mapping).astype("str")
    pd.testing.assert_frame_equal(
        before, shx.adaptational_summary(renamed, start=window[0], end=window[1])
    )

    # adding an exchange never lowers coverage, multiplexity or intensity (nor P, nor ALI)
    if net.n_agencies and net.n_groups:
        extra = data.draw(extra_exchanges(net), label="extra exchange")
        bigger = shx.ExchangeNetwork(
            net.agencies, net.groups, net.actors, [*net.exchanges, extra], net.initiatives
        )
        old = dyads.set_index(["agency_id", "group_id"])
        new = shx.adaptational_linkage(bigger, start=window[0], end=window[1]).set_index(
            ["agency_id", "group_id"]
        )
        assert set(old.index) <= set(new.index)
        assert len(new) <= len(old) + 1
        new = new.loc[old.index]
        for col in ("coverage", "multiplexity", "intensity", "reciprocity", "index"):
            assert (new[col].to_numpy() >= old[col].to_numpy()).all(), col


@settings(max_examples=15)
@given(networks(max_exchanges=15), windows)
def test_networkx_agreement_on_the_shared_strategy(
    net: shx.ExchangeNetwork, window: tuple
) -> None:
    df = shx.adaptational_linkage(net, start=window[0], end=window[1])
    for col in SHARES:
        assert df[col].between(0, 1).all(), col
    agree_with_reference(net, window, by_role=False)


@settings(max_examples=20)
@given(metric_networks(max_exchanges=0, max_initiatives=0))
def test_no_exchanges_gives_empty_frames(net: shx.ExchangeNetwork) -> None:
    for by_role, spec in ((False, ADAPTATIONAL_COLUMNS), (True, ADAPTATIONAL_ROLE_COLUMNS)):
        df = shx.adaptational_linkage(net, by_role=by_role)
        assert df.empty
        assert df.columns.tolist() == [c for c, _ in spec]
        full = shx.adaptational_linkage(hand_network(), by_role=by_role)
        assert df.dtypes.equals(full.dtypes)
    summary = shx.adaptational_summary(net)
    assert len(summary) == net.n_agencies
    text = ["agency_id", "choices_expected", "choices_offered", "active_routes"]
    assert (summary.drop(columns=text) == 0).all().all()
    assert (summary["choices_offered"] == "").all()


def test_empty_network() -> None:
    net = shx.ExchangeNetwork()
    for df in (shx.adaptational_linkage(net), shx.adaptational_summary(net)):
        assert df.empty
    assert shx.adaptational_summary(net).dtypes.equals(
        shx.adaptational_summary(hand_network()).dtypes
    )


def test_reference_agrees_on_hand_network() -> None:
    agree_with_reference(hand_network(), ("2024-04-01", "2024-06-15"), by_role=False)
    agree_with_reference(hand_network(), (None, None), by_role=True)


@given(st.lists(st.integers(0, 50), max_size=40), st.integers(0, 400))
def test_dyad_grouping_matches_numpy_unique(keys: list[int], extra: int) -> None:
    from selfhelp_exchange.metrics._common import group_keys

    arr = np.array(keys, dtype=np.int64)
    # a key space of 51 + extra: small ones count, large ones sort; both must equal np.unique
    uniq, inverse = group_keys(arr, 51 + extra * 100)
    want_uniq, want_inverse = np.unique(arr, return_inverse=True)
    np.testing.assert_array_equal(uniq, want_uniq)
    np.testing.assert_array_equal(inverse, want_inverse.reshape(-1))


def test_kind_weights_are_part_of_the_weights_identity() -> None:
    default = shx.LinkageWeights()
    assert default == shx.LinkageWeights(kind_weights={"information": 0.5})
    assert default != shx.LinkageWeights(kind_weights={"information": 1.0})
    assert hash(default) == hash(shx.LinkageWeights())
    # every adaptational kind has a weight, the institutional kind none
    assert set(default.kind_weights) == {k.value for k in shx.adaptational_kinds()}
