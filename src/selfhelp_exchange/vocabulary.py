"""The controlled vocabularies: roles, sectors, group types and the continuum dimensions.

Every enum's values are the lower-case strings used in files, so a spreadsheet cell reads
``mutual_help``, not ``GroupType.MUTUAL_HELP``.
"""

from __future__ import annotations

import enum
from typing import Any, TypeVar

from selfhelp_exchange.exceptions import RecordError

E = TypeVar("E", bound=enum.Enum)

__all__ = [
    "ActorKind",
    "Admission",
    "Approach",
    "Facilitation",
    "Focus",
    "GroupType",
    "InitiativeKind",
    "MeetingPlace",
    "NodeType",
    "Role",
    "Sector",
    "Theory",
    "Timing",
    "Weekday",
    "coerce_enum",
]


def coerce_enum(cls: type[E], value: Any, field: str) -> E:
    """``value`` as a member of ``cls`` (a member or its string value), else a clear error.

    Raises
    ------
    RecordError
        Naming the field, the value and every allowed value.

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
        raise RecordError(msg) from None


class Role(enum.StrEnum):
    """An agency's three subunits (Powell & Perron 2010): board, practitioners, clients."""

    BOARD = "board"
    PRACTITIONERS = "practitioners"
    CLIENTS = "clients"


ROLE_ORDER: tuple[Role, ...] = (Role.BOARD, Role.PRACTITIONERS, Role.CLIENTS)


class Theory(enum.StrEnum):
    """The two lenses of Powell & Perron (2010) on agency / self-help exchange."""

    ADAPTATIONAL = "adaptational"
    INSTITUTIONAL = "institutional"


class NodeType(enum.StrEnum):
    """What a node of the network is."""

    AGENCY = "agency"
    GROUP = "group"
    ACTOR = "actor"


class Sector(enum.StrEnum):
    """An agency's field of service."""

    MENTAL_HEALTH = "mental_health"
    SUBSTANCE_USE = "substance_use"
    CO_OCCURRING = "co_occurring"
    OTHER = "other"


class GroupType(enum.StrEnum):
    """Kinds of self-help and peer organization (SAMHSA's co-occurring-disorders guidance; Delman 2014)."""

    MUTUAL_HELP = "mutual_help"
    SUPPORTED_SELF_HELP = "supported_self_help"
    CONSUMER_OPERATED_SERVICE = "consumer_operated_service"
    PEER_SUPPORT_SERVICE = "peer_support_service"
    RECOVERY_LEARNING_COMMUNITY = "recovery_learning_community"
    CONSUMER_ADVOCACY = "consumer_advocacy"


class Focus(enum.StrEnum):
    """What a group is about."""

    SUBSTANCE_USE = "substance_use"
    MENTAL_HEALTH = "mental_health"
    CO_OCCURRING = "co_occurring"
    FAMILY = "family"


class Approach(enum.StrEnum):
    """Whether a group follows the twelve steps."""

    TWELVE_STEP = "twelve_step"
    NON_TWELVE_STEP = "non_twelve_step"
    OTHER = "other"


class MeetingPlace(enum.StrEnum):
    """Where a group meets: a continuum dimension (Am J Community Psychol 2020, 65:290-304)."""

    COMMUNITY = "community"
    AGENCY_PREMISES = "agency_premises"
    ONLINE = "online"


class Admission(enum.StrEnum):
    """Who decides who joins: a continuum dimension."""

    OPEN = "open"
    CLOSED = "closed"
    REFERRAL = "referral"


class Timing(enum.StrEnum):
    """Whether a group runs open-ended or for a fixed term: a continuum dimension."""

    OPEN_ENDED = "open_ended"
    FIXED_TERM = "fixed_term"


class Facilitation(enum.StrEnum):
    """Who leads the meetings: a continuum dimension."""

    ROTATING_PEERS = "rotating_peers"
    TRAINED_PEERS = "trained_peers"
    PROFESSIONAL = "professional"


class ActorKind(enum.StrEnum):
    """The institutional environment a joint initiative addresses (Powell & Perron 2010)."""

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
    """Kinds of joint activity through which institutional exchange happens."""

    PUBLIC_EDUCATION = "public_education"
    MEDIA = "media"
    ADVOCACY = "advocacy"
    RECOVERY_EVENT = "recovery_event"
    COMMUNITY_PLANNING = "community_planning"
    OTHER = "other"


class Weekday(enum.StrEnum):
    """Days of the week; :meth:`number` follows Python's ``date.weekday()`` (Monday is 0)."""

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
