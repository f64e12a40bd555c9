"""linkage_sensitivity: ranks and orderings under random index weights."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

import selfhelp_exchange as shx
from selfhelp_exchange.metrics.sensitivity import _ranks
from tests.strategies import communities

RIVERSIDE = shx.load_example("riverside")


def test_competition_ranks_by_hand() -> None:
    values = np.array([[3.0, 0.0], [1.0, 0.0], [3.0, 1.0], [2.0, 0.0]])
    # column 0: 3 and 3 share rank 1, then 2 is third, 1 fourth; column 1: 1 first, the rest tie
    np.testing.assert_array_equal(_ranks(values), [[1, 2], [4, 2], [1, 1], [3, 2]])


def test_seeded_and_reproducible() -> None:
    a = shx.linkage_sensitivity(RIVERSIDE, n_draws=100, seed=7)
    b = shx.linkage_sensitivity(RIVERSIDE, n_draws=100, seed=np.random.default_rng(7))
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
    pd.testing.assert_frame_equal(a.pairwise, b.pairwise)
    pd.testing.assert_frame_equal(a.dyads, b.dyads)
    c = shx.linkage_sensitivity(RIVERSIDE, n_draws=100, seed=8)
    assert not a.pairwise["share"].equals(c.pairwise["share"])


def test_a_huge_concentration_keeps_the_default_ranks() -> None:
    s = shx.linkage_sensitivity(RIVERSIDE, n_draws=50, concentration=1e9, seed=0)
    card = shx.agency_scorecard(RIVERSIDE).set_index("agency_id")
    agencies = s.agencies.set_index("agency_id")
    np.testing.assert_allclose(agencies["index"], card["adaptational_index"])
    assert (agencies["rank_min"] == agencies["rank"]).all()
    assert (agencies["rank_max"] == agencies["rank"]).all()
    assert set(s.pairwise["share"]) == {1.0}
    assert s.pairwise["robust"].all()


def two_agencies() -> shx.ExchangeNetwork:
    """A: one deep link (every kind both ways, no choice covered); B: three thin links."""
    groups = [
        shx.SelfHelpGroup("G1", "G1", "mutual_help", focus="substance_use"),
        shx.SelfHelpGroup("G2", "G2", "mutual_help", approach="twelve_step"),
        shx.SelfHelpGroup("G3", "G3", "mutual_help", approach="non_twelve_step"),
        shx.SelfHelpGroup("G4", "G4", "mutual_help", focus="family"),
    ]
    deep = [
        shx.Exchange("A", "G1", k, 20)
        if k.direction.value != "group_to_agency"
        else shx.Exchange("G1", "A", k, 20)
        for k in shx.adaptational_kinds()
    ]
    thin = [shx.Exchange("B", g, "information", 1) for g in ("G2", "G3", "G4")]
    return shx.ExchangeNetwork(
        agencies=[
            shx.Agency("A", "A", sector="substance_use"),
            shx.Agency("B", "B", sector="substance_use"),
        ],
        groups=groups,
        exchanges=[*deep, *thin],
    )


def test_an_ordering_that_depends_on_the_weights_is_not_robust() -> None:
    net = two_agencies()
    card = shx.agency_scorecard(net).set_index("agency_id")
    # A: depth ~0.47, 1 group, no option, 3 subunits, active; B: 3 groups, all options, 1 subunit
    assert card.loc["A", "adaptational_index"] > card.loc["B", "adaptational_index"]
    s = shx.linkage_sensitivity(net, n_draws=2000, concentration=2, seed=3)
    (row,) = s.pairwise.to_dict("records")
    assert (row["agency_a"], row["agency_b"]) == ("A", "B")
    assert 0.5 < row["share"] < 0.95
    assert not row["robust"]
    # with the weight on depth only, A always leads
    depth_only = {"depth": 1, "groups": 0, "choice": 0, "subunits": 0, "active": 0}
    s1 = shx.linkage_sensitivity(net, n_draws=200, agency_weights=depth_only, seed=3)
    assert s1.pairwise["share"].tolist() == [1.0]


def test_repr_and_frame() -> None:
    s = shx.linkage_sensitivity(RIVERSIDE, n_draws=100, seed=1)
    text = repr(s)
    assert len(text) < 600
    assert text.startswith("LinkageSensitivity(4 agencies, 18 dyads, 100 draws")
    assert s.to_frame().columns.tolist() == [
        "agency_id",
        "index",
        "rank",
        "rank_low",
        "rank_high",
        "rank_min",
        "rank_max",
        "top_share",
    ]
    assert len(s.dyads) == 18
    assert len(s.pairwise) == 6


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_draws": 0}, "n_draws must be a whole number >= 1"),
        ({"n_draws": 2.5}, "n_draws must be a whole number >= 1"),
        ({"concentration": 0}, "concentration must be a finite number > 0"),
        ({"robust_share": 0.4}, r"robust_share must be a number in \(0.5, 1\]"),
    ],
)
def test_invalid_arguments(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(shx.ArgumentError, match=match):
        shx.linkage_sensitivity(RIVERSIDE, **kwargs)  # type: ignore[arg-type]


@settings(max_examples=15)
@given(communities(max_agencies=6, max_groups=10, max_exchanges=80))
def test_rank_intervals_are_ordered(net: shx.ExchangeNetwork) -> None:
    s = shx.linkage_sensitivity(net, n_draws=50, seed=0)
    for df, n in ((s.agencies, net.n_agencies), (s.dyads, len(s.dyads))):
        assert len(df) == n
        assert (df["rank_min"] <= df["rank_low"]).all()
        assert (df["rank_low"] <= df["rank_high"]).all()
        assert (df["rank_high"] <= df["rank_max"]).all()
        assert df["rank"].between(1, max(n, 1)).all()
    assert len(s.pairwise) == net.n_agencies * (net.n_agencies - 1) // 2
    assert s.pairwise["share"].between(0, 1).all()


def test_invalid_weights_are_a_record_error() -> None:
    # the weights are a record (LinkageWeights) breaking its own rule, not a bad argument
    with pytest.raises(shx.RecordError, match="must sum to 1"):
        shx.linkage_sensitivity(RIVERSIDE, weights={"coverage": 2})
