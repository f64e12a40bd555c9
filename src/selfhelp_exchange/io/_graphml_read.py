"""Reading GraphML: the streaming XML pass and the checks that build the network.

Private to :mod:`selfhelp_exchange.io.graphml`, whose :func:`~selfhelp_exchange.read_graphml`
documents the rules.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import numpy as np

from selfhelp_exchange._serialize import from_plain
from selfhelp_exchange.activities import parse_activities
from selfhelp_exchange.exceptions import (
    DataFileError,
    NetworkValidationError,
    Problem,
    RecordError,
)
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
from selfhelp_exchange.io._reading import (
    reject_constant,
    unique_object,
)
from selfhelp_exchange.io._xmltext import unescape
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.records import (
    Agency,
    Attributes,
    CommunityActor,
    Initiative,
    Location,
    SelfHelpGroup,
)

__all__ = ["build", "parse"]


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


def parse(fh: Any, name: str | None) -> _Parsed:
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


def build(parsed: _Parsed, name: str | None) -> ExchangeNetwork:
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
