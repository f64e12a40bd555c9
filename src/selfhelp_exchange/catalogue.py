"""The exchange catalogue: every kind of flow between an agency and a self-help group.

Each kind carries its theory (adaptational or institutional), the agency subunit it touches
(or none, for agency-level kinds), its usual direction, a one-line definition and its source.
The two lenses (adaptational exchange with an agency's board, practitioner and client units;
institutional exchange through joint agency/self-help initiatives) are Powell & Perron's
(2010). The kinds themselves are this library's operationalisation of those subunits: the
paper's abstract names the lenses and the subunits, not a list of exchanges. Its ``source``
says so for every kind.

References
----------
.. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance use
   agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3), 315-329.
.. [2] Public Health England (2013). *Facilitating access to mutual aid: three essential stages
   for helping clients access appropriate mutual aid support*. London: PHE.
"""

from __future__ import annotations

import enum
from typing import Self

from selfhelp_exchange.vocabulary import Role, Theory, coerce_enum

__all__ = ["PERSON_COUNT_KINDS", "Direction", "ExchangeKind", "adaptational_kinds", "kinds_for"]

_PP2010 = (
    "this library's operationalisation of the subunits of Powell & Perron (2010), "
    "Substance Use & Misuse 45(3):315-329"
)
_PP2010_INSTITUTIONAL = (
    "Powell & Perron (2010), Substance Use & Misuse 45(3):315-329: joint agency/self-help "
    "initiatives (institutional theory)"
)
_PHE2013 = (
    f"{_PP2010}; Public Health England (2013), Facilitating access to mutual aid: a more "
    "active approach (services promoting and hosting local meetings, structured conversations "
    "with clients) is usually more effective than information alone"
)


class Direction(enum.StrEnum):
    """The usual direction of a kind of exchange (not enforced: flows run both ways in life).

    Examples
    --------
    >>> from selfhelp_exchange import ExchangeKind
    >>> ExchangeKind.BOARD_SEAT.direction.value, ExchangeKind.INFORMATION.direction.value
    ('group_to_agency', 'either')
    """

    GROUP_TO_AGENCY = "group_to_agency"
    AGENCY_TO_GROUP = "agency_to_group"
    EITHER = "either"
    MUTUAL = "mutual"


class ExchangeKind(enum.StrEnum):
    """The catalogue of exchange kinds.

    Every member has ``theory`` (:class:`Theory`), ``role`` (the :class:`Role` it touches, or
    None for an agency-level kind), ``direction`` (:class:`Direction`), ``definition`` and
    ``source``, and a stable integer ``code`` used in the columnar exchange arrays.

    Examples
    --------
    >>> from selfhelp_exchange import ExchangeKind, Role
    >>> ExchangeKind.REFERRAL.role is Role.PRACTITIONERS
    True
    >>> ExchangeKind("board_seat").theory.value
    'adaptational'
    """

    theory: Theory
    role: Role | None
    direction: Direction
    definition: str
    source: str
    code: int

    def __new__(
        cls,
        value: str,
        theory: Theory,
        role: Role | None,
        direction: Direction,
        definition: str,
        source: str,
    ) -> Self:
        """Create a member from its value and catalogue metadata (enum machinery calls this)."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.theory = theory
        member.role = role
        member.direction = direction
        member.definition = definition
        member.source = source
        member.code = len(cls.__members__)
        return member

    BOARD_SEAT = (
        "board_seat",
        Theory.ADAPTATIONAL,
        Role.BOARD,
        Direction.GROUP_TO_AGENCY,
        "A group member sits on the agency's board or its advisory committee.",
        _PP2010,
    )
    POLICY_SUPPORT = (
        "policy_support",
        Theory.ADAPTATIONAL,
        Role.BOARD,
        Direction.AGENCY_TO_GROUP,
        "The board adopts a policy that supports self-help (referral, space, staff time).",
        _PP2010,
    )
    RESOURCE_SUPPORT = (
        "resource_support",
        Theory.ADAPTATIONAL,
        Role.BOARD,
        Direction.AGENCY_TO_GROUP,
        "The agency gives the group money or in-kind resources.",
        _PP2010,
    )
    REFERRAL = (
        "referral",
        Theory.ADAPTATIONAL,
        Role.PRACTITIONERS,
        Direction.AGENCY_TO_GROUP,
        "Staff refer clients to the group (passive: information and encouragement).",
        _PP2010,
    )
    FACILITATED_INTRODUCTION = (
        "facilitated_introduction",
        Theory.ADAPTATIONAL,
        Role.PRACTITIONERS,
        Direction.AGENCY_TO_GROUP,
        "Staff actively connect a client: a call, a meeting with a member, going along.",
        _PHE2013,
    )
    INFORMATION = (
        "information",
        Theory.ADAPTATIONAL,
        Role.PRACTITIONERS,
        Direction.EITHER,
        "Meeting lists, literature or talks about the group or the agency.",
        _PP2010,
    )
    CONSULTATION = (
        "consultation",
        Theory.ADAPTATIONAL,
        Role.PRACTITIONERS,
        Direction.EITHER,
        "Advice on a case, on the group's running, or on lived experience.",
        _PP2010,
    )
    STAFF_EDUCATION = (
        "staff_education",
        Theory.ADAPTATIONAL,
        Role.PRACTITIONERS,
        Direction.GROUP_TO_AGENCY,
        "Members teach staff, or staff attend open meetings to learn.",
        _PP2010,
    )
    MEETING_SPACE = (
        "meeting_space",
        Theory.ADAPTATIONAL,
        Role.CLIENTS,
        Direction.AGENCY_TO_GROUP,
        "The agency hosts the group's meetings on its premises.",
        _PHE2013,
    )
    IN_REACH = (
        "in_reach",
        Theory.ADAPTATIONAL,
        Role.CLIENTS,
        Direction.GROUP_TO_AGENCY,
        "Members carry a meeting or a panel into the agency.",
        _PP2010,
    )
    PEER_BRIDGING = (
        "peer_bridging",
        Theory.ADAPTATIONAL,
        Role.CLIENTS,
        Direction.GROUP_TO_AGENCY,
        "Members accompany clients to their first meetings.",
        _PP2010,
    )
    ATTENDANCE = (
        "attendance",
        Theory.ADAPTATIONAL,
        Role.CLIENTS,
        Direction.AGENCY_TO_GROUP,
        "The agency's clients take part in the group.",
        _PP2010,
    )
    JOINT_INITIATIVE = (
        "joint_initiative",
        Theory.INSTITUTIONAL,
        None,
        Direction.MUTUAL,
        "Agency and group sponsor a joint initiative (derived from an Initiative).",
        _PP2010_INSTITUTIONAL,
    )

    @classmethod
    def from_code(cls, code: int) -> ExchangeKind:
        """The kind whose integer ``code`` this is."""
        return _BY_CODE[code]


_BY_CODE: tuple[ExchangeKind, ...] = tuple(ExchangeKind)


def adaptational_kinds() -> tuple[ExchangeKind, ...]:
    """The kinds of the adaptational lens, K_A, in catalogue order.

    Examples
    --------
    >>> from selfhelp_exchange import adaptational_kinds
    >>> kinds = adaptational_kinds()
    >>> len(kinds), kinds[0].value, "joint_initiative" in kinds
    (12, 'board_seat', False)
    """
    return tuple(k for k in ExchangeKind if k.theory is Theory.ADAPTATIONAL)


def kinds_for(
    *, theory: Theory | str | None = None, role: Role | str | None = None
) -> tuple[ExchangeKind, ...]:
    """The kinds of a theory and/or touching a subunit, in catalogue order.

    Examples
    --------
    >>> from selfhelp_exchange.catalogue import kinds_for
    >>> [k.value for k in kinds_for(role="board")]
    ['board_seat', 'policy_support', 'resource_support']
    """
    th = coerce_enum(Theory, theory, "theory") if theory is not None else None
    ro = coerce_enum(Role, role, "role") if role is not None else None
    return tuple(
        k for k in ExchangeKind if (th is None or k.theory is th) and (ro is None or k.role is ro)
    )


#: Exchange kinds whose weight counts people (clients referred, introduced, bridged, attending,
#: reached in-house): the counts :mod:`selfhelp_exchange.people` and the small-cell rules of
#: :mod:`selfhelp_exchange.privacy` are about (this library's reading of the catalogue).
PERSON_COUNT_KINDS: tuple[ExchangeKind, ...] = (
    ExchangeKind.REFERRAL,
    ExchangeKind.FACILITATED_INTRODUCTION,
    ExchangeKind.PEER_BRIDGING,
    ExchangeKind.ATTENDANCE,
    ExchangeKind.IN_REACH,
)
