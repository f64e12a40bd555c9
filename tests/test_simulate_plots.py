from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.simulate import (
    SimulationError,
    adopt_facilitation,
    compare_scenarios,
    facilitated_access,
    plot_funnel,
    plot_scenarios,
    plot_sensitivity,
    plot_tornado,
    sensitivity,
    tornado,
)


@pytest.fixture
def net() -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "One"), shx.Agency("A2", "Two")],
        groups=[shx.SelfHelpGroup("AA", "AA", "mutual_help")],
        exchanges=[
            shx.Exchange(("A1", "practitioners"), "AA", "referral"),
            shx.Exchange(("A2", "practitioners"), "AA", "facilitated_introduction"),
        ],
    )


def test_funnel(net: shx.ExchangeNetwork) -> None:
    runs = [
        facilitated_access(net, s, clients_per_agency=50, seed=1, n_runs=4)
        for s in ("passive", "facilitated")
    ]
    _fig, ax = plt.subplots()
    out = plot_funnel(runs, ax=ax)
    assert out is ax
    assert len(ax.patches) == 10
    # bar heights are the pooled mean shares; everyone is informed by default
    heights = [p.get_height() for p in ax.patches]
    assert heights[0] == 1.0
    assert heights[5] == 1.0
    assert heights[9] >= heights[4]  # facilitated follow-up at least passive's
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[2:] == ["first meeting", "weekly", "after episode"]
    one = plot_funnel(runs[1], agency_id="A2")
    assert one.get_title() == "Access to mutual aid: A2"
    with pytest.raises(SimulationError, match="not an agency"):
        plot_funnel(runs, agency_id="Z")
    with pytest.raises(SimulationError, match="at least one"):
        plot_funnel([])
    plt.close("all")


def test_scenarios_sensitivity_tornado(net: shx.ExchangeNetwork) -> None:
    cmp = compare_scenarios(
        {"now": net, "A1 adopts": adopt_facilitation(net, "A1")},
        clients_per_agency=60,
        seed=2,
        n_runs=5,
        stage="introduced",
    )
    ax = plot_scenarios(cmp)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A1 adopts"]
    assert (
        ax.patches[0].get_width()
        == cmp.summary()
        .query("scenario == 'A1 adopts' and agency_id == '(all)'")["difference"]
        .item()
    )
    assert "introduced vs now" in ax.get_xlabel()
    with pytest.raises(SimulationError, match="nothing to plot"):
        plot_scenarios(cmp, agency_id="Z")

    df = sensitivity(
        net, "facilitated_engaged", [0.2, 0.6], clients_per_agency=30, seed=1, n_runs=3
    )
    ax = plot_sensitivity(df, color="C3")
    assert ax.get_xlabel() == "facilitated_engaged"
    assert list(ax.lines[0].get_xdata()) == [0.2, 0.6]

    t = tornado(
        net,
        {"facilitated_engaged": (0.2, 0.9), "passive_engaged": (0.2, 0.9)},
        clients_per_agency=30,
        seed=1,
        n_runs=3,
    )
    ax = plot_tornado(t)
    assert [x.get_text() for x in ax.get_yticklabels()][-1] == t["parameter"].iloc[0]
    assert len(ax.patches) == 4
    assert ax.get_xlabel() == "mean clients reaching engaged"
    plt.close("all")
