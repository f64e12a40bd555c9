from __future__ import annotations

import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.simulate import SimulationError, sensitivity, tornado


def net() -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "One")],
        groups=[shx.SelfHelpGroup("AA", "AA", "mutual_help")],
        exchanges=[shx.Exchange(("A1", "practitioners"), "AA", "facilitated_introduction")],
    )


def test_sensitivity_is_exact_at_the_ends_and_monotone() -> None:
    df = sensitivity(
        net(),
        "facilitated_first_meeting",
        [0.0, 0.5, 1.0],
        stage="first_meeting",
        clients_per_agency=200,
        seed=2,
        n_runs=8,
        parameters=shx.simulate.CascadeParameters(facilitated_introduced=1.0),
    )
    assert df["value"].tolist() == [0.0, 0.5, 1.0]
    # informed and introduced are certain here, so the stage count is exact at 0 and 1
    assert df["mean"].tolist()[0] == 0
    assert df["mean"].tolist()[2] == 200
    assert 70 < df["mean"].tolist()[1] < 130
    assert df["mean_share"].tolist()[2] == 1.0
    assert (df["low"] <= df["mean"]).all()
    assert (df["mean"] <= df["high"]).all()


def test_sensitivity_errors() -> None:
    with pytest.raises(SimulationError, match="unknown cascade parameter"):
        sensitivity(net(), "engagement", [0.1])
    with pytest.raises(SimulationError, match="unknown stage"):
        sensitivity(net(), "peer_engaged", [0.1], stage="attended")
    with pytest.raises(SimulationError, match="must be a probability"):
        sensitivity(net(), "peer_engaged", [1.1], n_runs=2, seed=1)
    with pytest.raises(SimulationError, match="confidence must be"):
        sensitivity(net(), "peer_engaged", [0.1], n_runs=2, seed=1, confidence=95)


def test_tornado_over_parameters_with_delta() -> None:
    t = tornado(net(), delta=0.1, clients_per_agency=100, seed=3, n_runs=4, stage="engaged")
    assert set(t["parameter"]) == set(shx.simulate.CascadeParameters.names())
    assert t["swing"].is_monotonic_decreasing
    by = t.set_index("parameter")
    # only keyworker-facilitated steps matter at an agency with a practitioner channel
    assert by.loc["passive_engaged", "swing"] == 0
    assert by.loc["peer_engaged", "swing"] == 0
    assert by.loc["facilitated_engaged", "swing"] > 0
    # facilitated_first_meeting is 1 by default: its range is [0.9, 1.0]
    assert by.loc["facilitated_first_meeting", ["low_value", "high_value"]].tolist() == [0.9, 1.0]


def test_tornado_over_the_documented_inputs_by_default() -> None:
    t = tornado(net(), clients_per_agency=100, seed=3, n_runs=4, stage="first_meeting")
    inputs = shx.simulate.evidence.INPUTS
    assert set(t["parameter"]) == {n for n, i in inputs.items() if i.distribution != "fixed"}
    assert t["swing"].is_monotonic_decreasing
    by = t.set_index("parameter")
    # the local passive baseline moves the first meeting most; Timko's figures not at all
    assert t["parameter"].iloc[0] == "community_passive_baseline"
    assert by.loc["timko_weekly_standard", "swing"] == 0
    lo, hi = by.loc["manning_stay_control", ["low_value", "high_value"]]
    assert 0.55 < lo < 0.65  # Beta(37, 14): the 2.5th and 97.5th percentiles
    assert 0.8 < hi < 0.87
    with pytest.raises(SimulationError, match="give ranges= or delta="):
        tornado(net(), parameters=shx.simulate.CascadeParameters(), n_runs=2, seed=1)
