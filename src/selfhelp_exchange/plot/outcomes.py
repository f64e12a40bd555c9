"""A measure over time for each subject, with the joint initiatives marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.plot._style import AGENCY_CYCLE, THEORY_COLORS
from selfhelp_exchange.plot.network import PlotError
from selfhelp_exchange.vocabulary import Theory

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["outcome_timeline"]


@needs_network
def outcome_timeline(
    net: ExchangeNetwork,
    measure: str,
    *,
    subjects: Sequence[str] | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """A measure's observations over time, one line per subject, joint initiatives marked.

    Subjects reached by a dated joint initiative (an agency and a group sponsoring it) are
    drawn solid, the others dashed; each joint initiative is a vertical line labelled with its
    id, so the eye can compare the two kinds of line before and after it (the comparison
    :func:`~selfhelp_exchange.institutional_outcomes` makes).

    Parameters
    ----------
    net : ExchangeNetwork
    measure : str
        The observations' measure to draw.
    subjects : sequence of str, optional
        Subject ids to draw (default: every subject observed, in network order).
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when None.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.plot` (e.g. ``marker``).

    Returns
    -------
    matplotlib.axes.Axes
        One line per subject, labelled with its name; one vertical line per joint initiative.

    Raises
    ------
    PlotError
        If ``measure`` is not observed, or a subject has no observation of it.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> ax = shx.plot.outcome_timeline(shx.load_example("riverside"), "attitude_score")
    >>> len(ax.get_lines())  # 8 actors and 5 joint initiatives
    13
    """
    import matplotlib.pyplot as plt

    from selfhelp_exchange.outcomes import joint_initiatives

    obs = [o for o in net.observations if o.measure == measure]
    if not obs:
        measures = sorted({o.measure for o in net.observations}) or ["none observed"]
        msg = f"measure {measure!r} is not observed (valid: {', '.join(measures)})"
        raise PlotError(msg)
    seen = {o.subject for o in obs}
    if subjects is None:
        chosen = [str(s) for s in net.node_ids if s in seen]
    else:
        missing = [s for s in subjects if s not in seen]
        if missing:
            msg = f"no observation of {measure!r} for {missing} (observed: {sorted(seen)})"
            raise PlotError(msg)
        chosen = list(subjects)
    joint = [net.initiatives[k] for k in joint_initiatives(net)]
    reached = {x for ini in joint for x in (*ini.sponsors, *ini.audiences)}
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5))
    style = {"marker": "o", **kwargs}
    for i, s in enumerate(chosen):
        points = sorted((o.date, o.value) for o in obs if o.subject == s)
        ax.plot(
            np.array([d for d, _ in points], dtype="datetime64[D]"),
            [v for _, v in points],
            label=net.node(s).name,
            color=AGENCY_CYCLE[i % len(AGENCY_CYCLE)],
            linestyle="-" if s in reached else "--",
            **style,
        )
    for ini in joint:
        # matplotlib's date converter takes numpy dates; its stubs say float
        when: Any = np.datetime64(ini.date, "D")
        ax.axvline(when, color=THEORY_COLORS[Theory.INSTITUTIONAL], alpha=0.5, lw=1)
        ax.annotate(
            ini.id,
            (when, 0.02),
            xycoords=ax.get_xaxis_transform(),
            rotation=90,
            fontsize=7,
            va="bottom",
            ha="right",
            color=THEORY_COLORS[Theory.INSTITUTIONAL],
        )
    ax.set_ylabel(measure)
    ax.set_title(f"{measure}: solid reached by a joint initiative, dashed not")
    ax.legend(fontsize=7, loc="best")
    return ax
