"""GraphML for Gephi and other tools, written so that every field reads back exactly.

The graph is at the organization level: one node per agency, group and community actor, with
``node_type`` and every field of the record as a scalar attribute (an agency's location
flattened into ``address`` ... ``longitude`` and ``location_name``; a group's locations and
meetings as JSON text in ``locations`` and ``meetings``, plus ``latitude``/``longitude`` of its
first located place for map layouts; a group's ``activities`` as text joined by ``;``; free
attributes as JSON text in ``attributes``) and a
``label`` (the name) for display.

Edges, in this order:

- every exchange (``derived`` false): ``kind``, ``theory``, ``role`` (the subunit the kind
  touches), ``source_role`` and ``target_role`` (the subunit named, if any), ``weight``,
  ``start`` and ``end`` (ISO dates), ``attributes`` (JSON text);
- the ``joint_initiative`` edges derived from initiatives (``derived`` true), both directions
  between each agency and group that co-sponsor one, with ``initiative``, ``initiative_kind``
  and ``date``;
- ``sponsors`` edges from each sponsor to its initiative and ``audience`` edges from each
  initiative to the community actors it addresses. Initiatives are nodes of ``node_type``
  ``"initiative"`` (GraphML id ``initiative:<id>``, made unique if an organization already
  has that id; the initiative's own id is in ``initiative_id``).

Observations (:class:`~selfhelp_exchange.Observation`) are values over time, not part of the
graph: they travel as one JSON list in the graph's ``observations`` attribute (in order, every
field), so the file still round-trips; Gephi and networkx show it as a graph attribute.

:func:`read_graphml` rebuilds the network from the records' fields (it ignores ``label``,
``theory``, ``role``, a group's ``latitude``/``longitude`` and the derived edges, which are all
computed from the rest). An attribute that is not one of these (say, one added by another
tool) is refused, naming it, rather than lost in silence. Text that XML cannot carry (most control characters, a carriage
return) is written with the OOXML ``_xHHHH_`` escape; see :mod:`selfhelp_exchange.io._xmltext`.
The file is parsed with :mod:`defusedxml`, refusing any DTD (and so entity expansion and
external entities), and files over ``max_bytes`` are refused before parsing.

References
----------
.. [1] Brandes, U., Eiglsperger, M., Lerner, J., & Pich, C. (2013). Graph markup language
   (GraphML). In R. Tamassia (Ed.), *Handbook of Graph Drawing and Visualization* (pp. 517-541).
   CRC Press.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange._serialize import to_plain
from selfhelp_exchange.activities import activities_text
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import (
    DataFileError,
    Problem,
)
from selfhelp_exchange.io._columns import attributes_text, exchange_columns, location_is_blank
from selfhelp_exchange.io._graphml_layout import (
    _AUDIENCE,
    _GROUP_ENUMS,
    _KEYS,
    _LOCATION_FIELDS,
    _NS,
    _SPONSORS,
    FORMAT,
    VERSION,
)
from selfhelp_exchange.io._graphml_read import build, parse
from selfhelp_exchange.io._reading import (
    MAX_BYTES,
    LimitedStream,
    too_big,
)
from selfhelp_exchange.io._xmltext import escape
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.records import (
    Agency,
    CommunityActor,
    SelfHelpGroup,
)
from selfhelp_exchange.vocabulary import Theory

__all__ = ["read_graphml", "write_graphml"]

_KEY_ID = {(d, n): f"{d[0]}_{n}" for d, n, _ in _KEYS}


# ---------------------------------------------------------------------- writing
def _text(value: str) -> str:
    """Element text: XML-safe and ``_xHHHH_``-escaped (reversed by :func:`unescape`)."""
    return escape(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    """An XML attribute value, in double quotes."""
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _scalar(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value
    return str(getattr(value, "value", value))


def _data(domain: str, fields: Mapping[str, Any]) -> str:
    parts = []
    for name, value in fields.items():
        text = _scalar(value)
        if text is None or text == "":
            continue
        parts.append(f'<data key="{_KEY_ID[domain, name]}">{_text(text)}</data>')
    return "".join(parts)


def _json(values: list[dict[str, Any]]) -> str | None:
    return json.dumps(values, ensure_ascii=False, allow_nan=False) if values else None


def _node_fields(rec: Agency | SelfHelpGroup | CommunityActor) -> dict[str, Any]:
    common = {"label": rec.name, "name": rec.name}
    if isinstance(rec, Agency):
        loc = rec.location
        return {
            **common,
            "node_type": "agency",
            "sector": rec.sector,
            **({f: getattr(loc, f) for f in _LOCATION_FIELDS} if loc is not None else {}),
            "location_name": loc.name if loc is not None else None,
            "has_location": True if loc is not None and location_is_blank(loc) else None,
            "attributes": attributes_text(rec.attributes),
        }
    if isinstance(rec, SelfHelpGroup):
        first = next((loc for loc in rec.locations if loc.has_coordinates), None)
        return {
            **common,
            "node_type": "group",
            "group_type": rec.group_type,
            "fellowship": rec.fellowship,
            **{f: getattr(rec, f) for f in _GROUP_ENUMS},
            "locations": _json([to_plain(loc) for loc in rec.locations]),
            "meetings": _json([to_plain(m) for m in rec.meetings]),
            "activities": activities_text(rec.activities) or None,
            # for map layouts only; read_graphml takes a group's places from 'locations'
            "latitude": first.latitude if first is not None else None,
            "longitude": first.longitude if first is not None else None,
            "attributes": attributes_text(rec.attributes),
        }
    return {
        **common,
        "node_type": "actor",
        "kind": rec.kind,
        "attributes": attributes_text(rec.attributes),
    }


def _initiative_node_ids(net: ExchangeNetwork) -> list[str]:
    taken = set(net.node_ids.tolist())
    out = []
    for ini in net.initiatives:
        base = f"initiative:{ini.id}"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}#{n}"
        taken.add(candidate)
        out.append(candidate)
    return out


def _lines(net: ExchangeNetwork) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        f'<graphml xmlns="{_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{_NS} {_NS}/1.0/graphml.xsd">\n'
    )
    for domain, name, type_ in _KEYS:
        yield (
            f'  <key id="{_KEY_ID[domain, name]}" for="{domain}" attr.name="{name}" '
            f'attr.type="{type_}"/>\n'
        )
    yield '  <graph id="G" edgedefault="directed">\n'
    graph_fields = {
        "format": FORMAT,
        "version": str(VERSION),
        "level": "organization",
        "observations": _json([to_plain(o) for o in net.observations]),
    }
    yield f"    {_data('graph', graph_fields)}\n"
    orgs: list[Agency | SelfHelpGroup | CommunityActor] = [*net.agencies, *net.groups, *net.actors]
    for rec in orgs:
        yield f'    <node id="{_attr(rec.id)}">{_data("node", _node_fields(rec))}</node>\n'
    ini_ids = _initiative_node_ids(net)
    for ini, node_id in zip(net.initiatives, ini_ids, strict=True):
        fields = {
            "label": ini.name if ini.name is not None else ini.id,
            "node_type": "initiative",
            "initiative_id": ini.id,
            "kind": ini.kind,
            "date": ini.date.isoformat() if ini.date is not None else None,
            "name": ini.name,
            "attributes": attributes_text(ini.attributes),
        }
        yield f'    <node id="{_attr(node_id)}">{_data("node", fields)}</node>\n'
    yield from _exchange_lines(net)
    yield from _initiative_lines(net, ini_ids)
    yield "  </graph>\n</graphml>\n"


def _snippets(name: str, values: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """``<data>`` elements of an edge attribute, column-wise ('' where the value is empty)."""
    out = np.full(len(values), "", dtype=object)
    given = values != ""
    if given.any():
        out[given] = f'<data key="{_KEY_ID["edge", name]}">' + values[given] + "</data>"
    return out


def _exchange_lines(net: ExchangeNetwork, batch: int = 65536) -> Iterator[str]:
    """The exchange edges, built column by column (numpy object arrays), in batches."""
    cols = exchange_columns(net)
    x = net.arrays
    kinds = list(ExchangeKind)
    per_kind = {
        "label": [k.value for k in kinds],
        "kind": [k.value for k in kinds],
        "theory": [k.theory.value for k in kinds],
        "role": [k.role.value if k.role else "" for k in kinds],
    }
    endpoint = np.array([_attr(i) for i in net.node_ids.tolist()], dtype=object)
    escaped = {
        # only free text can need escaping; roles, numbers and dates never do
        "attributes": np.array([_text(a) if a else "" for a in cols["attributes"]], dtype=object),
    }
    for lo in range(0, len(x), batch):
        hi = min(lo + batch, len(x))
        parts = np.full(hi - lo, "", dtype=object)
        for name in (
            "label",
            "kind",
            "theory",
            "role",
            "source_role",
            "target_role",
            "weight",
            "start",
            "end",
            "attributes",
        ):
            if name in per_kind:
                values = np.array(per_kind[name], dtype=object)[x.kind[lo:hi]]
            else:
                values = escaped.get(name, cols[name])[lo:hi]
            parts = parts + _snippets(name, values)
        ids = np.array([f"e{i}" for i in range(lo, hi)], dtype=object)
        lines = (
            '    <edge id="'
            + ids
            + '" source="'
            + endpoint[x.source[lo:hi]]
            + '" target="'
            + endpoint[x.target[lo:hi]]
            + '">'
            + parts
            + f'<data key="{_KEY_ID["edge", "derived"]}">false</data></edge>\n'
        )
        yield "".join(lines.tolist())


def _initiative_lines(net: ExchangeNetwork, ini_ids: list[str]) -> Iterator[str]:
    ids = net.node_ids
    joint = ExchangeKind.JOINT_INITIATIVE.value
    inst = Theory.INSTITUTIONAL.value
    a_idx, g_idx, i_idx = net.joint_initiative_pairs()
    n = 0
    for a, g, k in zip(a_idx.tolist(), g_idx.tolist(), i_idx.tolist(), strict=True):
        ini = net.initiatives[k]
        data = _data(
            "edge",
            {
                "label": joint,
                "kind": joint,
                "theory": inst,
                "weight": 1.0,
                "derived": True,
                "initiative": ini.id,
                "initiative_kind": ini.kind,
                "date": ini.date.isoformat() if ini.date is not None else None,
            },
        )
        for u, v in ((ids[a], ids[g]), (ids[g], ids[a])):
            yield f'    <edge id="j{n}" source="{_attr(u)}" target="{_attr(v)}">{data}</edge>\n'
            n += 1
    n = 0
    for ini, node_id in zip(net.initiatives, ini_ids, strict=True):
        for kind, pairs in (
            (_SPONSORS, [(s, node_id) for s in ini.sponsors]),
            (_AUDIENCE, [(node_id, a) for a in ini.audiences]),
        ):
            data = _data(
                "edge",
                {
                    "label": kind,
                    "kind": kind,
                    "theory": inst,
                    "weight": 1.0,
                    "derived": False,
                    "initiative": ini.id,
                },
            )
            for u, v in pairs:
                yield f'    <edge id="i{n}" source="{_attr(u)}" target="{_attr(v)}">{data}</edge>\n'
                n += 1


@needs_network
def write_graphml(net: ExchangeNetwork, path: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write ``net`` as GraphML (organization level), for Gephi, Cytoscape, yEd or networkx.

    Parameters
    ----------
    net : ExchangeNetwork
    path : str, path-like or binary file
        Where to write (UTF-8).

    See Also
    --------
    read_graphml : reads the file back to an equal network.
    ExchangeNetwork.to_networkx : the same view in memory.

    Notes
    -----
    See the module documentation for the node and edge attributes. Nodes are the agencies,
    groups, community actors and initiatives; edges are the exchanges, then both directions of
    every derived ``joint_initiative`` pair, then the ``sponsors`` and ``audience`` edges of the
    initiatives. Numbers are written with the shortest text that reads back to the same float.

    GraphML is for drawing and for other tools; it is verbose and :func:`read_graphml` parses
    it with the pure-Python (safe) parser of :mod:`defusedxml`, so for millions of exchanges
    the CSV tables or JSON are many times faster (see ``benchmarks/bench_tables.py``).

    Observations go, as a JSON list, in the graph's ``observations`` attribute.

    Examples
    --------
    >>> import io
    >>> import networkx as nx
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Riverside Counselling", sector="mental_health")],
    ...     groups=[shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help", fellowship="AA")],
    ...     exchanges=[shx.Exchange(("A1", shx.Role.PRACTITIONERS), "G1", "referral", weight=12)],
    ...     initiatives=[shx.Initiative("I1", "recovery_event", sponsors=["A1", "G1"])],
    ... )
    >>> buf = io.BytesIO()
    >>> shx.write_graphml(net, buf)
    >>> g = nx.read_graphml(io.BytesIO(buf.getvalue()))
    >>> g.number_of_nodes(), g.number_of_edges()  # 3 nodes; 1 exchange, 2 joint, 2 sponsors
    (3, 5)
    >>> g.nodes["G1"]["fellowship"], g.edges["A1", "G1", "e0"]["weight"]
    ('AA', 12.0)
    >>> shx.read_graphml(io.BytesIO(buf.getvalue())) == net
    True
    """
    if isinstance(path, str | os.PathLike):
        with Path(path).open("wb") as fh:
            _write_to(net, fh)
    else:
        _write_to(net, path)


def _write_to(net: ExchangeNetwork, fh: IO[bytes]) -> None:
    batch: list[str] = []
    for line in _lines(net):
        batch.append(line)
        if len(batch) >= 4096:
            fh.write("".join(batch).encode("utf-8"))
            batch.clear()
    fh.write("".join(batch).encode("utf-8"))


# ---------------------------------------------------------------------- reading
def read_graphml(
    path: str | os.PathLike[str] | IO[bytes], *, max_bytes: int = MAX_BYTES
) -> ExchangeNetwork:
    """Read a network from a GraphML file written by :func:`write_graphml`.

    Parameters
    ----------
    path : str, path-like or binary file
    max_bytes : int
        Files larger than this are refused before parsing (default :data:`MAX_BYTES`, 2 GiB:
        this library's convention).

    Returns
    -------
    ExchangeNetwork
        Equal to the network that was written.

    Raises
    ------
    DataFileError
        Listing every problem: XML that does not parse (or has a DTD or entities, refused by
        :mod:`defusedxml`), a root element other than ``graphml``, an unsupported ``version``,
        hyperedges, nodes without a valid ``node_type``, an attribute given twice on one
        element or not one of this format's (it would be lost), fields a record refuses,
        dates that are not YYYY-MM-DD, edges naming unknown nodes, and everything
        :meth:`ExchangeNetwork.from_arrays` refuses (each naming the node or edge id and the
        attribute); a file over ``max_bytes``.

    Notes
    -----
    A ``<default>`` declared for an attribute is applied to every node or edge without it, as
    GraphML says.

    Examples
    --------
    See :func:`write_graphml`.
    """
    name = getattr(path, "name", None) if hasattr(path, "read") else str(path)
    name = None if name is None else str(name)
    if hasattr(path, "read"):
        parsed = parse(LimitedStream(path, max_bytes, name), name)
    else:
        try:
            size = Path(path).stat().st_size
            if size > max_bytes:
                raise too_big(name, size, max_bytes)
            with Path(path).open("rb") as fh:
                parsed = parse(fh, name)
        except OSError as exc:
            raise DataFileError(
                [Problem(f"cannot be read: {exc.strerror or exc}", file=name)]
            ) from None
    return build(parsed, name)
