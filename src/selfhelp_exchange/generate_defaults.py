"""The conventions of :mod:`selfhelp_exchange.generate`: every share, rate and spread it draws from.

Every value is this library's synthetic convention, chosen to look plausible and to exercise
every part of the library; none is an estimate of any real service system, and no figure here
may be cited as one. :func:`selfhelp_exchange.generate.community` describes how each is used;
the names are importable from :mod:`selfhelp_exchange.generate` too.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeAlias

from selfhelp_exchange.catalogue import ExchangeKind
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
)

__all__ = [
    "ACTOR_KIND_SHARES",
    "AGENCY_FIRST_SHARE",
    "AGENCY_LED_SHARE",
    "CONTINUUM_SHARES",
    "DEFAULT_BOUNDS",
    "FELLOWSHIP_SHARES",
    "GROUP_TYPE_SHARES",
    "INITIATIVE_KIND_SHARES",
    "KIND_MEAN_DAYS",
    "KIND_MEAN_WEIGHT",
    "KIND_RATES",
    "LOCAL_SHARE",
    "REGION_SPREAD_DEG",
    "SECTOR_FOCUS",
    "SECTOR_SHARES",
    "SUBUNIT_NAMED_SHARE",
    "UNKNOWN_SHARE",
]

# ---------------------------------------------------------------------------- the conventions
#: Agency sectors (synthetic convention).
SECTOR_SHARES: Mapping[Sector, float] = MappingProxyType(
    {
        Sector.MENTAL_HEALTH: 0.40,
        Sector.SUBSTANCE_USE: 0.35,
        Sector.CO_OCCURRING: 0.20,
        Sector.OTHER: 0.05,
    }
)

#: Group types (synthetic convention): mostly mutual-help groups.
GROUP_TYPE_SHARES: Mapping[GroupType, float] = MappingProxyType(
    {
        GroupType.MUTUAL_HELP: 0.80,
        GroupType.SUPPORTED_SELF_HELP: 0.06,
        GroupType.PEER_SUPPORT_SERVICE: 0.05,
        GroupType.CONSUMER_OPERATED_SERVICE: 0.04,
        GroupType.CONSUMER_ADVOCACY: 0.03,
        GroupType.RECOVERY_LEARNING_COMMUNITY: 0.02,
    }
)

FellowshipShare: TypeAlias = tuple[float, Focus, Approach]

#: Fellowships of mutual-help groups: (share, focus, approach). The shares are a synthetic
#: convention; the focus and approach follow each fellowship's own description of itself.
FELLOWSHIP_SHARES: Mapping[str, FellowshipShare] = MappingProxyType(
    {
        "AA": (0.52, Focus.SUBSTANCE_USE, Approach.TWELVE_STEP),
        "NA": (0.17, Focus.SUBSTANCE_USE, Approach.TWELVE_STEP),
        "Al-Anon": (0.10, Focus.FAMILY, Approach.TWELVE_STEP),
        "SMART Recovery": (0.05, Focus.SUBSTANCE_USE, Approach.NON_TWELVE_STEP),
        "DBSA": (0.04, Focus.MENTAL_HEALTH, Approach.NON_TWELVE_STEP),
        "CA": (0.03, Focus.SUBSTANCE_USE, Approach.TWELVE_STEP),
        "Nar-Anon": (0.02, Focus.FAMILY, Approach.TWELVE_STEP),
        "Recovery International": (0.02, Focus.MENTAL_HEALTH, Approach.NON_TWELVE_STEP),
        "DRA": (0.02, Focus.CO_OCCURRING, Approach.TWELVE_STEP),
        "CMA": (0.01, Focus.SUBSTANCE_USE, Approach.TWELVE_STEP),
        "WFS": (0.01, Focus.SUBSTANCE_USE, Approach.NON_TWELVE_STEP),
        "ACA": (0.01, Focus.FAMILY, Approach.TWELVE_STEP),
    }
)

# Focus and approach of the other group types (synthetic convention).
_OTHER_FOCUS: Mapping[GroupType, Mapping[Focus, float]] = MappingProxyType(
    {
        GroupType.SUPPORTED_SELF_HELP: {
            Focus.MENTAL_HEALTH: 0.5,
            Focus.CO_OCCURRING: 0.3,
            Focus.SUBSTANCE_USE: 0.2,
        },
        GroupType.PEER_SUPPORT_SERVICE: {
            Focus.MENTAL_HEALTH: 0.4,
            Focus.SUBSTANCE_USE: 0.35,
            Focus.CO_OCCURRING: 0.25,
        },
        GroupType.CONSUMER_OPERATED_SERVICE: {
            Focus.MENTAL_HEALTH: 0.7,
            Focus.CO_OCCURRING: 0.3,
        },
        GroupType.CONSUMER_ADVOCACY: {
            Focus.MENTAL_HEALTH: 0.6,
            Focus.SUBSTANCE_USE: 0.2,
            Focus.FAMILY: 0.2,
        },
        GroupType.RECOVERY_LEARNING_COMMUNITY: {
            Focus.MENTAL_HEALTH: 0.7,
            Focus.CO_OCCURRING: 0.3,
        },
    }
)

#: For each group type, the distribution of each continuum dimension (synthetic convention):
#: mutual-help groups sit at the relational end, supported self-help near the therapeutic end.
CONTINUUM_SHARES: Mapping[GroupType, Mapping[str, Mapping[Any, float]]] = MappingProxyType(
    {
        GroupType.MUTUAL_HELP: {
            "meeting_place": {
                MeetingPlace.COMMUNITY: 0.75,
                MeetingPlace.AGENCY_PREMISES: 0.15,
                MeetingPlace.ONLINE: 0.10,
            },
            "admission": {Admission.OPEN: 0.9, Admission.CLOSED: 0.1},
            "timing": {Timing.OPEN_ENDED: 1.0},
            "facilitation": {Facilitation.ROTATING_PEERS: 0.85, Facilitation.TRAINED_PEERS: 0.15},
        },
        GroupType.SUPPORTED_SELF_HELP: {
            "meeting_place": {
                MeetingPlace.AGENCY_PREMISES: 0.6,
                MeetingPlace.COMMUNITY: 0.3,
                MeetingPlace.ONLINE: 0.1,
            },
            "admission": {Admission.REFERRAL: 0.6, Admission.CLOSED: 0.3, Admission.OPEN: 0.1},
            "timing": {Timing.FIXED_TERM: 0.7, Timing.OPEN_ENDED: 0.3},
            "facilitation": {Facilitation.PROFESSIONAL: 0.6, Facilitation.TRAINED_PEERS: 0.4},
        },
        GroupType.PEER_SUPPORT_SERVICE: {
            "meeting_place": {
                MeetingPlace.AGENCY_PREMISES: 0.5,
                MeetingPlace.COMMUNITY: 0.4,
                MeetingPlace.ONLINE: 0.1,
            },
            "admission": {Admission.OPEN: 0.5, Admission.REFERRAL: 0.5},
            "timing": {Timing.OPEN_ENDED: 0.6, Timing.FIXED_TERM: 0.4},
            "facilitation": {Facilitation.TRAINED_PEERS: 0.8, Facilitation.PROFESSIONAL: 0.2},
        },
        GroupType.CONSUMER_OPERATED_SERVICE: {
            "meeting_place": {MeetingPlace.COMMUNITY: 0.8, MeetingPlace.ONLINE: 0.2},
            "admission": {Admission.OPEN: 0.6, Admission.REFERRAL: 0.2, Admission.CLOSED: 0.2},
            "timing": {Timing.OPEN_ENDED: 1.0},
            "facilitation": {Facilitation.TRAINED_PEERS: 0.7, Facilitation.ROTATING_PEERS: 0.3},
        },
        GroupType.CONSUMER_ADVOCACY: {
            "meeting_place": {MeetingPlace.COMMUNITY: 0.8, MeetingPlace.ONLINE: 0.2},
            "admission": {Admission.OPEN: 1.0},
            "timing": {Timing.OPEN_ENDED: 1.0},
            "facilitation": {Facilitation.ROTATING_PEERS: 0.5, Facilitation.TRAINED_PEERS: 0.5},
        },
        GroupType.RECOVERY_LEARNING_COMMUNITY: {
            "meeting_place": {MeetingPlace.COMMUNITY: 0.9, MeetingPlace.ONLINE: 0.1},
            "admission": {Admission.OPEN: 1.0},
            "timing": {Timing.OPEN_ENDED: 0.8, Timing.FIXED_TERM: 0.2},
            "facilitation": {Facilitation.TRAINED_PEERS: 0.6, Facilitation.ROTATING_PEERS: 0.4},
        },
    }
)

#: Share of each continuum dimension left unknown (synthetic convention).
UNKNOWN_SHARE = 0.05

#: Share of exchanges of each kind (synthetic convention): practitioners 0.60, clients 0.34,
#: board 0.06. ``joint_initiative`` is derived from initiatives, never drawn.
KIND_RATES: Mapping[ExchangeKind, float] = MappingProxyType(
    {
        ExchangeKind.BOARD_SEAT: 0.01,
        ExchangeKind.POLICY_SUPPORT: 0.02,
        ExchangeKind.RESOURCE_SUPPORT: 0.03,
        ExchangeKind.REFERRAL: 0.25,
        ExchangeKind.FACILITATED_INTRODUCTION: 0.06,
        ExchangeKind.INFORMATION: 0.18,
        ExchangeKind.CONSULTATION: 0.06,
        ExchangeKind.STAFF_EDUCATION: 0.05,
        ExchangeKind.MEETING_SPACE: 0.06,
        ExchangeKind.IN_REACH: 0.07,
        ExchangeKind.PEER_BRIDGING: 0.05,
        ExchangeKind.ATTENDANCE: 0.16,
    }
)

#: Mean weight of each kind: weights are geometric on 1, 2, 3, ... (synthetic convention).
KIND_MEAN_WEIGHT: Mapping[ExchangeKind, float] = MappingProxyType(
    {
        ExchangeKind.BOARD_SEAT: 1.0,
        ExchangeKind.POLICY_SUPPORT: 1.0,
        ExchangeKind.RESOURCE_SUPPORT: 2.0,
        ExchangeKind.REFERRAL: 6.0,
        ExchangeKind.FACILITATED_INTRODUCTION: 3.0,
        ExchangeKind.INFORMATION: 4.0,
        ExchangeKind.CONSULTATION: 2.0,
        ExchangeKind.STAFF_EDUCATION: 2.0,
        ExchangeKind.MEETING_SPACE: 4.0,
        ExchangeKind.IN_REACH: 3.0,
        ExchangeKind.PEER_BRIDGING: 3.0,
        ExchangeKind.ATTENDANCE: 8.0,
    }
)

#: Mean duration in days of each kind: durations are exponential, rounded down (synthetic
#: convention; 0 days means start and end on the same day).
KIND_MEAN_DAYS: Mapping[ExchangeKind, float] = MappingProxyType(
    {
        ExchangeKind.BOARD_SEAT: 365.0,
        ExchangeKind.POLICY_SUPPORT: 365.0,
        ExchangeKind.RESOURCE_SUPPORT: 90.0,
        ExchangeKind.REFERRAL: 30.0,
        ExchangeKind.FACILITATED_INTRODUCTION: 14.0,
        ExchangeKind.INFORMATION: 30.0,
        ExchangeKind.CONSULTATION: 7.0,
        ExchangeKind.STAFF_EDUCATION: 1.0,
        ExchangeKind.MEETING_SPACE: 180.0,
        ExchangeKind.IN_REACH: 60.0,
        ExchangeKind.PEER_BRIDGING: 30.0,
        ExchangeKind.ATTENDANCE: 90.0,
    }
)

#: Community actors by kind (synthetic convention).
ACTOR_KIND_SHARES: Mapping[ActorKind, float] = MappingProxyType(
    {
        ActorKind.PUBLIC: 0.20,
        ActorKind.MEDIA: 0.15,
        ActorKind.LOCAL_GOVERNMENT: 0.15,
        ActorKind.HEALTH_SYSTEM: 0.12,
        ActorKind.EDUCATION: 0.10,
        ActorKind.FAITH: 0.10,
        ActorKind.CRIMINAL_JUSTICE: 0.08,
        ActorKind.EMPLOYER: 0.05,
        ActorKind.FUNDER: 0.05,
    }
)

#: Initiatives by kind (synthetic convention).
INITIATIVE_KIND_SHARES: Mapping[InitiativeKind, float] = MappingProxyType(
    {
        InitiativeKind.PUBLIC_EDUCATION: 0.30,
        InitiativeKind.RECOVERY_EVENT: 0.25,
        InitiativeKind.ADVOCACY: 0.15,
        InitiativeKind.COMMUNITY_PLANNING: 0.15,
        InitiativeKind.MEDIA: 0.10,
        InitiativeKind.OTHER: 0.05,
    }
)

#: Group foci that suit an agency of each sector, preferred when choosing partners.
SECTOR_FOCUS: Mapping[Sector, frozenset[Focus]] = MappingProxyType(
    {
        Sector.MENTAL_HEALTH: frozenset({Focus.MENTAL_HEALTH, Focus.CO_OCCURRING, Focus.FAMILY}),
        Sector.SUBSTANCE_USE: frozenset({Focus.SUBSTANCE_USE, Focus.CO_OCCURRING, Focus.FAMILY}),
        Sector.CO_OCCURRING: frozenset(Focus),
        Sector.OTHER: frozenset(Focus),
    }
)

#: (south, west, north, east) in degrees: roughly the contiguous United States.
DEFAULT_BOUNDS: tuple[float, float, float, float] = (24.5, -124.8, 49.4, -66.9)
#: Standard deviation, in degrees, of places around their region's centre (about 17 km).
REGION_SPREAD_DEG = 0.15
#: Probability that an agency's partner slot is filled from its own region.
LOCAL_SHARE = 0.85
#: Probability that an exchange of an ``either`` kind runs from the agency to the group.
AGENCY_FIRST_SHARE = 0.6
#: Probability that an exchange names the agency's subunit rather than the agency as a whole.
SUBUNIT_NAMED_SHARE = 0.7
#: Share of initiatives led by an agency (the rest are led by a group).
AGENCY_LED_SHARE = 0.8
