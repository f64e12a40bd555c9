"""The layout of the tables: which tables, which columns, what each column holds.

One definition serves the reader, the writer and the blank evaluator template, so the help an
evaluator reads, the drop-down lists they pick from and the checks the reader makes can never
disagree.
"""

from __future__ import annotations

import enum

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange.catalogue import ExchangeKind
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
    Relation,
    Role,
    Sector,
    Timing,
    Weekday,
)

__all__ = [
    "COMPANION_TABLES",
    "TABLES",
    "Column",
    "ColumnType",
    "blank_columns",
    "choices_of",
    "known_table",
    "layout",
    "table_names",
]


class ColumnType(enum.StrEnum):
    """What a column's cells hold, and so how they are checked and written."""

    ID = "id"  # a new id: non-empty, no surrounding spaces, no control characters
    REF = "ref"  # an id declared in another table
    TEXT = "text"  # free text, kept exactly
    ENUM = "enum"  # one of a fixed list of values
    NUMBER = "number"  # a finite decimal number in [low, high]
    WEIGHT = "weight"  # a finite number >= 0; empty means 1
    POSITION = "position"  # a whole number >= 1
    DATE = "date"  # YYYY-MM-DD
    TIME = "time"  # HH:MM (or HH:MM:SS)
    JSON = "json"  # a JSON object of free attributes
    FLAG = "flag"  # true or false


NUMERIC_TYPES = frozenset({ColumnType.NUMBER, ColumnType.WEIGHT, ColumnType.POSITION})


@attrs.frozen
class Column:
    """One column of a table.

    ``required``: the column must be present and every record must fill it. An optional column
    may be left out of the file altogether; an empty cell then means "not known" (None).
    ``template``: whether the blank evaluator template shows the column.
    """

    name: str
    type: ColumnType
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    template: bool = True


def choices_of(cls: type[enum.Enum], *, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The file values of an enum, in definition order."""
    return tuple(str(m.value) for m in cls if m.value not in exclude)


_ATTRIBUTES_HELP = (
    'Optional free attributes as a JSON object, e.g. {"beds": 40, "county": "Riverside"}; '
    "values are text, numbers or true/false."
)


def _enum(
    name: str,
    cls: type[enum.Enum],
    help_: str,
    *,
    required: bool = False,
    exclude: tuple[str, ...] = (),
) -> Column:
    choices = choices_of(cls, exclude=exclude)
    return Column(name, ColumnType.ENUM, help_, required=required, choices=choices)


def _address(prefix: str) -> tuple[Column, ...]:
    return (
        Column("address", ColumnType.TEXT, f"Street address of the {prefix}."),
        Column("city", ColumnType.TEXT, "City or town."),
        Column("state", ColumnType.TEXT, "State, province or region."),
        Column(
            "postal_code", ColumnType.TEXT, "Postal or ZIP code, kept as text (007 stays 007)."
        ),
        Column("country", ColumnType.TEXT, "Country."),
        Column(
            "latitude",
            ColumnType.NUMBER,
            "Latitude in decimal degrees (WGS84), -90 to 90; give it with longitude or not at all.",
            low=-90.0,
            high=90.0,
        ),
        Column(
            "longitude",
            ColumnType.NUMBER,
            "Longitude in decimal degrees (WGS84), -180 to 180; give it with latitude.",
            low=-180.0,
            high=180.0,
        ),
    )


#: Every table, its columns in file order. Ids of agencies, groups and actors share one space.
TABLES: dict[str, tuple[Column, ...]] = {
    "agencies": (
        Column(
            "id",
            ColumnType.ID,
            "Unique id of the agency (any text; unique across agencies, groups and actors).",
            required=True,
        ),
        Column("name", ColumnType.TEXT, "Name of the agency.", required=True),
        _enum("sector", Sector, "The agency's field of service.", required=True),
        *_address("agency"),
        Column("location_name", ColumnType.TEXT, "Name of the agency's site, if it has one."),
        Column("attributes", ColumnType.JSON, _ATTRIBUTES_HELP),
        Column(
            "has_location",
            ColumnType.FLAG,
            "true: the agency has a location even though every address cell is empty. "
            "Leave out or empty: it has one exactly when an address cell is filled.",
            template=False,
        ),
    ),
    "groups": (
        Column(
            "id",
            ColumnType.ID,
            "Unique id of the self-help group (unique across agencies, groups and actors).",
            required=True,
        ),
        Column("name", ColumnType.TEXT, "Name of the group.", required=True),
        _enum(
            "group_type",
            GroupType,
            "Kind of self-help or peer organization (SAMHSA; Delman 2014).",
            required=True,
        ),
        Column("fellowship", ColumnType.TEXT, 'The fellowship, e.g. "AA", "SMART Recovery".'),
        _enum("focus", Focus, "What the group is about; empty if not known."),
        _enum("approach", Approach, "Whether the group follows the twelve steps."),
        _enum(
            "meeting_place",
            MeetingPlace,
            "Where the group meets (relational-therapeutic continuum).",
        ),
        _enum("admission", Admission, "Who decides who joins (continuum dimension)."),
        _enum("timing", Timing, "Open-ended or fixed-term (continuum dimension)."),
        _enum("facilitation", Facilitation, "Who leads the meetings (continuum dimension)."),
        Column("attributes", ColumnType.JSON, _ATTRIBUTES_HELP),
        Column(
            "activities",
            ColumnType.TEXT,
            "What the group offers, separated by ';': "
            + ", ".join(choices_of(Activity))
            + ". Empty: none recorded.",
        ),
    ),
    "group_locations": (
        Column(
            "group_id",
            ColumnType.REF,
            "Id of the group (sheet groups) that meets here; one row per place.",
            required=True,
        ),
        Column(
            "position",
            ColumnType.POSITION,
            "Optional check: 1 for the group's first location row, 2 for its second, ... "
            "(meetings name a location by this number).",
        ),
        *_address("place"),
        Column("name", ColumnType.TEXT, 'Name of the place, e.g. "St. Mary\'s church hall".'),
    ),
    "meetings": (
        Column(
            "group_id",
            ColumnType.REF,
            "Id of the group (sheet groups); one row per weekly meeting.",
            required=True,
        ),
        _enum("day", Weekday, "Day of the week.", required=True),
        Column("start", ColumnType.TIME, "Local start time as HH:MM (24 hours).", required=True),
        Column("end", ColumnType.TIME, "Local end time as HH:MM."),
        Column("timezone", ColumnType.TEXT, 'IANA time zone, e.g. "America/Toronto".'),
        Column(
            "location",
            ColumnType.POSITION,
            "Where: the number of the group's location (1 = its first row in group_locations).",
        ),
    ),
    "actors": (
        Column(
            "id",
            ColumnType.ID,
            "Unique id of the community actor (unique across agencies, groups and actors).",
            required=True,
        ),
        Column("name", ColumnType.TEXT, "Name of the community actor.", required=True),
        _enum(
            "kind",
            ActorKind,
            "Part of the institutional environment a joint initiative addresses.",
            required=True,
        ),
        Column("attributes", ColumnType.JSON, _ATTRIBUTES_HELP),
    ),
    "exchanges": (
        Column(
            "source",
            ColumnType.REF,
            "Id of the agency, group or actor the flow comes from.",
            required=True,
        ),
        _enum(
            "source_role",
            Role,
            "If the source is an agency: the subunit involved (must be the kind's subunit); "
            "empty for the agency as a whole or for a group.",
        ),
        Column(
            "target",
            ColumnType.REF,
            "Id of the agency, group or actor the flow goes to.",
            required=True,
        ),
        _enum("target_role", Role, "If the target is an agency: the subunit, as source_role."),
        _enum(
            "kind",
            ExchangeKind,
            "Kind of exchange (this library's catalogue): the 'kinds' sheet gives each kind's "
            "subunit, direction, definition and what its weight counts. Joint initiatives go in "
            "the initiatives sheets instead.",
            required=True,
            exclude=(ExchangeKind.JOINT_INITIATIVE.value,),
        ),
        Column(
            "weight",
            ColumnType.WEIGHT,
            "For referral, facilitated_introduction, peer_bridging, attendance, in_reach: the "
            "number of clients (counts under 11 are hidden in reports). Otherwise how often or "
            "how much (see the kinds sheet). A number >= 0; empty means 1.",
        ),
        Column("start", ColumnType.DATE, "First date of the exchange as YYYY-MM-DD."),
        Column("end", ColumnType.DATE, "Last date of the exchange as YYYY-MM-DD."),
        Column("attributes", ColumnType.JSON, _ATTRIBUTES_HELP),
    ),
    "initiatives": (
        Column("id", ColumnType.ID, "Unique id of the joint initiative.", required=True),
        _enum("kind", InitiativeKind, "Kind of joint activity.", required=True),
        Column("date", ColumnType.DATE, "Date as YYYY-MM-DD."),
        Column("name", ColumnType.TEXT, "Name of the initiative."),
        Column("attributes", ColumnType.JSON, _ATTRIBUTES_HELP),
    ),
    "initiative_sponsors": (
        Column(
            "initiative_id",
            ColumnType.REF,
            "Id of the initiative (sheet initiatives); one row per sponsor.",
            required=True,
        ),
        Column(
            "sponsor",
            ColumnType.REF,
            "Id of an agency or group that sponsors it.",
            required=True,
        ),
    ),
    "initiative_audiences": (
        Column(
            "initiative_id",
            ColumnType.REF,
            "Id of the initiative (sheet initiatives); one row per audience.",
            required=True,
        ),
        Column(
            "audience",
            ColumnType.REF,
            "Id of a community actor (sheet actors) the initiative addresses.",
            required=True,
        ),
    ),
    "observations": (
        Column(
            "subject",
            ColumnType.REF,
            "Id of the agency, group or community actor observed.",
            required=True,
        ),
        Column(
            "measure",
            ColumnType.TEXT,
            "What was measured, as a short name (attitude_score, media_mentions, "
            "court_referrals; partner_trust or partner_value for 1-4 partner ratings).",
            required=True,
        ),
        Column("value", ColumnType.NUMBER, "The value (a number).", required=True),
        Column("date", ColumnType.DATE, "Date of the observation as YYYY-MM-DD.", required=True),
        Column("source", ColumnType.TEXT, "Where the value comes from (a survey, a file)."),
        Column(
            "rater",
            ColumnType.REF,
            "For a rating: id of the agency, group or actor that gave it.",
        ),
        Column("attributes", ColumnType.JSON, _ATTRIBUTES_HELP),
    ),
    "self_assessment": (
        Column(
            "item_id",
            ColumnType.REF,
            "Id of a self-assessment item (the template lists them all); one row per item.",
            required=True,
        ),
        Column("section", ColumnType.TEXT, "The item's section (for reading; not checked)."),
        Column("question", ColumnType.TEXT, "The item (for reading; not checked)."),
        Column(
            "answer",
            ColumnType.ENUM,
            "Your answer for an answered item; leave empty for an item computed from the data.",
            choices=("yes", "partly", "no", "unknown"),
        ),
        Column(
            "evidence",
            ColumnType.TEXT,
            "What the answer rests on (a document, a meeting, a count); notes on computed items.",
        ),
    ),
}


def table_names() -> tuple[str, ...]:
    """The table names, in file order."""
    return tuple(TABLES)


# ---------------------------------------------------------------------- companion tables
# Tables that travel in the same workbook or CSV folder as a network's tables but belong to
# another reader (the network reader skips them, their own reader reads them). Each block is
# self-contained, so other kinds of companion data can be added beside it.

#: Personal (ego-centred) networks: read by :func:`selfhelp_exchange.read_personal_networks`.
PERSONAL_NETWORK_TABLES: dict[str, tuple[Column, ...]] = {
    "alters": (
        Column(
            "ego_id",
            ColumnType.REF,
            "Pseudonymous id of the person whose network this is (the ego); one row per "
            "ego, wave and alter.",
            required=True,
        ),
        Column(
            "wave",
            ColumnType.TEXT,
            'When the network was recorded: a label ("baseline", "12 months") or a date.',
            required=True,
        ),
        Column(
            "alter_id",
            ColumnType.REF,
            "Id of a person the ego named (the alter), unique within the ego's network; use "
            "the same id in every wave for the same person.",
            required=True,
        ),
        _enum(
            "relation",
            Relation,
            "How the alter is related to the ego (peer: a fellow member of a self-help group "
            "or RLC; community: neighbours, co-workers, faith, clubs).",
            required=True,
        ),
        Column(
            "strength",
            ColumnType.NUMBER,
            "How close the tie is, on the study's own scale (0 to 100).",
            low=0.0,
            high=100.0,
        ),
        Column(
            "contact_frequency",
            ColumnType.NUMBER,
            "How often the ego is in contact with the alter, in contacts per month (0 to 1000).",
            low=0.0,
            high=1000.0,
        ),
        Column(
            "supportive",
            ColumnType.FLAG,
            "true: the tie is mutually supportive; false: it is not; empty: not asked.",
        ),
        Column("attributes", ColumnType.JSON, _ATTRIBUTES_HELP),
    ),
    "alter_ties": (
        Column(
            "ego_id",
            ColumnType.REF,
            "The ego (sheet alters) whose alters know each other.",
            required=True,
        ),
        Column("wave", ColumnType.TEXT, "The wave (as in sheet alters).", required=True),
        Column(
            "alter_a",
            ColumnType.REF,
            "One alter of the ego in that wave; one row per pair of alters who know each other.",
            required=True,
        ),
        Column("alter_b", ColumnType.REF, "The other alter of the pair.", required=True),
    ),
    "egos": (
        Column("ego_id", ColumnType.ID, "Pseudonymous id of the ego.", required=True),
        Column(
            "agency",
            ColumnType.REF,
            "Id of the agency (sheet agencies) the ego is a client of; empty if none.",
        ),
        Column(
            "groups",
            ColumnType.TEXT,
            "Ids of the groups (sheet groups) the ego attends, separated by ';'.",
        ),
        Column("attributes", ColumnType.JSON, _ATTRIBUTES_HELP),
    ),
}

#: Every companion table, by name.
COMPANION_TABLES: dict[str, tuple[Column, ...]] = {**PERSONAL_NETWORK_TABLES}


def blank_columns(
    tables: dict[str, tuple[Column, ...]],
) -> dict[str, dict[str, npt.NDArray[np.object_]]]:
    """Tables with no record: the columns a blank template shows, each empty."""
    return {
        t: {c.name: np.empty(0, dtype=object) for c in cols if c.template}
        for t, cols in tables.items()
    }


def known_table(name: str) -> bool:
    """Whether ``name`` is a table of the network or a companion table."""
    return name in TABLES or name in COMPANION_TABLES


def layout(table: str) -> tuple[Column, ...]:
    """The columns of a network table or of a companion table."""
    return TABLES[table] if table in TABLES else COMPANION_TABLES[table]
