"""Domain records: agencies, self-help groups, community actors, exchanges and initiatives.

Records are frozen :mod:`attrs` classes, validated on construction; change one with
:func:`attrs.evolve`. A record checks only its own rules; the rules between records (does an
exchange name a known node?) belong to :class:`~selfhelp_exchange.ExchangeNetwork`, and the rules
of a whole spreadsheet to the I/O layer, which collects every problem before raising.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeAlias

import attrs

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import RecordError
from selfhelp_exchange.record_fields import (
    _ACTOR_KIND,
    _ADMISSION,
    _APPROACH,
    _DAY,
    _END_TIME,
    _EXCHANGE_KIND,
    _FACILITATION,
    _FOCUS,
    _GROUP_TYPE,
    _INITIATIVE_KIND,
    _MEETING_PLACE,
    _SECTOR,
    _START_TIME,
    _TIMING,
    Attributes,
    _coordinate,
    _enum,
    _id_validator,
    _name_validator,
    _optional_float,
    _optional_text,
    _to_attributes,
    check_id,
    to_date,
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
    Role,
    Sector,
    Timing,
    Weekday,
    coerce_enum,
)

__all__ = [
    "Agency",
    "Attributes",
    "CommunityActor",
    "Endpoint",
    "Exchange",
    "Initiative",
    "Location",
    "MeetingTime",
    "Observation",
    "SelfHelpGroup",
    "Subunit",
]

Subunit: TypeAlias = tuple[str, Role]
Endpoint: TypeAlias = str | Subunit


# Named converters: the attrs mypy plugin types a field from its converter's signature.
def _conv_sector(value: Any) -> Sector:
    return _SECTOR(value)  # type: ignore[no-any-return]


def _conv_group_type(value: Any) -> GroupType:
    return _GROUP_TYPE(value)  # type: ignore[no-any-return]


def _conv_focus(value: Any) -> Focus | None:
    return _FOCUS(value)  # type: ignore[no-any-return]


def _conv_approach(value: Any) -> Approach | None:
    return _APPROACH(value)  # type: ignore[no-any-return]


def _conv_meeting_place(value: Any) -> MeetingPlace | None:
    return _MEETING_PLACE(value)  # type: ignore[no-any-return]


def _conv_admission(value: Any) -> Admission | None:
    return _ADMISSION(value)  # type: ignore[no-any-return]


def _conv_timing(value: Any) -> Timing | None:
    return _TIMING(value)  # type: ignore[no-any-return]


def _conv_facilitation(value: Any) -> Facilitation | None:
    return _FACILITATION(value)  # type: ignore[no-any-return]


def _conv_activities(value: Any) -> tuple[Activity, ...]:
    """Activities as a tuple in :class:`Activity` order, each once (a canonical form)."""
    if value is None:
        return ()
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        msg = (
            "'activities' must be a list of activities "
            f"({', '.join(repr(a.value) for a in Activity)}) (got {value!r})"
        )
        raise RecordError(msg)
    given = {coerce_enum(Activity, v, "activities") for v in value}
    return tuple(a for a in Activity if a in given)


def _conv_actor_kind(value: Any) -> ActorKind:
    return _ACTOR_KIND(value)  # type: ignore[no-any-return]


def _conv_exchange_kind(value: Any) -> ExchangeKind:
    return _EXCHANGE_KIND(value)  # type: ignore[no-any-return]


def _conv_initiative_kind(value: Any) -> InitiativeKind:
    return _INITIATIVE_KIND(value)  # type: ignore[no-any-return]


def _conv_day(value: Any) -> Weekday:
    return _DAY(value)  # type: ignore[no-any-return]


def _conv_start_time(value: Any) -> dt.time:
    start = _START_TIME(value)
    assert start is not None  # optional=False never returns None
    return start


def _conv_end_time(value: Any) -> dt.time | None:
    return _END_TIME(value)


def _conv_locations(value: Any) -> tuple[Location, ...]:
    return _to_tuple_of(Location, "locations", _build_location)(value)


def _conv_meetings(value: Any) -> tuple[MeetingTime, ...]:
    return _to_tuple_of(MeetingTime, "meetings", _build_meeting)(value)


def _conv_source(value: Any) -> Endpoint:
    return to_endpoint(value, "source")


def _conv_target(value: Any) -> Endpoint:
    return to_endpoint(value, "target")


def _conv_start_date(value: Any) -> dt.date | None:
    return to_date(value, "start")


def _conv_end_date(value: Any) -> dt.date | None:
    return to_date(value, "end")


def _conv_date(value: Any) -> dt.date | None:
    return to_date(value, "date")


def _conv_sponsors(value: Any) -> tuple[str, ...]:
    return _to_id_tuple("sponsors")(value)


def _conv_audiences(value: Any) -> tuple[str, ...]:
    return _to_id_tuple("audiences")(value)


@attrs.frozen
class Location:
    """A place: a street address and/or coordinates (WGS84 degrees).

    Examples
    --------
    >>> Location(city="Riverside", latitude=44.1, longitude=-77.4).city
    'Riverside'
    """

    address: str | None = attrs.field(default=None, validator=_optional_text)
    city: str | None = attrs.field(default=None, validator=_optional_text)
    state: str | None = attrs.field(default=None, validator=_optional_text)
    postal_code: str | None = attrs.field(default=None, validator=_optional_text)
    country: str | None = attrs.field(default=None, validator=_optional_text)
    latitude: float | None = attrs.field(
        default=None, converter=_optional_float, validator=_coordinate(-90.0, 90.0)
    )
    longitude: float | None = attrs.field(
        default=None, converter=_optional_float, validator=_coordinate(-180.0, 180.0)
    )
    name: str | None = attrs.field(default=None, validator=_optional_text, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            msg = (
                "a Location needs both 'latitude' and 'longitude' or neither "
                f"(got latitude={self.latitude!r}, longitude={self.longitude!r})"
            )
            raise RecordError(msg)

    @property
    def has_coordinates(self) -> bool:
        """Whether latitude and longitude are known."""
        return self.latitude is not None


def _to_location(value: Any) -> Location | None:
    if value is None or isinstance(value, Location):
        return value
    if isinstance(value, Mapping):
        return Location(**value)
    msg = f"'location' must be a Location or None (got {type(value).__name__})"
    raise RecordError(msg)


@attrs.frozen
class MeetingTime:
    """A weekly meeting: the day, the local start (and end) time, and where.

    ``location`` is the 0-based position, in the group's ``locations``, of where this meeting is
    held (None: not recorded).

    Examples
    --------
    >>> MeetingTime("tuesday", "19:30").day.number
    1
    """

    day: Weekday = attrs.field(converter=_conv_day)
    start: dt.time = attrs.field(converter=_conv_start_time)
    end: dt.time | None = attrs.field(default=None, converter=_conv_end_time)
    timezone: str | None = attrs.field(default=None, validator=_optional_text)
    location: int | None = attrs.field(default=None)

    @location.validator
    def _check_location(self, _attr: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            msg = f"'location' must be None or a position >= 0 in the group's locations (got {value!r})"
            raise RecordError(msg)


def _to_tuple_of(
    cls: type[Any], field: str, build: Callable[[Any], Any]
) -> Callable[[Any], tuple[Any, ...]]:
    def convert(value: Any) -> tuple[Any, ...]:
        if value is None:
            return ()
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            msg = f"{field!r} must be a sequence of {cls.__name__} (got {type(value).__name__})"
            raise RecordError(msg)
        return tuple(v if isinstance(v, cls) else build(v) for v in value)

    return convert


def _build_location(v: Any) -> Location:
    loc = _to_location(v)
    if loc is None:
        msg = "a group's 'locations' cannot hold None"
        raise RecordError(msg)
    return loc


def _build_meeting(v: Any) -> MeetingTime:
    if isinstance(v, Mapping):
        return MeetingTime(**v)
    msg = f"'meetings' must hold MeetingTime records (got {type(v).__name__})"
    raise RecordError(msg)


@attrs.frozen
class Agency:
    """A mental-health or substance-use agency.

    Every agency has exactly three subunits, addressed as ``(agency_id, Role.BOARD)``,
    ``(agency_id, Role.PRACTITIONERS)`` and ``(agency_id, Role.CLIENTS)`` (Powell & Perron 2010).

    Examples
    --------
    >>> a = Agency("A1", "Riverside Counselling", sector="mental_health")
    >>> a.sector.value, a.subunit("board")
    ('mental_health', ('A1', <Role.BOARD: 'board'>))
    """

    id: str = attrs.field(validator=_id_validator("Agency 'id'"))
    name: str = attrs.field(validator=_name_validator)
    sector: Sector = attrs.field(default=Sector.OTHER, converter=_conv_sector)
    location: Location | None = attrs.field(default=None, converter=_to_location)
    attributes: Attributes = attrs.field(factory=Attributes, converter=_to_attributes)

    def subunit(self, role: Role | str) -> Subunit:
        """The address of one of the agency's subunits."""
        return (self.id, _enum(Role, "role")(role))


@attrs.frozen
class SelfHelpGroup:
    """A self-help, mutual-aid or peer-run group.

    ``meeting_place``, ``admission``, ``timing`` and ``facilitation`` place the group on the
    relational-therapeutic continuum (Am J Community Psychol 2020, 65:290-304); None means not
    known. ``focus`` and ``approach`` may be unknown too.

    Examples
    --------
    >>> g = SelfHelpGroup("G1", "Tuesday Night AA", "mutual_help", fellowship="AA",
    ...                   focus="substance_use", approach="twelve_step")
    >>> g.group_type.value, g.approach.value
    ('mutual_help', 'twelve_step')
    """

    id: str = attrs.field(validator=_id_validator("SelfHelpGroup 'id'"))
    name: str = attrs.field(validator=_name_validator)
    group_type: GroupType = attrs.field(converter=_conv_group_type)
    fellowship: str | None = attrs.field(default=None, validator=_optional_text)
    focus: Focus | None = attrs.field(default=None, converter=_conv_focus)
    approach: Approach | None = attrs.field(default=None, converter=_conv_approach)
    meeting_place: MeetingPlace | None = attrs.field(default=None, converter=_conv_meeting_place)
    admission: Admission | None = attrs.field(default=None, converter=_conv_admission)
    timing: Timing | None = attrs.field(default=None, converter=_conv_timing)
    facilitation: Facilitation | None = attrs.field(default=None, converter=_conv_facilitation)
    locations: tuple[Location, ...] = attrs.field(default=(), converter=_conv_locations)
    meetings: tuple[MeetingTime, ...] = attrs.field(default=(), converter=_conv_meetings)
    attributes: Attributes = attrs.field(factory=Attributes, converter=_to_attributes)
    activities: tuple[Activity, ...] = attrs.field(default=(), converter=_conv_activities)

    def __attrs_post_init__(self) -> None:
        for i, meeting in enumerate(self.meetings):
            if meeting.location is not None and meeting.location >= len(self.locations):
                msg = (
                    f"group {self.id!r}: meeting {i} names location {meeting.location}, but the "
                    f"group has {len(self.locations)} location(s) (valid: 0 to {len(self.locations) - 1})"
                )
                raise RecordError(msg)


@attrs.frozen
class CommunityActor:
    """A part of the institutional environment: media, local government, funders, ...

    Examples
    --------
    >>> CommunityActor("M1", "Riverside Courier", "media").kind.value
    'media'
    """

    id: str = attrs.field(validator=_id_validator("CommunityActor 'id'"))
    name: str = attrs.field(validator=_name_validator)
    kind: ActorKind = attrs.field(converter=_conv_actor_kind)
    attributes: Attributes = attrs.field(factory=Attributes, converter=_to_attributes)


def to_endpoint(value: Any, field: str = "endpoint") -> Endpoint:
    """Normalize an exchange endpoint: a node id, or an ``(agency_id, role)`` subunit pair."""
    if isinstance(value, str):
        return check_id(value, f"{field!r}")
    if isinstance(value, tuple | list) and len(value) == 2:
        agency = check_id(value[0], f"{field!r} agency id")
        return (agency, _enum(Role, f"{field} role")(value[1]))
    msg = (
        f"{field!r} must be a node id or an (agency_id, Role) pair (got {type(value).__name__} "
        f"{value!r})"
    )
    raise RecordError(msg)


def endpoint_node(endpoint: Endpoint) -> str:
    """The node id of an endpoint: the agency for a subunit."""
    return endpoint if isinstance(endpoint, str) else endpoint[0]


def endpoint_role(endpoint: Endpoint) -> Role | None:
    """The subunit role an endpoint names, or None for a whole node."""
    return None if isinstance(endpoint, str) else endpoint[1]


def _to_weight(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"'weight' must be a finite number >= 0 (got {value!r})"
        raise RecordError(msg)
    try:
        return float(value)
    except OverflowError:  # a whole number past float's range (its repr may be too long too)
        msg = "'weight' must be a finite number >= 0 (got a whole number too large for a float)"
        raise RecordError(msg) from None


@attrs.frozen
class Exchange:
    """One directed, typed flow between two nodes.

    ``source`` and ``target`` are node ids, or ``(agency_id, Role)`` subunits. A subunit endpoint
    must be the subunit the kind touches (``kind.role``); a whole-agency endpoint touches that
    subunit implicitly. Agency-level kinds (``joint_initiative``) are derived from
    :class:`Initiative` records and are not given as exchanges.

    Examples
    --------
    >>> from selfhelp_exchange import Exchange, Role
    >>> e = Exchange(("A1", Role.PRACTITIONERS), "G1", "referral", weight=12, start="2024-01-01")
    >>> e.kind.theory.value, e.weight, e.start.isoformat()
    ('adaptational', 12.0, '2024-01-01')
    """

    source: Endpoint = attrs.field(converter=_conv_source)
    target: Endpoint = attrs.field(converter=_conv_target)
    kind: ExchangeKind = attrs.field(converter=_conv_exchange_kind)
    weight: float = attrs.field(default=1.0, converter=_to_weight)
    start: dt.date | None = attrs.field(default=None, converter=_conv_start_date)
    end: dt.date | None = attrs.field(default=None, converter=_conv_end_date)
    attributes: Attributes = attrs.field(factory=Attributes, converter=_to_attributes)

    def __attrs_post_init__(self) -> None:
        problem = exchange_problem(
            endpoint_node(self.source),
            endpoint_role(self.source),
            endpoint_node(self.target),
            endpoint_role(self.target),
            self.kind,
            self.weight,
            self.start,
            self.end,
        )
        if problem is not None:
            raise RecordError(problem)


def exchange_problem(
    source: str,
    source_role: Role | None,
    target: str,
    target_role: Role | None,
    kind: ExchangeKind,
    weight: float,
    start: dt.date | None,
    end: dt.date | None,
) -> str | None:
    """Why an exchange breaks its own rules, or None. Shared by the record and the readers."""
    if not math.isfinite(weight) or weight < 0:
        return f"'weight' must be a finite number >= 0 (got {weight!r})"
    if start is not None and end is not None and end < start:
        return f"'end' ({end.isoformat()}) is before 'start' ({start.isoformat()})"
    if kind is ExchangeKind.JOINT_INITIATIVE:
        return (
            "'joint_initiative' exchanges are derived from Initiative records; record an "
            "Initiative with both sponsors instead"
        )
    if source == target:
        return f"'source' and 'target' are the same organization ({source!r})"
    for end_name, role in (("source", source_role), ("target", target_role)):
        if role is not None and role is not kind.role:
            return (
                f"{kind.value!r} touches the {kind.role.value if kind.role else 'agency as a whole'} "
                f"subunit, but {end_name!r} names the {role.value} subunit "
                f"(valid: {kind.role.value if kind.role else 'no subunit'})"
            )
    return None


def _to_id_tuple(field: str) -> Callable[[Any], tuple[str, ...]]:
    def convert(value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str) or not isinstance(value, Iterable):
            msg = f"{field!r} must be a sequence of ids (got {value!r})"
            raise RecordError(msg)
        ids = tuple(check_id(v, f"an id in {field!r}") for v in value)
        if len(set(ids)) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            msg = f"{field!r} names {dupes} more than once"
            raise RecordError(msg)
        return ids

    return convert


@attrs.frozen
class Initiative:
    """A joint activity: public education, media work, advocacy, a recovery event, planning.

    ``sponsors`` are agency and group ids; ``audiences`` are community-actor ids. Institutional
    linkage (Powell & Perron 2010) is read from initiatives that agencies and groups co-sponsor.

    Examples
    --------
    >>> i = Initiative("I1", "recovery_event", sponsors=["A1", "G1"], audiences=["M1"],
    ...                date="2024-09-15")
    >>> i.sponsors, i.kind.value
    (('A1', 'G1'), 'recovery_event')
    """

    id: str = attrs.field(validator=_id_validator("Initiative 'id'"))
    kind: InitiativeKind = attrs.field(converter=_conv_initiative_kind)
    sponsors: tuple[str, ...] = attrs.field(converter=_conv_sponsors)
    audiences: tuple[str, ...] = attrs.field(default=(), converter=_conv_audiences)
    date: dt.date | None = attrs.field(default=None, converter=_conv_date)
    name: str | None = attrs.field(default=None, validator=_optional_text, kw_only=True)
    attributes: Attributes = attrs.field(
        factory=Attributes, converter=_to_attributes, kw_only=True
    )

    @sponsors.validator
    def _check_sponsors(self, _attr: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        if not value:
            msg = f"initiative {self.id!r} needs at least one sponsor"
            raise RecordError(msg)


def _to_value(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"'value' must be a finite number (got {value!r})"
        raise RecordError(msg)
    try:
        out = float(value)
    except OverflowError:
        msg = "'value' must be a finite number (got a whole number too large for a float)"
        raise RecordError(msg) from None
    if not math.isfinite(out):
        msg = f"'value' must be a finite number (got {value!r})"
        raise RecordError(msg)
    return out


def _conv_required_date(value: Any) -> dt.date:
    out = to_date(value, "date")
    if out is None:
        msg = "'date' is required: an observation is dated (YYYY-MM-DD)"
        raise RecordError(msg)
    return out


def _optional_id(what: str) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def validate(_inst: Any, _attr: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            check_id(value, what)

    return validate


@attrs.frozen
class Observation:
    """One dated value of a measure for one subject: the outcomes institutional exchange aims at.

    Powell & Perron (2010) read institutional exchange by its purpose: joint initiatives build
    the community's acceptance of self-help groups and, in turn, the agency's credibility.
    Observations record whether that moved: a community actor's attitude score toward self-help
    groups, media items that mention them, referrals an agency receives from courts or
    employers, or a partner's rating of an agency's trust and value (measures ``partner_trust``
    and ``partner_value`` with the rating partner in ``rater``; see
    :func:`~selfhelp_exchange.partner_scores`).

    Parameters
    ----------
    subject : str
        Id of the agency, group or community actor observed.
    measure : str
        What was measured: an id-like name (``attitude_score``, ``media_mentions``).
    value : float
        The value (finite).
    date : date or str
        When (YYYY-MM-DD); required.
    source : str, optional
        Where the value comes from (a survey, a press cuttings file).
    rater : str, optional
        For ratings: id of the agency, group or actor that gave the rating.
    attributes : mapping, optional
        Free attributes.

    Examples
    --------
    >>> o = Observation("C1", "attitude_score", 3.5, "2024-03-01", source="annual survey")
    >>> o.value, o.date.isoformat(), o.rater
    (3.5, '2024-03-01', None)
    """

    subject: str = attrs.field(validator=_id_validator("Observation 'subject'"))
    measure: str = attrs.field(validator=_id_validator("Observation 'measure'"))
    value: float = attrs.field(converter=_to_value)
    date: dt.date = attrs.field(converter=_conv_required_date)
    source: str | None = attrs.field(default=None, validator=_optional_text, kw_only=True)
    rater: str | None = attrs.field(
        default=None, validator=_optional_id("Observation 'rater'"), kw_only=True
    )
    attributes: Attributes = attrs.field(
        factory=Attributes, converter=_to_attributes, kw_only=True
    )
