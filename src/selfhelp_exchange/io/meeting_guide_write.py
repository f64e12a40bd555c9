"""Meeting records written back out: as a Meeting Guide feed, and as table columns.

:func:`write_meeting_guide` writes meetings read by
:func:`~selfhelp_exchange.read_meeting_guide` back as a Meeting Guide JSON feed, every field
kept (conference notes, district, contacts, the feed's ``attendance_option``, ``approximate``
and every other key, verbatim), so that reading the written feed gives the same meetings.
:func:`meeting_columns` gives the same fields as the columns
:meth:`MeetingGuideFeed.to_frame <selfhelp_exchange.MeetingGuideFeed.to_frame>` adds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from selfhelp_exchange.exceptions import ArgumentTypeError
from selfhelp_exchange.meetings import Meeting, MeetingGuideFeed, format_updated, meeting_columns

__all__ = ["meeting_columns", "write_meeting_guide"]

_DAY_NUMBER = {
    "sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6,
}  # fmt: skip


def _clock(t: dt.time | None) -> str | None:
    if t is None:
        return None
    return t.strftime("%H:%M:%S" if t.second else "%H:%M")


def _item(meetings: list[Meeting]) -> dict[str, Any]:
    m = meetings[0]
    days = [_DAY_NUMBER[x.day.value] for x in meetings if x.day is not None]
    loc = m.location
    out: dict[str, Any] = {
        "name": m.name,
        "slug": m.slug,
        "day": days[0] if len(days) == 1 else (days or None),
        "time": _clock(m.start),
        "end_time": _clock(m.end),
        "timezone": m.timezone,
        "location": None if loc is None else loc.name,
        "formatted_address": m.formatted_address,
        "address": None if loc is None else loc.address,
        "city": None if loc is None else loc.city,
        "state": None if loc is None else loc.state,
        "postal_code": None if loc is None else loc.postal_code,
        "country": None if loc is None else loc.country,
        "latitude": None if loc is None else loc.latitude,
        "longitude": None if loc is None else loc.longitude,
        "approximate": None if m.approximate is None else ("yes" if m.approximate else "no"),
        "regions": list(m.regions) or None,
        "conference_url": m.conference_url,
        "conference_url_notes": m.conference_url_notes,
        "conference_phone": m.conference_phone,
        "conference_phone_notes": m.conference_phone_notes,
        "types": list(m.types) or None,
        "notes": m.notes,
        "location_notes": m.location_notes,
        "group": m.group,
        "group_notes": m.group_notes,
        "district": m.district,
        "sub_district": m.sub_district,
        "updated": format_updated(m.updated),
        "url": m.url,
        "entity": m.entity,
        "attendance_option": m.feed_attendance_option,
    }
    for c in m.contacts:
        for part in ("name", "email", "phone"):
            out[f"contact_{c.number}_{part}"] = getattr(c, part)
    out = {k: v for k, v in out.items() if v is not None}
    for key, text in m.extra:
        out[key] = json.loads(text)
    return out


def write_meeting_guide(
    meetings: MeetingGuideFeed | Iterable[Meeting],
    path: str | os.PathLike[str] | None = None,
) -> str:
    """Write meetings as a Meeting Guide JSON feed.

    Parameters
    ----------
    meetings : MeetingGuideFeed or iterable of Meeting
        Meeting records (a feed's ``.meetings`` when a feed is given). Records of one listing
        (the same ``index``) on several weekdays are written as one listing with a ``day``
        list, as the feed had them.
    path : path, optional
        Also write the text to this file (UTF-8).

    Returns
    -------
    str
        The feed as JSON text: a list of meetings in order of their ``index``. Times are written
        ``"HH:MM"`` 24-hour and ``updated`` as ``"YYYY-MM-DD HH:MM:SS"`` (the format's forms),
        whatever form the source used.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> feed = shx.read_meeting_guide('[{"name": "N", "slug": 5, "day": [1, 3], '
    ...     '"time": "8:00 PM", "conference_url_notes": "Passcode 12", "venmo": "@n"}]')
    >>> text = write_meeting_guide(feed)
    >>> text
    '[{"name": "N", "slug": "5", "day": [1, 3], "time": "20:00", "conference_url_notes": "Passcode 12", "venmo": "@n"}]'
    >>> shx.read_meeting_guide(text).meetings[1].conference_url_notes
    'Passcode 12'
    """
    given: object = meetings
    records: tuple[object, ...] = (
        given.meetings
        if isinstance(given, MeetingGuideFeed)
        else tuple(given)
        if isinstance(given, Iterable) and not isinstance(given, str | bytes)
        else (given,)
    )
    wrong = sorted({type(m).__name__ for m in records if not isinstance(m, Meeting)})
    if wrong:
        msg = (
            "meetings must be a MeetingGuideFeed (from read_meeting_guide) or Meeting records "
            f"(got {', '.join(wrong)})"
        )
        raise ArgumentTypeError(msg)
    by_index: dict[int, list[Meeting]] = {}
    for m in records:
        assert isinstance(m, Meeting)  # checked above
        by_index.setdefault(m.index, []).append(m)
    text = json.dumps(
        [_item(by_index[i]) for i in sorted(by_index)], ensure_ascii=False, allow_nan=False
    )
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
