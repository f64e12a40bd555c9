"""Calibration: default parameters against the published arms of a facilitated-access trial.

Source: Manning, V., Best, D., Faulkner, N., Titherington, E., Morinan, A., Keaney, F.,
Gossop, M., & Strang, J. (2012). Does active referral by a doctor or 12-Step peer improve 12-Step
meeting attendance? Results from a pilot randomised control trial. Drug and Alcohol Dependence,
126(1-2), 131-137. Figures from the abstract's Results (the table they come from in the paper
was not checked here):

* 151 inpatients in detoxification, three arms: 12-step peer intervention (PI), doctor
  intervention (DI), no intervention (NI); 83% followed up 2-3 months after discharge.
* attended a 12-step meeting during inpatient treatment: active referral (PI and DI together)
  88%, NI 73%;
* attended after discharge: PI 64%, DI 48%, NI 33%.

The abstract does not give the arm sizes; they are taken as equal: 151 / 3 ~= 50 per arm
randomized (so about 100 in the two active arms together) and 83% of 50 ~= 42 per arm followed up.
The tolerance is the trial's own sampling error: +-1.96 binomial standard errors at those sizes.

Mapping of arms to the model: NI is passive referral at an agency linked to one 12-step group;
DI is facilitated referral at an agency whose practitioners have a facilitated_introduction
exchange with the group; PI is facilitated referral at an agency the group reaches through
peer_bridging (its practitioners refer to the group, so they can facilitate). In-treatment
attendance is the share reaching ``first_meeting``; post-discharge attendance the share reaching
``follow_up``.

Involvement: Timko, DeBenedetti & Billow (2006, Addiction 101(5):678-688) report, in the
abstract, that intensive-referral patients were more likely to be involved with 12-step groups
(service, spiritual awakening, a sponsor); the abstract gives no proportions, so only the
direction is checked (facilitated 'engaged' above passive, at the trial's size: 345 patients).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import selfhelp_exchange as shx

N_RUNS = 400
ARM_RANDOMIZED = 50  # 151 / 3, rounded
ARM_FOLLOWED = 42  # 83% of 50


def trial_network() -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        agencies=[shx.Agency(a, f"Ward, arm {a}") for a in ("NI", "DI", "PI")],
        groups=[shx.SelfHelpGroup("AA", "12-step meeting", "mutual_help", approach="twelve_step")],
        exchanges=[
            shx.Exchange(("NI", "practitioners"), "AA", "referral"),
            shx.Exchange(("DI", "practitioners"), "AA", "facilitated_introduction"),
            shx.Exchange(("PI", "practitioners"), "AA", "referral"),
            shx.Exchange("AA", ("PI", "clients"), "peer_bridging"),
        ],
    )


def band(p: float, n: int) -> tuple[float, float]:
    se = math.sqrt(p * (1 - p) / n)
    return p - 1.96 * se, p + 1.96 * se


@pytest.fixture(scope="module")
def arms() -> dict[str, shx.simulate.SimulationResult]:
    net = trial_network()
    return {
        s: shx.simulate.facilitated_access(
            net, s, clients_per_agency=ARM_RANDOMIZED, seed=20120501, n_runs=N_RUNS
        )
        for s in ("passive", "facilitated")
    }


def share(res: shx.simulate.SimulationResult, agency: str, stage: str) -> float:
    return float(res.stage_counts(stage, agency).mean() / ARM_RANDOMIZED)


@pytest.mark.parametrize(
    ("strategy", "agency", "stage", "published", "n"),
    [
        ("passive", "NI", "first_meeting", 0.73, ARM_RANDOMIZED),
        ("facilitated", "DI", "first_meeting", 0.88, 2 * ARM_RANDOMIZED),
        ("facilitated", "PI", "first_meeting", 0.88, 2 * ARM_RANDOMIZED),
        ("passive", "NI", "follow_up", 0.33, ARM_FOLLOWED),
        ("facilitated", "DI", "follow_up", 0.48, ARM_FOLLOWED),
        ("facilitated", "PI", "follow_up", 0.64, ARM_FOLLOWED),
    ],
)
def test_default_arms_fall_within_the_trials_sampling_error(
    arms: dict[str, shx.simulate.SimulationResult],
    strategy: str,
    agency: str,
    stage: str,
    published: float,
    n: int,
) -> None:
    lo, hi = band(published, n)
    simulated = share(arms[strategy], agency, stage)
    assert lo <= simulated <= hi, (agency, stage, simulated, (lo, hi))
    # The published figure is inside the simulated 95% range of a trial-sized cohort, too.
    runs = arms[strategy].stage_counts(stage, agency) / ARM_RANDOMIZED
    q_lo, q_hi = np.quantile(runs, [0.025, 0.975])
    assert q_lo <= published <= q_hi


def test_the_defaults_reproduce_the_published_figures_to_a_tenth_of_a_point() -> None:
    """The expected shares, worked out from the default parameters by hand."""
    p = shx.simulate.CascadeParameters()
    ni_first = p.passive_informed * p.passive_introduced * p.passive_first_meeting
    assert ni_first == pytest.approx(0.73, abs=1e-3)  # 1 x 0.8295 x 0.88
    assert ni_first * p.passive_engaged * p.passive_follow_up == pytest.approx(0.33, abs=1e-3)
    di_first = p.facilitated_informed * p.facilitated_introduced * p.facilitated_first_meeting
    assert di_first == pytest.approx(0.88, abs=1e-3)
    assert di_first * p.facilitated_engaged * p.facilitated_follow_up == pytest.approx(
        0.48, abs=1e-3
    )
    pi_first = p.facilitated_informed * p.peer_introduced * p.peer_first_meeting
    assert pi_first * p.peer_engaged * p.peer_follow_up == pytest.approx(0.64, abs=1e-3)


def test_involvement_is_higher_under_facilitation_at_the_size_of_timko_2006() -> None:
    # 345 randomized (Timko, DeBenedetti & Billow 2006, abstract): about 172 per arm.
    net = trial_network().select(np.array([False, True, False, False]))
    fac = shx.simulate.facilitated_access(net, "facilitated", 172, seed=2006, n_runs=200)
    pas = shx.simulate.facilitated_access(net, "passive", 172, seed=2006, n_runs=200)
    diff = fac.stage_counts("engaged", "DI") - pas.stage_counts("engaged", "DI")
    assert diff.mean() > 0
    assert np.quantile(diff, 0.025) > 0
