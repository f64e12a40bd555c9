"""Meetings of a mutual-aid meeting list: the records a Meeting Guide feed is read into.

:class:`Meeting` is one meeting on one weekday, with its schedule, place, online options, type
codes and every other field of the listing; :class:`SkippedMeeting` is a meeting-day that could
not be imported, with the reason; :class:`MeetingGuideFeed` holds a whole feed as read, with
the groups its meetings form. :func:`~selfhelp_exchange.read_meeting_guide` builds them (its
reading rules are in :mod:`selfhelp_exchange.io.meeting_guide`) and
:func:`~selfhelp_exchange.write_meeting_guide` writes them back.

References
----------
.. [1] code4recovery/spec: the Meeting Guide API specification, https://github.com/code4recovery/spec
   (MIT licence).
.. [2] code4recovery/12-step-meeting-list: the 12 Step Meeting List plugin (``ONL``,
   ``attendance_option``, ``district``, ``contact_1_name``), GPL-2.0.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any, Literal

import attrs

from selfhelp_exchange.exceptions import Problem, RecordError
from selfhelp_exchange.meeting_types import AUDIENCE_CODES, LANGUAGE_CODES, type_flag
from selfhelp_exchange.records import Location, SelfHelpGroup
from selfhelp_exchange.vocabulary import Admission, Weekday

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ATTENDANCE_OPTIONS",
    "READ_KEYS",
    "Meeting",
    "MeetingContact",
    "MeetingGuideFeed",
    "Precision",
    "SkippedMeeting",
    "meeting_columns",
]

#: How precise a meeting's place is: a street address, a point (coordinates, no street) or a
#: city-level address.
Precision = Literal["street", "point", "city"]

#: The attendance options a feed may state (12 Step Meeting List plugin's values).
ATTENDANCE_OPTIONS: tuple[str, ...] = ("in_person", "hybrid", "online", "inactive")

_CONTACT_KEYS = tuple(
    f"contact_{i}_{part}" for i in (1, 2, 3) for part in ("name", "email", "phone")
)
#: Keys the reader turns into named fields of :class:`~selfhelp_exchange.Meeting`; every other
#: key is kept in ``Meeting.extra``.
READ_KEYS: frozenset[str] = frozenset(
    {
        "name", "slug", "day", "time", "end_time", "timezone", "formatted_address", "address",
        "city", "state", "postal_code", "country", "latitude", "longitude", "location",
        "location_notes", "approximate", "region", "sub_region", "regions", "conference_url",
        "conference_url_notes", "conference_phone", "conference_phone_notes", "types", "notes",
        "group", "group_notes", "updated", "url", "entity", "district", "sub_district",
        "attendance_option", *_CONTACT_KEYS,
    }
)  # fmt: skip


@attrs.frozen
class MeetingContact:
    """One of a meeting's contacts (``contact_N_name``, ``contact_N_email``, ``contact_N_phone``).

    ``number`` is N (1 to 3). The format asks for no last names.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> feed = shx.read_meeting_guide('[{"name": "N", "slug": "n", "contact_2_name": "Sam",'
    ...                               ' "contact_2_phone": "+1-555-0100"}]')
    >>> feed.meetings[0].contacts
    (MeetingContact(number=2, name='Sam', email=None, phone='+1-555-0100'),)
    """

    number: int
    name: str | None = None
    email: str | None = None
    phone: str | None = None


@attrs.frozen
class Meeting:
    """One meeting of a Meeting Guide feed, on one weekday.

    Attributes
    ----------
    index : int
        The meeting's 0-based position in the feed.
    slug : str
        The feed's unique key for the meeting (a number is read as its string).
    name : str
        The meeting's name.
    group : str or None
        The feed's ``group`` field: the name of the group holding the meeting.
    group_id : str or None
        The id of the :class:`~selfhelp_exchange.SelfHelpGroup` the reader gathered it into.
    day : Weekday or None
        The weekday; None for a meeting by appointment.
    start, end : datetime.time or None
        Local start and end times.
    timezone : str or None
        A tz database name (the feed's, else the reader's ``timezone`` argument).
    location : Location or None
        Where it is held (``Location.name`` is the building's name).
    formatted_address : str or None
        The feed's one-line address, verbatim.
    types : tuple of str
        The type codes, verbatim (unknown ones too).
    type_names : tuple of str or None
        The English meaning of each code (None for a code the Meeting Guide list lacks).
    conference_url, conference_phone : str or None
        How to join online.
    notes, location_notes, group_notes, url : str or None
        As in the feed.
    regions : tuple of str
        From most general to most specific.
    approximate : bool or None
        Whether the feed marks the address as approximate.
    updated : datetime.datetime or None
        When the listing was last updated (UTC).
    fellowship : str or None
        The fellowship, given to the reader or found in the feed's ``entity``.
    entity : str or None
        The service body that publishes the listing.
    issues : tuple of str
        What the reader had to repair or could not read, for this meeting.
    conference_url_notes, conference_phone_notes : str or None
        How to get in online or by phone (a passcode, a meeting id), as in the feed.
    district, sub_district : str or None
        The service district, as in the feed.
    contacts : tuple of MeetingContact
        ``contact_1_*`` to ``contact_3_*``, those given.
    feed_attendance_option : str or None
        The feed's own ``attendance_option`` (``in_person``, ``hybrid``, ``online``,
        ``inactive``), when it gives a valid one.
    precision : str or None
        How precise the place is: ``"street"``, ``"point"`` (coordinates, no street) or
        ``"city"`` (a city-level address); see :mod:`selfhelp_exchange.io.meeting_guide_address`.
    extra : tuple of (str, str)
        Every other field of the listing, as (key, JSON text), in feed order.
    reading_notes : tuple of str
        Common variants the reader read anyway (a 12-hour time, ``ONL``, ``"[open]"``, a
        city-level address); not problems.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> feed = shx.read_meeting_guide(
    ...     '[{"name": "Noon", "slug": "n", "day": 1, "time": "12:00", "types": ["O", "W"],'
    ...     ' "address": "16 Marmora St", "city": "Trenton",'
    ...     ' "conference_url": "https://example.org/noon"}]')
    >>> m = feed.meetings[0]
    >>> m.day.value, m.start.isoformat(), m.attendance_option, m.admission.value
    ('monday', '12:00:00', 'hybrid', 'open')
    >>> m.type_names, m.audiences, m.group_id
    (('Open', 'Women'), ('W',), 'mg-noon')
    """

    index: int
    slug: str
    name: str
    group: str | None = None
    group_id: str | None = None
    day: Weekday | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    timezone: str | None = None
    location: Location | None = None
    formatted_address: str | None = None
    types: tuple[str, ...] = ()
    type_names: tuple[str | None, ...] = ()
    conference_url: str | None = None
    conference_phone: str | None = None
    notes: str | None = None
    location_notes: str | None = None
    group_notes: str | None = None
    url: str | None = None
    regions: tuple[str, ...] = ()
    approximate: bool | None = None
    updated: dt.datetime | None = None
    fellowship: str | None = None
    entity: str | None = None
    issues: tuple[str, ...] = ()
    conference_url_notes: str | None = None
    conference_phone_notes: str | None = None
    district: str | None = None
    sub_district: str | None = None
    contacts: tuple[MeetingContact, ...] = ()
    feed_attendance_option: str | None = None
    precision: Precision | None = None
    extra: tuple[tuple[str, str], ...] = ()
    reading_notes: tuple[str, ...] = ()

    @property
    def scheduled(self) -> bool:
        """Whether the meeting has a weekday and a start time (else: by appointment)."""
        return self.day is not None and self.start is not None

    @property
    def temporarily_closed(self) -> bool:
        """Whether the location is temporarily closed (type ``TC``)."""
        return "TC" in self.types

    @property
    def online(self) -> bool:
        """Whether the meeting can be joined online or by phone."""
        return self.conference_url is not None or self.conference_phone is not None

    @property
    def located(self) -> bool:
        """Whether the place is a precise one: a street or a point, not approximate.

        An address the feed marks ``approximate`` ("yes") or a city-level address is where an
        online meeting is "from", not a place to go to.
        """
        return (
            self.location is not None
            and self.precision in ("street", "point")
            and self.approximate is not True
        )

    @property
    def implied_attendance_option(self) -> str:
        """What the fields imply: ``"in_person"``, ``"hybrid"``, ``"online"`` or ``"inactive"``.

        In person when the place is precise (:attr:`located`) and not temporarily closed
        (``TC``); online when there is a conference URL or phone; hybrid when both; inactive
        when neither (the format's rules, with the 12 Step Meeting List plugin's reading of
        ``approximate``).
        """
        if self.located and not self.temporarily_closed:
            return "hybrid" if self.online else "in_person"
        return "online" if self.online else "inactive"

    @property
    def attendance_option(self) -> str:
        """The feed's own ``attendance_option`` when it gives one, else the implied one."""
        return self.feed_attendance_option or self.implied_attendance_option

    @property
    def in_person(self) -> bool:
        """Whether the meeting can be attended at a precise place.

        The attendance option is ``in_person`` or ``hybrid`` *and* the place is
        :attr:`located`: an approximate or city-level place never counts, whatever the feed
        says.
        """
        return self.located and self.attendance_option in ("in_person", "hybrid")

    @property
    def admission(self) -> Admission | None:
        """``open`` for type ``O``, ``closed`` for ``C``; None if neither or both."""
        is_open, is_closed = "O" in self.types, "C" in self.types
        if is_open == is_closed:
            return None
        return Admission.OPEN if is_open else Admission.CLOSED

    @property
    def flags(self) -> frozenset[str]:
        """The known type codes as snake-case names (``wheelchair_access``, ``women``, ...)."""
        return frozenset(f for f in (type_flag(c) for c in self.types) if f is not None)

    @property
    def languages(self) -> tuple[str, ...]:
        """The type codes naming a language (``EN``, ``S`` for Spanish, ``ASL``, ...)."""
        return tuple(c for c in self.types if c in LANGUAGE_CODES)

    @property
    def audiences(self) -> tuple[str, ...]:
        """The type codes naming who the meeting is for (``W``, ``M``, ``Y``, ``LGBTQ``, ...)."""
        return tuple(c for c in self.types if c in AUDIENCE_CODES)


@attrs.frozen
class SkippedMeeting:
    """A meeting (or one weekday of it) the reader could not import, and why.

    Attributes
    ----------
    index : int
        The meeting's 0-based position in the feed.
    slug, name : str or None
        As far as they could be read.
    weekday : Weekday or None
        The day skipped, when only some days of a multi-day listing were skipped.
    reason : str
        Why, naming the value and what would be valid.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> feed = shx.read_meeting_guide('[{"name": "Late", "slug": 7, "day": 9, "time": "23:00"}]')
    >>> s = feed.skipped[0]
    >>> s.index, s.slug, s.name
    (0, '7', 'Late')
    >>> s.reason
    "'day' 9 is not a Meeting Guide day (a whole number from 0 (Sunday) to 6 (Saturday))"
    """

    index: int
    slug: str | None
    name: str | None
    weekday: Weekday | None
    reason: str


def _check_counts(inst: MeetingGuideFeed, _attr: attrs.Attribute[Any], value: int) -> None:
    if len(inst.meetings) + len(inst.skipped) != value:
        msg = (
            f"a feed of {value} meeting-days must account for each: "
            f"{len(inst.meetings)} imported + {len(inst.skipped)} skipped"
        )
        raise RecordError(msg)


@attrs.frozen(repr=False)
class MeetingGuideFeed:
    """A Meeting Guide feed as read: meetings, the groups they form, and what was skipped.

    Attributes
    ----------
    meetings : tuple of Meeting
        One per meeting and weekday, in feed order.
    groups : tuple of SelfHelpGroup
        The meetings gathered into groups, in order of first appearance.
    skipped : tuple of SkippedMeeting
        Every meeting-day not imported, with the reason.
    n_items : int
        How many meetings the feed lists.
    n_expanded : int
        How many meeting-days: a meeting listed on several days counts once per day.
        Always ``len(meetings) + len(skipped)``.
    unknown_types : tuple of str
        Type codes used by the feed that the Meeting Guide list lacks (sorted).
    notes : tuple of str
        Issues about the feed as a whole.
    file : str or None
        Where the feed was read from, when it was a file.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> feed = shx.read_meeting_guide(
    ...     '[{"name": "Noon", "slug": "n", "day": [1, 8], "time": "12:00"},'
    ...     ' {"name": "Noon", "slug": "m", "day": 3, "time": "12:00"}]')
    >>> feed
    MeetingGuideFeed(2 meetings, 1 groups, 1 skipped)
    >>> feed.n_items, feed.n_expanded, len(feed.meetings) + len(feed.skipped)
    (2, 3, 3)
    >>> [m.slug for m in feed.meetings_of(feed.groups[0].id)]
    ['n', 'm']
    >>> feed.problems[0].row, feed.problems[0].value
    (0, 'n')
    """

    meetings: tuple[Meeting, ...]
    groups: tuple[SelfHelpGroup, ...]
    skipped: tuple[SkippedMeeting, ...]
    n_items: int
    n_expanded: int = attrs.field(validator=_check_counts)
    unknown_types: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    file: str | None = None

    def __repr__(self) -> str:
        return (
            f"MeetingGuideFeed({len(self.meetings)} meetings, {len(self.groups)} groups, "
            f"{len(self.skipped)} skipped)"
        )

    @property
    def counts(self) -> dict[str, int]:
        """How every meeting of the feed was accounted for.

        Keys: ``items`` (meetings listed), ``expanded`` (meeting-days), ``imported``,
        ``skipped`` (``imported + skipped == expanded``), ``scheduled`` and ``unscheduled``
        (imported meetings with and without a weekday and time), ``with_issues`` (imported
        meetings the reader had to repair) and ``groups``.
        """
        scheduled = sum(m.scheduled for m in self.meetings)
        return {
            "items": self.n_items,
            "expanded": self.n_expanded,
            "imported": len(self.meetings),
            "skipped": len(self.skipped),
            "scheduled": scheduled,
            "unscheduled": len(self.meetings) - scheduled,
            "with_issues": sum(bool(m.issues) for m in self.meetings),
            "groups": len(self.groups),
        }

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every skip and every issue, as :class:`~selfhelp_exchange.Problem` records.

        ``row`` is the meeting's 0-based position in the feed, ``value`` its slug.
        """
        out = [Problem(n, file=self.file) for n in self.notes]
        out.extend(
            Problem(s.reason, file=self.file, sheet="meetings", row=s.index, value=s.slug)
            for s in self.skipped
        )
        seen: set[tuple[int, str]] = set()
        for m in self.meetings:
            for issue in m.issues:
                if (m.index, issue) not in seen:  # a multi-day meeting repeats its issues
                    seen.add((m.index, issue))
                    out.append(
                        Problem(issue, file=self.file, sheet="meetings", row=m.index, value=m.slug)
                    )
        out.sort(key=lambda p: -1 if p.row is None else p.row)
        return tuple(out)

    def report(self) -> pd.DataFrame:
        """What was read, noted, flagged and skipped, with how many meetings each.

        See :func:`~selfhelp_exchange.meeting_report.feed_report`.
        """
        from selfhelp_exchange.meeting_report import feed_report

        return feed_report(self)

    def meetings_of(self, group_id: str) -> tuple[Meeting, ...]:
        """The meetings gathered into one group."""
        return tuple(m for m in self.meetings if m.group_id == group_id)

    def to_frame(self) -> pd.DataFrame:
        """The meetings as a pandas DataFrame, one row per meeting and weekday.

        Examples
        --------
        >>> import selfhelp_exchange as shx
        >>> feed = shx.read_meeting_guide('[{"name": "Noon", "slug": "n", "day": [1, 3], '
        ...                               '"time": "12:00", "types": ["O", "X"]}]')
        >>> feed.to_frame()[["slug", "day", "start", "types", "group_id"]]
          slug        day  start types group_id
        0    n     monday  12:00   O;X  mg-noon
        1    n  wednesday  12:00   O;X  mg-noon
        """
        import pandas as pd

        def hhmm(t: dt.time | None) -> str | None:
            return None if t is None else t.strftime("%H:%M")

        rows = []
        for m in self.meetings:
            loc = m.location
            rows.append(
                {
                    "index": m.index,
                    "slug": m.slug,
                    "name": m.name,
                    "group": m.group,
                    "group_id": m.group_id,
                    "day": None if m.day is None else m.day.value,
                    "start": hhmm(m.start),
                    "end": hhmm(m.end),
                    "timezone": m.timezone,
                    "location": None if loc is None else loc.name,
                    "address": None if loc is None else loc.address,
                    "city": None if loc is None else loc.city,
                    "latitude": None if loc is None else loc.latitude,
                    "longitude": None if loc is None else loc.longitude,
                    "types": ";".join(m.types),
                    "attendance_option": m.attendance_option,
                    "fellowship": m.fellowship,
                    "issues": "; ".join(m.issues),
                    **meeting_columns(m),
                }
            )
        return pd.DataFrame(rows)


def format_updated(t: dt.datetime | None) -> str | None:
    if t is None:
        return None
    if t.utcoffset() == dt.timedelta(0):
        return t.replace(tzinfo=None).isoformat(sep=" ")
    return t.isoformat(sep=" ")


def _contacts_json(m: Meeting) -> str | None:
    if not m.contacts:
        return None
    rows = [
        {"number": c.number, "name": c.name, "email": c.email, "phone": c.phone}
        for c in m.contacts
    ]
    return json.dumps(rows, ensure_ascii=False)


def meeting_columns(m: Meeting) -> dict[str, Any]:
    """The fields of one meeting beyond schedule and street place, as table columns.

    Lists and contacts are JSON text; ``extra`` is a JSON object of the other fields.
    """
    loc = m.location
    return {
        "state": None if loc is None else loc.state,
        "postal_code": None if loc is None else loc.postal_code,
        "country": None if loc is None else loc.country,
        "formatted_address": m.formatted_address,
        "approximate": m.approximate,
        "precision": m.precision,
        "in_person": m.in_person,
        "implied_attendance_option": m.implied_attendance_option,
        "feed_attendance_option": m.feed_attendance_option,
        "conference_url": m.conference_url,
        "conference_url_notes": m.conference_url_notes,
        "conference_phone": m.conference_phone,
        "conference_phone_notes": m.conference_phone_notes,
        "notes": m.notes,
        "location_notes": m.location_notes,
        "group_notes": m.group_notes,
        "url": m.url,
        "regions": json.dumps(list(m.regions), ensure_ascii=False) if m.regions else None,
        "updated": format_updated(m.updated),
        "entity": m.entity,
        "district": m.district,
        "sub_district": m.sub_district,
        "contacts": _contacts_json(m),
        "extra": "{" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in m.extra) + "}"
        if m.extra
        else None,
        "reading_notes": "; ".join(m.reading_notes),
    }
