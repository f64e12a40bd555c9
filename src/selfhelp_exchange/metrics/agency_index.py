"""Agency-level adaptational linkage: breadth, depth, choice, subunits, active routes, one index.

From the (agency, group) dyads of :mod:`~selfhelp_exchange.metrics.adaptational`, each agency's
linkage as a whole: how many groups and what kinds (breadth), how much it does with them
(depth), whether it offers the choices its clients need, which subunits take part, whether it
has an active route to a group, and the agency index that combines them and never falls when
the agency does more. The components and their weights are this library's convention (see
:class:`AgencyWeights`), not a source's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.metrics._common import (
    as_weights,
    check_half_saturation,
    check_weights,
    flags_to_names,
    saturate,
    to_float,
)
from selfhelp_exchange.metrics._dyads import (
    N_ROLES,
    Dyads,
    adaptational_dyads,
)
from selfhelp_exchange.metrics.choices import CHOICE_OPTIONS, Choices, expected_choices
from selfhelp_exchange.vocabulary import Approach, Focus, GroupType

if TYPE_CHECKING:
    import pandas as pd

    from selfhelp_exchange.network import ExchangeNetwork

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.metrics.adaptational import (
    LinkageWeights,
    _frame,
    dyad_components,
)

__all__ = [
    "ACTIVE_KINDS",
    "SUMMARY_COLUMNS",
    "AgencyWeights",
    "adaptational_summary",
    "agency_statistics",
    "breadth_depth",
    "group_codes",
]

# ---------------------------------------------------------------------------- agency level
#: Exchange kinds that are *active routes* from an agency to a group: hosting, in-reach, peer
#: bridging and facilitated introduction (see :func:`agency_scorecard`).
ACTIVE_KINDS: tuple[ExchangeKind, ...] = (
    ExchangeKind.FACILITATED_INTRODUCTION,
    ExchangeKind.MEETING_SPACE,
    ExchangeKind.IN_REACH,
    ExchangeKind.PEER_BRIDGING,
)


@attrs.frozen
class AgencyWeights:
    r"""Weights and saturation points of the agency-level adaptational index.

    .. math::

        A = w_D\,\frac{T}{T + h_D} + w_G\,\frac{G}{G + h_G} + w_K\,K + w_S\,\frac{S}{3}
            + w_A\,\mathbb{1}[\text{active route}]

    with T the sum of the agency's dyad indices (depth), G the groups linked, K the share of
    its expected choice options covered, S the subunits engaged (breadth). The five weights
    must be finite, non-negative and sum to 1, so A lies in [0, 1].

    Parameters
    ----------
    depth, groups, choice, subunits, active : float
        Weights :math:`w_D, w_G, w_K, w_S, w_A`. Defaults 0.4 for depth and 0.15 for each of
        the four breadth components (0.6 for breadth in all): this library's convention, so
        that neither many thin links nor one rich link alone gives a high score.
    depth_half_saturation : float
        :math:`h_D > 0`: the summed dyad index at which depth is 1/2. Default 1 (one link of
        index 1, or two of 0.5). This library's convention.
    group_half_saturation : float
        :math:`h_G > 0`: the number of linked groups at which the group component is 1/2.
        Default 2. This library's convention.

    Raises
    ------
    RecordError
        If a weight is negative or not finite, the weights do not sum to 1, or a
        half-saturation point is not a finite number > 0.

    Examples
    --------
    >>> from selfhelp_exchange.metrics import AgencyWeights
    >>> AgencyWeights().depth
    0.4
    >>> AgencyWeights(depth=0.6, groups=0.1, choice=0.1, subunits=0.1, active=0.1).active
    0.1
    """

    depth: float = attrs.field(default=0.4, converter=to_float)
    groups: float = attrs.field(default=0.15, converter=to_float)
    choice: float = attrs.field(default=0.15, converter=to_float)
    subunits: float = attrs.field(default=0.15, converter=to_float)
    active: float = attrs.field(default=0.15, converter=to_float)
    depth_half_saturation: float = attrs.field(default=1.0, converter=to_float)
    group_half_saturation: float = attrs.field(default=2.0, converter=to_float)

    def __attrs_post_init__(self) -> None:
        check_weights(
            "agency linkage",
            {
                "depth": self.depth,
                "groups": self.groups,
                "choice": self.choice,
                "subunits": self.subunits,
                "active": self.active,
            },
        )
        check_half_saturation("'depth_half_saturation'", self.depth_half_saturation)
        check_half_saturation("'group_half_saturation'", self.group_half_saturation)

    def index(
        self,
        depth: npt.NDArray[np.float64],
        group_score: npt.NDArray[np.float64],
        choice_coverage: npt.NDArray[np.float64],
        subunit_coverage: npt.NDArray[np.float64],
        active: npt.NDArray[Any],
    ) -> npt.NDArray[np.float64]:
        """The weighted combination of the five components (each already in [0, 1])."""
        out = (
            self.depth * depth
            + self.groups * group_score
            + self.choice * choice_coverage
            + self.subunits * subunit_coverage
            + self.active * active
        )
        return np.clip(out, 0.0, 1.0)


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
    ("depth_total", "float64"),
    ("depth", "float64"),
    ("group_score", "float64"),
    ("choices_expected", "str"),
    ("choices_offered", "str"),
    ("choice_coverage", "float64"),
    ("subunit_coverage", "float64"),
    ("active_route", "bool"),
    ("active_routes", "str"),
    ("adaptational_index", "float64"),
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
    net: ExchangeNetwork,
    d: Dyads,
    w: LinkageWeights,
    aw: AgencyWeights | None = None,
    choices: Choices = None,
    comp: dict[str, npt.NDArray[Any]] | None = None,
) -> dict[str, npt.NDArray[Any]]:
    """The columns of :func:`adaptational_summary` as numpy arrays, one entry per agency.

    Only ``d``'s per-dyad arrays are read (``dyad_agency``, ``dyad_group``, ``intensity``,
    ``role_touched``, ``kind_present``), with the dyad components ``comp`` (computed from ``d``
    when not given): so :mod:`selfhelp_exchange.scale` can pass the merged statistics of a
    partitioned dataset.
    """
    aw = AgencyWeights() if aw is None else aw
    comp = dyad_components(d, w) if comp is None else comp
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
        "reciprocal_share": mean(comp["two_way"]),
        "intensity_total": np.bincount(a, weights=d.intensity, minlength=n_a).astype(np.float64),
        **breadth_depth(net, d, index, by_focus, by_approach, aw, choices),
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


def _any_by(
    agency: npt.NDArray[np.int64], flags: npt.NDArray[np.bool_], n: int
) -> npt.NDArray[np.bool_]:
    """Per agency and column, whether any of its dyads has the flag (a bincount per column)."""
    out = np.zeros((n, flags.shape[1]), dtype=bool)
    for j in range(flags.shape[1]):
        out[:, j] = np.bincount(agency, weights=flags[:, j], minlength=n) > 0
    return out


@needs_network
def breadth_depth(
    net: ExchangeNetwork,
    d: Dyads,
    dyad_index: npt.NDArray[np.float64],
    by_focus: npt.NDArray[np.int64],
    by_approach: npt.NDArray[np.int64],
    aw: AgencyWeights,
    choices: Choices,
) -> dict[str, npt.NDArray[Any]]:
    """Depth, breadth and the agency index, per agency (see :func:`adaptational_summary`)."""
    n_a = net.n_agencies
    a = d.dyad_agency
    linked = np.bincount(a, minlength=n_a)
    total = np.bincount(a, weights=dyad_index, minlength=n_a).astype(np.float64)
    depth = saturate(total, aw.depth_half_saturation)
    group_score = saturate(linked, aw.group_half_saturation)
    fi = {f: i for i, f in enumerate(_FOCI)}
    ai = {ap: i for i, ap in enumerate(_APPROACHES)}
    offered = np.column_stack(
        [
            by_approach[:, ai[Approach.TWELVE_STEP]] > 0,
            by_approach[:, ai[Approach.NON_TWELVE_STEP]] > 0,
            (by_focus[:, fi[Focus.MENTAL_HEALTH]] + by_focus[:, fi[Focus.CO_OCCURRING]]) > 0,
            by_focus[:, fi[Focus.FAMILY]] > 0,
        ]
    ).reshape(n_a, len(CHOICE_OPTIONS))
    expected = expected_choices(net, choices)
    met = (offered & expected).sum(axis=1)
    choice_coverage = met / np.maximum(expected.sum(axis=1), 1)
    # an agency touches a subunit (has a kind) where one of its dyads does: ORs over dyads
    touched = _any_by(a, d.role_touched, n_a)
    subunit_coverage = touched.sum(axis=1) / N_ROLES
    active_kinds = _any_by(a, d.kind_present[:, [k.code for k in ACTIVE_KINDS]], n_a)
    active: npt.NDArray[np.bool_] = np.asarray(active_kinds.any(axis=1), dtype=bool)
    return {
        "depth_total": total,
        "depth": depth,
        "group_score": group_score.astype(np.float64),
        "choices_expected": flags_to_names(expected, CHOICE_OPTIONS),
        "choices_offered": flags_to_names(offered & expected, CHOICE_OPTIONS),
        "choice_coverage": choice_coverage.astype(np.float64),
        "subunit_coverage": subunit_coverage.astype(np.float64),
        "active_route": active,
        "active_routes": flags_to_names(active_kinds, [k.value for k in ACTIVE_KINDS]),
        "adaptational_index": aw.index(
            depth, group_score, choice_coverage, subunit_coverage, active
        ),
        "_offered": offered,
        "_expected": expected,
        "_touched": touched,
    }


@positional_deprecated("start", "end")
@needs_network
def adaptational_summary(
    net: ExchangeNetwork,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: LinkageWeights | Mapping[str, Any] | None = None,
    agency_weights: AgencyWeights | Mapping[str, float] | None = None,
    choices: Choices = None,
) -> pd.DataFrame:
    r"""Adaptational linkage per agency: breadth, depth, the agency index and its dyads.

    Parameters
    ----------
    net : ExchangeNetwork
    start, end : date or 'YYYY-MM-DD', optional
        Time window, as for :func:`adaptational_linkage`.
    weights : LinkageWeights or mapping, optional
        Weights of the dyad index (default :class:`LinkageWeights`).
    agency_weights : AgencyWeights or mapping, optional
        Weights of the agency index (default :class:`AgencyWeights`).
    choices : options, or mapping of sector to options, optional
        Which of ``twelve_step``, ``non_twelve_step``, ``mental_health`` and ``family`` an
        agency is expected to offer: one list for every agency, or a list per sector (sectors
        not named keep the default). Default
        :data:`~selfhelp_exchange.metrics.choices.SECTOR_CHOICES`: substance use twelve-step,
        non-twelve-step and family; mental health mental-health and family; co-occurring and
        other all four (this library's convention, reasons in
        :mod:`selfhelp_exchange.metrics.choices`).

    Returns
    -------
    pandas.DataFrame
        One row per agency, in network order. Columns:

        - ``agency_id`` (str); ``groups_linked`` (int): groups with at least one exchange.
        - ``index_mean``, ``index_median``, ``index_min``, ``index_max`` (float): ALI over the
          linked groups.
        - ``coverage_mean``, ``multiplexity_mean`` (float): means over the linked groups.
        - ``reciprocal_share`` (float): share of linked groups with flows both ways
          (``two_way``).
        - ``intensity_total`` (float): sum of W over the linked groups.
        - Depth: ``depth_total`` (float): T, the sum of ALI over the linked groups;
          ``depth`` (float): T / (T + h_D).
        - Breadth: ``group_score`` (float): G / (G + h_G), G = ``groups_linked``;
          ``choices_expected`` and ``choices_offered`` (str, ``;``-separated): the options
          expected of the agency and those of them its linked groups offer;
          ``choice_coverage`` (float): offered / expected; ``subunit_coverage`` (float):
          subunits touched by some exchange with some group, / 3; ``active_route`` (bool) and
          ``active_routes`` (str): the active kinds (``facilitated_introduction``,
          ``meeting_space``, ``in_reach``, ``peer_bridging``) it has with any group.
        - ``adaptational_index`` (float): the agency index A (:class:`AgencyWeights`).
        - ``type_<group type>`` (int, one per :class:`GroupType`), ``focus_<focus>`` and
          ``focus_unknown``, ``approach_<approach>`` and ``approach_unknown``: linked groups
          counted by type, focus and approach (each family sums to ``groups_linked``).

        An agency linked to no group has 0 (or empty text) in every column but
        ``choices_expected``: no linkage. ``groups_linked`` tells that apart from weak linkage.

    Raises
    ------
    RecordError
        As :func:`adaptational_linkage`.

    Notes
    -----
    The agency index combines depth and breadth:

    .. math::

        A = w_D\,\frac{T}{T + h_D} + w_G\,\frac{G}{G + h_G} + w_K\,K + w_S\,\frac{S}{3}
            + w_A\,\mathbb{1}[\text{active route}]

    Every term is a non-decreasing function of the agency's own exchanges with groups: adding
    an exchange (any kind, either direction, any weight, to a new or a linked group) raises or
    keeps each dyad index, the sum T, G, the options covered, the subunits touched and the
    active routes, so it never lowers A; closing a reported gap (a subunit, an option, an
    active route, a two-way flow) raises it. Nothing is divided by a quantity that grows with
    the agency's work (a mean over dyads would fall with a new, thin link), and nothing of
    another agency enters. The ``index_*`` columns describe the distribution of the dyad
    indices and are not monotone (a mean, a minimum). Median: the middle value, or the mean of
    the two middle values for an even count. The form, weights and saturation points are this
    library's convention.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> df = shx.adaptational_summary(shx.load_example("riverside"))
    >>> len(df) == shx.load_example("riverside").n_agencies
    True
    >>> bool((df["index_min"] <= df["index_max"]).all())
    True
    >>> bool(df["adaptational_index"].between(0, 1).all())
    True
    """
    w = as_weights(LinkageWeights, weights)
    aw = as_weights(AgencyWeights, agency_weights)
    d = adaptational_dyads(net, start, end)
    return _frame(SUMMARY_COLUMNS, agency_statistics(net, d, w, aw, choices))
