"""The simulate API of issue #19: keyword-only run controls, ``confidence``, short reprs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange import simulate as sim


@pytest.fixture(scope="module")
def net() -> shx.ExchangeNetwork:
    return shx.load_example("riverside")


def test_run_controls_are_keyword_only_with_a_warning_for_one_release(
    net: shx.ExchangeNetwork,
) -> None:
    new = sim.facilitated_access(net, "passive", clients_per_agency=20, seed=3, n_runs=2)
    with pytest.warns(FutureWarning, match=r"clients_per_agency, seed, n_runs.*by position"):
        old = sim.facilitated_access(net, "passive", 20, 3, 2)  # type: ignore[misc]
    np.testing.assert_array_equal(new.counts, old.counts)
    with pytest.raises(shx.ArgumentTypeError, match="multiple values for argument 'seed'"):
        sim.facilitated_access(net, "passive", 20, 3, seed=3)  # type: ignore[misc]
    with pytest.raises(TypeError, match="at most 6 positional"):
        sim.facilitated_access(net, "passive", 20, 3, 2, None, 9)  # type: ignore[misc]


def test_a_networkx_graph_is_refused_by_name(net: shx.ExchangeNetwork) -> None:
    with pytest.raises(
        shx.ArgumentTypeError,
        match=r"facilitated_access\(\) needs an ExchangeNetwork as net.*DiGraph",
    ):
        sim.facilitated_access(nx.DiGraph(), n_runs=1)  # type: ignore[arg-type]


def _small_runs(net: shx.ExchangeNetwork) -> dict[str, Any]:
    return {"clients_per_agency": 20, "seed": 1, "n_runs": 4}


CONFIDENCE_CALLS: dict[str, Callable[[shx.ExchangeNetwork, dict[str, Any]], Any]] = {
    "SimulationResult.summary": lambda net, kw: sim.facilitated_access(
        net, **_small_runs(net)
    ).summary(**kw),
    "ScenarioComparison.summary": lambda net, kw: sim.compare_scenarios(
        {"now": net, "passive": (net, "passive")}, **_small_runs(net)
    ).summary(**kw),
    "access_interval": lambda net, kw: sim.access_interval(
        net, n_runs=4, clients_per_agency=20, **kw
    ),
    "sensitivity": lambda net, kw: sim.sensitivity(
        net, "peer_engaged", [0.5, 0.9], **_small_runs(net), **kw
    ),
    "replicate_trial": lambda net, kw: sim.replicate_trial("timko2007", n_runs=4, seed=1, **kw),
    "input_interval": lambda net, kw: sim.evidence.input_interval("manning_stay_control", **kw),
}


@pytest.mark.parametrize("name", sorted(CONFIDENCE_CALLS))
def test_level_is_a_deprecated_alias_of_confidence(net: shx.ExchangeNetwork, name: str) -> None:
    call = CONFIDENCE_CALLS[name]
    new = call(net, {"confidence": 0.8})
    with pytest.warns(FutureWarning, match=r"level=\.\.\.\) is deprecated.*confidence="):
        old = call(net, {"level": 0.8})
    if isinstance(new, pd.DataFrame):
        pd.testing.assert_frame_equal(new, old)
    else:
        assert new == old
    with pytest.raises(shx.ArgumentTypeError, match="both level= and confidence="):
        call(net, {"level": 0.8, "confidence": 0.8})


@pytest.mark.parametrize("plot", ["plot_funnel", "plot_scenarios"])
def test_plots_take_confidence(net: shx.ExchangeNetwork, plot: str) -> None:
    import matplotlib.pyplot as plt

    if plot == "plot_funnel":
        arg: Any = sim.facilitated_access(net, **_small_runs(net))
    else:
        arg = sim.compare_scenarios({"now": net, "passive": (net, "passive")}, **_small_runs(net))
    fn = getattr(sim, plot)
    ax = fn(arg, confidence=0.5)
    with pytest.warns(FutureWarning):
        ax_old = fn(arg, level=0.5)
    assert len(ax.patches) == len(ax_old.patches)
    plt.close("all")


def test_simulation_result_repr_is_short_with_headline_numbers(net: shx.ExchangeNetwork) -> None:
    big = shx.generate.community(40, 160, seed=3)
    res = sim.facilitated_access(big, clients_per_agency=50, seed=1, n_runs=30)
    text = repr(res)
    assert len(text) < 600, text
    assert "array(" not in text
    assert text.startswith("SimulationResult(strategy='facilitated', style='peer'")
    assert "n_runs=30, n_agencies=40, clients=2000" in text
    share = res.mean_shares()
    assert f"first_meeting: {share[2]:.4g}" in text
    frame = res.to_frame()
    assert frame["count"].dtype == np.int64
    assert res.summary()["clients"].dtype == np.int64


def test_scenario_comparison_repr_is_short(net: shx.ExchangeNetwork) -> None:
    cmp = sim.compare_scenarios(
        {"now": net, "passive": (net, "passive")}, stage="first_meeting", **_small_runs(net)
    )
    text = repr(cmp)
    assert len(text) < 600, text
    s = cmp.summary().set_index(["scenario", "agency_id"])
    diff = float(s.loc[("passive", "(all)"), "difference"])
    assert text.startswith("ScenarioComparison(baseline='now', stage='first_meeting'")
    assert f"mean_difference={{passive: {diff:.4g}}}" in text
    assert cmp.to_frame()["difference"].dtype == np.int64


def test_agency_links_repr_and_frame(net: shx.ExchangeNetwork) -> None:
    links = sim.agency_links(net)
    text = repr(links)
    assert len(text) < 600, text
    assert "array(" not in text
    frame = links.to_frame()
    assert len(frame) == len(links.pair_group)
    assert set(frame["agency_id"]) <= set(links.agency_ids)


def test_plots_name_what_they_need(net: shx.ExchangeNetwork) -> None:
    with pytest.raises(shx.ArgumentTypeError, match="results must be a SimulationResult"):
        sim.plot_funnel(["passive"])  # type: ignore[list-item]
    with pytest.raises(shx.ArgumentTypeError, match="comparison must be a ScenarioComparison"):
        sim.plot_scenarios(sim.facilitated_access(net, n_runs=1))  # type: ignore[arg-type]
