"""Reading the table sheets of an XLSX workbook, straight from its XML parts.

A workbook is a zip archive of XML parts (ECMA-376, "Office Open XML", part 1): the workbook
part lists the sheets and points to each through its relationships; ``sharedStrings.xml``
holds the text of shared-string cells; ``styles.xml`` says which cell styles are dates. This
module reads those parts itself, with :mod:`defusedxml` (no document type definitions, so no
entity expansion or external entities), rather than through openpyxl's private sheet parser:
so it sees, and refuses, what a forgiving reader passes over without a word (a row number that
repeats or goes back, a cell given twice, a formula with no saved value), and it decodes
Excel's ``_xHHHH_`` escapes in shared strings exactly once. openpyxl is used only through its
public helpers for number formats and Excel's date serials.

Cell values follow the spreadsheet's types: numbers (``t="n"``, the default) as int or float,
and as dates or times where the cell's style has a date or time format; booleans (``"b"``);
shared strings (``"s"``), inline strings (``"inlineStr"``), formula text (``"str"``), error
values (``"e"``, e.g. ``#N/A``, kept as text) and ISO dates (``"d"``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs
import numpy as np

from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._columns import time_text
from selfhelp_exchange.io._limits import MAX_COLUMNS, Limits, check_table, too_big
from selfhelp_exchange.io._schema import TABLES, known_table
from selfhelp_exchange.io._sheet import RawTable, column_letter
from selfhelp_exchange.io._xmltext import unescape

__all__ = ["EXCEL_MAX_ROWS", "NOT_TABLES", "read_workbook", "sheet_names"]

#: Rows in one Excel worksheet (ECMA-376; Excel's documented limit, 2**20).
EXCEL_MAX_ROWS = 1_048_576
#: Sheets that are never tables (compared in lower case); so is any sheet starting with ``_``.
NOT_TABLES = ("readme", "help", "lists", "kinds", "instructions")

#: SpreadsheetML's namespaces: transitional (what Excel writes) and strict OOXML.
_MAIN = frozenset(
    {
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main",
    }
)
_DOC_RELS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")


def _split(tag: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag."""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _is(tag: str, local: str) -> bool:
    """Whether ``tag`` is SpreadsheetML's element ``local`` (in either namespace)."""
    ns, name = _split(tag)
    return name == local and ns in _MAIN


class _Damaged(Exception):
    """A part that breaks the format: reported as a workbook that cannot be opened."""


def _xml(zf: zipfile.ZipFile, name: str) -> Any:
    import defusedxml.ElementTree as DET

    with zf.open(name) as fh:
        return DET.parse(fh, forbid_dtd=True).getroot()


def _iterparse(fh: IO[bytes]) -> Iterator[Any]:
    import defusedxml.ElementTree as DET

    for _, el in DET.iterparse(fh, events=("end",), forbid_dtd=True):
        yield el


def _relationships(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part) of ``part`` (targets resolved inside the archive)."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels not in zf.namelist():
        return {}
    out = {}
    for rel in _xml(zf, rels):
        if (
            _split(rel.tag) != (_PACKAGE_RELS, "Relationship")
            or rel.get("TargetMode") == "External"
        ):
            continue
        target = rel.get("Target") or ""
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out[rel.get("Id") or ""] = (rel.get("Type") or "", posixpath.normpath(path))
    return out


def _text(el: Any) -> str:
    """The text of a shared or inline string: its ``<t>`` and its runs' ``<t>``, not phonetics."""
    parts = []
    for child in el:
        if _is(child.tag, "t"):
            parts.append(child.text or "")
        elif _is(child.tag, "r"):
            parts.extend(t.text or "" for t in child if _is(t.tag, "t"))
    return "".join(parts)


@attrs.frozen
class _Sheet:
    title: str
    part: str | None  # None: not a worksheet (a chart sheet, or a broken reference)


@attrs.frozen
class _Book:
    """What reading any sheet needs: sheets in order, shared strings, date styles, epoch."""

    sheets: tuple[_Sheet, ...]
    strings: tuple[str, ...]
    date_styles: frozenset[int]
    timedelta_styles: frozenset[int]
    epoch: dt.datetime


#: Content types of a workbook's main part (ECMA-376 part 1, and Excel's macro and template
#: forms), in the order a reader looks for them.
_WORKBOOK_TYPES = tuple(
    f"application/{t}.main+xml"
    for t in (
        "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "vnd.ms-excel.sheet.macroEnabled",
        "vnd.openxmlformats-officedocument.spreadsheetml.template",
        "vnd.ms-excel.template.macroEnabled",
    )
)


def _workbook_part(zf: zipfile.ZipFile) -> str:
    """The workbook's main part, as the package's content types name it."""
    if "[Content_Types].xml" not in zf.namelist():
        msg = "there is no [Content_Types].xml: not an Office Open XML package"
        raise _Damaged(msg)
    parts = {
        el.get("ContentType"): (el.get("PartName") or "").lstrip("/")
        for el in _xml(zf, "[Content_Types].xml")
        if _split(el.tag)[1] == "Override"
    }
    for kind in _WORKBOOK_TYPES:
        if parts.get(kind):
            return parts[kind]
    msg = "the package has no workbook part (its content types name none)"
    raise _Damaged(msg)


def _open_book(zf: zipfile.ZipFile, *, strings: bool = True) -> _Book:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    part = _workbook_part(zf)
    if part not in zf.namelist():
        msg = f"there is no workbook part ({part})"
        raise _Damaged(msg)
    root = _xml(zf, part)
    rels = _relationships(zf, part)
    sheets: list[_Sheet] = []
    epoch = CALENDAR_WINDOWS_1900
    for el in root:
        if _is(el.tag, "workbookPr") and (el.get("date1904") or "").lower() in ("1", "true"):
            epoch = CALENDAR_MAC_1904
        if not _is(el.tag, "sheets"):
            continue
        for sheet in el:
            if not _is(sheet.tag, "sheet"):
                continue
            rid = next(
                (sheet.get(f"{{{ns}}}id") for ns in _DOC_RELS if sheet.get(f"{{{ns}}}id")), ""
            )
            kind, target = rels.get(rid or "", ("", ""))
            is_sheet = kind.endswith("/worksheet") and target in zf.namelist()
            sheets.append(_Sheet(sheet.get("name") or "", target if is_sheet else None))
    shared: tuple[str, ...] = ()
    dates: set[int] = set()
    deltas: set[int] = set()
    for kind, target in rels.values():
        if kind.endswith("/sharedStrings") and strings and target in zf.namelist():
            shared = _shared_strings(zf, target)
        elif kind.endswith("/styles") and target in zf.namelist():
            dates, deltas = _date_styles(zf, target)
    return _Book(tuple(sheets), shared, frozenset(dates), frozenset(deltas), epoch)


def _shared_strings(zf: zipfile.ZipFile, part: str) -> tuple[str, ...]:
    out = []
    with zf.open(part) as fh:
        for el in _iterparse(fh):
            if _is(el.tag, "si"):
                out.append(_text(el))
                el.clear()
    return tuple(out)


def _date_styles(zf: zipfile.ZipFile, part: str) -> tuple[set[int], set[int]]:
    """The cell styles (positions in ``cellXfs``) whose number format is a date or a duration."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    root = _xml(zf, part)
    custom: dict[int, str] = {}
    dates: set[int] = set()
    deltas: set[int] = set()
    for el in root:
        if _is(el.tag, "numFmts"):
            for fmt in el:
                if _is(fmt.tag, "numFmt") and (fmt.get("numFmtId") or "").isdigit():
                    custom[int(fmt.get("numFmtId") or 0)] = fmt.get("formatCode") or ""
        if _is(el.tag, "cellXfs"):
            xfs = [xf for xf in el if _is(xf.tag, "xf")]
            for i, xf in enumerate(xfs):
                raw = xf.get("numFmtId") or "0"
                fid = int(raw) if raw.isdigit() else 0
                code = custom.get(fid, BUILTIN_FORMATS.get(fid, "General"))
                if is_date_format(code):
                    dates.add(i)
                if is_timedelta_format(code):
                    deltas.add(i)
    return dates, deltas


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _number(text: str) -> int | float:
    # as Excel writes them: a whole number has neither a point nor an exponent
    if "." in text or "e" in text or "E" in text:
        return float(text)
    return int(text)


@attrs.frozen
class _Cell:
    column: int  # 1-based
    value: Any
    formula: str | None  # the formula of a cell whose value was never saved


def _cell(el: Any, book: _Book, column: int, where: str, problems: list[Problem]) -> _Cell:
    """One ``<c>`` element as a value (see the module docstring), with openpyxl's types."""
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    kind = el.get("t") or "n"
    saved_el = formula_el = inline = None
    for child in el:
        if _is(child.tag, "v"):
            saved_el = child
        elif _is(child.tag, "f"):
            formula_el = child
        elif _is(child.tag, "is"):
            inline = child
    saved = None if saved_el is None else saved_el.text
    unsaved = None
    if formula_el is not None and (saved is None and (saved_el is None or kind != "str")):
        # no <v>, or an empty one on a cell not typed as text (Excel saves a formula giving ''
        # as t="str" with an empty <v/>)
        unsaved = formula_el.text or ""
    value: Any = None
    if kind == "inlineStr":
        value = None if inline is None else _text(inline)
    elif saved:
        if kind == "n":
            value = _number(saved)
            style = el.get("s")
            s = int(style) if style and style.isdigit() else 0
            if s in book.date_styles:
                try:
                    value = from_excel(value, book.epoch, timedelta=s in book.timedelta_styles)
                except (OverflowError, ValueError):
                    problems.append(
                        Problem(
                            f"cannot be read as it is: cell {where} is marked as a date but the "
                            f"serial value {value} is outside the limits for dates",
                        )
                    )
                    value = "#VALUE!"
        elif kind == "s":
            value = book.strings[int(saved)]
        elif kind == "b":
            value = bool(int(saved))
        elif kind == "d":
            value = from_ISO8601(saved)  # type: ignore[no-untyped-call]
        else:  # "str" (a formula's text) and "e" (an error value such as #N/A)
            value = saved
    elif kind == "str" and saved_el is not None:
        value = ""
    return _Cell(column, value, unsaved)


def _rows(
    fh: IO[bytes], book: _Book, problems: list[Problem]
) -> Iterator[tuple[int, list[_Cell]]]:
    """(row number, cells) of each ``<row>``, in the file's order, as the file numbers them."""
    number = 0
    for el in _iterparse(fh):
        if not _is(el.tag, "row"):
            continue
        given = el.get("r")
        if given is None:
            number += 1
        else:
            try:
                number = int(given)
            except ValueError:
                as_float = float(given)
                if not as_float.is_integer():
                    msg = f"{given} is not a valid row number"
                    raise _Damaged(msg) from None
                number = int(as_float)
        cells = []
        column = 0
        for c in el:
            if not _is(c.tag, "c"):
                continue
            ref = c.get("r")
            if ref is not None:
                match = _CELL_REF.fullmatch(ref)
                if match is None:
                    msg = f"{ref!r} is not a cell reference"
                    raise _Damaged(msg)
                column = _column_number(match.group(1))
            else:
                column += 1
            where = f"{column_letter(column - 1)}{number}"
            cells.append(_cell(c, book, column, where, problems))
        el.clear()
        yield number, cells


def read_workbook(path: Path, limits: Limits | None = None) -> dict[str, RawTable]:
    """The table sheets of a workbook, as text; a missing sheet is an absent (empty) table.

    Raises
    ------
    DataFileError
        If the file cannot be opened as a workbook (what is wrong is said), unpacks to more
        than ``limits.max_bytes``, holds no table sheet, holds a sheet that is neither a table
        nor one of the sheets that are skipped, holds a formula with no saved value (the reader
        cannot compute it), or a sheet is over one of the ``limits``.
    """
    limits = Limits() if limits is None else limits
    shown = str(path)
    if not path.is_file():
        raise DataFileError([Problem("the workbook does not exist", file=shown)])
    try:
        with zipfile.ZipFile(path) as zf:
            _check_archive(zf, shown, limits)
            book = _open_book(zf)
            problems, tables = _read_sheets(zf, book, shown, limits)
    except DataFileError:
        raise
    except Exception as exc:  # noqa: BLE001  # a damaged archive or part fails in many ways
        raise _unreadable(shown, exc) from None
    if not tables and not problems:
        problems.append(
            Problem(
                f"the workbook holds none of the table sheets ({', '.join(TABLES)})", file=shown
            )
        )
    if problems:
        raise DataFileError(problems)
    return tables


def sheet_names(path: Path) -> list[str]:
    """The names of a workbook's sheets, in order (empty if it cannot be opened)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return [s.title for s in _open_book(zf, strings=False).sheets]
    except Exception:  # noqa: BLE001  # unreadable: the reader of its tables reports it
        return []


def _read_sheets(
    zf: zipfile.ZipFile, book: _Book, shown: str, limits: Limits
) -> tuple[list[Problem], dict[str, RawTable]]:
    problems: list[Problem] = []
    tables: dict[str, RawTable] = {}
    for sheet in book.sheets:
        title = sheet.title
        name = title.strip().lower()
        if name in NOT_TABLES or name.startswith("_"):
            continue
        if not known_table(name):
            problems.append(
                Problem(
                    f"sheet {title!r} is not a table{_did_you_mean(name, TABLES)} (valid "
                    f"sheets: {', '.join(TABLES)}; sheets named README, help, lists, kinds or "
                    "instructions, or starting with '_', are skipped)",
                    file=shown,
                    sheet=title,
                )
            )
            continue
        if name in tables:
            problems.append(
                Problem(f"table {name!r} is given twice; keep one", file=shown, sheet=title)
            )
            continue
        if sheet.part is None:
            msg = f"sheet {title!r} is not a worksheet (a chart sheet, or a damaged reference)"
            problems.append(Problem(msg, file=shown, sheet=title))
            continue
        tables[name] = _read_sheet(zf, sheet.part, book, shown, name, limits)
    return problems, tables


def _did_you_mean(name: str, valid: Iterable[str]) -> str:
    """``"; did you mean 'groups'?"`` when a valid name is close to ``name``, else ``""``."""
    import difflib

    close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _unreadable(file: str, exc: BaseException) -> DataFileError:
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return DataFileError([Problem(f"cannot be opened as an .xlsx workbook ({detail})", file=file)])


#: The root element of a workbook part: transitional (what Excel writes) or strict OOXML.
_WORKBOOK_ROOTS = frozenset(f"{{{ns}}}workbook" for ns in _MAIN)


def _check_archive(zf: zipfile.ZipFile, file: str, limits: Limits) -> None:
    """Refuse a workbook that unpacks to more than the limit (a zip bomb), before reading it.

    The sizes are those the archive declares; :mod:`zipfile` never unpacks more than declared.
    """
    size = sum(i.file_size for i in zf.infolist())
    if size > limits.max_bytes:
        raise too_big(file, size, limits.max_bytes, "the workbook unpacks to")
    part = _workbook_part(zf)
    if part not in zf.namelist():
        msg = f"the workbook part {part} is missing"
        raise _Damaged(msg)
    root = _xml(zf, part).tag
    if root not in _WORKBOOK_ROOTS:
        # a part in a foreign namespace is damaged or not SpreadsheetML, and what it holds
        # cannot be trusted to be the tables
        msg = (
            f"{part} is not a SpreadsheetML workbook (its root element is {root}); "
            "save the file again as .xlsx from Excel or LibreOffice"
        )
        raise DataFileError([Problem(msg, file=file)])


def _read_sheet(
    zf: zipfile.ZipFile, part: str, book: _Book, file: str, table: str, limits: Limits
) -> RawTable:
    """One table sheet as text: row 1 the header, then every row with a value, by number.

    Raises
    ------
    DataFileError
        If a row number repeats, goes back or passes Excel's last row; a cell repeats or
        reaches past :data:`MAX_COLUMNS`; there are more than ``limits.max_rows`` rows; a
        formula has no saved value; a date cell holds no possible date; or the sheet's XML is
        damaged.
    """
    header: list[str] = []
    body: list[list[str]] = []
    numbers: list[int] = []
    problems: list[Problem] = []

    def refuse(message: str, row: int | None = None) -> DataFileError:
        return DataFileError([Problem(message, file=file, sheet=table, row=row)])

    last = 0
    found: list[Problem] = []
    with zf.open(part) as fh:
        for idx, cells in _rows(fh, book, found):
            if idx <= last:
                msg = (
                    f"row {idx} comes after row {last}: rows are repeated or out of order, "
                    "so the file is damaged (open and save it in a spreadsheet program)"
                )
                raise refuse(msg, idx)
            if idx > EXCEL_MAX_ROWS:
                msg = f"row {idx:,} is past the last row an Excel sheet has ({EXCEL_MAX_ROWS:,})"
                raise refuse(msg, idx)
            last = idx
            if not cells:
                continue
            width = max(c.column for c in cells)
            if width > MAX_COLUMNS:
                msg = (
                    f"row {idx} reaches column {column_letter(width - 1)}; a table sheet may "
                    f"use at most {MAX_COLUMNS:,} columns (delete the columns beyond, even "
                    "empty formatted ones)"
                )
                raise refuse(msg, idx)
            values = [""] * width
            seen: set[int] = set()
            for c in cells:
                col = c.column - 1
                if col in seen or col < 0:
                    msg = f"cell {column_letter(col)}{idx} is given twice; the file is damaged"
                    raise refuse(msg, idx)
                seen.add(col)
                if c.formula is not None:
                    problems.append(_formula_problem(file, table, idx, col, c.formula))
                values[col] = _cell_text(c.value)
            if idx == 1:
                header = values
            elif any(values):
                body.append(values)
                numbers.append(idx)
                if len(body) > limits.max_rows:
                    msg = (
                        f"the sheet has more than {limits.max_rows:,} rows after the header "
                        "(raise max_rows to read it)"
                    )
                    raise refuse(msg)
    problems.extend(attrs.evolve(p, file=file, sheet=table) for p in found)
    if problems:
        raise DataFileError(problems)
    # trailing columns with no header and no value are not columns
    width = max([len(header), *(len(r) for r in body)])
    grid = np.full((len(body) + 1, width), "", dtype=object)
    grid[0, : len(header)] = header
    for k, r in enumerate(body):
        grid[k + 1, : len(r)] = r
    while width and not any(grid[:, width - 1] != ""):
        width -= 1
    grid = grid[:, :width]
    cells_by_column = tuple(np.ascontiguousarray(grid[1:, j]) for j in range(width))
    raw = RawTable(
        file,
        tuple(str(h) for h in grid[0]),
        cells_by_column,
        np.array(numbers, dtype=np.int64),
    )
    check_table(raw, table, limits)
    return raw


def _formula_problem(file: str, table: str, row: int, col: int, formula: str) -> Problem:
    """A formula with no saved value: read as empty, the cell would be lost in silence."""
    return Problem(
        f"cell {column_letter(col)}{row} holds the formula ={formula} with no saved value (the "
        "file was not saved by a program that computes formulas); type the value, or open and "
        "save the file in Excel or LibreOffice",
        file=file,
        sheet=table,
        row=row,
    )


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return unescape(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return time_text(value)
    return str(value)
