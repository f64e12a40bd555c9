"""Bulk record conversion for the file formats: records to plain dicts and back, fast.

A file of a national service system holds hundreds of thousands of records. Building each one
through its validating ``attrs`` constructor (converters, validators, a ``Location`` and an
``Attributes`` per record) takes 10-20 us a record; this module's paths take a few.

Both directions are *exact or step aside*:

- :func:`plain_records` gives what ``[to_plain(r) for r in records]`` gives (the same keys in
  the same order, the same values and types); a record holding anything it does not know
  exactly (a ``str`` subclass, a meeting, an observation) goes through :func:`to_plain`.
- :func:`record_from_plain` accepts only values in the canonical form :func:`to_plain` writes
  (exact key set, ``str``/``float``/``None`` of the exact type, known enum values, ASCII ids,
  ISO dates), checks them exactly as the record's validators would, and builds the record
  without calling its constructor. Anything else (including every invalid value) returns None,
  and the caller builds the record through :func:`from_plain`, which converts what it can and
  reports the problem in its own words. So a file's errors never depend on this module, and
  a record it builds equals the one the constructor would build
  (``tests/test_fastrecords.py`` checks both with hypothesis).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from typing import Any

from selfhelp_exchange._serialize import to_plain
from selfhelp_exchange.record_fields import ISO_DATE, Attributes
from selfhelp_exchange.records import (
    Agency,
    CommunityActor,
    Initiative,
    Location,
    SelfHelpGroup,
)
from selfhelp_exchange.vocabulary import (
    Activity,
    ActorKind,
    Admission,
    Approach,
    Facilitation,
    Focus,
    GroupType,
    InitiativeKind,
    MeetingPlace,
    Sector,
    Timing,
)

__all__ = [
    "group_from_values",
    "location_from_values",
    "plain_records",
    "record_from_plain",
]

_new = object.__new__
_set = object.__setattr__
_SCALAR = frozenset({str, int, float, bool})


# ---------------------------------------------------------------------------- to plain
def _plain_attributes(a: Attributes) -> dict[str, Any] | None:
    data = a._data
    for v in data.values():
        if type(v) not in _SCALAR:
            return None  # e.g. an IntEnum value, which to_plain turns into its value
    return dict(data)


def _text_ok(*values: object) -> bool:
    return all(v is None or type(v) is str for v in values)


_TEXT = (str, type(None))
_NUMBER = (float, type(None))


def _plain_location(loc: Location) -> dict[str, Any] | None:
    if type(loc) is not Location:
        return None
    address, city, state = loc.address, loc.city, loc.state
    postal_code, country, name = loc.postal_code, loc.country, loc.name
    latitude, longitude = loc.latitude, loc.longitude
    if (
        type(address) not in _TEXT
        or type(city) not in _TEXT
        or type(state) not in _TEXT
        or type(postal_code) not in _TEXT
        or type(country) not in _TEXT
        or type(name) not in _TEXT
        or type(latitude) not in _NUMBER
        or type(longitude) not in _NUMBER
    ):
        return None
    return {
        "address": address,
        "city": city,
        "state": state,
        "postal_code": postal_code,
        "country": country,
        "latitude": latitude,
        "longitude": longitude,
        "name": name,
    }


def _plain_agency(r: Agency) -> dict[str, Any] | None:
    attributes = _plain_attributes(r.attributes)
    location = None if r.location is None else _plain_location(r.location)
    if (
        attributes is None
        or (location is None and r.location is not None)
        or not (type(r.id) is str and type(r.name) is str)
    ):
        return None
    return {
        "id": r.id,
        "name": r.name,
        "sector": r.sector._value_,
        "location": location,
        "attributes": attributes,
    }


def _value(member: Any) -> Any:
    return None if member is None else member._value_


def _plain_group(r: SelfHelpGroup) -> dict[str, Any] | None:
    attributes = _plain_attributes(r.attributes)
    if (
        attributes is None
        or r.meetings
        or type(r.id) is not str
        or type(r.name) is not str
        or type(r.fellowship) not in _TEXT
    ):
        return None
    locations = []
    for loc in r.locations:
        plain = _plain_location(loc)
        if plain is None:
            return None
        locations.append(plain)
    return {
        "id": r.id,
        "name": r.name,
        "group_type": r.group_type._value_,
        "fellowship": r.fellowship,
        "focus": _value(r.focus),
        "approach": _value(r.approach),
        "meeting_place": _value(r.meeting_place),
        "admission": _value(r.admission),
        "timing": _value(r.timing),
        "facilitation": _value(r.facilitation),
        "locations": locations,
        "meetings": [],
        "attributes": attributes,
        "activities": [a._value_ for a in r.activities],
    }


def _plain_actor(r: CommunityActor) -> dict[str, Any] | None:
    attributes = _plain_attributes(r.attributes)
    if attributes is None or not _text_ok(r.id, r.name):
        return None
    return {"id": r.id, "name": r.name, "kind": r.kind._value_, "attributes": attributes}


def _plain_initiative(r: Initiative) -> dict[str, Any] | None:
    attributes = _plain_attributes(r.attributes)
    ids = (r.id, r.name, *r.sponsors, *r.audiences)
    if attributes is None or not _text_ok(*ids) or type(r.date) not in (dt.date, type(None)):
        return None
    return {
        "id": r.id,
        "kind": r.kind._value_,
        "sponsors": list(r.sponsors),
        "audiences": list(r.audiences),
        "date": None if r.date is None else r.date.isoformat(),
        "name": r.name,
        "attributes": attributes,
    }


_TO_PLAIN: dict[type, Callable[[Any], dict[str, Any] | None]] = {
    Agency: _plain_agency,
    SelfHelpGroup: _plain_group,
    CommunityActor: _plain_actor,
    Initiative: _plain_initiative,
}


def plain_records(records: Iterable[Any]) -> list[dict[str, Any]]:
    """``[to_plain(r) for r in records]``, with a fast path for the node and initiative records.

    Examples
    --------
    >>> from selfhelp_exchange import Agency
    >>> plain_records([Agency("A1", "Agency", sector="mental_health")])
    [{'id': 'A1', 'name': 'Agency', 'sector': 'mental_health', 'location': None, 'attributes': {}}]
    """
    out = []
    for r in records:
        fast = _TO_PLAIN.get(type(r))
        plain = None if fast is None else fast(r)
        out.append(to_plain(r) if plain is None else plain)
    return out


# ---------------------------------------------------------------------------- from plain
class _StepAside(Exception):
    """A value this module does not take exactly as the constructor would: use from_plain."""


def _table(cls: Any) -> dict[str, Any]:
    return {m._value_: m for m in cls}


_SECTORS = _table(Sector)
_GROUP_TYPES = _table(GroupType)
_FOCI = _table(Focus)
_APPROACHES = _table(Approach)
_PLACES = _table(MeetingPlace)
_ADMISSIONS = _table(Admission)
_TIMINGS = _table(Timing)
_FACILITATIONS = _table(Facilitation)
_ACTOR_KINDS = _table(ActorKind)
_INITIATIVE_KINDS = _table(InitiativeKind)
_ACTIVITIES = _table(Activity)
_ACTIVITY_ORDER = tuple(Activity)


def _with_none(table: dict[str, Any]) -> dict[Any, Any]:
    return {None: None, **table}


_OPTIONAL_FOCI = _with_none(_FOCI)
_OPTIONAL_APPROACHES = _with_none(_APPROACHES)
_OPTIONAL_PLACES = _with_none(_PLACES)
_OPTIONAL_ADMISSIONS = _with_none(_ADMISSIONS)
_OPTIONAL_TIMINGS = _with_none(_TIMINGS)
_OPTIONAL_FACILITATIONS = _with_none(_FACILITATIONS)


def _member(table: dict[str, Any], value: Any) -> Any:
    if type(value) is str:
        member = table.get(value)
        if member is not None:
            return member
    raise _StepAside


def _id(value: Any) -> str:
    # check_id's rule for ASCII ids (non-ASCII ones take the constructor's path)
    if (
        type(value) is str
        and value
        and value.isascii()
        and value.isprintable()
        and value == value.strip()
    ):
        return value
    raise _StepAside


def _name(value: Any) -> str:
    if type(value) is str and value.strip():
        return value
    raise _StepAside


def _optional_text(value: Any) -> str | None:
    return None if value is None else _name(value)


def _coordinate(value: Any, low: float, high: float) -> float | None:
    if value is None:
        return None
    if type(value) is float and math.isfinite(value) and low <= value <= high:
        return value
    raise _StepAside


def _attributes(value: Any) -> Attributes:
    if type(value) is not dict:
        raise _StepAside
    for key, v in value.items():
        t = type(v)
        if (
            type(key) is not str
            or not key.strip()
            or t not in _SCALAR
            or (t is float and not math.isfinite(v))
        ):
            raise _StepAside
    out = _new(Attributes)
    _set(out, "_data", dict(value))
    _set(out, "_hash", None)
    return out


_LOCATION_KEYS = frozenset(
    ("address", "city", "state", "postal_code", "country", "latitude", "longitude", "name")
)


def _location(value: Any) -> Location | None:
    if value is None:
        return None
    if type(value) is not dict or len(value) != len(_LOCATION_KEYS):  # and every key read
        raise _StepAside
    return _checked_location(
        value["address"],
        value["city"],
        value["state"],
        value["postal_code"],
        value["country"],
        value["latitude"],
        value["longitude"],
        value["name"],
    )


def _checked_location(
    address: Any,
    city: Any,
    state: Any,
    postal_code: Any,
    country: Any,
    latitude: Any,
    longitude: Any,
    name: Any,
) -> Location:
    """The Location of these values, checked by its constructor's rules (else _StepAside)."""
    lat = _coordinate(latitude, -90.0, 90.0)
    lon = _coordinate(longitude, -180.0, 180.0)
    if (lat is None) != (lon is None):
        raise _StepAside
    loc = _new(Location)
    _set(loc, "address", _optional_text(address))
    _set(loc, "city", _optional_text(city))
    _set(loc, "state", _optional_text(state))
    _set(loc, "postal_code", _optional_text(postal_code))
    _set(loc, "country", _optional_text(country))
    _set(loc, "latitude", lat)
    _set(loc, "longitude", lon)
    _set(loc, "name", _optional_text(name))
    return loc


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if type(value) is str and ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _StepAside


def _ids(value: Any, *, nonempty: bool) -> tuple[str, ...]:
    if type(value) is not list or (nonempty and not value):
        raise _StepAside
    ids = tuple(_id(v) for v in value)
    if len(set(ids)) != len(ids):
        raise _StepAside
    return ids


def _keys(data: Any, keys: frozenset[str]) -> None:
    if type(data) is not dict or data.keys() != keys:
        raise _StepAside


_AGENCY_KEYS = frozenset(("id", "name", "sector", "location", "attributes"))


def _agency(d: Any) -> Agency:
    _keys(d, _AGENCY_KEYS)
    r = _new(Agency)
    _set(r, "id", _id(d["id"]))
    _set(r, "name", _name(d["name"]))
    _set(r, "sector", _member(_SECTORS, d["sector"]))
    _set(r, "location", _location(d["location"]))
    _set(r, "attributes", _attributes(d["attributes"]))
    return r


_GROUP_KEYS = frozenset(
    (
        "id",
        "name",
        "group_type",
        "fellowship",
        "focus",
        "approach",
        "meeting_place",
        "admission",
        "timing",
        "facilitation",
        "locations",
        "meetings",
        "attributes",
        "activities",
    )
)


def _group(d: Any) -> SelfHelpGroup:
    if type(d) is not dict or len(d) != len(_GROUP_KEYS):  # and every key read below
        raise _StepAside
    locations, meetings, activities = d["locations"], d["meetings"], d["activities"]
    # a group's meetings (rare at scale) are checked against its locations by its constructor
    if type(locations) is not list or meetings != [] or type(activities) is not list:
        raise _StepAside
    given = {_member(_ACTIVITIES, a) for a in activities} if activities else None
    enums = (d["focus"], d["approach"], d["meeting_place"], d["admission"], d["timing"])
    if not all(type(v) is str or v is None for v in (*enums, d["facilitation"])):
        raise _StepAside  # a str subclass: the constructor decides what it means
    r = _new(SelfHelpGroup)
    _set(r, "id", _id(d["id"]))
    _set(r, "name", _name(d["name"]))
    _set(r, "group_type", _member(_GROUP_TYPES, d["group_type"]))
    _set(r, "fellowship", _optional_text(d["fellowship"]))
    # a KeyError (an unknown value) steps aside
    _set(r, "focus", _OPTIONAL_FOCI[enums[0]])
    _set(r, "approach", _OPTIONAL_APPROACHES[enums[1]])
    _set(r, "meeting_place", _OPTIONAL_PLACES[enums[2]])
    _set(r, "admission", _OPTIONAL_ADMISSIONS[enums[3]])
    _set(r, "timing", _OPTIONAL_TIMINGS[enums[4]])
    _set(r, "facilitation", _OPTIONAL_FACILITATIONS[d["facilitation"]])
    located = tuple(map(_location, locations))
    if None in located:  # a group's locations cannot hold None
        raise _StepAside
    _set(r, "locations", located)
    _set(r, "meetings", ())
    _set(r, "attributes", _attributes(d["attributes"]))
    _set(r, "activities", tuple(a for a in _ACTIVITY_ORDER if a in given) if given else ())
    return r


_ACTOR_KEYS = frozenset(("id", "name", "kind", "attributes"))


def _actor(d: Any) -> CommunityActor:
    _keys(d, _ACTOR_KEYS)
    r = _new(CommunityActor)
    _set(r, "id", _id(d["id"]))
    _set(r, "name", _name(d["name"]))
    _set(r, "kind", _member(_ACTOR_KINDS, d["kind"]))
    _set(r, "attributes", _attributes(d["attributes"]))
    return r


_INITIATIVE_KEYS = frozenset(("id", "kind", "sponsors", "audiences", "date", "name", "attributes"))


def _initiative(d: Any) -> Initiative:
    _keys(d, _INITIATIVE_KEYS)
    r = _new(Initiative)
    _set(r, "id", _id(d["id"]))
    _set(r, "kind", _member(_INITIATIVE_KINDS, d["kind"]))
    _set(r, "sponsors", _ids(d["sponsors"], nonempty=True))
    _set(r, "audiences", _ids(d["audiences"], nonempty=False))
    _set(r, "date", _date(d["date"]))
    _set(r, "name", _optional_text(d["name"]))
    _set(r, "attributes", _attributes(d["attributes"]))
    return r


_FROM_PLAIN: dict[str, Callable[[Any], Any]] = {
    "agency": _agency,
    "group": _group,
    "actor": _actor,
    "initiative": _initiative,
}


def record_from_plain(kind: str, data: Any) -> Any:
    """The record :func:`from_plain` builds from ``data``, or None to leave it to from_plain.

    Examples
    --------
    >>> record_from_plain("actor", {"id": "C1", "name": "Press", "kind": "media",
    ...                             "attributes": {}})
    CommunityActor(id='C1', name='Press', kind=<ActorKind.MEDIA: 'media'>, attributes=Attributes({}))
    >>> record_from_plain("actor", {"id": "C1", "name": "Press", "kind": "press"}) is None
    True
    """
    build = _FROM_PLAIN.get(kind)
    if build is None:
        return None
    try:
        return build(data)
    except (_StepAside, KeyError, TypeError, ValueError, OverflowError):
        return None


# ---------------------------------------------------------------------------- from typed values
_OPTIONAL_TYPES = (
    ("focus", Focus),
    ("approach", Approach),
    ("meeting_place", MeetingPlace),
    ("admission", Admission),
    ("timing", Timing),
    ("facilitation", Facilitation),
)


def location_from_values(
    address: Any,
    city: Any,
    state: Any,
    postal_code: Any,
    country: Any,
    latitude: Any,
    longitude: Any,
    name: Any,
) -> Location | None:
    """The :class:`Location` the constructor builds from these values, or None to let it.

    Taken as they are: texts (``str`` or None) and coordinates (``float`` or None, both or
    neither), checked by the constructor's rules.

    Examples
    --------
    >>> location_from_values(None, "Riverside", None, None, None, 44.1, -77.4, None).city
    'Riverside'
    >>> location_from_values(None, None, None, None, None, 91.0, 0.0, None) is None
    True
    """
    try:
        return _checked_location(
            address, city, state, postal_code, country, latitude, longitude, name
        )
    except _StepAside:
        return None


def group_from_values(
    group_id: Any,
    name: Any,
    group_type: Any,
    *,
    fellowship: Any,
    locations: Any,
    meetings: Any,
    attributes: Any,
    activities: Any,
    **enums: Any,
) -> SelfHelpGroup | None:
    """The :class:`SelfHelpGroup` the constructor builds from typed values, or None to let it.

    Taken as they are: enum members of their own classes (or None where optional), texts,
    :class:`Location` records, no meetings, an :class:`Attributes`, activities in their
    canonical order; checked by the constructor's rules.

    Examples
    --------
    >>> from selfhelp_exchange.vocabulary import GroupType
    >>> g = group_from_values("G1", "Tuesday AA", GroupType.MUTUAL_HELP, fellowship="AA",
    ...     locations=[], meetings=[], attributes=Attributes(), activities=(), focus=None,
    ...     approach=None, meeting_place=None, admission=None, timing=None, facilitation=None)
    >>> g.fellowship
    'AA'
    """
    if (
        type(group_type) is not GroupType
        or type(meetings) not in (list, tuple)
        or meetings
        or type(attributes) is not Attributes
        or type(activities) is not tuple
        or len(enums) != len(_OPTIONAL_TYPES)
    ):
        return None
    given = set(activities)
    if len(given) != len(activities) or activities != tuple(
        a for a in _ACTIVITY_ORDER if a in given
    ):
        return None
    if type(locations) not in (list, tuple) or not all(type(x) is Location for x in locations):
        return None
    try:
        r = _new(SelfHelpGroup)
        _set(r, "id", _id(group_id))
        _set(r, "name", _name(name))
        _set(r, "group_type", group_type)
        _set(r, "fellowship", _optional_text(fellowship))
        for field, cls in _OPTIONAL_TYPES:
            value = enums[field]
            if value is not None and type(value) is not cls:
                return None
            _set(r, field, value)
    except (_StepAside, KeyError):
        return None
    _set(r, "locations", tuple(locations))
    _set(r, "meetings", ())
    _set(r, "attributes", attributes)
    _set(r, "activities", activities)
    return r
