"""Meeting Guide fields beyond schedule, place and types: kept on the meeting, never dropped.

- ``conference_url_notes``, ``conference_phone_notes``: how to get in (a passcode, a meeting id);
- ``district``, ``sub_district``: the service district (the 12 Step Meeting List plugin's
  fields; the format discourages districts as regions but feeds publish them);
- ``contact_1_name`` ... ``contact_3_phone``: up to three contacts, as :class:`MeetingContact`;
- ``attendance_option``: the feed's own ``in_person`` / ``hybrid`` / ``online`` / ``inactive``
  (the plugin computes it from ``ONL``, ``TC`` and ``approximate``);
- every other key (``venmo``, ``paypal``, ``edit_url``, ``feedback_emails``, ``entity_email``,
  the plugin's ``location_id``, ...): kept verbatim as JSON text in ``Meeting.extra`` so that
  :func:`~selfhelp_exchange.io.meeting_guide_write.write_meeting_guide` gives it back.

References
----------
.. [1] code4recovery/spec: the Meeting Guide API specification (online meeting, contact and
   entity fields), https://github.com/code4recovery/spec (MIT licence).
.. [2] code4recovery/12-step-meeting-list: ``tsml_calculate_attendance_option`` and the export
   columns (``district``, ``contact_1_name``, ...), GPL-2.0.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from selfhelp_exchange.meetings import ATTENDANCE_OPTIONS, READ_KEYS, MeetingContact

__all__ = [
    "ATTENDANCE_OPTIONS",
    "READ_KEYS",
    "MeetingContact",
    "read_extra_fields",
    "text_value",
]

_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


def text_value(value: Any, field: str, issues: list[str], *, collapse: bool = True) -> str | None:
    """A stripped string, or None for missing/empty; other scalars are turned into text.

    Runs of white space become one space, except with ``collapse=False`` (free-text notes keep
    their line breaks).
    """
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, str | int | float)
        or (isinstance(value, float) and not math.isfinite(value))
    ):
        issues.append(f"{field!r} must be text (got {type(value).__name__} {value!r}); left out")
        return None
    if not isinstance(value, str):
        value = str(value)
    value = " ".join(value.split()) if collapse else value.strip()
    return value or None


def _attendance(value: Any, issues: list[str]) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        folded = value.strip().casefold().replace("-", "_").replace(" ", "_")
        if folded in ATTENDANCE_OPTIONS:
            return folded
    valid = ", ".join(repr(v) for v in ATTENDANCE_OPTIONS)
    issues.append(f"'attendance_option' must be one of {valid} (got {value!r}); left out")
    return None


def read_extra_fields(item: Mapping[str, Any], issues: list[str]) -> dict[str, Any]:
    """The fields of one feed item this module reads, as keyword arguments of a Meeting.

    Examples
    --------
    >>> out = read_extra_fields({"name": "N", "conference_url_notes": "Passcode 1234",
    ...                          "district": "District 7", "contact_1_name": "Pat",
    ...                          "attendance_option": "Online", "venmo": "@group"}, [])
    >>> out["conference_url_notes"], out["district"], out["feed_attendance_option"]
    ('Passcode 1234', 'District 7', 'online')
    >>> out["contacts"], out["extra"]
    ((MeetingContact(number=1, name='Pat', email=None, phone=None),), (('venmo', '"@group"'),))
    """
    contacts = []
    for i in (1, 2, 3):
        parts = {
            part: text_value(item.get(f"contact_{i}_{part}"), f"contact_{i}_{part}", issues)
            for part in ("name", "email", "phone")
        }
        if any(v is not None for v in parts.values()):
            contacts.append(MeetingContact(i, **parts))
    extra = []
    for key, value in item.items():
        if key not in READ_KEYS:
            try:
                extra.append((key, _ENCODE(value)))
            except ValueError:  # NaN cannot come from JSON text; only from a Python caller
                issues.append(f"field {key!r} holds a value JSON cannot write; left out")
    return {
        "conference_url_notes": text_value(
            item.get("conference_url_notes"), "conference_url_notes", issues, collapse=False
        ),
        "conference_phone_notes": text_value(
            item.get("conference_phone_notes"), "conference_phone_notes", issues, collapse=False
        ),
        "district": text_value(item.get("district"), "district", issues),
        "sub_district": text_value(item.get("sub_district"), "sub_district", issues),
        "contacts": tuple(contacts),
        "feed_attendance_option": _attendance(item.get("attendance_option"), issues),
        "extra": tuple(extra),
    }
