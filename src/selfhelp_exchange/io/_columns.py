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
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from selfhelp_exchange.activities import activities_text
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.io._schema import TABLES
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.records import Location
from selfhelp_exchange.vocabulary import ROLE_ORDER

__all__ = [
    "TableColumns",
    "attributes_text",
    "date_strings",
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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.time):
        return time_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return attributes_text(value)
    return str(getattr(value, "value", value))  # enum members: their file value


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


def network_columns(net: ExchangeNetwork) -> TableColumns:
    """Every table of ``net`` as columns of text, in :data:`TABLES` order.

    ``agencies.has_location`` is present only when some agency has a location with no field
    filled (the one case where the address cells cannot tell a blank location from none).
    """
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
    tables["exchanges"] = exchange_columns(net)
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


def exchange_columns(net: ExchangeNetwork) -> dict[str, npt.NDArray[np.object_]]:
    """The exchanges table, built column-wise from :attr:`ExchangeNetwork.arrays`."""
    x = net.arrays
    ids = net.node_ids
    roles = np.array(["", *(r.value for r in ROLE_ORDER)], dtype=object)
    kinds = np.array([k.value for k in ExchangeKind], dtype=object)
    attrs_ = net.exchange_attributes
    attributes = np.full(len(x), "", dtype=object)
    if attrs_ is not None:
        attributes[:] = [attributes_text(a) for a in attrs_]
    return {
        "source": ids[x.source].astype(object),
        "source_role": roles[x.source_role.astype(np.intp) + 1],
        "target": ids[x.target].astype(object),
        "target_role": roles[x.target_role.astype(np.intp) + 1],
        "kind": kinds[x.kind],
        "weight": _float_strings(x.weight),
        "start": date_strings(x.start),
        "end": date_strings(x.end),
        "attributes": attributes,
    }
