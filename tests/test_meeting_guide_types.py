from __future__ import annotations

import json
from importlib import resources

from selfhelp_exchange.meeting_types import (
    ACCESSIBILITY_CODES,
    ATTENDANCE_CODES,
    AUDIENCE_CODES,
    LANGUAGE_CODES,
    STATUS_CODES,
    meeting_type_names,
    type_category,
    type_flag,
    type_name,
)


def test_bundled_table_is_the_spec_list() -> None:
    path = resources.files("selfhelp_exchange.io").joinpath("data/meeting_guide_types.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert len(raw) == 87
    assert resources.files("selfhelp_exchange.io").joinpath("data/SOURCE.md").is_file()
    names = meeting_type_names()
    assert dict(names) == {code: v["en"] for code, v in raw.items()}


def test_codes_named_in_the_issue() -> None:
    expected = {
        "O": "Open",
        "C": "Closed",
        "W": "Women",
        "M": "Men",
        "Y": "Young People",
        "X": "Wheelchair Access",
        "S": "Spanish",
        "LGBTQ": "LGBTQ",
        "DD": "Dual Diagnosis",
        "BE": "Newcomer",
        "TC": "Location Temporarily Closed",
    }
    assert {c: type_name(c) for c in expected} == expected


def test_other_languages_and_fallback() -> None:
    assert type_name("O", "es") == "Abierta"
    assert type_name("O", "xx") == "Open"  # no such language: English
    assert meeting_type_names("xx")["C"] == "Closed"


def test_flags_are_unique_snake_case() -> None:
    flags = [type_flag(c) for c in meeting_type_names()]
    assert len(set(flags)) == 87
    assert all(f is not None and f == f.lower() and " " not in f for f in flags)
    assert type_flag("XB") == "wheelchair_accessible_bathroom"
    assert type_flag("nope") is None


def test_categories_partition_known_codes() -> None:
    named = [ATTENDANCE_CODES, AUDIENCE_CODES, ACCESSIBILITY_CODES, LANGUAGE_CODES, STATUS_CODES]
    codes = set(meeting_type_names())
    for i, a in enumerate(named):
        assert a <= codes
        for b in named[i + 1 :]:
            assert not a & b
    assert {type_category(c) for c in codes} == {
        "attendance",
        "audience",
        "accessibility",
        "language",
        "status",
        "format",
    }
    assert type_category("ZZ") is None
