"""Meeting Guide clock times: ``"HH:MM"`` as the format defines it, and 12-hour times as published.

The format gives ``time`` and ``end_time`` as ``"HH:MM"``, 24-hour. Some feeds write
``"11:00 AM"`` or ``"8:00 PM"`` instead; such a time is unambiguous when the hour is 1-12 and
the half of the day is written out, so :func:`read_clock_time` reads it (noon is ``12:00 PM``,
midnight ``12:00 AM``) and says so, rather than dropping the meeting.

References
----------
.. [1] code4recovery/spec: the Meeting Guide API specification (``time``, ``end_time``),
   https://github.com/code4recovery/spec (MIT licence).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs

__all__ = ["ClockTime", "read_clock_time"]

_TIME_24 = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")
# "11:00 AM", "8:00pm", "7:30 p.m.", "11:00:00 AM"; the half of the day must be written
_TIME_12 = re.compile(
    r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])\.?\s*m\.?\s*$", flags=re.IGNORECASE
)
_VALID = "'HH:MM', 24-hour, from 00:00 to 23:59"


@attrs.frozen
class ClockTime:
    """One ``time`` or ``end_time`` as read.

    Attributes
    ----------
    time : datetime.time or None
        The time of day; None when absent or unreadable.
    midnight_24 : bool
        The value was ``"24:00"`` (read as 00:00).
    problem : str or None
        Why the value could not be read, naming it and what would be valid.
    note : str or None
        A common variant read anyway (a 12-hour time), in words.
    """

    time: dt.time | None = None
    midnight_24: bool = False
    problem: str | None = None
    note: str | None = None


def read_clock_time(value: Any, field: str) -> ClockTime:
    """Read a Meeting Guide ``time`` / ``end_time`` value.

    Parameters
    ----------
    value : Any
        As found in the feed.
    field : str
        The field's name, for the messages.

    Returns
    -------
    ClockTime
        Empty for a missing or blank value.

    Examples
    --------
    >>> read_clock_time("19:30", "time").time.isoformat()
    '19:30:00'
    >>> r = read_clock_time("12:15 PM", "time")
    >>> r.time.isoformat(), r.note
    ('12:15:00', "12-hour 'time' '12:15 PM' read as 12:15")
    >>> read_clock_time("12:00 AM", "time").time.isoformat()
    '00:00:00'
    >>> read_clock_time("13:00 PM", "time").problem
    "'time' '13:00 PM' is not a possible 12-hour time (the hour must be 1 to 12)"
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return ClockTime()
    if not isinstance(value, str):
        return ClockTime(
            problem=f"{field!r} must be {_VALID} (got {type(value).__name__} {value!r})"
        )
    m = _TIME_24.match(value)
    if m is not None:
        hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
        if (hour, minute, second) == (24, 0, 0):
            return ClockTime(dt.time(0, 0), midnight_24=True)
        if hour > 23 or minute > 59 or second > 59:
            return ClockTime(
                problem=f"{field!r} {value!r} is not a possible time of day (valid: {_VALID})"
            )
        return ClockTime(dt.time(hour, minute, second))
    m = _TIME_12.match(value)
    if m is None:
        return ClockTime(problem=f"{field!r} must be {_VALID} (got {value!r})")
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    if not 1 <= hour <= 12:
        return ClockTime(
            problem=f"{field!r} {value!r} is not a possible 12-hour time (the hour must be 1 to 12)"
        )
    if minute > 59 or second > 59:
        return ClockTime(
            problem=f"{field!r} {value!r} is not a possible time of day (valid: {_VALID})"
        )
    hour = hour % 12 + (12 if m[4].casefold() == "p" else 0)
    time = dt.time(hour, minute, second)
    shown = time.strftime("%H:%M" if not second else "%H:%M:%S")
    return ClockTime(time, note=f"12-hour {field!r} {value!r} read as {shown}")
