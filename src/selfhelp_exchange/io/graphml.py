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

import datetime as dt
import json
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._serialize import from_plain, to_plain
from selfhelp_exchange.activities import activities_text, parse_activities
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import (
    DataFileError,
    NetworkValidationError,
    Problem,
    RecordError,
)
from selfhelp_exchange.io._columns import attributes_text, exchange_columns, location_is_blank
from selfhelp_exchange.io._reading import (
    MAX_BYTES,
    LimitedStream,
    reject_constant,
    too_big,
    unique_object,
)
from selfhelp_exchange.io._xmltext import escape, unescape
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.records import (
    Agency,
    Attributes,
    CommunityActor,
    Initiative,
    Location,
    SelfHelpGroup,
)
from selfhelp_exchange.vocabulary import Theory

__all__ = ["read_graphml", "write_graphml"]

FORMAT = "selfhelp-exchange"
VERSION = 1
_NS = "http://graphml.graphdrawing.org/xmlns"
_SPONSORS = "sponsors"
_AUDIENCE = "audience"
_LOCATION_FIELDS = ("address", "city", "state", "postal_code", "country", "latitude", "longitude")
_GROUP_ENUMS = ("focus", "approach", "meeting_place", "admission", "timing", "facilitation")

# (domain, name, GraphML type), in the order they are declared
_KEYS: tuple[tuple[str, str, str], ...] = (
    ("graph", "format", "string"),
    ("graph", "version", "int"),
    ("graph", "level", "string"),
    ("graph", "observations", "string"),
    ("node", "label", "string"),
    ("node", "node_type", "string"),
    ("node", "name", "string"),
    ("node", "sector", "string"),
    ("node", "address", "string"),
    ("node", "city", "string"),
    ("node", "state", "string"),
    ("node", "postal_code", "string"),
    ("node", "country", "string"),
    ("node", "latitude", "double"),
    ("node", "longitude", "double"),
    ("node", "location_name", "string"),
    ("node", "has_location", "boolean"),
    ("node", "group_type", "string"),
    ("node", "fellowship", "string"),
    ("node", "focus", "string"),
    ("node", "approach", "string"),
    ("node", "meeting_place", "string"),
    ("node", "admission", "string"),
    ("node", "timing", "string"),
    ("node", "facilitation", "string"),
    ("node", "locations", "string"),
    ("node", "meetings", "string"),
    ("node", "activities", "string"),
    ("node", "kind", "string"),
    ("node", "initiative_id", "string"),
    ("node", "date", "string"),
    ("node", "attributes", "string"),
    ("edge", "label", "string"),
    ("edge", "kind", "string"),
    ("edge", "theory", "string"),
    ("edge", "role", "string"),
    ("edge", "source_role", "string"),
    ("edge", "target_role", "string"),
    ("edge", "weight", "double"),
    ("edge", "start", "string"),
    ("edge", "end", "string"),
    ("edge", "attributes", "string"),
    ("edge", "derived", "boolean"),
    ("edge", "initiative", "string"),
    ("edge", "initiative_kind", "string"),
    ("edge", "date", "string"),
)
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
def _local(tag: str) -> str:
    # only elements of the GraphML namespace are GraphML: any other keeps its full name, so a
    # <graphml> outside the namespace is not taken for one
    prefix = "{" + _NS + "}"
    return tag[len(prefix) :] if tag.startswith(prefix) else "{}" + tag if "}" not in tag else tag


def _shown(tag: str | None) -> str | None:
    """A tag as written in the file: no namespace braces for one that had none."""
    return tag[2:] if tag is not None and tag.startswith("{}") else tag


class _Element:
    """A node or edge as read: its GraphML id, endpoints and data (by attribute name)."""

    __slots__ = ("data", "id", "source", "target")

    def __init__(self, id_: str, source: str | None, target: str | None) -> None:
        self.id, self.source, self.target = id_, source, target
        self.data: dict[str, str] = {}


_KNOWN = {(d, n) for d, n, _ in _KEYS}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Parsed:
    """What the XML holds: graph data, nodes and edges, and what this reader cannot keep."""

    def __init__(self) -> None:
        self.graph: dict[str, str] = {}
        self.nodes: list[_Element] = []
        self.edges: list[_Element] = []
        self.root: str | None = None
        self.repeated: list[tuple[str, _Element, str]] = []  # (domain, element, attribute)
        self.unknown: list[tuple[str, _Element, str]] = []
        self.hyperedges = 0


def _parse(fh: Any, name: str | None) -> _Parsed:
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    out = _Parsed()
    names: dict[str, str] = {}  # key id -> attr.name
    defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}}  # attr.name -> default
    tags: dict[str, str] = {}  # element tag (with its namespace, if any) -> local name
    try:
        # 'end' events only: each node or edge is complete when it ends (its data are its
        # children), and the cleared element costs little next to what is kept of it
        for _, el in DET.iterparse(fh, events=("end",), forbid_dtd=True):
            tag = tags.get(el.tag)
            if tag is None:
                tag = tags[el.tag] = _local(el.tag)
            out.root = tag  # the last element to end is the root
            if tag in {"node", "edge"}:
                item = _Element(el.get("id", ""), el.get("source"), el.get("target"))
                data = item.data
                for d in el:
                    if tags.get(d.tag) == "data":
                        key = d.get("key", "")
                        attr = names.get(key, key)
                        text = d.text
                        if attr in data:
                            out.repeated.append((tag, item, attr))
                        elif (tag, attr) not in _KNOWN:
                            out.unknown.append((tag, item, attr))
                        data[attr] = unescape(text) if text else ""
                for attr, value in defaults[tag].items():
                    data.setdefault(attr, value)
                (out.nodes if tag == "node" else out.edges).append(item)
                el.clear()
            elif tag == "key":
                attr = el.get("attr.name", "")
                names[el.get("id", "")] = attr
                for d in el:
                    if _local(d.tag) == "default" and d.text:
                        for domain in (
                            ("node", "edge") if el.get("for") == "all" else (el.get("for", ""),)
                        ):
                            if domain in defaults:
                                defaults[domain][attr] = unescape(d.text)
            elif tag == "graph":
                item = _Element(el.get("id", ""), None, None)
                for d in el:
                    if tags.get(d.tag) == "data":
                        key = d.get("key", "")
                        attr = names.get(key, key)
                        if attr in out.graph:
                            out.repeated.append(("graph", item, attr))
                        elif ("graph", attr) not in _KNOWN:
                            out.unknown.append(("graph", item, attr))
                        out.graph[attr] = d.text or ""
                el.clear()
            elif tag == "hyperedge":
                out.hyperedges += 1
                el.clear()
    except ParseError as exc:
        line = exc.position[0]
        raise DataFileError([Problem(f"not valid XML: {exc}", file=name, row=line)]) from None
    except DefusedXmlException as exc:
        raise DataFileError(
            [Problem(f"refused: {exc} (entities and DTDs are not allowed)", file=name)]
        ) from None
    except (LookupError, ValueError, UnicodeError) as exc:  # e.g. an unknown encoding
        if isinstance(exc, DataFileError):
            raise
        raise DataFileError([Problem(f"not valid XML: {exc}", file=name)]) from None
    except RecursionError:
        raise DataFileError([Problem("the XML is nested too deeply", file=name)]) from None
    return out


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
        parsed = _parse(LimitedStream(path, max_bytes, name), name)
    else:
        try:
            size = Path(path).stat().st_size
            if size > max_bytes:
                raise too_big(name, size, max_bytes)
            with Path(path).open("rb") as fh:
                parsed = _parse(fh, name)
        except OSError as exc:
            raise DataFileError(
                [Problem(f"cannot be read: {exc.strerror or exc}", file=name)]
            ) from None
    return _build(parsed, name)


def _build(parsed: _Parsed, name: str | None) -> ExchangeNetwork:
    graph, nodes, edges = parsed.graph, parsed.nodes, parsed.edges
    problems: list[Problem] = []

    def problem(
        sheet: str, item: _Element, column: str | None, message: str, value: Any = None
    ) -> None:
        what = sheet.removesuffix("s")
        if value is None and column is not None:
            value = item.data.get(column)
        problems.append(
            Problem(
                f"{what} {item.id!r}: {message}",
                file=name,
                sheet=sheet,
                column=column,
                value=value,
            )
        )

    if parsed.root != "graphml":
        problems.append(
            Problem(
                f"the root element is {_shown(parsed.root)!r}, not 'graphml' in the GraphML namespace "
                f"{_NS!r}: this is not a GraphML file",
                file=name,
            )
        )
    fmt = graph.get("format")
    if fmt is not None and fmt != FORMAT:
        problems.append(Problem(f"'format' must be {FORMAT!r} (got {fmt!r})", file=name))
    version = graph.get("version")
    if version is not None and version.strip() != str(VERSION):
        problems.append(
            Problem(f"'version' {version!r} is not supported (valid: {VERSION})", file=name)
        )
    if parsed.hyperedges:
        problems.append(
            Problem(
                f"the file has {parsed.hyperedges} hyperedge(s); an exchange joins two "
                "organizations, so hyperedges cannot be read",
                file=name,
            )
        )
    for domain, item, attr in parsed.repeated:
        problem(f"{domain}s", item, attr, f"attribute {attr!r} is given more than once; keep one")
    valid = {d: ", ".join(n for dd, n, _ in _KEYS if dd == d) for d in ("graph", "node", "edge")}
    for domain, item, attr in parsed.unknown:
        problem(
            f"{domain}s",
            item,
            attr,
            f"attribute {attr!r} is not one of this format's, and would be lost (valid: "
            f"{valid[domain]}; keep extra facts in 'attributes', a JSON object)",
        )
    records: dict[str, list[Any]] = {"agency": [], "group": [], "actor": []}
    kinds_of: dict[str, str] = {}  # GraphML node id -> node_type
    initiatives: dict[str, tuple[_Element, list[str], list[str]]] = {}
    for item in nodes:
        node_type = item.data.get("node_type")
        kinds_of[item.id] = node_type or ""
        if node_type == "initiative":
            initiatives[item.id] = (item, [], [])
            continue
        if node_type not in records:
            problem(
                "nodes",
                item,
                "node_type",
                f"node_type {node_type!r} is not valid (valid: agency, group, actor, initiative)",
            )
            continue
        try:
            records[node_type].append(_node_record(node_type, item))
        except (RecordError, ValueError, TypeError) as exc:
            problem("nodes", item, None, str(exc))
    cols: dict[str, list[Any]] = {
        c: []
        for c in (
            "source",
            "target",
            "kind",
            "source_role",
            "target_role",
            "weight",
            "start",
            "end",
        )
    }
    edge_attrs: list[Attributes] = []
    exchange_edges: list[_Element] = []
    for item in edges:
        d = item.data
        kind = d.get("kind", "")
        if d.get("derived") == "true":
            continue
        if kind in (_SPONSORS, _AUDIENCE):
            ini_end = item.target if kind == _SPONSORS else item.source
            member = item.source if kind == _SPONSORS else item.target
            entry = initiatives.get(ini_end or "")
            if entry is None:
                problem("edges", item, "kind", f"a {kind!r} edge must touch an initiative node")
                continue
            (entry[1] if kind == _SPONSORS else entry[2]).append(member or "")
            continue
        try:
            weight = _number(d.get("weight"), "weight")
            attributes = _attributes(d.get("attributes"))
            dates = [_date(d.get(c), c) for c in ("start", "end")]
        except (ValueError, RecordError) as exc:
            problem("edges", item, None, str(exc))
            continue
        exchange_edges.append(item)
        cols["source"].append(item.source)
        cols["target"].append(item.target)
        cols["kind"].append(kind)
        cols["source_role"].append(d.get("source_role"))
        cols["target_role"].append(d.get("target_role"))
        cols["weight"].append(1.0 if weight is None else weight)
        cols["start"].append(dates[0])
        cols["end"].append(dates[1])
        edge_attrs.append(attributes)
    inits = []
    for node_id, (item, sponsors, audiences) in initiatives.items():
        try:
            inits.append(
                Initiative(
                    item.data.get("initiative_id", node_id),
                    item.data.get("kind"),
                    sponsors,
                    audiences,
                    item.data.get("date"),
                    name=item.data.get("name"),
                    attributes=_attributes(item.data.get("attributes")),
                )
            )
        except (RecordError, ValueError) as exc:
            problem("nodes", item, None, str(exc))
    observations: list[Any] = []
    try:
        observations = _records(graph.get("observations"), "observations", "observation")
    except (RecordError, ValueError, TypeError) as exc:
        problems.append(Problem(str(exc), file=name, column="observations"))
    try:
        net = ExchangeNetwork.from_arrays(
            agencies=records["agency"],
            groups=records["group"],
            actors=records["actor"],
            initiatives=inits,
            observations=observations,
            source=np.array(cols["source"], dtype=object),
            target=np.array(cols["target"], dtype=object),
            kind=np.array(cols["kind"], dtype=object),
            source_role=np.array(cols["source_role"], dtype=object),
            target_role=np.array(cols["target_role"], dtype=object),
            weight=np.array(cols["weight"], dtype=np.float64),
            start=np.array(cols["start"], dtype=object),
            end=np.array(cols["end"], dtype=object),
            attributes=edge_attrs,
        )
    except NetworkValidationError as exc:
        built = {r.id for recs in records.values() for r in recs}
        failed = {item.id for item in nodes if item.id not in built}
        for p in exc.problems:
            if p.value in failed and p.column in (
                "source",
                "target",
                "sponsors",
                "audiences",
                "subject",
                "rater",
            ):
                continue  # the node's own problem is reported; its edges would only echo it
            if p.exchange is not None:
                edge = exchange_edges[p.exchange]
                problem("edges", edge, p.column, p.message, p.value)
            else:
                problems.append(Problem(p.message, file=name, column=p.column, value=p.value))
        net = None
    if problems:
        raise DataFileError(problems)
    assert net is not None  # no problems means the network was built
    return net


def _loads(text: str, field: str) -> Any:
    """JSON text of a field; every way it can fail is a ValueError naming the field."""
    try:
        return json.loads(text, object_pairs_hook=unique_object, parse_constant=reject_constant)
    except RecursionError:
        msg = f"{field!r} is nested too deeply"
        raise ValueError(msg) from None
    except ValueError as exc:
        msg = f"{field!r} is not valid JSON ({exc})"
        raise ValueError(msg) from None


def _attributes(text: str | None) -> Attributes:
    if not text:
        return Attributes()
    data = _loads(text, "attributes")
    if not isinstance(data, dict):
        msg = f"'attributes' must be a JSON object (got {text!r})"
        raise ValueError(msg)  # noqa: TRY004  # reported as a problem of the element
    return Attributes(data)


def _records(text: str | None, field: str, kind: str) -> list[Any]:
    """A JSON list of record objects (a group's locations or meetings)."""
    data = _loads(text or "[]", field)
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        msg = f"{field!r} must be a JSON list of objects (got {text!r})"
        raise ValueError(msg)
    return [from_plain(kind, x) for x in data]


def _number(text: str | None, field: str) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        msg = f"{field!r} must be a number (got {text!r})"
        raise ValueError(msg) from None


def _date(text: str | None, field: str) -> str | None:
    """An exchange date, exactly YYYY-MM-DD (numpy alone would read '2024' or '2024-01')."""
    if text is None:
        return None
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError  # one message for every bad form
        dt.date.fromisoformat(text)
    except ValueError:
        msg = f"{field!r} must be a date as YYYY-MM-DD (got {text!r})"
        raise ValueError(msg) from None
    return text


def _node_record(node_type: str, item: _Element) -> Any:
    d: dict[str, Any] = dict(item.data)
    attributes = _attributes(d.get("attributes"))
    name: Any = d.get("name")  # None is refused by the record, with its own message
    if node_type == "agency":
        fields: dict[str, Any] = {f: d.get(f) for f in _LOCATION_FIELDS}
        fields["latitude"] = _number(d.get("latitude"), "latitude")
        fields["longitude"] = _number(d.get("longitude"), "longitude")
        located = (
            any(v is not None for v in fields.values())
            or "location_name" in d
            or d.get("has_location") == "true"
        )
        location = Location(**fields, name=d.get("location_name")) if located else None
        return Agency(item.id, name, d.get("sector"), location, attributes)
    if node_type == "group":
        return SelfHelpGroup(
            item.id,
            name,
            d.get("group_type"),
            fellowship=d.get("fellowship"),
            **{f: d.get(f) for f in _GROUP_ENUMS},
            locations=_records(d.get("locations"), "locations", "location"),
            meetings=_records(d.get("meetings"), "meetings", "meeting"),
            attributes=attributes,
            activities=parse_activities(d.get("activities") or ""),
        )
    return CommunityActor(item.id, name, d.get("kind"), attributes)
