"""Meeting Guide feeds as really published: approximate places, attendance, variants, fields."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.availability import availability
from selfhelp_exchange.io.meeting_guide import MAX_GROUP_PLACES
from selfhelp_exchange.io.meeting_guide_address import looks_like_street, read_place
from selfhelp_exchange.io.meeting_guide_times import read_clock_time
from selfhelp_exchange.meeting_types import read_type_codes

PIN = {"latitude": 33.7174708, "longitude": -117.8311428}
ZOOM = "https://zoom.us/j/1"


def read(*items: dict[str, Any], **kwargs: Any) -> shx.MeetingGuideFeed:
    return shx.read_meeting_guide(json.dumps(list(items)), **kwargs)


def meeting(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"name": "Noon Group", "slug": "noon", "day": 1, "time": "12:00"}
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


# ---------------------------------------------------------------------------------- times


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11:00 AM", dt.time(11, 0)),
        ("12:00 AM", dt.time(0, 0)),  # midnight
        ("12:00 PM", dt.time(12, 0)),  # noon
        ("12:59 pm", dt.time(12, 59)),
        ("1:05 p.m.", dt.time(13, 5)),
        ("11:59PM", dt.time(23, 59)),
        ("7:30 am", dt.time(7, 30)),
    ],
)
def test_twelve_hour_times_are_read_with_a_note(text: str, expected: dt.time) -> None:
    r = read_clock_time(text, "time")
    assert (r.time, r.problem) == (expected, None)
    assert r.note == f"12-hour 'time' {text!r} read as {expected:%H:%M}"
    (m,) = read(meeting(time=text)).meetings
    assert m.start == expected
    assert m.issues == ()
    assert m.reading_notes == (r.note,)


@pytest.mark.parametrize("text", ["13:00 PM", "0:30 AM", "11:60 AM", "7pm", "noon", "11:00 XM"])
def test_impossible_or_ambiguous_twelve_hour_times_skip(text: str) -> None:
    feed = read(meeting(time=text))
    assert feed.meetings == ()
    assert text in feed.skipped[0].reason


@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from(["%I:%M %p", "%I:%M%p", "%H:%M"]))
def test_any_time_written_either_way_reads_back(hour: int, minute: int, form: str) -> None:
    t = dt.time(hour, minute)
    text = t.strftime(form)
    assert read_clock_time(text, "time").time == t
    assert read_clock_time(text.lower(), "time").time == t


def test_twelve_hour_end_time() -> None:
    (m,) = read(meeting(time="7:00 PM", end_time="8:00 PM")).meetings
    assert (m.start, m.end) == (dt.time(19), dt.time(20))
    assert len(m.reading_notes) == 2


# ------------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("formatted", "city", "state", "postal", "country"),
    [
        ("Orange County, CA, USA", "Orange County", "CA", None, "USA"),
        ("Chicago, IL 60641, USA", "Chicago", "IL", "60641", "USA"),
        ("Wicker Park, Chicago, IL, USA", "Chicago", "IL", None, "USA"),
        # two lines: area and country; the area is read as a city (it may be a state)
        ("Illinois, USA", "Illinois", None, None, "USA"),
        ("Edmonton", "Edmonton", None, None, None),
    ],
)
def test_city_level_addresses(
    formatted: str, city: str | None, state: str | None, postal: str | None, country: str | None
) -> None:
    (m,) = read(meeting(formatted_address=formatted, **PIN)).meetings
    loc = m.location
    assert (loc.address, loc.city, loc.state, loc.postal_code, loc.country) == (
        None,
        city,
        state,
        postal,
        country,
    )
    assert m.precision == "city"
    assert not m.located
    assert not m.in_person
    assert m.attendance_option == "inactive"  # no place to go, no URL or phone
    assert m.formatted_address == formatted  # kept verbatim
    assert any("city-level address" in n for n in m.reading_notes)


def test_street_addresses_and_points() -> None:
    a, b, c, d = read(
        meeting(slug="a", formatted_address="4953 W Addison St, Chicago, IL 60641, USA"),
        meeting(slug="b", address="Main Street", city="Anytown"),
        meeting(slug="c", location="Hall", **PIN),
        meeting(slug="d", address="8318 104 St, Edmonton, Alberta, T6E 4E8, Canada"),
    ).meetings
    assert (a.location.address, a.location.city, a.precision) == (
        "4953 W Addison St",
        "Chicago",
        "street",
    )
    assert b.precision == "street"
    assert b.in_person
    assert c.precision == "point"
    assert c.in_person
    assert (d.location.address, d.location.city) == ("8318 104 St", "Edmonton")
    assert d.reading_notes
    assert d.issues == ()


def test_a_building_name_before_the_street() -> None:
    line = "Grand Edinger building, 1420 E Edinger Ave, Santa Ana, CA 92705, USA"
    a, b = read(
        meeting(slug="a", formatted_address=line),
        meeting(slug="b", formatted_address=line, location="Hall 2"),
    ).meetings
    assert (a.location.name, a.location.address, a.location.city) == (
        "Grand Edinger building",
        "1420 E Edinger Ave",
        "Santa Ana",
    )
    assert a.precision == "street"
    assert a.in_person
    assert b.location.name == "Hall 2"  # the feed's own building name is kept
    # a name but no street line: read as city-level
    (c,) = read(meeting(formatted_address="Cityteam, San Jose, CA 95112, USA")).meetings
    assert (c.precision, c.location.city, c.location.postal_code) == ("city", "San Jose", "95112")


def test_looks_like_street() -> None:
    assert looks_like_street("16 Marmora St")
    assert looks_like_street("Rue Principale")
    assert not looks_like_street("Orange County")
    assert not looks_like_street("Online")
    assert read_place({}, [], []) == (None, None, None)


# ---------------------------------------------------------------------------- attendance


@pytest.mark.parametrize(
    ("fields", "implied", "in_person"),
    [
        ({"address": "1 Main St", "approximate": "yes", "conference_url": ZOOM}, "online", False),
        ({"address": "1 Main St", "approximate": "yes"}, "inactive", False),
        ({"address": "1 Main St", "approximate": "no", "conference_url": ZOOM}, "hybrid", True),
        ({"formatted_address": "Orange County, CA, USA", "conference_url": ZOOM}, "online", False),
        (
            {"address": "1 Main St", "conference_phone": "+15551234", "types": ["TC"]},
            "online",
            False,
        ),
        ({**PIN, "conference_url": ZOOM}, "hybrid", True),
        ({**PIN, "approximate": "yes", "conference_url": ZOOM}, "online", False),
    ],
)
def test_approximate_places_are_never_in_person(
    fields: dict[str, Any], implied: str, in_person: bool
) -> None:
    (m,) = read(meeting(**fields)).meetings
    assert m.implied_attendance_option == m.attendance_option == implied
    assert m.in_person is in_person


def test_the_feeds_attendance_option_is_used_and_disagreements_noted() -> None:
    agree, says_hybrid, says_online, bad = read(
        meeting(slug="a", address="1 Main St", attendance_option="in_person"),
        meeting(
            slug="b", address="1 Main St", approximate="yes", conference_url=ZOOM,
            attendance_option="hybrid",
        ),
        meeting(slug="c", address="1 Main St", conference_url=ZOOM, attendance_option="Online"),
        meeting(slug="d", address="1 Main St", attendance_option="sometimes"),
    ).meetings  # fmt: skip
    assert (agree.attendance_option, agree.issues) == ("in_person", ())
    # the feed's value is kept, but an approximate place never counts in person
    assert says_hybrid.attendance_option == "hybrid"
    assert says_hybrid.implied_attendance_option == "online"
    assert not says_hybrid.in_person
    (issue,) = says_hybrid.issues
    assert "'hybrid' differs from what the fields imply ('online'" in issue
    assert "marked approximate" in issue
    assert "not counted as in person" in issue
    # the feed says online-only though a street address is given: online, not in person
    assert (says_online.attendance_option, says_online.in_person) == ("online", False)
    assert "'online' differs" in says_online.issues[0]
    assert bad.feed_attendance_option is None
    assert bad.attendance_option == "in_person"
    assert "'attendance_option' must be one of" in bad.issues[0]


def test_meeting_space_is_never_inferred_from_an_approximate_place() -> None:
    agency = shx.Agency("A", "Clinic", location={**PIN, "address": "1 Main St"})
    approx = read(meeting(address="1 Main St", approximate="yes", conference_url=ZOOM, **PIN))
    precise = read(meeting(address="1 Main St", approximate="no", conference_url=ZOOM, **PIN))
    assert shx.infer_meeting_space([agency], approx) == []
    assert shx.infer_meeting_space([agency], approx, include_inactive=True) == []
    (e,) = shx.infer_meeting_space([agency], precise)
    assert e.attributes["method"] == "address+distance"


def test_availability_does_not_count_online_meetings_in_person() -> None:
    # one group: an in-person meeting 1.1 km north of the agency, and an online meeting
    # pinned at the agency's own coordinates with "approximate": "yes"
    near = {"latitude": PIN["latitude"] + 0.01, "longitude": PIN["longitude"]}
    feed = read(
        meeting(slug="a", group="G", address="1 Main St", **near),
        meeting(slug="b", group="G", day=2, address="Anytown", approximate="yes",
                conference_url=ZOOM, **PIN),
    )  # fmt: skip
    (g,) = feed.groups
    assert len(g.locations) == 1
    assert g.attributes["remote_meetings"] == "1"
    net = shx.ExchangeNetwork(agencies=[shx.Agency("A", "Clinic", location=PIN)], groups=[g])
    row = availability(net, radius_m=10000).loc["A"]
    assert int(row["meetings_within"]) == 1
    assert round(float(row["nearest_group_km"]), 2) == 1.11
    row = availability(net, radius_m=10000, count_online=True).loc["A"]
    assert int(row["meetings_within"]) == 2
    # beyond reach of the in-person meeting, nothing is within reach
    row = availability(net, radius_m=1000).loc["A"]
    assert int(row["meetings_within"]) == 0


# ----------------------------------------------------------------------------------- types


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("[open]", ("O",)),
        ("[Closed]", ("C",)),
        ("[open, discussion]", ("O", "D")),
        ('["O", "W"]', ("O", "W")),
        ("O,D", ("O", "D")),
        ("[mystery]", ("mystery",)),
    ],
)
def test_bracketed_type_strings(value: str, codes: tuple[str, ...]) -> None:
    got, issues, notes = read_type_codes(value)
    assert got == codes
    assert issues == []
    assert notes == [f"'types' given as the text {value!r}; read as {', '.join(codes)}"]


def test_bracketed_types_give_admission() -> None:
    a, b = read(meeting(slug="a", types="[open]"), meeting(slug="b", types="[closed]")).meetings
    assert (a.admission, b.admission) == (shx.Admission.OPEN, shx.Admission.CLOSED)
    assert a.issues == ()


def test_a_known_code_in_other_case() -> None:
    (m,) = read(meeting(types=["onl", "o", "lgbtq"], conference_url=ZOOM)).meetings
    assert m.types == ("ONL", "O", "LGBTQ")
    assert m.issues == ()
    assert "type code 'onl' read as 'ONL' (the same code in other case)" in m.reading_notes


def test_onl_is_a_variant_not_an_unknown_code() -> None:
    feed = read(meeting(types=["O", "ONL"], conference_url=ZOOM))
    assert feed.unknown_types == ()
    (m,) = feed.meetings
    assert m.type_names == ("Open", "Online")
    assert m.issues == ()
    assert m.attendance_option == "online"


# ---------------------------------------------------------------------------------- fields


def full_meeting() -> dict[str, Any]:
    return meeting(
        address="123 Main Street", city="Anytown", state="CA", postal_code="98765",
        country="US", approximate="no", conference_url=ZOOM,
        conference_url_notes="Passcode: 1234", conference_phone="+15551234",
        conference_phone_notes="Meeting id 1 #", district="District 123", sub_district="7A",
        contact_1_name="Pat", contact_1_email="pat@example.org", contact_3_phone="+15550100",
        attendance_option="hybrid", entity="District 123", entity_email="info@example.org",
        feedback_emails=["updates@example.org"], venmo="@group", paypal="group",
        location_id=60828, types=["O", "ONL"], regions=["Anytown", "Downtown"],
        updated="2014-05-31 14:32:23", notes="Ring buzzer.\nSecond floor.", group="Serenity",
        group_notes="Since 1980", location_notes="Back door", url="https://example.org/m",
    )  # fmt: skip


def test_every_spec_field_is_kept() -> None:
    (m,) = read(full_meeting()).meetings
    assert m.issues == ()
    assert (m.conference_url_notes, m.conference_phone_notes) == (
        "Passcode: 1234",
        "Meeting id 1 #",
    )
    assert (m.district, m.sub_district) == ("District 123", "7A")
    assert m.contacts == (
        shx.MeetingContact(1, "Pat", "pat@example.org", None),
        shx.MeetingContact(3, None, None, "+15550100"),
    )
    assert m.feed_attendance_option == "hybrid" == m.attendance_option
    assert dict(m.extra) == {
        "entity_email": '"info@example.org"',
        "feedback_emails": '["updates@example.org"]',
        "venmo": '"@group"',
        "paypal": '"group"',
        "location_id": "60828",
    }


def test_round_trip_of_every_field() -> None:
    feed = read(full_meeting(), meeting(slug="two", day=[0, 6], time="7:30 PM", types="[open]"))
    text = shx.write_meeting_guide(feed)
    again = shx.read_meeting_guide(text)
    assert all(m.issues == () for m in again.meetings)
    for a, b in zip(feed.meetings, again.meetings, strict=True):
        # reading notes say how the source was written; the writer uses the format's forms
        assert attrs.evolve(b, reading_notes=a.reading_notes) == a
    # the written item carries the format's forms
    items = json.loads(text)
    assert items[1]["day"] == [0, 6]
    assert items[1]["time"] == "19:30"
    assert items[1]["types"] == ["O"]
    assert items[0]["contact_3_phone"] == "+15550100"
    assert items[0]["updated"] == "2014-05-31 14:32:23"


def test_to_frame_has_every_field() -> None:
    df = read(full_meeting()).to_frame()
    row = df.iloc[0]
    assert row["conference_url_notes"] == "Passcode: 1234"
    assert row["district"] == "District 123"
    assert json.loads(row["contacts"])[0]["name"] == "Pat"
    assert json.loads(row["extra"])["feedback_emails"] == ["updates@example.org"]
    assert row["feed_attendance_option"] == "hybrid"
    assert bool(row["in_person"])
    assert json.loads(row["regions"]) == ["Anytown", "Downtown"]


# ---------------------------------------------------------------------------------- groups


@pytest.mark.parametrize("n_places", [1, MAX_GROUP_PLACES, MAX_GROUP_PLACES + 1, 12])
def test_implausible_groups_are_flagged_past_the_threshold(n_places: int) -> None:
    items = [
        meeting(slug=f"m{i}", group="District 9", address=f"{i + 1} Main St", city="Anytown")
        for i in range(n_places)
    ]
    feed = read(*items)
    (g,) = feed.groups
    flagged = n_places > MAX_GROUP_PLACES
    assert (g.attributes.get("implausible_group") is True) is flagged
    assert any("implausible_group" in n for n in feed.notes) is flagged
    if flagged:
        assert g.attributes["places"] == n_places


def test_online_meetings_of_a_group_do_not_count_as_places() -> None:
    items = [
        meeting(slug=f"m{i}", group="G", formatted_address=f"Town {i}, CA, USA",
                approximate="yes", conference_url=ZOOM)
        for i in range(MAX_GROUP_PLACES + 3)
    ]  # fmt: skip
    (g,) = read(*items).groups
    assert "implausible_group" not in g.attributes
    assert g.meeting_place is shx.MeetingPlace.ONLINE
    assert g.locations == ()


# ------------------------------------------------------------------------------ properties

_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")),
    min_size=1,
    max_size=12,
)
_listing = st.fixed_dictionaries(
    {"name": _text, "day": st.lists(st.integers(0, 6), min_size=1, max_size=3, unique=True)},
    optional={
        "time": st.times().map(lambda t: t.strftime("%I:%M %p")),
        "address": st.sampled_from(["1 Main St", "Main Street", "Orange County", "Zoom"]),
        "formatted_address": st.sampled_from(
            ["Orange County, CA, USA", "Hall, 5 Elm Ave, Town, ST 12345, USA", "Town, ST"]
        ),
        "latitude": st.floats(-80, 80),
        "approximate": st.sampled_from(["yes", "no"]),
        "conference_url": st.just(ZOOM),
        "conference_url_notes": _text,
        "conference_phone_notes": _text,
        "district": _text,
        "contact_2_email": _text,
        "attendance_option": st.sampled_from(["in_person", "hybrid", "online", "inactive"]),
        "types": st.sampled_from([["O", "ONL"], "[closed]", ["TC"], ["w"]]),
        "venmo": _text,
        "feedback_emails": st.lists(_text, max_size=2),
    },
)


@given(st.lists(_listing, min_size=1, max_size=5))
def test_written_feeds_read_back_the_same(listings: list[dict[str, Any]]) -> None:
    items = []
    for i, it in enumerate(listings):
        item = {**it, "slug": f"s{i}"}
        if "latitude" in item:
            item["longitude"] = 10.0
        items.append(item)
    feed = read(*items)
    again = shx.read_meeting_guide(shx.write_meeting_guide(feed))
    assert len(again.meetings) == len(feed.meetings)
    for a, b in zip(feed.meetings, again.meetings, strict=True):
        assert attrs.evolve(b, reading_notes=a.reading_notes, issues=a.issues) == a
    for m in feed.meetings:
        # never in person from an approximate or city-level place, whatever the feed says
        if m.approximate or m.precision == "city":
            assert not m.in_person
        if m.in_person:
            assert m.location is not None
