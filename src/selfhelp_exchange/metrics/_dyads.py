"""Vectorized agency-group dyads: which exchanges belong to which (agency, group) pair.

An exchange belongs to dyad (a, g) when one endpoint is agency ``a`` (as a whole or one of its
subunits) and the other is group ``g``, and its kind is adaptational. Exchanges between two
agencies, two groups, or with community actors are not part of any dyad. Dyads are keyed
``a * n_groups + g`` (``a`` and ``g`` being positions among the network's agencies and groups),
so sorting keys sorts by agency, then group, in network order.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.metrics._common import exchange_window, group_keys
from selfhelp_exchange.network import KIND_ADAPTATIONAL, KIND_ROLE, NODE_TYPE_CODES
from selfhelp_exchange.vocabulary import NodeType

if TYPE_CHECKING:
    from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["N_KINDS", "N_ROLES", "ROLE_KIND_COUNT", "Dyads", "adaptational_dyads"]

#: Number of exchange kinds in the catalogue (columns of the per-dyad kind matrix).
N_KINDS = len(ExchangeKind)
#: Number of agency subunits (board, practitioners, clients).
N_ROLES = 3
#: |K_A(r)|: how many adaptational kinds touch each subunit (board, practitioners, clients).
ROLE_KIND_COUNT = np.bincount(KIND_ROLE[KIND_ADAPTATIONAL], minlength=N_ROLES).astype(np.int64)


@attrs.frozen(eq=False)
class Dyads:
    """The adaptational exchanges of a network grouped by (agency, group) dyad.

    Per exchange kept (``agency`` ... ``dyad``) and per dyad (``keys`` ... ``n_exchanges``).

    Attributes
    ----------
    agency, group : ndarray of int64
        Position of the exchange's agency among ``net.agencies`` and group among ``net.groups``.
    role : ndarray of int8
        Subunit touched on the agency side (0 board, 1 practitioners, 2 clients).
    outward : ndarray of bool
        True where the exchange flows from the agency side to the group.
    kind : ndarray of int8
        Kind code.
    weight : ndarray of float64
    dyad : ndarray of int64
        Row of the exchange's dyad in the per-dyad arrays.
    keys : ndarray of int64
        Sorted distinct dyad keys ``a * n_groups + g``.
    dyad_agency, dyad_group : ndarray of int64
        Agency and group position of each dyad.
    role_touched : ndarray of bool, shape (n_dyads, 3)
        Whether some exchange of the dyad touches each subunit.
    kind_present : ndarray of bool, shape (n_dyads, N_KINDS)
        Whether the dyad holds an exchange of each kind.
    intensity : ndarray of float64
        Sum of weights per dyad.
    outward_any, inward_any : ndarray of bool
        Whether the dyad holds a flow agency side -> group, and group -> agency side.
    n_exchanges : ndarray of int64
    n_agencies, n_groups : int
    """

    agency: npt.NDArray[np.int64]
    group: npt.NDArray[np.int64]
    role: npt.NDArray[np.int8]
    outward: npt.NDArray[np.bool_]
    kind: npt.NDArray[np.int8]
    weight: npt.NDArray[np.float64]
    dyad: npt.NDArray[np.int64]
    keys: npt.NDArray[np.int64]
    dyad_agency: npt.NDArray[np.int64]
    dyad_group: npt.NDArray[np.int64]
    role_touched: npt.NDArray[np.bool_]
    kind_present: npt.NDArray[np.bool_]
    intensity: npt.NDArray[np.float64]
    outward_any: npt.NDArray[np.bool_]
    inward_any: npt.NDArray[np.bool_]
    n_exchanges: npt.NDArray[np.int64]
    n_agencies: int
    n_groups: int

    @property
    def n_dyads(self) -> int:
        """Number of linked dyads."""
        return int(self.keys.shape[0])


def adaptational_dyads(
    net: ExchangeNetwork,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> Dyads:
    """Group the network's agency-group adaptational exchanges in the window by dyad."""
    x = net.arrays
    in_window = exchange_window(net, start, end)
    node_type = net.node_type
    agency_code = NODE_TYPE_CODES[NodeType.AGENCY]
    group_code = NODE_TYPE_CODES[NodeType.GROUP]
    src_type, tgt_type = node_type[x.source], node_type[x.target]
    src_agency = src_type == agency_code
    keep = (
        in_window
        & KIND_ADAPTATIONAL[x.kind]
        & (
            (src_agency & (tgt_type == group_code))
            | ((src_type == group_code) & (tgt_type == agency_code))
        )
    )
    src_role, tgt_role = x.effective_roles()
    outward = src_agency[keep]
    source, target = x.source[keep].astype(np.int64), x.target[keep].astype(np.int64)
    # agencies come first in node_ids, then groups: positions follow by subtraction
    agency = np.where(outward, source, target)
    group = np.where(outward, target, source) - net.n_agencies
    role = np.where(outward, src_role[keep], tgt_role[keep]).astype(np.int8)
    kind = x.kind[keep]
    weight = x.weight[keep]
    n_groups = net.n_groups
    keys, dyad = group_keys(agency * n_groups + group, net.n_agencies * n_groups)
    n = keys.shape[0]
    role_touched = np.zeros((n, N_ROLES), dtype=bool)
    role_touched[dyad, role] = True
    kind_present = np.zeros((n, N_KINDS), dtype=bool)
    kind_present[dyad, kind] = True
    outward_any = np.zeros(n, dtype=bool)
    outward_any[dyad[outward]] = True
    inward_any = np.zeros(n, dtype=bool)
    inward_any[dyad[~outward]] = True
    return Dyads(
        agency=agency,
        group=group,
        role=role,
        outward=outward,
        kind=kind,
        weight=weight,
        dyad=dyad,
        keys=keys,
        dyad_agency=(keys // max(n_groups, 1)).astype(np.int64),
        dyad_group=(keys % max(n_groups, 1)).astype(np.int64),
        role_touched=role_touched,
        kind_present=kind_present,
        intensity=np.bincount(dyad, weights=weight, minlength=n).astype(np.float64),
        outward_any=outward_any,
        inward_any=inward_any,
        n_exchanges=np.bincount(dyad, minlength=n).astype(np.int64),
        n_agencies=net.n_agencies,
        n_groups=n_groups,
    )
