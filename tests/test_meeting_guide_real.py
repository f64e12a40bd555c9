"""Real Meeting Guide feeds as intergroups publish them (tests/data/meeting-guide/real/).

Expected values are worked out here from the raw JSON, independently of the reader.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.availability import availability
from selfhelp_exchange.meetings import READ_KEYS

REAL = Path(__file__).parent / "data" / "meeting-guide" / "real"
FEEDS = sorted(p.name for p in REAL.glob("*.json"))


def raw(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((REAL / name).read_text(encoding="utf-8"))
    return data


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def test_the_fixtures_are_the_documented_ones() -> None:
    assert FEEDS == ["al-anon.json", "edmonton-aa.json", "oc-aa.json", "sussex-aa.json"]
    source = (REAL / "SOURCE.md").read_text(encoding="utf-8")
    assert "MIT License" in source
    for name in FEEDS:
        assert f"`{name}`" in source


@pytest.mark.parametrize("name", FEEDS)
def test_every_meeting_read_and_every_field_kept(name: str) -> None:
    items = raw(name)
    feed = shx.read_meeting_guide(REAL / name)
    days = sum(len(m["day"]) if isinstance(m.get("day"), list) else 1 for m in items)
    assert feed.counts["imported"] == days
    assert feed.skipped == ()
    for m in feed.meetings:
        item = items[m.index]
        kept = {k for k, _ in m.extra}
        assert set(item) <= READ_KEYS | kept  # nothing dropped without a word
        for key, text in m.extra:
            assert json.loads(text) == item[key]
        # an approximate or city-level place is never a place to go to
        if item.get("approximate") == "yes" or m.precision == "city":
            assert not m.in_person
        # the feed's own attendance option is respected
        if item.get("attendance_option"):
            assert m.attendance_option == item["attendance_option"]


@pytest.mark.parametrize("name", FEEDS)
def test_round_trip_through_write_meeting_guide(name: str) -> None:
    feed = shx.read_meeting_guide(REAL / name)
    again = shx.read_meeting_guide(shx.write_meeting_guide(feed))

    def essentials(m: shx.Meeting) -> shx.Meeting:
        # reading notes say how the source was written (a 12-hour time, the whole address in
        # 'address'); the writer uses the format's own forms, so they go
        return shx.Meeting(**{**_fields(m), "reading_notes": (), "issues": ()})

    assert [essentials(m) for m in again.meetings] == [essentials(m) for m in feed.meetings]
    assert again.groups == feed.groups


def _fields(m: shx.Meeting) -> dict[str, Any]:
    import attrs

    return attrs.asdict(m, recurse=False)


@pytest.mark.parametrize("name", FEEDS)
def test_report_accounts_for_every_meeting(name: str) -> None:
    feed = shx.read_meeting_guide(REAL / name)
    r = feed.report()
    assert list(r.columns) == ["section", "what", "meetings", "example"]
    read = r[r.section == "read"].set_index("what")["meetings"]
    assert read["meetings listed"] == len(raw(name))
    options = sum(read[f"attendance: {o}"] for o in ("in_person", "hybrid", "online", "inactive"))
    assert options == len(raw(name))
    assert read["approximate address"] == sum(m.get("approximate") == "yes" for m in raw(name))


def test_orange_county_online_meetings_stay_online() -> None:
    items = raw("oc-aa.json")
    feed = shx.read_meeting_guide(REAL / "oc-aa.json", fellowship="AA")
    online = {str(m["slug"]) for m in items if m["attendance_option"] == "online"}
    assert len(online) == 12  # counted in the raw file
    for m in feed.meetings:
        if m.slug in online:
            assert m.attendance_option == "online"
            assert not m.in_person
    # the county-level pin is read as a place, not a street "Orange County" in city "CA"
    pinned = [m for m in feed.meetings if m.formatted_address == "Orange County, CA, USA"]
    assert len(pinned) == sum(it["formatted_address"] == "Orange County, CA, USA" for it in items)
    assert len(pinned) >= 8
    assert {(m.location.address, m.location.city, m.location.state) for m in pinned} == {
        (None, "Orange County", "CA")
    }
    # the passcode notes are kept
    noted = [it for it in items if it.get("conference_url_notes")]
    by_slug = {m.slug: m for m in feed.meetings}
    for it in noted:
        assert by_slug[str(it["slug"])].conference_url_notes == it["conference_url_notes"].strip()


def test_no_meeting_space_and_no_reach_from_the_county_pin() -> None:
    items = raw("oc-aa.json")
    feed = shx.read_meeting_guide(REAL / "oc-aa.json", fellowship="AA")
    pin = next(
        (it["latitude"], it["longitude"])
        for it in items
        if it["formatted_address"] == "Orange County, CA, USA"
    )
    agency = shx.Agency(
        "A", "Clinic at the pin", location={"latitude": pin[0], "longitude": pin[1]}
    )
    assert shx.infer_meeting_space([agency], feed) == []
    assert shx.infer_meeting_space([agency], feed, include_inactive=True) == []
    # in-person reach: only meetings the feed does not mark approximate, held in person,
    # within 10 km of the pin (one per listed day), counted here from the raw file
    expected = sum(
        len(it["day"]) if isinstance(it["day"], list) else 1
        for it in items
        if it.get("approximate") != "yes"
        and it["attendance_option"] in ("in_person", "hybrid")
        and haversine_km(pin, (it["latitude"], it["longitude"])) <= 10.0
    )
    net = shx.ExchangeNetwork(agencies=[agency], groups=list(feed.groups))
    row = availability(net, radius_m=10000).loc["A"]
    assert int(row["meetings_within"]) == expected


def test_edmonton_twelve_hour_times() -> None:
    items = raw("edmonton-aa.json")
    feed = shx.read_meeting_guide(REAL / "edmonton-aa.json")
    assert feed.counts["imported"] == 25
    assert feed.skipped == ()
    for m in feed.meetings:
        expected = dt.datetime.strptime(items[m.index]["time"], "%I:%M %p").time()
        assert m.start == expected
        assert any(n.startswith("12-hour 'time'") for n in m.reading_notes)
    first = feed.meetings[0]
    assert (first.start, first.location.address, first.location.city) == (
        dt.time(11, 0),
        "8318 104 St",
        "Edmonton",
    )
    assert "ONL" in {c for m in feed.meetings for c in m.types}
    assert feed.unknown_types == ()


def test_district_name_in_the_group_field_is_flagged() -> None:
    items = raw("al-anon.json")
    feed = shx.read_meeting_guide(REAL / "al-anon.json")
    (g,) = [g for g in feed.groups if g.name == "District 07"]
    assert g.attributes["implausible_group"] is True
    in_person_places = {
        (it["latitude"], it["longitude"])
        for it in items
        if it.get("group") == "District 07"
        and it.get("approximate") != "yes"
        and it["attendance_option"] in ("in_person", "hybrid")
    }
    assert g.attributes["places"] == len(in_person_places) > shx.io.meeting_guide.MAX_GROUP_PLACES
    assert any("'District 07'" in n and "implausible_group" in n for n in feed.notes)
    r = feed.report()
    assert (r.section == "flagged").sum() == 1
    # the district field is kept on each meeting and on the group
    assert {m.district for m in feed.meetings_of(g.id)} == {"District 07"}
    assert g.attributes["district"] == "District 07"


def test_sussex_to_frame_keeps_the_fields() -> None:
    items = raw("sussex-aa.json")
    feed = shx.read_meeting_guide(REAL / "sussex-aa.json")
    df = feed.to_frame()
    for col in (
        "conference_url_notes",
        "conference_phone_notes",
        "district",
        "feed_attendance_option",
        "approximate",
        "precision",
        "extra",
        "contacts",
    ):
        assert col in df.columns
    district = [None if not isinstance(v, str) else v for v in df["district"]]
    assert district == [it.get("district") for it in items]
    assert df["feed_attendance_option"].tolist() == [it["attendance_option"] for it in items]
