"""Professional involvement: where a group sits on the relational-therapeutic continuum.

The 2020 study of 17 Tuscan self-help groups (Am J Community Psychol 65:290-304) describes a
continuum from a *relational* model, run on peer skills (social comparison, listening, empathy),
to a *therapeutic* model, driven by how much professionals shape the group's organization: where
it meets, who is admitted, its timing, and who facilitates. This module scores those four
dimensions and averages them.

References
----------
.. [1] The 2020 study of 17 Tuscan self-help groups, *American Journal of Community
   Psychology*, 65, 290-304.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from selfhelp_exchange.exceptions import RecordError
from selfhelp_exchange.metrics._common import make_frame
from selfhelp_exchange.vocabulary import Admission, Facilitation, MeetingPlace, Timing

if TYPE_CHECKING:
    import enum

    import pandas as pd

    from selfhelp_exchange.network import ExchangeNetwork

__all__ = [
    "CONTINUUM_COLUMNS",
    "CONTINUUM_CUT_POINTS",
    "DIMENSIONS",
    "PROFESSIONAL_SCORES",
    "professional_involvement",
]

#: The four organizational dimensions, in column order.
DIMENSIONS: tuple[str, ...] = ("meeting_place", "admission", "timing", "facilitation")
_ENUMS: dict[str, type[enum.Enum]] = {
    "meeting_place": MeetingPlace,
    "admission": Admission,
    "timing": Timing,
    "facilitation": Facilitation,
}

#: The default scale: 0 at the relational end, 1 at the therapeutic end (DESIGN.md's coding of
#: the 2020 study's four dimensions; the numbers are this library's convention).
PROFESSIONAL_SCORES: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        "meeting_place": MappingProxyType(
            {"community": 0.0, "online": 0.0, "agency_premises": 1.0}
        ),
        "admission": MappingProxyType({"open": 0.0, "closed": 0.5, "referral": 1.0}),
        "timing": MappingProxyType({"open_ended": 0.0, "fixed_term": 1.0}),
        "facilitation": MappingProxyType(
            {"rotating_peers": 0.0, "trained_peers": 0.5, "professional": 1.0}
        ),
    }
)
#: Default cut points of the continuum label: thirds of the scale (this library's convention).
CONTINUUM_CUT_POINTS: tuple[float, float] = (1 / 3, 2 / 3)

#: Columns of :func:`professional_involvement`, in order, with their dtypes.
CONTINUUM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("group_id", "str"),
    *((f"{d}_score", "float64") for d in DIMENSIONS),
    ("known_dimensions", "int64"),
    ("unknown_dimensions", "str"),
    ("index", "float64"),
    ("continuum", "str"),
)


def _scale(scores: Mapping[str, Mapping[str, float]] | None) -> dict[str, dict[str, float]]:
    scale = {d: dict(v) for d, v in PROFESSIONAL_SCORES.items()}
    if scores is None:
        return scale
    for dim, values in scores.items():
        if dim not in scale:
            msg = f"scores names an unknown dimension {dim!r} (valid: {', '.join(DIMENSIONS)})"
            raise RecordError(msg)
        allowed = [m.value for m in _ENUMS[dim]]
        for value, raw_score in values.items():
            score: object = raw_score
            key = getattr(value, "value", value)
            if key not in allowed:
                msg = f"scores[{dim!r}] names {value!r}, not a {dim} value (valid: {', '.join(allowed)})"
                raise RecordError(msg)
            if (
                isinstance(score, bool)
                or not isinstance(score, int | float)
                or not (math.isfinite(score) and 0.0 <= score <= 1.0)
            ):
                msg = f"scores[{dim!r}][{key!r}] must be a number from 0 to 1 (got {score!r})"
                raise RecordError(msg)
            scale[dim][key] = float(score)
    return scale


def _cuts(cut_points: tuple[float, float]) -> tuple[float, float]:
    try:
        lo, hi = (float(c) for c in cut_points)
    except (TypeError, ValueError):
        msg = f"cut_points must be two numbers (low, high) (got {cut_points!r})"
        raise RecordError(msg) from None
    if not (0.0 <= lo <= hi <= 1.0):
        msg = f"cut_points must satisfy 0 <= low <= high <= 1 (got {cut_points!r})"
        raise RecordError(msg)
    return lo, hi


def professional_involvement(
    net: ExchangeNetwork,
    *,
    scores: Mapping[str, Mapping[str, float]] | None = None,
    cut_points: tuple[float, float] = CONTINUUM_CUT_POINTS,
) -> pd.DataFrame:
    r"""Professional involvement index of every group, and its place on the continuum.

    Parameters
    ----------
    net : ExchangeNetwork
    scores : mapping, optional
        Overrides of the scale, e.g. ``{"admission": {"closed": 0.25}}``; dimensions and values
        not named keep the default (:data:`PROFESSIONAL_SCORES`). Scores must lie in [0, 1].
    cut_points : (float, float)
        ``(low, high)``: an index below ``low`` is ``"relational"``, above ``high``
        ``"therapeutic"``, and from ``low`` to ``high`` inclusive ``"mixed"``. Default thirds of
        the scale, this library's convention.

    Returns
    -------
    pandas.DataFrame
        One row per group, in network order. Columns:

        - ``group_id`` (str)
        - ``meeting_place_score``, ``admission_score``, ``timing_score``,
          ``facilitation_score`` (float): each dimension's score, NaN where unknown.
        - ``known_dimensions`` (int, 0-4) and ``unknown_dimensions`` (str, ``;``-separated).
        - ``index`` (float): mean of the known scores, in [0, 1]; NaN if none is known.
        - ``continuum`` (str): ``relational``, ``mixed``, ``therapeutic``, or ``unknown``.

    Raises
    ------
    RecordError
        If ``scores`` names an unknown dimension or value or a score outside [0, 1], or the cut
        points are not 0 <= low <= high <= 1.

    Notes
    -----
    The four dimensions are those of the 2020 study of 17 Tuscan self-help groups [1]_, which
    places groups between a relational model (peer skills: social comparison, listening,
    empathy) and a therapeutic model according to how much professionals shape them. Each is
    scaled from 0 (relational end) to 1 (therapeutic end):

    =============  ==============================================================
    meeting place  community 0, online 0, agency premises 1
    admission      open 0, closed 0.5 (members decide), referral 1 (professionals)
    timing         open-ended 0, fixed-term 1
    facilitation   rotating peers 0, trained peers 0.5, professional 1
    =============  ==============================================================

    and the index is the mean of the known dimensions,
    :math:`\mathrm{PI} = \frac{1}{|D_k|}\sum_{d \in D_k} s_d`. A dimension left unknown is
    left out of the mean and reported. The numeric scale and the cut points are this library's
    convention; the study describes the dimensions, not these numbers.

    References
    ----------
    .. [1] The 2020 study of 17 Tuscan self-help groups, *American Journal of Community
       Psychology*, 65, 290-304.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> df = shx.professional_involvement(shx.load_example("riverside"))
    >>> df.columns.tolist()
    ['group_id', 'meeting_place_score', 'admission_score', 'timing_score', 'facilitation_score', 'known_dimensions', 'unknown_dimensions', 'index', 'continuum']
    >>> bool(df["index"].dropna().between(0, 1).all())
    True
    >>> sorted(set(df["continuum"]) - {"relational", "mixed", "therapeutic", "unknown"})
    []
    """
    scale = _scale(scores)
    lo, hi = _cuts(cut_points)
    groups = net.groups
    n = len(groups)
    cols: dict[str, Any] = {"group_id": np.array([g.id for g in groups], dtype=object)}
    known = np.zeros((n, len(DIMENSIONS)), dtype=bool)
    values = np.full((n, len(DIMENSIONS)), np.nan)
    for j, dim in enumerate(DIMENSIONS):
        # one pass over groups per dimension (records, not exchanges)
        raw = [getattr(g, dim) for g in groups]
        values[:, j] = [np.nan if v is None else scale[dim][v.value] for v in raw]
        known[:, j] = [v is not None for v in raw]
        cols[f"{dim}_score"] = values[:, j].copy()
    n_known = known.sum(axis=1)
    index = np.full(n, np.nan)
    has = n_known > 0
    index[has] = np.nansum(values[has], axis=1) / n_known[has]
    label = np.full(n, "unknown", dtype=object)
    label[has & (index < lo)] = "relational"
    label[has & (index >= lo) & (index <= hi)] = "mixed"
    label[has & (index > hi)] = "therapeutic"
    unknown = ~known
    cols["known_dimensions"] = n_known.astype(np.int64)
    cols["unknown_dimensions"] = np.array(
        [
            ";".join(d for d, u in zip(DIMENSIONS, row, strict=True) if u)
            for row in unknown.tolist()
        ],
        dtype=object,
    ).reshape(n)
    cols["index"] = index
    cols["continuum"] = label
    return make_frame([(c, cols[c], t) for c, t in CONTINUUM_COLUMNS])
