"""linkage_by_period: each agency's adaptational linkage, calendar period by period."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

import selfhelp_exchange as shx
from selfhelp_exchange.metrics.timeline import TIMELINE_COLUMNS, linkage_by_period
from tests.report_network import ALI_A1_G3, ALI_A2_G2, report_network
from tests.strategies import networks


def test_quarters_by_hand() -> None:
    df = linkage_by_period(report_network())
    assert df.columns.tolist() == [c for c, _ in TIMELINE_COLUMNS]
    assert df["period"].tolist() == ["2024Q1"] * 2 + ["2024Q2"] * 2 + ["2024Q3"] * 2
    assert df["agency_id"].tolist() == ["A1", "A2"] * 3
    assert [str(d.date()) for d in df["period_start"][::2]] == [
        "2024-01-01",
        "2024-04-01",
        "2024-07-01",
    ]
    assert [str(d.date()) for d in df["period_end"][::2]] == [
        "2024-03-31",
        "2024-06-30",
        "2024-09-30",
    ]
    assert df["groups_linked"].tolist() == [1, 0, 1, 1, 2, 0]
    # A1-G1 in Q1: referral 12 + undated in-reach 2 (practitioners, clients; kind weights 1 + 2;
    # O = 12, I = 2 * 2 = 4, P = 4/6; W* = 16)
    q1 = 0.25 * 2 / 3 + 0.3 * 3 / 18.5 + 0.15 * 4 / 6 + 0.3 * 16 / 20
    # Q2: attendance 4 + in-reach 2 (clients only; O = 4, I = 4; W* = 8)
    q2 = 0.25 / 3 + 0.3 * 3 / 18.5 + 0.15 * 4 / 6 + 0.3 * 8 / 12
    # Q3: in-reach alone (inward only, W* = 4), and G3's information
    q3 = (0.25 / 3 + 0.3 * 2 / 18.5 + 0.3 * 4 / 8 + ALI_A1_G3) / 2
    np.testing.assert_allclose(df["index_mean"], [q1, 0, q2, ALI_A2_G2, q3, 0])


def test_years_months_and_a_given_span() -> None:
    net = report_network()
    years = linkage_by_period(net, "year")
    assert years["period"].tolist() == ["2024", "2024"]
    assert years["groups_linked"].tolist() == [2, 1]
    months = linkage_by_period(net, "month", start="2023-12-01", end="2024-01-31")
    assert months["period"].tolist() == ["2023-12", "2023-12", "2024-01", "2024-01"]
    # December 2023: only the undated in-reach
    assert months["groups_linked"].tolist() == [1, 0, 1, 0]


def test_no_dated_exchange_and_errors() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "a")],
        groups=[shx.SelfHelpGroup("G1", "g", "mutual_help")],
        exchanges=[shx.Exchange("A1", "G1", "referral")],
    )
    empty = linkage_by_period(net)
    assert len(empty) == 0
    assert empty.columns.tolist() == [c for c, _ in TIMELINE_COLUMNS]
    assert linkage_by_period(net, "year", start="2024-01-01", end="2025-12-31")[
        "groups_linked"
    ].tolist() == [
        1,
        1,
    ]
    with pytest.raises(shx.ArgumentError, match="freq must be one of month, quarter, year"):
        linkage_by_period(net, "Q")
    with pytest.raises(shx.ArgumentError, match="is before 'start'"):
        linkage_by_period(net, "year", start="2025-01-01", end="2024-01-01")


@settings(max_examples=20)
@given(networks())
def test_each_period_is_the_summary_of_its_window(net) -> None:
    df = linkage_by_period(net, "year")
    for period, part in df.groupby("period", sort=False):
        p0, p1 = part["period_start"].iloc[0].date(), part["period_end"].iloc[0].date()
        summary = shx.adaptational_summary(net, start=p0, end=p1)
        assert part["groups_linked"].tolist() == summary["groups_linked"].tolist(), period
        np.testing.assert_allclose(part["index_mean"], summary["index_mean"])
