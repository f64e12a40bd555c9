"""summarize(): every count checked against a network small enough to count by hand."""

from __future__ import annotations

import re

import pytest

import selfhelp_exchange as shx

B, P, C = shx.Role.BOARD, shx.Role.PRACTITIONERS, shx.Role.CLIENTS


def hand_network() -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        agencies=[
            shx.Agency("A1", "Counselling", sector="mental_health"),
            shx.Agency("A2", "Harbor", sector="substance_use"),
        ],
        groups=[
            shx.SelfHelpGroup(
                "G1", "AA", "mutual_help", focus="substance_use", approach="twelve_step"
            ),
            shx.SelfHelpGroup("G2", "Skills", "supported_self_help", focus="mental_health"),
            shx.SelfHelpGroup("G3", "Voices", "consumer_advocacy", approach="other"),
        ],
        actors=[
            shx.CommunityActor("M1", "Courier", "media"),
            shx.CommunityActor("P1", "Residents", "public"),
        ],
        exchanges=[
            shx.Exchange(("A1", P), "G1", "referral", weight=5, start="2024-01-01", end="2024-03-31"),
            shx.Exchange(("A1", P), "G1", "referral", weight=7, start="2024-04-01", end="2024-06-30"),
            shx.Exchange("G1", ("A1", B), "board_seat", start="2024-02-01"),
            shx.Exchange("A2", "G2", "meeting_space"),
            shx.Exchange("G2", ("A2", C), "in_reach", weight=2.5, end="2024-12-31"),
            # between two groups: no agency end, so no subunit touched
            shx.Exchange("G1", "G2", "information", start="2023-06-01", end="2023-06-01"),
        ],
        initiatives=[
            shx.Initiative("I1", "recovery_event", ["A1", "G1", "G3"], ["M1"], "2024-09-15"),
            shx.Initiative("I2", "advocacy", ["G3"], ["P1"], "2025-01-10"),
            shx.Initiative("I3", "media", ["A2"], ["M1"]),
            shx.Initiative("I4", "media", ["A1", "A2", "G2"], date="2024-12-01"),
        ],
    )  # fmt: skip


def section(text: str, heading: str) -> list[list[str]]:
    """The rows under a heading, each split into its cells (cells are 2+ spaces apart)."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    rows = []
    for line in lines[start:]:
        if not line.strip():
            break
        rows.append(re.split(r"\s{2,}", line.strip()))
    return rows


@pytest.fixture(scope="module")
def text() -> str:
    return shx.summarize(hand_network(), title="Hand count")


def test_title_and_totals(text) -> None:
    lines = text.splitlines()
    assert lines[:3] == [
        "Hand count",
        "==========",
        "2 agencies, 3 self-help groups, 2 community actors, 6 exchanges, 4 initiatives",
    ]
    assert shx.summarize(hand_network()).splitlines()[0] == lines[2]


def test_node_counts_list_every_category_and_unknowns(text) -> None:
    assert section(text, "Agencies by sector") == [
        ["mental_health", "1"],
        ["substance_use", "1"],
        ["co_occurring", "0"],
        ["other", "0"],
    ]
    assert section(text, "Self-help groups by type") == [
        ["mutual_help", "1"],
        ["supported_self_help", "1"],
        ["consumer_operated_service", "0"],
        ["peer_support_service", "0"],
        ["recovery_learning_community", "0"],
        ["consumer_advocacy", "1"],
    ]
    assert section(text, "Self-help groups by approach") == [
        ["twelve_step", "1"],
        ["non_twelve_step", "0"],
        ["other", "1"],
        ["unknown", "1"],
    ]
    assert section(text, "Self-help groups by focus") == [
        ["substance_use", "1"],
        ["mental_health", "1"],
        ["co_occurring", "0"],
        ["family", "0"],
        ["unknown", "1"],
    ]
    actors = dict(section(text, "Community actors by kind"))
    assert actors == {k.value: "0" for k in shx.ActorKind} | {"media": "1", "public": "1"}


def test_exchanges_by_kind_theory_and_subunit(text) -> None:
    rows = section(text, "Exchanges by kind")
    assert rows[0] == ["kind", "theory", "subunit", "exchanges", "weight"]
    by_kind = {r[0]: r[1:] for r in rows[1:]}
    assert len(by_kind) == 13
    assert by_kind["referral"] == ["adaptational", "practitioners", "2", "12"]
    assert by_kind["board_seat"] == ["adaptational", "board", "1", "1"]
    assert by_kind["meeting_space"] == ["adaptational", "clients", "1", "1"]
    assert by_kind["in_reach"] == ["adaptational", "clients", "1", "2.50"]
    assert by_kind["information"] == ["adaptational", "practitioners", "1", "1"]
    assert by_kind["attendance"] == ["adaptational", "clients", "0", "0"]
    # I1: A1 with G1 and G3; I4: A1 and A2 with G2; I2 and I3 have no agency-group pair
    assert by_kind["joint_initiative (derived)"] == ["institutional", "agency", "4", "4"]
    assert section(text, "Exchanges by theory") == [
        ["theory", "recorded", "derived from initiatives"],
        ["adaptational", "6", "0"],
        ["institutional", "0", "4"],
    ]
    assert section(text, "Exchanges by agency subunit touched") == [
        ["board", "1"],
        ["practitioners", "2"],
        ["clients", "2"],
        ["none (no agency end)", "1"],
    ]


def test_dates(text) -> None:
    assert section(text, "Dates") == [
        ["exchanges", "2023-06-01 to 2024-12-31"],
        ["dated", "5"],
        ["undated", "1"],
        ["open-ended (a start, no end)", "1"],
        ["initiatives", "2024-09-15 to 2025-01-10"],
        ["undated", "1"],
    ]


def test_initiatives(text) -> None:
    assert section(text, "Initiatives") == [
        ["initiatives", "4"],
        ["joint (agency and group sponsors)", "2"],
        ["agencies alone", "1"],
        ["groups alone", "1"],
    ]
    assert section(text, "Initiatives by kind") == [
        ["kind", "all", "joint"],
        ["media", "2", "1"],
        ["advocacy", "1", "0"],
        ["recovery_event", "1", "1"],
    ]


def test_linked_groups_count_exchanges_in_either_direction(text) -> None:
    assert section(text, "Groups linked to each agency (any exchange, either direction)") == [
        ["A1", "Counselling (mental_health): 1 group: G1"],
        ["A2", "Harbor (substance_use): 1 group: G2"],
    ]


def test_linked_groups_are_named_up_to_twelve_and_always_counted() -> None:
    groups = [shx.SelfHelpGroup(f"G{i:02d}", f"Group {i}", "mutual_help") for i in range(15)]
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "Busy"), shx.Agency("A2", "Quiet")],
        groups=groups,
        exchanges=[shx.Exchange(g.id, "A1", "attendance") for g in reversed(groups)]
        + [shx.Exchange("A1", "G03", "referral")],
    )
    rows = section(
        shx.summarize(net), "Groups linked to each agency (any exchange, either direction)"
    )
    assert rows == [
        ["A1", "Busy (other): 15 groups: " + ", ".join(f"G{i:02d}" for i in range(12)) + ", ... and 3 more"],
        ["A2", "Quiet (other): 0 groups: none"],
    ]  # fmt: skip


def test_an_empty_network_is_summarized_too() -> None:
    text = shx.summarize(shx.ExchangeNetwork())
    assert text.splitlines()[0] == (
        "0 agencies, 0 self-help groups, 0 community actors, 0 exchanges, 0 initiatives"
    )
    assert section(text, "Dates")[0] == ["exchanges", "no dates"]
    assert section(text, "Initiatives") == [["(none)"]]
    assert section(text, "Exchanges by agency subunit touched") == [
        ["board", "0"],
        ["practitioners", "0"],
        ["clients", "0"],
    ]
    assert text.endswith("(no agencies)")


def test_riverside_summary() -> None:
    net = shx.load_example("riverside")
    text = shx.summarize(net)
    linked = dict(section(text, "Groups linked to each agency (any exchange, either direction)"))
    assert (
        linked["A-HRT"]
        == "Harbor Recovery Services (substance_use): 3 groups: G-AA-TUE, G-NA, G-ALANON"
    )
    assert linked["A-BRG"].startswith("Bridgeway Integrated Care (co_occurring): 7 groups:")
    kinds = {r[0]: r for r in section(text, "Exchanges by kind")[1:]}
    assert sum(int(r[3]) for k, r in kinds.items() if "joint" not in k) == 86
    assert kinds["joint_initiative (derived)"][3] == "22"
    initiatives = dict(section(text, "Initiatives"))
    assert initiatives["joint (agency and group sponsors)"] == "6"
    assert initiatives["agencies alone"] == "2"
