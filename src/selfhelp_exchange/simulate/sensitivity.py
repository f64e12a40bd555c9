"""Sensitivity of the cascade's outcome to its parameters: one-way sweeps and tornado tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np

from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.simulate.ensemble import (
    ExecutorLike,
    SeedLike,
    facilitated_access,
    root_seed,
)
from selfhelp_exchange.simulate.parameters import STAGES, CascadeParameters, SimulationError
from selfhelp_exchange.simulate.result import check_level, percentile_interval

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
    level: float = 0.95,
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
    strategy, clients_per_agency, seed, n_runs, executor, parameters
        As for :func:`facilitated_access`.
    level : float
        Level of the percentile interval over runs.

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
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Agency")],
    ...     groups=[shx.SelfHelpGroup("G1", "AA", "mutual_help")],
    ...     exchanges=[shx.Exchange(("A1", "practitioners"), "G1", "facilitated_introduction")])
    >>> df = shx.simulate.sensitivity(net, "facilitated_engaged", [0.5, 0.7, 0.9],
    ...                               clients_per_agency=200, seed=1, n_runs=5)
    >>> bool(df["mean"].is_monotonic_increasing)
    True
    """
    import pandas as pd

    _check(parameter, stage)
    level = check_level(level)
    base = parameters if parameters is not None else CascadeParameters()
    root = root_seed(seed)
    s = STAGES.index(stage)
    rows = []
    for v in values:
        res = facilitated_access(
            net,
            strategy,
            clients_per_agency,
            seed=root,
            n_runs=n_runs,
            executor=executor,
            parameters=base.replace(**{parameter: v}),
        )
        total = res.counts[:, :, s].sum(axis=1).astype(np.float64)
        lo, hi = percentile_interval(total, level)
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


def tornado(
    net: ExchangeNetwork,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    *,
    delta: float = 0.1,
    stage: str = "engaged",
    strategy: Strategy = "facilitated",
    clients_per_agency: int | Mapping[str, int] = 100,
    seed: SeedLike = None,
    n_runs: int = 100,
    executor: ExecutorLike | None = None,
    parameters: CascadeParameters | None = None,
) -> pd.DataFrame:
    """The outcome at each parameter's low and high value, the others at their base values.

    Parameters
    ----------
    net : ExchangeNetwork
    ranges : mapping of parameter name to (low, high), optional
        Default: every parameter, its base value minus and plus ``delta``, clipped to [0, 1].
    delta : float
        Half-width of the default ranges.
    stage, strategy, clients_per_agency, seed, n_runs, executor, parameters
        As for :func:`sensitivity`.

    Returns
    -------
    pandas.DataFrame
        One row per parameter, largest swing first: ``parameter``, ``stage``, ``low_value``,
        ``high_value``, ``low_outcome``, ``high_outcome`` (mean clients reaching ``stage``, all
        agencies together), ``baseline`` (at the base values) and ``swing``
        (``|high_outcome - low_outcome|``).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Agency")],
    ...     groups=[shx.SelfHelpGroup("G1", "AA", "mutual_help")],
    ...     exchanges=[shx.Exchange(("A1", "practitioners"), "G1", "facilitated_introduction")])
    >>> t = shx.simulate.tornado(net, {"facilitated_engaged": (0.5, 0.9),
    ...                                "passive_engaged": (0.5, 0.9)},
    ...                          clients_per_agency=100, seed=1, n_runs=5)
    >>> t["parameter"].tolist()[0], float(t["swing"].iloc[-1])
    ('facilitated_engaged', 0.0)
    """
    import pandas as pd

    base = parameters if parameters is not None else CascadeParameters()
    if ranges is None:
        ranges = {
            name: (max(0.0, getattr(base, name) - delta), min(1.0, getattr(base, name) + delta))
            for name in base.names()
        }
    for name in ranges:
        _check(name, stage)
    root = root_seed(seed)
    s = STAGES.index(stage)

    def outcome(p: CascadeParameters) -> float:
        res = facilitated_access(
            net,
            strategy,
            clients_per_agency,
            seed=root,
            n_runs=n_runs,
            executor=executor,
            parameters=p,
        )
        return float(res.counts[:, :, s].sum(axis=1).mean())

    baseline = outcome(base)
    rows = []
    for name, (lo, hi) in ranges.items():
        low = outcome(base.replace(**{name: lo}))
        high = outcome(base.replace(**{name: hi}))
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
