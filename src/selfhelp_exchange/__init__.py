"""selfhelp-exchange: how mental-health and substance-use agencies exchange with self-help groups.

Model the exchange as a network of typed flows between agencies (with their board, practitioner
and client units), self-help and mutual-aid groups and community actors; measure adaptational and
institutional linkage (Powell & Perron 2010); test, simulate and draw it.
"""

from __future__ import annotations

from selfhelp_exchange import generate, plot, simulate, structure
from selfhelp_exchange.availability import availability
from selfhelp_exchange.catalogue import Direction, ExchangeKind, adaptational_kinds, kinds_for
from selfhelp_exchange.datasets import (
    UnknownExampleError,
    list_examples,
    load_example,
    load_knoke,
)
from selfhelp_exchange.exceptions import (
    DataFileError,
    NetworkValidationError,
    Problem,
    RecordError,
    SelfHelpExchangeError,
    UnknownNodeError,
)
from selfhelp_exchange.io import (
    read_graphml,
    read_json,
    read_tables,
    write_graphml,
    write_json,
    write_tables,
    write_template,
)
from selfhelp_exchange.io.meeting_guide import (
    Meeting,
    MeetingGuideFeed,
    SkippedMeeting,
    read_meeting_guide,
)
from selfhelp_exchange.meeting_space import apply_meeting_space, infer_meeting_space
from selfhelp_exchange.metrics import (
    InstitutionalWeights,
    LinkageWeights,
    adaptational_linkage,
    adaptational_summary,
    agency_scorecard,
    institutional_linkage,
    professional_involvement,
)
from selfhelp_exchange.metrics.timeline import linkage_by_period
from selfhelp_exchange.network import ExchangeArrays, ExchangeNetwork, InitiativeArrays
from selfhelp_exchange.privacy import (
    PERSON_ATTRIBUTES,
    SMALL_CELL_THRESHOLD,
    PrivacyError,
    SuppressedTable,
    pseudonymize,
    pseudonymize_network,
    published_network,
    suppress_counts,
)
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
from selfhelp_exchange.report import build_report, write_scores
from selfhelp_exchange.summary import summarize
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
    "PERSON_ATTRIBUTES",
    "SMALL_CELL_THRESHOLD",
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
    "InstitutionalWeights",
    "LinkageWeights",
    "Location",
    "Meeting",
    "MeetingGuideFeed",
    "MeetingPlace",
    "MeetingTime",
    "NetworkValidationError",
    "NodeType",
    "PrivacyError",
    "Problem",
    "RecordError",
    "Role",
    "Sector",
    "SelfHelpExchangeError",
    "SelfHelpGroup",
    "SkippedMeeting",
    "SuppressedTable",
    "Theory",
    "Timing",
    "UnknownExampleError",
    "UnknownNodeError",
    "Weekday",
    "__version__",
    "adaptational_kinds",
    "adaptational_linkage",
    "adaptational_summary",
    "agency_scorecard",
    "apply_meeting_space",
    "availability",
    "build_report",
    "generate",
    "infer_meeting_space",
    "institutional_linkage",
    "kinds_for",
    "linkage_by_period",
    "list_examples",
    "load_example",
    "load_knoke",
    "plot",
    "professional_involvement",
    "pseudonymize",
    "pseudonymize_network",
    "published_network",
    "read_graphml",
    "read_json",
    "read_meeting_guide",
    "read_tables",
    "simulate",
    "structure",
    "summarize",
    "suppress_counts",
    "write_graphml",
    "write_json",
    "write_scores",
    "write_tables",
    "write_template",
]
