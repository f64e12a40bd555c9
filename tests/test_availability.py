"""Availability on a tiny network worked out by hand.

Every place lies on the prime meridian (longitude 0), so distances are arcs of latitude:
d = R * |dlat| * pi / 180 with R = 6371.0088 km, i.e. 111.19508 km per degree.

    A1 agency at lat 0.00            A2 agency at lat 1.00          A3 agency, no coordinates
    G1 AA (12-step, substance use)         lat 0.05  Mon 19:00, Sat 10:00   women
    G2 SMART (non-12-step, substance use)  lat 0.10  Tue 18:00
    G3 Al-Anon (12-step, family)           lat 0.95  Wed 12:00
    G4 DBSA (non-12-step, mental health)   online    Thu 20:00
    G5 NA (12-step, substance use)         address only, no coordinates   Fri 19:00

Distances (km):        G1        G2         G3
    A1             5.55975  11.11951  105.63533
    A2           105.63533 100.07558    5.55975
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

import selfhelp_exchange as shx
from selfhelp_exchange.availability import (
    AUDIENCE_FLAGS,
    DEFAULT_RADIUS_KM,
    DEFAULT_RADIUS_M,
    DEFAULT_SPEED_KMH,
    week_hour_counts,
)
from selfhelp_exchange.geo import haversine_m
from tests.strategies import networks

KM_PER_DEGREE = 111.19508


def mt(day: str, start: str) -> dict[str, Any]:
    return {"day": day, "start": start, "location": 0}


def at(lat: float) -> dict[str, float]:
    return {"latitude": lat, "longitude": 0.0}


@pytest.fixture(scope="module")
def net() -> shx.ExchangeNetwork:
    groups = [
        shx.SelfHelpGroup("G1", "AA", "mutual_help", fellowship="AA", approach="twelve_step",
                          focus="substance_use", locations=[at(0.05)],
                          meetings=[mt("monday", "19:00"), mt("saturday", "10:00")],
                          attributes={"women": True}),
        shx.SelfHelpGroup("G2", "SMART", "supported_self_help", fellowship="SMART Recovery",
                          approach="non_twelve_step", focus="substance_use",
                          locations=[at(0.10)], meetings=[mt("tuesday", "18:00")]),
        shx.SelfHelpGroup("G3", "Al-Anon", "mutual_help", fellowship="Al-Anon",
                          approach="twelve_step", focus="family", locations=[at(0.95)],
                          meetings=[mt("wednesday", "12:00")]),
        shx.SelfHelpGroup("G4", "DBSA online", "peer_support_service", fellowship="DBSA",
                          approach="non_twelve_step", focus="mental_health",
                          meeting_place="online",
                          meetings=[{"day": "thursday", "start": "20:00"}]),
        shx.SelfHelpGroup("G5", "NA", "mutual_help", fellowship="NA", approach="twelve_step",
                          focus="substance_use", locations=[{"address": "1 Main St"}],
                          meetings=[mt("friday", "19:00")]),
    ]  # fmt: skip
    agencies = [
        shx.Agency("A1", "South clinic", location=at(0.0)),
        shx.Agency("A2", "North clinic", location=at(1.0)),
        shx.Agency("A3", "Unplaced clinic"),
    ]
    return shx.ExchangeNetwork(agencies=agencies, groups=groups)


def ints(row: pd.Series, columns: list[str]) -> dict[str, int]:
    return {c: int(row[c]) for c in columns}


def test_defaults_documented() -> None:
    assert DEFAULT_RADIUS_M == 10_000.0
    assert DEFAULT_RADIUS_KM == DEFAULT_RADIUS_M / 1000
    assert DEFAULT_SPEED_KMH == 30.0


def test_hand_worked_radius_10(net: shx.ExchangeNetwork) -> None:
    df = shx.availability(net)  # radius 10 km by default
    assert list(df.index) == ["A1", "A2", "A3"]
    a1 = df.loc["A1"]
    # A1 reaches G1 only (5.56 km); G2 is 11.12 km away
    assert ints(a1, ["groups_within", "meetings_within", "approach_twelve_step",
                     "approach_non_twelve_step", "approach_other", "approach_unknown",
                     "focus_substance_use", "focus_family", "focus_mental_health",
                     "focus_co_occurring", "focus_unknown", "type_mutual_help",
                     "type_supported_self_help", "audience_women", "audience_men",
                     "weekday_evening_meetings", "evening_meetings", "weekend_meetings",
                     "online_groups", "online_meetings"]) == {
        "groups_within": 1, "meetings_within": 2, "approach_twelve_step": 1,
        "approach_non_twelve_step": 0, "approach_other": 0, "approach_unknown": 0,
        "focus_substance_use": 1, "focus_family": 0, "focus_mental_health": 0,
        "focus_co_occurring": 0, "focus_unknown": 0, "type_mutual_help": 1,
        "type_supported_self_help": 0, "audience_women": 1, "audience_men": 0,
        "weekday_evening_meetings": 1,  # Monday 19:00
        "evening_meetings": 1,
        "weekend_meetings": 1,  # Saturday 10:00
        "online_groups": 1, "online_meetings": 1,  # G4, network-wide
    }  # fmt: skip
    assert a1["nearest_group_km"] == pytest.approx(0.05 * KM_PER_DEGREE, abs=1e-4)  # 5.55975
    assert a1["nearest_twelve_step_km"] == pytest.approx(5.55975, abs=1e-4)
    assert a1["nearest_non_twelve_step_km"] == pytest.approx(11.11951, abs=1e-4)
    assert a1["nearest_family_km"] == pytest.approx(105.63533, abs=1e-4)
    assert math.isnan(a1["nearest_mental_health_km"])  # G4 is online: no place
    assert a1["no_non_twelve_step_within_radius"]
    assert a1["no_family_group"]
    assert a1["no_mental_health_group"]
    assert not a1["no_group_within_radius"]
    assert not a1["no_twelve_step_within_radius"]
    assert not a1["no_evening_meeting"]
    assert not a1["no_weekend_meeting"]
    assert not a1["no_online_option"]
    assert a1["gaps"] == (
        "no non-12-step option within 10 km; no family group within 10 km; "
        "no mental-health group within 10 km"
    )

    a2 = df.loc["A2"]
    # A2 reaches G3 only (5.56 km): a Wednesday noon family group
    assert ints(a2, ["groups_within", "meetings_within", "approach_twelve_step",
                     "focus_family", "weekday_evening_meetings", "evening_meetings",
                     "weekend_meetings"]) == {
        "groups_within": 1, "meetings_within": 1, "approach_twelve_step": 1,
        "focus_family": 1, "weekday_evening_meetings": 0, "evening_meetings": 0,
        "weekend_meetings": 0,
    }  # fmt: skip
    assert a2["nearest_non_twelve_step_km"] == pytest.approx(0.9 * KM_PER_DEGREE, abs=1e-4)
    assert a2["nearest_non_twelve_step_km"] == pytest.approx(100.07558, abs=1e-4)
    assert a2["gaps"] == (
        "no non-12-step option within 10 km; no mental-health group within 10 km; "
        "no meeting from 18:00 within 10 km; no weekend meeting within 10 km"
    )

    a3 = df.loc["A3"]
    assert not a3["has_coordinates"]
    assert a3["groups_within"] is pd.NA
    assert a3["no_family_group"] is pd.NA
    assert math.isnan(a3["nearest_group_km"])
    assert a3["gaps"] == "agency has no coordinates: local reach unknown"

    assert df.attrs["groups_without_coordinates"] == ["G5"]
    assert df.attrs["radius_km"] == 10.0
    assert df.attrs["evening_from"] == "18:00"
    assert df.attrs["weekend"] == ["saturday", "sunday"]


def test_hand_worked_radius_12(net: shx.ExchangeNetwork) -> None:
    a1 = shx.availability(net, radius_m=12000).loc["A1"]
    # now G2 (11.12 km) is in: its Tuesday 18:00 meeting counts as evening (inclusive)
    assert ints(a1, ["groups_within", "meetings_within", "approach_non_twelve_step",
                     "type_supported_self_help", "weekday_evening_meetings",
                     "evening_meetings"]) == {
        "groups_within": 2, "meetings_within": 3, "approach_non_twelve_step": 1,
        "type_supported_self_help": 1, "weekday_evening_meetings": 2, "evening_meetings": 2,
    }  # fmt: skip
    assert not a1["no_non_twelve_step_within_radius"]
    assert a1["gaps"] == "no family group within 12 km; no mental-health group within 12 km"


def test_evening_threshold_is_inclusive(net: shx.ExchangeNetwork) -> None:
    late = shx.availability(net, radius_m=12000, evening_from="18:01").loc["A1"]
    assert int(late["evening_meetings"]) == 1  # Tuesday 18:00 no longer counts
    assert int(late["weekday_evening_meetings"]) == 1
    early = shx.availability(net, radius_m=12000, evening_from="10:00").loc["A1"]
    assert int(early["evening_meetings"]) == 3
    assert int(early["weekday_evening_meetings"]) == 2  # Saturday 10:00 is weekend


def test_custom_weekend(net: shx.ExchangeNetwork) -> None:
    a1 = shx.availability(net, radius_m=12000, weekend=["monday"]).loc["A1"]
    assert int(a1["weekend_meetings"]) == 1  # Monday 19:00
    assert int(a1["weekday_evening_meetings"]) == 1  # Tuesday 18:00; Monday is "weekend"


def test_travel_time_radius(net: shx.ExchangeNetwork) -> None:
    # 24 minutes at 30 km/h = 12 km
    by_time = shx.availability(net, travel_minutes=24)
    by_km = shx.availability(net, radius_m=12000)
    pd.testing.assert_frame_equal(by_time, by_km)
    assert by_time.attrs["radius_km"] == 12.0
    # 10 minutes at 66 km/h = 11 km: G2 at 11.12 km stays out
    assert (
        int(shx.availability(net, travel_minutes=10, speed_kmh=66).loc["A1", "groups_within"]) == 1
    )


def test_count_online(net: shx.ExchangeNetwork) -> None:
    a1 = shx.availability(net, count_online=True).loc["A1"]
    assert ints(a1, ["groups_within", "meetings_within", "focus_mental_health",
                     "type_peer_support_service", "evening_meetings"]) == {
        "groups_within": 2, "meetings_within": 3, "focus_mental_health": 1,
        "type_peer_support_service": 1, "evening_meetings": 2,  # Mon 19:00, Thu 20:00
    }  # fmt: skip
    assert not a1["no_mental_health_group"]
    assert a1["gaps"] == "no family group within 10 km or online"


def test_no_groups_at_all() -> None:
    net = shx.ExchangeNetwork(agencies=[shx.Agency("A", "Alone", location=at(0.0))])
    row = shx.availability(net).loc["A"]
    assert int(row["groups_within"]) == 0
    assert row["no_group_within_radius"]
    assert row["no_online_option"]
    assert row["gaps"] == "no group within 10 km; no online option"


def test_no_agencies() -> None:
    df = shx.availability(shx.ExchangeNetwork())
    assert len(df) == 0
    assert "gaps" in df.columns


def test_meeting_places_within_a_group() -> None:
    # one group, two places: 0.02 degree (2.22 km) and 0.5 degree (55.6 km) from the agency
    g = shx.SelfHelpGroup(
        "G", "Two places", "mutual_help",
        locations=[at(0.02), at(0.5)],
        meetings=[
            {"day": "monday", "start": "19:00", "location": 1},  # far: out
            {"day": "sunday", "start": "09:00", "location": 0},  # near: in
            {"day": "friday", "start": "20:00"},  # no place: its group's nearest (near): in
        ],
    )  # fmt: skip
    net = shx.ExchangeNetwork(agencies=[shx.Agency("A", "A", location=at(0.0))], groups=[g])
    row = shx.availability(net).loc["A"]
    assert int(row["groups_within"]) == 1
    assert int(row["meetings_within"]) == 2
    assert int(row["weekend_meetings"]) == 1
    assert int(row["weekday_evening_meetings"]) == 1
    assert row["nearest_group_km"] == pytest.approx(0.02 * KM_PER_DEGREE, abs=1e-4)


def test_audience_columns(net: shx.ExchangeNetwork) -> None:
    df = shx.availability(net, radius_m=1_000_000)
    assert set(AUDIENCE_FLAGS) <= set(df.columns)
    assert int(df.loc["A1", "audience_women"]) == 1
    assert int(df.loc["A1", "audience_lgbtq"]) == 0


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"radius_m": -1}, "'radius_m' must be a finite number >= 0"),
        ({"radius_m": float("nan")}, "'radius_m' must be a finite number"),
        ({"travel_minutes": 10, "speed_kmh": -5}, "'speed_kmh' must be"),
        ({"radius_m": 5000, "travel_minutes": 10}, "not both"),
        ({"evening_from": "late"}, "'evening_from' must be a time of day"),
        ({"weekend": ["funday"]}, "'weekend' must hold weekdays"),
    ],
)
def test_bad_arguments(net: shx.ExchangeNetwork, kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(shx.ArgumentError, match=fragment):
        shx.availability(net, **kwargs)


def test_quinte_hospital_availability() -> None:
    from pathlib import Path

    feed = shx.read_meeting_guide(
        Path(__file__).parent / "data" / "meeting-guide" / "feed-quinte-ontario.json",
        fellowship="AA",
    )
    bgh = shx.Agency("BGH", "Belleville General Hospital",
                     location={"latitude": 44.1627054, "longitude": -77.3643232})  # fmt: skip
    row = shx.availability(shx.ExchangeNetwork(agencies=[bgh], groups=feed.groups)).loc["BGH"]
    # an AA-only feed: every reachable group is 12-step, none non-12-step or family
    assert int(row["groups_within"]) == int(row["approach_twelve_step"]) > 0
    assert row["no_non_twelve_step_within_radius"]
    assert row["no_family_group"]
    assert row["no_online_option"]


def test_week_hour_counts_quinte() -> None:
    from pathlib import Path

    feed = shx.read_meeting_guide(
        Path(__file__).parent / "data" / "meeting-guide" / "feed-quinte-ontario.json"
    )
    c = week_hour_counts(feed.groups)
    assert c.shape == (7, 24)
    assert int(c.sum()) == 45
    # Tuesday (Meeting Guide day 2), read off the feed: 12:00 Plug in the Jug; 13:00 Awareness;
    # 19:30 Tweed, Consecon, Out of the Fog; 20:00 Moira, Triangle Unity; 20:30 Beaver Lake
    tuesday = shx.Weekday.TUESDAY.number
    assert {h: int(c[tuesday, h]) for h in np.flatnonzero(c[tuesday])} == {
        12: 1, 13: 1, 19: 3, 20: 3,
    }  # fmt: skip


def test_week_hour_counts_mask() -> None:
    g = shx.SelfHelpGroup("G", "G", "mutual_help",
                          meetings=[{"day": "monday", "start": "19:30"},
                                    {"day": "monday", "start": "19:00"}])  # fmt: skip
    assert int(week_hour_counts([g], mask=[True, False]).sum()) == 1
    with pytest.raises(shx.ArgumentError, match="one value per meeting"):
        week_hour_counts([g], mask=[True])


def _brute_force(net: shx.ExchangeNetwork, radius: float) -> dict[str, int]:
    """Groups within reach per agency, by plain loops (the independent check)."""
    out = {}
    for a in net.agencies:
        if a.location is None or a.location.latitude is None:
            continue
        n = 0
        for g in net.groups:
            ds = [
                float(haversine_m(a.location.latitude, a.location.longitude, p.latitude,
                                  p.longitude)) / 1000.0
                for p in g.locations
                if p.latitude is not None
            ]  # fmt: skip
            n += bool(ds) and min(ds) <= radius
        out[a.id] = n
    return out


@settings(max_examples=30)
@given(networks(max_exchanges=0, max_initiatives=0, max_actors=0, with_attributes=False))
def test_matches_brute_force_and_adds_up(net: shx.ExchangeNetwork) -> None:
    radius = 3000.0  # km: the strategy draws coordinates anywhere on Earth
    df = shx.availability(net, radius_m=1000 * (radius))
    assert len(df) == net.n_agencies
    expected = _brute_force(net, radius)
    located = df[df["has_coordinates"]]
    assert {k: int(v) for k, v in located["groups_within"].items()} == expected
    for _, row in located.iterrows():
        total = int(row["groups_within"])
        assert total == sum(int(row[f"approach_{a.value}"]) for a in shx.Approach) + int(
            row["approach_unknown"]
        )
        assert total == sum(int(row[f"focus_{f.value}"]) for f in shx.Focus) + int(
            row["focus_unknown"]
        )
        assert total == sum(int(row[f"type_{t.value}"]) for t in shx.GroupType)
        assert int(row["evening_meetings"]) <= int(row["meetings_within"])
        assert int(row["weekday_evening_meetings"]) <= int(row["evening_meetings"])
    # a wider reach never finds less
    wider = shx.availability(net, radius_m=1000 * (2 * radius))
    assert (wider.loc[located.index, "groups_within"] >= located["groups_within"]).all()


def test_distances_are_metres_and_the_old_km_spelling_still_works(
    net: shx.ExchangeNetwork,
) -> None:
    # one unit for every distance argument (as meeting_space's max_distance_m); radius_km
    # stays one release, converted, with a FutureWarning that says what to write
    new = shx.availability(net, radius_m=12_000)
    with pytest.warns(FutureWarning, match=r"write radius_m=\.\.\. \(a value in the new unit"):
        old = shx.availability(net, radius_km=12)
    pd.testing.assert_frame_equal(new, old)
    assert new.attrs["radius_m"] == 12_000.0
    assert new.attrs["radius_km"] == 12.0
    with pytest.raises(shx.ArgumentTypeError, match="give only radius_m"):
        shx.availability(net, radius_km=12, radius_m=12_000)
    with pytest.warns(FutureWarning, match="radius_km"):
        old_sa = shx.self_assessment(net, radius_km=12)
    pd.testing.assert_frame_equal(
        shx.self_assessment(net, radius_m=12_000).to_frame(), old_sa.to_frame()
    )
