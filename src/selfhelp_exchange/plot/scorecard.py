"""The scorecard profile: each agency's linkage components side by side, agencies comparable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.metrics.profile import PROFILE_COMPONENTS, profile_values
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.plot._style import AGENCY_CYCLE
from selfhelp_exchange.plot.network import PlotError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from selfhelp_exchange.metrics.adaptational import LinkageWeights
    from selfhelp_exchange.metrics.institutional import InstitutionalWeights

__all__ = ["PROFILE_COMPONENTS", "profile_values", "scorecard_profile"]


@needs_network
def scorecard_profile(
    net: ExchangeNetwork,
    agencies: Sequence[str] | None = None,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: LinkageWeights | Mapping[str, float] | None = None,
    institutional_weights: InstitutionalWeights | Mapping[str, float] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Grouped bars: the scorecard components (x) of one or several agencies (one colour each).

    Parameters
    ----------
    net : ExchangeNetwork
    agencies : sequence of str, optional
        Agency ids to draw, in this order (default all, in network order).
    start, end : date or 'YYYY-MM-DD', optional
        Time window.
    weights, institutional_weights : optional
        Weights of the two linkage indices.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when None.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.bar`.

    Returns
    -------
    matplotlib.axes.Axes
        One bar container per agency (labelled with the agency's name), each with one bar per
        component of :data:`PROFILE_COMPONENTS`, its height the value of
        :func:`profile_values`; every component is on the same 0-1 scale.

    Raises
    ------
    PlotError
        If an id is not an agency of ``net``.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> ax = shx.plot.scorecard_profile(shx.load_example("riverside"), ["A-BRG", "A-HRT"])
    >>> len(ax.containers), len(ax.containers[0])
    (2, 7)
    """
    import matplotlib.pyplot as plt

    ids = [a.id for a in net.agencies]
    chosen = ids if agencies is None else list(agencies)
    unknown = [a for a in chosen if a not in ids]
    if unknown:
        msg = f"not agencies of the network: {', '.join(map(repr, unknown))} (agencies: {', '.join(ids)})"
        raise PlotError(msg)
    values = profile_values(
        net, start=start, end=end, weights=weights, institutional_weights=institutional_weights
    )
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.8))
    n = max(len(chosen), 1)
    width = 0.8 / n
    x: npt.NDArray[np.float64] = np.arange(len(PROFILE_COMPONENTS), dtype=np.float64)
    names = {a.id: a.name for a in net.agencies}
    # one lookup, not one per agency
    heights = values.loc[chosen, [c for c, _, _ in PROFILE_COMPONENTS]].to_numpy(np.float64)
    for k, a in enumerate(chosen):
        bars = ax.bar(
            x - 0.4 + width * (k + 0.5),
            heights[k],
            width,
            **{
                "color": AGENCY_CYCLE[ids.index(a) % len(AGENCY_CYCLE)],
                "label": names[a],
                "edgecolor": "white",
                "linewidth": 0.5,
                **kwargs,
            },
        )
        for j, patch in enumerate(bars.patches):
            patch.set_gid(f"profile-{a}-{PROFILE_COMPONENTS[j][0]}")
    ax.set_xticks(x, [label for _, label, _ in PROFILE_COMPONENTS], fontsize="small")
    ax.set_ylim(0, 1)
    ax.set_ylabel("score (0-1)")
    ax.grid(axis="y", color="#DDDDDD", lw=0.6)
    ax.set_axisbelow(True)
    if chosen:
        ax.legend(fontsize="small", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax
