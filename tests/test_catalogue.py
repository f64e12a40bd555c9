"""The exchange catalogue: every kind documented, its source honest about what it claims."""

from __future__ import annotations

import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.catalogue import Direction, ExchangeKind, adaptational_kinds, kinds_for

B, P, C = shx.Role.BOARD, shx.Role.PRACTITIONERS, shx.Role.CLIENTS
G2A, A2G = Direction.GROUP_TO_AGENCY, Direction.AGENCY_TO_GROUP

# the documented catalogue, written out: kind -> (subunit, usual direction)
EXPECTED_ADAPTATIONAL = {
    "board_seat": (B, G2A),
    "policy_support": (B, A2G),
    "resource_support": (B, A2G),
    "referral": (P, A2G),
    "facilitated_introduction": (P, A2G),
    "information": (P, Direction.EITHER),
    "consultation": (P, Direction.EITHER),
    "staff_education": (P, G2A),
    "meeting_space": (C, A2G),
    "in_reach": (C, G2A),
    "peer_bridging": (C, G2A),
    "attendance": (C, A2G),
}


@pytest.mark.parametrize("kind", list(ExchangeKind), ids=lambda k: k.value)
def test_every_kind_carries_theory_role_direction_definition_and_source(kind) -> None:
    assert isinstance(kind.theory, shx.Theory)
    assert kind.role is None or isinstance(kind.role, shx.Role)
    assert isinstance(kind.direction, Direction)
    assert isinstance(kind.definition, str)
    assert len(kind.definition) > 20
    assert kind.definition.endswith(".")
    assert "Powell & Perron (2010)" in kind.source
    if kind.theory is shx.Theory.ADAPTATIONAL:
        # the paper names the subunits, not these kinds: the source must say whose list it is
        assert kind.source.startswith("this library's operationalisation of the subunits")
    assert kind.value == kind.value.lower()
    assert ExchangeKind(kind.value) is kind


def test_the_adaptational_kinds_are_the_twelve_of_the_design() -> None:
    got = adaptational_kinds()
    assert len(got) == 12
    assert [k.value for k in got] == list(EXPECTED_ADAPTATIONAL)
    for k in got:
        assert k.theory is shx.Theory.ADAPTATIONAL
        assert (k.role, k.direction) == EXPECTED_ADAPTATIONAL[k.value], k.value


def test_joint_initiative_is_the_one_institutional_agency_level_kind() -> None:
    institutional = kinds_for(theory="institutional")
    assert institutional == (ExchangeKind.JOINT_INITIATIVE,)
    k = ExchangeKind.JOINT_INITIATIVE
    assert k.role is None
    assert k.direction is Direction.MUTUAL
    assert len(ExchangeKind) == 13


def test_active_kinds_cite_public_health_england_for_what_it_says() -> None:
    # PHE (2013) describes services promoting and hosting meetings and facilitating access;
    # it does not mention peer bridging, so that kind does not cite it
    for k in (ExchangeKind.FACILITATED_INTRODUCTION, ExchangeKind.MEETING_SPACE):
        assert "Public Health England (2013)" in k.source
        assert "hosting local meetings" in k.source
    assert "Public Health England" not in ExchangeKind.PEER_BRIDGING.source


def test_codes_are_stable_positions() -> None:
    assert [k.code for k in ExchangeKind] == list(range(13))
    assert ExchangeKind.BOARD_SEAT.code == 0
    assert ExchangeKind.REFERRAL.code == 3
    for k in ExchangeKind:
        assert ExchangeKind.from_code(k.code) is k


def test_kinds_for_a_subunit() -> None:
    assert [k.value for k in kinds_for(role="board")] == [
        "board_seat",
        "policy_support",
        "resource_support",
    ]
    assert len(kinds_for(role=shx.Role.PRACTITIONERS)) == 5
    assert [k.value for k in kinds_for(role="clients")] == [
        "meeting_space",
        "in_reach",
        "peer_bridging",
        "attendance",
    ]
    assert kinds_for(theory="institutional", role="board") == ()
    assert kinds_for() == tuple(ExchangeKind)


def test_kinds_for_an_unknown_theory_raises_the_librarys_error() -> None:
    with pytest.raises(shx.SelfHelpExchangeError, match="adaptational"):
        kinds_for(theory="bogus")
