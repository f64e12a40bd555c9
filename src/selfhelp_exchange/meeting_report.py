"""What a Meeting Guide feed gave: a per-feed table of what was read, noted, flagged and skipped.

:func:`feed_report` (also :meth:`MeetingGuideFeed.report
<selfhelp_exchange.MeetingGuideFeed.report>`) turns one read feed into a table an evaluator can
check before using the meetings: how many meetings were read and how they can be attended; the
common variants read anyway (12-hour times, ``ONL``, ``"[open]"``, city-level addresses), each
with how many meetings; the issues the reader repaired; the groups flagged as implausible; and
why meetings were skipped. Notes that differ only in their quoted values (``'11:00 AM'``,
``'8:00 PM'``) are counted together, with the first as the example.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from selfhelp_exchange.meeting_types import VARIANT_CODES
from selfhelp_exchange.meetings import ATTENDANCE_OPTIONS, READ_KEYS

if TYPE_CHECKING:
    import pandas as pd

    from selfhelp_exchange.meetings import MeetingGuideFeed

__all__ = ["feed_report"]

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\b\d{1,2}:\d{2}(?::\d{2})?\b|(?<=the number )\d+")
_KEEP = READ_KEYS | set(VARIANT_CODES) | {"yes", "no"}


def _kind(text: str) -> str:
    """The text with quoted values (not field names or variant codes) replaced by ``…``."""
    return _QUOTED.sub(lambda m: m[0] if m[0][1:-1] in _KEEP else "…", text)  # times too


def feed_report(feed: MeetingGuideFeed) -> pd.DataFrame:
    """One row per thing read, noted, flagged or skipped in a feed, with how many meetings.

    Parameters
    ----------
    feed : MeetingGuideFeed
        From :func:`~selfhelp_exchange.read_meeting_guide`.

    Returns
    -------
    pandas.DataFrame
        Columns ``section`` (``read``, ``noted``, ``issue``, ``flagged``, ``skipped``),
        ``what``, ``meetings`` (meetings listed, a meeting on several days counting once; for
        ``read`` rows of meeting-days, as labelled) and ``example`` (a slug or group id, and
        the first such text). ``df.attrs["file"]`` names the feed.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> feed = shx.read_meeting_guide('[{"name": "N", "slug": "a", "day": 1, "time": "8:00 PM",'
    ...     ' "formatted_address": "Orange County, CA, USA", "approximate": "yes",'
    ...     ' "conference_url": "https://zoom.us/j/1", "attendance_option": "online"}]')
    >>> r = feed.report()
    >>> r.loc[r.section == "noted", "what"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ["12-hour 'time' … read as …",
     'city-level address … read as a place, not a street: no meeting space or in-person reach
      is inferred from it']
    >>> int(r.loc[r.what == "attendance: online", "meetings"].iloc[0])
    1
    """
    import pandas as pd

    rows: list[dict[str, object]] = []
    c = feed.counts
    for what, key in (
        ("meetings listed", "items"),
        ("meeting-days", "expanded"),
        ("meeting-days imported", "imported"),
        ("meeting-days scheduled", "scheduled"),
        ("groups", "groups"),
    ):
        rows.append({"section": "read", "what": what, "meetings": c[key], "example": ""})
    first = {m.index: m for m in reversed(feed.meetings)}  # one record per listed meeting
    listed = [first[i] for i in sorted(first)]
    attendance = Counter(m.attendance_option for m in listed)
    for option in ATTENDANCE_OPTIONS:
        rows.append(
            {"section": "read", "what": f"attendance: {option}", "meetings": attendance[option],
             "example": ""}
        )  # fmt: skip
    facts = {
        "attendance_option given by the feed": sum(
            m.feed_attendance_option is not None for m in listed
        ),
        "approximate address": sum(m.approximate is True for m in listed),
        "city-level address": sum(m.precision == "city" for m in listed),
        "held at a precise place (counted in person)": sum(m.in_person for m in listed),
        "with conference notes": sum(
            m.conference_url_notes is not None or m.conference_phone_notes is not None
            for m in listed
        ),
        "with a district": sum(m.district is not None for m in listed),
        "with contacts": sum(bool(m.contacts) for m in listed),
        "with other fields kept verbatim": sum(bool(m.extra) for m in listed),
    }
    rows.extend(
        {"section": "read", "what": what, "meetings": n, "example": ""}
        for what, n in facts.items()
    )

    def tally(section: str, texts: list[tuple[str, str]]) -> None:
        counts: Counter[str] = Counter()
        examples: dict[str, str] = {}
        for slug, text in texts:
            kind = _kind(text)
            counts[kind] += 1
            examples.setdefault(kind, f"{slug}: {text}")
        rows.extend(
            {"section": section, "what": k, "meetings": n, "example": examples[k]}
            for k, n in counts.items()
        )

    tally("noted", [(m.slug, n) for m in listed for n in m.reading_notes])
    tally("issue", [(m.slug, i) for m in listed for i in m.issues])
    for g in feed.groups:
        if g.attributes.get("implausible_group") is True:
            rows.append(
                {
                    "section": "flagged",
                    "what": f"group {g.name!r} at {g.attributes['places']} in-person places",
                    "meetings": g.attributes["meetings_listed"],
                    "example": g.id,
                }
            )
    tally("skipped", [(s.slug or f"item-{s.index}", s.reason) for s in feed.skipped])
    frame = pd.DataFrame(rows, columns=["section", "what", "meetings", "example"])
    frame.attrs["file"] = feed.file
    return frame
