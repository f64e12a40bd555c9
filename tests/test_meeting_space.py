from __future__ import annotations

import json
from pathlib import Path

import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.meeting_space import DEFAULT_MAX_DISTANCE_M

QUINTE = Path(__file__).parent / "data" / "meeting-guide" / "feed-quinte-ontario.json"

# Belleville General Hospital as the Quinte feed places it (meeting slug 7, "Moira Group")
BGH = (44.1627054, -77.3643232)
# one ten-thousandth of a degree of latitude is 11.11951 m (R = 6371.0088 km), so 0.0005 degree
# north is 55.598 m away
NORTH_55M = (BGH[0] + 0.0005, BGH[1])


@pytest.fixture(scope="module")
def feed() -> shx.MeetingGuideFeed:
    return shx.read_meeting_guide(QUINTE, fellowship="AA")


def agency(
    agency_id: str = "BGH",
    address: str | None = None,
    city: str | None = None,
    coords: tuple[float, float] | None = None,
) -> shx.Agency:
    loc = shx.Location(
        address,
        city,
        latitude=None if coords is None else coords[0],
        longitude=None if coords is None else coords[1],
    )
    return shx.Agency(agency_id, "Quinte Health", sector="co_occurring", location=loc)


def test_default_distance() -> None:
    assert DEFAULT_MAX_DISTANCE_M == 100.0


def test_belleville_general_hospital_hosts_exactly_moira_group(
    feed: shx.MeetingGuideFeed,
) -> None:
    # Read from the feed: slug 7 is the only meeting at 265 Dundas St E; the next nearest
    # meeting place (75 St Paul St) is over 900 m away.
    hospital = agency(address="265 Dundas Street East", city="Belleville", coords=BGH)
    (e,) = shx.infer_meeting_space([hospital], feed)
    assert (e.source, e.target, e.kind) == (
        "BGH",
        "mg-moira-group",
        shx.ExchangeKind.MEETING_SPACE,
    )
    assert e.weight == 1.0
    assert dict(e.attributes) == {
        "inferred": True,
        "method": "address+distance",
        "evidence": "address match: '265 dundas st e, belleville'; within 0.0 m of the agency "
        "(limit 100 m)",
        "max_distance_m": 100.0,
        "meeting_slugs": "7",
        "source": "meeting_guide",
        "distance_m": 0.0,
    }


def test_prince_edward_county_hospital(feed: shx.MeetingGuideFeed) -> None:
    pech = agency("PECH", address="403 Main St. East", city="Picton")
    (e,) = shx.infer_meeting_space([pech], feed)
    assert e.target == "mg-picton-12-12-meeting"
    assert e.attributes["method"] == "address"
    assert "distance_m" not in e.attributes  # the agency has no coordinates


def test_distance_match_hand_worked(feed: shx.MeetingGuideFeed) -> None:
    near = agency(coords=NORTH_55M)
    (e,) = shx.infer_meeting_space([near], feed)
    assert e.target == "mg-moira-group"
    assert e.attributes["method"] == "distance"
    assert e.attributes["distance_m"] == 55.6
    assert shx.infer_meeting_space([near], feed, max_distance_m=55.5) == []
    assert len(shx.infer_meeting_space([near], feed, max_distance_m=55.7)) == 1


def test_address_match_can_be_turned_off(feed: shx.MeetingGuideFeed) -> None:
    hospital = agency(address="265 Dundas St E", city="Belleville")
    assert len(shx.infer_meeting_space([hospital], feed)) == 1
    assert shx.infer_meeting_space([hospital], feed, match_address=False) == []


@pytest.mark.parametrize(
    ("address", "city", "found"),
    [
        ("265 Dundas St E", "Belleville", True),
        ("265 DUNDAS STREET EAST", None, True),  # no city on one side
        ("265 Dundas St. E., Belleville", None, True),  # city written in the street line
        ("265 Dundas St E", "Trenton", False),  # another town's Dundas Street
        ("265 Dundas St W", "Belleville", False),
        ("256 Dundas St E", "Belleville", False),
        (None, "Belleville", False),
    ],
)
def test_address_rules(
    feed: shx.MeetingGuideFeed, address: str | None, city: str | None, found: bool
) -> None:
    got = shx.infer_meeting_space([agency(address=address, city=city)], feed)
    assert bool(got) is found


def test_several_meetings_of_one_group_weigh_by_count(feed: shx.MeetingGuideFeed) -> None:
    church = agency("SAP", address="16 Marmora Street", city="Trenton")
    (e,) = shx.infer_meeting_space([church], feed)
    assert e.target == "mg-plug-in-the-jug-meeting"
    assert e.weight == 5.0
    assert e.attributes["meeting_slugs"] == "45;46;47;48;49"


def test_several_groups_at_one_place_in_id_order(feed: shx.MeetingGuideFeed) -> None:
    hall = agency("ENG", address="43 Pine St", city="Belleville")
    got = shx.infer_meeting_space([hall], feed)
    # Engineers Hall: New Hope Group (23), Belleville Sunday Morning (18), Desire Group (17)
    assert [e.target for e in got] == [
        "mg-belleville-sunday-morning",
        "mg-desire-group",
        "mg-new-hope-group",
    ]


def test_distance_finds_what_the_address_misses(feed: shx.MeetingGuideFeed) -> None:
    # St Columba: "520 Bridge St East" (Triangle Unity) and "520 Bridge St E & Farley" (Women
    # Living Sober, One Page at a Time) are one church geocoded 81.3 m apart.
    triangle = (44.1720804, -77.3502171)
    by_address = agency("COL", address="520 Bridge Street East", city="Belleville")
    assert [e.target for e in shx.infer_meeting_space([by_address], feed)] == [
        "mg-triangle-unity-group"
    ]
    both = agency("COL", address="520 Bridge Street East", city="Belleville", coords=triangle)
    got = {e.target: e for e in shx.infer_meeting_space([both], feed)}
    assert sorted(got) == [
        "mg-one-page-at-a-time",
        "mg-triangle-unity-group",
        "mg-women-living-sober",
    ]
    assert got["mg-women-living-sober"].attributes["method"] == "distance"
    assert got["mg-women-living-sober"].attributes["distance_m"] == 81.3
    assert got["mg-triangle-unity-group"].attributes["method"] == "address+distance"
    assert len(shx.infer_meeting_space([both], feed, max_distance_m=80)) == 1


def test_agencies_in_order_and_without_location(feed: shx.MeetingGuideFeed) -> None:
    agencies = [
        agency("Z", address="403 Main St E", city="Picton"),
        shx.Agency("NOLOC", "No place"),
        agency("A", coords=BGH),
    ]
    got = shx.infer_meeting_space(agencies, feed)
    assert [(e.source, e.target) for e in got] == [
        ("Z", "mg-picton-12-12-meeting"),
        ("A", "mg-moira-group"),
    ]


def test_network_argument_and_valid_exchanges(feed: shx.MeetingGuideFeed) -> None:
    hospital = agency(address="265 Dundas St E", city="Belleville", coords=BGH)
    net = shx.ExchangeNetwork(agencies=[hospital], groups=feed.groups)
    inferred = shx.infer_meeting_space(net, feed)
    full = shx.ExchangeNetwork(agencies=[hospital], groups=feed.groups, exchanges=inferred)
    assert full.n_exchanges == 1
    source_role, _ = full.arrays.effective_roles()
    assert source_role.tolist() == [2]  # the clients' subunit, as the catalogue says
    assert full.exchange_attributes is not None
    assert full.exchange_attributes[0]["inferred"] is True


def test_temporarily_closed_meetings() -> None:
    items = [
        {
            "name": "Closed Now",
            "slug": "a",
            "day": 1,
            "time": "19:00",
            "types": ["TC"],
            "address": "1 Hospital Rd",
            "city": "X",
        },
        {
            "name": "Online Now",
            "slug": "b",
            "day": 2,
            "time": "19:00",
            "types": ["TC"],
            "address": "1 Hospital Rd",
            "city": "X",
            "conference_url": "https://z/1",
        },
    ]
    feed = shx.read_meeting_guide(json.dumps(items))
    hosp = agency(address="1 Hospital Road", city="X")
    assert shx.infer_meeting_space([hosp], feed) == []
    got = shx.infer_meeting_space([hosp], feed, include_inactive=True)
    assert len(got) == 2


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf"), "100", True])
def test_bad_distance(feed: shx.MeetingGuideFeed, bad: object) -> None:
    with pytest.raises(shx.ArgumentError, match="'max_distance_m' must be a finite number"):
        shx.infer_meeting_space([agency(coords=BGH)], feed, max_distance_m=bad)  # type: ignore[arg-type]


def test_zero_distance_keeps_identical_coordinates(feed: shx.MeetingGuideFeed) -> None:
    assert len(shx.infer_meeting_space([agency(coords=BGH)], feed, max_distance_m=0)) == 1
    assert shx.infer_meeting_space([agency(coords=NORTH_55M)], feed, max_distance_m=0) == []


def test_empty_inputs(feed: shx.MeetingGuideFeed) -> None:
    assert shx.infer_meeting_space([], feed) == []
    assert shx.infer_meeting_space([agency(coords=BGH)], shx.read_meeting_guide("[]")) == []


def test_brute_force_agreement(feed: shx.MeetingGuideFeed) -> None:
    # an agency at every meeting place, found again by a plain loop over meetings
    from selfhelp_exchange.geo import haversine_m

    places = sorted(
        {(m.location.latitude, m.location.longitude) for m in feed.meetings if m.location}
    )
    agencies = [agency(f"A{i}", coords=p) for i, p in enumerate(places)]
    got = {(e.source, e.target) for e in shx.infer_meeting_space(agencies, feed, 500.0)}
    expected = set()
    for a in agencies:
        for m in feed.meetings:
            d = haversine_m(
                a.location.latitude,
                a.location.longitude,
                m.location.latitude,
                m.location.longitude,
            )
            if float(d) <= 500.0:
                expected.add((a.id, m.group_id))
    assert got == expected
    assert len(got) >= len(agencies)  # each agency at least hosts the meetings at its spot


def test_apply_meeting_space(feed: shx.MeetingGuideFeed) -> None:
    agencies = [
        agency("BGH", address="265 Dundas St E", city="Belleville"),
        agency("SAP", address="16 Marmora St", city="Trenton"),
    ]
    inferred = shx.infer_meeting_space(agencies, feed)
    groups = shx.apply_meeting_space(feed.groups, inferred)
    hosted = {g.id for g in groups if g.meeting_place is shx.MeetingPlace.AGENCY_PREMISES}
    assert hosted == {"mg-moira-group", "mg-plug-in-the-jug-meeting"}
    assert len(groups) == len(feed.groups)


def test_apply_meeting_space_needs_every_meeting_hosted() -> None:
    g = shx.SelfHelpGroup(
        "G",
        "Two places",
        "mutual_help",
        meeting_place="community",
        attributes={"meeting_slugs": "1;2"},
    )
    half = shx.Exchange("A", "G", "meeting_space", attributes={"meeting_slugs": "1"})
    other_kind = shx.Exchange(
        ("A", "practitioners"), "G", "referral", attributes={"meeting_slugs": "1;2"}
    )
    assert shx.apply_meeting_space([g], [half, other_kind])[0].meeting_place is (
        shx.MeetingPlace.COMMUNITY
    )
