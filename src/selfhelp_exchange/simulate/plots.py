"""Plots of simulations: the cascade funnel, scenario comparisons, sensitivity and tornado.

Every function takes ``ax=None`` (a new figure is made), passes ``**kwargs`` to the main
matplotlib call, returns the Axes and never calls ``plt.show()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from selfhelp_exchange._deprecate import renamed_argument
from selfhelp_exchange._needs import expect_frame, expect_instance
from selfhelp_exchange.simulate._docs import shared_docs
from selfhelp_exchange.simulate.parameters import STAGES, SimulationError
from selfhelp_exchange.simulate.result import ALL_AGENCIES, SimulationResult
from selfhelp_exchange.simulate.scenarios import ScenarioComparison

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["plot_funnel", "plot_scenarios", "plot_sensitivity", "plot_tornado"]

_STAGE_LABELS = ("informed", "introduced", "first meeting", "weekly", "after episode")


_expect = expect_instance


def _axes(ax: Axes | None) -> Axes:
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    return ax


@renamed_argument("level", "confidence")
@shared_docs
def plot_funnel(
    results: SimulationResult | Sequence[SimulationResult],
    *,
    agency_id: str = ALL_AGENCIES,
    confidence: float = 0.95,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """The cascade funnel: share of clients reaching each stage, one bar colour per strategy.

    Parameters
    ----------
    results : SimulationResult or sequence of them
        Typically one passive and one facilitated run of the same network and seed.
    agency_id : str
        One agency, or ``"(all)"`` (default) for every agency together.
    %(confidence:error bars, a percentile interval over runs)s
    %(plot_tail:bar)s

    Examples
    --------
    %(one_agency_network:facilitated_introduction)s
    >>> runs = [shx.simulate.facilitated_access(net, s, clients_per_agency=100, seed=1, n_runs=5)
    ...         for s in ("passive", "facilitated")]
    >>> ax = shx.simulate.plot_funnel(runs)
    >>> len(ax.patches), ax.get_legend_handles_labels()[1]
    (10, ['passive', 'facilitated'])
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    items = [results] if isinstance(results, SimulationResult) else list(results)
    if not items:
        msg = "plot_funnel needs at least one SimulationResult"
        raise SimulationError(msg)
    for item in items:
        _expect(item, SimulationResult, "results", "facilitated_access")
    ax = _axes(ax)
    x = np.arange(len(STAGES))
    width = 0.8 / len(items)
    for k, res in enumerate(items):
        s = res.summary(confidence)
        s = s[s["agency_id"] == agency_id]
        if s.empty:
            msg = f"{agency_id!r} is not an agency of the simulation (valid: {', '.join(res.agency_ids)}, {ALL_AGENCIES})"
            raise SimulationError(msg)
        mean = s["mean_share"].to_numpy()
        err = np.vstack([mean - s["share_low"].to_numpy(), s["share_high"].to_numpy() - mean])
        ax.bar(
            x + (k - (len(items) - 1) / 2) * width,
            mean,
            width,
            yerr=err,
            capsize=3,
            label=res.strategy,
            **kwargs,
        )
    ax.set_xticks(x, _STAGE_LABELS)
    ax.set_ylabel("share of clients")
    ax.set_ylim(0, 1.05)
    ax.set_title("Access to mutual aid" + ("" if agency_id == ALL_AGENCIES else f": {agency_id}"))
    ax.legend()
    return ax


@renamed_argument("level", "confidence")
@shared_docs
def plot_scenarios(
    comparison: ScenarioComparison,
    *,
    agency_id: str = ALL_AGENCIES,
    confidence: float = 0.95,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Change in clients reaching the compared stage, per scenario, with intervals.

    Parameters
    ----------
    comparison : ScenarioComparison
    agency_id : str
        One agency, or ``"(all)"`` (default).
    %(confidence:error bars, a percentile interval of the paired differences)s
    %(plot_tail:barh)s

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    %(one_agency_network:facilitated_introduction)s
    >>> cmp = shx.simulate.compare_scenarios(
    ...     {"now": net, "passive only": (net, "passive")},
    ...     clients_per_agency=100, seed=1, n_runs=5)
    >>> ax = shx.simulate.plot_scenarios(cmp)
    >>> len(ax.patches), [t.get_text() for t in ax.get_yticklabels()]
    (1, ['passive only'])
    >>> plt.close(ax.figure)
    """
    _expect(comparison, ScenarioComparison, "comparison", "compare_scenarios")
    s = comparison.summary(confidence)
    s = s[(s["agency_id"] == agency_id) & (s["scenario"] != comparison.baseline)]
    if s.empty:
        msg = f"nothing to plot for agency {agency_id!r} (is it an agency, and is there a scenario besides the baseline?)"
        raise SimulationError(msg)
    ax = _axes(ax)
    y = np.arange(len(s))
    diff = s["difference"].to_numpy()
    err = np.vstack(
        [diff - s["difference_low"].to_numpy(), s["difference_high"].to_numpy() - diff]
    )
    ax.barh(y, diff, xerr=err, capsize=3, **kwargs)
    ax.set_yticks(y, s["scenario"].tolist())
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(
        f"change in clients {comparison.stage.replace('_', ' ')} vs {comparison.baseline}"
    )
    return ax


@shared_docs
def plot_sensitivity(frame: pd.DataFrame, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """A one-way sensitivity curve (from :func:`sensitivity`): mean and interval band.

    Parameters
    ----------
    frame : pandas.DataFrame
        The result of :func:`~selfhelp_exchange.simulate.sensitivity`.
    %(plot_tail:plot)s

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    %(one_agency_network:facilitated_introduction)s
    >>> sweep = shx.simulate.sensitivity(net, "facilitated_engaged", [0.5, 0.7, 0.9],
    ...                                  clients_per_agency=100, seed=1, n_runs=5)
    >>> ax = shx.simulate.plot_sensitivity(sweep)
    >>> ax.lines[0].get_xdata().tolist(), ax.get_xlabel()
    ([0.5, 0.7, 0.9], 'facilitated_engaged')
    >>> plt.close(ax.figure)
    """
    expect_frame(
        frame, ("parameter", "value", "stage", "mean", "low", "high"), "frame", "sensitivity"
    )
    ax = _axes(ax)
    (line,) = ax.plot(frame["value"], frame["mean"], marker="o", **kwargs)
    ax.fill_between(frame["value"], frame["low"], frame["high"], alpha=0.2, color=line.get_color())
    ax.set_xlabel(str(frame["parameter"].iloc[0]) if len(frame) else "value")
    ax.set_ylabel(
        f"clients {frame['stage'].iloc[0].replace('_', ' ')}" if len(frame) else "clients"
    )
    return ax


@shared_docs
def plot_tornado(frame: pd.DataFrame, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """A tornado plot (from :func:`tornado`): each parameter's low and high outcome.

    Bars run from the baseline to the outcome at the parameter's low value (left colour) and
    at its high value (right colour); the largest swing is on top.

    Parameters
    ----------
    frame : pandas.DataFrame
        The result of :func:`~selfhelp_exchange.simulate.tornado`.
    %(plot_tail:barh)s

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    %(one_agency_network:facilitated_introduction)s
    >>> tor = shx.simulate.tornado(net, {"facilitated_engaged": (0.5, 0.9),
    ...                                  "facilitated_follow_up": (0.5, 0.9)},
    ...                            clients_per_agency=100, seed=1, n_runs=5)
    >>> ax = shx.simulate.plot_tornado(tor)
    >>> len(ax.patches), ax.get_legend_handles_labels()[1]
    (4, ['low value', 'high value'])
    >>> plt.close(ax.figure)
    """
    expect_frame(
        frame,
        ("parameter", "stage", "baseline", "low_outcome", "high_outcome"),
        "frame",
        "tornado",
    )
    ax = _axes(ax)
    f = frame.iloc[::-1]
    y = np.arange(len(f))
    base = float(f["baseline"].iloc[0]) if len(f) else 0.0
    ax.barh(y, f["low_outcome"] - base, left=base, label="low value", **kwargs)
    ax.barh(y, f["high_outcome"] - base, left=base, label="high value", **kwargs)
    ax.set_yticks(y, f["parameter"].tolist())
    ax.axvline(base, color="black", linewidth=0.8)
    stage = str(f["stage"].iloc[0]).replace("_", " ") if len(f) else "the stage"
    ax.set_xlabel(f"mean clients reaching {stage}")
    ax.legend()
    return ax
