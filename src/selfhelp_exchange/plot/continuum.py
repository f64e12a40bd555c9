"""The continuum strip: self-help groups placed between the relational and therapeutic models."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.plot._style import GROUP_TYPE_COLORS
from selfhelp_exchange.vocabulary import GroupType

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["continuum_strip"]

# groups closer than this on the axis are stacked, so none hides another
_MIN_GAP = 0.06


def _stack(x: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """A level per point: 0, 1, 2, ... among points closer than _MIN_GAP to a lower level."""
    level = np.zeros(len(x), dtype=np.int64)
    placed: list[tuple[float, int]] = []
    for i in np.argsort(x, kind="stable").tolist():  # a few dozen groups, not exchanges
        taken = {lv for px, lv in placed if abs(px - x[i]) < _MIN_GAP}
        lv = 0
        while lv in taken:
            lv += 1
        level[i] = lv
        placed.append((float(x[i]), lv))
    return level


@needs_network
def continuum_strip(
    net: ExchangeNetwork,
    *,
    scores: Mapping[str, Mapping[str, float]] | None = None,
    cut_points: tuple[float, float] | None = None,
    labels: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Each group as a point at its professional-involvement index on a 0-1 axis.

    Parameters
    ----------
    net : ExchangeNetwork
    scores, cut_points : optional
        Passed to :func:`~selfhelp_exchange.professional_involvement` (the scale of the four
        dimensions, and where the relational / mixed / therapeutic bands change).
    labels : bool
        Write each group's id next to its point.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when None.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.scatter`.

    Returns
    -------
    matplotlib.axes.Axes
        The points are one scatter collection (gid ``continuum-groups``) whose x offsets are
        the groups' indices, in network order, leaving out the groups with no dimension known;
        points close together are stacked upward. A point is coloured by group type and drawn
        hollow when some of its four dimensions are unknown. The three bands are shaded, and a
        note under the axis names the groups that could not be placed.

    Notes
    -----
    The index is the mean of the known dimensions (meeting place, admission, timing,
    facilitation), each scored 0 at the relational end and 1 at the therapeutic end; see
    :func:`~selfhelp_exchange.professional_involvement` and the 2020 study of 17 Tuscan
    self-help groups (Am J Community Psychol 65:290-304).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> ax = shx.plot.continuum_strip(net)
    >>> x = ax.collections[0].get_offsets()[:, 0]
    >>> bool(((x >= 0) & (x <= 1)).all())
    True
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from selfhelp_exchange.metrics.continuum import CONTINUUM_CUT_POINTS, professional_involvement

    cuts = CONTINUUM_CUT_POINTS if cut_points is None else cut_points
    df = professional_involvement(net, scores=scores, cut_points=cuts)
    lo, hi = (float(c) for c in cuts)
    index = df["index"].to_numpy(dtype=np.float64)
    placed = ~np.isnan(index)
    x = index[placed]
    level = _stack(x)
    y = 0.5 + level.astype(np.float64)
    groups = [g for g, p in zip(net.groups, placed.tolist(), strict=True) if p]
    partial = (df["known_dimensions"].to_numpy() < 4)[placed]
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 1.6 + 0.45 * (int(level.max()) + 1 if len(x) else 1)))
    top = float(y.max() + 0.8) if len(y) else 1.5
    for a, b, name, colour in (
        (0.0, lo, "relational", "#E8F4EA"),
        (lo, hi, "mixed", "#F5F5F5"),
        (hi, 1.0, "therapeutic", "#FBEDE4"),
    ):
        ax.axvspan(a, b, color=colour, zorder=0, lw=0)
        ax.text(
            (a + b) / 2, top, name, ha="center", va="bottom", fontsize="small", color="#444444"
        )
    colours = [GROUP_TYPE_COLORS[g.group_type] for g in groups]
    face = [("white" if p else c) for c, p in zip(colours, partial.tolist(), strict=True)]
    pc = ax.scatter(
        x,
        y,
        **{
            "s": 90,
            "facecolors": face,
            "edgecolors": colours,
            "linewidths": 2.0,
            "zorder": 3,
            **kwargs,
        },
    )
    pc.set_gid("continuum-groups")
    if labels:
        for g, px, py in zip(groups, x.tolist(), y.tolist(), strict=True):
            ax.annotate(
                g.id,
                (px, py),
                xytext=(7, 0),
                textcoords="offset points",
                va="center",
                fontsize="x-small",
            )
    ax.set_xlim(-0.03, 1.12)
    ax.set_ylim(0, top + 0.6)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel("professional involvement index (0 relational, 1 therapeutic)")
    types = sorted({g.group_type for g in groups}, key=list(GroupType).index)
    handles = [
        Line2D(
            [], [], marker="o", ls="", color=GROUP_TYPE_COLORS[t], label=t.value.replace("_", " ")
        )
        for t in types
    ]
    if partial.any():
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                mfc="white",
                mec="#555555",
                label="some dimensions unknown",
            )
        )
    if handles:
        ax.legend(
            handles=handles,
            fontsize="x-small",
            frameon=False,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
        )
    missing = [g.id for g, p in zip(net.groups, placed.tolist(), strict=True) if not p]
    if missing:
        ax.text(
            0.0,
            -0.45,
            "not placed (no dimension known): " + ", ".join(missing),
            transform=ax.transAxes,
            fontsize="x-small",
            va="top",
            gid="continuum-unplaced",
        )
    return ax
