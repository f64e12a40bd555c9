"""Professional involvement and relational practice: where a group sits between two models.

The 2020 qualitative study of 17 self-help groups in Tuscany (Am J Community Psychol
65:290-304) asked how professional support influences the groups' organizational choices
(place for meetings, admission criteria, timing, etc.) and found two models, *not to be
interpreted as mutually exclusive*: a *relational* model, whose main feature is that members
acquire specific skills (social comparison, active listening, empathy), and a *therapeutic*
model, a kind of assimilation of other types of interventions. This module scores two sides,
so that a group can sit high on both: professional involvement, from four organizational
dimensions (meeting place, admission, timing, facilitation), and a relational score, from
recorded peer practices. The scales, the practices and the cut points are this library's
coding, not the study's.

References
----------
.. [1] Continuum between relational and therapeutic models of self-help in mental health: a
   qualitative approach. *American Journal of Community Psychology*, 65(3-4), 290-304 (2020).
   doi:10.1002/ajcp.12399
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.exceptions import ArgumentError, RecordError
from selfhelp_exchange.metrics._common import make_frame
from selfhelp_exchange.vocabulary import Admission, Facilitation, MeetingPlace, Timing

if TYPE_CHECKING:
    import enum

    import pandas as pd

    from selfhelp_exchange.network import ExchangeNetwork
    from selfhelp_exchange.records import SelfHelpGroup

__all__ = [
    "CONTINUUM_COLUMNS",
    "CONTINUUM_CUT_POINTS",
    "DIMENSIONS",
    "MIN_KNOWN",
    "PROFESSIONAL_SCORES",
    "RELATIONAL_CUT",
    "RELATIONAL_PRACTICES",
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

#: The default scale: 0 at the relational end, 1 at the therapeutic end (this library's coding
#: of organizational choices the 2020 study names; the numbers are this library's convention).
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
#: Least number of known dimensions for a label (this library's convention).
MIN_KNOWN = 2
#: The recorded peer practices of the relational score: keys of a group's ``attributes``
#: holding true or false, and the skill of the relational model each stands for (this
#: library's coding of the 2020 study's skills).
RELATIONAL_PRACTICES: Mapping[str, str] = MappingProxyType(
    {
        "practice_sharing": "members share their own experience in meetings (social comparison)",
        "practice_listening": "meetings follow a listening format: one speaks, the others listen "
        "without advice or cross-talk (active listening)",
        "practice_mutual_support": "members support one another between meetings (empathy)",
    }
)
#: A relational score at or above this counts as high (this library's convention).
RELATIONAL_CUT = 0.5

#: Columns of :func:`professional_involvement`, in order, with their dtypes.
CONTINUUM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("group_id", "str"),
    *((f"{d}_score", "float64") for d in DIMENSIONS),
    ("known_dimensions", "int64"),
    ("unknown_dimensions", "str"),
    ("index", "float64"),
    ("known_practices", "int64"),
    ("relational_score", "float64"),
    ("continuum", "str"),
)


def _scale(scores: Mapping[str, Mapping[str, float]] | None) -> dict[str, dict[str, float]]:
    scale = {d: dict(v) for d, v in PROFESSIONAL_SCORES.items()}
    if scores is None:
        return scale
    for dim, values in scores.items():
        if dim not in scale:
            msg = f"scores names an unknown dimension {dim!r} (valid: {', '.join(DIMENSIONS)})"
            raise ArgumentError(msg)
        allowed = [m.value for m in _ENUMS[dim]]
        for value, raw_score in values.items():
            score: object = raw_score
            key = getattr(value, "value", value)
            if key not in allowed:
                msg = f"scores[{dim!r}] names {value!r}, not a {dim} value (valid: {', '.join(allowed)})"
                raise ArgumentError(msg)
            if (
                isinstance(score, bool)
                or not isinstance(score, int | float)
                or not (math.isfinite(score) and 0.0 <= score <= 1.0)
            ):
                msg = f"scores[{dim!r}][{key!r}] must be a number from 0 to 1 (got {score!r})"
                raise ArgumentError(msg)
            scale[dim][key] = float(score)
    return scale


def _practices(groups: Sequence[SelfHelpGroup]) -> npt.NDArray[np.float64]:
    """Per group and practice: 1 recorded true, 0 recorded false, NaN not recorded."""
    out = np.full((len(groups), len(RELATIONAL_PRACTICES)), np.nan)
    for i, g in enumerate(groups):
        for j, key in enumerate(RELATIONAL_PRACTICES):
            if key not in g.attributes:
                continue
            value = g.attributes[key]
            if not isinstance(value, bool):
                msg = (
                    f"group {g.id!r}: attribute {key!r} must be true or false (got {value!r}); "
                    "leave it out when the practice is not known"
                )
                raise RecordError(msg)
            out[i, j] = float(value)
    return out


def _cuts(cut_points: tuple[float, float]) -> tuple[float, float]:
    try:
        lo, hi = (float(c) for c in cut_points)
    except (TypeError, ValueError):
        msg = f"cut_points must be two numbers (low, high) (got {cut_points!r})"
        raise ArgumentError(msg) from None
    if not (0.0 <= lo <= hi <= 1.0):
        msg = f"cut_points must satisfy 0 <= low <= high <= 1 (got {cut_points!r})"
        raise ArgumentError(msg)
    return lo, hi


@needs_network
def professional_involvement(
    net: ExchangeNetwork,
    *,
    scores: Mapping[str, Mapping[str, float]] | None = None,
    cut_points: tuple[float, float] = CONTINUUM_CUT_POINTS,
    min_known: int = MIN_KNOWN,
    relational_cut: float = RELATIONAL_CUT,
) -> pd.DataFrame:
    r"""Professional involvement and relational score of every group, and its model label.

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
    min_known : int
        A group with fewer known dimensions (of 4) gets no label: ``"unknown"`` (default 2,
        this library's convention: one dimension is too little evidence to place a group).
    relational_cut : float
        A relational score at or above this is *high* (default 0.5, this library's
        convention).

    Returns
    -------
    pandas.DataFrame
        One row per group, in network order. Columns:

        - ``group_id`` (str)
        - ``meeting_place_score``, ``admission_score``, ``timing_score``,
          ``facilitation_score`` (float): each dimension's score, NaN where unknown.
        - ``known_dimensions`` (int, 0-4) and ``unknown_dimensions`` (str, ``;``-separated).
        - ``index`` (float): professional involvement, the mean of the known scores, in
          [0, 1]; NaN if none is known.
        - ``known_practices`` (int, 0-3): peer practices recorded (true or false) in the
          group's attributes; ``relational_score`` (float): the share of them recorded true,
          NaN if none is recorded.
        - ``continuum`` (str): ``relational``, ``mixed``, ``therapeutic``,
          ``relational and therapeutic``, or ``unknown`` (fewer than ``min_known`` dimensions
          known; ``unknown_dimensions`` says which are missing).

    Raises
    ------
    ArgumentError
        If ``scores`` names an unknown dimension or value or a score outside [0, 1], the cut
        points are not 0 <= low <= high <= 1, ``min_known`` is not a whole number from 1 to 4,
        or ``relational_cut`` is not in [0, 1].
    RecordError
        If a group's practice attribute holds something other than true or false.

    Notes
    -----
    The 2020 study of 17 Tuscan self-help groups [1]_ asks how professional support influences
    the groups' organizational choices (place for meetings, admission criteria, timing, etc.)
    and describes a relational and a therapeutic model, not mutually exclusive. This library
    codes four organizational dimensions, each from 0 (relational end) to 1 (therapeutic end):

    =============  ==============================================================
    meeting place  community 0, online 0, agency premises 1
    admission      open 0, closed 0.5 (members decide), referral 1 (professionals)
    timing         open-ended 0, fixed-term 1
    facilitation   rotating peers 0, trained peers 0.5, professional 1
    =============  ==============================================================

    Professional involvement is the mean of the known dimensions,
    :math:`\mathrm{PI} = \frac{1}{|D_k|}\sum_{d \in D_k} s_d`; a dimension left unknown is
    left out of the mean and reported. The relational score is the share of the recorded peer
    practices (:data:`RELATIONAL_PRACTICES`: attributes ``practice_sharing``,
    ``practice_listening``, ``practice_mutual_support``, each true or false; the study's
    skills are social comparison, active listening and empathy) that are true. The label:

    - ``unknown`` if fewer than ``min_known`` dimensions are known;
    - else ``relational`` if PI < low;
    - else, if the relational score is at least ``relational_cut``,
      ``relational and therapeutic`` (a group high on both sides);
    - else ``mixed`` if PI <= high, ``therapeutic`` if PI > high.

    The scales, the practices, the cut points and ``min_known`` are this library's coding and
    convention; the study describes the models, not these numbers.

    References
    ----------
    .. [1] Continuum between relational and therapeutic models of self-help in mental health:
       a qualitative approach. *American Journal of Community Psychology*, 65(3-4), 290-304
       (2020). doi:10.1002/ajcp.12399

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> df = shx.professional_involvement(shx.load_example("riverside"))
    >>> df.columns.tolist()
    ['group_id', 'meeting_place_score', 'admission_score', 'timing_score', 'facilitation_score', 'known_dimensions', 'unknown_dimensions', 'index', 'known_practices', 'relational_score', 'continuum']
    >>> bool(df["index"].dropna().between(0, 1).all())
    True
    >>> labels = {"relational", "mixed", "therapeutic", "relational and therapeutic", "unknown"}
    >>> sorted(set(df["continuum"]) - labels)
    []
    """
    scale = _scale(scores)
    lo, hi = _cuts(cut_points)
    min_known_: object = min_known
    if isinstance(min_known_, bool) or not isinstance(min_known_, int) or not 1 <= min_known <= 4:
        msg = f"min_known must be a whole number from 1 to 4 (got {min_known!r})"
        raise ArgumentError(msg)
    cut_: object = relational_cut
    if isinstance(cut_, bool) or not isinstance(cut_, int | float) or not 0 <= cut_ <= 1:
        msg = f"relational_cut must be a number from 0 to 1 (got {relational_cut!r})"
        raise ArgumentError(msg)
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
    practices = _practices(groups)
    n_practices = (~np.isnan(practices)).sum(axis=1)
    relational = np.full(n, np.nan)
    rec = n_practices > 0
    relational[rec] = np.nansum(practices[rec], axis=1) / n_practices[rec]
    both = rec & (np.nan_to_num(relational, nan=-1.0) >= relational_cut)
    placed = n_known >= min_known
    label = np.full(n, "unknown", dtype=object)
    label[placed & (index >= lo) & (index <= hi)] = "mixed"
    label[placed & (index > hi)] = "therapeutic"
    label[placed & (index >= lo) & both] = "relational and therapeutic"
    label[placed & (index < lo)] = "relational"
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
    cols["known_practices"] = n_practices.astype(np.int64)
    cols["relational_score"] = relational
    cols["continuum"] = label
    return make_frame([(c, cols[c], t) for c, t in CONTINUUM_COLUMNS])
