"""Meeting Guide feeds: real mutual-aid meeting lists as meetings and self-help groups.

AA intergroups and other fellowships' service bodies publish their weekly meeting lists as JSON
feeds in the Meeting Guide format (code4recovery/spec). :func:`read_meeting_guide` reads one feed
(from a path, a file object or the JSON text; nothing is fetched) into

- :attr:`MeetingGuideFeed.meetings`: one :class:`Meeting` per meeting and weekday, with its
  schedule, place, online options, type codes and their meanings, and any issue found;
- :attr:`MeetingGuideFeed.groups`: the meetings gathered into
  :class:`~selfhelp_exchange.SelfHelpGroup` records;
- :attr:`MeetingGuideFeed.skipped`: every meeting (or meeting day) that could not be imported,
  each with the reason.

Nothing is dropped silently: ``len(feed.meetings) + len(feed.skipped)`` equals the number of
meetings in the feed once a meeting listed on several days counts once per day
(``feed.counts["expanded"]``).

Reading rules
-------------
- **Day**: ``day`` is 0 = Sunday ... 6 = Saturday (the format's numbering), or an array of them,
  which gives one meeting record per day; it becomes a :class:`~selfhelp_exchange.Weekday`. A day
  outside 0-6 (or not a whole number) skips that day, with the reason. A day listed twice in one
  array is imported once; the repeat is skipped with the reason.
- **Time**: ``time`` and ``end_time`` are ``"HH:MM"`` (24-hour; ``"H:MM"`` and ``":SS"`` seconds
  are read too). An unambiguous 12-hour time (``"11:00 AM"``, ``"8:00 PM"``: hour 1-12 and the
  half of the day written) is read, with a reading note
  (:mod:`~selfhelp_exchange.io.meeting_guide_times`). An impossible or ambiguous start time
  (``"25:61"``, ``"13:00 PM"``, ``"7pm"``) skips the meeting; an
  impossible end time is dropped with an issue, the meeting kept. ``"24:00"`` as an end time is
  read as midnight (00:00), with an issue. A missing end time stays None (the format says readers
  may assume one hour; this reader does not invent it).
- **By appointment**: a meeting with no day or no time is imported with ``day`` or ``start``
  None; it is counted and kept in ``.meetings`` but gives its group no
  :class:`~selfhelp_exchange.MeetingTime` (the group's ``unscheduled_meetings`` attribute counts
  them).
- **Place**: ``address``, ``city``, ``state``, ``postal_code``, ``country``, ``latitude``,
  ``longitude`` and ``location`` (the building's name) make a :class:`~selfhelp_exchange.Location`.
  Without ``address`` the street line and city are taken from ``formatted_address``
  (``"street, city, ..."``). A city-level address (``"Orange County, CA, USA"``: no street line)
  is read as a city, state and country, and :attr:`Meeting.precision` says ``"city"``
  (:mod:`~selfhelp_exchange.io.meeting_guide_address`). Coordinates out of range, not numbers,
  given only in part, or exactly (0, 0) (a common placeholder) are left out, with an issue.
- **Approximate places**: an address the feed marks ``"approximate": "yes"`` (the format's way
  to pin an online meeting to an area) or a city-level one is never a place to go to:
  :attr:`Meeting.located` is False, so the meeting is never :attr:`Meeting.in_person`, never
  evidence of a meeting space (:func:`~selfhelp_exchange.infer_meeting_space`) and never within
  reach in person (:func:`~selfhelp_exchange.availability`).
- **Online and attendance**: ``conference_url`` / ``conference_phone``.
  :attr:`Meeting.implied_attendance_option` follows the format's rules: online when there is a
  URL or phone, in person when the place is precise and not temporarily closed (type ``TC``),
  hybrid when both, inactive when neither. The feed's own ``attendance_option`` (the 12 Step
  Meeting List plugin writes one) is kept and used as :attr:`Meeting.attendance_option`; where
  it differs from the implied one the meeting's ``issues`` say so, and an approximate place
  still does not count in person.
- **Types**: every code is kept verbatim; :attr:`Meeting.type_names` gives each code's meaning
  from the bundled Meeting Guide type list. ``ONL`` (Online, the plugin's code), a known code
  in other case (``onl``) and a string such as ``"[open]"`` or ``"O, C"`` are read with a
  reading note (:func:`~selfhelp_exchange.meeting_types.read_type_codes`). An unknown
  code is kept, named in the meeting's ``issues`` and in :attr:`MeetingGuideFeed.unknown_types`;
  no Python warning is raised.
- **Other fields**: ``conference_url_notes``, ``conference_phone_notes``, ``district``,
  ``sub_district``, ``contact_1_*`` to ``contact_3_*`` become fields of the meeting; every other
  key is kept verbatim in :attr:`Meeting.extra`
  (:mod:`~selfhelp_exchange.io.meeting_guide_fields`). :meth:`MeetingGuideFeed.to_frame` has a
  column for each, and :func:`~selfhelp_exchange.write_meeting_guide` writes them back.
- **Reading notes**: common variants read anyway are in :attr:`Meeting.reading_notes`, not in
  ``issues`` (they are not problems); :meth:`MeetingGuideFeed.report` counts them per feed.
- **Slug**: a number becomes its string; a missing slug is replaced by ``"item-<position>"``, a
  slug used twice is kept and both uses noted, each with an issue.
- **Name**: required by the format; a meeting without one is skipped.
- **Fellowship**: the ``fellowship`` argument, else the one fellowship the meeting's ``entity``
  names (:func:`~selfhelp_exchange.fellowships.fellowship_in_text`), else None.

Gathering meetings into groups
------------------------------
Meetings with the same ``group`` field (compared case-folded, spaces collapsed) form one group
named after it. Meetings without one are gathered by their name (case-folded) and place: the
normalized street address and city (:func:`~selfhelp_exchange.geo.normalize_address`), else the
coordinates to 5 decimals (about a metre), else the normalized building name, else the name
alone. So Quinte's five "Plug in the Jug Meeting" listings at 16 Marmora St form one group with
five meetings, and its two "Trenton Group" listings one group with two.

Each group is a :class:`~selfhelp_exchange.SelfHelpGroup` with

- ``id``: ``id_prefix`` + a slug of the group's name (case-folded, apostrophes dropped, runs
  of characters other than letters and digits turned into ``-``); groups whose slugs collide
  get ``-2``, ``-3``, ... in the sorted order of their gathering keys, so ids do not depend on
  the order of the feed;
- ``group_type`` ``mutual_help`` (a Meeting Guide feed lists peer-run fellowship meetings);
  ``fellowship``, ``approach``, ``focus`` and ``facilitation`` from
  :data:`~selfhelp_exchange.fellowships.FELLOWSHIPS` (None for a fellowship the table does not
  hold);
- ``meeting_place``: ``online`` when every meeting's attendance option is online, else
  ``community``
  (whether a meeting is on an agency's premises is for
  :func:`~selfhelp_exchange.infer_meeting_space` to find);
- ``admission``: ``open`` (type ``O``) or ``closed`` (type ``C``) when every meeting of the group
  says the same, else None;
- ``timing``: ``open_ended`` (a weekly listing without an end date; this library's reading);
- ``locations``: the distinct places of the meetings held in person
  (:attr:`Meeting.in_person`; approximate and city-level places are left to the meetings);
  ``meetings``: one :class:`~selfhelp_exchange.MeetingTime` per scheduled meeting, naming its
  place when it is held in person;
- ``attributes``: ``source`` ``"meeting_guide"``, ``meeting_slugs`` and ``types``
  (``;``-separated, in feed order), ``meetings_listed``, ``unscheduled_meetings``, ``online``
  (some meeting has a URL or phone), ``remote_meetings`` (``;``-separated positions in
  ``meetings`` of those held at no precise place, which
  :func:`~selfhelp_exchange.availability` never counts in person), ``district`` (when all its
  meetings give the same), ``implausible_group`` and ``places`` (a ``group`` field held at
  more than :data:`~selfhelp_exchange.io.meeting_guide_groups.MAX_GROUP_PLACES` in-person
  places: probably a district's or an area's name, also
  said in :attr:`MeetingGuideFeed.notes`) and, for every known type code used by any of its meetings,
  the code's English name in snake case set to True (``wheelchair_access``, ``women``,
  ``young_people``, ``spanish``, ``closed``, ...).

References
----------
.. [1] code4recovery/spec: the Meeting Guide API specification, https://github.com/code4recovery/spec
   (MIT licence).
.. [2] code4recovery/12-step-meeting-list: the 12 Step Meeting List plugin (``ONL``,
   ``attendance_option``, ``district``), https://github.com/code4recovery/12-step-meeting-list
   (GPL-2.0).
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from collections import Counter
from collections.abc import Mapping
from typing import IO, Any

import attrs

from selfhelp_exchange.exceptions import ArgumentError, DataFileError, Problem, RecordError
from selfhelp_exchange.fellowships import fellowship_in_text, lookup_fellowship
from selfhelp_exchange.io.meeting_guide_address import read_place
from selfhelp_exchange.io.meeting_guide_fields import read_extra_fields, text_value
from selfhelp_exchange.io.meeting_guide_groups import MAX_GROUP_PLACES, gather
from selfhelp_exchange.io.meeting_guide_load import MAX_BYTES, load_feed
from selfhelp_exchange.io.meeting_guide_times import read_clock_time
from selfhelp_exchange.meeting_types import (
    read_type_codes,
    type_name,
)
from selfhelp_exchange.meetings import Meeting, MeetingContact, MeetingGuideFeed, SkippedMeeting
from selfhelp_exchange.record_fields import check_id
from selfhelp_exchange.vocabulary import Weekday

__all__ = [
    "MAX_BYTES",
    "MAX_GROUP_PLACES",
    "MEETING_GUIDE_DAYS",
    "Meeting",
    "MeetingContact",
    "MeetingGuideFeed",
    "SkippedMeeting",
    "read_meeting_guide",
]

#: Meeting Guide day numbers (0 = Sunday ... 6 = Saturday) to weekdays.
MEETING_GUIDE_DAYS: tuple[Weekday, ...] = (
    Weekday.SUNDAY,
    Weekday.MONDAY,
    Weekday.TUESDAY,
    Weekday.WEDNESDAY,
    Weekday.THURSDAY,
    Weekday.FRIDAY,
    Weekday.SATURDAY,
)


# ---------------------------------------------------------------------------------- reading


class _Skip(Exception):  # control flow inside the reader; never escapes it
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_text = text_value


def _days(value: Any, issues: list[str]) -> list[int | str | None]:
    """The day entries: an int 0-6 each, None (no day), or a text reason for a bad one."""
    if value is None:
        return [None]
    if isinstance(value, list):
        if not value:
            issues.append("'day' is an empty list; read as a meeting by appointment")
            return [None]
        items = value
    else:
        items = [value]
    out: list[int | str | None] = []
    seen: set[int] = set()
    valid = "a whole number from 0 (Sunday) to 6 (Saturday)"
    for item in items:
        day: Any = item
        if isinstance(day, str) and day.strip().isdecimal() and len(day.strip()) <= 2:
            issues.append(f"'day' {day!r} given as text; read as the number {int(day)}")
            day = int(day)
        if isinstance(day, bool) or not isinstance(day, int):
            out.append(f"'day' must be {valid} (got {type(item).__name__} {item!r})")
        elif not 0 <= day <= 6:
            out.append(f"'day' {day} is not a Meeting Guide day ({valid})")
        elif day in seen:
            out.append(f"'day' {day} ({MEETING_GUIDE_DAYS[day].value}) is listed twice")
        else:
            seen.add(day)
            out.append(day)
    return out


def _timezone(value: str | None, issues: list[str]) -> str | None:
    if value is None:
        return None
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long
        issues.append(
            f"time zone {value!r} is not in the tz database of this system; kept as given"
        )
    return value


def _updated(value: Any, issues: list[str]) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            stamp = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=dt.UTC)
            return stamp
    issues.append(f"'updated' must be 'YYYY-MM-DD HH:MM:SS' in UTC (got {value!r}); left out")
    return None


def _approximate(value: Any, issues: list[str]) -> bool | None:
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().casefold() in ("yes", "no"):
        return value.strip().casefold() == "yes"
    issues.append(f"'approximate' must be 'yes' or 'no' (got {value!r}); left out")
    return None


def _regions(item: Mapping[str, Any], issues: list[str]) -> tuple[str, ...]:
    regions = item.get("regions")
    if isinstance(regions, list):
        return tuple(t for r in regions if (t := _text(r, "regions", issues)) is not None)
    if regions is not None:
        issues.append(f"'regions' must be a list (got {type(regions).__name__}); left out")
    out = (
        _text(item.get("region"), "region", issues),
        _text(item.get("sub_region"), "sub_region", issues),
    )
    return tuple(r for r in out if r is not None)


def _slug(value: Any, index: int, issues: list[str]) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    if value is None:
        issues.append(f"missing 'slug' (required by the format); 'item-{index}' used")
    else:
        issues.append(
            f"'slug' must be text or a whole number (got {type(value).__name__} {value!r}); "
            f"'item-{index}' used"
        )
    return f"item-{index}"


def _check_attendance(fields: dict[str, Any], issues: list[str]) -> None:
    """Note where the feed's ``attendance_option`` differs from what its fields imply."""
    stated = fields["feed_attendance_option"]
    if stated is None:
        return
    probe = Meeting(**{**fields, "feed_attendance_option": None})
    implied = probe.implied_attendance_option
    if implied == stated:
        return
    why = []
    if probe.approximate:
        why.append("the address is marked approximate")
    elif probe.precision == "city":
        why.append("the address is city-level")
    elif probe.location is None:
        why.append("no place is given")
    if probe.temporarily_closed:
        why.append("type TC (location temporarily closed)")
    why.append("a conference URL or phone" if probe.online else "no conference URL or phone")
    tail = ""
    if stated in ("in_person", "hybrid") and not probe.located:
        tail = ", but its place is not precise, so it is not counted as in person"
    issues.append(
        f"'attendance_option' {stated!r} differs from what the fields imply "
        f"({implied!r}: {', '.join(why)}); the value given is used{tail}"
    )


def _meetings_of_item(
    index: int,
    item: Any,
    *,
    fellowship: str | None,
    timezone: str | None,
) -> tuple[list[Meeting], list[SkippedMeeting], list[str]]:
    """Meetings (one per day) and skips for one feed item, plus its unknown type codes."""
    if not isinstance(item, Mapping):
        reason = f"a meeting must be a JSON object (got {type(item).__name__})"
        return [], [SkippedMeeting(index, None, None, None, reason)], []
    issues: list[str] = []
    slug = _slug(item.get("slug"), index, issues)
    name = _text(item.get("name"), "name", issues)
    days = _days(item.get("day"), issues)
    try:
        if name is None:
            msg = f"missing 'name' (required by the format; got {item.get('name')!r})"
            raise _Skip(msg)
        start_read = read_clock_time(item.get("time"), "time")
        if start_read.problem is not None or start_read.midnight_24:
            msg = (
                start_read.problem
                or "'time' '24:00' is not a possible start (valid: 00:00 to 23:59)"
            )
            raise _Skip(msg)
    except _Skip as skip:
        return (
            [],
            [
                SkippedMeeting(index, slug, name, None, d)
                if isinstance(d, str)
                else SkippedMeeting(index, slug, name, _wd(d), skip.reason)
                for d in days
            ],
            [],
        )
    start = start_read.time
    notes = [n for n in (start_read.note,) if n is not None]
    end_read = read_clock_time(item.get("end_time"), "end_time")
    end = end_read.time
    if end_read.problem is not None:
        issues.append(f"{end_read.problem}; end time left out")
    if end_read.note is not None:
        notes.append(end_read.note)
    if end_read.midnight_24:
        issues.append("'end_time' '24:00' read as midnight (00:00)")
    if start is not None and all(d is None for d in days):
        issues.append("a 'time' without a 'day'; read as a meeting by appointment (no weekday)")
    if start is None and any(isinstance(d, int) for d in days):
        issues.append("a 'day' without a 'time'; kept, but it gives its group no meeting time")
    types, type_issues, type_notes = read_type_codes(item.get("types"))
    issues.extend(type_issues)
    notes.extend(type_notes)
    names = tuple(type_name(c) for c in types)
    unknown = [c for c, n in zip(types, names, strict=True) if n is None]
    issues.extend(
        f"unknown type code {c!r} (not in the Meeting Guide type list); kept as given"
        for c in unknown
    )
    if "O" in types and "C" in types:
        issues.append("both 'O' (open) and 'C' (closed); admission left unknown")
    location, formatted, precision = read_place(item, issues, notes)
    entity = _text(item.get("entity"), "entity", issues)
    if fellowship is None:
        found = fellowship_in_text(entity)
        meeting_fellowship = None if found is None else found.name
    else:
        meeting_fellowship = fellowship
    tz = _timezone(_text(item.get("timezone"), "timezone", issues) or timezone, issues)
    base: dict[str, Any] = {
        "index": index,
        "slug": slug,
        "name": name,
        "group": _text(item.get("group"), "group", issues),
        "start": start,
        "end": end,
        "timezone": tz,
        "location": location,
        "formatted_address": formatted,
        "types": types,
        "type_names": names,
        "conference_url": _text(item.get("conference_url"), "conference_url", issues),
        "conference_phone": _text(item.get("conference_phone"), "conference_phone", issues),
        "notes": _text(item.get("notes"), "notes", issues, collapse=False),
        "location_notes": _text(
            item.get("location_notes"), "location_notes", issues, collapse=False
        ),
        "group_notes": _text(item.get("group_notes"), "group_notes", issues, collapse=False),
        "url": _text(item.get("url"), "url", issues),
        "regions": _regions(item, issues),
        "approximate": _approximate(item.get("approximate"), issues),
        "updated": _updated(item.get("updated"), issues),
        "fellowship": meeting_fellowship,
        "entity": entity,
        "precision": precision,
        **read_extra_fields(item, issues),
    }
    _check_attendance(base, issues)
    meetings: list[Meeting] = []
    skipped: list[SkippedMeeting] = []
    for d in days:
        if isinstance(d, str):
            skipped.append(SkippedMeeting(index, slug, name, None, d))
        else:
            meetings.append(
                Meeting(**base, day=_wd(d), issues=tuple(issues), reading_notes=tuple(notes))
            )
    return meetings, skipped, unknown


def _expected_days(item: Any) -> int:
    """How many meeting-days a feed item stands for: one per entry of a ``day`` list, else 1.

    Counted from the raw item, apart from the reader, so that imported + skipped can be checked
    against it.
    """
    if isinstance(item, Mapping):
        day = item.get("day")
        if isinstance(day, list) and day:
            return len(day)
    return 1


def _wd(day: int | None) -> Weekday | None:
    return None if day is None else MEETING_GUIDE_DAYS[day]


def _mark_duplicate_slugs(meetings: list[Meeting]) -> list[Meeting]:
    first: dict[str, int] = {}
    dupes: dict[int, list[int]] = {}
    for m in meetings:
        if m.slug in first and first[m.slug] != m.index:
            dupes.setdefault(first[m.slug], []).append(m.index)
            dupes.setdefault(m.index, []).append(first[m.slug])
        else:
            first.setdefault(m.slug, m.index)
    if not dupes:
        return meetings
    out = []
    for m in meetings:
        others = sorted(set(dupes.get(m.index, ())))
        if others:
            where = ", ".join(str(i) for i in others)
            issue = f"slug {m.slug!r} is also used by the meeting at position {where}"
            out.append(attrs.evolve(m, issues=(*m.issues, issue)))
        else:
            out.append(m)
    return out


def read_meeting_guide(
    source: str | os.PathLike[str] | bytes | IO[str] | IO[bytes],
    *,
    fellowship: str | None = None,
    timezone: str | None = None,
    id_prefix: str = "mg-",
    strict: bool = False,
    max_bytes: int = MAX_BYTES,
) -> MeetingGuideFeed:
    """Read a Meeting Guide JSON feed into meetings and self-help groups.

    Parameters
    ----------
    source : path, file object, str or bytes
        A path to the feed, an open file (text or binary), or the JSON text itself (a string
        starting with ``[`` or ``{``). Nothing is fetched from the network.
    fellowship : str, optional
        The fellowship the feed lists (``"AA"``, ``"NA"``, ``"Al-Anon"``, ...). Default None:
        found in each meeting's ``entity`` where it names exactly one fellowship
        (:func:`~selfhelp_exchange.fellowships.fellowship_in_text`), else unknown. A fellowship
        in :data:`~selfhelp_exchange.fellowships.FELLOWSHIPS` also sets the groups' approach,
        focus and facilitation.
    timezone : str, optional
        The tz database name for meetings whose listing gives none (a feed usually covers one
        area). Default None: left unknown.
    id_prefix : str
        Put before every group id (default ``"mg-"``); give each feed its own prefix to
        combine several feeds in one network.
    strict : bool
        If True, raise :class:`~selfhelp_exchange.DataFileError` listing every skip and issue
        instead of returning a feed that has any. Default False.
    max_bytes : int
        A feed larger than this (bytes; characters for text) is refused before it is parsed.
        Default :data:`MAX_BYTES` (256 MiB; this library's convention: the largest published
        feeds are a few megabytes).

    Returns
    -------
    MeetingGuideFeed
        ``.meetings``, ``.groups``, ``.skipped``, ``.counts``, ``.problems``.

    Raises
    ------
    DataFileError
        If the source cannot be read, is empty, over ``max_bytes``, not UTF-8, not JSON (or
        nested too deeply), or neither a list of meetings nor one meeting object; with
        ``strict=True``, also for any skipped meeting or issue.
    ArgumentError
        If ``id_prefix`` cannot start an id (leading white space or control characters).

    See Also
    --------
    selfhelp_exchange.infer_meeting_space : agencies hosting the feed's meetings.
    selfhelp_exchange.availability : what the meetings offer around each agency.

    Notes
    -----
    The reading and gathering rules are in this module's documentation
    (:mod:`selfhelp_exchange.io.meeting_guide`). A top-level JSON object is read as a feed of
    that one meeting, with a note: the format's own example meeting is such a file. A key
    given twice in one object keeps its last value (as the format's other readers do), with a
    note naming the key.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> feed = shx.read_meeting_guide('''[
    ...   {"name": "Plug in the Jug", "slug": 45, "day": [1, 2], "time": "12:00",
    ...    "types": ["C", "X"], "address": "16 Marmora St", "city": "Trenton",
    ...    "latitude": 44.105331, "longitude": -77.5717064},
    ...   {"name": "Late Night", "slug": 50, "day": 9, "time": "23:00"}
    ... ]''', fellowship="AA")
    >>> feed
    MeetingGuideFeed(2 meetings, 1 groups, 1 skipped)
    >>> feed.counts["expanded"], feed.counts["imported"], feed.counts["skipped"]
    (3, 2, 1)
    >>> feed.skipped[0].reason
    "'day' 9 is not a Meeting Guide day (a whole number from 0 (Sunday) to 6 (Saturday))"
    >>> [m.day.value for m in feed.meetings], feed.meetings[0].type_names
    (['monday', 'tuesday'], ('Closed', 'Wheelchair Access'))
    >>> g = feed.groups[0]
    >>> g.id, g.approach.value, g.admission.value, len(g.meetings), g.attributes["wheelchair_access"]
    ('mg-plug-in-the-jug', 'twelve_step', 'closed', 2, True)
    """
    if id_prefix != id_prefix.lstrip():
        msg = f"id_prefix must not start with white space (got {id_prefix!r})"
        raise ArgumentError(msg)
    try:
        check_id(f"{id_prefix}g", "id_prefix")
    except RecordError:
        msg = f"id_prefix must not hold control or unassigned characters (got {id_prefix!r})"
        raise ArgumentError(msg) from None
    data, file, repeated = load_feed(source, max_bytes)
    notes: list[str] = [
        f"key {key!r} is given more than once in one object ({n} time(s) in the feed); the "
        "last value was used"
        for key, n in Counter(repeated).items()
    ]
    if isinstance(data, Mapping):
        notes.append("the top level is one meeting object, not a list; read as one meeting")
        data = [data]
    if not isinstance(data, list):
        raise DataFileError(
            [
                Problem(
                    "a Meeting Guide feed must be a JSON list of meetings "
                    f"(got a JSON {type(data).__name__})",
                    file=file,
                )
            ]
        )
    known = lookup_fellowship(fellowship) if fellowship is not None else None
    if fellowship is not None and known is None:
        notes.append(
            f"fellowship {fellowship!r} is not in the library's fellowship table; the groups' "
            "approach, focus and facilitation are left unknown"
        )
    canonical = known.name if known is not None else fellowship
    meetings: list[Meeting] = []
    skipped: list[SkippedMeeting] = []
    unknown: set[str] = set()
    for index, item in enumerate(data):
        got, skips, codes = _meetings_of_item(index, item, fellowship=canonical, timezone=timezone)
        meetings.extend(got)
        skipped.extend(skips)
        unknown.update(codes)
    meetings = _mark_duplicate_slugs(meetings)
    meetings, groups = gather(meetings, id_prefix, known)
    notes.extend(
        f"group {g.name!r} ({g.id}) is listed at {g.attributes['places']} in-person places "
        f"(more than {MAX_GROUP_PLACES}): its 'group' field probably names a district or an "
        "area, not one group; flagged with the attribute 'implausible_group'"
        for g in groups
        if g.attributes.get("implausible_group") is True
    )
    feed = MeetingGuideFeed(
        meetings=tuple(meetings),
        groups=tuple(groups),
        skipped=tuple(skipped),
        n_items=len(data),
        n_expanded=sum(_expected_days(item) for item in data),
        unknown_types=tuple(sorted(unknown)),
        notes=tuple(notes),
        file=file,
    )
    if strict and feed.problems:
        raise DataFileError(feed.problems, header="the Meeting Guide feed has problems")
    return feed
