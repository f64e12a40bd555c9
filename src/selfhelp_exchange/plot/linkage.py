"""Linkage figures: an agencies-by-groups heatmap and linkage over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.plot._style import AGENCY_CYCLE
from selfhelp_exchange.plot.network import PlotError
from selfhelp_exchange.privacy import SMALL_CELL_THRESHOLD, SuppressedTable, suppress_counts
from selfhelp_exchange.vocabulary import ROLE_ORDER

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from selfhelp_exchange.metrics.adaptational import LinkageWeights

__all__ = ["HEATMAP_VALUES", "linkage_heatmap", "linkage_timeline"]

#: What :func:`linkage_heatmap` can show, with its colour-bar label. ``intensity`` and
#: ``clients`` are counts (``clients`` counts people) and are suppressed below the threshold.
HEATMAP_VALUES: Mapping[str, str] = {
    "index": "adaptational linkage index (ALI)",
    "coverage": "subunit coverage C",
    "multiplexity": "multiplexity M (kinds of exchange)",
    "multiplexity_share": "multiplexity share M / |K_A|",
    "reciprocity": "reciprocity P",
    "intensity_score": "intensity score W / (W + h)",
    "intensity": "intensity W (sum of weights)",
    "clients": "clients counted by the exchanges",
}
_COUNTS = ("intensity", "clients")
#: Largest heatmap drawn (inches), and most labels on an axis (this library's convention).
_MAX_WIDTH_IN, _MAX_HEIGHT_IN, _MAX_TICKS = 16.0, 14.0, 60
_TIMELINE_VALUES = {"index_mean": "mean ALI over linked groups", "groups_linked": "groups linked"}


def _heatmap_matrix(
    net: ExchangeNetwork,
    value: str,
    by_role: bool,
    start: dt.date | str | None,
    end: dt.date | str | None,
    weights: LinkageWeights | Mapping[str, float] | None,
) -> tuple[npt.NDArray[np.float64], list[str]]:
    """Rows (agencies, or agency subunits) by all groups; NaN where a dyad is not linked."""
    from selfhelp_exchange.metrics.adaptational import adaptational_linkage
    from selfhelp_exchange.people import client_counts

    n_a, n_g = net.n_agencies, net.n_groups
    rows = [a.id for a in net.agencies]
    if by_role:
        rows = [f"{a} · {r.value}" for a in rows for r in ROLE_ORDER]
    if value == "clients":
        if by_role:
            from selfhelp_exchange.network_arrays import KIND_ROLE
            from selfhelp_exchange.people import PERSON_COUNT_KINDS

            # per subunit: the person-count kinds touching that subunit
            out = np.zeros((n_a * 3, n_g))
            for r in range(3):
                kinds = [k for k in PERSON_COUNT_KINDS if KIND_ROLE[k.code] == r]
                sub = net.select(np.isin(net.arrays.kind, [k.code for k in kinds]))
                counts = client_counts(sub, start=start, end=end)
                cols = [net.index(g) - n_a for g in counts.columns]
                out[r::3][:, cols] = counts.to_numpy()
            return out, rows
        counts = client_counts(net, start=start, end=end)
        out = np.zeros((n_a, n_g))
        out[:, [net.index(g) - n_a for g in counts.columns]] = counts.to_numpy()
        return out, rows
    df = adaptational_linkage(net, start=start, end=end, weights=weights, by_role=by_role)
    a = np.array([net.index(x) for x in df["agency_id"]], dtype=np.int64)
    g = np.array([net.index(x) for x in df["group_id"]], dtype=np.int64) - n_a
    if by_role:
        role = np.array([[x.value for x in ROLE_ORDER].index(v) for v in df["role"]], np.int64)
        a = a * 3 + role
    out = np.full((len(rows), n_g), np.nan)
    out[a, g] = df[value].to_numpy(dtype=np.float64)
    return out, rows


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _suppressed(
    matrix: npt.NDArray[np.float64], threshold: int, given: SuppressedTable | None = None
) -> tuple[npt.NDArray[np.bool_], str]:
    """Cells to hide, as :func:`~selfhelp_exchange.people.client_count_table` hides them.

    Columns counting nothing are left out first and the rest suppressed with row and column
    totals, exactly as the report's client-count table, so the two hide the same cells. A
    ``given`` table of the same counts and threshold is used as it is (the suppression audit
    is the costly part); any other is ignored.
    """
    counts = np.nan_to_num(np.rint(matrix), nan=0.0)
    used = counts.any(axis=0)
    hidden = np.zeros(matrix.shape, dtype=bool)
    if not used.any():
        return hidden, ""
    inner_counts = counts[:, used]
    table = (
        given
        if given is not None
        and given.threshold == threshold
        and given.counts.shape == (inner_counts.shape[0] + 1, inner_counts.shape[1] + 1)
        and np.array_equal(given.counts.to_numpy(dtype=np.float64)[:-1, :-1], inner_counts)
        else suppress_counts(inner_counts, threshold=threshold, margins=True)
    )
    inner = table.hidden.to_numpy()[: matrix.shape[0], : int(used.sum())]
    hidden[:, used] = inner
    return hidden, table.note


@needs_network
def linkage_heatmap(
    net: ExchangeNetwork,
    *,
    value: str = "index",
    by_role: bool = False,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: LinkageWeights | Mapping[str, float] | None = None,
    threshold: int | None = SMALL_CELL_THRESHOLD,
    annotate: bool = True,
    labels: str = "name",
    table: SuppressedTable | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Agencies (rows) by self-help groups (columns), coloured by a linkage measure.

    Parameters
    ----------
    net : ExchangeNetwork
    value : str
        A key of :data:`HEATMAP_VALUES`: a column of
        :func:`~selfhelp_exchange.adaptational_linkage` (``index``, ``coverage``,
        ``multiplexity``, ``multiplexity_share``, ``reciprocity``, ``intensity``,
        ``intensity_score``), or ``clients``, the clients counted by the exchanges
        (:func:`~selfhelp_exchange.people.client_counts`).
    by_role : bool
        One row per agency subunit (board, practitioners, clients) instead of per agency,
        measured on the exchanges touching that subunit (``adaptational_linkage(by_role=True)``).
    start, end : date or 'YYYY-MM-DD', optional
        Time window (an exchange counts where its dates overlap it; undated ones always count).
    weights : LinkageWeights or mapping, optional
        Weights of the linkage index.
    threshold : int or None
        For the counts (``intensity`` and ``clients``): counts from 1 to ``threshold - 1`` are
        hidden, and enough others (as if row and column totals were shown) that they cannot be
        worked out; a note under the axes says how many. Default 11, the small-cell rule of
        :mod:`selfhelp_exchange.privacy`. None shows every count (for analysis, not
        publication). Ignored for the other values, which are not counts.
    annotate : bool
        Write each cell's value in it (``*`` in a hidden cell).
    labels : {'name', 'id'}
        Label the rows and columns with the agencies' and groups' names (default: a reader
        knows them by name; names longer than 28 characters are shortened with an ellipsis)
        or their ids.
    table : SuppressedTable, optional
        For ``clients``: ``client_count_table(net, start, end, threshold=threshold)`` when it
        is already made (the report makes it); its hidden cells are used instead of suppressing
        the counts again. A table of other counts or another threshold is ignored.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when None.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.imshow` (e.g. ``cmap``).

    Returns
    -------
    matplotlib.axes.Axes
        The image's array holds the values drawn: masked where the dyad has no link (for
        ``clients``: counts no client) or the cell is hidden. The caption note, when cells are
        hidden, is a text artist with gid ``suppression-note``.

    Raises
    ------
    PlotError
        If ``value`` is not one of :data:`HEATMAP_VALUES`.

    Notes
    -----
    Groups are in network order, agencies too. A dyad with no adaptational exchange in the
    window is left blank (light grey), so gaps show; for ``clients``, so is a cell counting
    no client. Hidden cells are blank, hatched and marked ``*``.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> ax = shx.plot.linkage_heatmap(shx.load_example("riverside"))
    >>> ax.images[0].get_array().shape
    (4, 14)
    """
    import matplotlib.pyplot as plt

    if value not in HEATMAP_VALUES:
        msg = f"value must be one of {', '.join(HEATMAP_VALUES)} (got {value!r})"
        raise PlotError(msg)
    if labels not in ("name", "id"):
        msg = f"labels must be 'name' or 'id' (got {labels!r})"
        raise PlotError(msg)
    matrix, rows = _heatmap_matrix(net, value, by_role, start, end, weights)
    groups = [g.id for g in net.groups]
    if labels == "name":
        names = {a.id: _short(a.name) for a in net.agencies}
        names |= {g.id: _short(g.name) for g in net.groups}
        groups = [names[g] for g in groups]
        rows = [
            " · ".join([names[r.split(" · ")[0]], *r.split(" · ")[1:]]) if " · " in r else names[r]
            for r in rows
        ]
    if ax is None:
        # capped: a page-wide figure; past the cap, cells get thinner and labels fewer
        _, ax = plt.subplots(
            figsize=(
                min(_MAX_WIDTH_IN, max(5.0, 0.55 * len(groups) + 2.5)),
                min(_MAX_HEIGHT_IN, max(2.5, 0.4 * len(rows) + 1.8)),
            )
        )
    hidden = np.zeros(matrix.shape, dtype=bool)
    note = ""
    if value in _COUNTS and threshold is not None and matrix.size:
        hidden, note = _suppressed(matrix, threshold, table if value == "clients" else None)
    blank = hidden | (matrix == 0) if value == "clients" else hidden
    shown = np.ma.masked_invalid(np.where(blank, np.nan, matrix))
    cmap = plt.get_cmap(kwargs.pop("cmap", "viridis")).with_extremes(bad="#EEEEEE")
    vmax = 1.0 if value not in ("multiplexity", *_COUNTS) else None
    # 'none': each cell drawn as it is, not resampled (fast, and sharp in SVG and print)
    im = ax.imshow(
        shown,
        **{
            "cmap": cmap,
            "vmin": 0.0,
            "vmax": vmax,
            "aspect": "auto",
            "interpolation": "none",
            **kwargs,
        },
    )
    im.set_gid(f"heatmap-{value}")
    rr, cc = np.nonzero(hidden)
    if len(rr):
        from matplotlib.collections import PatchCollection
        from matplotlib.patches import Rectangle

        # one collection, not a patch per cell; a mid-grey hatch on light grey reads in print
        ax.add_collection(
            PatchCollection(
                [Rectangle((c - 0.5, r - 0.5), 1, 1) for r, c in zip(rr, cc, strict=True)],
                facecolor="#E4E4E4",
                edgecolor="#6E6E6E",
                hatch="///",
                linewidth=0,
                gid="hidden-cells",
            )
        )
    if annotate:
        normed = np.asarray(im.norm(np.nan_to_num(matrix)), dtype=np.float64)
        for r in range(matrix.shape[0]):
            for c in range(matrix.shape[1]):
                v = matrix[r, c]
                if hidden[r, c]:
                    text = "*"  # drawn bold below, on a light cell
                elif np.isnan(v) or (value == "clients" and v == 0):
                    continue
                elif value in ("multiplexity", *_COUNTS, "reciprocity"):
                    text = f"{v:.0f}"
                else:
                    text = f"{v:.2f}"
                dark = not hidden[r, c] and not np.isnan(v) and normed[r, c] < 0.55
                ax.text(
                    c,
                    r,
                    text,
                    ha="center",
                    va="center",
                    fontsize="large" if hidden[r, c] else "x-small",
                    fontweight="bold" if hidden[r, c] else "normal",
                    color="white" if dark else "black",
                    gid=f"{value}-cell-{r}-{c}",
                )
    # at most _MAX_TICKS labels an axis (every k-th): more cannot be read, and are slow to lay out
    kx = -(-len(groups) // _MAX_TICKS) or 1
    ky = -(-len(rows) // _MAX_TICKS) or 1
    ax.set_xticks(
        range(0, len(groups), kx), groups[::kx], rotation=60, ha="right", fontsize="small"
    )
    ax.set_yticks(range(0, len(rows), ky), rows[::ky], fontsize="small")
    ax.set_xlabel("self-help group")
    ax.set_ylabel("agency subunit" if by_role else "agency")
    cbar = ax.figure.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cbar.set_label(HEATMAP_VALUES[value], fontsize="small")
    if note:
        # under the x-axis label, so it never covers the tick labels
        ax.annotate(
            note,
            xy=(0.5, 0.0),
            xycoords=ax.xaxis.label,
            xytext=(0, -4),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize="x-small",
            gid="suppression-note",
        )
    return ax


@needs_network
def linkage_timeline(
    net: ExchangeNetwork,
    *,
    freq: str = "quarter",
    value: str = "index_mean",
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    agencies: Sequence[str] | None = None,
    weights: LinkageWeights | Mapping[str, float] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Each agency's adaptational linkage, period by period: one line per agency.

    Parameters
    ----------
    net : ExchangeNetwork
    freq : {"month", "quarter", "year"}
        Length of the periods.
    value : {"index_mean", "groups_linked"}
        Mean ALI over the groups linked in the period, or the number of groups linked.
    start, end : date or 'YYYY-MM-DD', optional
        Span to cover (default: the dated exchanges' span).
    agencies : sequence of str, optional
        Agency ids to draw (default all, in network order).
    weights : LinkageWeights or mapping, optional
        Weights of the linkage index.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when None.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.plot` (e.g. ``marker``).

    Returns
    -------
    matplotlib.axes.Axes
        One line per agency, labelled with the agency's name; x is each period's first day.

    Raises
    ------
    PlotError
        If ``value`` is not one of the two, or an agency id is not an agency of ``net``.
    RecordError
        If ``freq`` or the span is invalid.

    Notes
    -----
    The values are those of :func:`~selfhelp_exchange.metrics.timeline.linkage_by_period`,
    where an exchange counts in every period its dates overlap and an undated exchange in
    every period.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> ax = shx.plot.linkage_timeline(shx.load_example("riverside"))
    >>> len(ax.get_lines())
    4
    """
    import matplotlib.pyplot as plt

    from selfhelp_exchange.metrics.timeline import linkage_by_period

    if value not in _TIMELINE_VALUES:
        msg = f"value must be one of {', '.join(_TIMELINE_VALUES)} (got {value!r})"
        raise PlotError(msg)
    ids = [a.id for a in net.agencies]
    chosen = ids if agencies is None else list(agencies)
    unknown = [a for a in chosen if a not in ids]
    if unknown:
        msg = f"not agencies of the network: {', '.join(map(repr, unknown))} (agencies: {', '.join(ids)})"
        raise PlotError(msg)
    df = linkage_by_period(net, freq, start=start, end=end, weights=weights)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.8))
    names = {a.id: a.name for a in net.agencies}
    for a in chosen:
        part = df[df["agency_id"] == a]
        (line,) = ax.plot(
            part["period_start"].to_numpy(),
            part[value].to_numpy(dtype=np.float64),
            **{
                "marker": "o",
                "color": AGENCY_CYCLE[ids.index(a) % len(AGENCY_CYCLE)],
                "label": names[a],
                **kwargs,
            },
        )
        line.set_gid(f"timeline-{a}")
    ax.set_ylabel(_TIMELINE_VALUES[value])
    ax.set_xlabel(f"{freq} (first day)")
    if value == "index_mean":
        ax.set_ylim(0, 1)
    else:
        ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="#DDDDDD", lw=0.6)
    if chosen:
        ax.legend(fontsize="small", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(f"Adaptational linkage by {freq}")
    return ax
