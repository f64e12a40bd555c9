"""The fields of the records: free attributes, ids, dates, times, coordinates and enum values.

:class:`Attributes` (the free-form attributes every record carries) and the validators and
converters the records of :mod:`selfhelp_exchange.records` are built from. A field checks only
itself; every error is a :class:`~selfhelp_exchange.RecordError` naming the field and what
would be valid.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import unicodedata
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping
from typing import Any, TypeAlias, TypeVar

import attrs

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import ArgumentError, RecordError
from selfhelp_exchange.vocabulary import (
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
    Weekday,
    coerce_enum,
)

__all__ = ["ISO_DATE", "AttributeValue", "Attributes", "check_id", "to_date", "window_bounds"]

AttributeValue: TypeAlias = str | int | float | bool
E = TypeVar("E", bound=enum.Enum)


class Attributes(Mapping[str, AttributeValue]):
    """An immutable, hashable mapping of free attributes (str keys; str, int, float, bool values).

    Records are frozen and hashable, so their free attributes must be too.

    Examples
    --------
    >>> a = Attributes({"beds": 40, "county": "Riverside"})
    >>> a["beds"], len(a), dict(a) == {"beds": 40, "county": "Riverside"}
    (40, 2, True)
    """

    __slots__ = ("_data", "_hash")

    def __init__(
        self, data: Mapping[str, AttributeValue] | Iterable[tuple[str, AttributeValue]] = ()
    ) -> None:
        items: dict[Any, Any] = dict(data)
        for key, value in items.items():
            if not isinstance(key, str) or not key.strip():
                msg = f"attribute names must be non-empty strings (got {key!r})"
                raise RecordError(msg)
            if not isinstance(value, str | int | float | bool):
                msg = (
                    f"attribute {key!r} must be a str, int, float or bool "
                    f"(got {type(value).__name__} {value!r})"
                )
                raise RecordError(msg)
            if isinstance(value, float) and not math.isfinite(value):
                msg = f"attribute {key!r} must be a finite number (got {value!r})"
                raise RecordError(msg)
        self._data: dict[str, AttributeValue] = items
        self._hash: int | None = None

    def __getitem__(self, key: str) -> AttributeValue:
        return self._data[key]

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` (Mapping.get, without its try/except)."""
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def items(self) -> ItemsView[str, AttributeValue]:
        """The (name, value) pairs (the underlying dict's view: no lookup per key)."""
        return self._data.items()

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(
                tuple(sorted((k, type(v).__name__, v) for k, v in self._data.items()))
            )
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Attributes):
            other = other._data
        if not isinstance(other, Mapping):
            return NotImplemented
        # bool is an int in Python; 1 and True must not compare equal after a round trip
        return dict(self._data) == dict(other) and all(
            type(v) is type(other[k]) for k, v in self._data.items()
        )

    def __repr__(self) -> str:
        return f"Attributes({self._data!r})"


def _to_attributes(value: object) -> Attributes:
    if isinstance(value, Attributes):
        return value
    if value is None:
        return Attributes()
    if not isinstance(value, Mapping):
        msg = f"attributes must be a mapping of names to values (got {type(value).__name__})"
        raise RecordError(msg)
    return Attributes(value)


def _enum(cls: type[E], field: str, *, optional: bool = False) -> Callable[[Any], Any]:
    """An attrs converter that accepts an enum member or its string value, with a clear error."""
    # a plain string is looked up directly (what ``cls(value)`` finds first, without the
    # overhead of calling the enum class); anything else goes through coerce_enum
    by_value: dict[Any, E] = {m.value: m for m in cls}

    def convert(value: Any) -> E | None:
        if value is None and optional:
            return None
        if type(value) is str:
            member = by_value.get(value)
            if member is not None:
                return member
        return coerce_enum(cls, value, field)

    return convert


def check_id(value: object, what: str) -> str:
    """Return ``value`` if it is a valid id, else raise :class:`RecordError`.

    An id is a non-empty string with no leading or trailing white space and no control
    characters, so that it survives every file format unchanged.
    """
    if not isinstance(value, str):
        msg = f"{what} must be a string (got {type(value).__name__} {value!r})"
        raise RecordError(msg)
    if not value or value != value.strip():
        msg = f"{what} must be non-empty, without leading or trailing spaces (got {value!r})"
        raise RecordError(msg)
    # an ASCII character is in a C (control) category exactly when it is not printable
    if (
        (not value.isprintable())
        if value.isascii()
        else any(unicodedata.category(c).startswith("C") for c in value)
    ):
        msg = f"{what} must not contain control or unassigned characters (got {value!r})"
        raise RecordError(msg)
    return value


def _id_validator(what: str) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def validate(_inst: Any, _attr: attrs.Attribute[Any], value: Any) -> None:
        check_id(value, what)

    return validate


def _name_validator(_inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"{attr.name!r} must be a non-empty string (got {value!r})"
        raise RecordError(msg)


def _optional_text(_inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        msg = f"{attr.name!r} must be None or a non-empty string (got {value!r})"
        raise RecordError(msg)


#: The one text form of a date every record and column accepts: 'YYYY-MM-DD' (spaces around it
#: ignored). ``date.fromisoformat`` alone would also take '20240301' or '2024-W10-1', and numpy
#: '2024' (as 2024-01-01): a partial date silently made a whole one is refused instead.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def to_date(value: Any, field: str = "date") -> dt.date | None:
    """Convert None, a ``date``, a ``datetime`` (its date) or an ISO 'YYYY-MM-DD' string."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    msg = f"{field!r} must be a date as YYYY-MM-DD (got {value!r})"
    raise RecordError(msg)


def _to_time(field: str, *, optional: bool) -> Callable[[Any], dt.time | None]:
    def convert(value: Any) -> dt.time | None:
        if value is None and optional:
            return None
        if isinstance(value, dt.time):
            if value.tzinfo is not None:
                msg = f"{field!r} must be a local time without tzinfo; put the zone in 'timezone'"
                raise RecordError(msg)
            return value
        if isinstance(value, str):
            try:
                return dt.time.fromisoformat(value.strip())
            except ValueError:
                pass
        msg = f"{field!r} must be a time of day as HH:MM (got {value!r})"
        raise RecordError(msg)

    return convert


def _coordinate(low: float, high: float) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def validate(_inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not (math.isfinite(value) and low <= value <= high)
        ):
            msg = f"{attr.name!r} must be a number from {low} to {high} (got {value!r})"
            raise RecordError(msg)

    return validate


def _optional_float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return value  # the validator rejects a bool
    if isinstance(value, int | float):
        try:
            return float(value)
        except OverflowError:  # a whole number past float's range: out of any coordinate's
            return math.inf
    return value  # type: ignore[no-any-return]  # the validator names the bad value


# Converters built once (each call of _enum builds a closure and a lookup table).
_SECTOR = _enum(Sector, "sector")
_GROUP_TYPE = _enum(GroupType, "group_type")
_FOCUS = _enum(Focus, "focus", optional=True)
_APPROACH = _enum(Approach, "approach", optional=True)
_MEETING_PLACE = _enum(MeetingPlace, "meeting_place", optional=True)
_ADMISSION = _enum(Admission, "admission", optional=True)
_TIMING = _enum(Timing, "timing", optional=True)
_FACILITATION = _enum(Facilitation, "facilitation", optional=True)
_ACTOR_KIND = _enum(ActorKind, "kind")
_EXCHANGE_KIND = _enum(ExchangeKind, "kind")
_INITIATIVE_KIND = _enum(InitiativeKind, "kind")
_DAY = _enum(Weekday, "day")
_START_TIME = _to_time("start", optional=False)
_END_TIME = _to_time("end", optional=True)


def window_bounds(*, start: Any, end: Any) -> tuple[dt.date | None, dt.date | None]:
    """A window's bounds as dates (None: open), checked as arguments (not record fields).

    Raises
    ------
    ArgumentError
        If a bound is not a date, or ``end`` is before ``start``.

    Examples
    --------
    >>> window_bounds(start="2024-07-01", end=None)
    (datetime.date(2024, 7, 1), None)
    """
    try:
        lo, hi = to_date(start, "start"), to_date(end, "end")
    except RecordError as exc:  # a window is an argument, not a record
        raise ArgumentError(str(exc)) from None
    if lo is not None and hi is not None and hi < lo:
        msg = f"window 'end' ({hi}) is before 'start' ({lo}); give end >= start"
        raise ArgumentError(msg)
    return lo, hi
