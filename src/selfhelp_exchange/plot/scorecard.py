"""The scorecard profile: each agency's linkage components side by side, agencies comparable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.plot._style import AGENCY_CYCLE
from selfhelp_exchange.plot.network import PlotError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from selfhelp_exchange.metrics.adaptational import LinkageWeights
    from selfhelp_exchange.metrics.institutional import InstitutionalWeights

__all__ = ["PROFILE_COMPONENTS", "profile_values", "scorecard_profile"]

#: The components of the profile, in drawing order: (key, label, definition). Each is in [0, 1].
PROFILE_COMPONENTS: tuple[tuple[str, str, str], ...] = (
    (
        "adaptational_index",
        "adaptational\nindex",
        "the agency index: depth and breadth of its links (never falls when it does more)",
    ),
    ("coverage", "subunit\ncoverage", "mean subunit coverage C over the linked groups"),
    ("subunits", "subunits\nengaged", "subunits with any link to any group, out of 3"),
    ("multiplexity", "multiplexity", "mean multiplexity share M / |K_A| over the linked groups"),
    ("reciprocity", "reciprocity", "share of linked groups with flows both ways"),
    (
        "choice",
        "choice",
        "options open to clients, out of 4: twelve-step, non-twelve-step, mental-health, family",
    ),
    ("institutional_index", "institutional\nindex", "the institutional linkage index"),
)


@positional_deprecated("start", "end")
def profile_values(
    net: ExchangeNetwork,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: LinkageWeights | Mapping[str, float] | None = None,
    institutional_weights: InstitutionalWeights | Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The profile components of every agency, each in [0, 1].

    Rows are agencies in network order, columns the keys of :data:`PROFILE_COMPONENTS`.

    Parameters
    ----------
    net : ExchangeNetwork
    start, end : date or 'YYYY-MM-DD', optional
        Time window.
    weights, institutional_weights : optional
        Weights of the two linkage indices.

    Returns
    -------
    pandas.DataFrame
        Indexed by agency id. ``multiplexity`` divides the mean multiplexity by |K_A| = 12.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> v = profile_values(shx.load_example("riverside"))
    >>> bool(((v >= 0) & (v <= 1)).all().all()), v.shape
    (True, (4, 7))
    """
    import pandas as pd

    from selfhelp_exchange.metrics.adaptational import N_ADAPTATIONAL_KINDS
    from selfhelp_exchange.metrics.agency_index import adaptational_summary
    from selfhelp_exchange.metrics.scorecard import agency_scorecard

    card = agency_scorecard(
        net, start=start, end=end, weights=weights, institutional_weights=institutional_weights
    )
    summary = adaptational_summary(net, start=start, end=end, weights=weights)
    options = card[
        ["twelve_step_option", "non_twelve_step_option", "mental_health_option", "family_option"]
    ].to_numpy(dtype=np.float64)
    data = {
        "adaptational_index": card["adaptational_index"].to_numpy(dtype=np.float64),
        "coverage": summary["coverage_mean"].to_numpy(dtype=np.float64),
        "subunits": card["subunits_engaged"].to_numpy(dtype=np.float64) / 3,
        "multiplexity": summary["multiplexity_mean"].to_numpy(dtype=np.float64)
        / N_ADAPTATIONAL_KINDS,
        "reciprocity": card["reciprocal_share"].to_numpy(dtype=np.float64),
        "choice": options.mean(axis=1) if len(options) else np.zeros(0),
        "institutional_index": card["institutional_index"].to_numpy(dtype=np.float64),
    }
    return pd.DataFrame(data, index=pd.Index(card["agency_id"].tolist(), name="agency_id"))


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
