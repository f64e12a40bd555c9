"""A network as table columns of text, the form both CSV and XLSX writers start from.

Every cell is a ``str``; an empty string means "not given" (None). Numbers are written with
``repr`` (the shortest text that reads back to the same float), dates as YYYY-MM-DD and times as
HH:MM (HH:MM:SS or HH:MM:SS.ffffff when they have seconds), so reading the text back gives the
very same values. Exchanges are converted column-wise with numpy, never one record at a time.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange.activities import activities_text
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.io._schema import TABLES
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.records import Location
from selfhelp_exchange.vocabulary import ROLE_ORDER

__all__ = [
    "Coded",
    "TableColumns",
    "attributes_text",
    "date_strings",
    "exchange_codes",
    "exchange_columns",
    "location_is_blank",
    "network_columns",
    "time_text",
]

#: table name -> column name -> one ``str`` per record (object array)
TableColumns = dict[str, dict[str, npt.NDArray[np.object_]]]

_LOCATION_FIELDS = ("address", "city", "state", "postal_code", "country", "latitude", "longitude")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def time_text(t: dt.time) -> str:
    """A time of day as HH:MM, with seconds (and microseconds) only when it has them."""
    return t.isoformat(timespec="minutes" if t.second == 0 and not t.microsecond else "auto")


def attributes_text(attributes: Mapping[str, Any]) -> str:
    """Free attributes as the text of a JSON object ('' for none); floats are repr-exact."""
    if not attributes:
        return ""
    text = json.dumps(dict(attributes), ensure_ascii=False, allow_nan=False)
    if _SURROGATE.search(text):  # a lone surrogate: as a \\udXXX escape it survives any file
        text = json.dumps(dict(attributes), ensure_ascii=True, allow_nan=False)
    return text


def location_is_blank(loc: Location) -> bool:
    """Whether a location has no field filled (it still differs from having no location)."""
    return all(getattr(loc, f) is None for f in (*_LOCATION_FIELDS, "name"))


def date_strings(values: npt.NDArray[np.datetime64]) -> npt.NDArray[np.object_]:
    """``datetime64[D]`` values as YYYY-MM-DD text, '' where NaT."""
    out = np.asarray(values, dtype="datetime64[D]").astype(str).astype(object)
    out[np.isnat(values)] = ""
    return out


def _float_strings(values: npt.NDArray[np.float64]) -> npt.NDArray[np.object_]:
    """Floats as their ``repr``: the shortest text that reads back to the same value."""
    out = np.empty(len(values), dtype=object)
    out[:] = [repr(v) for v in values.tolist()]
    return out


def _bool_text(value: bool) -> str:
    return "true" if value else "false"


def _other_text(value: Any) -> str:
    return str(getattr(value, "value", value))  # enum members: their file value


def _cell_rule(cls: type) -> Callable[[Any], str]:
    """How a cell of type ``cls`` is written; the rules are tried in this order."""
    rules: tuple[tuple[type, Callable[[Any], str]], ...] = (
        (type(None), lambda _: ""),
        (bool, _bool_text),
        (float, repr),
        (int, str),
        (dt.time, time_text),
        (dt.date, dt.date.isoformat),
        (Mapping, attributes_text),
    )
    for kind, rule in rules:
        if issubclass(cls, kind):
            return rule
    return _other_text


# the rule depends only on a value's type: it is found once per type
_CELL_RULES: dict[type, Callable[[Any], str]] = {str: _other_text}


def _cell(value: Any) -> str:
    cls = type(value)
    rule = _CELL_RULES.get(cls)
    if rule is None:
        rule = _CELL_RULES[cls] = _cell_rule(cls)
    return rule(value)


def _columns(table: str, rows: Sequence[Mapping[str, Any]]) -> dict[str, npt.NDArray[np.object_]]:
    out: dict[str, npt.NDArray[np.object_]] = {}
    for col in TABLES[table]:
        arr = np.empty(len(rows), dtype=object)
        arr[:] = [_cell(r.get(col.name)) for r in rows]
        out[col.name] = arr
    return out


def _location_cells(loc: Location | None) -> dict[str, Any]:
    if loc is None:
        return {}
    return {f: getattr(loc, f) for f in _LOCATION_FIELDS}


def network_columns(net: ExchangeNetwork, *, coded: bool = False) -> TableColumns:
    """Every table of ``net`` as columns of text, in :data:`TABLES` order.

    ``coded=True`` leaves the exchanges as :class:`Coded` columns (the CSV writer's fast path).

    ``agencies.has_location`` is present only when some agency has a location with no field
    filled (the one case where the address cells cannot tell a blank location from none).
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        # the exchanges' weights and days are sorted (outside the interpreter lock) by another
        # thread while this one makes the node tables
        exchanges = pool.submit(exchange_codes, net)
        return _tables(net, exchanges, coded=coded)


def _tables(
    net: ExchangeNetwork, exchanges: Future[dict[str, Coded]], *, coded: bool
) -> TableColumns:
    tables: TableColumns = {}
    agencies = [
        {
            "id": a.id,
            "name": a.name,
            "sector": a.sector,
            **_location_cells(a.location),
            "location_name": a.location.name if a.location is not None else None,
            "attributes": a.attributes,
            "has_location": True
            if a.location is not None and location_is_blank(a.location)
            else None,
        }
        for a in net.agencies
    ]
    tables["agencies"] = _columns("agencies", agencies)
    if not any(r["has_location"] for r in agencies):
        del tables["agencies"]["has_location"]
    group_fields = (
        "group_type",
        "fellowship",
        "focus",
        "approach",
        "meeting_place",
        "admission",
        "timing",
        "facilitation",
    )
    tables["groups"] = _columns(
        "groups",
        [
            {"id": g.id, "name": g.name, **{f: getattr(g, f) for f in group_fields}}
            | {"attributes": g.attributes, "activities": activities_text(g.activities) or None}
            for g in net.groups
        ],
    )
    tables["group_locations"] = _columns(
        "group_locations",
        [
            {"group_id": g.id, "position": k, **_location_cells(loc), "name": loc.name}
            for g in net.groups
            for k, loc in enumerate(g.locations, start=1)
        ],
    )
    tables["meetings"] = _columns(
        "meetings",
        [
            {
                "group_id": g.id,
                "day": m.day,
                "start": m.start,
                "end": m.end,
                "timezone": m.timezone,
                "location": None if m.location is None else m.location + 1,
            }
            for g in net.groups
            for m in g.meetings
        ],
    )
    tables["actors"] = _columns(
        "actors",
        [
            {"id": c.id, "name": c.name, "kind": c.kind, "attributes": c.attributes}
            for c in net.actors
        ],
    )
    codes = exchanges.result()
    if coded:
        tables["exchanges"] = codes  # type: ignore[assignment]  # the CSV writer's own form
    else:
        tables["exchanges"] = {name: col.decode() for name, col in codes.items()}
    tables["initiatives"] = _columns(
        "initiatives",
        [
            {
                "id": i.id,
                "kind": i.kind,
                "date": i.date,
                "name": i.name,
                "attributes": i.attributes,
            }
            for i in net.initiatives
        ],
    )
    tables["initiative_sponsors"] = _columns(
        "initiative_sponsors",
        [{"initiative_id": i.id, "sponsor": s} for i in net.initiatives for s in i.sponsors],
    )
    tables["initiative_audiences"] = _columns(
        "initiative_audiences",
        [{"initiative_id": i.id, "audience": a} for i in net.initiatives for a in i.audiences],
    )
    tables["observations"] = _columns(
        "observations",
        [
            {
                "subject": o.subject,
                "measure": o.measure,
                "value": o.value,
                "date": o.date,
                "source": o.source,
                "rater": o.rater,
                "attributes": o.attributes,
            }
            for o in net.observations
        ],
    )
    # the evaluator's self-assessment answers are not part of the network: the sheet is
    # written empty here (the template fills in the items to answer)
    tables["self_assessment"] = _columns("self_assessment", [])
    return tables


@attrs.frozen
class Coded:
    """A column as codes into its distinct cell texts: ``values[codes]`` is the column.

    The exchange columns have few distinct texts (node ids, kinds, days, weights) against
    millions of rows, so each text is made, checked and encoded once.
    """

    codes: npt.NDArray[np.integer[Any]]
    values: npt.NDArray[np.object_]

    def __len__(self) -> int:
        return len(self.codes)

    def decode(self) -> npt.NDArray[np.object_]:
        """The column's cell texts."""
        out: npt.NDArray[np.object_] = self.values[self.codes]
        return out


def _coded_floats(values: npt.NDArray[np.float64]) -> Coded:
    # distinct by bit pattern, so 0.0 and -0.0 keep their own text
    bits, codes = np.unique(values.view(np.int64), return_inverse=True)
    return Coded(codes.reshape(-1).astype(np.int32), _float_strings(bits.view(np.float64)))


def _coded_dates(values: npt.NDArray[np.datetime64]) -> Coded:
    days, codes = np.unique(
        np.asarray(values, dtype="datetime64[D]").view(np.int64), return_inverse=True
    )
    return Coded(codes.reshape(-1).astype(np.int32), date_strings(days.view("datetime64[D]")))


def exchange_codes(net: ExchangeNetwork) -> dict[str, Coded]:
    """The exchanges table as coded columns, built column-wise from the network's arrays."""
    x = net.arrays
    n = len(x)
    roles = np.array(["", *(r.value for r in ROLE_ORDER)], dtype=object)
    kinds = np.array([k.value for k in ExchangeKind], dtype=object)
    attrs_ = net.exchange_attributes
    if attrs_ is None:
        attributes = Coded(np.zeros(n, dtype=np.int8), np.array([""], dtype=object))
    else:
        texts = np.empty(n, dtype=object)
        texts[:] = [attributes_text(a) for a in attrs_]
        attributes = Coded(np.arange(n, dtype=np.intp), texts)
    return {
        # the network's own arrays as codes (no copy), roles moved up one for "no role"
        "source": Coded(x.source, net.node_ids),
        "source_role": Coded(x.source_role + np.int8(1), roles),
        "target": Coded(x.target, net.node_ids),
        "target_role": Coded(x.target_role + np.int8(1), roles),
        "kind": Coded(x.kind, kinds),
        "weight": _coded_floats(x.weight),
        "start": _coded_dates(x.start),
        "end": _coded_dates(x.end),
        "attributes": attributes,
    }


def exchange_columns(net: ExchangeNetwork) -> dict[str, npt.NDArray[np.object_]]:
    """The exchanges table, built column-wise from :attr:`ExchangeNetwork.arrays`."""
    return {name: col.decode() for name, col in exchange_codes(net).items()}
