"""Calibration: the model replays the trials its defaults come from.

The figures are those printed in the trials' abstracts (see
``selfhelp_exchange/simulate/evidence.py`` for what each abstract says):

* Manning et al. (2012), Drug Alcohol Depend 126(1-2):131-137: 151 UK inpatients in
  detoxification, three arms (no intervention, doctor, 12-Step peer); attended a meeting during
  the stay 73% (none) vs 88% (doctor and peer together); after discharge, of the 83% followed up
  2-3 months later, 33% / 48% / 64%; of those who did not attend during the stay, 20% attended
  after discharge.
* Timko & DeBenedetti (2007), Drug Alcohol Depend 90(2-3):270-279: 345 US outpatients; at least
  weekly attendance over the year 61% (standard referral) vs 70% (intensive), 93% followed up.
* Sisson & Mallams (1981), Am J Drug Alcohol Abuse 8(3):371-376: 20 outpatients; none of the
  standard-referral arm ever attended, all of the systematically encouraged arm attended within
  a week.

Each trial runs on a network shaped like it (:func:`shx.simulate.trials.trial_network`: one
agency per arm, one 12-Step group) with the setting, arm sizes, outcome, denominator and follow-up
rate of its design. The predictions must fall within 5 percentage points of every published
figure.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.simulate import CascadeParameters, replicate_trial
from selfhelp_exchange.simulate.trials import trial_network

N_RUNS = 400


@pytest.fixture(scope="module", params=["manning2012", "timko2007", "sisson1981"])
def replication(request: pytest.FixtureRequest) -> object:
    return replicate_trial(request.param, n_runs=N_RUNS, seed=20120501)


def test_predictions_within_five_points_of_each_published_figure(replication: object) -> None:
    df = replication
    assert list(df.columns[:6]) == ["trial", "arm", "outcome", "predicted", "published", "source"]
    gap = (df["predicted"] - df["published"]).abs()
    assert (gap < 0.05).all(), df[["arm", "outcome", "predicted", "published"]]
    # the published figure lies inside the simulated 95% range of a trial-sized arm
    assert ((df["low"] <= df["published"]) & (df["published"] <= df["high"])).all()


def test_the_trials_and_their_arms_and_outcomes() -> None:
    manning = replicate_trial("manning2012", n_runs=5, seed=1)
    assert set(manning["arm"]) == {"control", "intervention", "doctor", "peer"}
    assert set(manning["outcome"]) == {"attended_during_stay", "attended_after_discharge"}
    assert (
        manning.set_index(["arm", "outcome"]).loc[("intervention", "attended_during_stay"), "n"]
        == 101
    )
    timko = replicate_trial("timko2007", n_runs=5, seed=1)
    assert timko[["arm", "outcome"]].values.tolist() == [
        ["standard", "weekly_attendance"],
        ["intensive", "weekly_attendance"],
    ]
    with pytest.raises(shx.simulate.SimulationError, match="timko2006 and walitzer2009"):
        replicate_trial("timko2006", n_runs=5, seed=1)


def test_the_inpatient_defaults_reproduce_manning_by_hand() -> None:
    """The expected shares worked out from the published figures, by hand."""
    p = CascadeParameters.for_setting("inpatient")
    stay_none = p.passive_informed * p.passive_introduced * p.passive_first_meeting
    stay_active = p.facilitated_informed * p.facilitated_introduced * p.facilitated_first_meeting
    assert stay_none == pytest.approx(0.73, abs=1e-3)  # 0.8111 x 0.9
    assert stay_active == pytest.approx(0.88, abs=1e-3)  # 0.8906 x 0.9881
    # after discharge = in-stay x follow_up + (not in-stay) x 20%
    b = p.later_attendance
    assert b == 0.2
    assert p.passive_follow_up == round((0.33 - 0.27 * 0.2) / 0.73, 4) == 0.3781
    assert p.facilitated_follow_up == round((0.48 - 0.12 * 0.2) / 0.88, 4) == 0.5182
    assert p.peer_follow_up == round((0.64 - 0.12 * 0.2) / 0.88, 4) == 0.7
    assert stay_none * p.passive_follow_up + (1 - stay_none) * b == pytest.approx(0.33, abs=1e-3)
    assert stay_active * p.peer_follow_up + (1 - stay_active) * b == pytest.approx(0.64, abs=1e-3)


def test_the_outpatient_defaults_reproduce_timko_2007_by_hand() -> None:
    p = CascadeParameters.for_setting("outpatient")
    reach = p.passive_introduced * p.passive_first_meeting  # the assumed 0.85
    assert reach * p.passive_engaged == pytest.approx(0.61, abs=1e-3)
    assert reach * p.peer_engaged == pytest.approx(0.70, abs=1e-3)  # odds ratio 1 (Timko 2006)


def test_attending_during_the_stay_and_after_are_not_nested() -> None:
    """Manning et al.: 59% of in-stay attenders and 20% of non-attenders attended afterwards.

    The model's non-attender path is the 20% itself; among attenders it gives about 54%, not
    59%: the abstract's figures are not all consistent with equal arms and one follow-up rate
    (documented in docs/simulate.md), so this checks the model's figure, not the published one.
    """
    net = trial_network("manning2012")
    n = 20_000
    res = shx.simulate.facilitated_access(
        net, "passive", clients_per_agency={"control": n}, seed=2, n_runs=5, setting="inpatient"
    )
    c = res.counts[:, 0, :].sum(axis=0) / (5 * n)
    # some attend afterwards without having gone during the stay
    assert c[4] > c[2] * CascadeParameters.for_setting("inpatient").passive_follow_up
    expected = 0.73 * 0.3781 + 0.27 * 0.2
    assert abs(c[4] - expected) < 4 * math.sqrt(expected * (1 - expected) / (5 * n))


def test_involvement_is_higher_under_intensive_referral_at_the_size_of_timko_2006() -> None:
    # 345 randomized (Timko, DeBenedetti & Billow 2006, abstract): about 172 per arm; the
    # abstract gives the direction only.
    net = trial_network("timko2007")
    kw = {"seed": 2006, "n_runs": 200, "setting": "outpatient"}
    fac = shx.simulate.facilitated_access(
        net, "facilitated", clients_per_agency={"intensive": 172}, **kw
    )
    pas = shx.simulate.facilitated_access(
        net, "passive", clients_per_agency={"intensive": 172}, **kw
    )
    diff = fac.stage_counts("engaged", "intensive") - pas.stage_counts("engaged", "intensive")
    assert diff.mean() > 0
    assert np.quantile(diff, 0.025) >= 0


def test_replications_are_reproducible_and_widen_with_parameter_uncertainty() -> None:
    a = replicate_trial("manning2012", n_runs=60, seed=5)
    b = replicate_trial("manning2012", n_runs=60, seed=5)
    assert a.equals(b)
    u = replicate_trial("manning2012", n_runs=60, seed=5, parameter_uncertainty=True)
    assert ((u["high"] - u["low"]) >= (a["high"] - a["low"]) - 0.02).all()
    assert (u["high"] - u["low"]).sum() > (a["high"] - a["low"]).sum()
