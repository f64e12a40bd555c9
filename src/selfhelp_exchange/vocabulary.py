"""The controlled vocabularies: roles, sectors, group types and the continuum dimensions.

Every enum's values are the lower-case strings used in files, so a spreadsheet cell reads
``mutual_help``, not ``GroupType.MUTUAL_HELP``.
"""

from __future__ import annotations

import enum
from typing import Any, TypeVar

from selfhelp_exchange.exceptions import ArgumentError, RecordError

E = TypeVar("E", bound=enum.Enum)

__all__ = [
    "Activity",
    "ActorKind",
    "Admission",
    "Approach",
    "Facilitation",
    "Focus",
    "GroupType",
    "InitiativeKind",
    "MeetingPlace",
    "NodeType",
    "Relation",
    "Role",
    "Sector",
    "Theory",
    "Timing",
    "Weekday",
    "coerce_enum",
]


def coerce_enum(cls: type[E], value: Any, field: str, *, argument: bool = False) -> E:
    """``value`` as a member of ``cls`` (a member or its string value), else a clear error.

    ``argument=True`` when ``value`` is a function's argument rather than a record's field.

    Raises
    ------
    RecordError
        Naming the field, the value and every allowed value.
    ArgumentError
        The same, with ``argument=True``.

    Examples
    --------
    >>> coerce_enum(Role, "board", "role")
    <Role.BOARD: 'board'>
    """
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        msg = f"{field!r} must be one of {allowed} (got {value!r})"
        raise (ArgumentError if argument else RecordError)(msg) from None


class Role(enum.StrEnum):
    """An agency's three subunits (Powell & Perron 2010): board, practitioners, clients.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> [r.value for r in shx.Role]
    ['board', 'practitioners', 'clients']
    >>> shx.Exchange(("A1", shx.Role.BOARD), "G1", "resource_support").source
    ('A1', <Role.BOARD: 'board'>)
    """

    BOARD = "board"
    PRACTITIONERS = "practitioners"
    CLIENTS = "clients"


ROLE_ORDER: tuple[Role, ...] = (Role.BOARD, Role.PRACTITIONERS, Role.CLIENTS)


class Theory(enum.StrEnum):
    """The two lenses of Powell & Perron (2010) on agency / self-help exchange.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.ExchangeKind.REFERRAL.theory, shx.ExchangeKind.JOINT_INITIATIVE.theory.value
    (<Theory.ADAPTATIONAL: 'adaptational'>, 'institutional')
    """

    ADAPTATIONAL = "adaptational"
    INSTITUTIONAL = "institutional"


class NodeType(enum.StrEnum):
    """What a node of the network is.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> [t.value for t in shx.NodeType]
    ['agency', 'group', 'actor']
    """

    AGENCY = "agency"
    GROUP = "group"
    ACTOR = "actor"


class Sector(enum.StrEnum):
    """An agency's field of service.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.Agency("A1", "Harbor Recovery", sector="substance_use").sector
    <Sector.SUBSTANCE_USE: 'substance_use'>
    """

    MENTAL_HEALTH = "mental_health"
    SUBSTANCE_USE = "substance_use"
    CO_OCCURRING = "co_occurring"
    OTHER = "other"


class GroupType(enum.StrEnum):
    """Kinds of self-help and peer organization (SAMHSA's co-occurring-disorders guidance; Delman 2014).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> g = shx.SelfHelpGroup("G1", "Riverside RLC", "recovery_learning_community")
    >>> g.group_type is shx.GroupType.RECOVERY_LEARNING_COMMUNITY
    True
    """

    MUTUAL_HELP = "mutual_help"
    SUPPORTED_SELF_HELP = "supported_self_help"
    CONSUMER_OPERATED_SERVICE = "consumer_operated_service"
    PEER_SUPPORT_SERVICE = "peer_support_service"
    RECOVERY_LEARNING_COMMUNITY = "recovery_learning_community"
    CONSUMER_ADVOCACY = "consumer_advocacy"


class Focus(enum.StrEnum):
    """What a group is about.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.SelfHelpGroup("G1", "Al-Anon", "mutual_help", focus="family").focus.value
    'family'
    """

    SUBSTANCE_USE = "substance_use"
    MENTAL_HEALTH = "mental_health"
    CO_OCCURRING = "co_occurring"
    FAMILY = "family"


class Approach(enum.StrEnum):
    """Whether a group follows the twelve steps.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> g = shx.SelfHelpGroup("G1", "SMART Recovery", "mutual_help", approach="non_twelve_step")
    >>> g.approach is shx.Approach.NON_TWELVE_STEP
    True
    """

    TWELVE_STEP = "twelve_step"
    NON_TWELVE_STEP = "non_twelve_step"
    OTHER = "other"


class MeetingPlace(enum.StrEnum):
    """Where a group meets: a continuum dimension (Am J Community Psychol 2020, 65:290-304).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> [m.value for m in shx.MeetingPlace]
    ['community', 'agency_premises', 'online']
    """

    COMMUNITY = "community"
    AGENCY_PREMISES = "agency_premises"
    ONLINE = "online"


class Admission(enum.StrEnum):
    """Who decides who joins: a continuum dimension.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.SelfHelpGroup("G1", "Skills group", "supported_self_help", admission="referral").admission
    <Admission.REFERRAL: 'referral'>
    """

    OPEN = "open"
    CLOSED = "closed"
    REFERRAL = "referral"


class Timing(enum.StrEnum):
    """Whether a group runs open-ended or for a fixed term: a continuum dimension.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.Timing("fixed_term") is shx.Timing.FIXED_TERM
    True
    """

    OPEN_ENDED = "open_ended"
    FIXED_TERM = "fixed_term"


class Facilitation(enum.StrEnum):
    """Who leads the meetings: a continuum dimension.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> [f.value for f in shx.Facilitation]
    ['rotating_peers', 'trained_peers', 'professional']
    """

    ROTATING_PEERS = "rotating_peers"
    TRAINED_PEERS = "trained_peers"
    PROFESSIONAL = "professional"


class ActorKind(enum.StrEnum):
    """The institutional environment a joint initiative addresses (this library's kinds).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.CommunityActor("C1", "Riverside Courier", "media").kind
    <ActorKind.MEDIA: 'media'>
    """

    MEDIA = "media"
    LOCAL_GOVERNMENT = "local_government"
    FUNDER = "funder"
    CRIMINAL_JUSTICE = "criminal_justice"
    EDUCATION = "education"
    FAITH = "faith"
    EMPLOYER = "employer"
    HEALTH_SYSTEM = "health_system"
    PUBLIC = "public"


class InitiativeKind(enum.StrEnum):
    """Kinds of joint activity through which institutional exchange happens.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> walk = shx.Initiative("I1", "recovery_event", sponsors=["A1", "G1"], audiences=["C1"])
    >>> walk.kind
    <InitiativeKind.RECOVERY_EVENT: 'recovery_event'>
    """

    PUBLIC_EDUCATION = "public_education"
    MEDIA = "media"
    ADVOCACY = "advocacy"
    RECOVERY_EVENT = "recovery_event"
    COMMUNITY_PLANNING = "community_planning"
    OTHER = "other"


class Weekday(enum.StrEnum):
    """Days of the week; :meth:`number` follows Python's ``date.weekday()`` (Monday is 0).

    Examples
    --------
    >>> import datetime as dt
    >>> import selfhelp_exchange as shx
    >>> shx.Weekday.SUNDAY.number, dt.date(2025, 3, 2).weekday()
    (6, 6)
    >>> shx.MeetingTime("tuesday", "19:30").day
    <Weekday.TUESDAY: 'tuesday'>
    """

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """Monday 0 ... Sunday 6, as ``datetime.date.weekday()``."""
        return list(Weekday).index(self)


class Activity(enum.StrEnum):
    """What a self-help group or peer organization offers (recorded on ``SelfHelpGroup.activities``).

    Delman (2014) describes Recovery Learning Communities as regional networks of peer support
    and education offering meetings and workshops in many community locations; this list (and
    its split into six values) is this library's convention, so that an RLC's education and
    training can be recorded beside its support meetings.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> g = shx.SelfHelpGroup("G1", "Riverside RLC", "recovery_learning_community",
    ...                       activities=["education", "support_meetings"])
    >>> [a.value for a in g.activities]
    ['support_meetings', 'education']
    """

    SUPPORT_MEETINGS = "support_meetings"
    EDUCATION = "education"
    SOCIAL_EVENTS = "social_events"
    ADVOCACY = "advocacy"
    EMPLOYMENT_SUPPORT = "employment_support"
    WELLNESS = "wellness"


class Relation(enum.StrEnum):
    """How an alter (a person in someone's personal network) is related to the ego.

    ``peer`` is a fellow member of a self-help group or a Recovery Learning Community;
    ``community`` covers neighbours, co-workers, faith communities and clubs. Ties *beyond*
    treatment staff and family are those Delman (2014) names as what social integration adds;
    the six categories are this library's convention.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> [r.value for r in shx.Relation]
    ['treatment_staff', 'family', 'peer', 'friend', 'community', 'other']
    >>> shx.Relation.PEER.beyond, shx.Relation.FAMILY.beyond
    (True, False)
    """

    TREATMENT_STAFF = "treatment_staff"
    FAMILY = "family"
    PEER = "peer"
    FRIEND = "friend"
    COMMUNITY = "community"
    OTHER = "other"

    @property
    def beyond(self) -> bool:
        """Whether the relation lies beyond treatment staff and family."""
        return self not in (Relation.TREATMENT_STAFF, Relation.FAMILY)
