"""Counts of people: which kinds count clients, the agency-by-group table, person identifiers."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given

import selfhelp_exchange as shx
from selfhelp_exchange.people import (
    PERSON_COUNT_KINDS,
    client_count_table,
    client_counts,
    person_identifier_attributes,
)
from tests.report_network import report_network
from tests.strategies import networks


def test_the_kinds_that_count_people() -> None:
    assert [k.value for k in PERSON_COUNT_KINDS] == [
        "referral",
        "facilitated_introduction",
        "peer_bridging",
        "attendance",
        "in_reach",
    ]


def test_client_counts_by_hand() -> None:
    counts = client_counts(report_network(small=True))
    expected = pd.DataFrame({"G1": [18, 3]}, index=["A1", "A2"])
    pd.testing.assert_frame_equal(counts, expected, check_dtype=False)
    # the window keeps exchanges overlapping it, undated ones always
    q3 = client_counts(report_network(small=True), start="2024-07-01", end="2024-09-30")
    assert q3.to_numpy().tolist() == [[2], [3]]


def test_counts_run_both_ways_round_and_ignore_other_pairs() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "a"), shx.Agency("A2", "b")],
        groups=[
            shx.SelfHelpGroup("G1", "g", "mutual_help"),
            shx.SelfHelpGroup("G2", "h", "mutual_help"),
        ],
        exchanges=[
            shx.Exchange("G1", "A1", "peer_bridging", 2.4),
            shx.Exchange("A1", "G1", "referral", 2.4),
            shx.Exchange("A1", "A2", "referral", 50),  # agency-agency: no group
            shx.Exchange("G1", "G2", "referral", 50),  # group-group
            shx.Exchange("A2", "G2", "consultation", 50),  # not a count of people
        ],
    )
    counts = client_counts(net)
    assert counts.columns.tolist() == ["G1"]
    assert counts.to_numpy().tolist() == [[5], [0]]  # 4.8 rounded


def test_the_table_hides_small_counts_and_their_complements() -> None:
    t = client_count_table(report_network(small=True))
    assert t.counts.index.tolist() == ["A1", "A2", "Total"]
    assert t.counts.columns.tolist() == ["G1"]  # one column: no totals column
    assert t.display()["G1"].tolist() == ["*", "*", 21]
    assert (t.n_primary, t.n_complementary) == (1, 1)
    assert client_count_table(report_network(small=True), threshold=3).display()[
        "G1"
    ].tolist() == [
        18,
        3,
        21,
    ]


@given(networks())
def test_no_small_count_is_ever_shown(net) -> None:
    t = client_count_table(net)
    shown = t.counts.to_numpy()[~t.hidden.to_numpy(dtype=bool)]
    assert not ((shown > 0) & (shown < 11)).any()
    raw = client_counts(net)
    inner = t.counts.loc[raw.index, raw.columns]
    np.testing.assert_array_equal(inner.to_numpy(), raw.to_numpy())


def test_person_identifiers_are_found_by_name() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "a")],
        groups=[shx.SelfHelpGroup("G1", "g", "mutual_help")],
        exchanges=[
            shx.Exchange("A1", "G1", "attendance", attributes={"client_id": "c1", "note": "x"}),
            shx.Exchange("A1", "G1", "attendance", attributes={"Client_ID": "c2"}),
            shx.Exchange("A1", "G1", "attendance", attributes={"member_name": "Jo", "mrn": "9"}),
            shx.Exchange("A1", "G1", "referral", attributes={"clientele": "adults"}),
        ],
    )
    assert person_identifier_attributes(net) == {
        "client_id": 1,
        "Client_ID": 1,
        "member_name": 1,
        "mrn": 1,
    }
    assert person_identifier_attributes(report_network()) == {}
