"""Pictures of personal networks: one ego's network, composition by wave, change with intervals.

Every function takes ``ax=None`` (a new figure when None), draws on it and returns the Axes;
none calls ``plt.show()``. matplotlib is imported only when a plot is drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from selfhelp_exchange._needs import expect_frame, expect_instance
from selfhelp_exchange.egonet.change import IntegrationChange
from selfhelp_exchange.egonet.tables import RELATIONS, PersonalNetworks
from selfhelp_exchange.exceptions import EgoPlotError
from selfhelp_exchange.vocabulary import Relation

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "RELATION_COLORS",
    "composition_bars",
    "ego_network",
    "integration_change",
]

#: One colour per relation (Okabe & Ito 2008, colour-blind safe): treatment staff and family in
#: greys and browns, the relations beyond them in clear colours. This library's convention.
RELATION_COLORS: dict[Relation, str] = {
    Relation.TREATMENT_STAFF: "#999999",
    Relation.FAMILY: "#E69F00",
    Relation.PEER: "#0072B2",
    Relation.FRIEND: "#009E73",
    Relation.COMMUNITY: "#CC79A7",
    Relation.OTHER: "#56B4E9",
}
_EGO_COLOR = "#000000"
_LABELS = {r: r.value.replace("_", " ") for r in Relation}


def _arc(p: tuple[float, float], q: tuple[float, float], n: int = 24) -> np.ndarray:
    """A quadratic curve from ``p`` to ``q`` bowed away from the ego at the centre.

    A straight line between two alters facing each other would run through the ego and read
    as two spokes; the bow keeps every alter-alter tie clear of the centre.
    """
    a, b = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    mid, d = (a + b) / 2, b - a
    normal = np.array([-d[1], d[0]]) / max(float(np.hypot(*d)), 1e-12)
    if float(normal @ mid) < 0:
        normal = -normal
    control = mid + 0.25 * float(np.hypot(*d)) * normal
    t = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - t) ** 2 * a + 2 * (1 - t) * t * control + t**2 * b  # type: ignore[no-any-return]


def _axes(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots()
    return new


def ego_network(
    pn: PersonalNetworks,
    ego_id: str,
    wave: str | None = None,
    *,
    ax: Axes | None = None,
    labels: bool = False,
    **kwargs: Any,
) -> Axes:
    """Draw one ego's network: the ego at the centre, alters around it coloured by relation.

    Parameters
    ----------
    pn : PersonalNetworks
    ego_id : str
    wave : str, optional
        The wave to draw (default: the ego's first).
    ax : matplotlib Axes, optional
    labels : bool
        Write each alter's id beside it (default False: ids may identify people; leave them
        off figures that are published).
    **kwargs
        Passed to the ``scatter`` call that draws the alters.

    Returns
    -------
    matplotlib.axes.Axes
        Alters are placed on a circle grouped by relation (treatment staff, family, then the
        relations beyond them); dotted grey lines join the ego to each alter, dark curves
        (bowed away from the ego, so that none runs through it) join alters who know each
        other. The alters' scatter has the gid ``ego-alters``, the ego's ``ego-centre``, the
        alter ties the gid ``ego-alter-ties``.

    Raises
    ------
    EgoPlotError
        If the ego has no alters (at that wave).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> pn = shx.load_personal_networks_example()
    >>> ax = shx.plot.ego_network(pn, "E001", "12 months")
    >>> ax.get_title()
    "Ego E001's network, 12 months: 3 alters, 1 tie among them"
    """
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    expect_instance(pn, PersonalNetworks, "pn", "personal_networks or read_personal_networks")
    a = pn.alters
    mine = a[a["ego_id"] == ego_id]
    if mine.empty:
        egos = ", ".join(pn.ego_ids[:5]) + (", ..." if len(pn.ego_ids) > 5 else "")
        msg = f"ego {ego_id!r} has no alters (egos: {egos})"
        raise EgoPlotError(msg)
    if wave is None:
        wave = str(mine["wave"].iloc[0])
    mine = mine[mine["wave"] == wave]
    if mine.empty:
        waves = ", ".join(repr(w) for w in pd.unique(a.loc[a["ego_id"] == ego_id, "wave"]))
        msg = f"ego {ego_id!r} has no alters in wave {wave!r} (its waves: {waves})"
        raise EgoPlotError(msg)
    mine = mine.assign(_code=mine["relation"].cat.codes).sort_values(["_code", "alter_id"])
    n = len(mine)
    angles = np.pi / 2 - 2 * np.pi * np.arange(n) / n
    xy = np.column_stack([np.cos(angles), np.sin(angles)])
    pos = dict(zip(mine["alter_id"], map(tuple, xy), strict=True))
    colors = [RELATION_COLORS[Relation(r)] for r in mine["relation"]]

    ax = _axes(ax)
    spokes = LineCollection(
        [[(0.0, 0.0), p] for p in xy],
        colors="#bbbbbb",
        linewidths=1.0,
        linestyles="dotted",
        zorder=1,
    )
    spokes.set_gid("ego-spokes")
    ax.add_collection(spokes)
    n_ties = 0
    if pn.ties is not None:
        t = pn.ties[(pn.ties["ego_id"] == ego_id) & (pn.ties["wave"] == wave)]
        segments = [_arc(pos[x], pos[y]) for x, y in zip(t["alter_a"], t["alter_b"], strict=True)]
        n_ties = len(segments)
        ties = LineCollection(segments, colors="#444444", linewidths=1.5, zorder=2)
        ties.set_gid("ego-alter-ties")
        ax.add_collection(ties)
    style: dict[str, Any] = {"s": 220, "edgecolors": "white", "linewidths": 1.0, "zorder": 3}
    style.update(kwargs)
    alters = ax.scatter(xy[:, 0], xy[:, 1], c=colors, **style)
    alters.set_gid("ego-alters")
    ego = ax.scatter([0.0], [0.0], s=320, c=_EGO_COLOR, marker="s", zorder=4)
    ego.set_gid("ego-centre")
    if labels:
        for aid, (x, y) in pos.items():
            ax.annotate(str(aid), (x, y), xytext=(0, 10), textcoords="offset points", ha="center")
    present = [Relation(r) for r in RELATIONS if (mine["relation"] == r).any()]
    handles = [
        Line2D([], [], marker="o", linestyle="", color=RELATION_COLORS[r], label=_LABELS[r])
        for r in present
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(
        f"Ego {ego_id}'s network, {wave}: {n} alter{'s' * (n != 1)}, "
        f"{n_ties} tie{'s' * (n_ties != 1)} among them"
    )
    return ax


def composition_bars(
    measures: pd.DataFrame,
    *,
    share: bool = False,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Stacked bars of network composition by wave: mean alters per ego in each relation.

    Parameters
    ----------
    measures : pandas.DataFrame
        The output of :func:`~selfhelp_exchange.social_integration`.
    share : bool
        Show each relation's share of all alters named at the wave (bars of height 1)
        instead of the mean count per ego.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to every ``bar`` call.

    Returns
    -------
    matplotlib.axes.Axes
        One bar per wave (in the order of ``measures``), one segment per relation
        (treatment staff at the bottom), one container per relation labelled with it.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> m = shx.social_integration(shx.load_personal_networks_example())
    >>> ax = shx.plot.composition_bars(m)
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['baseline', '12 months']
    """
    expect_frame(measures, ("wave",), "measures", "social_integration")
    waves = list(pd.unique(measures["wave"]))
    cols = [f"n_{r}" for r in RELATIONS]
    sums = measures.groupby("wave", sort=False)[cols].sum().reindex(waves)
    if share:
        values = sums.div(sums.sum(axis=1), axis=0)
    else:
        egos = measures.groupby("wave", sort=False)["ego_id"].nunique().reindex(waves)
        values = sums.div(egos, axis=0)
    ax = _axes(ax)
    x = np.arange(len(waves))
    bottom = np.zeros(len(waves))
    for r, c in zip(RELATIONS, cols, strict=True):
        h = values[c].to_numpy(dtype=np.float64)
        ax.bar(
            x,
            h,
            bottom=bottom,
            color=RELATION_COLORS[Relation(r)],
            label=_LABELS[Relation(r)],
            **kwargs,
        )
        bottom = bottom + h
    ax.set_xticks(x, [str(w) for w in waves])
    ax.set_ylabel("share of alters" if share else "mean alters per ego")
    ax.set_title("Network composition by wave")
    handles, labels_ = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels_[::-1], loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def integration_change(
    change: IntegrationChange,
    measure: str = "beyond",
    *,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Mean change of one measure per group, with its bootstrap interval.

    Parameters
    ----------
    change : IntegrationChange
        From :func:`~selfhelp_exchange.social_integration_change`.
    measure : str
        One of the measures compared (default ``beyond``).
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``errorbar``.

    Returns
    -------
    matplotlib.axes.Axes
        One point per group (y: the group, x: the mean change) with a horizontal bar from
        ``ci_low`` to ``ci_high``, and a dashed line at no change. The points have the gid
        ``change-means``, the intervals ``change-intervals``.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> m = shx.social_integration(shx.load_personal_networks_example())
    >>> ch = shx.social_integration_change(m, "baseline", "12 months", by="rlc_participant",
    ...                                    n_boot=200, seed=1)
    >>> ax = shx.plot.integration_change(ch, "beyond")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['False', 'True']
    """
    expect_instance(change, IntegrationChange, "change", "social_integration_change")
    s = change.summary[change.summary["measure"] == measure]
    if s.empty:
        known = ", ".join(map(str, pd.unique(change.summary["measure"])))
        msg = f"measure {measure!r} was not compared (compared: {known})"
        raise EgoPlotError(msg)
    ax = _axes(ax)
    y = np.arange(len(s))
    mean = s["mean_change"].to_numpy(dtype=np.float64)
    lo = s["ci_low"].to_numpy(dtype=np.float64)
    hi = s["ci_high"].to_numpy(dtype=np.float64)
    err = np.vstack([mean - lo, hi - mean])
    style: dict[str, Any] = {"fmt": "o", "color": "#0072B2", "capsize": 4}
    style.update(kwargs)
    bars = ax.errorbar(mean, y, xerr=np.nan_to_num(err), **style)
    bars.lines[0].set_gid("change-means")
    bars.lines[2][0].set_gid("change-intervals")
    ax.axvline(0.0, color="#888888", linestyle="--", linewidth=1)
    ax.set_yticks(y, [str(g) for g in s["group"]])
    ax.set_xlabel(f"mean change in {measure} ({change.before} to {change.after})")
    level = f"{change.confidence:.0%}".rstrip()
    ax.set_title(f"Change with {level} bootstrap intervals")
    return ax
