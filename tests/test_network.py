"""ExchangeNetwork: its rules, both constructors, windows, layers, selection and networkx view."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange._network_columns import _date_column, _kind_column, _role_column
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.network import NO_ROLE
from selfhelp_exchange.record_fields import ISO_DATE
from tests.strategies import networks, simple_ids

# property tests here check bookkeeping, not id handling: plain ids keep them fast
FAST = settings(max_examples=15)

B, P, C = shx.Role.BOARD, shx.Role.PRACTITIONERS, shx.Role.CLIENTS


def small_nodes():
    agencies = [
        shx.Agency("A1", "Riverside Counselling", sector="mental_health", attributes={"beds": 4}),
        shx.Agency("A2", "Harbor Recovery", sector="substance_use"),
    ]
    groups = [
        shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help", fellowship="AA"),
        shx.SelfHelpGroup("G2", "SMART", "mutual_help", approach="non_twelve_step"),
    ]
    actors = [shx.CommunityActor("M1", "Courier", "media")]
    return agencies, groups, actors


def small_network() -> shx.ExchangeNetwork:
    agencies, groups, actors = small_nodes()
    exchanges = [
        shx.Exchange(("A1", P), "G1", "referral", weight=5, start="2024-01-01", end="2024-03-31"),
        shx.Exchange("G1", ("A1", B), "board_seat", start="2024-02-01"),
        shx.Exchange("A2", "G2", "meeting_space", attributes={"room": "2"}),
        shx.Exchange("G2", ("A2", C), "in_reach", weight=3, end="2024-06-30"),
    ]
    initiatives = [
        shx.Initiative("I1", "recovery_event", ["A1", "G1", "G2"], ["M1"], "2024-09-15"),
        shx.Initiative("I2", "advocacy", ["G1", "A2", "A1"], date="2025-01-10"),
        shx.Initiative("I3", "media", ["A1"], ["M1"]),
    ]
    return shx.ExchangeNetwork(agencies, groups, actors, exchanges, initiatives)


# ---------------------------------------------------------------------------- the rules


def test_every_problem_is_reported_at_once_naming_each_offending_record() -> None:
    agencies, groups, actors = small_nodes()
    groups.append(shx.SelfHelpGroup("A1", "A group reusing an agency's id", "mutual_help"))
    exchanges = [
        shx.Exchange(("A1", P), "G9", "referral"),  # unknown target
        shx.Exchange("G1", ("M1", B), "board_seat"),  # subunit of a community actor
        shx.Exchange("X7", "G1", "information"),  # unknown source
        shx.Exchange(("A2", P), "G2", "referral"),  # fine
        shx.Exchange("G2", ("G1", C), "in_reach"),  # subunit of a group
    ]
    initiatives = [
        shx.Initiative("I1", "advocacy", ["A1", "ZZ"]),  # unknown sponsor
        shx.Initiative("I1", "media", ["A2"]),  # duplicate initiative id
        shx.Initiative("I2", "media", ["M1"]),  # an actor as sponsor
        shx.Initiative("I3", "media", ["A1"], audiences=["G1", "Q1"]),  # a group, an unknown
    ]
    with pytest.raises(shx.NetworkValidationError) as info:
        shx.ExchangeNetwork(agencies, groups, actors, exchanges, initiatives)
    err = info.value
    assert isinstance(err, ValueError)
    messages = [p.message for p in err.problems]
    assert len(messages) == 10, messages
    expected = [
        "groups[2]: id 'A1' is already used by agencies[0]",
        "exchanges[0] (A1/practitioners -> G9, referral): target 'G9' is not an agency",
        "exchanges[1] (G1 -> M1/board, board_seat): target names a subunit of 'M1', which is not an agency",
        "exchanges[2] (X7 -> G1, information): source 'X7' is not an agency",
        "exchanges[4] (G2 -> G1/clients, in_reach): target names a subunit of 'G1'",
        "initiatives[0] (I1): sponsor 'ZZ' is not an agency or group",
        "initiatives[1] (I1): id 'I1' is already used by initiatives[0]",
        "initiatives[2] (I2): sponsor 'M1' is a community actor",
        "initiatives[3] (I3): audience 'G1' is not a community actor",
        "initiatives[3] (I3): audience 'Q1' is not a community actor",
    ]
    for fragment in expected:
        assert sum(fragment in m for m in messages) == 1, fragment
    # every problem is also in the error's text
    for m in messages:
        assert m in str(err)


def test_an_unknown_audience_is_reported_too() -> None:
    agencies, groups, actors = small_nodes()
    with pytest.raises(shx.NetworkValidationError) as info:
        shx.ExchangeNetwork(
            agencies,
            groups,
            actors,
            initiatives=[shx.Initiative("I3", "media", ["A1"], ["G1", "Q1"])],
        )
    assert [p.value for p in info.value.problems] == ["G1", "Q1"]


def test_non_records_are_refused_by_position() -> None:
    with pytest.raises(shx.NetworkValidationError, match=r"agencies\[1\] is a dict"):
        shx.ExchangeNetwork(agencies=[shx.Agency("A1", "a"), {"id": "A2"}])
    agencies, groups, _ = small_nodes()
    with pytest.raises(shx.NetworkValidationError) as info:
        shx.ExchangeNetwork(agencies, groups, exchanges=["A1->G1"], initiatives=[("I1",)])
    assert [p.message for p in info.value.problems] == [
        "exchanges[0] is a str, not an Exchange",
        "initiatives[0] is a tuple, not an Initiative",
    ]


def test_accessors_and_repr() -> None:
    net = small_network()
    assert (
        repr(net) == "ExchangeNetwork(2 agencies, 2 groups, 1 actors, 4 exchanges, 3 initiatives)"
    )
    assert net.node_ids.tolist() == ["A1", "A2", "G1", "G2", "M1"]
    assert net.node_type.tolist() == [0, 0, 1, 1, 2]
    assert net.index("G2") == 3
    assert net.node("M1").kind is shx.ActorKind.MEDIA
    assert net.node("A2").name == "Harbor Recovery"
    with pytest.raises(shx.UnknownNodeError, match="'nope' is not an agency, group"):
        net.index("nope")
    with pytest.raises(KeyError):
        net.node("nope")
    assert not net.arrays.weight.flags.writeable
    x = net.arrays
    assert x.source.tolist() == [0, 2, 1, 3]
    assert x.target.tolist() == [2, 0, 3, 1]
    assert x.source_role.tolist() == [1, -1, -1, -1]
    assert x.target_role.tolist() == [-1, 0, -1, 2]
    assert x.kind.tolist() == [3, 0, 8, 9]
    assert x.weight.tolist() == [5.0, 1.0, 1.0, 3.0]
    src, tgt = x.effective_roles()
    # the whole-agency endpoint of meeting_space (A2 -> G2) takes the kind's subunit, clients
    assert src.tolist()[2] == 2
    assert tgt.tolist() == [1, 0, 2, 2]  # a group end gets its kind's role too; callers mask it
    assert net.exchange_attributes[2] == {"room": "2"}
    assert net.exchanges[0] == shx.Exchange(
        ("A1", P), "G1", "referral", weight=5, start="2024-01-01", end="2024-03-31"
    )


# ---------------------------------------------------------------------------- from_arrays


def test_from_arrays_equals_the_record_constructor() -> None:
    net = small_network().select(np.array([True, True, False, True]))  # no exchange attributes
    agencies, groups, actors = small_nodes()
    by_arrays = shx.ExchangeNetwork.from_arrays(
        agencies=agencies,
        groups=groups,
        actors=actors,
        source=["A1", "G1", "G2"],
        target=["G1", "A1", "A2"],
        kind=["referral", "board_seat", "in_reach"],
        weight=[5, 1, 3],
        start=["2024-01-01", "2024-02-01", None],
        end=["2024-03-31", None, "2024-06-30"],
        source_role=["practitioners", None, None],
        target_role=[None, "board", "clients"],
        initiatives=net.initiatives,
    )
    assert by_arrays == net
    by_codes = shx.ExchangeNetwork.from_arrays(
        agencies=agencies,
        groups=groups,
        actors=actors,
        source=np.array([0, 2, 3]),
        target=np.array([2, 0, 1]),
        kind=np.array([3, 0, 9]),
        weight=np.array([5.0, 1.0, 3.0]),
        start=np.array(["2024-01-01", "2024-02-01", "NaT"], dtype="datetime64[D]"),
        end=np.array(["2024-03-31", "NaT", "2024-06-30"], dtype="datetime64[D]"),
        source_role=np.array([1, -1, -1]),
        target_role=np.array([-1, 0, 2]),
        initiatives=net.initiatives,
    )
    assert by_codes == net
    assert by_codes.exchanges == net.exchanges


@FAST
@given(networks(with_attributes=False, max_exchanges=15, id_strategy=simple_ids))
def test_from_arrays_rebuilds_any_network(net: shx.ExchangeNetwork) -> None:
    x = net.arrays
    again = shx.ExchangeNetwork.from_arrays(
        agencies=net.agencies,
        groups=net.groups,
        actors=net.actors,
        initiatives=net.initiatives,
        source=x.source,
        target=x.target,
        kind=x.kind,
        weight=x.weight,
        start=x.start,
        end=x.end,
        source_role=x.source_role,
        target_role=x.target_role,
    )
    assert again == net
    assert again.exchanges == net.exchanges


def test_from_arrays_reports_every_problem_naming_each_exchange() -> None:
    agencies, groups, actors = small_nodes()
    with pytest.raises(shx.NetworkValidationError) as info:
        shx.ExchangeNetwork.from_arrays(
            agencies=agencies,
            groups=groups,
            actors=actors,
            source=["A1", "ZZ", "A1", "A1", "A1", "G1", "M1", "A1", "A1", "A1", "A1"],
            target=["G1", "G1", "G1", "G1", "G1", "A1", "G1", "A1", "G1", "G1", "G1"],
            kind=["referral", "referral", "bogus", "joint_initiative", "referral",
                  "board_seat", "referral", "referral", "referral", "referral", "referral"],
            weight=[1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1],
            start=[None] * 8 + ["2024-02-01", "not a date", None],
            end=[None] * 8 + ["2024-01-01", None, None],
            source_role=[None] * 6 + ["practitioners", None, "board", None, None],
            target_role=[None] * 5 + ["chair", None, None, None, None, None],
        )  # fmt: skip
    problems = info.value.problems
    by_exchange = Counter(p.exchange for p in problems)
    # exchange 0 and 10 are fine; each other one is named
    assert sorted(by_exchange) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    text = str(info.value)
    for fragment in [
        "exchange 1: source 'ZZ' is not an agency, group or community actor",
        "exchange 2: kind 'bogus' is not in the catalogue (valid: board_seat,",
        "exchange 3: 'joint_initiative' exchanges are derived from Initiative records",
        "exchange 4: 'weight' must be a finite number >= 0",
        "exchange 5: target_role 'chair' is not a role (valid: board, practitioners, clients",
        "exchange 6: source names a subunit of 'M1', which is not an agency",
        "exchange 7: 'source' and 'target' are the same organization ('A1')",
        "exchange 8: 'end' (2024-01-01) is before 'start' (2024-02-01)",
        "exchange 8: 'referral' touches the practitioners subunit, but source names the board",
        "exchange 9: 'start' must be a date as YYYY-MM-DD (got 'not a date')",
    ]:
        assert fragment in text, fragment
    assert {p.column for p in problems} >= {"source", "kind", "weight", "start", "end"}


def test_from_arrays_reports_columns_of_the_wrong_length() -> None:
    agencies, groups, _ = small_nodes()
    with pytest.raises(
        shx.NetworkValidationError, match="'target' has 2 entries but 'source' has 1"
    ):
        shx.ExchangeNetwork.from_arrays(
            agencies=agencies, groups=groups, source=["A1"], target=["G1", "G2"], kind=["referral"]
        )
    with pytest.raises(shx.NetworkValidationError, match=r"index -3 is out of range 0\.\.3"):
        shx.ExchangeNetwork.from_arrays(
            agencies=agencies, groups=groups, source=[0], target=[-3], kind=[3]
        )


@pytest.mark.parametrize(
    ("columns", "fragment"),
    [
        ({"target": [9]}, "target index 9 is out of range 0..3"),
        ({"kind": [20]}, "kind code 20 is not 0..12"),
        ({"source_role": [7]}, "source_role code 7 is not -1..2"),
    ],
)
def test_from_arrays_reports_integer_codes_that_are_too_large(columns, fragment) -> None:
    agencies, groups, _ = small_nodes()
    arrays = {"source": [0], "target": [2], "kind": [3], **columns}
    with pytest.raises(shx.NetworkValidationError, match=fragment):
        shx.ExchangeNetwork.from_arrays(agencies=agencies, groups=groups, **arrays)


def test_from_arrays_reports_a_non_numeric_weight() -> None:
    agencies, groups, _ = small_nodes()
    with pytest.raises(shx.NetworkValidationError, match="exchange 0"):
        shx.ExchangeNetwork.from_arrays(
            agencies=agencies, groups=groups, source=["A1"], target=["G1"], kind=["referral"],
            weight=["lots"],
        )  # fmt: skip


def test_from_arrays_weight_message_shows_a_plain_number() -> None:
    agencies, groups, _ = small_nodes()
    with pytest.raises(shx.NetworkValidationError) as info:
        shx.ExchangeNetwork.from_arrays(
            agencies=agencies, groups=groups, source=["A1"], target=["G1"], kind=["referral"],
            weight=[-1.0],
        )  # fmt: skip
    assert "(got -1.0)" in str(info.value)


def test_from_frames_equals_from_arrays_and_checks_columns() -> None:
    agencies, groups, actors = small_nodes()
    frame = pd.DataFrame(
        {
            "source": ["A1", "G1"],
            "target": ["G1", "A1"],
            "kind": ["referral", "board_seat"],
            "weight": [5.0, 1.0],
            "start": pd.to_datetime(["2024-01-01", None]),
            "source_role": ["practitioners", np.nan],
            "target_role": [None, "board"],
        }
    )
    net = shx.ExchangeNetwork.from_frames(frame, agencies=agencies, groups=groups, actors=actors)
    expected = shx.ExchangeNetwork(
        agencies,
        groups,
        actors,
        [
            shx.Exchange(("A1", P), "G1", "referral", weight=5, start="2024-01-01"),
            shx.Exchange("G1", ("A1", B), "board_seat"),
        ],
    )
    assert net == expected
    with pytest.raises(shx.NetworkValidationError) as info:
        shx.ExchangeNetwork.from_frames(
            frame.drop(columns="kind").assign(colour="red"), agencies=agencies, groups=groups
        )
    assert sorted((p.column, p.message.split(" (")[0]) for p in info.value.problems) == [
        ("colour", "unknown column"),
        ("kind", "required column is missing"),
    ]


# ---------------------------------------------------------------------------- windows


def dated_network() -> shx.ExchangeNetwork:
    """Six referrals told apart by weight (0-5), with the date shapes a window must handle."""
    agencies, groups, actors = small_nodes()
    spans = [
        ("2024-01-01", "2024-03-31"),  # 0: Q1 2024
        ("2024-04-01", "2024-06-30"),  # 1: Q2 2024
        (None, None),  # 2: undated
        ("2024-05-01", None),  # 3: open-ended from May 2024
        (None, "2024-02-15"),  # 4: no start, ended mid-February 2024
        ("2023-01-01", "2023-12-31"),  # 5: all of 2023
    ]
    exchanges = [
        shx.Exchange(("A1", P), "G1", "referral", weight=w, start=s, end=e)
        for w, (s, e) in enumerate(spans)
    ]
    initiatives = [
        shx.Initiative("I-in", "media", ["A1"], date="2024-04-01"),
        shx.Initiative("I-undated", "media", ["A1"]),
        shx.Initiative("I-before", "media", ["A1"], date="2023-06-01"),
    ]
    return shx.ExchangeNetwork(agencies, groups, actors, exchanges, initiatives)


@pytest.mark.parametrize(
    ("start", "end", "kept", "initiatives"),
    [
        # the window's ends are inclusive: Q1 ends on its first day, Q2 starts on its last
        ("2024-03-31", "2024-04-01", [0, 1, 2], ["I-in", "I-undated"]),
        # from June 2024 on: Q2 overlaps, the open-ended one still runs
        ("2024-06-01", None, [1, 2, 3], ["I-undated"]),
        # up to mid-January 2024: Q1 started, the start-less one and 2023 count
        (None, "2024-01-15", [0, 2, 4, 5], ["I-undated", "I-before"]),
        # just after the start-less one ended
        ("2024-02-16", "2024-02-16", [0, 2], ["I-undated"]),
        (None, None, [0, 1, 2, 3, 4, 5], ["I-in", "I-undated", "I-before"]),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), [2, 3], ["I-undated"]),
    ],
)
def test_window_overlap_semantics_worked_by_hand(start, end, kept, initiatives) -> None:
    net = dated_network()
    w = net.window(start=start, end=end)
    assert w.arrays.weight.astype(int).tolist() == kept
    assert [i.id for i in w.initiatives] == initiatives
    assert net.arrays.in_window(start=start, end=end).nonzero()[0].tolist() == kept
    assert [e.weight for e in w.exchanges] == [float(k) for k in kept]
    assert w.agencies == net.agencies


def test_window_refuses_an_end_before_its_start() -> None:
    with pytest.raises(shx.ArgumentError, match=r"window .end. \(2024-01-01\) is before"):
        dated_network().window(start="2024-02-01", end="2024-01-01")
    with pytest.raises(shx.ArgumentError, match="'start' must be a date"):
        dated_network().window(start="last year")


# ---------------------------------------------------------------------------- layers


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"kinds": ["referal"]}, "'kinds' must be one of"),
        ({"theory": "professional"}, "'theory' must be one of 'adaptational', 'institutional'"),
        ({"role": "staff"}, "'role' must be one of 'board', 'practitioners', 'clients'"),
    ],
)
def test_layer_refuses_an_unknown_criterion_as_an_argument(
    options: dict[str, Any], named: str
) -> None:
    # an argument, not a record: ArgumentError, which is still a ValueError
    with pytest.raises(shx.ArgumentError, match=named) as info:
        shx.load_example("riverside").layer(**options)
    assert not isinstance(info.value, shx.RecordError)
    assert isinstance(info.value, ValueError)


def test_layer_by_kinds_theory_and_role() -> None:
    net = small_network()

    def kinds(n: shx.ExchangeNetwork) -> list[str]:
        return [e.kind.value for e in n.exchanges]

    assert kinds(net.layer(["referral", "in_reach"])) == ["referral", "in_reach"]
    assert kinds(net.layer([ExchangeKind.BOARD_SEAT])) == ["board_seat"]
    assert kinds(net.layer(theory="adaptational")) == kinds(net)
    assert net.layer(theory="institutional").n_exchanges == 0
    assert kinds(net.layer(role="clients")) == ["meeting_space", "in_reach"]
    assert kinds(net.layer(role=B)) == ["board_seat"]
    # criteria combine with "and"
    assert kinds(net.layer(["referral", "in_reach"], role="clients")) == ["in_reach"]
    assert net.layer(["referral"], theory="institutional").n_exchanges == 0
    # initiatives are the institutional layer: kept only when joint_initiative is kept
    assert len(net.layer(theory="institutional").initiatives) == 3
    assert len(net.layer(["joint_initiative"]).initiatives) == 3
    assert net.layer(theory="adaptational").initiatives == ()
    assert net.layer(role="board").initiatives == ()
    assert net.layer(theory="adaptational").exchange_attributes[2] == {"room": "2"}


def test_layer_with_an_unknown_kind_raises_the_librarys_error() -> None:
    with pytest.raises(shx.SelfHelpExchangeError, match="referral"):
        small_network().layer(["referal"])


def test_select_keeps_nodes_initiatives_and_aligned_attributes() -> None:
    net = small_network()
    sub = net.select(net.arrays.kind == ExchangeKind.MEETING_SPACE.code)
    assert sub.n_exchanges == 1
    assert sub.exchanges[0].attributes == {"room": "2"}
    assert sub.initiatives == net.initiatives
    assert sub.node_ids is net.node_ids
    none = net.select(np.zeros(4, dtype=bool))
    assert none.n_exchanges == 0
    assert none.exchange_attributes is None
    assert net.select(np.ones(4, dtype=bool)) == net
    with pytest.raises(shx.ArgumentError, match="boolean array of length 4"):
        net.select(np.array([0, 1, 0, 1]))
    with pytest.raises(shx.ArgumentError, match=r"shape \(3,\)"):
        net.select(np.ones(3, dtype=bool))


# ---------------------------------------------------------------------------- derived pairs


def test_joint_initiative_pairs_worked_by_hand() -> None:
    net = small_network()
    a, g, i = net.joint_initiative_pairs()
    got = sorted(zip(net.node_ids[a].tolist(), net.node_ids[g].tolist(), i.tolist(), strict=True))
    # I1 (index 0): A1 with G1 and G2. I2 (1): A2 and A1 with G1. I3 (2): A1 alone, no pair.
    assert got == [("A1", "G1", 0), ("A1", "G1", 1), ("A1", "G2", 0), ("A2", "G1", 1)]
    assert a.dtype == np.int32
    assert g.dtype == np.int32


@FAST
@given(networks(max_initiatives=5, max_exchanges=5, id_strategy=simple_ids))
def test_joint_initiative_pairs_match_a_plain_python_count(net: shx.ExchangeNetwork) -> None:
    agencies = {a.id for a in net.agencies}
    groups = {g.id for g in net.groups}
    expected = sorted(
        (a, g, n)
        for n, ini in enumerate(net.initiatives)
        for a in ini.sponsors
        if a in agencies
        for g in ini.sponsors
        if g in groups
    )
    a, g, i = net.joint_initiative_pairs()
    got = sorted(zip(net.node_ids[a].tolist(), net.node_ids[g].tolist(), i.tolist(), strict=True))
    assert got == expected


# ---------------------------------------------------------------------------- networkx


def test_to_networkx_organization_level() -> None:
    net = small_network()
    g = net.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == 5
    # 4 exchanges + 2 arcs for each of the 4 agency-group sponsor pairs
    assert g.number_of_edges() == 4 + 2 * 4
    assert g.nodes["A1"]["node_type"] == "agency"
    assert g.nodes["A1"]["sector"] == "mental_health"
    assert g.nodes["A1"]["attributes"] == {"beds": 4}
    assert g.nodes["G1"]["fellowship"] == "AA"
    assert g.nodes["M1"]["kind"] == "media"
    e = g.edges["A1", "G1", 0]
    assert e["kind"] == "referral"
    assert e["theory"] == "adaptational"
    assert e["role"] == "practitioners"
    assert e["source_role"] == "practitioners"
    assert e["target_role"] is None
    assert e["weight"] == 5.0
    assert e["start"] == dt.date(2024, 1, 1)
    assert e["end"] == dt.date(2024, 3, 31)
    assert e["derived"] is False
    assert g.edges["A2", "G2", 2]["attributes"] == {"room": "2"}
    assert g.edges["A2", "G2", 2]["source_role"] is None  # named the whole agency
    derived = [d for *_, d in g.edges(data=True) if d["derived"]]
    assert len(derived) == 8
    assert Counter(d["initiative"] for d in derived) == {"I1": 4, "I2": 4}
    assert all(d["kind"] == "joint_initiative" and d["theory"] == "institutional" for d in derived)
    assert g.has_edge("G2", "A1")  # only through I1
    assert g.get_edge_data("G2", "A1")[next(iter(g.get_edge_data("G2", "A1")))]["date"] == (
        dt.date(2024, 9, 15)
    )
    plain = net.to_networkx(include_initiatives=False)
    assert plain.number_of_edges() == 4
    assert not plain.has_edge("G2", "A1")


def test_to_networkx_subunit_level() -> None:
    net = small_network()
    g = net.to_networkx(level="subunit")
    assert g.graph["level"] == "subunit"
    assert g.number_of_nodes() == 5 + 3 * 2
    assert g.nodes[("A1", B)] == {
        "node_type": "subunit",
        "agency": "A1",
        "role": "board",
        "name": "Riverside Counselling: board",
    }
    assert g.has_edge(("A1", P), "G1")
    assert g.has_edge("G1", ("A1", B))
    # a whole-agency endpoint attaches to the subunit its kind touches
    assert g.has_edge(("A2", C), "G2")
    assert g.has_edge("G2", ("A2", C))
    assert not g.has_edge("A2", "G2")
    # joint initiatives stay between the agency as a whole and the group
    assert g.has_edge("A1", "G2")
    assert g.number_of_edges() == 4 + 8
    with pytest.raises(shx.ArgumentError, match="level must be 'organization' or 'subunit'"):
        net.to_networkx(level="team")  # type: ignore[arg-type]


@FAST
@given(networks(max_exchanges=12, id_strategy=simple_ids), st.booleans())
def test_to_networkx_counts(net: shx.ExchangeNetwork, subunits: bool) -> None:
    g = net.to_networkx(level="subunit" if subunits else "organization")
    n_nodes = net.n_agencies + net.n_groups + len(net.actors)
    assert g.number_of_nodes() == n_nodes + (3 * net.n_agencies if subunits else 0)
    pairs = len(net.joint_initiative_pairs()[0])
    assert g.number_of_edges() == net.n_exchanges + 2 * pairs
    total = sum(d["weight"] for *_, d in g.edges(data=True) if not d["derived"])
    assert total == pytest.approx(float(net.arrays.weight.sum()))


def test_no_role_code_is_minus_one() -> None:
    assert NO_ROLE == -1


# ------------------------------------------------------------- text columns, factorized
_DATE_TEXTS = ["2024-01-31", "2023-12-01", "", "NaT", "2024-02-30", "junk", " 2024-01-01"]


@given(st.lists(st.one_of(st.none(), st.sampled_from(_DATE_TEXTS)), max_size=30))
def test_a_date_column_reads_each_text_as_alone(values: list[str | None]) -> None:
    problems: list[shx.Problem] = []
    out = _date_column(np.array(values, dtype=object), len(values), "start", problems)
    bad = set()
    for i, v in enumerate(values):
        # the records' one date rule: None is missing; a text must be YYYY-MM-DD (spaces
        # around it ignored) and a real day ("", "NaT" and "junk" are refused, not missing)
        try:
            if v is not None and not ISO_DATE.fullmatch(v.strip()):
                raise ValueError(v)
            want = np.datetime64("NaT") if v is None else np.datetime64(v.strip(), "D")
        except ValueError:
            bad.add(i)
            want = np.datetime64("NaT")
        assert str(out[i]) == str(want)
    assert {p.exchange for p in problems} == bad


@given(
    st.lists(
        st.one_of(st.none(), st.sampled_from(["board", "clients", "Board", "x", ""])),
        max_size=30,
    )
)
def test_a_role_column_reads_each_text_as_alone(values: list[str | None]) -> None:
    problems: list[shx.Problem] = []
    out = _role_column(np.array(values, dtype=object), len(values), "source_role", problems)
    codes = {"board": 0, "practitioners": 1, "clients": 2}
    assert out.tolist() == [codes.get(v, NO_ROLE) if v else NO_ROLE for v in values]
    bad = [i for i, v in enumerate(values) if v is not None and v not in codes]
    assert [p.exchange for p in problems] == bad


@given(st.lists(st.sampled_from(["referral", "in_reach", "Referral", "none"]), max_size=30))
def test_a_kind_column_reads_each_text_as_alone(values: list[str]) -> None:
    out, problems = _kind_column(np.array(values, dtype=object), len(values))
    want = [ExchangeKind(v).code if v in {"referral", "in_reach"} else -1 for v in values]
    assert out.tolist() == want
    assert [p.value for p in problems] == [v for v in values if v not in {"referral", "in_reach"}]


def test_node_columns_mixing_strings_and_other_values_still_report_each() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "A")], groups=[shx.SelfHelpGroup("G1", "G", "mutual_help")]
    )
    with pytest.raises(shx.NetworkValidationError) as err:
        shx.ExchangeNetwork.from_arrays(
            agencies=net.agencies,
            groups=net.groups,
            source=np.array(["A1", 7, "A9", None], dtype=object),
            target=np.array(["G1", "G1", "G1", "G1"], dtype=object),
            kind=["referral"] * 4,
        )
    assert [p.value for p in err.value.problems] == [7, "A9", None]


# --------------------------------------------------------------------------- bad input (issue 10)
def test_repeated_ids_with_exchanges_are_problems_not_a_pandas_error() -> None:
    agencies = [shx.Agency("A", "x"), shx.Agency("A", "y")]
    groups = [shx.SelfHelpGroup("G", "g", "mutual_help")]
    with pytest.raises(shx.NetworkValidationError) as info:
        shx.ExchangeNetwork.from_arrays(
            agencies=agencies,
            groups=groups,
            source=["A", "Z"],
            target=["G", "G"],
            kind=["referral", "referral"],
        )
    messages = [p.text for p in info.value.problems]
    assert messages == [
        (
            "agencies[1]: id 'A' is already used by agencies[0]; ids must be unique across "
            "agencies, groups and actors"
        ),
        "exchange 1: source 'Z' is not an agency, group or community actor of the network",
    ]
    assert [p.exchange for p in info.value.problems] == [None, 1]


@pytest.mark.parametrize(
    "start",
    [
        "0000-01-01",
        "12345-01-01",
        "9" * 50,
        np.datetime64("12000-01-01"),
        np.datetime64(-800_000, "D"),
    ],
)
def test_dates_python_cannot_hold_are_refused(start: object) -> None:
    with pytest.raises(shx.NetworkValidationError) as info:
        shx.ExchangeNetwork.from_arrays(
            agencies=[shx.Agency("A", "x")],
            groups=[shx.SelfHelpGroup("G", "g", "mutual_help")],
            source=["A"],
            target=["G"],
            kind=["referral"],
            start=np.array([start]),
        )
    (problem,) = info.value.problems
    assert problem.column == "start"
    # a text that is not YYYY-MM-DD fails the date rule first; a datetime64 out of range
    # fails the range check
    assert (
        "must be a date from 0001-01-01 to 9999-12-31" in problem.message
        or "must be a date as YYYY-MM-DD" in problem.message
    )


def test_dates_at_the_ends_of_the_range_are_kept() -> None:
    net = shx.ExchangeNetwork.from_arrays(
        agencies=[shx.Agency("A", "x")],
        groups=[shx.SelfHelpGroup("G", "g", "mutual_help")],
        source=["A", "A"],
        target=["G", "G"],
        kind=["referral", "referral"],
        start=["0001-01-01", "9999-12-31"],
    )
    assert [e.start for e in net.exchanges] == [dt.date(1, 1, 1), dt.date(9999, 12, 31)]


def test_from_arrays_takes_the_exchange_attributes() -> None:
    kwargs = {
        "agencies": [shx.Agency("A", "x")],
        "groups": [shx.SelfHelpGroup("G", "g", "mutual_help")],
        "source": ["A", "A"],
        "target": ["G", "G"],
        "kind": ["referral", "information"],
    }
    net = shx.ExchangeNetwork.from_arrays(**kwargs, attributes=[{"note": "first"}, {}])
    assert net.exchange_attributes == (shx.Attributes({"note": "first"}), shx.Attributes())
    assert net.exchanges[0].attributes == {"note": "first"}
    # none given, or all empty: no attributes column at all
    assert shx.ExchangeNetwork.from_arrays(**kwargs).exchange_attributes is None
    assert (
        shx.ExchangeNetwork.from_arrays(**kwargs, attributes=[{}, {}]).exchange_attributes is None
    )
    with pytest.raises(shx.NetworkValidationError) as info:
        shx.ExchangeNetwork.from_arrays(**kwargs, attributes=[{"x": [1]}, {}])
    (problem,) = info.value.problems
    assert problem.column == "attributes"
    assert problem.exchange == 0
    assert str(problem).startswith("column 'attributes': exchange 0:")
    with pytest.raises(shx.NetworkValidationError, match="'attributes' has 1 entries"):
        shx.ExchangeNetwork.from_arrays(**kwargs, attributes=[{}])


def test_a_lone_surrogate_id_is_a_problem_not_an_encoding_error() -> None:
    # pandas stores text in Arrow when pyarrow is installed, and Arrow refuses lone
    # surrogates: the id lookups must not go through it
    with pytest.raises(shx.NetworkValidationError) as info:
        shx.ExchangeNetwork.from_arrays(
            agencies=[shx.Agency("A", "x")],
            groups=[shx.SelfHelpGroup("G", "g", "mutual_help")],
            source=["\ud800"],
            target=["G"],
            kind=["referral"],
            source_role=["\udfff"],
        )
    assert {p.column for p in info.value.problems} == {"source", "source_role"}
    assert all(p.exchange == 0 for p in info.value.problems)


def test_from_arrays_copies_the_callers_arrays() -> None:
    """The network's arrays are its own: the caller's stay writeable and unshared, even when
    they already have the network's types (a reader's private path keeps its own instead)."""
    source = np.array([0, 1], dtype=np.int32)
    weight = np.array([1.0, 2.0])
    net = shx.ExchangeNetwork.from_arrays(
        agencies=[shx.Agency("A1", "Agency")],
        groups=[shx.SelfHelpGroup("G1", "Group", "mutual_help")],
        source=source,
        target=np.array([1, 0], dtype=np.int32),
        kind=np.array([3, 9], dtype=np.int8),
        weight=weight,
    )
    assert source.flags.writeable
    assert weight.flags.writeable
    assert not np.shares_memory(net.arrays.source, source)
    assert not np.shares_memory(net.arrays.weight, weight)
    source[0] = 1
    assert net.arrays.source[0] == 0
