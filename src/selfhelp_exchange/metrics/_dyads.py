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
from selfhelp_exchange.network import NO_ROLE
from selfhelp_exchange.network_arrays import KIND_ADAPTATIONAL, KIND_ROLE

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
    n_agencies, n_groups = net.n_agencies, net.n_groups
    # agencies come first in node_ids, then groups: types and positions follow from the index
    src_agency = x.source < n_agencies
    tgt_agency = x.target < n_agencies
    # n_agencies <= index < n_agencies + n_groups, as one unsigned comparison
    src_group = (x.source - n_agencies).astype(np.uint32) < n_groups
    tgt_group = (x.target - n_agencies).astype(np.uint32) < n_groups
    keep = (
        in_window
        & KIND_ADAPTATIONAL[x.kind]
        & ((src_agency & tgt_group) | (src_group & tgt_agency))
    )
    outward = src_agency[keep]
    source, target = x.source[keep], x.target[keep]
    agency = np.where(outward, source, target).astype(np.int64)
    group = np.where(outward, target, source).astype(np.int64) - n_agencies
    kind = x.kind[keep]
    weight = x.weight[keep]
    # the subunit on the agency side: the one named, or the kind's (ExchangeArrays.effective_roles)
    named = np.where(outward, x.source_role[keep], x.target_role[keep])
    role = np.where(named == NO_ROLE, KIND_ROLE[kind], named).astype(np.int8)
    keys, dyad = group_keys(agency * n_groups + group, n_agencies * n_groups)
    n = keys.shape[0]
    # flat scatters: one pass each, cheaper than two-dimensional fancy indexing
    role_touched = np.zeros(n * N_ROLES, dtype=bool)
    role_touched[dyad * N_ROLES + role] = True
    kind_present = np.zeros(n * N_KINDS, dtype=bool)
    kind_present[dyad * N_KINDS + kind] = True
    flows = np.zeros(n * 2, dtype=bool)  # per dyad: [inward, outward]
    flows[dyad * 2 + outward] = True
    flows = flows.reshape(n, 2)
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
        role_touched=role_touched.reshape(n, N_ROLES),
        kind_present=kind_present.reshape(n, N_KINDS),
        intensity=np.bincount(dyad, weights=weight, minlength=n).astype(np.float64),
        outward_any=flows[:, 1].copy(),
        inward_any=flows[:, 0].copy(),
        n_exchanges=np.bincount(dyad, minlength=n).astype(np.int64),
        n_agencies=net.n_agencies,
        n_groups=n_groups,
    )
