"""A blank evaluator template: the workbook :func:`read_tables` reads, with no records yet.

The template has, in this order:

- ``README``: how to fill it in, and how to read it back.
- ``instructions``: for every table, what one row is, its column names and one worked row
  (from the bundled Riverside example), as it would be typed.
- ``kinds``: every exchange kind with the subunit it touches, the way it runs, its definition,
  what its weight counts and an example; the five kinds whose weight is a number of clients
  (a people count, hidden below the small-cell threshold in reports) are marked.
- One sheet per table (``agencies``, ``groups``, ``group_locations``, ``meetings``, ``actors``,
  ``exchanges``, ``initiatives``, ``initiative_sponsors``, ``initiative_audiences``,
  ``observations``, ``self_assessment``): row 1 holds
  the column headers, each with a comment giving one line of help (hover over it in Excel);
  records go from row 2. The header row is frozen. Columns with a fixed list of values carry a
  drop-down list (a data validation drawn from the hidden ``lists`` sheet) whose input help
  points to the ``kinds`` sheet for the kind; number columns carry a range check; text columns
  are formatted as Text so that ``007`` or ``2024-03-01`` stay exactly as typed.
- The ``self_assessment`` sheet comes with a row per item of the local mutual-aid
  self-assessment (see :mod:`selfhelp_exchange.selfassessment`): answer the answered items
  (yes, partly, no, unknown) with evidence; leave the answer of the computed items empty.
  :func:`~selfhelp_exchange.read_self_assessment` reads it, and the ``assess`` command uses it.
- ``help``: every column of every sheet, whether it is required, its type, its allowed values
  and its line of help.
- ``lists`` (hidden): the allowed values behind the drop-down lists.

The help lives in header comments and in the ``help``, ``instructions`` and ``kinds`` sheets
rather than in a help row under the headers, so that row 2 is the first record, as the row
numbers in error messages say, and nothing has to be deleted before the workbook is read.
:func:`read_tables` skips the ``README``, ``instructions``, ``kinds``, ``help`` and ``lists``
sheets.

Adding a teaching sheet: write a function taking the write-only workbook, add it to
:data:`TEMPLATE_SHEETS` and its name to ``io._xlsx.NOT_TABLES``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from selfhelp_exchange.catalogue import Direction, ExchangeKind
from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._columns import TableColumns, network_columns
from selfhelp_exchange.io._schema import PERSONAL_NETWORK_TABLES, TABLES, blank_columns
from selfhelp_exchange.io._xlsx import write_workbook
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.privacy import SMALL_CELL_THRESHOLD

__all__ = ["KIND_GUIDE", "TABLE_ROWS", "TEMPLATE_SHEETS", "write_template"]

#: For each exchange kind of the template: (what its weight counts, an example row in words).
#: People-count kinds (``people.PERSON_COUNT_KINDS``) count clients; the text says so.
KIND_GUIDE: Mapping[str, tuple[str, str]] = {
    "board_seat": (
        "seats held (usually 1)",
        "A member of the Tuesday AA group sits on the board.",
    ),
    "policy_support": (
        "policies adopted (usually 1)",
        "The board adopts a policy giving staff time to link clients with groups.",
    ),
    "resource_support": (
        "how much (e.g. dollars, or 1 per gift)",
        "The agency pays the group's literature order: weight 250.",
    ),
    "referral": (
        "CLIENTS referred (a count of people)",
        "Practitioners refer 14 clients to SMART Recovery in the quarter: weight 14.",
    ),
    "facilitated_introduction": (
        "CLIENTS introduced (a count of people)",
        "Staff phone a member with 6 clients and go along to a first meeting: weight 6.",
    ),
    "information": (
        "items or talks (how often)",
        "The group leaves meeting lists in the waiting room each month: weight 12 a year.",
    ),
    "consultation": (
        "consultations (how often)",
        "A group's founder advises the practitioners twice: weight 2.",
    ),
    "staff_education": (
        "sessions (how often)",
        "Members give the practitioners a training session: weight 1.",
    ),
    "meeting_space": (
        "meetings hosted (how often)",
        "The group meets weekly in the agency's hall: weight 52 a year.",
    ),
    "in_reach": (
        "CLIENTS reached (a count of people)",
        "Members carry a meeting into the detox unit, for 20 clients: weight 20.",
    ),
    "peer_bridging": (
        "CLIENTS accompanied (a count of people)",
        "Members take 9 of the agency's clients to their first meetings: weight 9.",
    ),
    "attendance": (
        "CLIENTS attending (a count of people)",
        "31 of the agency's clients attend the group this year: weight 31.",
    ),
}
#: For each table: what one row of it records (the ``instructions`` sheet).
TABLE_ROWS: Mapping[str, str] = {
    "agencies": "one mental-health or substance-use agency (its board, practitioners and clients "
    "are its subunits).",
    "groups": "one self-help or mutual-aid group.",
    "group_locations": "one place where a group meets (position 1 is its main place).",
    "meetings": "one weekly meeting of a group.",
    "actors": "one community actor (media, police, school, church, ...).",
    "exchanges": "one typed flow between an agency (or one of its subunits) and a group, in one "
    "direction; the kinds sheet says which way each kind runs.",
    "initiatives": "one joint public activity.",
    "initiative_sponsors": "one sponsor (agency or group) of an initiative.",
    "initiative_audiences": "one community actor an initiative addresses.",
}
_DIRECTION_TEXT = {
    Direction.AGENCY_TO_GROUP: "agency -> group (source: the agency or its subunit)",
    Direction.GROUP_TO_AGENCY: "group -> agency (target: the agency or its subunit)",
    Direction.EITHER: "either way",
    Direction.MUTUAL: "both ways",
}


def _with_self_assessment(tables: TableColumns) -> TableColumns:
    """The tables with the ``self_assessment`` sheet listing every item, answers empty."""
    from selfhelp_exchange.selfassessment_items import template_rows

    rows = template_rows()
    tables["self_assessment"] = {
        name: np.array([r[name] for r in rows], dtype=object).reshape(len(rows))
        for name in tables["self_assessment"]
    }
    return tables


def write_template(path: str | os.PathLike[str], *, personal_networks: bool = False) -> None:
    """Write a blank evaluator workbook: headers, a line of help per column, drop-down lists.

    Parameters
    ----------
    path : str or path-like
        Where to write the workbook; must end in ``.xlsx``. An existing file is replaced.
    personal_networks : bool
        Also add the blank sheets ``alters``, ``alter_ties`` and ``egos`` for the personal
        networks of the people served (read with
        :func:`~selfhelp_exchange.read_personal_networks`; :func:`read_tables` skips them).

    Raises
    ------
    DataFileError
        If ``path`` does not end in ``.xlsx``.

    See Also
    --------
    read_tables : reads the filled-in workbook (the untouched template reads as an empty
        network).
    write_tables : writes a network in the same layout, records filled in.

    Notes
    -----
    The layout is the one :func:`read_tables` and :func:`write_tables` use (see
    :mod:`selfhelp_exchange.io.tables`), so a filled-in template reads without any
    conversion, and a workbook written by :func:`write_tables` has the same help and drop-downs.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import selfhelp_exchange as shx
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "evaluation.xlsx"
    >>> shx.write_template(path)
    >>> shx.read_tables(path)
    ExchangeNetwork(0 agencies, 0 groups, 0 actors, 0 exchanges, 0 initiatives)
    """
    p = Path(path)
    if p.suffix.lower() != ".xlsx":
        raise DataFileError(
            [
                Problem(
                    f"the template is an Excel workbook: give a path ending in .xlsx (got {p.name!r})",
                    file=str(p),
                )
            ],
            header="the template cannot be written",
        )
    tables = _with_self_assessment(network_columns(ExchangeNetwork()))
    if personal_networks:
        tables |= blank_columns(PERSONAL_NETWORK_TABLES)
    write_workbook(tables, p, extra_sheets=[w for _, w in TEMPLATE_SHEETS])


def _header(ws: Any, titles: list[str], widths: list[int]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    for k, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(k)].width = width
    row = []
    for title in titles:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        row.append(cell)
    ws.append(row)


def _write_kinds(wb: Any) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    from selfhelp_exchange.catalogue import PERSON_COUNT_KINDS

    ws = wb.create_sheet("kinds")
    ws.freeze_panes = "A2"
    _header(
        ws,
        ["kind", "subunit", "direction", "definition", "weight counts", "example", "people count"],
        [24, 14, 30, 60, 34, 60, 14],
    )
    people = {k.value for k in PERSON_COUNT_KINDS}
    wrap = Alignment(wrap_text=True, vertical="top")
    mark = PatternFill("solid", fgColor="FCE4D6")
    for kind in ExchangeKind:
        if kind.value not in KIND_GUIDE:
            continue
        counts, example = KIND_GUIDE[kind.value]
        is_people = kind.value in people
        flag = (
            f"yes: counts from 1 to {SMALL_CELL_THRESHOLD - 1} are hidden in reports"
            if is_people
            else "no"
        )
        row = []
        for value in (
            kind.value,
            kind.role.value if kind.role else "agency",
            _DIRECTION_TEXT[kind.direction],
            kind.definition,
            counts,
            example,
            flag,
        ):
            cell = WriteOnlyCell(ws, value=value)
            cell.alignment = wrap
            if is_people:
                cell.fill = mark
                if value is flag:
                    cell.font = Font(bold=True)
            row.append(cell)
        ws.append(row)


def _plain(text: str) -> str:
    """``6.0`` as ``6``: a worked row shows a count as one would type it."""
    head, dot, tail = text.partition(".")
    return head if dot and tail == "0" and head.lstrip("-").isdigit() else text


def _worked_rows() -> dict[str, dict[str, str]]:
    """One row of each table of the bundled Riverside example, as text (a referral exchange)."""
    from selfhelp_exchange.datasets import load_example

    tables = network_columns(load_example("riverside"))
    out: dict[str, dict[str, str]] = {}
    for name, cols in tables.items():
        n = len(next(iter(cols.values()))) if cols else 0
        pick = 0
        if name == "exchanges":  # a people-count kind: the one that needs the most care
            kinds = list(cols["kind"])
            pick = kinds.index("referral") if "referral" in kinds else 0
        if n:
            out[name] = {c: _plain(str(v[pick])) for c, v in cols.items()}
    if "self_assessment" in TABLES and "self_assessment" not in out:
        from selfhelp_exchange.selfassessment_items import template_rows

        # an item the evaluator answers (not one computed from the data), answered
        asked = [r for r in template_rows() if "[computed" not in str(r.get("question", ""))]
        if asked:
            row = {k: str(v) for k, v in asked[0].items()}
            row.update(answer="partly", evidence="Minutes of the partnership meeting, 2025-03")
            out["self_assessment"] = row
    return out


def _write_instructions(wb: Any) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet("instructions")
    ws.column_dimensions["A"].width = 26
    for letter in "BCDEFGHIJKLMN":
        ws.column_dimensions[letter].width = 20
    bold = Font(bold=True)
    title = WriteOnlyCell(ws, value="One worked row for every table (from the Riverside example)")
    title.font = Font(bold=True, size=14)
    ws.append([title])
    intro = (
        "Copy the layout, not the values. Exchanges: the kinds sheet says which subunit "
        "each kind touches, which way it runs and what its weight counts; for referral, "
        "facilitated_introduction, peer_bridging, attendance and in_reach the weight is a "
        "number of clients."
    )
    ws.append([intro])
    worked = _worked_rows()
    blank = network_columns(ExchangeNetwork())
    wrap = Alignment(wrap_text=True, vertical="top")
    for table, cols in blank.items():
        ws.append([])
        head = WriteOnlyCell(ws, value=f"sheet {table}")
        head.font = bold
        meaning = TABLE_ROWS.get(table, "see the help sheet.")
        ws.append([head, f"One row is {meaning}"])
        names = [c.name for c in TABLES.get(table, ()) if c.template] or list(cols)
        header = []
        for name in ["column", *names]:
            cell = WriteOnlyCell(ws, value=name)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        row = worked.get(table)
        values = [row.get(n, "") if row else "" for n in names]
        cells = []
        for value in ["example", *values]:
            cell = WriteOnlyCell(ws, value=value or None)
            cell.alignment = wrap
            cell.number_format = "@"
            cells.append(cell)
        ws.append(cells)


#: The teaching sheets written after the README, in order: (sheet name, writer). Each name is
#: in ``io._xlsx.NOT_TABLES``, so the reader skips the sheet.
TEMPLATE_SHEETS: tuple[tuple[str, Callable[[Any], None]], ...] = (
    ("instructions", _write_instructions),
    ("kinds", _write_kinds),
)
