"""Which graph a structural measure reads: the seven selection options as one object.

Every function of :mod:`selfhelp_exchange.structure` reads its graph the same way (see
:func:`~selfhelp_exchange.structure.adjacency`): at which level, directed or not, which exchange
layer, with or without the joint initiatives, and (for a networkx graph) which edge attribute
holds the weight. Those seven options are :class:`GraphSelection`'s fields. A function takes
them one by one as keywords (``density(net, level="subunit")``) or together as
``selection=`` (one object kept for a whole analysis); keywords given beside a selection
replace its fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypedDict

import attrs

from selfhelp_exchange.exceptions import ArgumentError, ArgumentTypeError, StructureError

if TYPE_CHECKING:
    from selfhelp_exchange.catalogue import ExchangeKind
    from selfhelp_exchange.vocabulary import Role, Theory

__all__ = ["GraphKeywords", "GraphSelection", "Level", "resolve_selection"]

Level: TypeAlias = Literal["organization", "subunit"]


class GraphKeywords(TypedDict, total=False):
    """The fields of :class:`GraphSelection` given one by one as keywords (for type checkers)."""

    level: Level
    directed: bool | None
    kinds: Iterable[ExchangeKind | str] | ExchangeKind | str | None
    theory: Theory | str | None
    role: Role | str | None
    include_initiatives: bool
    weight: str | None


def _check_level(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in ("organization", "subunit"):
        msg = f"level must be 'organization' or 'subunit' (got {value!r})"
        raise StructureError(msg)


def _kinds(
    value: Iterable[ExchangeKind | str] | ExchangeKind | str | None,
) -> tuple[ExchangeKind | str, ...] | None:
    # a tuple, so that a generator given once serves every measure the selection is used for;
    # one kind given alone is that kind (not the letters of its name)
    if value is None:
        return None
    if isinstance(value, str):  # an ExchangeKind is a str too
        return (value,)
    return tuple(value)


def _optional_bool(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        msg = f"{attribute.name} must be True, False or None (got {value!r})"
        raise ArgumentTypeError(msg)


def _bool(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        msg = f"{attribute.name} must be True or False (got {value!r})"
        raise ArgumentTypeError(msg)


@attrs.frozen(kw_only=True)
class GraphSelection:
    """Which graph a structural measure reads, as one object.

    Give it to any function of :mod:`selfhelp_exchange.structure` as ``selection=``; the same
    fields are also taken one by one as keywords, which replace the selection's.

    Attributes
    ----------
    level : {"organization", "subunit"}
        For an ExchangeNetwork. ``"organization"`` (default): one node per agency and group (and
        per community actor that some exchange touches); an exchange with a subunit counts for
        its agency. ``"subunit"``: each agency is its three subunits (board, practitioners,
        clients), each exchange attached to the subunit it touches (Powell & Perron 2010).
    directed : bool or None
        Default (``None``): directed for an ExchangeNetwork, ``g.is_directed()`` for a networkx
        graph. ``False`` makes a tie either way a tie between the two (weights of both
        directions add).
    kinds, theory, role : optional
        For an ExchangeNetwork: the layer, as :meth:`ExchangeNetwork.layer` takes it (criteria
        combine with *and*). Default: every exchange. ``kinds`` is kept as a tuple; one kind
        may be given alone (``kinds="referral"``).
    include_initiatives : bool
        For an ExchangeNetwork: count each joint initiative as a tie both ways between each of
        its agency sponsors and each of its group sponsors (the ``joint_initiative`` kind, the
        institutional layer). Organization level only. Default ``True``.
    weight : str or None
        For a networkx graph: the edge attribute holding the weight (default ``"weight"``; a
        missing attribute counts 1).

    Raises
    ------
    StructureError
        For an unknown ``level``.
    ArgumentTypeError
        If ``directed`` or ``include_initiatives`` is not a bool.

    Notes
    -----
    The defaults are this library's conventions: the organization level because the
    interorganizational measures (density, centralization, brokerage) are defined between
    organizations; the initiatives included because a joint initiative is an exchange of the
    institutional layer.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> from selfhelp_exchange.structure import GraphSelection, density, reciprocity
    >>> net = shx.load_example("riverside")
    >>> clients = GraphSelection(level="subunit", role="clients")
    >>> density(net, selection=clients) == density(net, level="subunit", role="clients")
    True
    >>> clients
    GraphSelection(level='subunit', role='clients')
    """

    level: Level = attrs.field(default="organization", validator=_check_level)
    directed: bool | None = attrs.field(default=None, validator=_optional_bool)
    kinds: tuple[ExchangeKind | str, ...] | None = attrs.field(default=None, converter=_kinds)
    theory: Theory | str | None = None
    role: Role | str | None = None
    include_initiatives: bool = attrs.field(default=True, validator=_bool)
    weight: str | None = "weight"

    def __repr__(self) -> str:
        # only what differs from the defaults: the selection at a glance
        changed = [
            f"{a.name}={getattr(self, a.name)!r}"
            for a in attrs.fields(GraphSelection)
            if getattr(self, a.name) != a.default
        ]
        return f"GraphSelection({', '.join(changed)})"

    def keywords(self) -> dict[str, Any]:
        """The fields as keywords, for :func:`~selfhelp_exchange.structure.adjacency`."""
        return attrs.asdict(self, recurse=False)


_FIELDS = tuple(a.name for a in attrs.fields(GraphSelection))


def resolve_selection(
    selection: GraphSelection | None,
    keywords: Mapping[str, Any],
    *,
    function: str,
    without: Iterable[str] = (),
) -> GraphSelection:
    """The selection a function was given: ``selection`` with the ``keywords`` replacing fields.

    Parameters
    ----------
    selection : GraphSelection or None
    keywords : mapping
        The function's ``**keywords``: each must be a field of :class:`GraphSelection`.
    function : str
        The function's name, for the messages.
    without : iterable of str
        Fields the function does not take (say ``directed`` for reciprocity): refused as a
        keyword, and in ``selection`` unless left at the default.

    Raises
    ------
    ArgumentTypeError
        For a keyword that is no field (or one the function does not take), or a ``selection``
        that is not a :class:`GraphSelection`.
    ArgumentError
        If ``selection`` sets a field the function does not take.
    """
    refused = set(without)
    allowed = [f for f in _FIELDS if f not in refused]
    for name in keywords:
        if name not in allowed:
            msg = (
                f"{function}() got an unexpected keyword argument {name!r}; the graph it reads "
                f"is chosen with {', '.join(allowed)} or selection="
            )
            raise ArgumentTypeError(msg)
    if selection is None:
        return GraphSelection(**keywords)
    given: object = selection  # callers without a type checker pass anything
    if not isinstance(given, GraphSelection):
        msg = (
            f"selection must be a structure.GraphSelection (got {type(selection).__name__}); "
            "or give its fields as keywords"
        )
        raise ArgumentTypeError(msg)
    default = GraphSelection()
    for name in refused:
        if getattr(selection, name) != getattr(default, name):
            msg = f"{function}() does not take {name}= (the selection sets {name}={getattr(selection, name)!r})"
            raise ArgumentError(msg)
    return attrs.evolve(selection, **keywords) if keywords else selection
