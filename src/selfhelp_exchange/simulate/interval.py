"""The interval an evaluator reports: access under passive referral and facilitation, with its range.

A single simulated number hides how little the trials pin down. :func:`access_interval` runs
both strategies with ``parameter_uncertainty=True`` and the same seed, and returns, per agency
and for all together, the mean share reaching a stage with the central interval over runs, which
combines the parameters' uncertainty with chance. The report prints these intervals, never the
mean alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from selfhelp_exchange._deprecate import renamed_argument
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.simulate._docs import shared_docs
from selfhelp_exchange.simulate.ensemble import ExecutorLike, SeedLike, runs_sharing_a_seed
from selfhelp_exchange.simulate.parameters import STAGES, SimulationError
from selfhelp_exchange.simulate.result import check_confidence

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["access_interval", "format_interval"]


def format_interval(mean: float, low: float, high: float) -> str:
    """A share and its interval as text, in whole percentages.

    Examples
    --------
    >>> format_interval(0.3149, 0.121, 0.584)
    '31% (12% to 58%)'
    """
    return f"{mean:.0%} ({low:.0%} to {high:.0%})"


@renamed_argument("level", "confidence")
@shared_docs
@needs_network
def access_interval(
    net: ExchangeNetwork,
    *,
    stage: str = "first_meeting",
    setting: str = "community",
    style: str = "peer",
    passive_baseline: float | None = None,
    clients_per_agency: int | Mapping[str, int] = 100,
    n_runs: int = 200,
    seed: SeedLike = 0,
    executor: ExecutorLike | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Share of clients reaching a stage under passive referral and facilitation, with intervals.

    Parameters
    ----------
    net : ExchangeNetwork
    stage : str
        The stage reported (default ``"first_meeting"``: goes to a meeting during the episode).
    setting, style, passive_baseline, clients_per_agency, n_runs, seed, executor
        As for :func:`~selfhelp_exchange.simulate.facilitated_access`; the parameters are
        always drawn per run (``parameter_uncertainty=True``). The seed defaults to 0 so that
        a report is the same each time it is built.
    %(confidence:interval over runs)s

    Returns
    -------
    pandas.DataFrame
        One row per strategy (``passive``, ``facilitated``) and agency (and ``"(all)"``):
        ``strategy``, ``agency_id``, ``stage``, ``mean_share``, ``share_low``, ``share_high``
        and ``text`` (e.g. ``"31% (12% to 58%)"``), and for the facilitated rows the paired
        gain over passive referral: ``gain``, ``gain_low``, ``gain_high``.

    Raises
    ------
    SimulationError
        For an unknown stage, or as :func:`facilitated_access` does.

    Notes
    -----
    Both strategies share each run's random numbers and parameter draw, so the gain is read run
    by run. The shares are of simulated clients: no small-cell rule applies.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> t = shx.simulate.access_interval(net, n_runs=40)
    >>> row = t[(t["agency_id"] == "(all)") & (t["strategy"] == "facilitated")].iloc[0]
    >>> bool(row["share_low"] < row["mean_share"] < row["share_high"]), bool(row["gain"] > 0)
    (True, True)
    """
    import pandas as pd

    if stage not in STAGES:
        msg = f"unknown stage {stage!r} (valid: {', '.join(STAGES)})"
        raise SimulationError(msg)
    confidence = check_confidence(confidence)
    run = runs_sharing_a_seed(
        seed=seed, n_runs=n_runs, executor=executor, clients_per_agency=clients_per_agency
    )
    s = STAGES.index(stage)
    shares = {}
    ids: list[str] = []
    for strategy in ("passive", "facilitated"):
        res = run(
            net,
            strategy,
            setting=setting,
            style=style,
            passive_baseline=passive_baseline,
            parameter_uncertainty=True,
        )
        c = res.counts[:, :, s].astype(np.float64)
        n = res.clients.astype(np.float64)
        c = np.concatenate([c, c.sum(axis=1, keepdims=True)], axis=1)
        n = np.append(n, n.sum())
        with np.errstate(invalid="ignore", divide="ignore"):
            shares[strategy] = c / np.where(n > 0, n, np.nan)
        ids = [*res.agency_ids, "(all)"]
    q = [(1 - confidence) / 2, (1 + confidence) / 2]
    rows = []
    for strategy, sh in shares.items():
        lo, hi = np.nanquantile(sh, q, axis=0) if np.isfinite(sh).any() else (sh[0], sh[0])
        gain = sh - shares["passive"]
        glo, ghi = np.nanquantile(gain, q, axis=0) if np.isfinite(gain).any() else (lo, hi)
        for j, agency in enumerate(ids):
            mean = float(np.nanmean(sh[:, j])) if np.isfinite(sh[:, j]).any() else np.nan
            row = {
                "strategy": strategy,
                "agency_id": agency,
                "stage": stage,
                "mean_share": mean,
                "share_low": float(lo[j]),
                "share_high": float(hi[j]),
                "text": format_interval(mean, lo[j], hi[j]) if np.isfinite(mean) else "-",
                "gain": np.nan,
                "gain_low": np.nan,
                "gain_high": np.nan,
            }
            if strategy == "facilitated" and np.isfinite(mean):
                row.update(
                    gain=float(np.mean(gain[:, j])),
                    gain_low=float(glo[j]),
                    gain_high=float(ghi[j]),
                )
            rows.append(row)
    return pd.DataFrame(rows)
