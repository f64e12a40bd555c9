"""The trials behind the defaults, replayed as scenarios on networks shaped like them.

:func:`replicate_trial` builds, for each trial, a network with one agency per arm and one
12-Step group, linked the way the arm's referral worked (a referral only; a practitioner's
facilitated introduction; a peer channel from the group), runs the cascade with the trial's
setting, arm sizes, outcome and follow-up rate, and sets the predicted share of each arm beside
the published one. The figures are those of the abstracts
(:mod:`~selfhelp_exchange.simulate.evidence`).

These replications check that the model, with the defaults of the trial's setting, reproduces
the figures the defaults were computed from: a consistency check of the model's structure and
arithmetic (outcome definitions, denominators, the path to later attendance), not an
out-of-sample validation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from selfhelp_exchange._deprecate import renamed_argument
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.records import Agency, Exchange, SelfHelpGroup
from selfhelp_exchange.simulate._docs import shared_docs
from selfhelp_exchange.simulate.ensemble import (
    ExecutorLike,
    SeedLike,
    root_seed,
    runs_sharing_a_seed,
)
from selfhelp_exchange.simulate.evidence import STUDIES
from selfhelp_exchange.simulate.parameters import STAGES, SimulationError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TRIALS", "Arm", "Outcome", "Trial", "replicate_trial", "trial_network"]


@attrs.frozen
class Arm:
    """One arm: its size, how its agency is linked to the group, and the strategy and style."""

    name: str
    n: int
    link: str  # "referral", "introduction" or "peer"
    strategy: str  # "passive" or "facilitated"
    style: str = "peer"
    pooled: tuple[str, ...] = ()  # an arm reported as several arms together


@attrs.frozen
class Outcome:
    """One outcome: the stage it is, whether its denominator is those followed up, the figures."""

    name: str
    stage: str
    followed_up: bool
    published: Mapping[str, float]
    note: str = ""


@attrs.frozen
class Trial:
    """A trial's design as its abstract gives it (and the assumptions it needs)."""

    key: str
    setting: str
    arms: tuple[Arm, ...]
    outcomes: tuple[Outcome, ...]
    follow_up_rate: float
    horizon: str
    passive_baseline: float | None = None
    overrides: Mapping[str, float] = attrs.field(factory=dict)
    note: str = ""


_STAY = "attended_during_stay"
_AFTER = "attended_after_discharge"

#: The trials :func:`replicate_trial` knows, by name.
TRIALS: dict[str, Trial] = {
    "manning2012": Trial(
        key="manning2012",
        setting="inpatient",
        arms=(
            Arm("control", 50, "referral", "passive"),
            Arm("doctor", 50, "introduction", "facilitated", "directive"),
            Arm("peer", 51, "peer", "facilitated", "peer"),
            Arm("intervention", 101, "", "facilitated", pooled=("doctor", "peer")),
        ),
        outcomes=(
            Outcome(
                _STAY,
                "first_meeting",
                followed_up=False,
                published={"control": 0.73, "intervention": 0.88, "doctor": 0.88, "peer": 0.88},
                note="of those randomised; the abstract gives the doctor and peer arms together "
                "(88%), compared here with each arm too",
            ),
            Outcome(
                _AFTER,
                "follow_up",
                followed_up=True,
                published={"control": 0.33, "doctor": 0.48, "peer": 0.64, "intervention": 0.56},
                note="of those followed up (83%), 2-3 months after discharge; 'intervention' "
                "is derived: (48% + 64%) / 2, equal arms assumed",
            ),
        ),
        follow_up_rate=0.83,
        horizon="inpatient stay; 2-3 months after discharge",
        note="151 randomised; arm sizes are not in the abstract (50, 50, 51 assumed)",
    ),
    "timko2007": Trial(
        key="timko2007",
        setting="outpatient",
        arms=(
            Arm("standard", 172, "referral", "passive"),
            Arm("intensive", 173, "peer", "facilitated", "peer"),
        ),
        outcomes=(
            Outcome(
                "weekly_attendance",
                "engaged",
                followed_up=True,
                published={"standard": 0.61, "intensive": 0.70},
                note="at least one meeting a week in both six-month periods, of those followed "
                "up (93%)",
            ),
        ),
        follow_up_rate=0.93,
        horizon="1 year",
        note="345 randomised; equal arms assumed (172, 173)",
    ),
    "sisson1981": Trial(
        key="sisson1981",
        setting="outpatient",
        arms=(
            Arm("standard", 10, "referral", "passive"),
            Arm("encouraged", 10, "peer", "facilitated", "peer"),
        ),
        outcomes=(
            Outcome(
                "attended",
                "first_meeting",
                followed_up=False,
                published={"standard": 0.0, "encouraged": 1.0},
                note="standard: never attended; encouraged: attended within a week of referral",
            ),
        ),
        follow_up_rate=1.0,
        horizon="within a week of referral (encouraged); ever (standard)",
        passive_baseline=0.0,
        overrides={"peer_introduced": 1.0, "peer_first_meeting": 1.0},
        note="20 randomised; equal arms assumed. The local inputs are the trial's own arms: "
        "passive baseline 0 and a peer link that always succeeds, so this replication is a "
        "fit, showing the range the baseline must span, not a prediction",
    ),
}


def trial_network(name: str) -> ExchangeNetwork:
    """The network of a trial: one agency per arm (pooled arms excepted) and one 12-Step group.

    Examples
    --------
    >>> net = trial_network("manning2012")
    >>> [a.id for a in net.agencies], [e.kind.value for e in net.exchanges]
    (['control', 'doctor', 'peer'], ['referral', 'facilitated_introduction', 'referral', 'peer_bridging'])
    """
    trial = _trial(name)
    agencies, exchanges = [], []
    for arm in trial.arms:
        if arm.pooled:
            continue
        agencies.append(Agency(arm.name, f"{name}: {arm.name} arm"))
        kind = "facilitated_introduction" if arm.link == "introduction" else "referral"
        exchanges.append(Exchange((arm.name, "practitioners"), "AA", kind))
        if arm.link == "peer":
            exchanges.append(Exchange("AA", (arm.name, "clients"), "peer_bridging"))
    group = SelfHelpGroup("AA", "12-Step meeting", "mutual_help", approach="twelve_step")
    return ExchangeNetwork(agencies=agencies, groups=[group], exchanges=exchanges)


def _trial(name: str) -> Trial:
    if name not in TRIALS:
        known = ", ".join(TRIALS)
        msg = (
            f"unknown trial {name!r} (valid: {known}; timko2006 and walitzer2009 give no "
            "attendance proportions in their abstracts, so there is nothing to replicate)"
        )
        raise SimulationError(msg)
    return TRIALS[name]


@renamed_argument("level", "confidence")
@shared_docs
def replicate_trial(
    name: str,
    *,
    n_runs: int = 200,
    seed: SeedLike = None,
    executor: ExecutorLike | None = None,
    parameter_uncertainty: bool = False,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Replay a trial's design with the model and set its predictions beside the published figures.

    Parameters
    ----------
    name : {"manning2012", "timko2007", "sisson1981"}
    n_runs : int
        Simulated trials (each with the trial's arm sizes).
    seed, executor
        As for :func:`~selfhelp_exchange.simulate.facilitated_access`.
    parameter_uncertainty : bool
        Draw the parameters per run (the interval then includes their uncertainty).
    %(confidence:interval over runs)s

    Returns
    -------
    pandas.DataFrame
        One row per arm and outcome: ``trial``, ``arm``, ``outcome``, ``predicted`` (mean share
        over runs), ``published``, ``source``, ``n`` (clients in the arm), ``low``, ``high``
        (the central ``confidence`` interval of a trial-sized arm's share over runs) and ``note``.

    Raises
    ------
    SimulationError
        For an unknown trial name.

    Notes
    -----
    Each arm is simulated at its own agency of :func:`trial_network` with the trial's setting
    (:meth:`~selfhelp_exchange.simulate.CascadeParameters.for_setting`). An outcome measured
    among those followed up is read among a random share ``follow_up_rate`` of the arm (loss to
    follow-up at random, an assumption), drawn with the run's seed. A pooled arm adds its arms'
    counts.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> df = shx.simulate.replicate_trial("timko2007", n_runs=50, seed=1)
    >>> df[["arm", "outcome", "published"]].values.tolist()
    [['standard', 'weekly_attendance', 0.61], ['intensive', 'weekly_attendance', 0.7]]
    >>> bool(((df["predicted"] - df["published"]).abs() < 0.05).all())
    True
    """
    import pandas as pd

    from selfhelp_exchange.simulate.result import check_confidence, percentile_interval

    trial = _trial(name)
    confidence = check_confidence(confidence)
    net = trial_network(name)
    root = root_seed(seed)
    run = runs_sharing_a_seed(seed=root, n_runs=n_runs, executor=executor)
    counts: dict[str, np.ndarray] = {}
    extra: dict[str, Any] = dict(trial.overrides)
    for arm in trial.arms:
        if arm.pooled:
            continue
        res = run(
            net,
            arm.strategy,
            clients_per_agency={arm.name: arm.n},
            setting=trial.setting,
            style=arm.style,
            passive_baseline=trial.passive_baseline,
            parameter_uncertainty=parameter_uncertainty,
            **extra,
        )
        counts[arm.name] = res.counts[:, res.agency_ids.index(arm.name), :]
    # Loss to follow-up at random: its own stream, keyed off the root seed.
    rng = np.random.default_rng(root.spawn(1)[0])
    rows = []
    source = STUDIES[trial.key].citation
    for arm in trial.arms:
        parts = arm.pooled or (arm.name,)
        n = sum(a.n for a in trial.arms if a.name in parts)
        for outcome in trial.outcomes:
            if arm.name not in outcome.published:
                continue
            s = STAGES.index(outcome.stage)
            reached = np.sum([counts[p][:, s] for p in parts], axis=0)
            if outcome.followed_up:
                followed = rng.binomial(n, trial.follow_up_rate, size=len(reached))
                seen = rng.hypergeometric(reached, n - reached, np.maximum(followed, 1))
                share = seen / np.maximum(followed, 1)
            else:
                share = reached / float(n)
            lo, hi = percentile_interval(share.astype(np.float64), confidence)
            rows.append(
                {
                    "trial": name,
                    "arm": arm.name,
                    "outcome": outcome.name,
                    "predicted": float(share.mean()),
                    "published": outcome.published[arm.name],
                    "source": source,
                    "n": n,
                    "low": float(lo),
                    "high": float(hi),
                    "note": outcome.note,
                }
            )
    return pd.DataFrame(rows)
