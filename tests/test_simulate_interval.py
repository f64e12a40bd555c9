"""The interval the evaluator's report shows instead of one simulated number."""

from __future__ import annotations

import numpy as np
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.report.simulation import simulation_section
from selfhelp_exchange.simulate import SimulationError, access_interval


def test_access_interval_combines_parameter_and_chance_variation() -> None:
    net = shx.load_example("riverside")
    t = access_interval(net, n_runs=60, seed=3)
    assert set(t["strategy"]) == {"passive", "facilitated"}
    pooled = t[t["agency_id"] == "(all)"].set_index("strategy")
    for _, row in pooled.iterrows():
        assert row["share_low"] <= row["mean_share"] <= row["share_high"]
        assert row["text"] == (
            f"{row['mean_share']:.0%} ({row['share_low']:.0%} to {row['share_high']:.0%})"
        )
    # the passive interval spans much of the documented baseline range (0 to 0.73)
    assert pooled.loc["passive", "share_high"] - pooled.loc["passive", "share_low"] > 0.3
    # facilitation never does worse, run by run (shared random numbers and parameter draws)
    assert pooled.loc["facilitated", "gain_low"] >= 0
    assert np.isnan(pooled.loc["passive", "gain"])
    # reproducible: the default seed is fixed
    assert access_interval(net, n_runs=10).equals(access_interval(net, n_runs=10))
    with pytest.raises(SimulationError, match="unknown stage"):
        access_interval(net, stage="attended", n_runs=2)


def test_a_local_baseline_narrows_and_moves_the_passive_interval() -> None:
    net = shx.load_example("riverside")
    wide = access_interval(net, n_runs=60, seed=1)
    local = access_interval(net, n_runs=60, seed=1, passive_baseline=0.1)

    def passive(t: object) -> object:
        return t[(t["agency_id"] == "(all)") & (t["strategy"] == "passive")].iloc[0]

    assert passive(local)["mean_share"] < passive(wide)["mean_share"]


def test_the_report_section_shows_intervals_and_is_byte_stable() -> None:
    net = shx.load_example("riverside")
    html = simulation_section(net, n_runs=30)
    assert html.startswith('<section id="simulation">')
    assert html.count(" to ") >= 3  # two strategies and the gain, each with its range
    assert html == simulation_section(net, n_runs=30)
    page = shx.build_report(net, simulation=True, generated_at=None)
    assert '<section id="simulation">' in page
    assert '<section id="simulation">' not in shx.build_report(net)
