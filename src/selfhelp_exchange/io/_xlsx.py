"""One XLSX workbook, a sheet per table, plus README, help and (hidden) lists sheets.

Writing
    Every text cell is written as a string cell (OOXML inline string) with the Text number
    format ``@``, so nothing is reinterpreted: ``007`` stays ``007``, ``2024-01-01`` stays text,
    and a value that starts with ``=``, ``+``, ``-`` or ``@`` is a string, never a formula (it
    also gets Excel's quote prefix, so editing the cell keeps it text). Numbers are written with
    the shortest text that reads back to the same float. Characters XML cannot carry are written
    as ``_xHHHH_`` (see :mod:`._xmltext`). Enum columns get drop-down lists drawn from the hidden
    ``lists`` sheet; every header cell has a comment with a line of help, and the ``help`` sheet
    lists every column.

Reading
    :mod:`._xlsx_read` reads the workbook's XML parts itself (formulas give their saved values).
    Cells come back as text: numbers as their shortest exact text, dates typed into Excel as
    YYYY-MM-DD, times as HH:MM. The sheets ``README``, ``help`` and ``lists`` and any sheet whose
    name starts with ``_`` are not tables and are skipped.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._columns import TableColumns
from selfhelp_exchange.io._schema import (
    COMPANION_TABLES,
    NUMERIC_TYPES,
    TABLES,
    Column,
    ColumnType,
    layout,
)
from selfhelp_exchange.io._sheet import column_letter
from selfhelp_exchange.io._xlsx_read import EXCEL_MAX_ROWS, NOT_TABLES, read_workbook
from selfhelp_exchange.io._xmltext import ESCAPE_PATTERN, escape

__all__ = [
    "EXCEL_MAX_CHARS",
    "EXCEL_MAX_ROWS",
    "NOT_TABLES",
    "read_workbook",
    "write_workbook",
]

#: Characters in one Excel cell (Excel's documented limit).
EXCEL_MAX_CHARS = 32_767
_FORMULA_START = ("=", "+", "-", "@")
_TEXT_FORMAT = "@"

README_LINES = (
    "selfhelp-exchange data workbook",
    "",
    (
        "This workbook describes a network of mental-health / substance-use agencies, self-help "
        "groups and community actors, and the exchanges and joint initiatives among them "
        "(after the adaptational and institutional lenses of Powell & Perron 2010)."
    ),
    "",
    "How to fill it in",
    (
        "1. One sheet per table. Row 1 holds the column names: do not rename, move or delete "
        "required columns; optional columns may be deleted. Enter one record per row from row 2."
    ),
    (
        "2. Hover over a column name for a line of help; the 'help' sheet lists every column, "
        "whether it is required and the values it allows."
    ),
    "3. Columns with a fixed list of values have a drop-down list: pick from it.",
    "4. An empty cell means 'not known'. Required cells must be filled.",
    (
        "5. Ids are any text you choose (e.g. A1, G-AA-TUE). Agencies, groups and actors share one "
        "set of ids: each must be unique. Other sheets refer to these ids exactly as written."
    ),
    (
        "6. Start with agencies, groups and actors; then group_locations and meetings (one row per "
        "place and per weekly meeting of a group); then exchanges (one row per flow between an "
        "agency, or one of its board / practitioners / clients subunits, and a group); then "
        "initiatives with their sponsors and audiences."
    ),
    "7. Dates are YYYY-MM-DD (2024-03-31); times are HH:MM on a 24-hour clock (19:30).",
    (
        "8. 'attributes' cells take optional extra facts as a JSON object, e.g. "
        '{"beds": 40, "county": "Riverside"}.'
    ),
    (
        "9. Keep notes in a sheet or a column whose name starts with '_' (such sheets and "
        "columns are not read)."
    ),
    (
        "10. 'observations' holds dated values of a measure (an attitude score, partners' 1-4 "
        "trust and value ratings) for an agency, group or actor. 'self_assessment' lists the "
        "items of the local mutual-aid self-assessment: answer the answered ones yes, partly, "
        "no or unknown with evidence; leave computed ones empty. Then run: "
        "selfhelp-exchange assess this-file.xlsx -o assessment.xlsx"
    ),
    "",
    "Reading it",
    "   on the command line:  selfhelp-exchange summary this-file.xlsx",
    "   in Python:            import selfhelp_exchange as shx",
    '                         net = shx.read_tables("this-file.xlsx")',
    (
        "Every problem found (file, sheet, row, column, value and what would be valid) is listed "
        "in one error message, so all can be fixed in one pass."
    ),
)


def _is_text(col: Column) -> bool:
    return col.type not in NUMERIC_TYPES


def _layouts(written: Iterable[str] = ()) -> dict[str, tuple[Column, ...]]:
    """The network's tables and the companion tables among ``written``, in order."""
    extra = {t: cols for t, cols in COMPANION_TABLES.items() if t in set(written)}
    return {**TABLES, **extra}


def _list_columns(written: Iterable[str] = ()) -> dict[tuple[str, ...], str]:
    """Each distinct list of allowed values -> its column letter in the lists sheet."""
    out: dict[tuple[str, ...], str] = {}
    for cols in _layouts(written).values():
        for col in cols:
            if col.type is ColumnType.ENUM and col.choices not in out:
                out[col.choices] = column_letter(len(out))
    return out


def _too_long(tables: dict[str, dict[str, npt.NDArray[np.object_]]]) -> list[Problem]:
    problems = []
    for table, columns in tables.items():
        for name, col in columns.items():
            if not len(col):
                continue
            lengths = pd.Series(col, dtype=object).str.len().to_numpy()
            for i in np.flatnonzero(lengths > EXCEL_MAX_CHARS).tolist():
                problems.append(
                    Problem(
                        f"{lengths[i]} characters (after escaping) is over Excel's limit of "
                        f"{EXCEL_MAX_CHARS} per cell; write a CSV folder instead",
                        sheet=table,
                        row=int(i) + 2,
                        column=name,
                    )
                )
    return problems


def _escaped(col: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    if not len(col):
        return col
    s = pd.Series(col, dtype=object)
    need = s.str.contains(ESCAPE_PATTERN, regex=True).to_numpy(dtype=bool)
    if not need.any():
        return col
    out = col.copy()
    out[need] = [escape(v) for v in col[need].tolist()]
    return out


def write_workbook(
    tables: TableColumns,
    path: Path,
    *,
    extra_sheets: Sequence[Callable[[Any], None]] = (),
) -> None:
    """Write the tables (text columns, see :mod:`._columns`) as an evaluator workbook.

    ``extra_sheets`` write further (non-table) sheets into the write-only workbook, after the
    README and before the tables (the template's ``instructions`` and ``kinds``); give each
    a name in :data:`NOT_TABLES` so that the reader skips it.

    Raises
    ------
    DataFileError
        If a table has more rows than an Excel sheet holds, or a cell more characters than an
        Excel cell holds (nothing is written then).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    escaped = {
        t: {
            name: (_escaped(col) if _is_text(_spec(t, name)) else col)
            for name, col in cols.items()
        }
        for t, cols in tables.items()
    }
    problems = _too_long(escaped)
    for table, columns in tables.items():
        n = len(next(iter(columns.values()))) if columns else 0
        if n + 1 > EXCEL_MAX_ROWS:
            problems.append(
                Problem(
                    f"{n} rows do not fit in an Excel sheet ({EXCEL_MAX_ROWS - 1} records at "
                    "most); write a CSV folder instead",
                    sheet=table,
                )
            )
    if problems:
        for p in problems:
            object.__setattr__(p, "file", str(path))
        raise DataFileError(problems, header="the network cannot be written as a workbook")

    wb = Workbook(write_only=True)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    lists = _list_columns(tables)
    _write_readme(wb)
    for write_sheet in extra_sheets:
        write_sheet(wb)
    for table, columns in escaped.items():
        _write_table(wb, table, columns, lists, header_font, header_fill)
    layouts = _layouts(tables)
    _write_help(wb, header_font, header_fill, Alignment(wrap_text=True, vertical="top"), layouts)
    _write_lists(wb, lists, header_font, layouts)
    buffer = io.BytesIO()
    wb.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_stable(buffer.getvalue()))


#: The time stamped on every part of a written workbook: the earliest a ZIP archive holds.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
#: ``docProps/core.xml``: the document's author, and no creation or modification time.
_CORE_PROPERTIES = (
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    b"<dc:creator>selfhelp-exchange</dc:creator></cp:coreProperties>"
)


def _stable(data: bytes) -> bytes:
    """The workbook with nothing of the time of writing in it: the same network, the same bytes.

    openpyxl stamps the creation and modification times into ``docProps/core.xml`` and the
    current time onto every part of the archive. The document properties are written without
    times, and every part gets :data:`_ZIP_EPOCH`.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            body = _CORE_PROPERTIES if info.filename == "docProps/core.xml" else src.read(info)
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, body)
    return out.getvalue()


def _spec(table: str, name: str) -> Column:
    for col in layout(table):
        if col.name == name:
            return col
    msg = f"no column {name!r} in table {table!r}"
    raise KeyError(msg)


def _write_readme(wb: Any) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    ws = wb.create_sheet("README")
    ws.column_dimensions["A"].width = 120
    for k, line in enumerate(README_LINES):
        cell = WriteOnlyCell(ws, value=line or None)
        if k == 0:
            cell.font = Font(bold=True, size=14)
        ws.append([cell])


def _write_table(
    wb: Any,
    table: str,
    columns: dict[str, npt.NDArray[np.object_]],
    lists: dict[tuple[str, ...], str],
    header_font: Any,
    header_fill: Any,
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(table)
    specs = [_spec(table, name) for name in columns]
    ws.freeze_panes = "A2"
    for pos, col in enumerate(specs):
        letter = column_letter(pos)
        dim = ws.column_dimensions[letter]
        dim.width = max(12, min(40, len(col.name) + 4))
        if _is_text(col):
            dim.number_format = _TEXT_FORMAT  # cells typed in later stay text
        dv = _validation(col, lists)
        if dv is not None:
            dv.add(f"{letter}2:{letter}{EXCEL_MAX_ROWS}")
            ws.data_validations.append(dv)
    _ = DataValidation  # imported for the type of _validation's result
    header = []
    for col in specs:
        cell = WriteOnlyCell(ws, value=col.name)
        cell.font = header_font
        cell.fill = header_fill
        note = f"{'Required. ' if col.required else ''}{col.help}"
        if col.choices:
            note += f" Allowed: {', '.join(col.choices)}."
        comment = Comment(note, "selfhelp-exchange")
        comment.width, comment.height = 300, 120
        cell.comment = comment
        header.append(cell)
    ws.append(header)
    arrays = list(columns.values())
    text = [_is_text(c) for c in specs]
    n = len(arrays[0]) if arrays else 0
    for r in range(n):
        row: list[Any] = []
        for arr, is_text in zip(arrays, text, strict=True):
            value = arr[r]
            if value == "":
                row.append(None)
                continue
            cell = WriteOnlyCell(ws, value=value)
            if is_text:
                cell.data_type = "s"  # never a formula or an error code
                cell.number_format = _TEXT_FORMAT
                if value.startswith(_FORMULA_START):
                    cell.quotePrefix = True
            else:
                cell.data_type = "n"  # the text is written as is: repr-exact, not %.16g
            row.append(cell)
        ws.append(row)


def _validation(col: Column, lists: dict[tuple[str, ...], str]) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    if col.type is ColumnType.ENUM:
        letter = lists[col.choices]
        dv = DataValidation(
            type="list",
            formula1=f"lists!${letter}$2:${letter}${len(col.choices) + 1}",
            allow_blank=True,
        )
        dv.error = f"Pick one of: {', '.join(col.choices)}"
    elif col.type is ColumnType.NUMBER and (col.low is None or col.high is None):
        # any finite number: Excel's own bounds stand in for the open ends
        dv = DataValidation(
            type="decimal",
            operator="between",
            formula1="-9.99E+307" if col.low is None else repr(col.low),
            formula2="9.99E+307" if col.high is None else repr(col.high),
            allow_blank=True,
        )
        dv.error = "A number"
    elif col.type is ColumnType.NUMBER:
        dv = DataValidation(
            type="decimal",
            operator="between",
            formula1=repr(col.low),
            formula2=repr(col.high),
            allow_blank=True,
        )
        dv.error = f"A number from {col.low:g} to {col.high:g}"
    elif col.type is ColumnType.WEIGHT:
        dv = DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
        dv.error = "A number >= 0 (empty means 1)"
    elif col.type is ColumnType.POSITION:
        dv = DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1="1", allow_blank=True
        )
        dv.error = "A whole number from 1 up"
    else:
        return None
    dv.errorTitle = f"Invalid {col.name}"
    dv.showErrorMessage = True
    dv.prompt = col.help
    dv.promptTitle = col.name
    dv.showInputMessage = True
    return dv


def _write_help(
    wb: Any, font: Any, fill: Any, wrap: Any, layouts: dict[str, tuple[Column, ...]]
) -> None:
    from openpyxl.cell import WriteOnlyCell

    ws = wb.create_sheet("help")
    ws.freeze_panes = "A2"
    for letter, width in zip("ABCDEF", (22, 18, 10, 10, 40, 80), strict=True):
        ws.column_dimensions[letter].width = width
    header = []
    for title in ("sheet", "column", "required", "type", "allowed values", "help"):
        cell = WriteOnlyCell(ws, value=title)
        cell.font, cell.fill = font, fill
        header.append(cell)
    ws.append(header)
    for table, cols in layouts.items():
        for col in cols:
            row = []
            for value in (
                table,
                col.name,
                "yes" if col.required else "no",
                col.type.value,
                ", ".join(col.choices),
                col.help,
            ):
                cell = WriteOnlyCell(ws, value=value or None)
                cell.alignment = wrap
                row.append(cell)
            ws.append(row)


def _write_lists(
    wb: Any,
    lists: dict[tuple[str, ...], str],
    font: Any,
    layouts: dict[str, tuple[Column, ...]],
) -> None:
    from openpyxl.cell import WriteOnlyCell

    ws = wb.create_sheet("lists")
    ws.sheet_state = "hidden"
    names: dict[tuple[str, ...], str] = {}
    for table, cols in layouts.items():
        for col in cols:
            if col.type is ColumnType.ENUM:
                names.setdefault(col.choices, f"{table}.{col.name}")
    ordered = sorted(lists, key=lambda c: lists[c])
    header = []
    for choices in ordered:
        cell = WriteOnlyCell(ws, value=names[choices])
        cell.font = font
        header.append(cell)
    ws.append(header)
    depth = max((len(c) for c in ordered), default=0)
    for k in range(depth):
        ws.append([c[k] if k < len(c) else None for c in ordered])
