"""The items of the local mutual-aid self-assessment, its ratings and an evaluator's answers.

The sections and items are this library's, built on the stated aims of Public Health England's
mutual aid self-assessment tool (2013) and its guidance on the active approach; each item's
``source`` says which aim it serves, or that it is this library's own. They are not PHE's
wording. :func:`selfhelp_exchange.self_assessment` rates them (see
:mod:`selfhelp_exchange.selfassessment` for the rating rules and references); the evaluator
workbook's ``self_assessment`` sheet (:func:`template_rows`) collects the answers.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from selfhelp_exchange.catalogue import ExchangeKind

__all__ = [
    "ACTIVE_ROUTES",
    "ITEMS",
    "SECTIONS",
    "Answer",
    "AssessmentItem",
    "ItemAnswer",
    "Rating",
    "template_rows",
]


class Answer(enum.StrEnum):
    """An evaluator's answer to an answered item."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    UNKNOWN = "unknown"


class Rating(enum.StrEnum):
    """An item's or a section's rating."""

    MET = "met"
    PARTLY_MET = "partly met"
    NOT_MET = "not met"
    UNKNOWN = "unknown"


#: The routes that take a client to a group rather than telling them about it: hosting a
#: meeting, a facilitated introduction, members' in-reach, members going along to a first
#: meeting. PHE's guidance names the active approach (promoting and hosting meetings, structured
#: conversations, introductions); these kinds are this library's reading of it in the catalogue.
ACTIVE_ROUTES: tuple[ExchangeKind, ...] = (
    ExchangeKind.MEETING_SPACE,
    ExchangeKind.FACILITATED_INTRODUCTION,
    ExchangeKind.IN_REACH,
    ExchangeKind.PEER_BRIDGING,
)

#: The sections, in order: key and title.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("availability", "Availability and choice"),
    ("active_approach", "Keyworker practice of the active approach"),
    ("hosting", "Hosting and promotion"),
    ("family", "Family and affected others"),
    ("partnership", "Partnership with local groups and their members"),
    ("barriers", "Barriers"),
    ("monitoring", "Monitoring"),
)

_PHE_AIM_AVAILABILITY = "PHE (2013) tool's aim: understand the availability of mutual aid locally"
_PHE_AIM_CHOICE = (
    "PHE (2013) tool's aim: every client can access a mutual-aid programme of their choice"
)
_PHE_ACTIVE = "PHE (2013) guidance: the active approach"
_PHE_FAMILY = "PHE (2013) guidance: mutual aid for those affected (partners, family, friends)"
_PHE_BARRIERS = "PHE (2013) tool's aim: highlight potential barriers to overcome"
_PHE_LINKS = "PHE (2013) tool's aim: foster effective links between treatment and mutual aid"
_PHE_PLAN = "PHE (2013) tool's aim: a local action plan"
_LIBRARY = "this library's convention"
_POWELL_PERRON = "Powell & Perron (2010): institutional exchange"


@attrs.frozen
class AssessmentItem:
    """One item of the self-assessment.

    Attributes
    ----------
    id : str
    section : str
        A key of :data:`SECTIONS`.
    text : str
        The statement to rate.
    meets : str
        What would meet it (the action plan's "what would meet it").
    computed_from : str or None
        What a computed item is computed from; None for an answered item.
    source : str
        Which stated aim the item serves, or that it is this library's.
    """

    id: str
    section: str
    text: str
    meets: str
    computed_from: str | None
    source: str

    @property
    def computed(self) -> bool:
        """Whether the item is computed from the data (else the evaluator answers it)."""
        return self.computed_from is not None


def _item(
    id_: str, section: str, text: str, meets: str, source: str, computed_from: str | None = None
) -> AssessmentItem:
    return AssessmentItem(id_, section, text, meets, computed_from, source)


#: Every item, in order.
ITEMS: tuple[AssessmentItem, ...] = (
    _item(
        "AV1", "availability",
        "Both twelve-step and non-twelve-step mutual-aid groups for substance use are part of "
        "the local system.",
        "Record, or help start, a group of the missing approach (e.g. SMART Recovery beside "
        "AA/NA) and link it to the providers.",
        _PHE_AIM_CHOICE,
        "groups: approach and focus",
    ),
    _item(
        "AV2", "availability",
        "Every substance-use provider hosts or introduces clients to at least one twelve-step "
        "and one non-twelve-step group.",
        "Each provider named opens an active route (hosting, facilitated introduction, in-reach "
        "or peer bridging) to a group of the approach it lacks.",
        _PHE_AIM_CHOICE,
        "exchanges: active routes (meeting_space, facilitated_introduction, in_reach, "
        "peer_bridging) between substance-use providers and groups, by the group's approach",
    ),
    _item(
        "AV3", "availability",
        "An evening and a weekend meeting lie within reach of every substance-use provider.",
        "Find or help start an evening or weekend meeting near each provider named (or list an "
        "online one).",
        _PHE_AIM_AVAILABILITY,
        "availability(): meetings within the radius from 18:00 and at the weekend",
    ),
    _item(
        "AV4", "availability",
        "A current list of local mutual-aid meetings (day, time, place, kind) is kept and given "
        "to staff and clients.",
        "Keep a meeting list, check it at least quarterly, and put it in every service.",
        _PHE_AIM_AVAILABILITY,
    ),
    _item(
        "KP1", "active_approach",
        "Practitioners at every substance-use provider make facilitated introductions (a call, "
        "meeting a member, going along), not referral or information alone.",
        "Practitioners at each provider named introduce clients to members in person or by "
        "phone, not only refer or hand out a list.",
        _PHE_ACTIVE,
        "exchanges: facilitated_introduction from each substance-use provider's practitioners",
    ),
    _item(
        "KP2", "active_approach",
        "Keyworkers hold explicit, structured conversations with clients about mutual aid.",
        "Build a structured conversation about mutual aid into key-work sessions.",
        _PHE_ACTIVE,
    ),
    _item(
        "KP3", "active_approach",
        "Care plans hold goals about attending and engaging in mutual aid.",
        "Add mutual-aid goals to the care-plan template and review them in supervision.",
        _PHE_ACTIVE,
    ),
    _item(
        "KP4", "active_approach",
        "Staff at every substance-use provider learn about mutual aid from its members (talks, "
        "attending open meetings).",
        "Invite members to talk to the staff of each provider named; staff attend open meetings.",
        _LIBRARY,
        "exchanges: staff_education between groups and each substance-use provider",
    ),
    _item(
        "HP1", "hosting",
        "Every substance-use provider hosts at least one mutual-aid meeting on its premises.",
        "Each provider named offers a room to a local mutual-aid group.",
        _PHE_ACTIVE,
        "exchanges: meeting_space from each substance-use provider to a mutual-help group",
    ),
    _item(
        "HP2", "hosting",
        "Members carry meetings or panels into every substance-use provider (in-reach).",
        "Arrange in-reach panels or meetings by members at each provider named.",
        _PHE_ACTIVE,
        "exchanges: in_reach from groups to each substance-use provider",
    ),
    _item(
        "HP3", "hosting",
        "Services promote local meetings (notices, leaflets and meeting lists where clients see "
        "them).",
        "Put meeting lists and group literature in every waiting area and group room.",
        _PHE_ACTIVE,
    ),
    _item(
        "FA1", "family",
        "A family group (such as Al-Anon or a family support group) is part of the local system "
        "and linked to an agency.",
        "Link a family group to the providers (information, introductions, a room), or help one "
        "start.",
        _PHE_FAMILY,
        "groups with focus family, and their exchanges with agencies",
    ),
    _item(
        "FA2", "family",
        "Staff tell families and others affected about family groups and how to reach them.",
        "Give family members the family groups' details and offer an introduction.",
        _PHE_FAMILY,
    ),
    _item(
        "PA1", "partnership",
        "Every agency has a two-way relationship with at least one group (flows both ways).",
        "Each agency named asks a group it sends to for something back: a talk, advice, a seat.",
        _PHE_LINKS,
        "exchanges: reciprocity between each agency and its groups",
    ),
    _item(
        "PA2", "partnership",
        "Group members have a voice in the governance of every agency (a board or advisory "
        "seat).",
        "Each agency named invites a group member onto its board or an advisory committee.",
        _LIBRARY,
        "exchanges: board_seat at each agency",
    ),
    _item(
        "PA3", "partnership",
        "Members go along with clients to first meetings (peer bridging) at every substance-use "
        "provider.",
        "Agree with a group how members meet new clients and go with them to a first meeting.",
        _PHE_ACTIVE,
        "exchanges: peer_bridging from groups to each substance-use provider's clients",
    ),
    _item(
        "PA4", "partnership",
        "Every agency runs at least one joint initiative with a group (public education, media, "
        "advocacy, events, planning).",
        "Each agency named plans a joint initiative with a group for the coming year.",
        _POWELL_PERRON,
        "initiatives sponsored by an agency and a group together",
    ),
    _item(
        "PA5", "partnership",
        "Representatives of local mutual-aid groups and service users take part in planning the "
        "local recovery system.",
        "Invite group and service-user representatives to the partnership's planning meetings.",
        "PHE (2013) tool: completed with providers, service users and mutual-aid groups",
    ),
    _item(
        "BA1", "barriers",
        "No agency is cut off from self-help groups (every agency has at least one adaptational "
        "exchange).",
        "Each agency named starts with one link: information, a referral route, a visit.",
        _PHE_BARRIERS,
        "exchanges: any adaptational exchange at each agency",
    ),
    _item(
        "BA2", "barriers",
        "The barriers clients meet (transport, childcare, meeting times, stigma, no group of "
        "their choice) are known.",
        "Ask clients and groups what stops people attending; record it with this assessment.",
        _PHE_BARRIERS,
    ),
    _item(
        "BA3", "barriers",
        "Staff attitudes or beliefs that hold back mutual aid are known and addressed.",
        "Survey staff views of mutual aid; address what the survey shows in training.",
        _PHE_BARRIERS,
    ),
    _item(
        "MO1", "monitoring",
        "Services record whether clients are introduced to and attend mutual aid, and review it.",
        "Record introductions and attendance in the case record and review them quarterly.",
        _LIBRARY,
    ),
    _item(
        "MO2", "monitoring",
        "Linkage is recorded over time (every exchange carries its dates).",
        "Date every exchange recorded, so that change can be followed.",
        _LIBRARY,
        "exchanges: share with a start date",
    ),
    _item(
        "MO3", "monitoring",
        "The outcomes joint initiatives aim at are observed before and after them (community "
        "acceptance, agency credibility).",
        "Observe an outcome measure (an attitude survey, media items, partners' ratings) before "
        "and after each joint initiative.",
        _POWELL_PERRON,
        "observations within a year before and after each dated joint initiative",
    ),
    _item(
        "MO4", "monitoring",
        "The partnership keeps an action plan from this self-assessment, with owners and dates, "
        "and reviews it at least yearly.",
        "Fill in the owner and due-date columns of this action plan and set a review date.",
        _PHE_PLAN,
    ),
)  # fmt: skip


_SECTION_TITLE = dict(SECTIONS)


def _to_answer(value: Any) -> Answer | None:
    return None if value is None else Answer(value)


@attrs.frozen
class ItemAnswer:
    """An evaluator's answer to one item, with the evidence it rests on."""

    answer: Answer | None = attrs.field(default=None, converter=_to_answer)
    evidence: str | None = None


def template_rows() -> list[dict[str, str]]:
    """The rows of the blank ``self_assessment`` sheet: every item, answers left empty."""
    return [
        {
            "item_id": i.id,
            "section": _SECTION_TITLE[i.section],
            "question": i.text
            + (
                f" [computed from the data: {i.computed_from}; leave the answer empty]"
                if i.computed
                else ""
            ),
            "answer": "",
            "evidence": "",
        }
        for i in ITEMS
    ]
