"""Sensitivity of the cascade's outcome to its parameters: one-way sweeps and tornado tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np

from selfhelp_exchange._deprecate import renamed_argument
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.simulate._docs import shared_docs
from selfhelp_exchange.simulate.ensemble import ExecutorLike, SeedLike, runs_sharing_a_seed
from selfhelp_exchange.simulate.parameters import STAGES, CascadeParameters, SimulationError
from selfhelp_exchange.simulate.result import check_confidence, percentile_interval

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["sensitivity", "tornado"]

Strategy = str | Mapping[str, str]


def _check(parameter: str, stage: str) -> None:
    if parameter not in CascadeParameters.names():
        msg = f"unknown cascade parameter {parameter!r} (valid: {', '.join(CascadeParameters.names())})"
        raise SimulationError(msg)
    if stage not in STAGES:
        msg = f"unknown stage {stage!r} (valid: {', '.join(STAGES)})"
        raise SimulationError(msg)


@renamed_argument("level", "confidence")
@shared_docs
@needs_network
def sensitivity(
    net: ExchangeNetwork,
    parameter: str,
    values: Iterable[float],
    *,
    stage: str = "engaged",
    strategy: Strategy = "facilitated",
    clients_per_agency: int | Mapping[str, int] = 100,
    seed: SeedLike = None,
    n_runs: int = 100,
    executor: ExecutorLike | None = None,
    parameters: CascadeParameters | None = None,
    confidence: float = 0.95,
    setting: str = "community",
    style: str = "peer",
) -> pd.DataFrame:
    """One-way sensitivity: the clients reaching a stage as one parameter varies.

    Every value is simulated with the same root seed (common random numbers), so the curve is
    smooth in the parameter rather than jagged with sampling noise.

    Parameters
    ----------
    net : ExchangeNetwork
    parameter : str
        A :class:`CascadeParameters` field name.
    values : iterable of float
        The values to try, each in [0, 1].
    stage : str
        The outcome: clients reaching this stage, every agency together.
    strategy, clients_per_agency, seed, n_runs, executor, parameters, setting, style
        As for :func:`facilitated_access`.
    %(confidence:percentile interval over runs)s

    Returns
    -------
    pandas.DataFrame
        One row per value: ``parameter``, ``value``, ``stage``, ``mean``, ``sd``, ``low``,
        ``high`` (counts) and ``mean_share`` (over all simulated clients).

    Raises
    ------
    SimulationError
        For an unknown parameter or stage, or a value outside [0, 1].

    Examples
    --------
    %(one_agency_network:facilitated_introduction)s
    >>> df = shx.simulate.sensitivity(net, "facilitated_engaged", [0.5, 0.7, 0.9],
    ...                               clients_per_agency=200, seed=1, n_runs=5)
    >>> bool(df["mean"].is_monotonic_increasing)
    True
    """
    import pandas as pd

    _check(parameter, stage)
    confidence = check_confidence(confidence)
    base = parameters if parameters is not None else CascadeParameters.for_setting(setting)
    run = runs_sharing_a_seed(
        seed=seed, n_runs=n_runs, executor=executor, clients_per_agency=clients_per_agency
    )
    s = STAGES.index(stage)
    rows = []
    for v in values:
        res = run(net, strategy, parameters=base.replace(**{parameter: v}), style=style)
        total = res.counts[:, :, s].sum(axis=1).astype(np.float64)
        lo, hi = percentile_interval(total, confidence)
        n_clients = int(res.clients.sum())
        rows.append(
            {
                "parameter": parameter,
                "value": float(v),
                "stage": stage,
                "mean": total.mean(),
                "sd": total.std(ddof=1) if len(total) > 1 else np.nan,
                "low": float(lo),
                "high": float(hi),
                "mean_share": total.mean() / n_clients if n_clients else np.nan,
            }
        )
    return pd.DataFrame(rows)


@shared_docs
@needs_network
def tornado(
    net: ExchangeNetwork,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    *,
    delta: float | None = None,
    stage: str = "engaged",
    strategy: Strategy = "facilitated",
    clients_per_agency: int | Mapping[str, int] = 100,
    seed: SeedLike = None,
    n_runs: int = 100,
    executor: ExecutorLike | None = None,
    parameters: CascadeParameters | None = None,
    setting: str = "community",
    style: str = "peer",
) -> pd.DataFrame:
    """The outcome at each input's (or parameter's) low and high value, the others at their base.

    Parameters
    ----------
    net : ExchangeNetwork
    ranges : mapping of parameter name to (low, high), optional
        Parameters of :class:`CascadeParameters` and the values to try.
    delta : float, optional
        Without ``ranges``: every parameter at its base value minus and plus ``delta``
        (clipped to [0, 1]).
    stage, strategy, clients_per_agency, seed, n_runs, executor, parameters, setting, style
        As for :func:`sensitivity`.

    Returns
    -------
    pandas.DataFrame
        One row per input or parameter, largest swing first: ``parameter``, ``stage``,
        ``low_value``, ``high_value``, ``low_outcome``, ``high_outcome`` (mean clients reaching
        ``stage``, all agencies together), ``baseline`` (at the base values) and ``swing``
        (``|high_outcome - low_outcome|``).

    Notes
    -----
    With neither ``ranges`` nor ``delta`` (the default), the rows are the *inputs* the
    parameters are computed from (:func:`~selfhelp_exchange.simulate.parameter_sources`),
    each at the 2.5th and 97.5th percentiles of its documented distribution (a published
    figure's Beta from its sample size, an assumption's range), the setting's parameters
    derived again from it: the published figures and assumptions whose uncertainty moves the
    outcome most are on top. ``parameters`` cannot be combined with this default.

    Examples
    --------
    %(one_agency_network:facilitated_introduction)s
    >>> t = shx.simulate.tornado(net, {"facilitated_engaged": (0.5, 0.9),
    ...                                "passive_engaged": (0.5, 0.9)},
    ...                          clients_per_agency=100, seed=1, n_runs=5)
    >>> t["parameter"].tolist()[0], float(t["swing"].iloc[-1])
    ('facilitated_engaged', 0.0)
    >>> inputs = shx.simulate.tornado(net, clients_per_agency=100, seed=1, n_runs=5)
    >>> inputs["parameter"].iloc[0]
    'community_passive_baseline'
    """
    import pandas as pd

    from selfhelp_exchange.simulate.evidence import INPUTS, derive, input_interval

    _check("passive_informed", stage)
    run = runs_sharing_a_seed(
        seed=seed, n_runs=n_runs, executor=executor, clients_per_agency=clients_per_agency
    )
    s = STAGES.index(stage)

    def outcome(p: CascadeParameters) -> float:
        res = run(net, strategy, parameters=p, style=style)
        return float(res.counts[:, :, s].sum(axis=1).mean())

    cases: list[tuple[str, float, float, CascadeParameters, CascadeParameters]] = []
    if ranges is None and delta is None:
        if parameters is not None:
            msg = "tornado over the documented inputs builds its own parameters: give ranges= or delta= with parameters="
            raise SimulationError(msg)
        base = CascadeParameters.for_setting(setting)
        for name in INPUTS:
            lo, hi = input_interval(name)
            if lo == hi:
                continue
            cases.append(
                (
                    name,
                    lo,
                    hi,
                    CascadeParameters(**derive(setting, {name: lo})),
                    CascadeParameters(**derive(setting, {name: hi})),
                )
            )
    else:
        base = parameters if parameters is not None else CascadeParameters.for_setting(setting)
        if ranges is None:
            d = float(delta) if delta is not None else 0.1
            ranges = {
                name: (max(0.0, getattr(base, name) - d), min(1.0, getattr(base, name) + d))
                for name in base.names()
            }
        for name in ranges:
            _check(name, stage)
        for name, (lo, hi) in ranges.items():
            cases.append((name, lo, hi, base.replace(**{name: lo}), base.replace(**{name: hi})))
    baseline = outcome(base)
    rows = []
    for name, lo, hi, p_lo, p_hi in cases:
        low, high = outcome(p_lo), outcome(p_hi)
        rows.append(
            {
                "parameter": name,
                "stage": stage,
                "low_value": float(lo),
                "high_value": float(hi),
                "low_outcome": low,
                "high_outcome": high,
                "baseline": baseline,
                "swing": abs(high - low),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
