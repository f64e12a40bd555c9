"""The agency scorecard: hand-worked rows, properties, agreement with a plain loop."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.metrics.scorecard import GAP_FLAGS, SCORECARD_COLUMNS
from tests.hand_network import hand_network
from tests.nx_reference import scorecard_reference
from tests.strategies import (
    metric_networks,
    metric_windows,
    networks,
    rename_ids,
    renamings,
    windows,
)

COLUMNS = [c for c, _ in SCORECARD_COLUMNS]
FLAGS = [f for f, _ in GAP_FLAGS]
# dyad indices: see test_adaptational.py for each component
ALI_G1 = 0.25 + 0.3 * 7 / 18.5 + 0.15 * 0.75 + 0.3 * 13 / 17
ALI_G2 = 0.25 * 2 / 3 + 0.3 * 2.5 / 18.5 + 0.3 * 8 / 12
ALI_G3 = 0.25 / 3 + 0.3 * 2 / 18.5 + 0.3 * 2 / 6
ALI_SINGLE = 0.25 / 3 + 0.3 / 18.5 + 0.3 * 0.2  # one referral of weight 1, one way
T1 = ALI_G1 + ALI_G2 + ALI_G3
# agency index: 0.4 depth + 0.15 (groups, choices, subunits, active route)
A1_INDEX = 0.4 * T1 / (T1 + 1) + 0.15 * (3 / 5 + 1 / 2 + 1 + 1)
A2_INDEX = 0.4 * ALI_SINGLE / (ALI_SINGLE + 1) + 0.15 * (1 / 3 + 1 / 3 + 1 / 3 + 0)


def check(actual: dict[str, object], expected: dict[str, object]) -> None:
    for col, want in expected.items():
        if isinstance(want, float):
            assert actual[col] == pytest.approx(want, rel=1e-12, abs=1e-15), col
        else:
            assert actual[col] == want, col


def zeros_except(row: dict[str, object], prefix: str, nonzero: dict[str, int]) -> None:
    for col, value in row.items():
        if col.startswith(prefix):
            assert value == nonzero.get(col, 0), col


def test_hand_network() -> None:
    df = shx.agency_scorecard(hand_network())
    assert df.columns.tolist() == COLUMNS
    r = df.set_index("agency_id").to_dict("index")
    a1 = r["A1"]
    # A1 links G1 (AA: mutual help, substance use, 12-step), G2 (SMART: mutual help, substance
    # use, non-12-step) and G3 (DBSA: peer support service, mental health, other)
    check(
        a1,
        {
            "name": "Riverside Counselling",
            "sector": "mental_health",
            "groups_linked": 3,
            "twelve_step_option": True,
            "non_twelve_step_option": True,
            "mental_health_option": True,
            "family_option": False,
            "subunits_engaged": 3,  # board (e1), practitioners (e0, e2, e3, e6), clients
            "engaged_subunits": "board;practitioners;clients",
            "choices_expected": "mental_health;family",  # by its sector
            "choice_coverage": 0.5,
            "reciprocal_share": 2 / 3,  # G1 and G2 two-way, G3 not
            "active_route": True,
            "depth": T1 / (T1 + 1),
            "strongest_link": ALI_G1,
            "adaptational_index": A1_INDEX,
            "joint_initiatives": 2,  # I1, I3
            "joint_groups": 2,  # G1, G2
            "institutional_index": (0.5 + 0.5 + 3 / 9) / 3,  # see test_institutional.py
            "n_gaps": 1,
            "gaps": "no family group linked",
        },
    )
    zeros_except(a1, "type_", {"type_mutual_help": 2, "type_peer_support_service": 1})
    zeros_except(a1, "focus_", {"focus_substance_use": 2, "focus_mental_health": 1})
    zeros_except(
        a1,
        "approach_",
        {"approach_twelve_step": 1, "approach_non_twelve_step": 1, "approach_other": 1},
    )
    assert [f for f in FLAGS if a1[f]] == ["no_family_option"]

    a2 = r["A2"]
    # A2 only refers (e7) to G2; e8 (A1 -> A2) is between agencies and does not count
    check(
        a2,
        {
            "sector": "substance_use",
            "groups_linked": 1,
            "twelve_step_option": False,
            "non_twelve_step_option": True,
            "subunits_engaged": 1,
            "engaged_subunits": "practitioners",
            "reciprocal_share": 0.0,
            "choices_expected": "twelve_step;non_twelve_step;family",
            "choice_coverage": 1 / 3,
            "active_route": False,
            "active_routes": "",
            "adaptational_index": A2_INDEX,
            "joint_initiatives": 1,  # I6 with G2
            "joint_groups": 1,
            "institutional_index": (0.5 + 1 / 3 + 0) / 3,
            "n_gaps": 6,
            "gaps": "board has no link to any group; client unit has no link to any group; "
            "no 12-step group linked; no family group linked; "
            "no two-way link with any group; passive only: no active route with any group "
            "(host a meeting, invite in-reach, arrange peer bridging or introduce a client in "
            "person)",
        },
    )
    zeros_except(a2, "type_", {"type_mutual_help": 1})
    # a substance-use agency is not expected to link a mental-health group: no such gap
    assert [f for f in FLAGS if a2[f]] == [
        "board_unlinked",
        "clients_unlinked",
        "no_twelve_step",
        "no_family_option",
        "no_reciprocal_link",
        "no_active_route",
    ]

    a3 = r["A3"]
    # A3 has no exchange and no initiative: every adaptational flag is set, but the text says
    # "no group linked" once instead of listing what it implies
    check(
        a3,
        {
            "sector": "other",
            "groups_linked": 0,
            "subunits_engaged": 0,
            "engaged_subunits": "",
            "reciprocal_share": 0.0,
            "adaptational_index": 0.0,
            "institutional_index": 0.0,
            "n_gaps": 2,
            "gaps": "no group linked; no joint initiative with a group",
        },
    )
    assert [f for f in FLAGS if not a3[f]] == ["no_reciprocal_link", "no_active_route"]


def test_window_keeps_active_routes() -> None:
    # in 2024-04-01..2024-06-15 A1's facilitated introduction (July 2024) is out of the window,
    # but in-reach (e4) and peer bridging (e11) are undated: still active, no passive-only gap
    r = shx.agency_scorecard(hand_network(), start="2024-04-01", end="2024-06-15").set_index(
        "agency_id"
    )
    assert not bool(r.loc["A1", "no_active_route"])
    assert r.loc["A1", "active_routes"] == "in_reach;peer_bridging"
    assert r.loc["A1", "reciprocal_share"] == pytest.approx(1 / 3)  # only G1 two-way now
    assert r.loc["A1", "groups_linked"] == 3


@pytest.mark.parametrize("kind", ["meeting_space", "in_reach", "peer_bridging"])
def test_hosting_in_reach_and_bridging_are_active(kind: str) -> None:
    """An agency that refers and also hosts (or takes in-reach, or bridging) is not passive."""
    ends = ("A", "G") if kind == "meeting_space" else ("G", "A")
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A", "A", sector="substance_use")],
        groups=[shx.SelfHelpGroup("G", "G", "mutual_help", approach="twelve_step")],
        exchanges=[shx.Exchange("A", "G", "referral", 5), shx.Exchange(*ends, kind)],
    )
    row = shx.agency_scorecard(net).iloc[0]
    assert not row["no_active_route"]
    assert row["active_routes"] == kind
    passive = shx.agency_scorecard(net.select([True, False])).iloc[0]
    assert passive["no_active_route"]
    assert "host a meeting" in passive["gaps"]


def test_choices_override() -> None:
    net = hand_network()
    card = shx.agency_scorecard(net, choices={"mental_health": ["mental_health"]})
    a1 = card.set_index("agency_id").loc["A1"]
    assert a1["choices_expected"] == "mental_health"
    assert a1["choice_coverage"] == 1.0
    assert not a1["no_family_option"]
    everyone = shx.agency_scorecard(net, choices=["family"]).set_index("agency_id")
    assert (everyone["choices_expected"] == "family").all()
    assert everyone.loc["A2", "no_family_option"]
    assert not everyone.loc["A2", "no_twelve_step"]
    with pytest.raises(shx.RecordError, match="not a choice option"):
        shx.agency_scorecard(net, choices=["secular"])
    with pytest.raises(shx.RecordError, match="not a sector"):
        shx.agency_scorecard(net, choices={"housing": ["family"]})
    with pytest.raises(shx.RecordError, match="is empty"):
        shx.agency_scorecard(net, choices={"other": []})


def test_weights_pass_through() -> None:
    card = shx.agency_scorecard(
        hand_network(),
        weights={"coverage": 1, "multiplexity": 0, "reciprocity": 0, "intensity": 0},
        agency_weights={"depth": 1, "groups": 0, "choice": 0, "subunits": 0, "active": 0},
        institutional_weights=shx.InstitutionalWeights(joint_share=1, groups=0, reach=0),
    ).set_index("agency_id")
    # summed coverage of A1's dyads: 1 + 2/3 + 1/3 = 2, depth 2/3; A1's joint share 2/4
    assert card.loc["A1", "adaptational_index"] == pytest.approx(2 / 3)
    assert card.loc["A1", "institutional_index"] == pytest.approx(0.5)


# ----------------------------------------------------------------------------- properties
def agree_with_reference(net: shx.ExchangeNetwork, window: tuple) -> None:
    card = (
        shx.agency_scorecard(net, start=window[0], end=window[1])
        .set_index("agency_id")
        .to_dict("index")
    )
    want = scorecard_reference(net.to_networkx(), net.initiatives, *window)
    assert set(card) == set(want)
    summary = shx.adaptational_summary(net, start=window[0], end=window[1]).set_index("agency_id")
    for a, values in want.items():
        for col, value in values.items():
            got = summary.loc[a, col] if col == "index_median" else card[a][col]
            if isinstance(value, float):
                assert got == pytest.approx(value, rel=1e-9, abs=1e-12), (a, col)
            else:
                assert got == value, (a, col)


def check_invariants(card: pd.DataFrame) -> None:
    for col in ("reciprocal_share", "adaptational_index", "institutional_index"):
        assert card[col].between(0, 1).all(), col
    for family in ("type_", "focus_", "approach_"):
        cols = [c for c in card.columns if c.startswith(family)]
        assert (card[cols].sum(axis=1) == card["groups_linked"]).all(), family
    assert card["subunits_engaged"].between(0, 3).all()
    assert (card["no_groups_linked"] == (card["groups_linked"] == 0)).all()
    for opt, flag in (("twelve_step", "no_twelve_step"), ("family", "no_family_option")):
        wanted = card["choices_expected"].str.split(";").map(lambda x, o=opt: o in x)
        assert (card[flag] == (wanted & ~card[f"{opt}_option"])).all()
    assert card["choice_coverage"].between(0, 1).all()
    assert (card["strongest_link"] <= card["depth"] * 2 + 1e-12).all()  # T/(T+1) >= max/2
    n_listed = card["gaps"].map(lambda s: len(s.split("; ")) if s else 0)
    assert (n_listed == card["n_gaps"]).all()
    assert (card["n_gaps"] <= card[FLAGS].sum(axis=1)).all()


@given(st.data())
def test_invariants_and_reference_agreement(data: st.DataObject) -> None:
    net = data.draw(metric_networks(), label="net")
    window = data.draw(metric_windows, label="window")
    card = shx.agency_scorecard(net, start=window[0], end=window[1])
    assert len(card) == net.n_agencies
    check_invariants(card)
    agree_with_reference(net, window)
    mapping = data.draw(renamings(net), label="renaming")
    before = card.copy()
    before["agency_id"] = before["agency_id"].map(mapping).astype("str")
    pd.testing.assert_frame_equal(
        before, shx.agency_scorecard(rename_ids(net, mapping), start=window[0], end=window[1])
    )


@settings(max_examples=10)
@given(networks(max_exchanges=15), windows)
def test_reference_agreement_on_the_shared_strategy(
    net: shx.ExchangeNetwork, window: tuple
) -> None:
    check_invariants(shx.agency_scorecard(net, start=window[0], end=window[1]))
    agree_with_reference(net, window)


@settings(max_examples=20)
@given(metric_networks(max_exchanges=0))
def test_no_exchanges(net: shx.ExchangeNetwork) -> None:
    card = shx.agency_scorecard(net)
    assert len(card) == net.n_agencies
    assert (card["groups_linked"] == 0).all()
    assert card["no_groups_linked"].all()
    assert (card["adaptational_index"] == 0).all()


def test_empty_network() -> None:
    card = shx.agency_scorecard(shx.ExchangeNetwork())
    assert card.empty
    assert card.columns.tolist() == COLUMNS
    assert card.dtypes.equals(shx.agency_scorecard(hand_network()).dtypes)


def test_reference_agrees_on_hand_network() -> None:
    for window in ((None, None), ("2024-04-01", "2024-06-15")):
        agree_with_reference(hand_network(), window)
