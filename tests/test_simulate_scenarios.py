from __future__ import annotations

import numpy as np
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.simulate import (
    SimulationError,
    adopt_facilitation,
    compare_scenarios,
    host_meeting,
)

AA = shx.SelfHelpGroup("AA", "AA", "mutual_help", approach="twelve_step")
NA = shx.SelfHelpGroup("NA", "NA", "mutual_help", approach="twelve_step")
SMART = shx.SelfHelpGroup(
    "SMART",
    "SMART Recovery",
    "mutual_help",
    fellowship="SMART Recovery",
    approach="non_twelve_step",
)


def base_net() -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "One"), shx.Agency("A2", "Two")],
        groups=[AA, NA],
        exchanges=[
            shx.Exchange(("A1", "practitioners"), "AA", "referral"),
            shx.Exchange("NA", ("A1", "practitioners"), "staff_education"),
            shx.Exchange(("A2", "practitioners"), "NA", "referral"),
            shx.Exchange(("A2", "practitioners"), "NA", "facilitated_introduction"),
        ],
    )


def test_adopt_facilitation_adds_introductions_to_the_referred_groups() -> None:
    net = base_net()
    new = adopt_facilitation(net, "A1")
    added = new.exchanges[net.n_exchanges :]
    assert [(e.source, e.target, e.kind.value) for e in added] == [
        (("A1", shx.Role.PRACTITIONERS), "AA", "facilitated_introduction")
    ]
    assert net.n_exchanges == 4  # the original is untouched
    # A2 already introduces to NA: nothing to add
    assert adopt_facilitation(net, "A2").n_exchanges == 4
    # explicit groups
    both = adopt_facilitation(net, "A1", groups=["AA", "NA"])
    assert [e.target for e in both.exchanges[4:]] == ["AA", "NA"]


def test_adopt_facilitation_without_referrals_uses_every_linked_group() -> None:
    net = base_net().select(np.array([False, True, True, True]))  # A1 only has staff_education
    new = adopt_facilitation(net, "A1")
    assert [e.target for e in new.exchanges[3:]] == ["NA"]


def test_adopt_facilitation_errors() -> None:
    lonely = shx.ExchangeNetwork(agencies=[shx.Agency("A1", "One")], groups=[AA])
    with pytest.raises(SimulationError, match="linked to no group"):
        adopt_facilitation(lonely, "A1")
    with pytest.raises(SimulationError, match="not an agency"):
        adopt_facilitation(base_net(), "AA")
    with pytest.raises(SimulationError, match="not a self-help group"):
        adopt_facilitation(base_net(), "A1", groups=["A2"])
    with pytest.raises(shx.UnknownNodeError):
        adopt_facilitation(base_net(), "nope")


def test_host_meeting() -> None:
    net = base_net()
    new = host_meeting(net, "A2", SMART)
    assert new.n_groups == 3
    e = new.exchanges[-1]
    assert (e.source, e.target, e.kind.value) == (
        ("A2", shx.Role.CLIENTS),
        "SMART",
        "meeting_space",
    )
    assert host_meeting(net, "A1", "AA").n_groups == 2
    assert host_meeting(net, "A1", AA).n_groups == 2  # the same record: not added again
    with pytest.raises(SimulationError, match="different node with id 'AA'"):
        host_meeting(net, "A1", shx.SelfHelpGroup("AA", "Other AA", "mutual_help"))
    with pytest.raises(SimulationError, match="not a self-help group"):
        host_meeting(net, "A1", "A2")
    with pytest.raises(SimulationError, match="group must be"):
        host_meeting(net, "A1", 3)  # type: ignore[arg-type]


def test_adopting_facilitation_raises_engagement_only_where_adopted() -> None:
    net = base_net()
    cmp = compare_scenarios(
        {"now": net, "A1 adopts": adopt_facilitation(net, "A1")},
        stage="introduced",
        clients_per_agency=400,
        seed=11,
        n_runs=20,
        passive_introduced=0.5,
        facilitated_introduced=1.0,
    )
    s = cmp.summary().set_index(["scenario", "agency_id"])
    # A2 did not change, and shares its random numbers: exactly no difference
    assert s.loc[("A1 adopts", "A2"), "difference"] == 0
    assert s.loc[("A1 adopts", "A2"), "difference_high"] == 0
    # A1: half its clients were introduced by themselves, now all are (facilitated rate 1)
    assert s.loc[("A1 adopts", "A1"), "mean"] == 400
    assert 150 < s.loc[("A1 adopts", "A1"), "difference"] < 250
    assert s.loc[("now", "(all)"), "difference"] == 0
    frame = cmp.to_frame()
    assert set(frame.columns) == {
        "scenario",
        "strategy",
        "run",
        "agency_id",
        "stage",
        "count",
        "difference",
    }
    assert len(frame) == 2 * 20 * 3


def test_hosting_smart_helps_clients_who_want_a_non_twelve_step_group() -> None:
    net = base_net()
    cmp = compare_scenarios(
        {"now": net, "A1 hosts SMART": host_meeting(net, "A1", SMART)},
        clients_per_agency=300,
        seed=4,
        n_runs=30,
        non_twelve_step_preference=0.3,
    )
    s = cmp.summary().set_index(["scenario", "agency_id"])
    assert s.loc[("A1 hosts SMART", "A1"), "difference_low"] > 0
    assert s.loc[("A1 hosts SMART", "A2"), "difference"] == 0


def test_compare_scenarios_with_strategies_and_errors() -> None:
    net = base_net()
    cmp = compare_scenarios(
        {"passive": (net, "passive"), "facilitated": (net, "facilitated")},
        stage="follow_up",
        clients_per_agency=100,
        seed=1,
        n_runs=10,
    )
    assert cmp.results["passive"].strategy == "passive"
    diff = cmp.to_frame().query("scenario == 'facilitated'")["difference"]
    assert (diff >= 0).all()
    with pytest.raises(SimulationError, match="at least one scenario"):
        compare_scenarios({})
    with pytest.raises(SimulationError, match="baseline 'x'"):
        compare_scenarios({"a": net}, baseline="x")
    with pytest.raises(SimulationError, match="unknown stage"):
        compare_scenarios({"a": net}, stage="attended")
    other = shx.ExchangeNetwork(agencies=[shx.Agency("B1", "B")])
    with pytest.raises(SimulationError, match="other agencies"):
        compare_scenarios({"a": net, "b": other}, n_runs=2, seed=1)


def test_scenarios_share_each_runs_parameter_draw() -> None:
    """With parameter_uncertainty, run i of every scenario draws the same parameters: an agency
    the scenario does not touch differs by exactly nothing, and the interval of the change at
    the adopting agency carries the parameters' uncertainty."""
    net = base_net()
    kw = {"stage": "first_meeting", "clients_per_agency": 200, "seed": 4, "n_runs": 30}
    scenarios = {"now": net, "A1 adopts": adopt_facilitation(net, "A1")}
    fixed = compare_scenarios(scenarios, **kw)
    drawn = compare_scenarios(scenarios, parameter_uncertainty=True, **kw)
    s = drawn.summary().set_index(["scenario", "agency_id"])
    assert s.loc[("A1 adopts", "A2"), "difference_low"] == 0
    assert s.loc[("A1 adopts", "A2"), "difference_high"] == 0
    f = fixed.summary().set_index(["scenario", "agency_id"])
    width = (
        s.loc[("A1 adopts", "A1"), "difference_high"]
        - s.loc[("A1 adopts", "A1"), "difference_low"]
    )
    fixed_width = (
        f.loc[("A1 adopts", "A1"), "difference_high"]
        - f.loc[("A1 adopts", "A1"), "difference_low"]
    )
    assert width > fixed_width
    draws = [r.parameter_draws for r in drawn.results.values()]
    assert draws[0] is not None
    np.testing.assert_array_equal(draws[0], draws[1])
