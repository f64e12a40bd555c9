"""Gathering a Meeting Guide feed's meetings into self-help groups.

The rules are in :mod:`selfhelp_exchange.io.meeting_guide` ("Gathering meetings into groups").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from selfhelp_exchange.fellowships import Fellowship, lookup_fellowship
from selfhelp_exchange.geo import normalize_address
from selfhelp_exchange.meeting_types import type_flag
from selfhelp_exchange.records import Location, MeetingTime, SelfHelpGroup
from selfhelp_exchange.vocabulary import GroupType, MeetingPlace, Timing

if TYPE_CHECKING:
    from selfhelp_exchange.meetings import Meeting

__all__ = ["MAX_GROUP_PLACES", "gather"]

#: A group (the feed's ``group`` field) held at more distinct in-person places than this is
#: flagged as implausible: the field probably names a district or an area, not one group.
#: This library's convention: a real group may meet at a church and a hall, or move for the
#: summer (the real feeds tested hold groups at up to 3 places), while a district name in the
#: field gathers tens of meetings at tens of places ("District 07": 28 meetings at 23 places).
MAX_GROUP_PLACES = 3

_SLUG_RUN = re.compile(r"[^\w]+")


def _place_key(loc: Location | None) -> str:
    if loc is None:
        place = ""
    elif loc.address is not None:
        place = f"{normalize_address(loc.address)}|{normalize_address(loc.city)}"
    elif loc.latitude is not None and loc.longitude is not None:
        place = f"{loc.latitude:.5f},{loc.longitude:.5f}"
    else:
        place = normalize_address(loc.name)
    return place


def _group_key(m: Meeting) -> tuple[str, ...]:
    if m.group is not None:
        return ("group", m.group.casefold())
    return ("meeting", m.name.casefold(), _place_key(m.location))


def _slugify(name: str) -> str:
    text = re.sub(r"['\u2019]", "", unicodedata.normalize("NFKC", name).casefold())
    return _SLUG_RUN.sub("-", text).replace("_", "-").strip("-") or "group"


def _group_ids(keys: Sequence[tuple[str, ...]], names: Sequence[str], prefix: str) -> list[str]:
    """Ids for the groups, collisions resolved in the sorted order of their keys."""
    by_slug: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        by_slug.setdefault(_slugify(name), []).append(i)
    ids = [""] * len(keys)
    for slug, members in by_slug.items():
        for rank, i in enumerate(sorted(members, key=lambda j: keys[j])):
            ids[i] = f"{prefix}{slug}" if rank == 0 else f"{prefix}{slug}-{rank + 1}"
    return ids


def _build_group(
    group_id: str, name: str, meetings: Sequence[Meeting], fellowship: Fellowship | None
) -> SelfHelpGroup:
    places: dict[Location, int] = {}  # each distinct in-person place -> its position, in order
    times: list[MeetingTime] = []
    remote: list[str] = []  # positions in ``times`` of meetings held at no precise place
    for m in meetings:
        loc_index = None
        if m.in_person:
            assert m.location is not None  # in_person implies a location
            loc_index = places.setdefault(m.location, len(places))
        if m.day is not None and m.start is not None:
            if loc_index is None:
                remote.append(str(len(times)))
            times.append(MeetingTime(m.day, m.start, m.end, m.timezone, loc_index))
    admissions = {m.admission for m in meetings}
    admission = admissions.pop() if len(admissions) == 1 else None
    online_only = all(m.attendance_option == "online" for m in meetings)
    slugs: list[str] = list(dict.fromkeys(m.slug for m in meetings))
    codes: list[str] = list(dict.fromkeys(c for m in meetings for c in m.types))
    attributes: dict[str, str | int | float | bool] = {
        "source": "meeting_guide",
        "meeting_slugs": ";".join(slugs),
        "meetings_listed": len(meetings),
        "unscheduled_meetings": sum(not m.scheduled for m in meetings),
        "online": any(m.online for m in meetings),
    }
    if codes:
        attributes["types"] = ";".join(codes)
    if remote:
        attributes["remote_meetings"] = ";".join(remote)
    districts = {m.district for m in meetings}
    if len(districts) == 1 and (district := districts.pop()) is not None:
        attributes["district"] = district
    n_places = (
        len({_place_key(m.location) for m in meetings if m.in_person})
        if meetings[0].group is not None and len(meetings) > MAX_GROUP_PLACES
        else 0
    )
    if n_places > MAX_GROUP_PLACES:
        attributes["implausible_group"] = True
        attributes["places"] = n_places
    for code in codes:
        flag = type_flag(code)
        if flag is not None and flag not in attributes:  # "online" follows URL/phone
            attributes[flag] = True
    notes = list(dict.fromkeys(m.group_notes for m in meetings if m.group_notes))
    if notes:
        attributes["group_notes"] = " / ".join(notes)
    fellowships = {m.fellowship for m in meetings}
    name_of_fellowship = fellowships.pop() if len(fellowships) == 1 else None
    known = fellowship if fellowship is not None else lookup_fellowship(name_of_fellowship)
    return SelfHelpGroup(
        group_id,
        name,
        GroupType.MUTUAL_HELP,
        fellowship=name_of_fellowship,
        focus=None if known is None else known.focus,
        approach=None if known is None else known.approach,
        meeting_place=MeetingPlace.ONLINE if online_only else MeetingPlace.COMMUNITY,
        admission=admission,
        timing=Timing.OPEN_ENDED,
        facilitation=None if known is None else known.facilitation,
        locations=list(places),
        meetings=times,
        attributes=attributes,
    )


def gather(
    meetings: Sequence[Meeting], prefix: str, fellowship: Fellowship | None
) -> tuple[list[Meeting], list[SelfHelpGroup]]:
    """The meetings with their ``group_id`` set, and the groups they form (first seen first)."""
    members: dict[tuple[str, ...], list[int]] = {}
    for i, m in enumerate(meetings):
        members.setdefault(_group_key(m), []).append(i)
    keys = list(members)
    names = [meetings[rows[0]].group or meetings[rows[0]].name for rows in members.values()]
    ids = _group_ids(keys, names, prefix)
    out = list(meetings)
    groups: list[SelfHelpGroup] = []
    for gid, name, rows in zip(ids, names, members.values(), strict=True):
        for i in rows:
            out[i] = attrs.evolve(out[i], group_id=gid)
        groups.append(_build_group(gid, name, [out[i] for i in rows], fellowship))
    return out, groups
