"""Adaptational linkage: how an agency's subunits and a self-help group exchange.

Powell & Perron (2010) frame agency / self-help exchange with two theories; the *adaptational*
one frames exchanges between self-help groups and an agency's subunits (board, practitioner and
client units). This module measures each linked (agency, group) dyad: which subunits are touched
(coverage), how many kinds of exchange (multiplexity), how far flows run both ways
(reciprocity), how much (intensity), and one index that combines them; and each agency: the
breadth and depth of its linkage and an agency index that never falls when it does more. The
measures, their weights and the kind weights are this library's operationalisation and
convention, not the paper's.

References
----------
.. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance use
   agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3), 315-329.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import RecordError
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
from selfhelp_exchange.network_arrays import KIND_ADAPTATIONAL, KIND_ROLE
from selfhelp_exchange.vocabulary import ROLE_ORDER, Theory

if TYPE_CHECKING:
    import pandas as pd

    from selfhelp_exchange.network import ExchangeNetwork

__all__ = [
    "ADAPTATIONAL_COLUMNS",
    "ADAPTATIONAL_ROLE_COLUMNS",
    "KIND_WEIGHTS",
    "LinkageWeights",
    "adaptational_linkage",
]

#: |K_A|: the number of adaptational exchange kinds in the catalogue (12).
N_ADAPTATIONAL_KINDS = int(ROLE_KIND_COUNT.sum())
_ROLE_NAMES = [r.value for r in ROLE_ORDER]

#: Default kind weights of the dyad index (this library's convention; see
#: :class:`LinkageWeights`): 2 for kinds that commit the agency or its partner to something
#: (a board seat, a policy, resources, hosting, an active introduction, in-reach, peer bridging),
#: 1 for the routine practitioner and client kinds, 0.5 for an information row.
KIND_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "board_seat": 2.0,
        "policy_support": 2.0,
        "resource_support": 2.0,
        "referral": 1.0,
        "facilitated_introduction": 2.0,
        "information": 0.5,
        "consultation": 1.0,
        "staff_education": 1.0,
        "meeting_space": 2.0,
        "in_reach": 2.0,
        "peer_bridging": 2.0,
        "attendance": 1.0,
    }
)
_ADAPTATIONAL_NAMES = tuple(k.value for k in ExchangeKind if k.theory is Theory.ADAPTATIONAL)


def _kind_weights(value: object) -> Mapping[str, float]:
    """The default kind weights, updated with ``value``; every name and weight checked."""
    out = dict(KIND_WEIGHTS)
    if value is None:
        return MappingProxyType(out)
    if not isinstance(value, Mapping):
        msg = f"kind_weights must be a mapping of exchange kind to weight (got {value!r})"
        raise RecordError(msg)
    for name, raw in value.items():
        key = str(getattr(name, "value", name))
        if key not in out:
            msg = (
                f"kind_weights names {name!r}, not an adaptational exchange kind "
                f"(valid: {', '.join(_ADAPTATIONAL_NAMES)})"
            )
            raise RecordError(msg)
        weight = to_float(raw)
        if not (math.isfinite(weight) and weight > 0):
            msg = f"kind_weights[{key!r}] must be a finite number > 0 (got {raw!r})"
            raise RecordError(msg)
        out[key] = weight
    return MappingProxyType(out)


@attrs.frozen
class LinkageWeights:
    r"""Weights, kind weights and saturation points of the adaptational linkage index (ALI).

    .. math::

        ALI = w_C\,C + w_M\,M^* + w_P\,\frac{m}{m + h_P} + w_W\,\frac{W^*}{W^* + h}

    where, with :math:`\kappa_k` the weight of kind k, :math:`M^*` is the kind-weighted share
    of the adaptational kinds present, :math:`W^*` the kind-weighted intensity and m the
    kind-weighted intensity of the lighter direction (see :func:`adaptational_linkage`). The
    four component weights must be finite, non-negative and sum to 1, so ALI lies in [0, 1].

    Parameters
    ----------
    coverage, multiplexity, reciprocity, intensity : float
        Weights :math:`w_C, w_M, w_P, w_W`. Defaults 0.25, 0.30, 0.15 and 0.30: this library's
        convention (no published source weights these components). Reciprocity weighs least
        because a one-way flow of commitment (a grant, hosting, introductions) is linkage in
        its own right: what is exchanged, and how much, counts for more than whether something
        is recorded coming back.
    half_saturation : float
        :math:`h > 0`, the kind-weighted intensity :math:`W^*` at which the intensity component
        reaches 1/2. Default 4: four routine exchanges of weight 1 (or two committing ones) make
        half the intensity score. This library's convention; rescale it when weights count
        something else (for example clients referred per quarter), e.g. to the median of the
        data: ``LinkageWeights(half_saturation=float(df["weighted_intensity"].median()))``.
    reciprocity_half_saturation : float
        :math:`h_P > 0`, the kind-weighted intensity of the lighter direction at which the
        reciprocity component reaches 1/2. Default 2: one committing exchange each way (or two
        routine ones) make half; a single information row back (0.5) gives 0.2. This library's
        convention.
    kind_weights : mapping of str to float, optional
        :math:`\kappa_k > 0` per adaptational kind; kinds not named keep the default
        (:data:`KIND_WEIGHTS`): 2 for ``board_seat``, ``policy_support``,
        ``resource_support``, ``meeting_space``, ``facilitated_introduction``, ``in_reach`` and
        ``peer_bridging``; 1 for ``referral``, ``consultation``, ``staff_education`` and
        ``attendance``; 0.5 for ``information``. This library's convention. Rationale: the
        first group commits the agency's board, money, premises or staff time, or brings the
        group's members in to clients (the active routes of :func:`agency_scorecard`); an
        information row costs nothing and, as Public Health England (2013) reports citing
        Humphreys (1999), simply giving information often ends in clients never attending.

    Raises
    ------
    RecordError
        If a weight is negative or not finite, the weights do not sum to 1, a half-saturation
        point is not a finite number > 0, or ``kind_weights`` names an unknown kind or a weight
        that is not a finite number > 0.

    Examples
    --------
    >>> from selfhelp_exchange.metrics import LinkageWeights
    >>> LinkageWeights(coverage=0.4, multiplexity=0.2, reciprocity=0.2, intensity=0.2).coverage
    0.4
    >>> LinkageWeights(kind_weights={"information": 1.0}).kind_weights["information"]
    1.0
    >>> LinkageWeights(coverage=0.5)
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.RecordError: adaptational linkage weights must sum to 1 (got coverage=0.5, multiplexity=0.3, reciprocity=0.15, intensity=0.3, sum 1.25)
    """

    coverage: float = attrs.field(default=0.25, converter=to_float)
    multiplexity: float = attrs.field(default=0.3, converter=to_float)
    reciprocity: float = attrs.field(default=0.15, converter=to_float)
    intensity: float = attrs.field(default=0.3, converter=to_float)
    half_saturation: float = attrs.field(default=4.0, converter=to_float)
    reciprocity_half_saturation: float = attrs.field(default=2.0, converter=to_float)
    kind_weights: Mapping[str, float] = attrs.field(
        default=None, converter=_kind_weights, hash=False
    )

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
        check_half_saturation("'reciprocity_half_saturation'", self.reciprocity_half_saturation)

    @property
    def kind_weight_array(self) -> npt.NDArray[np.float64]:
        """Kind weight per kind code (0 for the institutional kind)."""
        out = np.zeros(len(ExchangeKind), dtype=np.float64)
        for k in ExchangeKind:
            out[k.code] = self.kind_weights.get(k.value, 0.0)
        return out

    def index(
        self,
        coverage: npt.NDArray[np.float64],
        multiplexity_score: npt.NDArray[np.float64],
        reciprocity: npt.NDArray[Any],
        intensity_score: npt.NDArray[np.float64],
    ) -> npt.NDArray[np.float64]:
        """The weighted combination of the four components (each already in [0, 1])."""
        out = (
            self.coverage * coverage
            + self.multiplexity * multiplexity_score
            + self.reciprocity * reciprocity
            + self.intensity * intensity_score
        )
        # a sum of weights that is 1 only up to rounding must not push the index past 1
        return np.clip(out, 0.0, 1.0)


_COMPONENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("n_exchanges", "int64"),
    ("coverage", "float64"),
    ("multiplexity", "int64"),
    ("multiplexity_share", "float64"),
    ("multiplexity_score", "float64"),
    ("two_way", "bool"),
    ("outward", "float64"),
    ("inward", "float64"),
    ("reciprocity", "float64"),
    ("intensity", "float64"),
    ("weighted_intensity", "float64"),
    ("intensity_score", "float64"),
    ("index", "float64"),
)
#: Columns of :func:`adaptational_linkage`, in order, with their dtypes.
ADAPTATIONAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency_id", "str"),
    ("group_id", "str"),
    _COMPONENT_COLUMNS[0],
    ("subunits", "str"),
    *_COMPONENT_COLUMNS[1:],
)
#: Columns of :func:`adaptational_linkage` with ``by_role=True``.
ADAPTATIONAL_ROLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency_id", "str"),
    ("group_id", "str"),
    ("role", "str"),
    *_COMPONENT_COLUMNS,
)


def _frame(spec: tuple[tuple[str, str], ...], values: Mapping[str, npt.ArrayLike]) -> pd.DataFrame:
    return make_frame([(name, values[name], dtype) for name, dtype in spec])


def _components(
    w: LinkageWeights,
    row: npt.NDArray[np.int64],
    n_rows: int,
    d: Dyads,
    kind_total: npt.NDArray[np.float64],
) -> dict[str, npt.NDArray[Any]]:
    """Every component for exchanges grouped into ``n_rows`` rows (``row`` per exchange).

    ``kind_total`` is, per row, the summed kind weight of every kind the row could hold (the
    denominator of the weighted multiplexity share).
    """
    n_kinds = w.kind_weight_array.shape[0]
    present = np.zeros(n_rows * n_kinds, dtype=bool)
    present[row * n_kinds + d.kind] = True
    cell = row * n_kinds + d.kind
    out_kind = np.bincount(cell[d.outward], d.weight[d.outward], minlength=n_rows * n_kinds)
    in_kind = np.bincount(cell[~d.outward], d.weight[~d.outward], minlength=n_rows * n_kinds)
    return components_from_sums(
        w,
        kind_present=present.reshape(n_rows, n_kinds),
        out_kind_weight=out_kind.reshape(n_rows, n_kinds).astype(np.float64),
        in_kind_weight=in_kind.reshape(n_rows, n_kinds).astype(np.float64),
        outward_any=np.bincount(row[d.outward], minlength=n_rows) > 0,
        inward_any=np.bincount(row[~d.outward], minlength=n_rows) > 0,
        n_exchanges=np.bincount(row, minlength=n_rows).astype(np.int64),
        intensity=np.bincount(row, d.weight, minlength=n_rows).astype(np.float64),
        kind_total=kind_total,
    )


def components_from_sums(
    w: LinkageWeights,
    *,
    kind_present: npt.NDArray[np.bool_],
    out_kind_weight: npt.NDArray[np.float64],
    in_kind_weight: npt.NDArray[np.float64],
    outward_any: npt.NDArray[np.bool_],
    inward_any: npt.NDArray[np.bool_],
    n_exchanges: npt.NDArray[np.int64],
    intensity: npt.NDArray[np.float64],
    kind_total: npt.NDArray[np.float64],
) -> dict[str, npt.NDArray[Any]]:
    """The components from per-row sufficient statistics (sums and ORs, mergeable in any order).

    ``out_kind_weight`` / ``in_kind_weight`` hold, per row and kind, the summed exchange
    weights from the agency side and back; the kind weights apply after the sums, so
    :mod:`selfhelp_exchange.scale` can merge partitions' sums and weigh them once.
    """
    kappa = w.kind_weight_array
    outward = out_kind_weight @ kappa
    inward = in_kind_weight @ kappa
    lighter = np.minimum(outward, inward)
    w_star = outward + inward
    return {
        "n_exchanges": n_exchanges.astype(np.int64),
        "multiplexity": kind_present.sum(axis=1).astype(np.int64),
        "multiplexity_score": (kind_present @ kappa) / kind_total,
        "two_way": outward_any & inward_any,
        "outward": outward.astype(np.float64),
        "inward": inward.astype(np.float64),
        "reciprocity": saturate(lighter, w.reciprocity_half_saturation),
        "intensity": intensity.astype(np.float64),
        "weighted_intensity": w_star.astype(np.float64),
        "intensity_score": saturate(w_star, w.half_saturation),
    }


def dyad_components(d: Dyads, w: LinkageWeights) -> dict[str, npt.NDArray[Any]]:
    """Per-dyad components and ALI as numpy arrays (the columns of :func:`adaptational_linkage`)."""
    kappa = w.kind_weight_array
    comp = _components(w, d.dyad, d.n_dyads, d, np.full(d.n_dyads, kappa.sum(), dtype=np.float64))
    return finish_dyad_components(comp, d.role_touched, w)


def finish_dyad_components(
    comp: dict[str, npt.NDArray[Any]], role_touched: npt.NDArray[np.bool_], w: LinkageWeights
) -> dict[str, npt.NDArray[Any]]:
    """Add coverage, the multiplexity share and ALI to a dyad's components."""
    coverage = (role_touched.sum(axis=1) / N_ROLES).astype(np.float64)
    comp["coverage"] = coverage
    comp["multiplexity_share"] = (comp["multiplexity"] / N_ADAPTATIONAL_KINDS).astype(np.float64)
    comp["index"] = w.index(
        coverage, comp["multiplexity_score"], comp["reciprocity"], comp["intensity_score"]
    )
    return comp


@positional_deprecated("start", "end")
@needs_network
def adaptational_linkage(
    net: ExchangeNetwork,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: LinkageWeights | Mapping[str, Any] | None = None,
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
        Weights, kind weights and saturation points of the index (default
        :class:`LinkageWeights`).
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
        - ``multiplexity`` (int): M(a, g); ``multiplexity_share`` (float): M / ``|K_A|``;
          ``multiplexity_score`` (float): the kind-weighted share :math:`M^*`.
        - ``two_way`` (bool): flows recorded both ways.
        - ``outward``, ``inward`` (float): kind-weighted intensity from the agency side to the
          group and back.
        - ``reciprocity`` (float, [0, 1)): graded reciprocity P(a, g).
        - ``intensity`` (float): W(a, g), the plain sum of weights; ``weighted_intensity``
          (float): :math:`W^*`; ``intensity_score`` (float): :math:`W^*/(W^* + h)`.
        - ``index`` (float): ALI(a, g).

        With ``by_role=True`` the columns are ``agency_id, group_id, role`` and the same
        components (without ``subunits``), measured on the exchanges touching subunit r:
        coverage is 1 if some exchange of the dyad touches r, else 0 (so the dyad's C is the
        mean over its three rows), multiplexity counts the distinct kinds touching r, its share
        divides by ``|K_A(r)|`` (board 3, practitioners 5, clients 4) and its score by the summed
        kind weights of r's kinds; the intensities sum to the dyad's over the three rows.

    Raises
    ------
    ArgumentError
        If a window bound is not a date, or ``end`` is before ``start``.
    RecordError
        If the weights are invalid.

    Notes
    -----
    For agency a, group g, subunits R = {board, practitioners, clients} and adaptational kinds
    K_A (12 in the catalogue), E(a, g) is the set of adaptational exchanges in the window with
    one endpoint a or one of its subunits and the other g, in either direction. A whole-agency
    endpoint touches its kind's subunit. With :math:`\kappa_k` the weight of kind k
    (:attr:`LinkageWeights.kind_weights`) and :math:`x_e` the weight of exchange e:

    - coverage :math:`C = |\{r \in R : E(a, g) \text{ touches } r\}| / 3`
    - multiplexity :math:`M` = number of distinct kinds in E(a, g), share :math:`M / |K_A|`,
      and the kind-weighted share
      :math:`M^* = \sum_{k \in K(a,g)} \kappa_k / \sum_{k \in K_A} \kappa_k`
    - directional intensities :math:`O = \sum_{e\ \mathrm{out}} \kappa_{k_e} x_e` (agency side
      to g) and :math:`I = \sum_{e\ \mathrm{in}} \kappa_{k_e} x_e` (g to the agency side),
      :math:`W^* = O + I`
    - graded reciprocity :math:`P = m / (m + h_P)` with :math:`m = \min(O, I)`, the lighter
      direction: 0 when flows run one way, growing as the lighter direction grows
    - :math:`ALI = w_C C + w_M M^* + w_P P + w_W W^*/(W^* + h)`, in [0, 1]

    Every component is non-decreasing in each exchange added to the dyad (a minimum of two
    sums that only grow, and saturations of them), so adding an exchange never lowers ALI.
    Reciprocity is graded on the lighter direction, not on balance (a ratio such as
    min/max would fall when the heavier side does more). The lenses and subunits are
    Powell & Perron's (2010) [1]_; the components, their weights, the kind weights and
    the saturation points are this library's convention, set in :class:`LinkageWeights`.
    Exchanges between two agencies, two groups or with community actors are not part of any
    dyad. Computed with numpy on the exchange arrays, without a Python loop over exchanges.

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
    >>> df.columns.tolist()[:6]
    ['agency_id', 'group_id', 'n_exchanges', 'subunits', 'coverage', 'multiplexity']
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
    role_of_row = np.tile(np.arange(N_ROLES), n)
    kappa = w.kind_weight_array
    role_total = np.bincount(KIND_ROLE[KIND_ADAPTATIONAL], kappa[KIND_ADAPTATIONAL], N_ROLES)
    comp = _components(w, row, size, d, role_total[role_of_row].astype(np.float64))
    coverage = (comp["n_exchanges"] > 0).astype(np.float64)
    comp["coverage"] = coverage
    comp["multiplexity_share"] = (comp["multiplexity"] / ROLE_KIND_COUNT[role_of_row]).astype(
        np.float64
    )
    comp["index"] = w.index(
        coverage, comp["multiplexity_score"], comp["reciprocity"], comp["intensity_score"]
    )
    return {
        "agency_id": np.repeat(agency_ids[d.dyad_agency], N_ROLES),
        "group_id": np.repeat(group_ids[d.dyad_group], N_ROLES),
        "role": np.array(_ROLE_NAMES, dtype=object)[role_of_row],
        **comp,
    }


_MOVED = frozenset(
    {
        "ACTIVE_KINDS",
        "SUMMARY_COLUMNS",
        "AgencyWeights",
        "adaptational_summary",
        "agency_statistics",
        "breadth_depth",
        "group_codes",
    }
)


def __getattr__(name: str) -> Any:
    # the agency level moved to metrics.agency_index; its old import path keeps working
    if name in _MOVED:
        from selfhelp_exchange.metrics import agency_index

        return getattr(agency_index, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
