"""Each record's own rules: ids, names, enums, weights, dates, subunits, locations, meetings."""

from __future__ import annotations

import datetime as dt
import math

import attrs
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.record_fields import check_id
from selfhelp_exchange.records import endpoint_node, endpoint_role, to_endpoint

# ---------------------------------------------------------------------------- ids and names


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        ("", "non-empty"),
        (" A1", "leading or trailing"),
        ("A1 ", "leading or trailing"),
        ("A\x001", "control"),
        ("A\n1", "control"),
        (1, "must be a string"),
        (None, "must be a string"),
    ],
)
@pytest.mark.parametrize(
    "build",
    [
        lambda i: shx.Agency(i, "An agency"),
        lambda i: shx.SelfHelpGroup(i, "A group", "mutual_help"),
        lambda i: shx.CommunityActor(i, "A paper", "media"),
        lambda i: shx.Initiative(i, "advocacy", sponsors=["A1"]),
    ],
    ids=["agency", "group", "actor", "initiative"],
)
def test_bad_ids_are_refused_with_the_value_named(build, bad, fragment) -> None:
    with pytest.raises(shx.RecordError, match=fragment) as info:
        build(bad)
    assert repr(bad) in str(info.value)
    assert isinstance(info.value, ValueError)


def test_awkward_but_valid_ids_are_kept_unchanged() -> None:
    for good in ("A-1", "Ágencia São João", "a b", "組織", "x" * 200):
        assert check_id(good, "id") == good
        assert shx.Agency(good, "n").id == good


@pytest.mark.parametrize("bad", ["", "   ", None, 3])
def test_names_must_be_non_empty_strings(bad) -> None:
    with pytest.raises(shx.RecordError, match="'name' must be a non-empty string"):
        shx.Agency("A1", bad)
    with pytest.raises(shx.RecordError, match="'name' must be a non-empty string"):
        shx.CommunityActor("M1", bad, "media")


def test_optional_text_fields_refuse_blank_strings() -> None:
    with pytest.raises(shx.RecordError, match="'fellowship' must be None or a non-empty string"):
        shx.SelfHelpGroup("G1", "g", "mutual_help", fellowship="  ")
    with pytest.raises(shx.RecordError, match="'city'"):
        shx.Location(city="")


# ---------------------------------------------------------------------------- enums

ENUM_CASES = [
    (lambda v: shx.Agency("A1", "a", sector=v), "sector", shx.Sector),
    (lambda v: shx.SelfHelpGroup("G1", "g", v), "group_type", shx.GroupType),
    (lambda v: shx.SelfHelpGroup("G1", "g", "mutual_help", focus=v), "focus", shx.Focus),
    (lambda v: shx.SelfHelpGroup("G1", "g", "mutual_help", approach=v), "approach", shx.Approach),
    (
        lambda v: shx.SelfHelpGroup("G1", "g", "mutual_help", meeting_place=v),
        "meeting_place",
        shx.MeetingPlace,
    ),
    (
        lambda v: shx.SelfHelpGroup("G1", "g", "mutual_help", admission=v),
        "admission",
        shx.Admission,
    ),
    (lambda v: shx.SelfHelpGroup("G1", "g", "mutual_help", timing=v), "timing", shx.Timing),
    (
        lambda v: shx.SelfHelpGroup("G1", "g", "mutual_help", facilitation=v),
        "facilitation",
        shx.Facilitation,
    ),
    (lambda v: shx.CommunityActor("M1", "m", v), "kind", shx.ActorKind),
    (lambda v: shx.Initiative("I1", v, sponsors=["A1"]), "kind", shx.InitiativeKind),
    (lambda v: shx.Exchange("A1", "G1", v), "kind", shx.ExchangeKind),
    (lambda v: shx.MeetingTime(v, "19:00"), "day", shx.Weekday),
]


@pytest.mark.parametrize(("build", "field", "cls"), ENUM_CASES)
def test_a_bad_enum_value_lists_every_allowed_value(build, field, cls) -> None:
    with pytest.raises(shx.RecordError) as info:
        build("not-a-value")
    message = str(info.value)
    assert f"{field!r} must be one of" in message
    assert "(got 'not-a-value')" in message
    for member in cls:
        assert repr(member.value) in message


@pytest.mark.parametrize(("build", "field", "cls"), ENUM_CASES)
def test_enum_fields_accept_members_and_their_string_values(build, field, cls) -> None:
    member = next(iter(cls))
    by_member, by_value = build(member), build(member.value)
    assert getattr(by_member, field) is member
    assert getattr(by_value, field) is member


def test_group_continuum_fields_default_to_unknown() -> None:
    g = shx.SelfHelpGroup("G1", "g", "mutual_help")
    assert (g.focus, g.approach, g.meeting_place, g.admission, g.timing, g.facilitation) == (
        None,
    ) * 6
    assert shx.Agency("A1", "a").sector is shx.Sector.OTHER


# ---------------------------------------------------------------------------- exchanges


@pytest.mark.parametrize("bad", [-1, -0.5, math.nan, math.inf, -math.inf, True, "3", None])
def test_exchange_weight_must_be_a_finite_non_negative_number(bad) -> None:
    with pytest.raises(shx.RecordError, match="'weight' must be a finite number >= 0"):
        shx.Exchange("A1", "G1", "referral", weight=bad)


def test_exchange_weight_is_stored_as_float_and_zero_is_allowed() -> None:
    assert shx.Exchange("A1", "G1", "referral", weight=3).weight == 3.0
    assert isinstance(shx.Exchange("A1", "G1", "referral", weight=3).weight, float)
    assert shx.Exchange("A1", "G1", "referral", weight=0).weight == 0.0
    assert shx.Exchange("A1", "G1", "referral").weight == 1.0


@pytest.mark.parametrize("bad", ["2024-13-01", "01/02/2024", "2024-02-30", "soon", 20240101])
def test_exchange_dates_must_be_iso_dates(bad) -> None:
    with pytest.raises(shx.RecordError, match=r"'start' must be a date as YYYY-MM-DD"):
        shx.Exchange("A1", "G1", "referral", start=bad)
    with pytest.raises(shx.RecordError, match=r"'end' must be a date as YYYY-MM-DD"):
        shx.Exchange("A1", "G1", "referral", end=bad)


def test_exchange_dates_accept_date_datetime_and_iso_text() -> None:
    e = shx.Exchange(
        "A1", "G1", "referral", start=dt.datetime(2024, 1, 2, 13, 45), end=" 2024-03-31 "
    )
    assert e.start == dt.date(2024, 1, 2)
    assert e.end == dt.date(2024, 3, 31)
    assert shx.Exchange("A1", "G1", "referral", start=dt.date(2024, 1, 2)).start == dt.date(
        2024, 1, 2
    )


def test_exchange_end_before_start_is_refused_naming_both_dates() -> None:
    with pytest.raises(
        shx.RecordError, match=r"'end' \(2024-01-01\) is before 'start' \(2024-02-01\)"
    ):
        shx.Exchange("A1", "G1", "referral", start="2024-02-01", end="2024-01-01")
    same_day = shx.Exchange("A1", "G1", "referral", start="2024-02-01", end="2024-02-01")
    assert same_day.start == same_day.end


def test_a_subunit_endpoint_must_be_the_subunit_the_kind_touches() -> None:
    with pytest.raises(shx.RecordError) as info:
        shx.Exchange(("A1", shx.Role.BOARD), "G1", "referral")
    message = str(info.value)
    assert "'referral' touches the practitioners subunit" in message
    assert "'source' names the board subunit" in message
    assert "(valid: practitioners)" in message
    with pytest.raises(shx.RecordError, match="'target' names the clients subunit"):
        shx.Exchange("G1", ("A1", "clients"), "board_seat")


def test_a_whole_agency_endpoint_and_the_right_subunit_are_both_accepted() -> None:
    for kind in shx.adaptational_kinds():
        assert shx.Exchange("A1", "G1", kind).kind is kind
        assert shx.Exchange(("A1", kind.role), "G1", kind).source == ("A1", kind.role)
        assert shx.Exchange("G1", ("A1", kind.role.value), kind).target == ("A1", kind.role)


def test_joint_initiative_exchanges_are_refused_pointing_to_initiatives() -> None:
    with pytest.raises(shx.RecordError, match="record an Initiative with both sponsors"):
        shx.Exchange("A1", "G1", "joint_initiative")


def test_an_exchange_cannot_link_an_organization_to_itself() -> None:
    with pytest.raises(shx.RecordError, match="same organization"):
        shx.Exchange(("A1", "practitioners"), "A1", "referral")


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        (("A1", "chair"), "'chair'"),
        (("A1", "board", "x"), "node id or an \\(agency_id, Role\\) pair"),
        (3, "node id or an \\(agency_id, Role\\) pair"),
        ((" A1", "board"), "leading or trailing"),
    ],
)
def test_bad_endpoints_are_refused(bad, fragment) -> None:
    with pytest.raises(shx.RecordError, match=fragment):
        shx.Exchange(bad, "G1", "board_seat")


def test_endpoint_helpers() -> None:
    sub = to_endpoint(["A1", "board"])
    assert sub == ("A1", shx.Role.BOARD)
    assert endpoint_node(sub) == "A1"
    assert endpoint_role(sub) is shx.Role.BOARD
    assert endpoint_node("G1") == "G1"
    assert endpoint_role("G1") is None
    assert shx.Agency("A1", "a").subunit("clients") == ("A1", shx.Role.CLIENTS)


def test_records_are_frozen_and_evolve() -> None:
    a = shx.Agency("A1", "a")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.name = "b"  # type: ignore[misc]
    assert attrs.evolve(a, name="b").name == "b"
    with pytest.raises(shx.RecordError):
        attrs.evolve(a, sector="nowhere")


# ---------------------------------------------------------------------------- locations


def test_latitude_and_longitude_come_in_pairs() -> None:
    with pytest.raises(shx.RecordError, match="needs both 'latitude' and 'longitude'"):
        shx.Location(latitude=44.1)
    with pytest.raises(shx.RecordError, match=r"longitude=-77\.4"):
        shx.Location(longitude=-77.4)
    loc = shx.Location(latitude=44, longitude=-77)
    assert loc.has_coordinates
    assert isinstance(loc.latitude, float)
    assert not shx.Location(address="1 Main St").has_coordinates


@pytest.mark.parametrize(
    ("lat", "lon", "field"),
    [
        (90.5, 0, "latitude"),
        (-91, 0, "latitude"),
        (0, 180.5, "longitude"),
        (0, -181, "longitude"),
        (math.nan, 0, "latitude"),
        (0, math.inf, "longitude"),
        (True, 0, "latitude"),
        ("44.1", 0, "latitude"),
    ],
)
def test_coordinates_must_be_in_range(lat, lon, field) -> None:
    with pytest.raises(shx.RecordError, match=f"'{field}' must be a number from"):
        shx.Location(latitude=lat, longitude=lon)


def test_the_poles_and_the_antimeridian_are_valid() -> None:
    assert shx.Location(latitude=90, longitude=180).latitude == 90.0
    assert shx.Location(latitude=-90, longitude=-180).longitude == -180.0


def test_agency_and_group_locations_accept_mappings() -> None:
    a = shx.Agency("A1", "a", location={"city": "Riverside", "latitude": 1, "longitude": 2})
    assert a.location == shx.Location(city="Riverside", latitude=1.0, longitude=2.0)
    g = shx.SelfHelpGroup("G1", "g", "mutual_help", locations=[{"city": "Riverside"}])
    assert g.locations == (shx.Location(city="Riverside"),)
    with pytest.raises(shx.RecordError, match="cannot hold None"):
        shx.SelfHelpGroup("G1", "g", "mutual_help", locations=[None])
    with pytest.raises(shx.RecordError, match="sequence of Location"):
        shx.SelfHelpGroup("G1", "g", "mutual_help", locations="Riverside")


# ---------------------------------------------------------------------------- meetings


def test_a_meeting_location_must_index_the_groups_locations() -> None:
    one = [shx.Location(city="Riverside")]
    ok = shx.SelfHelpGroup(
        "G1",
        "g",
        "mutual_help",
        locations=one,
        meetings=[shx.MeetingTime("monday", "19:00", location=0)],
    )
    assert ok.meetings[0].location == 0
    with pytest.raises(shx.RecordError) as info:
        shx.SelfHelpGroup(
            "G1",
            "g",
            "mutual_help",
            locations=one,
            meetings=[
                {"day": "monday", "start": "19:00"},
                {"day": "friday", "start": "12:00", "location": 1},
            ],
        )
    message = str(info.value)
    assert "group 'G1': meeting 1 names location 1" in message
    assert "has 1 location(s) (valid: 0 to 0)" in message
    with pytest.raises(shx.RecordError, match="names location 0"):
        shx.SelfHelpGroup(
            "G1", "g", "mutual_help", meetings=[shx.MeetingTime("monday", "19:00", location=0)]
        )


@pytest.mark.parametrize("bad", [-1, True, 1.0, "0"])
def test_a_meeting_location_must_be_a_non_negative_int(bad) -> None:
    with pytest.raises(shx.RecordError, match="'location' must be None or a position >= 0"):
        shx.MeetingTime("monday", "19:00", location=bad)


def test_meeting_times() -> None:
    m = shx.MeetingTime("Tuesday".lower(), "19:30", "20:30", timezone="America/New_York")
    assert m.day is shx.Weekday.TUESDAY
    assert m.day.number == 1
    assert m.start == dt.time(19, 30)
    assert m.end == dt.time(20, 30)
    assert shx.MeetingTime("sunday", dt.time(18)).day.number == 6
    with pytest.raises(shx.RecordError, match="'start' must be a time of day as HH:MM"):
        shx.MeetingTime("monday", "25:00")
    with pytest.raises(shx.RecordError, match="'end' must be a time of day"):
        shx.MeetingTime("monday", "19:00", "late")
    with pytest.raises(shx.RecordError, match="without tzinfo"):
        shx.MeetingTime("monday", dt.time(19, tzinfo=dt.UTC))
    with pytest.raises(shx.RecordError, match="must hold MeetingTime"):
        shx.SelfHelpGroup("G1", "g", "mutual_help", meetings=["monday 19:00"])


# ---------------------------------------------------------------------------- initiatives


def test_initiative_sponsors_and_audiences() -> None:
    i = shx.Initiative("I1", "recovery_event", sponsors=["A1", "G1"], date="2024-09-15")
    assert i.sponsors == ("A1", "G1")
    assert i.audiences == ()
    assert i.date == dt.date(2024, 9, 15)
    with pytest.raises(shx.RecordError, match="initiative 'I1' needs at least one sponsor"):
        shx.Initiative("I1", "advocacy", sponsors=[])
    with pytest.raises(shx.RecordError, match=r"'sponsors' names \['A1'\] more than once"):
        shx.Initiative("I1", "advocacy", sponsors=["A1", "G1", "A1"])
    with pytest.raises(shx.RecordError, match="'sponsors' must be a sequence of ids"):
        shx.Initiative("I1", "advocacy", sponsors="A1")
    with pytest.raises(shx.RecordError, match="an id in 'audiences'"):
        shx.Initiative("I1", "advocacy", sponsors=["A1"], audiences=[""])
    with pytest.raises(shx.RecordError, match="'date' must be a date"):
        shx.Initiative("I1", "advocacy", sponsors=["A1"], date="September")


# ---------------------------------------------------------------------------- attributes


def test_attributes_are_immutable_hashable_and_typed() -> None:
    a = shx.Attributes({"beds": 40, "county": "Riverside", "ok": True, "ratio": 0.5})
    assert hash(a) == hash(shx.Attributes(dict(a)))
    assert a == {"beds": 40, "county": "Riverside", "ok": True, "ratio": 0.5}
    # 1 and True are equal in Python but must not be after a round trip
    assert shx.Attributes({"x": 1}) != shx.Attributes({"x": True})
    with pytest.raises(TypeError):
        a["beds"] = 41  # type: ignore[index]
    with pytest.raises(shx.RecordError, match="attribute names must be non-empty strings"):
        shx.Attributes({"": 1})
    with pytest.raises(shx.RecordError, match="attribute 'x' must be a str, int, float or bool"):
        shx.Attributes({"x": [1, 2]})
    with pytest.raises(shx.RecordError, match="attribute 'x' must be a finite number"):
        shx.Attributes({"x": math.nan})
    with pytest.raises(shx.RecordError, match="attributes must be a mapping"):
        shx.Agency("A1", "a", attributes=[1, 2])
    assert shx.Agency("A1", "a", attributes=None).attributes == {}


def test_a_whole_number_past_float_is_a_record_error() -> None:
    with pytest.raises(shx.RecordError, match="too large for a float"):
        shx.Exchange("A1", "G1", "referral", weight=10**400)
    with pytest.raises(shx.RecordError, match=r"'latitude' must be a number from -90\.0 to 90\.0"):
        shx.Location(latitude=10**400, longitude=0)
