"""The exchange network: a node table and columnar exchange arrays.

Metrics read the numpy arrays of :class:`ExchangeArrays` directly, so they need no Python loop
over exchanges; :meth:`ExchangeNetwork.to_networkx` gives the interoperability view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange._network_checks import (
    array_problems,
    initiative_problems,
    node_column,
    node_problems,
    observation_problems,
)
from selfhelp_exchange._network_columns import (
    _article,
    _attributes_column,
    _date_column,
    _endpoint,
    _kind_column,
    _role_code,
    _role_column,
    _weight_column,
)
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import (
    ArgumentError,
    NetworkValidationError,
    Problem,
    UnknownNodeError,
)
from selfhelp_exchange.network_arrays import (
    _KINDS,
    KIND_ADAPTATIONAL,
    KIND_ROLE,
    NO_ROLE,
    NODE_TYPE_CODES,
    ROLE_CODES,
    ExchangeArrays,
    InitiativeArrays,
    _date64,
    _pydate,
    _readonly,
)
from selfhelp_exchange.records import (
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
from selfhelp_exchange.vocabulary import NodeType, Role, Theory, coerce_enum

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd


__all__ = [
    "KIND_ADAPTATIONAL",
    "KIND_ROLE",
    "NODE_TYPE_CODES",
    "NO_ROLE",
    "ROLE_CODES",
    "ExchangeArrays",
    "ExchangeNetwork",
    "InitiativeArrays",
]


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
        problems = node_problems(self)
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
        problems.extend(initiative_problems(self, initiatives))
        problems.extend(observation_problems(self, observations))
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
        problems = node_problems(net)
        arrays, ex_attrs = net._exchange_columns(
            problems,
            source=source,
            target=target,
            kind=kind,
            weight=weight,
            start=start,
            end=end,
            source_role=source_role,
            target_role=target_role,
            attributes=attributes,
        )
        initiatives = tuple(initiatives)
        problems += initiative_problems(net, initiatives)
        observations = tuple(observations)
        problems += observation_problems(net, observations)
        if problems:
            raise NetworkValidationError(problems)
        net._arrays = arrays
        net._exchange_attributes = ex_attrs
        net._initiatives = initiatives
        net._observations = observations
        net._exchange_records = None
        return net

    def _with_exchanges(self, **columns: Any) -> ExchangeNetwork:
        """A network of these records (already checked) and the exchanges of ``columns``.

        :meth:`from_arrays` for a reader that has the records as a network and owns the
        columns: the node, initiative and observation checks are not made again, only the
        exchanges' own, and arrays of the right type are kept rather than copied.
        """
        net = ExchangeNetwork.__new__(ExchangeNetwork)
        net._agencies, net._groups, net._actors = self._agencies, self._groups, self._actors
        net._node_ids, net._node_type, net._index = self._node_ids, self._node_type, self._index
        problems: list[Problem] = []
        arrays, ex_attrs = net._exchange_columns(problems, copy=False, **columns)
        if problems:
            raise NetworkValidationError(problems)
        net._arrays = arrays
        net._exchange_attributes = ex_attrs
        net._initiatives = self._initiatives
        net._observations = self._observations
        net._exchange_records = None
        return net

    def _exchange_columns(
        self,
        problems: list[Problem],
        *,
        copy: bool = True,
        source: npt.ArrayLike,
        target: npt.ArrayLike,
        kind: npt.ArrayLike,
        weight: npt.ArrayLike | None = None,
        start: npt.ArrayLike | None = None,
        end: npt.ArrayLike | None = None,
        source_role: npt.ArrayLike | None = None,
        target_role: npt.ArrayLike | None = None,
        attributes: Sequence[Mapping[str, Any]] | None = None,
    ) -> tuple[ExchangeArrays, tuple[Attributes, ...] | None]:
        """The checked exchange arrays of :meth:`from_arrays`; problems added to ``problems``.

        ``copy=False`` uses arrays already of the right type as they are (and makes them
        read-only): for a reader's own arrays, never for a caller's. Raises at once (with
        ``problems``) if the columns differ in length.
        """
        net = self
        src, p1 = node_column(net, source, "source", copy=copy)
        tgt, p2 = node_column(net, target, "target", copy=copy)
        n = len(src)
        problems.extend(p1 + p2)
        kinds, p3 = _kind_column(kind, n, copy=copy)
        problems += p3
        w = _weight_column(weight, n, problems, copy=copy)
        s = _date_column(start, n, "start", problems, copy=copy)
        e = _date_column(end, n, "end", problems, copy=copy)
        sr = _role_column(source_role, n, "source_role", problems, copy=copy)
        tr = _role_column(target_role, n, "target_role", problems, copy=copy)
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
            problems += array_problems(net, arrays, np.arange(n))
        else:
            problems += array_problems(net, arrays.take(valid), np.flatnonzero(valid))
        return arrays, (ex_attrs if ex_attrs is not None and any(ex_attrs) else None)

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
            raise ArgumentError(msg)
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
        from selfhelp_exchange.record_fields import window_bounds

        lo, hi = window_bounds(start=start, end=end)
        mask = self._arrays.in_window(start=lo, end=hi)
        inits = tuple(
            i
            for i in self._initiatives
            if i.date is None or ((lo is None or i.date >= lo) and (hi is None or i.date <= hi))
        )
        return self._evolve(self._arrays.take(mask), mask, inits)

    def layer(
        self,
        kinds: Iterable[ExchangeKind | str] | ExchangeKind | str | None = None,
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
            # one kind given alone (a str, as an ExchangeKind is too) is that kind
            given = (kinds,) if isinstance(kinds, str) else kinds
            wanted = {coerce_enum(ExchangeKind, k, "kinds", argument=True).code for k in given}
            keep &= np.isin(np.arange(len(_KINDS)), list(wanted))
        if theory is not None:
            th = coerce_enum(Theory, theory, "theory", argument=True)
            keep &= np.array([k.theory is th for k in _KINDS])
        if role is not None:
            ro = coerce_enum(Role, role, "role", argument=True)
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
        from selfhelp_exchange._network_nx import to_networkx

        return to_networkx(self, level=level, include_initiatives=include_initiatives)
