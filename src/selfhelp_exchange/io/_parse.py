"""Tables of text cells to an ExchangeNetwork, collecting every problem before raising.

:func:`network_from_tables` checks every cell (through :class:`~._sheet.Sheet`), every reference
between tables (ids declared once across agencies, groups and actors; group rows, sponsors and
audiences naming ids of the right kind; meeting locations in range) and the network's own rules
(through :meth:`ExchangeNetwork.from_arrays`, whose problems are mapped back to the spreadsheet
row: exchange ``i`` of the rows handed over is the row it came from), then raises one
:class:`DataFileError` listing every problem.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._fastrecords import group_from_values, location_from_values
from selfhelp_exchange.activities import parse_activities
from selfhelp_exchange.catalogue import Direction, ExchangeKind
from selfhelp_exchange.duplicates import DUPLICATE_ADVICE, duplicate_exchanges
from selfhelp_exchange.exceptions import (
    DataFileError,
    NetworkValidationError,
    Problem,
    RecordError,
)
from selfhelp_exchange.io._csvfast import CodedTable, coded_arrays
from selfhelp_exchange.io._schema import TABLES
from selfhelp_exchange.io._sheet import RawTable, Sheet, given
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.records import (
    Agency,
    CommunityActor,
    Initiative,
    Location,
    MeetingTime,
    Observation,
    SelfHelpGroup,
)
from selfhelp_exchange.vocabulary import (
    Activity,
    ActorKind,
    Admission,
    Approach,
    Facilitation,
    Focus,
    GroupType,
    InitiativeKind,
    MeetingPlace,
    Sector,
    Timing,
    Weekday,
)

__all__ = ["network_from_tables"]

_KIND_CODE = {k.value: k.code for k in ExchangeKind}
_NODE_WORD = {"agencies": "an agency", "groups": "a group", "actors": "a community actor"}


@attrs.define
class _Declared:
    """Where each id was declared: node ids (one space) and initiative ids."""

    nodes: dict[str, tuple[str, int]] = attrs.field(factory=dict)  # id -> (table, row)
    initiatives: dict[str, int] = attrs.field(factory=dict)  # id -> row


def network_from_tables(
    tables: Mapping[str, RawTable | CodedTable], *, allow_duplicates: bool = False
) -> ExchangeNetwork:
    """The network the tables describe; a :class:`DataFileError` lists every problem.

    Parameters
    ----------
    tables : mapping of table name to RawTable
        Absent tables are empty. ``exchanges`` may be a :class:`CodedTable` (a large CSV file
        in the writer's shape); if its fast path steps aside, the file is read as a RawTable.
    allow_duplicates : bool
        If False, exact duplicate exchange rows are problems (both row numbers named).
    """
    problems: list[Problem] = []
    given_tables = dict(tables)
    coded = given_tables.get("exchanges")
    if isinstance(coded, CodedTable):
        del given_tables["exchanges"]  # a sheet of its own only if the fast path steps aside
    else:
        coded = None
    raw_tables: dict[str, RawTable] = given_tables  # type: ignore[assignment]
    sheets = {name: Sheet(name, raw_tables.get(name), problems) for name in TABLES}
    declared = _Declared()
    # every node id is declared before any reference to one is checked
    ids = {t: _declare_nodes(sheets[t], declared) for t in ("agencies", "groups", "actors")}
    agencies = _agencies(sheets["agencies"], ids["agencies"])
    groups_ = _groups(sheets, declared, ids["groups"])
    actors = _actors(sheets["actors"], ids["actors"])
    initiatives = _initiatives(sheets, declared)
    observations = _observations(sheets["observations"], declared)
    net = None
    if coded is not None:
        net = _coded_exchanges(coded, agencies, groups_, actors, initiatives, observations)
        if net is None:
            sheets["exchanges"] = Sheet("exchanges", coded.read_raw(), problems)
    if net is None:
        net = _exchanges(
            sheets["exchanges"], declared, agencies, groups_, actors, initiatives, observations
        )
        rows = sheets["exchanges"].rows  # every row was kept: exchange k is row rows[k]
    else:
        rows = np.arange(2, net.n_exchanges + 2, dtype=np.int64)
    if net is not None and not allow_duplicates and not problems:
        for first, repeat in duplicate_exchanges(net):
            msg = (
                f"exchange row {int(rows[repeat])} repeats row {int(rows[first])} exactly "
                f"(same source, target, kind, weight, dates and attributes); {DUPLICATE_ADVICE}"
            )
            problems.append(Problem(msg, sheet="exchanges", row=int(rows[repeat])))
    problems[:] = _missing_tables(tables, problems)
    if problems:
        order = {name: i for i, name in enumerate(TABLES)}
        col_order = {(t, c.name): j for t, cols in TABLES.items() for j, c in enumerate(cols)}

        def key(p: Problem) -> tuple[int, int, int]:
            return (
                order.get(p.sheet or "", -1),
                p.row or 0,
                col_order.get((p.sheet or "", p.column or ""), len(col_order)),
            )

        raise DataFileError(sorted(problems, key=key))
    assert net is not None  # no problems means the network was built
    return net


def _declare_nodes(sheet: Sheet, declared: _Declared) -> npt.NDArray[np.object_]:
    ids = sheet.ids("id")
    for i in np.flatnonzero(given(ids)).tolist():
        node_id = ids[i]
        first = declared.nodes.get(node_id)
        if first is not None:
            sheet.add(
                int(i),
                "id",
                node_id,
                f"id {node_id!r} is already used in sheet {first[0]!r} row {first[1]}; ids must "
                "be unique across agencies, groups and actors",
            )
            ids[i] = None
        else:
            declared.nodes[node_id] = (sheet.table, int(sheet.rows[i]))
    return ids


def _build(sheet: Sheet, i: int, factory: Callable[[], Any]) -> Any:
    """A record from row ``i``, or None (with a problem) when the record refuses it."""
    if sheet.bad[i]:
        return None
    try:
        return factory()
    except RecordError as exc:
        sheet.add(i, None, None, str(exc))
        return None


def _location_columns(sheet: Sheet) -> dict[str, Any]:
    cols: dict[str, Any] = {
        f: sheet.text(f) for f in ("address", "city", "state", "postal_code", "country")
    }
    lat = sheet.number("latitude")
    lon = sheet.number("longitude")
    lat_given = sheet.filled("latitude") if "latitude" in sheet.cols else np.zeros(sheet.n, bool)
    lon_given = sheet.filled("longitude") if "longitude" in sheet.cols else np.zeros(sheet.n, bool)
    for i in np.flatnonzero(lat_given != lon_given).tolist():
        missing = "longitude" if lat_given[i] else "latitude"
        sheet.add(
            int(i),
            missing,
            None,
            "latitude and longitude go together: give both or leave both empty",
        )
    cols["latitude"] = [None if math.isnan(v) else v for v in lat.tolist()]
    cols["longitude"] = [None if math.isnan(v) else v for v in lon.tolist()]
    return cols


_LOCATION_KEYS = ("address", "city", "state", "postal_code", "country", "latitude", "longitude")


def _agencies(sheet: Sheet, ids: npt.NDArray[np.object_]) -> list[Agency]:
    names = sheet.text("name")
    sectors = sheet.members("sector", Sector)
    loc = _location_columns(sheet)
    loc_name = sheet.text("location_name")
    has = sheet.flag("has_location")
    attributes = sheet.attributes("attributes")
    out = []
    for i in range(sheet.n):
        fields = {k: loc[k][i] for k in _LOCATION_KEYS}
        any_filled = any(v is not None for v in fields.values()) or loc_name[i] is not None
        if has[i] is False and any_filled:
            sheet.add(
                i,
                "has_location",
                "false",
                "has_location is false but address cells are filled; empty it or the cells",
            )
        located = any_filled or has[i] is True

        def make(i: int = i, fields: dict[str, Any] = fields, located: bool = located) -> Agency:
            location = Location(**fields, name=loc_name[i]) if located else None
            return Agency(ids[i], names[i], sectors[i], location, attributes[i])

        rec = _build(sheet, i, make)
        if rec is not None:
            out.append(rec)
    return out


def _group_refs(sheet: Sheet, declared: _Declared, what: str) -> npt.NDArray[np.object_]:
    """The group_id column: ids of declared groups (None elsewhere, with a problem)."""
    refs = sheet.text("group_id")
    for i in np.flatnonzero(given(refs)).tolist():
        ref = refs[i]
        where = declared.nodes.get(ref)
        if where is None or where[0] != "groups":
            sheet.add(int(i), "group_id", ref, _not_a(ref, where, "groups", what))
            refs[i] = None
    return refs


#: Tables a file may not leave out once other tables lean on them (see ``_missing_tables``).
REQUIRED_TABLES = ("agencies", "groups", "exchanges")


def _missing_tables(
    tables: Mapping[str, RawTable | CodedTable], problems: list[Problem]
) -> list[Problem]:
    """The problems, led by one for each table left out that other tables lean on.

    A table may be left out (it is empty), but not one that others lean on: the agencies or
    groups whose ids other rows refer to (every such row is also listed), or, in a workbook
    listing agencies and groups, the exchanges sheet (a deleted or renamed sheet, a missing
    CSV file).
    """
    if not tables:
        return problems
    some = next(iter(tables.values())).file
    folder = some.lower().endswith(".csv")
    lead: list[Problem] = []
    for t in REQUIRED_TABLES:
        if t in tables:
            continue
        wanted = f"an id in sheet {t!r}"
        n = sum("is not declared" in p.message and wanted in p.message for p in problems)
        if t == "exchanges":
            needed = not folder and {"agencies", "groups"} <= set(tables)
        else:
            needed = n > 0
        if not needed:
            continue
        if folder:
            from pathlib import Path

            where, what = str(Path(some).parent / f"{t}.csv"), f"the file {t}.csv is missing"
        else:
            where, what = some, f"the sheet {t!r} is missing"
        extra = f" ({n} reference{'s' if n != 1 else ''} to its ids below)" if n else ""
        lead.append(
            Problem(
                f"{what}{extra}; add it back (a blank template has it), with at least its "
                "header row",
                file=where,
                sheet=t,
            )
        )
    return [*lead, *problems]


def _not_a(ref: str, where: tuple[str, int] | None, table: str, what: str) -> str:
    wanted = " or ".join(f"an id in sheet {t!r}" for t in table.split("|"))
    if where is not None:
        return (
            f"{ref!r} is {_NODE_WORD[where[0]]} (sheet {where[0]!r} row {where[1]}); {what} "
            f"must be {wanted}"
        )
    hint = ""
    if ref != ref.strip():
        hint = " (it has leading or trailing spaces)"
    return f"{ref!r} is not declared{hint}: {what} must be {wanted}"


def _groups(
    sheets: Mapping[str, Sheet], declared: _Declared, ids: npt.NDArray[np.object_]
) -> list[SelfHelpGroup]:
    sheet = sheets["groups"]
    names = sheet.text("name")
    types = sheet.members("group_type", GroupType)
    fellowship = sheet.text("fellowship")
    enums = {
        name: sheet.members(name, cls)
        for name, cls in (
            ("focus", Focus),
            ("approach", Approach),
            ("meeting_place", MeetingPlace),
            ("admission", Admission),
            ("timing", Timing),
            ("facilitation", Facilitation),
        )
    }
    attributes = sheet.attributes("attributes")
    activities = _activities(sheet)
    locations, loc_count, loc_bad = _group_locations(sheets["group_locations"], declared)
    meetings, meet_bad = _meetings(sheets["meetings"], declared, loc_count)
    out = []
    for i in range(sheet.n):
        gid = ids[i]
        if gid is not None and (gid in loc_bad or gid in meet_bad):
            continue  # its location or meeting rows carry the problems

        def make(i: int = i, gid: Any = gid) -> SelfHelpGroup:
            fields = {
                "fellowship": fellowship[i],
                **{k: v[i] for k, v in enums.items()},
                "locations": locations.get(gid, ()),
                "meetings": meetings.get(gid, ()),
                "attributes": attributes[i],
                "activities": activities[i],
            }
            # the constructor builds (and names the problem) where the fast path does not
            fast = group_from_values(gid, names[i], types[i], **fields)
            return fast or SelfHelpGroup(gid, names[i], types[i], **fields)

        rec = _build(sheet, i, make)
        if rec is not None:
            out.append(rec)
    return out


def _activities(sheet: Sheet) -> list[tuple[Activity, ...]]:
    texts = sheet.text("activities")
    out: list[tuple[Activity, ...]] = [()] * sheet.n
    for i in np.flatnonzero(given(texts)).tolist():
        try:
            out[i] = parse_activities(texts[i])
        except RecordError as exc:
            sheet.add(i, "activities", texts[i], str(exc))
    return out


def _group_locations(
    sheet: Sheet, declared: _Declared
) -> tuple[dict[str, list[Location]], dict[str, int], set[str]]:
    refs = _group_refs(sheet, declared, "group_id")
    positions = sheet.position("position")
    loc = _location_columns(sheet)
    names = sheet.text("name")
    count: dict[str, int] = {}
    raw_refs = sheet.raw("group_id")
    for i in range(sheet.n):  # count every row of a group, even a faulty one, for meetings
        count[raw_refs[i]] = count.get(raw_refs[i], 0) + 1
        k = count[raw_refs[i]]
        if positions[i] and positions[i] != k:
            sheet.add(
                i,
                "position",
                int(positions[i]),
                f"position must be {k}: this is row {k} for group {raw_refs[i]!r} in this sheet "
                "(positions number a group's rows in order; or leave it empty)",
            )
    out: dict[str, list[Location]] = {}
    bad: set[str] = set()
    for i in range(sheet.n):
        gid = refs[i]

        def make(i: int = i) -> Location:
            values = {k: loc[k][i] for k in _LOCATION_KEYS}
            fast = location_from_values(**values, name=names[i])
            return fast or Location(**values, name=names[i])

        rec = _build(sheet, i, make)
        if gid is None:
            continue
        if rec is None:
            bad.add(gid)
        else:
            out.setdefault(gid, []).append(rec)
    return out, count, bad


def _meetings(
    sheet: Sheet, declared: _Declared, loc_count: Mapping[str, int]
) -> tuple[dict[str, list[MeetingTime]], set[str]]:
    refs = _group_refs(sheet, declared, "group_id")
    days = sheet.members("day", Weekday)
    starts = sheet.time("start")
    ends = sheet.time("end")
    zones = sheet.text("timezone")
    where = sheet.position("location")
    raw_refs = sheet.raw("group_id")
    for i in np.flatnonzero(where > 0).tolist():
        k = loc_count.get(raw_refs[i], 0)
        if where[i] > k:
            valid = f"1 to {k}, or empty" if k else "empty (add its places to group_locations)"
            sheet.add(
                int(i),
                "location",
                int(where[i]),
                f"location {where[i]} is out of range: group {raw_refs[i]!r} has {k} row(s) in "
                f"sheet 'group_locations' (valid: {valid})",
            )
    out: dict[str, list[MeetingTime]] = {}
    bad: set[str] = set()
    for i in range(sheet.n):
        gid = refs[i]

        def make(i: int = i) -> MeetingTime:
            return MeetingTime(
                days[i], starts[i], ends[i], zones[i], int(where[i]) - 1 if where[i] else None
            )

        rec = _build(sheet, i, make)
        if gid is None:
            continue
        if rec is None:
            bad.add(gid)
        else:
            out.setdefault(gid, []).append(rec)
    return out, bad


def _actors(sheet: Sheet, ids: npt.NDArray[np.object_]) -> list[CommunityActor]:
    names = sheet.text("name")
    kinds = sheet.members("kind", ActorKind)
    attributes = sheet.attributes("attributes")
    out = []
    for i in range(sheet.n):

        def make(i: int = i) -> CommunityActor:
            return CommunityActor(ids[i], names[i], kinds[i], attributes[i])

        rec = _build(sheet, i, make)
        if rec is not None:
            out.append(rec)
    return out


def _initiatives(sheets: Mapping[str, Sheet], declared: _Declared) -> list[Initiative]:
    sheet = sheets["initiatives"]
    ids = sheet.ids("id")
    for i in np.flatnonzero(given(ids)).tolist():
        first = declared.initiatives.get(ids[i])
        if first is not None:
            sheet.add(
                int(i),
                "id",
                ids[i],
                f"initiative id {ids[i]!r} is already used in row {first}; initiative ids "
                "must be unique",
            )
            ids[i] = None
        else:
            declared.initiatives[ids[i]] = int(sheet.rows[i])
    kinds = sheet.members("kind", InitiativeKind)
    dates = sheet.dates("date")
    names = sheet.text("name")
    attributes = sheet.attributes("attributes")
    sponsors, sp_rows, sp_bad = _members(
        sheets["initiative_sponsors"], declared, "sponsor", ("agencies", "groups")
    )
    audiences, _, au_bad = _members(
        sheets["initiative_audiences"], declared, "audience", ("actors",)
    )
    out = []
    for i in range(sheet.n):
        iid = ids[i]
        if iid is not None and iid not in sp_rows:
            sheet.add(
                i,
                "id",
                iid,
                f"initiative {iid!r} has no sponsor: add at least one row for it to sheet "
                "'initiative_sponsors' (an agency or group id)",
            )
        if iid is not None and (iid in sp_bad or iid in au_bad):
            continue

        def make(i: int = i, iid: Any = iid) -> Initiative:
            return Initiative(
                iid,
                kinds[i],
                sponsors.get(iid, ()),
                audiences.get(iid, ()),
                dates[i],
                name=names[i],
                attributes=attributes[i],
            )

        rec = _build(sheet, i, make)
        if rec is not None:
            out.append(rec)
    return out


def _observations(sheet: Sheet, declared: _Declared) -> list[Observation]:
    subjects = sheet.text("subject")
    raters = sheet.text("rater")
    measures = sheet.text("measure")
    values = sheet.number("value")
    dates = sheet.dates("date")
    sources = sheet.text("source")
    attributes = sheet.attributes("attributes")
    every = "agencies|groups|actors"
    for column, refs in (("subject", subjects), ("rater", raters)):
        for i in np.flatnonzero(given(refs)).tolist():
            if refs[i] not in declared.nodes:
                sheet.add(int(i), column, refs[i], _not_a(refs[i], None, every, column))
    out = []
    for i in range(sheet.n):

        def make(i: int = i) -> Observation:
            return Observation(
                subjects[i],
                measures[i],
                float(values[i]),
                dates[i],
                source=sources[i],
                rater=raters[i],
                attributes=attributes[i],
            )

        rec = _build(sheet, i, make)
        if rec is not None:
            out.append(rec)
    return out


def _members(
    sheet: Sheet, declared: _Declared, column: str, tables: tuple[str, ...]
) -> tuple[dict[str, list[str]], set[str], set[str]]:
    """Sponsor or audience rows: initiative id -> member ids; initiatives named; faulty ones."""
    inis = sheet.text("initiative_id")
    members = sheet.text(column)
    named = {str(v) for v in sheet.raw("initiative_id").tolist()}
    out: dict[str, list[str]] = {}
    seen: dict[tuple[str, str], int] = {}
    bad: set[str] = set()
    for i in range(sheet.n):
        iid, member = inis[i], members[i]
        if iid is not None and iid not in declared.initiatives:
            hint = " (it has leading or trailing spaces)" if iid != iid.strip() else ""
            sheet.add(
                i,
                "initiative_id",
                iid,
                f"{iid!r} is not declared{hint}: initiative_id must be an id in sheet "
                "'initiatives'",
            )
        if member is not None:
            where = declared.nodes.get(member)
            if where is None or where[0] not in tables:
                sheet.add(i, column, member, _not_a(member, where, "|".join(tables), column))
            elif iid is not None:
                first = seen.get((iid, member))
                if first is not None:
                    sheet.add(
                        i,
                        column,
                        member,
                        f"{column} {member!r} is already listed for initiative {iid!r} in row "
                        f"{first}; list each once",
                    )
                else:
                    seen[(iid, member)] = int(sheet.rows[i])
        if iid is None:
            continue
        if sheet.bad[i]:
            bad.add(iid)
        elif member is not None:
            out.setdefault(iid, []).append(member)
    return out, named, bad


def _exchanges(
    sheet: Sheet,
    declared: _Declared,
    agencies: list[Agency],
    groups: list[SelfHelpGroup],
    actors: list[CommunityActor],
    initiatives: list[Initiative],
    observations: list[Observation],
) -> ExchangeNetwork | None:
    source = sheet.text("source")
    target = sheet.text("target")
    source_role = sheet.enum("source_role")
    target_role = sheet.enum("target_role")
    joint = ExchangeKind.JOINT_INITIATIVE.value
    kind = sheet.enum(
        "kind",
        hints={
            joint: f"{joint!r} is not entered as an exchange: it is derived from initiatives; "
            "record the initiative in sheet 'initiatives' with both sponsors in "
            "'initiative_sponsors'"
        },
    )
    kind_codes = np.array([_KIND_CODE[c] for c in sheet.spec["kind"].choices], dtype=np.int8)
    weight = sheet.weight("weight")
    start = sheet.date("start")
    end = sheet.date("end")
    attributes = sheet.attributes("attributes")
    keep = np.flatnonzero(~sheet.bad)
    try:
        net = ExchangeNetwork.from_arrays(
            agencies=agencies,
            groups=groups,
            actors=actors,
            initiatives=initiatives,
            observations=observations,
            source=source[keep],
            target=target[keep],
            kind=kind_codes[kind[keep]] if len(keep) else np.zeros(0, np.int8),
            weight=weight[keep],
            start=start[keep],
            end=end[keep],
            # positions in the role list are the role codes (-1: the whole node)
            source_role=source_role[keep].astype(np.int8),
            target_role=target_role[keep].astype(np.int8),
            # a column with no attributes at all builds no list of 5 million empty ones
            attributes=[attributes[i] for i in keep.tolist()]
            if sheet.filled("attributes").any()
            else None,
        )
    except NetworkValidationError as exc:
        built = {a.id for a in agencies} | {g.id for g in groups} | {c.id for c in actors}
        for p in exc.problems:
            _map_problem(sheet, declared, built, keep, p)
        return None
    _check_directions(sheet, net, keep)
    if sheet.problems:
        return None
    return net


def _coded_exchanges(
    coded: CodedTable,
    agencies: list[Agency],
    groups: list[SelfHelpGroup],
    actors: list[CommunityActor],
    initiatives: list[Initiative],
    observations: list[Observation],
) -> ExchangeNetwork | None:
    """The network from a coded ``exchanges.csv``, or None where the table reader must look."""
    index: dict[str, int] = {}
    ids = [a.id for a in agencies] + [g.id for g in groups] + [c.id for c in actors]
    for i, node_id in enumerate(ids):
        index.setdefault(node_id, i)
    columns = coded_arrays(coded, index)
    if columns is None:
        return None
    try:
        nodes = ExchangeNetwork.from_arrays(
            agencies=agencies,
            groups=groups,
            actors=actors,
            initiatives=initiatives,
            observations=observations,
            source=[],
            target=[],
            kind=[],
        )
        # the arrays were made here: kept, not copied
        net = nodes._with_exchanges(**columns)
    except NetworkValidationError:
        return None  # the table reader names each problem's row
    if _wrong_directions(net).any():
        return None
    return net


def _wrong_directions(net: ExchangeNetwork) -> npt.NDArray[np.bool_]:
    """Which exchanges run between an agency and a group against their kind's direction."""
    from selfhelp_exchange.network import NODE_TYPE_CODES
    from selfhelp_exchange.vocabulary import NodeType

    x = net.arrays
    agency, group = NODE_TYPE_CODES[NodeType.AGENCY], NODE_TYPE_CODES[NodeType.GROUP]
    t_src, t_tgt = net.node_type[x.source], net.node_type[x.target]
    out_kinds, in_kinds = _direction_kinds()
    to_group, to_agency = out_kinds[x.kind], in_kinds[x.kind]
    return (to_group & (t_src == group) & (t_tgt == agency)) | (  # type: ignore[no-any-return]
        to_agency & (t_src == agency) & (t_tgt == group)
    )


def _direction_kinds() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Per kind code: does it run from the agency to the group; from the group to the agency."""
    by_code = {k.code: k for k in ExchangeKind}
    size = max(by_code) + 1
    out_kinds, in_kinds = np.zeros(size, dtype=bool), np.zeros(size, dtype=bool)
    for code, member in by_code.items():
        out_kinds[code] = member.direction is Direction.AGENCY_TO_GROUP
        in_kinds[code] = member.direction is Direction.GROUP_TO_AGENCY
    return out_kinds, in_kinds


def _check_directions(sheet: Sheet, net: ExchangeNetwork, keep: npt.NDArray[np.intp]) -> None:
    """A problem for each agency-group exchange written against its kind's direction.

    A referral runs from the agency to the group, a board seat from the group to the agency
    (the ``kinds`` sheet of the template); a row the other way round is a swap of source and
    target, and the problem says so.
    """
    x = net.arrays
    if not len(x.kind):
        return
    by_code = {k.code: k for k in ExchangeKind}
    out_kinds, _ = _direction_kinds()
    to_group = out_kinds[x.kind]
    wrong = _wrong_directions(net)
    for k in np.flatnonzero(wrong).tolist():
        kind = by_code[int(x.kind[k])]
        runs = "from the agency to the group" if to_group[k] else "from the group to the agency"
        sheet.add(
            int(keep[k]),
            "source",
            str(net.node_ids[x.source[k]]),
            f"a {kind.value} runs {runs}: swap source and target (and source_role and "
            "target_role); the template's kinds sheet gives each kind's direction",
        )


def _map_problem(
    sheet: Sheet,
    declared: _Declared,
    built: set[str],
    keep: npt.NDArray[np.intp],
    p: Problem,
) -> None:
    """A problem the network found in exchange ``k`` of the kept rows, at its spreadsheet row."""
    if (
        p.exchange is None
        and p.column in ("sponsors", "audiences", "subject", "rater")
        and isinstance(p.value, str)
        and p.value in declared.nodes
        and p.value not in built
    ):
        return  # a sponsor whose own row is faulty: that row carries the problem
    if p.exchange is None:
        sheet.problems.append(
            Problem(p.message, file=sheet.file, sheet=None, column=p.column, value=p.value)
        )
        return
    i = int(keep[p.exchange])
    message = p.message
    if p.column in ("source", "target") and p.value not in built and isinstance(p.value, str):
        # the network did not find the node
        if p.value in declared.nodes:
            return  # declared, but its own row is faulty: that row carries the problem
        message = _not_a(p.value, None, "agencies|groups|actors", p.column)
    sheet.add(i, p.column, p.value, message)
