"""Records to plain, JSON-compatible dicts and back: the one mapping every format builds on."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs

from selfhelp_exchange.records import (
    Agency,
    CommunityActor,
    Exchange,
    Initiative,
    Location,
    MeetingTime,
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
}


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.time):
        return value.isoformat(
            timespec="minutes" if value.second == 0 and not value.microsecond else "auto"
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if attrs.has(type(value)):
        return to_plain(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def to_plain(record: Any) -> dict[str, Any]:
    """A record as a dict of JSON-compatible values; fields left at None are kept as None.

    Examples
    --------
    >>> from selfhelp_exchange import Exchange
    >>> to_plain(Exchange(("A1", "board"), "G1", "policy_support", start="2024-02-01"))["source"]
    ['A1', 'board']
    """
    return {f.name: _plain(getattr(record, f.name)) for f in attrs.fields(type(record))}


def from_plain(kind: str, data: Mapping[str, Any]) -> Any:
    """The record of type ``kind`` (``agency``, ``group``, ...) from :func:`to_plain` output."""
    cls = RECORD_TYPES[kind]
    fields = {f.name for f in attrs.fields(cls)}
    unknown = sorted(set(data) - fields)
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
