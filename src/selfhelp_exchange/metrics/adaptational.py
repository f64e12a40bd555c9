"""Adaptational linkage: how an agency's subunits and a self-help group exchange.

Powell & Perron (2010) read agency / self-help exchange through two lenses; the *adaptational*
one looks at the flows between a group and an agency's board, practitioner and client units.
This module measures each linked (agency, group) dyad: which subunits are touched (coverage), how
many kinds of exchange (multiplexity), whether flows run both ways (reciprocity), how much
(intensity), and one documented index that combines them.

References
----------
.. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance use
   agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3), 315-329.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange.metrics._common import (
    as_weights,
    check_half_saturation,
    check_weights,
    flags_to_names,
    make_frame,
    saturate,
    to_float,
)
from selfhelp_exchange.metrics._dyads import (
    N_ROLES,
    ROLE_KIND_COUNT,
    Dyads,
    adaptational_dyads,
)
from selfhelp_exchange.vocabulary import ROLE_ORDER, Approach, Focus, GroupType

if TYPE_CHECKING:
    import pandas as pd

    from selfhelp_exchange.network import ExchangeNetwork

__all__ = [
    "ADAPTATIONAL_COLUMNS",
    "ADAPTATIONAL_ROLE_COLUMNS",
    "SUMMARY_COLUMNS",
    "LinkageWeights",
    "adaptational_linkage",
    "adaptational_summary",
]

#: |K_A|: the number of adaptational exchange kinds in the catalogue (12).
N_ADAPTATIONAL_KINDS = int(ROLE_KIND_COUNT.sum())
_ROLE_NAMES = [r.value for r in ROLE_ORDER]


@attrs.frozen
class LinkageWeights:
    r"""Weights and saturation point of the adaptational linkage index (ALI).

    .. math::

        ALI = w_C\,C + w_M\,\frac{M}{|K_A|} + w_P\,P + w_W\,\frac{W}{W + h}

    The four weights must be finite, non-negative and sum to 1, so ALI lies in [0, 1].

    Parameters
    ----------
    coverage, multiplexity, reciprocity, intensity : float
        Weights :math:`w_C, w_M, w_P, w_W`. Default 0.25 each: equal weighting is this library's
        convention (no published source weights these components).
    half_saturation : float
        :math:`h > 0`, the intensity W at which the intensity component reaches 1/2. Default 4:
        with the default exchange weight of 1, four exchanges make half the intensity score.
        This is this library's convention; rescale it when weights count something else (for
        example clients referred per quarter), e.g. to the median intensity of the data:
        ``LinkageWeights(half_saturation=float(df["intensity"].median()))``.

    Raises
    ------
    RecordError
        If a weight is negative or not finite, the weights do not sum to 1, or
        ``half_saturation`` is not a finite number > 0.

    Examples
    --------
    >>> from selfhelp_exchange.metrics import LinkageWeights
    >>> LinkageWeights(coverage=0.4, multiplexity=0.2, reciprocity=0.2, intensity=0.2).coverage
    0.4
    >>> LinkageWeights(coverage=0.5)
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.RecordError: adaptational linkage weights must sum to 1 (got coverage=0.5, multiplexity=0.25, reciprocity=0.25, intensity=0.25, sum 1.25)
    """

    coverage: float = attrs.field(default=0.25, converter=to_float)
    multiplexity: float = attrs.field(default=0.25, converter=to_float)
    reciprocity: float = attrs.field(default=0.25, converter=to_float)
    intensity: float = attrs.field(default=0.25, converter=to_float)
    half_saturation: float = attrs.field(default=4.0, converter=to_float)

    def __attrs_post_init__(self) -> None:
        check_weights(
            "adaptational linkage",
            {
                "coverage": self.coverage,
                "multiplexity": self.multiplexity,
                "reciprocity": self.reciprocity,
                "intensity": self.intensity,
            },
        )
        check_half_saturation("'half_saturation'", self.half_saturation)

    def index(
        self,
        coverage: npt.NDArray[np.float64],
        multiplexity_share: npt.NDArray[np.float64],
        reciprocity: npt.NDArray[Any],
        intensity_score: npt.NDArray[np.float64],
    ) -> npt.NDArray[np.float64]:
        """The weighted combination of the four components (each already in [0, 1])."""
        out = (
            self.coverage * coverage
            + self.multiplexity * multiplexity_share
            + self.reciprocity * reciprocity
            + self.intensity * intensity_score
        )
        # a sum of weights that is 1 only up to rounding must not push the index past 1
        return np.clip(out, 0.0, 1.0)


#: Columns of :func:`adaptational_linkage`, in order, with their dtypes.
ADAPTATIONAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency_id", "str"),
    ("group_id", "str"),
    ("n_exchanges", "int64"),
    ("subunits", "str"),
    ("coverage", "float64"),
    ("multiplexity", "int64"),
    ("multiplexity_share", "float64"),
    ("reciprocity", "int64"),
    ("intensity", "float64"),
    ("intensity_score", "float64"),
    ("index", "float64"),
)
#: Columns of :func:`adaptational_linkage` with ``by_role=True``.
ADAPTATIONAL_ROLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency_id", "str"),
    ("group_id", "str"),
    ("role", "str"),
    ("n_exchanges", "int64"),
    ("coverage", "float64"),
    ("multiplexity", "int64"),
    ("multiplexity_share", "float64"),
    ("reciprocity", "int64"),
    ("intensity", "float64"),
    ("intensity_score", "float64"),
    ("index", "float64"),
)


def _frame(spec: tuple[tuple[str, str], ...], values: Mapping[str, npt.ArrayLike]) -> pd.DataFrame:
    return make_frame([(name, values[name], dtype) for name, dtype in spec])


def dyad_components(d: Dyads, w: LinkageWeights) -> dict[str, npt.NDArray[Any]]:
    """Per-dyad coverage, multiplexity, reciprocity, intensity and ALI as numpy arrays."""
    coverage = d.role_touched.sum(axis=1) / N_ROLES
    multiplexity = d.kind_present.sum(axis=1).astype(np.int64)
    share = multiplexity / N_ADAPTATIONAL_KINDS
    reciprocity = (d.outward_any & d.inward_any).astype(np.int64)
    score = saturate(d.intensity, w.half_saturation)
    return {
        "coverage": coverage.astype(np.float64),
        "multiplexity": multiplexity,
        "multiplexity_share": share.astype(np.float64),
        "reciprocity": reciprocity,
        "intensity": d.intensity,
        "intensity_score": score,
        "index": w.index(coverage, share, reciprocity, score),
    }


def adaptational_linkage(
    net: ExchangeNetwork,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    *,
    weights: LinkageWeights | Mapping[str, float] | None = None,
    by_role: bool = False,
) -> pd.DataFrame:
    r"""Adaptational linkage of every linked (agency, group) dyad.

    Parameters
    ----------
    net : ExchangeNetwork
    start, end : date or 'YYYY-MM-DD', optional
        Time window. An exchange counts where its [start, end] overlaps the window; an undated
        exchange (or an open end) always counts.
    weights : LinkageWeights or mapping, optional
        Weights and saturation point of the index (default :class:`LinkageWeights`).
    by_role : bool
        If True, give the same measures per subunit: three rows (board, practitioners, clients)
        for every linked dyad, measured on the exchanges touching that subunit.

    Returns
    -------
    pandas.DataFrame
        One row per dyad with at least one adaptational exchange in the window, ordered by
        agency then group (network order). Columns:

        - ``agency_id``, ``group_id`` (str)
        - ``n_exchanges`` (int): exchanges in E(a, g).
        - ``subunits`` (str): subunits touched, ``;``-separated (board, practitioners, clients).
        - ``coverage`` (float): C(a, g).
        - ``multiplexity`` (int): M(a, g); ``multiplexity_share`` (float): M / ``|K_A|``.
        - ``reciprocity`` (int, 0 or 1): P(a, g).
        - ``intensity`` (float): W(a, g); ``intensity_score`` (float): W / (W + h).
        - ``index`` (float): ALI(a, g).

        With ``by_role=True`` the columns are ``agency_id, group_id, role, n_exchanges,
        coverage, multiplexity, multiplexity_share, reciprocity, intensity, intensity_score,
        index``, where for subunit r: coverage is 1 if some exchange of the dyad touches r, else
        0 (so the dyad's C is the mean over its three rows), multiplexity counts the distinct
        kinds touching r and its share divides by ``|K_A(r)|`` (board 3, practitioners 5, clients 4),
        reciprocity is 1 if r's exchanges run both ways, intensity sums their weights (summing to
        the dyad's W over the three rows), and index applies the same weights to these.

    Raises
    ------
    RecordError
        If a window bound is not a date, ``end`` is before ``start``, or the weights are invalid.

    Notes
    -----
    For agency a, group g, subunits R = {board, practitioners, clients} and adaptational kinds
    K_A (12 in the catalogue), E(a, g) is the set of adaptational exchanges in the window with
    one endpoint a or one of its subunits and the other g, in either direction. A whole-agency
    endpoint touches its kind's subunit. Then

    - coverage :math:`C = |\{r \in R : E(a, g) \text{ touches } r\}| / 3`
    - multiplexity :math:`M` = number of distinct kinds in E(a, g), share :math:`M / |K_A|`
    - reciprocity :math:`P = 1` if E(a, g) holds a flow from the agency side to g and one from
      g to the agency side, else 0
    - intensity :math:`W` = sum of the weights in E(a, g)
    - :math:`ALI = w_C C + w_M M/|K_A| + w_P P + w_W W/(W + h)`, in [0, 1]

    The components and the two lenses are Powell & Perron (2010) [1]_; the weights (0.25 each),
    the hyperbolic saturation of W and its half point h = 4 are this library's convention, set
    in :class:`LinkageWeights`. Exchanges between two agencies, two groups or with community
    actors are not part of any dyad. Computed with numpy on the exchange arrays, without a
    Python loop over exchanges.

    References
    ----------
    .. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance
       use agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3),
       315-329.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> df = shx.adaptational_linkage(net)
    >>> df.columns.tolist()
    ['agency_id', 'group_id', 'n_exchanges', 'subunits', 'coverage', 'multiplexity', 'multiplexity_share', 'reciprocity', 'intensity', 'intensity_score', 'index']
    >>> bool(df["index"].between(0, 1).all())
    True
    >>> roles = shx.adaptational_linkage(net, by_role=True)
    >>> len(roles) == 3 * len(df)
    True
    """
    w = as_weights(LinkageWeights, weights)
    d = adaptational_dyads(net, start, end)
    ids = net.node_ids
    agency_ids = ids[: net.n_agencies]
    group_ids = ids[net.n_agencies : net.n_agencies + net.n_groups]
    if not by_role:
        comp = dyad_components(d, w)
        return _frame(
            ADAPTATIONAL_COLUMNS,
            {
                "agency_id": agency_ids[d.dyad_agency],
                "group_id": group_ids[d.dyad_group],
                "n_exchanges": d.n_exchanges,
                "subunits": flags_to_names(d.role_touched, _ROLE_NAMES),
                **comp,
            },
        )
    return _frame(ADAPTATIONAL_ROLE_COLUMNS, _role_components(d, w, agency_ids, group_ids))


def _role_components(
    d: Dyads,
    w: LinkageWeights,
    agency_ids: npt.NDArray[np.object_],
    group_ids: npt.NDArray[np.object_],
) -> dict[str, npt.NDArray[Any]]:
    n = d.n_dyads
    # row dyad * 3 + role; each exchange touches exactly one subunit on the agency side
    row = d.dyad * N_ROLES + d.role
    size = n * N_ROLES
    kinds = np.zeros((size, d.kind_present.shape[1]), dtype=bool)
    kinds[row, d.kind] = True
    multiplexity = kinds.sum(axis=1).astype(np.int64)
    role_of_row = np.tile(np.arange(N_ROLES), n)
    share = multiplexity / ROLE_KIND_COUNT[role_of_row]
    out_any = np.zeros(size, dtype=bool)
    out_any[row[d.outward]] = True
    in_any = np.zeros(size, dtype=bool)
    in_any[row[~d.outward]] = True
    reciprocity = (out_any & in_any).astype(np.int64)
    count = np.bincount(row, minlength=size).astype(np.int64)
    coverage = (count > 0).astype(np.float64)
    intensity = np.bincount(row, weights=d.weight, minlength=size).astype(np.float64)
    score = saturate(intensity, w.half_saturation)
    return {
        "agency_id": np.repeat(agency_ids[d.dyad_agency], N_ROLES),
        "group_id": np.repeat(group_ids[d.dyad_group], N_ROLES),
        "role": np.array(_ROLE_NAMES, dtype=object)[role_of_row],
        "n_exchanges": count,
        "coverage": coverage,
        "multiplexity": multiplexity,
        "multiplexity_share": share.astype(np.float64),
        "reciprocity": reciprocity,
        "intensity": intensity,
        "intensity_score": score,
        "index": w.index(coverage, share, reciprocity, score),
    }


# ---------------------------------------------------------------------------- agency level
_TYPES = tuple(GroupType)
_FOCI = tuple(Focus)
_APPROACHES = tuple(Approach)

#: Columns of :func:`adaptational_summary`, in order, with their dtypes.
SUMMARY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency_id", "str"),
    ("groups_linked", "int64"),
    ("index_mean", "float64"),
    ("index_median", "float64"),
    ("index_min", "float64"),
    ("index_max", "float64"),
    ("coverage_mean", "float64"),
    ("multiplexity_mean", "float64"),
    ("reciprocal_share", "float64"),
    ("intensity_total", "float64"),
    *((f"type_{t.value}", "int64") for t in _TYPES),
    *((f"focus_{f.value}", "int64") for f in _FOCI),
    ("focus_unknown", "int64"),
    *((f"approach_{a.value}", "int64") for a in _APPROACHES),
    ("approach_unknown", "int64"),
)


def _positions(values: Iterable[Any], members: Sequence[Any]) -> npt.NDArray[np.int64]:
    """Each value's position in ``members`` (-1 for None).

    Enum members are singletons, so they are looked up by identity: the lookups then run in C,
    without the Python-level ``Enum.__hash__`` of a dict keyed by the members themselves.
    """
    pos = {id(m): i for i, m in enumerate(members)}
    pos[id(None)] = -1
    return np.array(list(map(pos.__getitem__, map(id, values))), dtype=np.int64)


def group_codes(net: ExchangeNetwork) -> dict[str, npt.NDArray[np.int64]]:
    """Per group: type, focus and approach codes (positions in their enums; -1 unknown)."""
    gs = net.groups
    return {
        "type": _positions(map(attrgetter("group_type"), gs), _TYPES),
        "focus": _positions(map(attrgetter("focus"), gs), _FOCI),
        "approach": _positions(map(attrgetter("approach"), gs), _APPROACHES),
    }


def _count_by(
    agency: npt.NDArray[np.int64], code: npt.NDArray[np.int64], n_agencies: int, n_codes: int
) -> npt.NDArray[np.int64]:
    """An (n_agencies, n_codes + 1) table of counts; the last column counts code -1."""
    code = np.where(code < 0, n_codes, code)
    flat = np.bincount(agency * (n_codes + 1) + code, minlength=n_agencies * (n_codes + 1))
    return flat.reshape(n_agencies, n_codes + 1).astype(np.int64)


def agency_statistics(
    net: ExchangeNetwork, d: Dyads, w: LinkageWeights
) -> dict[str, npt.NDArray[Any]]:
    """The columns of :func:`adaptational_summary` as numpy arrays, one entry per agency."""
    comp = dyad_components(d, w)
    n_a = net.n_agencies
    a = d.dyad_agency
    linked = np.bincount(a, minlength=n_a).astype(np.int64)
    has = linked > 0
    safe = np.where(has, linked, 1)

    def mean(values: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
        return np.bincount(a, weights=values.astype(np.float64), minlength=n_a) / safe

    index = comp["index"]
    # dyads are sorted by agency already; sort by (agency, index) for order statistics
    order = np.lexsort((index, a))
    srt = index[order]
    first = np.concatenate(([0], np.cumsum(linked)[:-1])) if n_a else np.zeros(0, np.int64)
    lo_pos = first + (linked - 1) // 2
    hi_pos = first + linked // 2
    last = first + linked - 1

    def take(pos: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        if srt.size == 0:
            return np.zeros(n_a, dtype=np.float64)
        return np.where(has, srt[np.where(has, pos, 0)], 0.0)

    codes = group_codes(net)
    g = d.dyad_group
    by_type = _count_by(a, codes["type"][g], n_a, len(_TYPES))
    by_focus = _count_by(a, codes["focus"][g], n_a, len(_FOCI))
    by_approach = _count_by(a, codes["approach"][g], n_a, len(_APPROACHES))
    out: dict[str, npt.NDArray[Any]] = {
        "agency_id": net.node_ids[:n_a],
        "groups_linked": linked,
        "index_mean": mean(index),
        "index_median": (take(lo_pos) + take(hi_pos)) / 2,
        "index_min": take(first),
        "index_max": take(last),
        "coverage_mean": mean(comp["coverage"]),
        "multiplexity_mean": mean(comp["multiplexity"]),
        "reciprocal_share": mean(comp["reciprocity"]),
        "intensity_total": np.bincount(a, weights=d.intensity, minlength=n_a).astype(np.float64),
    }
    for i, t in enumerate(_TYPES):
        out[f"type_{t.value}"] = by_type[:, i]
    for i, f in enumerate(_FOCI):
        out[f"focus_{f.value}"] = by_focus[:, i]
    out["focus_unknown"] = by_focus[:, -1]
    for i, ap in enumerate(_APPROACHES):
        out[f"approach_{ap.value}"] = by_approach[:, i]
    out["approach_unknown"] = by_approach[:, -1]
    return out


def adaptational_summary(
    net: ExchangeNetwork,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    *,
    weights: LinkageWeights | Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Adaptational linkage per agency: its distribution over the groups linked to it.

    Parameters
    ----------
    net : ExchangeNetwork
    start, end : date or 'YYYY-MM-DD', optional
        Time window, as for :func:`adaptational_linkage`.
    weights : LinkageWeights or mapping, optional
        Weights of the dyad index (default :class:`LinkageWeights`).

    Returns
    -------
    pandas.DataFrame
        One row per agency, in network order. Columns:

        - ``agency_id`` (str); ``groups_linked`` (int): groups with at least one exchange.
        - ``index_mean``, ``index_median``, ``index_min``, ``index_max`` (float): ALI over the
          linked groups.
        - ``coverage_mean``, ``multiplexity_mean`` (float): means over the linked groups.
        - ``reciprocal_share`` (float): share of linked groups with P = 1.
        - ``intensity_total`` (float): sum of W over the linked groups.
        - ``type_<group type>`` (int, one per :class:`GroupType`), ``focus_<focus>`` and
          ``focus_unknown``, ``approach_<approach>`` and ``approach_unknown``: linked groups
          counted by type, focus and approach (each family sums to ``groups_linked``).

        An agency linked to no group has 0 in every column: no linkage. ``groups_linked`` tells
        that apart from weak linkage.

    Raises
    ------
    RecordError
        As :func:`adaptational_linkage`.

    Notes
    -----
    The counts by focus and approach answer the question of choice: can the agency's clients
    reach twelve-step, non-twelve-step and mental-health groups? Median: the middle value, or
    the mean of the two middle values for an even count.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> df = shx.adaptational_summary(shx.load_example("riverside"))
    >>> len(df) == shx.load_example("riverside").n_agencies
    True
    >>> bool((df["index_min"] <= df["index_max"]).all())
    True
    """
    w = as_weights(LinkageWeights, weights)
    d = adaptational_dyads(net, start, end)
    return _frame(SUMMARY_COLUMNS, agency_statistics(net, d, w))
