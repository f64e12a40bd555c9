"""Linkage over time: adaptational linkage of every agency, period by period.

A timeline cuts the time axis into calendar periods (months, quarters or years) and measures
each agency's adaptational linkage (Powell & Perron 2010) in each period with
:func:`~selfhelp_exchange.metrics.adaptational_summary`: the number of groups linked and the mean
adaptational linkage index (ALI) over them. It shows whether an agency's links to self-help grow,
hold or fade.

References
----------
.. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance use
   agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3), 315-329.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.exceptions import ArgumentError
from selfhelp_exchange.metrics._common import _bounds, as_weights, make_frame
from selfhelp_exchange.metrics._dyads import adaptational_dyads
from selfhelp_exchange.metrics.adaptational import LinkageWeights
from selfhelp_exchange.metrics.agency_index import agency_statistics

if TYPE_CHECKING:
    import pandas as pd

    from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["FREQUENCIES", "TIMELINE_COLUMNS", "linkage_by_period"]

#: Period lengths :func:`linkage_by_period` accepts, with their pandas period codes.
FREQUENCIES: Mapping[str, str] = {"month": "M", "quarter": "Q", "year": "Y"}

#: Columns of :func:`linkage_by_period`, in order, with their dtypes.
TIMELINE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("period", "str"),
    ("period_start", "datetime64[s]"),
    ("period_end", "datetime64[s]"),
    ("agency_id", "str"),
    ("groups_linked", "int64"),
    ("index_mean", "float64"),
)


def _span(
    net: ExchangeNetwork, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """The first and last day to cover: the window given, else the dated exchanges' span."""
    x = net.arrays
    dates = np.concatenate([x.start[~np.isnat(x.start)], x.end[~np.isnat(x.end)]])
    if dates.size:
        first = dt.date.fromisoformat(str(dates.min()))
        last = dt.date.fromisoformat(str(dates.max()))
        lo = start if start is not None else min(first, end) if end is not None else first
        hi = end if end is not None else max(last, lo)
        return lo, hi
    if start is None or end is None:
        return None
    return start, end


@positional_deprecated("start", "end")
@needs_network
def linkage_by_period(
    net: ExchangeNetwork,
    freq: str = "quarter",
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: LinkageWeights | Mapping[str, float] | None = None,
) -> pd.DataFrame:
    r"""Adaptational linkage of every agency in each calendar period.

    Parameters
    ----------
    net : ExchangeNetwork
    freq : {"month", "quarter", "year"}
        Length of the periods (calendar months, quarters or years).
    start, end : date or 'YYYY-MM-DD', optional
        The span to cover. Default: from the earliest to the latest date of any dated
        exchange (start or end). The first and last periods are the calendar periods holding
        these days, so they may reach beyond them.
    weights : LinkageWeights or mapping, optional
        Weights of the adaptational linkage index.

    Returns
    -------
    pandas.DataFrame
        One row per (period, agency), periods in time order and agencies in network order.
        Columns: ``period`` (str, e.g. ``2024Q1``), ``period_start`` and ``period_end``
        (the first and last day of the period), ``agency_id``, ``groups_linked`` (int: groups
        with an adaptational exchange in the period) and ``index_mean`` (float: mean ALI over
        those groups, 0 when none). Empty (with these columns) when the network has no dated
        exchange and no span is given.

    Raises
    ------
    ArgumentError
        If ``freq`` is not one of the above, a bound is not a date, or ``end`` is before
        ``start``.
    RecordError
        If the weights are invalid.

    Notes
    -----
    For each period :math:`[t_0, t_1]` this is
    :func:`~selfhelp_exchange.metrics.adaptational_summary` ``(net, t0, t1)``: an exchange
    counts in every period its [start, end] overlaps; an exchange with no start or no end is
    open on that side, and an undated exchange counts in every period (a standing arrangement,
    such as a meeting list sent for years). So a dyad's ALI in a period uses the exchanges
    running in it, and a weight is not divided between the periods an exchange spans: a
    yearly referral count of 40 counts 40 in each quarter of that year. Each period is
    measured on the exchange arrays with numpy; the loop runs over periods only.

    References
    ----------
    .. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance
       use agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3),
       315-329.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> from selfhelp_exchange.metrics.timeline import linkage_by_period
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Riverside Counselling")],
    ...     groups=[shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help")],
    ...     exchanges=[shx.Exchange(("A1", shx.Role.PRACTITIONERS), "G1", "referral",
    ...                             start="2024-04-01", end="2024-06-30")],
    ... )
    >>> df = linkage_by_period(net, "quarter", start="2024-01-01", end="2024-12-31")
    >>> df["period"].tolist()
    ['2024Q1', '2024Q2', '2024Q3', '2024Q4']
    >>> df["groups_linked"].tolist()
    [0, 1, 0, 0]
    """
    import pandas as pd

    if freq not in FREQUENCIES:
        msg = f"freq must be one of {', '.join(FREQUENCIES)} (got {freq!r})"
        raise ArgumentError(msg)
    w = as_weights(LinkageWeights, weights)
    lo, hi = _bounds(start, end)
    span = _span(net, lo, hi)
    names = [c for c, _ in TIMELINE_COLUMNS]
    cols: dict[str, list[Any]] = {c: [] for c in names}
    if span is not None:
        periods = pd.period_range(span[0], span[1], freq=FREQUENCIES[freq])
        n_a = net.n_agencies
        for p in periods:
            p0, p1 = p.start_time.date(), p.end_time.date()
            stats = agency_statistics(net, adaptational_dyads(net, p0, p1), w)
            cols["period"] += [str(p)] * n_a
            cols["period_start"] += [np.datetime64(p0, "D")] * n_a
            cols["period_end"] += [np.datetime64(p1, "D")] * n_a
            cols["agency_id"] += stats["agency_id"].tolist()
            cols["groups_linked"] += stats["groups_linked"].tolist()
            cols["index_mean"] += stats["index_mean"].tolist()
    return make_frame([(c, np.array(cols[c], dtype=object), t) for c, t in TIMELINE_COLUMNS])
