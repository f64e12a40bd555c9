"""Records to plain, JSON-compatible dicts and back: the one mapping every format builds on."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from selfhelp_exchange.records import (
    Agency,
    CommunityActor,
    Exchange,
    Initiative,
    Location,
    MeetingTime,
    Observation,
    SelfHelpGroup,
)

__all__ = ["from_plain", "node_record_fields", "to_plain"]

RECORD_TYPES: dict[str, type[Any]] = {
    "agency": Agency,
    "group": SelfHelpGroup,
    "actor": CommunityActor,
    "exchange": Exchange,
    "initiative": Initiative,
    "location": Location,
    "meeting": MeetingTime,
    "observation": Observation,
}


def _enum_value(value: enum.Enum) -> Any:
    return value._value_  # what the ``value`` property returns, without the property call


def _time_text(value: dt.time) -> str:
    return value.isoformat(
        timespec="minutes" if value.second == 0 and not value.microsecond else "auto"
    )


def _date_text(value: dt.date) -> str:
    return value.isoformat()


def _mapping(value: Mapping[Any, Any]) -> dict[str, Any]:
    return {str(k): _plain(v) for k, v in value.items()}


def _sequence(value: tuple[Any, ...] | list[Any]) -> list[Any]:
    return [_plain(v) for v in value]


def _as_is(value: Any) -> Any:
    return value


def _converter(cls: type) -> Callable[[Any], Any]:
    """How :func:`_plain` converts a value of type ``cls``; the rules are tried in order."""
    if issubclass(cls, enum.Enum):
        return _enum_value
    if issubclass(cls, dt.time):
        return _time_text
    if issubclass(cls, dt.date):
        return _date_text
    if attrs.has(cls):
        return to_plain
    if issubclass(cls, Mapping):
        return _mapping
    if issubclass(cls, tuple | list):
        return _sequence
    return _as_is


# the rules depend only on a value's type, so the rule for each type is found once
_CONVERTERS: dict[type, Callable[[Any], Any]] = {}
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    cls = type(value)
    convert = _CONVERTERS.get(cls)
    if convert is None:
        convert = _CONVERTERS[cls] = _converter(cls)
    return convert(value)


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in attrs.fields(cls))
    return names


def to_plain(record: Any) -> dict[str, Any]:
    """A record as a dict of JSON-compatible values; fields left at None are kept as None.

    Examples
    --------
    >>> from selfhelp_exchange import Exchange
    >>> to_plain(Exchange(("A1", "board"), "G1", "policy_support", start="2024-02-01"))["source"]
    ['A1', 'board']
    """
    return {name: _plain(getattr(record, name)) for name in _field_names(type(record))}


def from_plain(kind: str, data: Mapping[str, Any]) -> Any:
    """The record of type ``kind`` (``agency``, ``group``, ...) from :func:`to_plain` output."""
    cls = RECORD_TYPES[kind]
    fields = _field_names(cls)
    unknown = sorted(set(data) - set(fields))
    if unknown:
        from selfhelp_exchange.exceptions import RecordError

        msg = f"unknown field(s) {unknown} for a {cls.__name__} (valid: {sorted(fields)})"
        raise RecordError(msg)
    return cls(**dict(data))


def node_record_fields(record: Agency | SelfHelpGroup | CommunityActor) -> dict[str, Any]:
    """Node attributes for the networkx view: ``node_type`` and every field (plain values)."""
    node_type = {Agency: "agency", SelfHelpGroup: "group", CommunityActor: "actor"}[type(record)]
    out = {"node_type": node_type}
    out.update(to_plain(record))
    del out["id"]
    return out
