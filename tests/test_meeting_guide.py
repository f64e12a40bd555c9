from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.io.meeting_guide import MEETING_GUIDE_DAYS

DATA = Path(__file__).parent / "data" / "meeting-guide"
FEEDS = sorted(p.name for p in DATA.glob("*.json"))
QUINTE = DATA / "feed-quinte-ontario.json"


def read(items: Any, **kwargs: Any) -> shx.MeetingGuideFeed:
    return shx.read_meeting_guide(json.dumps(items), **kwargs)


def meeting(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"name": "Noon Group", "slug": "noon", "day": 1, "time": "12:00"}
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


def raw_meeting_days(path: Path) -> int:
    """Meeting-days in a raw feed, counted here independently of the reader."""
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data if isinstance(data, list) else [data]
    return sum(
        len(m["day"]) if isinstance(m, dict) and isinstance(m.get("day"), list) and m["day"] else 1
        for m in items
    )


# ------------------------------------------------------------------------- real feeds


def test_the_test_data_holds_every_real_feed() -> None:
    assert FEEDS == ["example-meeting.json", "feed-jquery-demo.json", "feed-quinte-ontario.json"]
    assert (DATA / "SOURCE.md").is_file()


@pytest.mark.parametrize("name", FEEDS)
def test_real_feeds_import_with_no_unexplained_loss(name: str) -> None:
    path = DATA / name
    feed = shx.read_meeting_guide(path)
    expected = raw_meeting_days(path)
    c = feed.counts
    assert c["expanded"] == expected
    assert c["imported"] + c["skipped"] == expected
    assert len(feed.meetings) + len(feed.skipped) == expected
    # every skip carries its reason
    assert all(s.reason for s in feed.skipped)
    # every imported meeting belongs to exactly one group, and the groups' listings add up
    assert all(m.group_id in {g.id for g in feed.groups} for m in feed.meetings)
    assert sum(g.attributes["meetings_listed"] for g in feed.groups) == c["imported"]
    assert sum(len(g.meetings) for g in feed.groups) == c["scheduled"]


def test_real_feed_counts_hand_checked() -> None:
    quinte = shx.read_meeting_guide(QUINTE).counts
    # 45 weekly meetings, one day each, all with day, time, address and coordinates.
    # Groups: 45 listings - 4 extra "Plug in the Jug" - 1 extra "Trenton Group" = 40.
    assert quinte == {
        "items": 45,
        "expanded": 45,
        "imported": 45,
        "skipped": 0,
        "scheduled": 45,
        "unscheduled": 0,
        "with_issues": 0,
        "groups": 40,
    }
    demo = shx.read_meeting_guide(DATA / "feed-jquery-demo.json")
    # 3 listings without slug or day: imported as by-appointment meetings, each with 2 issues
    assert demo.counts["imported"] == 3
    assert demo.counts["unscheduled"] == 3
    assert demo.counts["with_issues"] == 3
    assert [m.slug for m in demo.meetings] == ["item-0", "item-1", "item-2"]
    assert [m.start for m in demo.meetings] == [dt.time(7), dt.time(9), dt.time(10, 15)]
    assert all(len(g.meetings) == 0 for g in demo.groups)
    assert [g.attributes["unscheduled_meetings"] for g in demo.groups] == [1, 1, 1]
    assert len(demo.problems) == 6
    example = shx.read_meeting_guide(DATA / "example-meeting.json")
    assert example.counts["imported"] == 1
    assert example.notes == (
        "the top level is one meeting object, not a list; read as one meeting",
    )


def test_quinte_every_slug_accounted_for() -> None:
    raw = json.loads(QUINTE.read_text(encoding="utf-8"))
    feed = shx.read_meeting_guide(QUINTE)
    assert sorted(str(m["slug"]) for m in raw) == sorted(m.slug for m in feed.meetings)


def test_quinte_days_are_converted_from_sunday_zero() -> None:
    feed = shx.read_meeting_guide(QUINTE)
    by_slug = {m.slug: m for m in feed.meetings}
    assert by_slug["22"].day is shx.Weekday.SUNDAY  # Lennox Group, day 0
    assert by_slug["8"].day is shx.Weekday.TUESDAY  # Tweed Group, day 2
    assert by_slug["36"].day is shx.Weekday.SATURDAY  # Rebuilders Group, day 6
    assert by_slug["8"].start == dt.time(19, 30)
    assert MEETING_GUIDE_DAYS[0] is shx.Weekday.SUNDAY
    assert MEETING_GUIDE_DAYS[1] is shx.Weekday.MONDAY


def test_quinte_plug_in_the_jug_is_one_group_of_five() -> None:
    feed = shx.read_meeting_guide(QUINTE, fellowship="AA")
    g = next(g for g in feed.groups if g.name == "Plug in the Jug Meeting")
    assert g.id == "mg-plug-in-the-jug-meeting"
    assert [(m.day, m.start) for m in g.meetings] == [
        (shx.Weekday.MONDAY, dt.time(12)),
        (shx.Weekday.TUESDAY, dt.time(12)),
        (shx.Weekday.WEDNESDAY, dt.time(12)),
        (shx.Weekday.THURSDAY, dt.time(12)),
        (shx.Weekday.FRIDAY, dt.time(12)),
    ]
    assert len(g.locations) == 1
    assert g.locations[0].address == "16 Marmora St"
    assert g.locations[0].name == "St Andrew's Presbyterian Church"
    assert g.locations[0].postal_code == "K8V 2H5"
    assert all(m.location == 0 for m in g.meetings)
    assert g.admission is shx.Admission.CLOSED
    assert g.attributes["meeting_slugs"] == "45;46;47;48;49"
    assert g.attributes["types"] == "C"
    assert g.attributes["closed"] is True
    assert g.fellowship == "AA"
    assert g.approach is shx.Approach.TWELVE_STEP
    assert g.focus is shx.Focus.SUBSTANCE_USE
    assert g.facilitation is shx.Facilitation.ROTATING_PEERS
    assert g.group_type is shx.GroupType.MUTUAL_HELP
    assert g.meeting_place is shx.MeetingPlace.COMMUNITY
    assert g.timing is shx.Timing.OPEN_ENDED
    assert [m.slug for m in feed.meetings_of(g.id)] == ["45", "46", "47", "48", "49"]


def test_quinte_trenton_group_twice() -> None:
    feed = shx.read_meeting_guide(QUINTE)
    g = next(g for g in feed.groups if g.name == "Trenton Group")
    assert [(m.day.value, m.start.isoformat()) for m in g.meetings] == [
        ("wednesday", "20:00:00"),
        ("saturday", "20:00:00"),
    ]
    assert g.admission is shx.Admission.OPEN
    assert g.attributes["types"] == "O;SP;X"
    assert g.attributes["speaker"] is True
    assert g.attributes["wheelchair_access"] is True
    assert g.attributes["open"] is True
    assert "closed" not in g.attributes
    # no fellowship given and the feed names no entity: unknown
    assert g.fellowship is None
    assert g.approach is None


def test_quinte_groups_make_a_valid_network() -> None:
    feed = shx.read_meeting_guide(QUINTE, fellowship="AA")
    net = shx.ExchangeNetwork(groups=feed.groups)
    assert net.n_groups == 40
    assert len({g.id for g in feed.groups}) == 40


def test_example_meeting_every_common_field() -> None:
    feed = shx.read_meeting_guide(DATA / "example-meeting.json")
    (m,) = feed.meetings
    assert m.slug == "sunday-serenity-14"
    assert m.group == "The Serenity Group"
    assert m.day is shx.Weekday.SUNDAY
    assert (m.start, m.end) == (dt.time(18), dt.time(19, 30))
    assert m.types == ("O", "T", "LGBTQ")
    assert m.type_names == ("Open", "Transgender", "LGBTQ")
    assert m.flags == {"open", "transgender", "lgbtq"}
    assert m.audiences == ("T", "LGBTQ")
    assert m.admission is shx.Admission.OPEN
    assert m.location == shx.Location(
        "123 Main Street", "Anytown", "CA", "98765", "US", name="Alano Club"
    )
    assert m.approximate is False
    assert m.updated == dt.datetime(2014, 5, 31, 14, 32, 23, tzinfo=dt.UTC)
    assert m.entity == "District 123"
    assert m.fellowship is None  # "District 123" names no fellowship
    assert m.attendance_option == "in_person"
    assert m.notes == "Ring buzzer. Meeting is on the 2nd floor."
    (g,) = feed.groups
    assert g.name == "The Serenity Group"
    assert g.id == "mg-the-serenity-group"


# ------------------------------------------------------------------------- sources


@pytest.mark.parametrize("kind", ["str", "path", "text-file", "binary-file", "bytes", "json"])
def test_sources(kind: str) -> None:
    text = QUINTE.read_text(encoding="utf-8")
    source: Any = {
        "str": str(QUINTE),
        "path": QUINTE,
        "text-file": io.StringIO(text),
        "binary-file": io.BytesIO(text.encode("utf-8")),
        "bytes": text.encode("utf-8"),
        "json": text,
    }[kind]
    feed = shx.read_meeting_guide(source)
    assert len(feed.meetings) == 45
    assert feed.file == (str(QUINTE) if kind in ("str", "path") else None)


def test_open_file_keeps_its_name() -> None:
    with QUINTE.open("rb") as fh:
        assert shx.read_meeting_guide(fh).file == str(QUINTE)


# ------------------------------------------------------------------------- feed-level errors


def test_bad_json_is_a_data_file_error() -> None:
    with pytest.raises(shx.DataFileError, match=r"not valid JSON: .* line 1, column"):
        shx.read_meeting_guide('[{"name": "x",]')


def test_bad_json_file_names_the_file(tmp_path: Path) -> None:
    p = tmp_path / "feed.json"
    p.write_text("[{oops}]", encoding="utf-8")
    with pytest.raises(shx.DataFileError) as info:
        shx.read_meeting_guide(p)
    assert info.value.problems[0].file == str(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(shx.DataFileError, match="cannot be read: "):
        shx.read_meeting_guide(tmp_path / "nope.json")


def test_not_utf8() -> None:
    with pytest.raises(shx.DataFileError, match="not UTF-8"):
        shx.read_meeting_guide(b"[\xff\xfe]")


@pytest.mark.parametrize("text", ["42", '"meetings"', "null", "true"])
def test_top_level_must_be_a_list(text: str) -> None:
    with pytest.raises(shx.DataFileError, match="must be a JSON list of meetings"):
        shx.read_meeting_guide(io.StringIO(text))


def test_wrong_source_type() -> None:
    with pytest.raises(shx.DataFileError, match="path, a file object or the JSON text"):
        shx.read_meeting_guide(42)  # type: ignore[arg-type]


def test_empty_feed() -> None:
    feed = shx.read_meeting_guide("[]")
    assert feed.counts["items"] == 0
    assert feed.groups == ()


# ------------------------------------------------------------------------- per-meeting rules


def test_item_that_is_not_an_object_is_skipped() -> None:
    feed = read([meeting(), "oops", [1, 2]])
    assert len(feed.meetings) == 1
    assert [(s.index, s.reason) for s in feed.skipped] == [
        (1, "a meeting must be a JSON object (got str)"),
        (2, "a meeting must be a JSON object (got list)"),
    ]


def test_missing_name_is_skipped_on_every_day() -> None:
    feed = read([meeting(name=None, day=[1, 2])])
    assert feed.meetings == ()
    assert [s.weekday for s in feed.skipped] == [shx.Weekday.MONDAY, shx.Weekday.TUESDAY]
    assert all("missing 'name'" in s.reason for s in feed.skipped)
    assert feed.counts["expanded"] == 2


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (7, "'day' 7 is not a Meeting Guide day"),
        (-1, "'day' -1 is not a Meeting Guide day"),
        (1.5, "'day' must be a whole number from 0 (Sunday) to 6 (Saturday) (got float 1.5)"),
        (True, "'day' must be a whole number"),
        ("monday", "'day' must be a whole number"),
        ({"d": 1}, "'day' must be a whole number"),
    ],
)
def test_impossible_day_is_skipped_with_reason(day: Any, reason: str) -> None:
    feed = read([meeting(day=day)])
    assert feed.meetings == ()
    (s,) = feed.skipped
    assert reason in s.reason
    assert (s.slug, s.name) == ("noon", "Noon Group")


def test_day_array_expands_and_skips_only_bad_days() -> None:
    feed = read([meeting(day=[1, 9, 3, 1])])
    assert [m.day for m in feed.meetings] == [shx.Weekday.MONDAY, shx.Weekday.WEDNESDAY]
    assert [s.reason for s in feed.skipped] == [
        "'day' 9 is not a Meeting Guide day (a whole number from 0 (Sunday) to 6 (Saturday))",
        "'day' 1 (monday) is listed twice",
    ]
    assert feed.counts == {
        "items": 1,
        "expanded": 4,
        "imported": 2,
        "skipped": 2,
        "scheduled": 2,
        "unscheduled": 0,
        "with_issues": 0,
        "groups": 1,
    }
    (g,) = feed.groups
    assert len(g.meetings) == 2


def test_day_as_text_digit_is_read_with_issue() -> None:
    (m,) = read([meeting(day="3")]).meetings
    assert m.day is shx.Weekday.WEDNESDAY
    assert m.issues == ("'day' '3' given as text; read as the number 3",)


def test_empty_day_list_is_by_appointment() -> None:
    feed = read([meeting(day=[])])
    (m,) = feed.meetings
    assert m.day is None
    assert not m.scheduled
    assert feed.counts["expanded"] == 1
    assert "'day' is an empty list" in m.issues[0]


@pytest.mark.parametrize(
    ("time", "fragment"),
    [
        ("25:61", "'time' '25:61' is not a possible time of day"),
        ("24:00", "'time' '24:00' is not a possible start"),
        ("12:60", "'time' '12:60' is not a possible time of day"),
        ("7pm", "'time' must be 'HH:MM', 24-hour, from 00:00 to 23:59 (got '7pm')"),
        (1930, "'time' must be 'HH:MM', 24-hour, from 00:00 to 23:59 (got int 1930)"),
    ],
)
def test_impossible_start_time_is_skipped(time: Any, fragment: str) -> None:
    feed = read([meeting(time=time, day=[1, 2])])
    assert feed.meetings == ()
    assert len(feed.skipped) == 2
    assert all(fragment in s.reason for s in feed.skipped)


def test_times_accepted() -> None:
    feed = read(
        [
            meeting(slug="a", time="7:05"),
            meeting(slug="b", time="23:59:00"),
            meeting(slug="c", time=" 00:00 "),
        ]
    )
    assert [m.start for m in feed.meetings] == [dt.time(7, 5), dt.time(23, 59), dt.time(0, 0)]
    assert feed.skipped == ()


def test_end_time_rules() -> None:
    feed = read(
        [
            meeting(slug="a", end_time="24:00"),
            meeting(slug="b", end_time="99:00"),
            meeting(slug="c", end_time="13:00"),
            meeting(slug="d", time="23:00", end_time="00:30"),  # past midnight: fine
        ]
    )
    a, b, c, d = feed.meetings
    assert a.end == dt.time(0, 0)
    assert a.issues == ("'end_time' '24:00' read as midnight (00:00)",)
    assert b.end is None
    assert "'end_time' '99:00' is not a possible time of day" in b.issues[0]
    assert (c.end, c.issues) == (dt.time(13), ())
    assert (d.end, d.issues) == (dt.time(0, 30), ())
    assert feed.skipped == ()


def test_time_without_day_and_day_without_time() -> None:
    feed = read([meeting(slug="a", day=None), meeting(slug="b", time=None)])
    a, b = feed.meetings
    assert (a.day, a.start, a.scheduled) == (None, dt.time(12), False)
    assert "a 'time' without a 'day'" in a.issues[0]
    assert (b.day, b.start, b.scheduled) == (shx.Weekday.MONDAY, None, False)
    assert "a 'day' without a 'time'" in b.issues[0]
    assert feed.counts["unscheduled"] == 2
    assert all(len(g.meetings) == 0 for g in feed.groups)


def test_by_appointment_without_time_or_day_has_no_issue() -> None:
    (m,) = read([meeting(day=None, time=None)]).meetings
    assert m.issues == ()
    assert not m.scheduled


def test_unknown_type_codes_are_kept_without_python_warnings() -> None:
    # pytest runs with filterwarnings=error, so any warning would fail this test
    feed = read([meeting(types=["O", "ZZ", "X", "ONL"])])
    (m,) = feed.meetings
    assert m.types == ("O", "ZZ", "X", "ONL")
    # ONL, the 12 Step Meeting List plugin's online code, is read as a variant, with a note
    assert m.type_names == ("Open", None, "Wheelchair Access", "Online")
    assert feed.unknown_types == ("ZZ",)
    assert m.issues == (
        "unknown type code 'ZZ' (not in the Meeting Guide type list); kept as given",
    )
    assert m.reading_notes == (
        "type code 'ONL' (Online) is not in the Meeting Guide type list; read as a variant",
    )
    (g,) = feed.groups
    assert g.attributes["types"] == "O;ZZ;X;ONL"
    assert g.attributes["wheelchair_access"] is True
    assert g.attributes["online"] is False  # ONL without a URL or phone is not online
    assert len(feed.problems) == 1


def test_types_given_oddly() -> None:
    feed = read(
        [
            meeting(slug="a", types="O,D"),
            meeting(slug="b", types=[11, "C", "C", True]),
            meeting(slug="c", types={"O": 1}),
        ]
    )
    a, b, c = feed.meetings
    assert a.types == ("O", "D")
    assert a.issues == ()
    assert a.reading_notes == ("'types' given as the text 'O,D'; read as O, D",)
    assert b.types == ("11", "C")  # 11 is the 11th Step Meditation code; repeats once
    assert b.type_names == ("11th Step Meditation", "Closed")
    assert len(b.issues) == 2
    assert c.types == ()
    assert "must be a list of codes" in c.issues[0]


def test_open_and_closed_together() -> None:
    (m,) = read([meeting(types=["O", "C"])]).meetings
    assert m.admission is None
    assert "both 'O' (open) and 'C' (closed)" in m.issues[0]


def test_meaning_of_common_codes() -> None:
    (m,) = read([meeting(types=["C", "W", "Y", "X", "S", "M", "BE", "TC"])]).meetings
    assert m.type_names == (
        "Closed",
        "Women",
        "Young People",
        "Wheelchair Access",
        "Spanish",
        "Men",
        "Newcomer",
        "Location Temporarily Closed",
    )
    assert m.languages == ("S",)
    assert m.audiences == ("W", "Y", "M", "BE")
    assert m.temporarily_closed


@pytest.mark.parametrize(
    ("fields", "option", "place"),
    [
        ({"address": "1 Main St"}, "in_person", shx.MeetingPlace.COMMUNITY),
        ({"address": "1 Main St", "conference_url": "https://z/1"}, "hybrid", "community"),
        ({"conference_url": "https://z/1"}, "online", shx.MeetingPlace.ONLINE),
        ({"conference_phone": "+15551234"}, "online", shx.MeetingPlace.ONLINE),
        (
            {"address": "1 Main St", "conference_url": "https://z/1", "types": ["TC"]},
            "online",
            shx.MeetingPlace.ONLINE,
        ),
        ({"address": "1 Main St", "types": ["TC"]}, "inactive", shx.MeetingPlace.COMMUNITY),
        ({}, "inactive", shx.MeetingPlace.COMMUNITY),
    ],
)
def test_attendance_option(fields: dict[str, Any], option: str, place: str) -> None:
    feed = read([meeting(**fields)])
    (m,) = feed.meetings
    assert m.attendance_option == option
    assert feed.groups[0].meeting_place == place
    assert feed.groups[0].attributes["online"] is (
        "conference_url" in fields or "conference_phone" in fields
    )


def test_coordinates_rules() -> None:
    feed = read(
        [
            meeting(slug="a", latitude=44.1, longitude=-77.3),
            meeting(slug="b", latitude="44.1", longitude="-77.3"),
            meeting(slug="c", latitude=95.0, longitude=-77.3),
            meeting(slug="d", latitude=0, longitude=0),
            meeting(slug="e", latitude=44.1),
            meeting(slug="f", latitude="north", longitude=1.0),
        ]
    )
    locs = [m.location for m in feed.meetings]
    assert (locs[0].latitude, locs[0].longitude) == (44.1, -77.3)
    assert (locs[1].latitude, locs[1].longitude) == (44.1, -77.3)
    assert "given as text" in feed.meetings[1].issues[0]
    for m in feed.meetings[2:]:
        assert m.location is None  # nothing else was given about the place
        assert len(m.issues) == 1
    assert "out of range" in feed.meetings[2].issues[0]
    assert "(0, 0) read as missing" in feed.meetings[3].issues[0]
    assert "two numbers" in feed.meetings[4].issues[0]


def test_formatted_address_fills_street_and_city() -> None:
    (m,) = read([meeting(formatted_address="123 Main St, Springfield, IL 62701, USA")]).meetings
    assert m.formatted_address == "123 Main St, Springfield, IL 62701, USA"
    assert (m.location.address, m.location.city) == ("123 Main St", "Springfield")


def test_slug_rules() -> None:
    feed = read(
        [
            meeting(slug=7),
            meeting(slug=None, name="B"),
            meeting(slug=[1], name="C"),
            meeting(slug="7", name="D"),
        ]
    )
    a, b, c, d = feed.meetings
    assert a.slug == "7"
    assert b.slug == "item-1"
    assert "missing 'slug'" in b.issues[0]
    assert c.slug == "item-2"
    assert "'slug' must be text or a whole number" in c.issues[0]
    assert d.slug == "7"
    assert a.issues == ("slug '7' is also used by the meeting at position 3",)
    assert d.issues == ("slug '7' is also used by the meeting at position 0",)


def test_other_field_issues() -> None:
    (m,) = read(
        [
            meeting(
                updated="yesterday",
                approximate="maybe",
                timezone="Mars/Olympus_Mons",
                notes={"x": 1},
                regions="Downtown",
            )
        ]
    ).meetings
    assert m.updated is None
    assert m.approximate is None
    assert m.timezone == "Mars/Olympus_Mons"
    assert m.notes is None
    assert m.regions == ()
    assert len(m.issues) == 5
    assert any("'updated' must be 'YYYY-MM-DD HH:MM:SS'" in i for i in m.issues)
    assert any("'approximate' must be 'yes' or 'no'" in i for i in m.issues)
    assert any("time zone 'Mars/Olympus_Mons'" in i for i in m.issues)


def test_regions() -> None:
    a, b = read(
        [
            meeting(slug="a", regions=["Ontario", "Belleville"]),
            meeting(slug="b", region="Belleville", sub_region="East"),
        ]
    ).meetings
    assert a.regions == ("Ontario", "Belleville")
    assert b.regions == ("Belleville", "East")


def test_timezone_default() -> None:
    a, b = read(
        [meeting(slug="a"), meeting(slug="b", timezone="America/New_York")],
        timezone="America/Toronto",
    ).meetings
    assert a.timezone == "America/Toronto"
    assert b.timezone == "America/New_York"


def test_strict_raises_with_every_problem() -> None:
    items = [meeting(slug="a", day=9), meeting(slug="b", types=["ZZ"]), meeting(slug="c")]
    with pytest.raises(shx.DataFileError) as info:
        read(items, strict=True)
    rows = [(p.row, p.value) for p in info.value.problems]
    assert rows == [(0, "a"), (1, "b")]
    assert "the Meeting Guide feed has problems" in str(info.value)
    assert len(read([meeting()], strict=True).meetings) == 1


def test_problems_are_not_repeated_per_day() -> None:
    feed = read([meeting(day=[1, 2, 3], types=["ZZ"])])
    assert len(feed.meetings) == 3
    assert len(feed.problems) == 1


# ------------------------------------------------------------------------- fellowship


def test_fellowship_argument_sets_approach_and_focus() -> None:
    feed = read([meeting()], fellowship="al anon")
    (g,) = feed.groups
    assert g.fellowship == "Al-Anon"
    assert (g.approach, g.focus) == (shx.Approach.TWELVE_STEP, shx.Focus.FAMILY)
    assert feed.meetings[0].fellowship == "Al-Anon"


def test_unknown_fellowship_is_kept_and_noted() -> None:
    feed = read([meeting()], fellowship="Knitters Anonymous")
    (g,) = feed.groups
    assert g.fellowship == "Knitters Anonymous"
    assert (g.approach, g.focus, g.facilitation) == (None, None, None)
    assert "not in the library's fellowship table" in feed.notes[0]


def test_fellowship_found_in_entity() -> None:
    feed = read(
        [
            meeting(slug="a", entity="Quinte Intergroup of Alcoholics Anonymous"),
            meeting(slug="b", name="Other", entity="Area 51 Narcotics Anonymous"),
            meeting(slug="c", name="Third", entity="District 123"),
        ]
    )
    assert [m.fellowship for m in feed.meetings] == ["AA", "NA", None]
    assert [g.approach for g in feed.groups] == [
        shx.Approach.TWELVE_STEP,
        shx.Approach.TWELVE_STEP,
        None,
    ]


def test_group_with_mixed_fellowships_is_left_unknown() -> None:
    feed = read(
        [
            meeting(slug="a", group="G", entity="Alcoholics Anonymous"),
            meeting(slug="b", group="G", entity="Narcotics Anonymous"),
        ]
    )
    (g,) = feed.groups
    assert g.fellowship is None
    assert g.approach is None


# ------------------------------------------------------------------------- gathering


def test_group_field_gathers_across_names_and_places() -> None:
    feed = read(
        [
            meeting(slug="a", name="Mon Noon", group="Serenity Group", address="1 Main St"),
            meeting(
                slug="b",
                name="Thu Night",
                group="serenity  GROUP",
                address="2 Oak Ave",
                day=4,
                time="19:00",
            ),
            meeting(slug="c", name="Mon Noon", address="1 Main St"),
        ]
    )
    g1, g2 = feed.groups
    assert g1.name == "Serenity Group"
    assert [loc.address for loc in g1.locations] == ["1 Main St", "2 Oak Ave"]
    assert [m.location for m in g1.meetings] == [0, 1]
    assert g2.name == "Mon Noon"
    assert [m.group_id for m in feed.meetings] == [g1.id, g1.id, g2.id]


def test_same_name_different_place_gives_two_groups_with_stable_ids() -> None:
    items = [
        meeting(slug="a", name="Serenity", address="1 Main St"),
        meeting(slug="b", name="Serenity", address="9 Elm St"),
        meeting(slug="c", name="Serenity", address="1 Main Street"),  # same place as a
    ]
    feed = read(items)
    assert [g.id for g in feed.groups] == ["mg-serenity", "mg-serenity-2"]
    by_slug = {m.slug: m.group_id for m in feed.meetings}
    assert by_slug["a"] == by_slug["c"] != by_slug["b"]
    # the ids do not depend on the order of the feed
    reverse = read(items[::-1])
    assert {m.slug: m.group_id for m in reverse.meetings} == by_slug


def test_places_without_address_gathered_by_coordinates_or_building() -> None:
    feed = read(
        [
            meeting(slug="a", latitude=44.1, longitude=-77.3),
            meeting(slug="b", latitude=44.1, longitude=-77.3, day=2),
            meeting(slug="c", location="Alano Club"),
            meeting(slug="d", location="alano club", day=3),
            meeting(slug="e"),
        ]
    )
    assert len(feed.groups) == 3
    assert [len(g.meetings) for g in feed.groups] == [2, 2, 1]


def test_admission_needs_agreement() -> None:
    feed = read(
        [
            meeting(slug="a", group="G", types=["O"]),
            meeting(slug="b", group="G", types=["C"], day=2),
            meeting(slug="c", group="H", types=["O"]),
            meeting(slug="d", group="H", types=["D"], day=2),
        ]
    )
    assert [g.admission for g in feed.groups] == [None, None]


def test_id_prefix_and_unicode_names() -> None:
    feed = read(
        [meeting(name="Grupo Café Élan", slug="x"), meeting(name="断酒会", slug="y")],
        id_prefix="q-",
    )
    assert [g.id for g in feed.groups] == ["q-grupo-café-élan", "q-断酒会"]


def test_to_frame() -> None:
    df = shx.read_meeting_guide(QUINTE).to_frame()
    assert len(df) == 45
    assert list(df.columns[:6]) == ["index", "slug", "name", "group", "group_id", "day"]
    row = df[df["slug"] == "7"].iloc[0]
    assert row["location"] == "Belleville General Hospital"
    assert row["start"] == "20:00"
    assert row["types"] == "O;X"


def test_feed_repr_and_invariant() -> None:
    feed = shx.read_meeting_guide(QUINTE)
    assert repr(feed) == "MeetingGuideFeed(45 meetings, 40 groups, 0 skipped)"
    with pytest.raises(shx.RecordError, match="must account for each"):
        shx.MeetingGuideFeed(feed.meetings, feed.groups, (), n_items=45, n_expanded=46)


# ------------------------------------------------------------------------- property


day_values = st.one_of(
    st.none(),
    st.integers(-2, 9),
    st.lists(st.integers(-1, 8), max_size=4),
    st.sampled_from(["2", "x", 1.5, True]),
)
time_values = st.one_of(
    st.none(),
    st.sampled_from(["12:00", "7:30", "25:61", "24:00", "23:59", "noon", "", 1200]),
)
items = st.one_of(
    st.fixed_dictionaries(
        {"name": st.one_of(st.none(), st.sampled_from(["A", "B", "Group C", ""]))},
        optional={
            "slug": st.one_of(st.integers(0, 5), st.sampled_from(["s1", "s2", ""])),
            "day": day_values,
            "time": time_values,
            "end_time": time_values,
            "types": st.lists(st.sampled_from(["O", "C", "X", "ZZ", "W", "TC"]), max_size=3),
            "group": st.sampled_from(["G1", "G2"]),
            "latitude": st.floats(-100, 100, allow_nan=False),
            "longitude": st.floats(-200, 200, allow_nan=False),
            "address": st.sampled_from(["1 Main St", "1 Main Street", "2 Oak Ave"]),
            "conference_url": st.just("https://example.invalid/m"),
        },
    ),
    st.integers(),
    st.text(max_size=3),
)


@given(st.lists(items, max_size=8))
def test_every_meeting_day_is_imported_or_skipped(feed_items: list[Any]) -> None:
    text = json.dumps(feed_items)
    feed = shx.read_meeting_guide(text)
    expected = sum(
        len(m["day"]) if isinstance(m, dict) and isinstance(m.get("day"), list) and m["day"] else 1
        for m in feed_items
    )
    assert len(feed.meetings) + len(feed.skipped) == expected
    assert feed.counts["items"] == len(feed_items)
    assert {m.index for m in feed.meetings} | {s.index for s in feed.skipped} == set(
        range(len(feed_items))
    )
    if feed.groups:
        shx.ExchangeNetwork(groups=feed.groups)  # valid records, unique ids


def test_notes_keep_line_breaks_names_do_not() -> None:
    (m,) = read([meeting(name="  Noon \n Group ", notes="Side door.\nSecond floor. ")]).meetings
    assert m.name == "Noon Group"
    assert m.notes == "Side door.\nSecond floor."


# --------------------------------------------------------------------------- bad input (issue 10)
def _meeting(**fields: Any) -> str:
    return json.dumps([{"name": "Noon", "slug": "n", "day": 1, "time": "12:00", **fields}])


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('[{"name": "x", "day": ' + "9" * 5000 + "}]", "Exceeds the limit (4300 digits)"),
        ("", "the feed is empty"),
        ("   ", "the feed is empty"),
    ],
)
def test_feeds_no_parser_can_hold_are_data_file_errors(text: str, says: str) -> None:
    with pytest.raises(shx.DataFileError, match=re.escape(says)):
        shx.read_meeting_guide(text)


def test_a_whole_number_past_float_as_a_coordinate() -> None:
    feed = shx.read_meeting_guide(_meeting(latitude=10**400, longitude=1, address="1 Main St"))
    (m,) = feed.meetings
    assert m.location is not None
    assert m.location.latitude is None
    assert any(i.startswith("coordinates must be two numbers") for i in m.issues)


def test_a_day_of_many_digits_is_skipped_with_its_reason() -> None:
    feed = shx.read_meeting_guide(_meeting(day="9" * 5000))
    (s,) = feed.skipped
    assert s.reason.startswith("'day' must be a whole number from 0 (Sunday) to 6 (Saturday)")


def test_a_time_zone_name_too_long_for_the_system() -> None:
    feed = shx.read_meeting_guide(_meeting(timezone="Europe/" + "x" * 300))
    assert any("not in the tz database" in i for i in feed.meetings[0].issues)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_are_not_json_numbers(value: float) -> None:
    # as in every reader of this library: Python's json would take them, JSON has no such number
    text = json.dumps([{"name": "Noon", "group": value, "day": 1, "time": "12:00"}])
    with pytest.raises(shx.DataFileError, match="is not a valid JSON number") as info:
        shx.read_meeting_guide(text)
    assert str(value).replace("inf", "Infinity").replace("nan", "NaN") in str(info.value)


def test_many_type_codes_and_places_are_gathered_in_linear_time() -> None:
    codes = [f"T{i}" for i in range(50_000)]
    places = [
        {
            "name": "Noon",
            "group": "One",
            "slug": i,
            "day": i % 7,
            "time": "12:00",
            "address": f"{i} Main St",
        }
        for i in range(20_000)
    ]
    start = time.perf_counter()
    feed = shx.read_meeting_guide(json.dumps([{"name": "x", "types": codes}, *places]))
    assert time.perf_counter() - start < 20  # quadratic gathering took minutes
    assert feed.meetings[0].types == tuple(codes)
    (group,) = [g for g in feed.groups if g.name == "One"]
    assert len(group.locations) == 20_000
    assert group.meetings[-1].location == 19_999


def test_a_key_given_twice_is_noted() -> None:
    text = '[{"name": "a", "name": "b", "day": 1, "time": "12:00"}]'
    feed = shx.read_meeting_guide(text)
    assert feed.meetings[0].name == "b"
    (note,) = feed.notes
    assert note == (
        "key 'name' is given more than once in one object (1 time(s) in the feed); the last "
        "value was used"
    )
    with pytest.raises(shx.DataFileError, match="key 'name' is given more than once"):
        shx.read_meeting_guide(text, strict=True)


@pytest.mark.parametrize("prefix", [" mg-", "\x00", "mg\u200b"])
def test_an_id_prefix_that_cannot_start_an_id(prefix: str) -> None:
    with pytest.raises(shx.ArgumentError, match="id_prefix must not"):
        shx.read_meeting_guide("[]", id_prefix=prefix)


def test_the_size_limit(tmp_path: Path) -> None:
    text = _meeting()
    with pytest.raises(
        shx.DataFileError, match=f"the feed is {len(text)} bytes, over the limit of 10"
    ):
        shx.read_meeting_guide(text, max_bytes=10)
    (tmp_path / "f.json").write_text(text)
    with pytest.raises(shx.DataFileError, match="over the limit of 10") as info:
        shx.read_meeting_guide(tmp_path / "f.json", max_bytes=10)
    assert info.value.problems[0].file == str(tmp_path / "f.json")
    with pytest.raises(shx.DataFileError, match="over the limit of 10"):
        shx.read_meeting_guide(io.BytesIO(text.encode()), max_bytes=10)
    assert len(shx.read_meeting_guide(text, max_bytes=len(text)).meetings) == 1
