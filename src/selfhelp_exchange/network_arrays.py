"""The columnar exchange and initiative arrays that every metric reads, and their codes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.vocabulary import ROLE_ORDER, NodeType, Role, Theory

__all__ = [
    "KIND_ADAPTATIONAL",
    "KIND_ROLE",
    "NODE_TYPE_CODES",
    "NO_ROLE",
    "ROLE_CODES",
    "ExchangeArrays",
    "InitiativeArrays",
]

#: Role code of an endpoint that names a whole node rather than a subunit.
NO_ROLE = -1
#: Integer codes of node types in :attr:`ExchangeNetwork.node_type`.
NODE_TYPE_CODES: dict[NodeType, int] = {NodeType.AGENCY: 0, NodeType.GROUP: 1, NodeType.ACTOR: 2}
ROLE_CODES: dict[Role, int] = {r: i for i, r in enumerate(ROLE_ORDER)}
_KINDS: tuple[ExchangeKind, ...] = tuple(ExchangeKind)
#: kind code -> role code it touches (NO_ROLE for agency-level kinds)
KIND_ROLE = np.array([ROLE_CODES[k.role] if k.role else NO_ROLE for k in _KINDS], dtype=np.int8)
#: kind code -> 1 if adaptational
KIND_ADAPTATIONAL = np.array([k.theory is Theory.ADAPTATIONAL for k in _KINDS], dtype=bool)
_NAT = np.datetime64("NaT", "D")
_MIN_DATE = np.datetime64(dt.date.min, "D")  # the range of datetime.date
_MAX_DATE = np.datetime64(dt.date.max, "D")


def _readonly(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    # a read-only view: the caller's own array stays writable, and nothing is copied
    view = np.ascontiguousarray(a).view()
    view.flags.writeable = False
    return view


def _date64(d: dt.date | None) -> np.datetime64:
    return _NAT if d is None else np.datetime64(d, "D")


def _pydate(x: np.datetime64) -> dt.date | None:
    if np.isnat(x):
        return None
    return dt.date.fromisoformat(str(x))


@attrs.frozen(eq=False)
class ExchangeArrays:
    """The exchanges of a network as parallel, read-only numpy arrays (one entry per exchange).

    Attributes
    ----------
    source, target : ndarray of int32
        Node indices into :attr:`ExchangeNetwork.node_ids`.
    source_role, target_role : ndarray of int8
        0 board, 1 practitioners, 2 clients, -1 the whole node (:data:`NO_ROLE`).
    kind : ndarray of int8
        :attr:`ExchangeKind.code` of each exchange.
    weight : ndarray of float64
    start, end : ndarray of datetime64[D]
        NaT where not given.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Clinic")],
    ...     groups=[shx.SelfHelpGroup("G1", "AA", "mutual_help")],
    ...     exchanges=[shx.Exchange(("A1", "practitioners"), "G1", "referral", weight=5),
    ...                shx.Exchange("G1", "A1", "in_reach", start="2025-01-01")])
    >>> x = net.arrays
    >>> net.node_ids[x.source].tolist(), x.source_role.tolist(), x.weight.tolist()
    (['A1', 'G1'], [1, -1], [5.0, 1.0])
    >>> [shx.ExchangeKind.from_code(k).value for k in x.kind]
    ['referral', 'in_reach']
    >>> x.in_window(start="2024-01-01", end="2024-12-31").tolist()  # the undated one always counts
    [True, False]
    """

    source: npt.NDArray[np.int32]
    source_role: npt.NDArray[np.int8]
    target: npt.NDArray[np.int32]
    target_role: npt.NDArray[np.int8]
    kind: npt.NDArray[np.int8]
    weight: npt.NDArray[np.float64]
    start: npt.NDArray[np.datetime64]
    end: npt.NDArray[np.datetime64]

    def __len__(self) -> int:
        return int(self.source.shape[0])

    def take(self, index: npt.NDArray[Any]) -> ExchangeArrays:
        """The exchanges at ``index`` (a boolean mask or integer positions)."""
        return ExchangeArrays(
            **{
                f.name: _readonly(getattr(self, f.name)[index])
                for f in attrs.fields(ExchangeArrays)
            }
        )

    def equals(self, other: ExchangeArrays) -> bool:
        """Whether every array holds the same values (NaT equal to NaT)."""
        for f in attrs.fields(ExchangeArrays):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if a.dtype.kind == "M":
                a, b = a.view(np.int64), b.view(np.int64)
            if a.shape != b.shape or not np.array_equal(a, b):
                return False
        return True

    def effective_roles(self) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
        """Source and target role codes, a whole-agency endpoint taking its kind's subunit.

        A role is only meaningful on an agency endpoint; the caller masks the other side.
        """
        kr = KIND_ROLE[self.kind]
        src = np.where(self.source_role == NO_ROLE, kr, self.source_role).astype(np.int8)
        tgt = np.where(self.target_role == NO_ROLE, kr, self.target_role).astype(np.int8)
        return src, tgt

    @positional_deprecated("start", "end")
    def in_window(
        self, *, start: dt.date | str | None = None, end: dt.date | str | None = None
    ) -> npt.NDArray[np.bool_]:
        """Mask of exchanges whose [start, end] overlaps the window; undated ones always count.

        Raises
        ------
        ArgumentError
            If a bound is not a date, or ``end`` is before ``start``.
        """
        from selfhelp_exchange.record_fields import window_bounds

        lo, hi = window_bounds(start=start, end=end)
        mask = np.ones(len(self), dtype=bool)
        if hi is not None:
            mask &= np.isnat(self.start) | (self.start <= np.datetime64(hi, "D"))
        if lo is not None:
            mask &= np.isnat(self.end) | (self.end >= np.datetime64(lo, "D"))
        return mask


@attrs.frozen(eq=False)
class InitiativeArrays:
    """Initiatives in columnar form; sponsors and audiences as CSR incidence lists.

    The sponsors of initiative ``i`` are ``sponsor_node[sponsor_ptr[i]:sponsor_ptr[i+1]]``.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Clinic")],
    ...     groups=[shx.SelfHelpGroup("G1", "AA", "mutual_help")],
    ...     actors=[shx.CommunityActor("C1", "Courier", "media")],
    ...     initiatives=[shx.Initiative("I1", "media", sponsors=["A1", "G1"], audiences=["C1"]),
    ...                  shx.Initiative("I2", "public_education", sponsors=["A1"])])
    >>> ia = net.initiative_arrays
    >>> ia.sponsor_ptr.tolist(), net.node_ids[ia.sponsor_node].tolist()
    ([0, 2, 3], ['A1', 'G1', 'A1'])
    >>> ia.sponsor_initiative.tolist(), net.node_ids[ia.audience_node].tolist()
    ([0, 0, 1], ['C1'])
    """

    date: npt.NDArray[np.datetime64]
    sponsor_ptr: npt.NDArray[np.int64]
    sponsor_node: npt.NDArray[np.int32]
    audience_ptr: npt.NDArray[np.int64]
    audience_node: npt.NDArray[np.int32]

    @property
    def sponsor_initiative(self) -> npt.NDArray[np.int64]:
        """For each entry of ``sponsor_node``, the initiative it belongs to."""
        return np.repeat(np.arange(len(self.date)), np.diff(self.sponsor_ptr))

    @property
    def audience_initiative(self) -> npt.NDArray[np.int64]:
        """For each entry of ``audience_node``, the initiative it belongs to."""
        return np.repeat(np.arange(len(self.date)), np.diff(self.audience_ptr))
