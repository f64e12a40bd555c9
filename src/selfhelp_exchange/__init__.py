"""selfhelp-exchange: how mental-health and substance-use agencies exchange with self-help groups.

Model the exchange as a network of typed flows between agencies (with their board, practitioner
and client units), self-help and mutual-aid groups and community actors; measure adaptational and
institutional linkage (Powell & Perron 2010); test, simulate and draw it.
"""

from __future__ import annotations

from selfhelp_exchange import generate
from selfhelp_exchange.catalogue import Direction, ExchangeKind, adaptational_kinds, kinds_for
from selfhelp_exchange.datasets import list_examples, load_example
from selfhelp_exchange.exceptions import (
    DataFileError,
    NetworkValidationError,
    Problem,
    RecordError,
    SelfHelpExchangeError,
    UnknownNodeError,
)
from selfhelp_exchange.io import read_json, write_json
from selfhelp_exchange.network import ExchangeArrays, ExchangeNetwork, InitiativeArrays
from selfhelp_exchange.records import (
    Agency,
    Attributes,
    CommunityActor,
    Exchange,
    Initiative,
    Location,
    MeetingTime,
    SelfHelpGroup,
)
from selfhelp_exchange.vocabulary import (
    ActorKind,
    Admission,
    Approach,
    Facilitation,
    Focus,
    GroupType,
    InitiativeKind,
    MeetingPlace,
    NodeType,
    Role,
    Sector,
    Theory,
    Timing,
    Weekday,
)

__version__ = "0.1.0"

__all__ = [
    "ActorKind",
    "Admission",
    "Agency",
    "Approach",
    "Attributes",
    "CommunityActor",
    "DataFileError",
    "Direction",
    "Exchange",
    "ExchangeArrays",
    "ExchangeKind",
    "ExchangeNetwork",
    "Facilitation",
    "Focus",
    "GroupType",
    "Initiative",
    "InitiativeArrays",
    "InitiativeKind",
    "Location",
    "MeetingPlace",
    "MeetingTime",
    "NetworkValidationError",
    "NodeType",
    "Problem",
    "RecordError",
    "Role",
    "Sector",
    "SelfHelpExchangeError",
    "SelfHelpGroup",
    "Theory",
    "Timing",
    "UnknownNodeError",
    "Weekday",
    "__version__",
    "adaptational_kinds",
    "generate",
    "kinds_for",
    "list_examples",
    "load_example",
    "read_json",
    "write_json",
]
