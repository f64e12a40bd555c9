"""Institutional linkage: joint agency / self-help initiatives and the community they reach.

Powell & Perron (2010) use institutional theory to frame joint agency/self-help initiatives that
promote community acceptance of self-help groups, which in turn may enhance the credibility of
the professional agency. This module reads such joint work from the
network's :class:`~selfhelp_exchange.Initiative` records: how much of an agency's initiative
work is joint, with how many groups, and which parts of the community (community-actor kinds)
it reaches, including those the agency does not reach on its own.

References
----------
.. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance use
   agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3), 315-329.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.metrics._common import (
    as_weights,
    check_half_saturation,
    check_weights,
    flags_to_names,
    group_keys,
    initiative_window,
    make_frame,
    saturate,
    to_float,
)
from selfhelp_exchange.network import NODE_TYPE_CODES
from selfhelp_exchange.vocabulary import ActorKind, NodeType

if TYPE_CHECKING:
    import pandas as pd

    from selfhelp_exchange.network import ExchangeNetwork

__all__ = [
    "INSTITUTIONAL_COLUMNS",
    "INSTITUTIONAL_DYAD_COLUMNS",
    "InstitutionalWeights",
    "institutional_linkage",
]

_KINDS = tuple(ActorKind)
_KIND_NAMES = [k.value for k in _KINDS]
#: Number of community-actor kinds (the denominator of ``reach_share``).
N_ACTOR_KINDS = len(_KINDS)


@attrs.frozen
class InstitutionalWeights:
    r"""Weights and saturation point of the institutional linkage index.

    .. math::

        I = w_J\,\mathrm{joint\_share} + w_G\,\frac{G}{G + h} + w_R\,\frac{K}{9}

    where G is the number of groups co-sponsoring with the agency and K the number of distinct
    community-actor kinds (of 9) its joint initiatives reach. The weights must be finite,
    non-negative and sum to 1, so the index lies in [0, 1].

    Parameters
    ----------
    joint_share, groups, reach : float
        Weights :math:`w_J, w_G, w_R`. Default 1/3 each: equal weighting is this library's
        convention (no published source weights these components).
    group_half_saturation : float
        :math:`h > 0`, the number of co-sponsoring groups at which the group component is 1/2.
        Default 2: this library's convention.

    Raises
    ------
    RecordError
        If a weight is negative or not finite, the weights do not sum to 1, or
        ``group_half_saturation`` is not a finite number > 0.

    Examples
    --------
    >>> from selfhelp_exchange.metrics import InstitutionalWeights
    >>> InstitutionalWeights(joint_share=0.5, groups=0.25, reach=0.25).reach
    0.25
    """

    joint_share: float = attrs.field(default=1 / 3, converter=to_float)
    groups: float = attrs.field(default=1 / 3, converter=to_float)
    reach: float = attrs.field(default=1 / 3, converter=to_float)
    group_half_saturation: float = attrs.field(default=2.0, converter=to_float)

    def __attrs_post_init__(self) -> None:
        check_weights(
            "institutional linkage",
            {"joint_share": self.joint_share, "groups": self.groups, "reach": self.reach},
        )
        check_half_saturation("'group_half_saturation'", self.group_half_saturation)

    def index(
        self,
        joint_share: npt.NDArray[np.float64],
        group_score: npt.NDArray[np.float64],
        reach_share: npt.NDArray[np.float64],
    ) -> npt.NDArray[np.float64]:
        """The weighted combination of the three components (each already in [0, 1])."""
        out = self.joint_share * joint_share + self.groups * group_score + self.reach * reach_share
        return np.clip(out, 0.0, 1.0)


#: Columns of :func:`institutional_linkage`, in order, with their dtypes.
INSTITUTIONAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency_id", "str"),
    ("initiatives", "int64"),
    ("joint_initiatives", "int64"),
    ("joint_share", "float64"),
    ("joint_groups", "int64"),
    ("group_score", "float64"),
    ("audience_kinds", "int64"),
    ("reach_share", "float64"),
    ("audience_kind_names", "str"),
    ("joint_only_kinds", "int64"),
    ("joint_only_kind_names", "str"),
    ("index", "float64"),
)
#: Columns of :func:`institutional_linkage` with ``by_group=True``.
INSTITUTIONAL_DYAD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency_id", "str"),
    ("group_id", "str"),
    ("joint_initiatives", "int64"),
    ("audience_kinds", "int64"),
    ("audience_kind_names", "str"),
)


def _expand_audiences(
    net: ExchangeNetwork, initiative: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """For entries naming an initiative, one row per audience: (entry position, actor kind)."""
    ia = net.initiative_arrays
    lo = ia.audience_ptr[initiative]
    counts = ia.audience_ptr[initiative + 1] - lo
    rep = np.repeat(np.arange(initiative.shape[0], dtype=np.int64), counts)
    offsets = np.arange(rep.shape[0], dtype=np.int64) - np.repeat(
        np.cumsum(counts) - counts, counts
    )
    node = ia.audience_node[np.repeat(lo, counts) + offsets]
    return rep, actor_kind_codes(net)[node]


def actor_kind_codes(net: ExchangeNetwork) -> npt.NDArray[np.int64]:
    """Per node: position of its :class:`ActorKind` (-1 for agencies and groups)."""
    codes = np.full(len(net.node_ids), -1, dtype=np.int64)
    pos = {k: i for i, k in enumerate(_KINDS)}
    first = net.n_agencies + net.n_groups
    codes[first:] = np.fromiter((pos[a.kind] for a in net.actors), np.int64, len(net.actors))
    return codes


def institutional_arrays(
    net: ExchangeNetwork,
    start: dt.date | str | None,
    end: dt.date | str | None,
    w: InstitutionalWeights,
) -> dict[str, npt.NDArray[Any]]:
    """The columns of :func:`institutional_linkage` as numpy arrays, one entry per agency."""
    in_window = initiative_window(net, start, end)
    ia = net.initiative_arrays
    n_a = net.n_agencies
    n_ini = ia.date.shape[0]
    node = ia.sponsor_node.astype(np.int64)
    ini = ia.sponsor_initiative.astype(np.int64)
    ntype = net.node_type[node]
    is_group = ntype == NODE_TYPE_CODES[NodeType.GROUP]
    joint = np.bincount(ini[is_group], minlength=n_ini) > 0
    is_agency = (ntype == NODE_TYPE_CODES[NodeType.AGENCY]) & in_window[ini]
    a, a_ini = node[is_agency], ini[is_agency]  # agencies come first: node index = position
    a_joint = joint[a_ini]
    initiatives = np.bincount(a, minlength=n_a).astype(np.int64)
    joint_initiatives = np.bincount(a[a_joint], minlength=n_a).astype(np.int64)
    joint_share = joint_initiatives / np.where(initiatives > 0, initiatives, 1)

    pa, pg, pi = net.joint_initiative_pairs()
    keep = in_window[pi]
    n_g = max(net.n_groups, 1)
    pair_keys = np.unique(pa[keep].astype(np.int64) * n_g + (pg[keep] - n_a))
    joint_groups = np.bincount(pair_keys // n_g, minlength=n_a).astype(np.int64)

    rep, kind = _expand_audiences(net, a_ini)
    reached_joint = np.zeros((n_a, N_ACTOR_KINDS), dtype=bool)
    reached_solo = np.zeros((n_a, N_ACTOR_KINDS), dtype=bool)
    via_joint = a_joint[rep]
    reached_joint[a[rep][via_joint], kind[via_joint]] = True
    reached_solo[a[rep][~via_joint], kind[~via_joint]] = True
    joint_only = reached_joint & ~reached_solo
    audience_kinds = reached_joint.sum(axis=1).astype(np.int64)
    group_score = saturate(joint_groups, w.group_half_saturation)
    reach_share = audience_kinds / N_ACTOR_KINDS
    return {
        "agency_id": net.node_ids[:n_a],
        "initiatives": initiatives,
        "joint_initiatives": joint_initiatives,
        "joint_share": joint_share.astype(np.float64),
        "joint_groups": joint_groups,
        "group_score": group_score,
        "audience_kinds": audience_kinds,
        "reach_share": reach_share.astype(np.float64),
        "audience_kind_names": flags_to_names(reached_joint, _KIND_NAMES),
        "joint_only_kinds": joint_only.sum(axis=1).astype(np.int64),
        "joint_only_kind_names": flags_to_names(joint_only, _KIND_NAMES),
        "index": w.index(joint_share, group_score, reach_share),
    }


def _dyad_arrays(
    net: ExchangeNetwork, start: dt.date | str | None, end: dt.date | str | None
) -> dict[str, npt.NDArray[Any]]:
    in_window = initiative_window(net, start, end)
    n_a, n_g = net.n_agencies, max(net.n_groups, 1)
    pa32, pg32, pi_all = net.joint_initiative_pairs()
    keep = in_window[pi_all]
    pa, pg, pi = pa32[keep].astype(np.int64), pg32[keep].astype(np.int64) - n_a, pi_all[keep]
    keys, dyad = group_keys(pa * n_g + pg, n_a * n_g)
    n = keys.shape[0]
    # sponsors are unique within an initiative, so each (a, g, initiative) triple is one J
    count = np.bincount(dyad, minlength=n).astype(np.int64)
    rep, kind = _expand_audiences(net, pi.astype(np.int64))
    reached = np.zeros((n, N_ACTOR_KINDS), dtype=bool)
    reached[dyad[rep], kind] = True
    ids = net.node_ids
    return {
        "agency_id": ids[:n_a][keys // n_g],
        "group_id": ids[n_a : n_a + net.n_groups][keys % n_g],
        "joint_initiatives": count,
        "audience_kinds": reached.sum(axis=1).astype(np.int64),
        "audience_kind_names": flags_to_names(reached, _KIND_NAMES),
    }


@positional_deprecated("start", "end")
@needs_network
def institutional_linkage(
    net: ExchangeNetwork,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: InstitutionalWeights | Mapping[str, float] | None = None,
    by_group: bool = False,
) -> pd.DataFrame:
    r"""Institutional linkage of every agency, read from the initiatives it sponsors.

    Parameters
    ----------
    net : ExchangeNetwork
    start, end : date or 'YYYY-MM-DD', optional
        Time window: an initiative counts where its date lies in it; an undated one always.
    weights : InstitutionalWeights or mapping, optional
        Weights and saturation point of the index (default :class:`InstitutionalWeights`).
    by_group : bool
        If True, give the dyad form instead: one row per (agency, group) pair that co-sponsors
        at least one initiative in the window, with J(a, g).

    Returns
    -------
    pandas.DataFrame
        One row per agency, in network order. Columns:

        - ``agency_id`` (str)
        - ``initiatives`` (int): initiatives the agency sponsors.
        - ``joint_initiatives`` (int): those also sponsored by at least one group.
        - ``joint_share`` (float): joint_initiatives / initiatives; 0 when the agency sponsors
          none (no joint work).
        - ``joint_groups`` (int): distinct groups co-sponsoring with the agency, G.
        - ``group_score`` (float): G / (G + h).
        - ``audience_kinds`` (int): distinct community-actor kinds reached by its joint
          initiatives, K; ``reach_share`` (float): K / 9; ``audience_kind_names`` (str): them,
          sorted in :class:`ActorKind` order, ``;``-separated.
        - ``joint_only_kinds`` (int) and ``joint_only_kind_names`` (str): the kinds its joint
          initiatives reach and its solo initiatives (no group sponsor) do not.
        - ``index`` (float): the institutional linkage index.

        With ``by_group=True``: ``agency_id``, ``group_id``, ``joint_initiatives`` (J(a, g), the
        initiatives both sponsor), ``audience_kinds`` and ``audience_kind_names`` (kinds those
        initiatives reach), ordered by agency then group.

    Raises
    ------
    ArgumentError
        If a window bound is not a date, or ``end`` is before ``start``.
    RecordError
        If the weights are invalid.

    Notes
    -----
    An initiative is *joint* when at least one self-help group is among its sponsors; one
    sponsored by agencies only is *solo* for each of them. With :math:`N_a` the initiatives a
    sponsors, :math:`J_a` the joint ones, G the co-sponsoring groups and K the kinds reached by
    joint initiatives,

    .. math::

        I(a) = w_J \frac{J_a}{N_a} + w_G \frac{G}{G + h} + w_R \frac{K}{9}

    The joint initiatives are those Powell & Perron (2010) frame as institutional exchange
    [1]_; the three quantities (joint share, partners, community reached), the equal weights,
    the saturation of G with h = 2 and the share of the nine :class:`ActorKind` values are this
    library's measures and convention, set in :class:`InstitutionalWeights`. Computed with numpy on
    :attr:`ExchangeNetwork.initiative_arrays` and
    :meth:`ExchangeNetwork.joint_initiative_pairs`.

    References
    ----------
    .. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance
       use agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3),
       315-329.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> df = shx.institutional_linkage(net)
    >>> df.columns.tolist()
    ['agency_id', 'initiatives', 'joint_initiatives', 'joint_share', 'joint_groups', 'group_score', 'audience_kinds', 'reach_share', 'audience_kind_names', 'joint_only_kinds', 'joint_only_kind_names', 'index']
    >>> bool((df["joint_initiatives"] <= df["initiatives"]).all())
    True
    >>> pairs = shx.institutional_linkage(net, by_group=True)
    >>> int(pairs["joint_initiatives"].sum()) >= int(df["joint_initiatives"].sum())
    True
    """
    w = as_weights(InstitutionalWeights, weights)
    if by_group:
        dyads = _dyad_arrays(net, start, end)
        return make_frame([(c, v, t) for (c, t), v in _zip(INSTITUTIONAL_DYAD_COLUMNS, dyads)])
    cols = institutional_arrays(net, start, end, w)
    return make_frame([(c, v, t) for (c, t), v in _zip(INSTITUTIONAL_COLUMNS, cols)])


def _zip(
    spec: tuple[tuple[str, str], ...], values: Mapping[str, npt.NDArray[Any]]
) -> list[tuple[tuple[str, str], npt.NDArray[Any]]]:
    return [((c, t), values[c]) for c, t in spec]
