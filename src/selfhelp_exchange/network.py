"""The exchange network: a node table and columnar exchange arrays.

Metrics read the numpy arrays of :class:`ExchangeArrays` directly, so they need no Python loop
over exchanges; :meth:`ExchangeNetwork.to_networkx` gives the interoperability view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import (
    NetworkValidationError,
    Problem,
    RecordError,
    UnknownNodeError,
)
from selfhelp_exchange.records import (
    ISO_DATE,
    Agency,
    Attributes,
    CommunityActor,
    Endpoint,
    Exchange,
    Initiative,
    Observation,
    SelfHelpGroup,
    endpoint_node,
    endpoint_role,
)
from selfhelp_exchange.vocabulary import ROLE_ORDER, NodeType, Role, Theory, coerce_enum

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = ["NODE_TYPE_CODES", "NO_ROLE", "ExchangeArrays", "ExchangeNetwork", "InitiativeArrays"]

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
_LISTED = 100  # problems spelled out in an error message; all are kept in .problems


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
    >>> x.in_window("2024-01-01", "2024-12-31").tolist()  # the undated one always counts
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

    def in_window(
        self, start: dt.date | str | None, end: dt.date | str | None
    ) -> npt.NDArray[np.bool_]:
        """Mask of exchanges whose [start, end] overlaps the window; undated ones always count."""
        from selfhelp_exchange.records import to_date

        lo, hi = to_date(start, "start"), to_date(end, "end")
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


def _describe_exchange(i: int, e: Exchange) -> str:
    def show(p: Endpoint) -> str:
        return p if isinstance(p, str) else f"{p[0]}/{p[1].value}"

    return f"exchanges[{i}] ({show(e.source)} -> {show(e.target)}, {e.kind.value})"


class ExchangeNetwork:
    """Agencies, self-help groups and community actors, and the typed exchanges among them.

    Parameters
    ----------
    agencies, groups, actors : iterable of records
        The nodes. Ids must be unique across all three.
    exchanges : iterable of Exchange
        Directed, typed flows between nodes (or agency subunits).
    initiatives : iterable of Initiative
        Joint activities, sponsored by agencies and groups, addressing community actors.
    observations : iterable of Observation
        Dated values of a measure for agencies, groups or community actors (what joint
        initiatives aim to move: acceptance, credibility, partners' trust). Default none.

    Raises
    ------
    NetworkValidationError
        Listing every problem: duplicate ids, an exchange naming an unknown node or a subunit of
        something that is not an agency, initiative sponsors that are not agencies or groups,
        audiences that are not community actors.

    See Also
    --------
    ExchangeNetwork.from_arrays : the bulk constructor, which builds no per-exchange object.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Riverside Counselling", sector="mental_health")],
    ...     groups=[shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help", fellowship="AA")],
    ...     exchanges=[shx.Exchange(("A1", shx.Role.PRACTITIONERS), "G1", "referral"),
    ...                shx.Exchange("G1", ("A1", shx.Role.BOARD), "board_seat")],
    ... )
    >>> net
    ExchangeNetwork(1 agencies, 1 groups, 0 actors, 2 exchanges, 0 initiatives)
    >>> net.arrays.kind.tolist()
    [3, 0]
    """

    # a network built by a path that predates observations has none
    _observations: tuple[Observation, ...] = ()

    def __init__(
        self,
        agencies: Iterable[Agency] = (),
        groups: Iterable[SelfHelpGroup] = (),
        actors: Iterable[CommunityActor] = (),
        exchanges: Iterable[Exchange] = (),
        initiatives: Iterable[Initiative] = (),
        observations: Iterable[Observation] = (),
    ) -> None:
        self._set_nodes(tuple(agencies), tuple(groups), tuple(actors))
        given: tuple[object, ...] = tuple(exchanges)
        initiatives = tuple(initiatives)
        observations = tuple(observations)
        problems = self._node_problems()
        for i, e in enumerate(given):
            if not isinstance(e, Exchange):
                problems.append(
                    Problem(f"exchanges[{i}] is a {type(e).__name__}, not an Exchange", value=e)
                )
                continue
            for side, ep in (("source", e.source), ("target", e.target)):
                node = endpoint_node(ep)
                idx = self._index.get(node)
                if idx is None:
                    problems.append(
                        Problem(
                            f"{_describe_exchange(i, e)}: {side} {node!r} is not an agency, group "
                            "or community actor of the network",
                            column=side,
                            value=node,
                        )
                    )
                elif (
                    endpoint_role(ep) is not None
                    and self._node_type[idx] != NODE_TYPE_CODES[NodeType.AGENCY]
                ):
                    problems.append(
                        Problem(
                            f"{_describe_exchange(i, e)}: {side} names a subunit of {node!r}, "
                            "which is not an agency (only agencies have subunits)",
                            column=side,
                            value=node,
                        )
                    )
        problems.extend(self._initiative_problems(initiatives))
        problems.extend(self._observation_problems(observations))
        if problems:
            raise NetworkValidationError(problems)
        exchanges = tuple(e for e in given if isinstance(e, Exchange))
        n = len(exchanges)
        index = self._index
        self._arrays = ExchangeArrays(
            source=_readonly(
                np.fromiter((index[endpoint_node(e.source)] for e in exchanges), np.int32, n)
            ),
            source_role=_readonly(
                np.fromiter((_role_code(e.source) for e in exchanges), np.int8, n)
            ),
            target=_readonly(
                np.fromiter((index[endpoint_node(e.target)] for e in exchanges), np.int32, n)
            ),
            target_role=_readonly(
                np.fromiter((_role_code(e.target) for e in exchanges), np.int8, n)
            ),
            kind=_readonly(np.fromiter((e.kind.code for e in exchanges), np.int8, n)),
            weight=_readonly(np.fromiter((e.weight for e in exchanges), np.float64, n)),
            start=_readonly(
                np.array([_date64(e.start) for e in exchanges], dtype="datetime64[D]").reshape(n)
            ),
            end=_readonly(
                np.array([_date64(e.end) for e in exchanges], dtype="datetime64[D]").reshape(n)
            ),
        )
        attrs_list = [e.attributes for e in exchanges]
        self._exchange_attributes: tuple[Attributes, ...] | None = (
            tuple(attrs_list) if any(attrs_list) else None
        )
        self._initiatives = initiatives
        self._observations = observations
        self._exchange_records: tuple[Exchange, ...] | None = exchanges

    # ------------------------------------------------------------------ construction helpers
    def _set_nodes(
        self,
        agencies: tuple[Agency, ...],
        groups: tuple[SelfHelpGroup, ...],
        actors: tuple[CommunityActor, ...],
    ) -> None:
        self._agencies, self._groups, self._actors = agencies, groups, actors
        sections: tuple[tuple[str, tuple[object, ...], type], ...] = (
            ("agencies", agencies, Agency),
            ("groups", groups, SelfHelpGroup),
            ("actors", actors, CommunityActor),
        )
        problems = [
            Problem(f"{name}[{i}] is a {type(r).__name__}, not {_article(cls.__name__)}", value=r)
            for name, seq, cls in sections
            for i, r in enumerate(seq)
            if not isinstance(r, cls)
        ]
        if problems:
            raise NetworkValidationError(problems)
        ids = [a.id for a in agencies] + [g.id for g in groups] + [c.id for c in actors]
        self._node_ids = _readonly(np.array(ids, dtype=object).reshape(len(ids)))
        self._node_type = _readonly(
            np.repeat(
                np.array([0, 1, 2], dtype=np.int8), [len(agencies), len(groups), len(actors)]
            )
        )
        index: dict[str, int] = {}
        for i, node_id in enumerate(ids):
            index.setdefault(node_id, i)
        self._index = index

    def _node_problems(self) -> list[Problem]:
        if len(self._index) == len(self._node_ids):
            return []
        problems = []
        seen: dict[str, str] = {}
        sections: tuple[tuple[str, Sequence[Agency | SelfHelpGroup | CommunityActor]], ...] = (
            ("agencies", self._agencies),
            ("groups", self._groups),
            ("actors", self._actors),
        )
        for name, seq in sections:
            for i, r in enumerate(seq):
                where = f"{name}[{i}]"
                if r.id in seen:
                    problems.append(
                        Problem(
                            f"{where}: id {r.id!r} is already used by {seen[r.id]}; ids must be "
                            "unique across agencies, groups and actors",
                            column="id",
                            value=r.id,
                        )
                    )
                else:
                    seen[r.id] = where
        return problems

    def _initiative_problems(self, initiatives: Sequence[object]) -> list[Problem]:
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        actor = NODE_TYPE_CODES[NodeType.ACTOR]
        for i, ini in enumerate(initiatives):
            where = (
                f"initiatives[{i}] ({ini.id})"
                if isinstance(ini, Initiative)
                else f"initiatives[{i}]"
            )
            if not isinstance(ini, Initiative):
                problems.append(
                    Problem(f"{where} is a {type(ini).__name__}, not an Initiative", value=ini)
                )
                continue
            if ini.id in seen:
                problems.append(
                    Problem(
                        f"{where}: id {ini.id!r} is already used by initiatives[{seen[ini.id]}]",
                        column="id",
                        value=ini.id,
                    )
                )
            else:
                seen[ini.id] = i
            for s in ini.sponsors:
                j = self._index.get(s)
                if j is None:
                    problems.append(
                        Problem(
                            f"{where}: sponsor {s!r} is not an agency or group of the network",
                            column="sponsors",
                            value=s,
                        )
                    )
                elif self._node_type[j] == actor:
                    problems.append(
                        Problem(
                            f"{where}: sponsor {s!r} is a community actor; sponsors are agencies or groups",
                            column="sponsors",
                            value=s,
                        )
                    )
            for a in ini.audiences:
                j = self._index.get(a)
                if j is None or self._node_type[j] != actor:
                    problems.append(
                        Problem(
                            f"{where}: audience {a!r} is not a community actor of the network",
                            column="audiences",
                            value=a,
                        )
                    )
        return problems

    def _observation_problems(self, observations: Sequence[object]) -> list[Problem]:
        problems: list[Problem] = []
        for i, ob in enumerate(observations):
            if not isinstance(ob, Observation):
                problems.append(
                    Problem(
                        f"observations[{i}] is a {type(ob).__name__}, not an Observation",
                        value=ob,
                    )
                )
                continue
            for field, node in (("subject", ob.subject), ("rater", ob.rater)):
                if node is not None and node not in self._index:
                    problems.append(
                        Problem(
                            f"observations[{i}] ({ob.measure} on {ob.date.isoformat()}): "
                            f"{field} {node!r} is not an agency, group or community actor of "
                            "the network",
                            column=field,
                            value=node,
                        )
                    )
        return problems

    # ------------------------------------------------------------------ bulk constructor
    @classmethod
    def from_arrays(
        cls,
        *,
        agencies: Iterable[Agency] = (),
        groups: Iterable[SelfHelpGroup] = (),
        actors: Iterable[CommunityActor] = (),
        source: npt.ArrayLike,
        target: npt.ArrayLike,
        kind: npt.ArrayLike,
        weight: npt.ArrayLike | None = None,
        start: npt.ArrayLike | None = None,
        end: npt.ArrayLike | None = None,
        source_role: npt.ArrayLike | None = None,
        target_role: npt.ArrayLike | None = None,
        initiatives: Iterable[Initiative] = (),
        observations: Iterable[Observation] = (),
        attributes: Sequence[Mapping[str, Any]] | None = None,
    ) -> ExchangeNetwork:
        """Build a network from parallel arrays, with no per-exchange Python object.

        Parameters
        ----------
        agencies, groups, actors, initiatives, observations : iterable of records
            As for the constructor.
        source, target : array_like
            Node ids (strings) or node indices (integers, in the order agencies, groups, actors).
        kind : array_like
            Kind values (``"referral"``) or integer :attr:`ExchangeKind.code`.
        weight : array_like, optional
            Non-negative finite weights; default 1.
        start, end : array_like, optional
            Dates: ``datetime64``, ``datetime.date`` or text as 'YYYY-MM-DD' (the one rule
            :class:`Exchange` follows too: '2024' or '20240301' is refused, not guessed);
            NaT or None where not given.
        source_role, target_role : array_like, optional
            Role values (``"board"``), codes 0-2, or None / -1 for the whole node.
        attributes : sequence of mappings, optional
            Each exchange's free attributes (as :class:`Attributes` takes them), one per
            exchange; default none.

        Returns
        -------
        ExchangeNetwork

        Raises
        ------
        NetworkValidationError
            Every problem, each naming the exchange's position.

        Examples
        --------
        >>> import selfhelp_exchange as shx
        >>> net = shx.ExchangeNetwork.from_arrays(
        ...     agencies=[shx.Agency("A1", "Agency")],
        ...     groups=[shx.SelfHelpGroup("G1", "Group", "mutual_help")],
        ...     source=["A1", "G1"], target=["G1", "A1"], kind=["referral", "in_reach"],
        ...     weight=[3, 1], start=["2024-01-01", None])
        >>> net.arrays.weight.tolist(), net.arrays.start.tolist()[1]
        ([3.0, 1.0], None)
        """
        net = cls.__new__(cls)
        net._set_nodes(tuple(agencies), tuple(groups), tuple(actors))
        problems = net._node_problems()
        src, p1 = net._node_column(source, "source")
        tgt, p2 = net._node_column(target, "target")
        n = len(src)
        problems += p1 + p2
        kinds, p3 = _kind_column(kind, n)
        problems += p3
        w = _weight_column(weight, n, problems)
        s = _date_column(start, n, "start", problems)
        e = _date_column(end, n, "end", problems)
        sr = _role_column(source_role, n, "source_role", problems)
        tr = _role_column(target_role, n, "target_role", problems)
        for name, arr in (
            ("target", tgt),
            ("kind", kinds),
            ("weight", w),
            ("start", s),
            ("end", e),
            ("source_role", sr),
            ("target_role", tr),
        ):
            if len(arr) != n:
                problems.append(
                    Problem(f"{name!r} has {len(arr)} entries but 'source' has {n}", column=name)
                )
        ex_attrs: tuple[Attributes, ...] | None = None
        if attributes is not None:
            ex_attrs = _attributes_column(attributes, problems)
            if len(ex_attrs) != n:
                problems.append(
                    Problem(
                        f"'attributes' has {len(ex_attrs)} entries but 'source' has {n}",
                        column="attributes",
                    )
                )
        if any(len(a) != n for a in (tgt, kinds, w, s, e, sr, tr)) or (
            ex_attrs is not None and len(ex_attrs) != n
        ):
            raise NetworkValidationError(problems)
        n_nodes = len(net._node_ids)
        valid = (
            (src >= 0) & (src < n_nodes) & (tgt >= 0) & (tgt < n_nodes)
            & (kinds >= 0) & (kinds < len(_KINDS))
            & (sr >= NO_ROLE) & (sr <= 2) & (tr >= NO_ROLE) & (tr <= 2)
        )  # fmt: skip
        arrays = ExchangeArrays(
            source=_readonly(src),
            source_role=_readonly(sr),
            target=_readonly(tgt),
            target_role=_readonly(tr),
            kind=_readonly(kinds),
            weight=_readonly(w),
            start=_readonly(s),
            end=_readonly(e),
        )
        if valid.all():  # the usual case: no copy of every array just to check it
            problems += net._array_problems(arrays, np.arange(n))
        else:
            problems += net._array_problems(arrays.take(valid), np.flatnonzero(valid))
        initiatives = tuple(initiatives)
        problems += net._initiative_problems(initiatives)
        observations = tuple(observations)
        problems += net._observation_problems(observations)
        if problems:
            raise NetworkValidationError(problems)
        net._arrays = arrays
        net._exchange_attributes = ex_attrs if ex_attrs is not None and any(ex_attrs) else None
        net._initiatives = initiatives
        net._observations = observations
        net._exchange_records = None
        return net

    @classmethod
    def from_frames(
        cls,
        exchanges: pd.DataFrame,
        *,
        agencies: Iterable[Agency] = (),
        groups: Iterable[SelfHelpGroup] = (),
        actors: Iterable[CommunityActor] = (),
        initiatives: Iterable[Initiative] = (),
        observations: Iterable[Observation] = (),
    ) -> ExchangeNetwork:
        """Build a network from an exchange DataFrame (columns as :meth:`from_arrays` arguments).

        ``source``, ``target`` and ``kind`` are required; ``weight``, ``start``, ``end``,
        ``source_role`` and ``target_role`` are optional. Other columns are an error.
        """
        allowed = {
            "source",
            "target",
            "kind",
            "weight",
            "start",
            "end",
            "source_role",
            "target_role",
        }
        extra = sorted(set(map(str, exchanges.columns)) - allowed)
        missing = sorted({"source", "target", "kind"} - set(map(str, exchanges.columns)))
        if extra or missing:
            problems = [
                Problem(f"unknown column (valid: {sorted(allowed)})", column=c) for c in extra
            ]
            problems += [Problem("required column is missing", column=c) for c in missing]
            raise NetworkValidationError(problems)
        cols: dict[str, Any] = {c: exchanges[c].to_numpy() for c in exchanges.columns}
        return cls.from_arrays(
            agencies=agencies,
            groups=groups,
            actors=actors,
            initiatives=initiatives,
            observations=observations,
            **cols,
        )

    def _node_column(
        self, values: npt.ArrayLike, name: str
    ) -> tuple[npt.NDArray[np.int32], list[Problem]]:
        arr = np.asarray(values)
        arr = arr.reshape(-1) if arr.ndim != 1 else arr
        if arr.dtype.kind in "iu":
            bad = np.flatnonzero((arr < 0) | (arr >= len(self._node_ids)))
            problems = [
                Problem(
                    f"{name} index {arr[i]} is out of range 0..{len(self._node_ids) - 1}",
                    exchange=int(i),
                    column=name,
                    value=int(arr[i]),
                )
                for i in bad
            ]
            return arr.astype(np.int32), problems
        import pandas as pd

        if len(self._index) == len(self._node_ids):
            index = pd.Index(self._node_ids, dtype=object)
            texts = _distinct_texts(arr)
            if texts is not None:  # every value a str: look each distinct id up once
                codes = _lookup(texts, index.get_indexer(pd.Index(texts[1], dtype=object)))
            else:
                codes = index.get_indexer(pd.Index(arr.astype(object), dtype=object))
        else:  # repeated ids (reported by _node_problems): look up each id's first node
            first = np.fromiter(self._index.values(), dtype=np.intp, count=len(self._index))
            found = pd.Index(list(self._index), dtype=object).get_indexer(
                pd.Index(arr.astype(object), dtype=object)
            )
            codes = np.where(found >= 0, first[found], -1)
        bad = np.flatnonzero(codes < 0)
        problems = [
            Problem(
                f"{name} {_py(arr[i])!r} is not an agency, group or community actor of the network",
                exchange=int(i),
                column=name,
                value=_py(arr[i]),
            )
            for i in bad
        ]
        return codes.astype(np.int32), problems

    def _array_problems(self, x: ExchangeArrays, rows: npt.NDArray[np.int64]) -> list[Problem]:
        """The rules Exchange checks per record, checked here for all exchanges at once.

        ``rows`` gives each entry of ``x`` its position in the caller's input, for messages.
        """
        problems: list[Problem] = []
        agency = NODE_TYPE_CODES[NodeType.AGENCY]
        w = x.weight
        for i in np.flatnonzero(~np.isfinite(w) | (w < 0)):
            problems.append(
                Problem(
                    f"'weight' must be a finite number >= 0 (got {float(w[i])!r})",
                    exchange=int(rows[i]),
                    column="weight",
                    value=float(w[i]),
                )
            )
        has = ~np.isnat(x.start) & ~np.isnat(x.end)
        for i in np.flatnonzero(has & (x.end < x.start)):
            problems.append(
                Problem(
                    f"'end' ({x.end[i]}) is before 'start' ({x.start[i]})",
                    exchange=int(rows[i]),
                    column="end",
                    value=str(x.end[i]),
                )
            )
        joint = ExchangeKind.JOINT_INITIATIVE.code
        for i in np.flatnonzero(x.kind == joint):
            problems.append(
                Problem(
                    "'joint_initiative' exchanges are derived from Initiative records; record an Initiative instead",
                    exchange=int(rows[i]),
                    column="kind",
                    value="joint_initiative",
                )
            )
        for i in np.flatnonzero(x.source == x.target):
            problems.append(
                Problem(
                    f"'source' and 'target' are the same organization ({self._node_ids[x.source[i]]!r})",
                    exchange=int(rows[i]),
                    column="target",
                    value=self._node_ids[x.source[i]],
                )
            )
        kr = KIND_ROLE[x.kind]
        for side, nodes, roles in (
            ("source", x.source, x.source_role),
            ("target", x.target, x.target_role),
        ):
            named = roles != NO_ROLE
            for i in np.flatnonzero(named & (self._node_type[nodes] != agency)):
                problems.append(
                    Problem(
                        f"{side} names a subunit of {self._node_ids[nodes[i]]!r}, which is not an agency",
                        exchange=int(rows[i]),
                        column=f"{side}_role",
                        value=ROLE_ORDER[roles[i]].value,
                    )
                )
            for i in np.flatnonzero(named & (roles != kr)):
                k = _KINDS[x.kind[i]]
                valid = k.role.value if k.role else "no subunit"
                problems.append(
                    Problem(
                        f"{k.value!r} touches the {valid} subunit, but {side} names the {ROLE_ORDER[roles[i]].value} subunit (valid: {valid})",
                        exchange=int(rows[i]),
                        column=f"{side}_role",
                        value=ROLE_ORDER[roles[i]].value,
                    )
                )
        return problems

    # ------------------------------------------------------------------ accessors
    @property
    def agencies(self) -> tuple[Agency, ...]:
        """The agencies, in the order given."""
        return self._agencies

    @property
    def groups(self) -> tuple[SelfHelpGroup, ...]:
        """The self-help groups, in the order given."""
        return self._groups

    @property
    def actors(self) -> tuple[CommunityActor, ...]:
        """The community actors, in the order given."""
        return self._actors

    @property
    def initiatives(self) -> tuple[Initiative, ...]:
        """The initiatives, in the order given."""
        return self._initiatives

    @property
    def observations(self) -> tuple[Observation, ...]:
        """The observations, in the order given (kept whole by ``window``, ``select``, ``layer``)."""
        return self._observations

    @property
    def arrays(self) -> ExchangeArrays:
        """The exchanges as columnar numpy arrays (read-only)."""
        return self._arrays

    @property
    def exchange_attributes(self) -> tuple[Attributes, ...] | None:
        """Each exchange's free attributes, or None when no exchange has any."""
        return self._exchange_attributes

    @property
    def node_ids(self) -> npt.NDArray[np.object_]:
        """Node ids: agencies, then groups, then actors (read-only object array)."""
        return self._node_ids

    @property
    def node_type(self) -> npt.NDArray[np.int8]:
        """Node type codes: 0 agency, 1 group, 2 actor (see :data:`NODE_TYPE_CODES`)."""
        return self._node_type

    @property
    def n_agencies(self) -> int:
        """Number of agencies."""
        return len(self._agencies)

    @property
    def n_groups(self) -> int:
        """Number of self-help groups."""
        return len(self._groups)

    @property
    def n_exchanges(self) -> int:
        """Number of exchanges."""
        return len(self._arrays)

    def index(self, node_id: str) -> int:
        """The position of a node in :attr:`node_ids`.

        Raises
        ------
        UnknownNodeError
            If no node has that id.
        """
        try:
            return self._index[node_id]
        except KeyError:
            msg = f"{node_id!r} is not an agency, group or community actor of the network"
            raise UnknownNodeError(msg) from None

    def node(self, node_id: str) -> Agency | SelfHelpGroup | CommunityActor:
        """The record of a node."""
        i = self.index(node_id)
        na, ng = len(self._agencies), len(self._groups)
        if i < na:
            return self._agencies[i]
        if i < na + ng:
            return self._groups[i - na]
        return self._actors[i - na - ng]

    @property
    def exchanges(self) -> tuple[Exchange, ...]:
        """The exchanges as records (built on first use from the arrays)."""
        if self._exchange_records is None:
            x = self._arrays
            ids = self._node_ids
            attrs_ = self._exchange_attributes
            recs = []
            for i in range(len(x)):
                recs.append(
                    Exchange(
                        _endpoint(ids[x.source[i]], int(x.source_role[i])),
                        _endpoint(ids[x.target[i]], int(x.target_role[i])),
                        _KINDS[x.kind[i]],
                        float(x.weight[i]),
                        _pydate(x.start[i]),
                        _pydate(x.end[i]),
                        attrs_[i] if attrs_ is not None else Attributes(),
                    )
                )
            self._exchange_records = tuple(recs)
        return self._exchange_records

    @cached_property
    def initiative_arrays(self) -> InitiativeArrays:
        """The initiatives in columnar form."""
        inits = self._initiatives
        sp = np.zeros(len(inits) + 1, dtype=np.int64)
        ap = np.zeros(len(inits) + 1, dtype=np.int64)
        sp[1:] = np.cumsum([len(i.sponsors) for i in inits])
        ap[1:] = np.cumsum([len(i.audiences) for i in inits])
        idx = self._index
        return InitiativeArrays(
            date=_readonly(
                np.array([_date64(i.date) for i in inits], dtype="datetime64[D]").reshape(
                    len(inits)
                )
            ),
            sponsor_ptr=_readonly(sp),
            sponsor_node=_readonly(
                np.array([idx[s] for i in inits for s in i.sponsors], dtype=np.int32)
            ),
            audience_ptr=_readonly(ap),
            audience_node=_readonly(
                np.array([idx[a] for i in inits for a in i.audiences], dtype=np.int32)
            ),
        )

    # ------------------------------------------------------------------ comparison
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExchangeNetwork):
            return NotImplemented
        mine = self._exchange_attributes or (Attributes(),) * self.n_exchanges
        theirs = other._exchange_attributes or (Attributes(),) * other.n_exchanges
        return (
            self._agencies == other._agencies
            and self._groups == other._groups
            and self._actors == other._actors
            and self._initiatives == other._initiatives
            and self._observations == other._observations
            and self._arrays.equals(other._arrays)
            and tuple(mine) == tuple(theirs)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable-looking container semantics, like a list

    def __repr__(self) -> str:
        return (
            f"ExchangeNetwork({len(self._agencies)} agencies, {len(self._groups)} groups, "
            f"{len(self._actors)} actors, {self.n_exchanges} exchanges, "
            f"{len(self._initiatives)} initiatives"
            + (f", {len(self._observations)} observations" if self._observations else "")
            + ")"
        )

    # ------------------------------------------------------------------ filtering
    def select(self, mask: npt.ArrayLike) -> ExchangeNetwork:
        """A network with the same nodes and initiatives and only the exchanges where ``mask``."""
        m = np.asarray(mask)
        if m.dtype != bool or m.shape != (self.n_exchanges,):
            msg = f"mask must be a boolean array of length {self.n_exchanges} (got dtype {m.dtype}, shape {m.shape})"
            raise RecordError(msg)
        return self._evolve(self._arrays.take(m), m, self._initiatives)

    def _evolve(
        self,
        arrays: ExchangeArrays,
        mask: npt.NDArray[np.bool_],
        initiatives: tuple[Initiative, ...],
    ) -> ExchangeNetwork:
        net = ExchangeNetwork.__new__(ExchangeNetwork)
        net._agencies, net._groups, net._actors = self._agencies, self._groups, self._actors
        net._node_ids, net._node_type, net._index = self._node_ids, self._node_type, self._index
        net._arrays = arrays
        attrs_ = self._exchange_attributes
        net._exchange_attributes = (
            None if attrs_ is None else tuple(a for a, k in zip(attrs_, mask, strict=True) if k)
        )
        if net._exchange_attributes is not None and not any(net._exchange_attributes):
            net._exchange_attributes = None
        net._initiatives = initiatives
        # observations are outcomes over time, not exchanges: a window or a layer keeps them
        # all, so that before/after comparisons can reach outside the window
        net._observations = self._observations
        recs = self._exchange_records
        net._exchange_records = (
            None if recs is None else tuple(r for r, k in zip(recs, mask, strict=True) if k)
        )
        return net

    @positional_deprecated("start", "end")
    def window(
        self, *, start: dt.date | str | None = None, end: dt.date | str | None = None
    ) -> ExchangeNetwork:
        """The network restricted to a time window.

        An exchange stays where its [start, end] overlaps [``start``, ``end``]; an undated
        exchange (or an open end) always overlaps. An initiative stays where its date is in the
        window or unknown.

        Examples
        --------
        >>> import selfhelp_exchange as shx
        >>> net = shx.load_example("riverside")
        >>> net.window(start="2024-01-01", end="2024-06-30").n_exchanges < net.n_exchanges
        True
        """
        from selfhelp_exchange.records import to_date

        lo, hi = to_date(start, "start"), to_date(end, "end")
        if lo is not None and hi is not None and hi < lo:
            msg = f"window 'end' ({hi}) is before 'start' ({lo})"
            raise RecordError(msg)
        mask = self._arrays.in_window(lo, hi)
        inits = tuple(
            i
            for i in self._initiatives
            if i.date is None or ((lo is None or i.date >= lo) and (hi is None or i.date <= hi))
        )
        return self._evolve(self._arrays.take(mask), mask, inits)

    def layer(
        self,
        kinds: Iterable[ExchangeKind | str] | None = None,
        *,
        theory: Theory | str | None = None,
        role: Role | str | None = None,
    ) -> ExchangeNetwork:
        """The network restricted to some exchange kinds: named ones, a theory's, a subunit's.

        Criteria combine with *and*. Initiatives stay only if ``joint_initiative`` is among the
        kinds kept (they are the institutional layer).

        Examples
        --------
        >>> import selfhelp_exchange as shx
        >>> net = shx.load_example("riverside")
        >>> board = net.layer(role="board")
        >>> sorted({e.kind.value for e in board.exchanges})
        ['board_seat', 'policy_support', 'resource_support']
        """
        keep = np.ones(len(_KINDS), dtype=bool)
        if kinds is not None:
            wanted = {coerce_enum(ExchangeKind, k, "kinds").code for k in kinds}
            keep &= np.isin(np.arange(len(_KINDS)), list(wanted))
        if theory is not None:
            th = coerce_enum(Theory, theory, "theory")
            keep &= np.array([k.theory is th for k in _KINDS])
        if role is not None:
            ro = coerce_enum(Role, role, "role")
            keep &= np.array([k.role is ro for k in _KINDS])
        mask = keep[self._arrays.kind]
        inits = self._initiatives if keep[ExchangeKind.JOINT_INITIATIVE.code] else ()
        return self._evolve(self._arrays.take(mask), mask, inits)

    # ------------------------------------------------------------------ derived edges
    def joint_initiative_pairs(
        self,
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.int64]]:
        """Agency-group sponsor pairs of every initiative: (agency idx, group idx, initiative idx).

        These are the ``joint_initiative`` exchanges J(a, g) derived from initiatives.
        """
        ia = self.initiative_arrays
        node = ia.sponsor_node
        ini = ia.sponsor_initiative
        is_ag = self._node_type[node] == NODE_TYPE_CODES[NodeType.AGENCY]
        is_gr = self._node_type[node] == NODE_TYPE_CODES[NodeType.GROUP]
        a_node, a_ini = node[is_ag], ini[is_ag]
        g_node, g_ini = node[is_gr], ini[is_gr]
        # pair every agency sponsor with every group sponsor of the same initiative
        order_g = np.argsort(g_ini, kind="stable")
        g_node, g_ini = g_node[order_g], g_ini[order_g]
        lo = np.searchsorted(g_ini, a_ini, "left")
        hi = np.searchsorted(g_ini, a_ini, "right")
        counts = hi - lo
        rep_a = np.repeat(np.arange(len(a_node)), counts)
        offs = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        gpos = np.repeat(lo, counts) + offs
        return (
            a_node[rep_a].astype(np.int32),
            g_node[gpos].astype(np.int32),
            a_ini[rep_a].astype(np.int64),
        )

    # ------------------------------------------------------------------ networkx view
    def to_networkx(
        self,
        *,
        level: Literal["organization", "subunit"] = "organization",
        include_initiatives: bool = True,
    ) -> nx.MultiDiGraph:
        """The network as a :class:`networkx.MultiDiGraph` carrying every attribute.

        Parameters
        ----------
        level : {"organization", "subunit"}
            ``"organization"``: one node per agency, group and actor; the subunit an exchange
            touches is on the edge (``source_role``, ``target_role``, ``role``).
            ``"subunit"``: each agency also has three subunit nodes ``(agency_id, Role)``, and
            adaptational exchanges attach to the subunit they touch.
        include_initiatives : bool
            Add the derived ``joint_initiative`` arcs (both directions between each agency and
            group sponsor of an initiative), with ``initiative`` and ``date``.

        Returns
        -------
        networkx.MultiDiGraph
            Node attributes: ``node_type``, every record field, free attributes under
            ``attributes``. Edge keys are exchange positions (ints) or ``"initiative:<id>:<n>"``.

        Examples
        --------
        >>> import selfhelp_exchange as shx
        >>> g = shx.load_example("riverside").to_networkx()
        >>> g.nodes["G-AA-TUE"]["group_type"]
        'mutual_help'
        """
        import networkx as nx

        from selfhelp_exchange._serialize import node_record_fields

        g = nx.MultiDiGraph(level=level)
        nodes: tuple[Agency | SelfHelpGroup | CommunityActor, ...] = (
            *self._agencies,
            *self._groups,
            *self._actors,
        )
        for rec in nodes:
            g.add_node(rec.id, **node_record_fields(rec))
        if level == "subunit":
            for a in self._agencies:
                for r in ROLE_ORDER:
                    g.add_node(
                        (a.id, r),
                        node_type="subunit",
                        agency=a.id,
                        role=r.value,
                        name=f"{a.name}: {r.value}",
                    )
        elif level != "organization":
            msg = f"level must be 'organization' or 'subunit' (got {level!r})"  # type: ignore[unreachable]  # callers may pass any string
            raise RecordError(msg)
        x = self._arrays
        ids = self._node_ids
        src_eff, tgt_eff = x.effective_roles()
        agency = NODE_TYPE_CODES[NodeType.AGENCY]
        attrs_ = self._exchange_attributes
        for i in range(len(x)):
            s, t = ids[x.source[i]], ids[x.target[i]]
            k = _KINDS[x.kind[i]]
            s_role = (
                ROLE_ORDER[src_eff[i]].value
                if self._node_type[x.source[i]] == agency and src_eff[i] >= 0
                else None
            )
            t_role = (
                ROLE_ORDER[tgt_eff[i]].value
                if self._node_type[x.target[i]] == agency and tgt_eff[i] >= 0
                else None
            )
            u: Any = (s, Role(s_role)) if level == "subunit" and s_role else s
            v: Any = (t, Role(t_role)) if level == "subunit" and t_role else t
            g.add_edge(
                u,
                v,
                key=i,
                kind=k.value,
                theory=k.theory.value,
                role=k.role.value if k.role else None,
                source_role=ROLE_ORDER[x.source_role[i]].value if x.source_role[i] >= 0 else None,
                target_role=ROLE_ORDER[x.target_role[i]].value if x.target_role[i] >= 0 else None,
                weight=float(x.weight[i]),
                start=_pydate(x.start[i]),
                end=_pydate(x.end[i]),
                attributes=dict(attrs_[i]) if attrs_ is not None else {},
                derived=False,
            )
        if include_initiatives:
            a_idx, g_idx, i_idx = self.joint_initiative_pairs()
            for n, (a, gr, ii) in enumerate(
                zip(a_idx.tolist(), g_idx.tolist(), i_idx.tolist(), strict=True)
            ):
                ini = self._initiatives[ii]
                common = {
                    "kind": ExchangeKind.JOINT_INITIATIVE.value,
                    "theory": Theory.INSTITUTIONAL.value,
                    "role": None,
                    "weight": 1.0,
                    "derived": True,
                    "initiative": ini.id,
                    "initiative_kind": ini.kind.value,
                    "date": ini.date,
                }
                g.add_edge(ids[a], ids[gr], key=f"initiative:{ini.id}:{n}:out", **common)
                g.add_edge(ids[gr], ids[a], key=f"initiative:{ini.id}:{n}:in", **common)
        return g


def _article(noun: str) -> str:
    return f"{'an' if noun[:1] in 'AEIOU' else 'a'} {noun}"


def _weight_column(
    values: npt.ArrayLike | None, n: int, problems: list[Problem]
) -> npt.NDArray[np.float64]:
    if values is None:
        return np.ones(n)
    arr = np.asarray(values)
    if arr.dtype.kind in "biufc" and arr.dtype.kind not in "bc":
        return arr.astype(np.float64).reshape(-1)
    flat = arr.reshape(-1)
    out = np.ones(flat.size)  # a reported bad weight stays 1 so the other checks still run
    for i, v in enumerate(flat.tolist()):
        try:
            if v is None or isinstance(v, bool):
                raise TypeError  # reported below like any unparsable value
            out[i] = float(v)
        except (TypeError, ValueError):
            problems.append(
                Problem(
                    f"'weight' must be a finite number >= 0 (got {v!r})",
                    exchange=int(i),
                    column="weight",
                    value=v,
                )
            )
    return out


def _py(value: Any) -> Any:
    """A numpy scalar as the plain Python value, so messages read 'G9', not np.str_('G9')."""
    return value.item() if isinstance(value, np.generic) else value


def _role_code(ep: Endpoint) -> int:
    role = endpoint_role(ep)
    return NO_ROLE if role is None else ROLE_CODES[role]


def _endpoint(node_id: str, role_code: int) -> Endpoint:
    return node_id if role_code == NO_ROLE else (node_id, ROLE_ORDER[role_code])


def _kind_column(values: npt.ArrayLike, n: int) -> tuple[npt.NDArray[np.int8], list[Problem]]:
    arr = np.asarray(values).reshape(-1)
    if arr.dtype.kind in "iu":
        bad = np.flatnonzero((arr < 0) | (arr >= len(_KINDS)))
        return arr.astype(np.int8), [
            Problem(
                f"kind code {arr[i]} is not 0..{len(_KINDS) - 1}",
                exchange=int(i),
                column="kind",
                value=int(arr[i]),
            )
            for i in bad
        ]
    import pandas as pd

    index = pd.Index([k.value for k in _KINDS], dtype=object)
    texts = _distinct_texts(arr)
    if texts is not None:  # every value a str: look each distinct kind up once
        codes = _lookup(texts, index.get_indexer(pd.Index(texts[1], dtype=object)))
    else:
        codes = index.get_indexer(pd.Index(arr.astype(object), dtype=object))
    valid = ", ".join(k.value for k in _KINDS)
    problems = [
        Problem(
            f"kind {_py(arr[i])!r} is not in the catalogue (valid: {valid})",
            exchange=int(i),
            column="kind",
            value=_py(arr[i]),
        )
        for i in np.flatnonzero(codes < 0)
    ]
    return codes.astype(np.int8), problems


def _attributes_column(
    values: Sequence[Mapping[str, Any]], problems: list[Problem]
) -> tuple[Attributes, ...]:
    out: list[Attributes] = []
    for i, value in enumerate(values):
        if isinstance(value, Attributes):
            out.append(value)
            continue
        try:
            out.append(Attributes(value))
        except (RecordError, TypeError, ValueError) as exc:
            problems.append(
                Problem(f"{exc}", exchange=int(i), column="attributes", value=repr(value)[:80])
            )
            out.append(Attributes())
    return tuple(out)


def _date_column(
    values: npt.ArrayLike | None, n: int, name: str, problems: list[Problem]
) -> npt.NDArray[np.datetime64]:
    if values is None:
        return np.full(n, _NAT)
    arr = np.asarray(values)
    if arr.dtype.kind == "M":
        out = arr.astype("datetime64[D]").reshape(-1)
        flat = arr.reshape(-1)
    else:
        out = np.full(arr.size, _NAT)
        flat = arr.reshape(-1)
        import pandas as pd

        texts = _distinct_texts(flat, none=True)
        parsed = None
        if texts is not None and all(
            t is None or ISO_DATE.fullmatch(t.strip()) for t in texts[1].tolist()
        ):
            # dates repeat (a few years of days among millions of exchanges): parse each once
            try:
                parsed = _lookup(texts, np.asarray(texts[1], dtype="datetime64[D]"), missing=_NAT)
            except (ValueError, OverflowError):
                parsed = None  # reported one by one below
        if parsed is not None:
            out = parsed
        else:
            missing = pd.isna(flat)
            # the one date rule of the records (records.ISO_DATE): no partial or compact dates
            partial = np.array(
                [isinstance(v, str) and not ISO_DATE.fullmatch(v.strip()) for v in flat.tolist()],
                dtype=bool,
            ).reshape(flat.shape)
            try:
                if partial.any():
                    raise ValueError
                out[~missing] = np.asarray(flat[~missing].astype(str), dtype="datetime64[D]")
            except (ValueError, OverflowError):
                for i in np.flatnonzero(~missing):
                    try:
                        if partial[i]:
                            raise ValueError
                        text = flat[i].strip() if isinstance(flat[i], str) else str(flat[i])
                        out[i] = np.datetime64(text, "D")
                    except (ValueError, OverflowError):
                        out[i] = _NAT
                        problems.append(
                            Problem(
                                f"{name!r} must be a date as YYYY-MM-DD (got {_py(flat[i])!r})",
                                exchange=int(i),
                                column=name,
                                value=_py(flat[i]),
                            )
                        )
    # numpy reads years Python's dates cannot hold (0, 12345, or an overflowed number):
    # such a date could not be turned back into a record or written, so it is refused here
    for i in np.flatnonzero(~np.isnat(out) & ((out < _MIN_DATE) | (out > _MAX_DATE))):
        out[i] = _NAT
        given = str(flat[i]) if arr.dtype.kind == "M" else _py(flat[i])
        problems.append(
            Problem(
                f"{name!r} must be a date from 0001-01-01 to 9999-12-31 (got {given!r})",
                exchange=int(i),
                column=name,
                value=given,
            )
        )
    return out


def _role_column(
    values: npt.ArrayLike | None, n: int, name: str, problems: list[Problem]
) -> npt.NDArray[np.int8]:
    if values is None:
        return np.full(n, NO_ROLE, dtype=np.int8)
    arr = np.asarray(values).reshape(-1)
    if arr.dtype.kind in "iu":
        for i in np.flatnonzero((arr < NO_ROLE) | (arr > 2)):
            problems.append(
                Problem(
                    f"{name} code {arr[i]} is not -1..2",
                    exchange=int(i),
                    column=name,
                    value=int(arr[i]),
                )
            )
        return arr.astype(np.int8)
    import pandas as pd

    index = pd.Index([r.value for r in ROLE_ORDER], dtype=object)
    texts = _distinct_texts(arr, none=True)
    if texts is not None:
        found_texts = index.get_indexer(pd.Index(texts[1], dtype=object))
        if np.all(found_texts >= 0):  # every distinct text a role: look each up once
            return _lookup(texts, found_texts, missing=NO_ROLE).astype(np.int8)
    codes = np.full(arr.size, NO_ROLE, dtype=np.int8)
    missing = np.asarray(pd.isna(arr), dtype=bool)
    found = index.get_indexer(pd.Index(arr[~missing].astype(str), dtype=object))
    present = np.flatnonzero(~missing)
    for i in present[found < 0]:
        problems.append(
            Problem(
                f"{name} {_py(arr[i])!r} is not a role (valid: board, practitioners, clients, or empty)",
                exchange=int(i),
                column=name,
                value=_py(arr[i]),
            )
        )
    codes[present] = np.where(found < 0, NO_ROLE, found).astype(np.int8)
    return codes


def _distinct_texts(
    values: npt.NDArray[Any], *, none: bool = False
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.object_]] | None:
    """Codes and distinct values of an array of strings (None unless every value is a str).

    With ``none``, None values are allowed too, and get code -1. Columns read from a file repeat a few texts (ids, kinds, roles, days) millions of times;
    with them factorized, each distinct text is looked up or parsed once. Only exact ``str``
    values qualify, so that grouping equal values can never merge two that convert apart.
    """
    import pandas as pd

    if values.dtype.kind not in "OU":
        return None
    allowed = {str, type(None)} if none else {str}
    if values.dtype.kind == "O" and not set(map(type, values.tolist())) <= allowed:
        return None
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    return np.asarray(codes, dtype=np.intp), np.asarray(uniques, dtype=object)


def _lookup(
    texts: tuple[npt.NDArray[np.intp], npt.NDArray[np.object_]],
    found: npt.NDArray[Any],
    *,
    missing: Any = -1,
) -> npt.NDArray[Any]:
    """Spread the value found for each distinct text back over the column (``missing`` at -1)."""
    codes = texts[0]
    table = np.append(found, np.array([missing], dtype=found.dtype))
    return table[codes]  # code -1 takes the appended ``missing``


def node_type_of(rec: Agency | SelfHelpGroup | CommunityActor) -> NodeType:
    """The node type of a record."""
    if isinstance(rec, Agency):
        return NodeType.AGENCY
    if isinstance(rec, SelfHelpGroup):
        return NodeType.GROUP
    return NodeType.ACTOR
