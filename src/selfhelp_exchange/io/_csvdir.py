"""A folder of CSV files, one ``<table>.csv`` per table (UTF-8, RFC 4180 quoting).

Formula injection
    A spreadsheet program opening a CSV file runs a cell that starts with ``=``, ``+``, ``-`` or
    ``@`` (and, in some, a tab or carriage return) as a formula: a name typed into a feed or a
    form could then run a command or leak data when an evaluator opens the export. So, as OWASP
    recommends, the writer puts a single quote (``'``) before every id or text cell that starts
    with one of those characters; a spreadsheet shows the cell as text. To keep the round trip
    exact the rule is reversible: a cell made of one or more quotes followed by one of those
    characters gets one more quote on writing, and the reader removes exactly one from such a
    cell. Other cells (and numbers, dates, times, list values and attributes, which never
    start with those characters) are written as they are. A cell typed by hand as ``'=1+1``
    therefore reads as ``=1+1``.
"""

from __future__ import annotations

import contextlib
import csv
import re
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._columns import Coded, TableColumns
from selfhelp_exchange.io._csvfast import CodedTable, read_coded
from selfhelp_exchange.io._limits import Limits, check_table, too_big
from selfhelp_exchange.io._schema import TABLES, ColumnType, known_table, layout
from selfhelp_exchange.io._sheet import RawTable

__all__ = [
    "FORMULA_START",
    "csv_cell",
    "protect",
    "read_csv_table",
    "read_folder",
    "unprotect",
    "write_folder",
]

_LINE_RE = re.compile(r"line (\d+)")
#: A cell starting with one of these is run as a formula by spreadsheet programs (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_QUOTED = re.compile(r"'+[=+\-@\t\r]", re.DOTALL)
#: Column types whose cells may hold free text (and so a formula); the others never do.
_FREE_TEXT = frozenset({ColumnType.ID, ColumnType.REF, ColumnType.TEXT})
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _free_text(table: str) -> frozenset[str]:
    return frozenset(c.name for c in layout(table) if c.type in _FREE_TEXT)


def _any_starts(col: npt.NDArray[np.object_], starts: tuple[str, ...]) -> bool:
    """Whether any cell may start with one of ``starts``: a quick test over the joined text.

    A cell holding the separator may give a false yes, which only costs the exact test.
    """
    joined = "\x00" + "\x00".join(col.tolist())
    return any(f"\x00{c}" in joined for c in starts)


def protect(col: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """Cells as written to CSV: a quote before each that a spreadsheet would run as a formula.

    Examples
    --------
    >>> import numpy as np
    >>> protect(np.array(["=1+1", "'=x", "-", "AA", "'AA", ""], dtype=object)).tolist()
    ["'=1+1", "''=x", "'-", 'AA', "'AA", '']
    """
    if not len(col):
        return col
    starts = (*FORMULA_START, "'")
    if not _any_starts(col, starts):
        return col
    first = np.fromiter((v.startswith(starts) for v in col.tolist()), dtype=bool, count=len(col))
    if not first.any():
        return col
    out = col.copy()
    for i in np.flatnonzero(first).tolist():
        v = out[i]
        if v[0] != "'" or _QUOTED.match(v):
            out[i] = "'" + v
    return out


def unprotect(col: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """The inverse of :func:`protect`: one quote off each cell of quotes and a formula start.

    Examples
    --------
    >>> import numpy as np
    >>> unprotect(np.array(["'=1+1", "''=x", "'-", "AA", "'AA"], dtype=object)).tolist()
    ['=1+1', "'=x", '-', 'AA', "'AA"]
    """
    if not len(col):
        return col
    if not _any_starts(col, ("'",)):
        return col
    quoted = np.fromiter((v.startswith("'") for v in col.tolist()), dtype=bool, count=len(col))
    if not quoted.any():
        return col
    out = col.copy()
    for i in np.flatnonzero(quoted).tolist():
        if _QUOTED.match(out[i]):
            out[i] = out[i][1:]
    return out


def write_folder(tables: TableColumns, folder: Path) -> None:
    """Write one CSV file per table into ``folder`` (created if needed).

    Every cell is written as text exactly as given; lines end in CRLF (RFC 4180), so that a
    carriage return or a line break inside a cell is always quoted and reads back unchanged.
    A table of :class:`~selfhelp_exchange.io._columns.Coded` columns (the exchanges) is written
    by :func:`_write_coded`, to the same bytes.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for table, given in tables.items():
        path = folder / f"{table}.csv"
        columns = given
        if len(given) > 1 and all(isinstance(c, Coded) for c in given.values()):
            coded: dict[str, Coded] = given  # type: ignore[assignment]
            if _write_coded(table, coded, path):
                continue
            columns = {name: col.decode() for name, col in coded.items()}
        text = _free_text(table)
        cells = [protect(col) if name in text else col for name, col in columns.items()]
        try:
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
                writer.writerow(list(columns))
                writer.writerows(zip(*cells, strict=True))
        except UnicodeEncodeError:
            with contextlib.suppress(OSError):
                path.unlink()
            raise _not_utf8(table, columns, path) from None


#: Rows of a coded table joined into one Arrow string array at a time (about 30 MB of text).
_CODED_ROWS = 500_000
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def csv_cell(text: str) -> str:
    """A cell as :func:`csv.writer` writes it (``QUOTE_MINIMAL``, a CRLF line end).

    Examples
    --------
    >>> csv_cell("A1"), csv_cell('say "hi", then'), csv_cell("")
    ('A1', '"say ""hi"", then"', '')
    """
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _write_coded(table: str, columns: dict[str, Coded], path: Path) -> bool:
    """Write a table of coded columns; False (nothing written) if a text is not UTF-8.

    Each distinct text is protected and quoted once; Arrow gathers the cells of each row, joins
    them with commas and the rows with CRLF, and its bytes go to the file: no Python object per
    cell, and the same bytes as :func:`csv.writer` (``tests/test_tables.py`` checks it).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    free = _free_text(table)
    try:
        texts = {
            name: pa.array(
                [csv_cell(v) for v in (protect(c.values) if name in free else c.values).tolist()],
                type=pa.string(),
            )
            for name, c in columns.items()
        }
    except (UnicodeEncodeError, pa.ArrowException):
        return False  # a lone surrogate: the csv module's path names the cell
    n = len(next(iter(columns.values())))
    end = pa.array([""] * min(n, _CODED_ROWS), type=pa.string())
    with path.open("wb") as fh:
        fh.write((",".join(csv_cell(c) for c in columns) + "\r\n").encode("utf-8"))
        for lo in range(0, n, _CODED_ROWS):
            hi = min(n, lo + _CODED_ROWS)
            cells = [pc.take(texts[name], c.codes[lo:hi]) for name, c in columns.items()]
            rows = pc.binary_join_element_wise(*cells, ",")
            lines = pc.binary_join_element_wise(rows, end[: hi - lo], "\r\n")
            offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)
            data = lines.buffers()[2]
            fh.write(memoryview(data)[offsets[lines.offset] : offsets[lines.offset + len(lines)]])
    return True


def _not_utf8(
    table: str, columns: dict[str, npt.NDArray[np.object_]], path: Path
) -> DataFileError:
    """The error for text UTF-8 cannot encode: a lone surrogate (half of a UTF-16 pair)."""
    problems = []
    for name, col in columns.items():
        for i, v in enumerate(col.tolist()):
            if _SURROGATE.search(v):
                problems.append(
                    Problem(
                        "the text holds a lone surrogate (half of a UTF-16 character pair, "
                        "left by a broken conversion), which a UTF-8 file cannot hold; correct "
                        "it, or write JSON or an .xlsx workbook, which keep it",
                        file=str(path),
                        sheet=table,
                        row=i + 2,
                        column=name,
                        value=v,
                    )
                )
    return DataFileError(problems, header="the network cannot be written as CSV")


def read_folder(folder: Path, limits: Limits | None = None) -> dict[str, RawTable | CodedTable]:
    """The tables of a CSV folder, as text; a missing file is an absent (empty) table.

    A large ``exchanges.csv`` in the writer's shape is a :class:`CodedTable` (distinct texts
    and codes, :mod:`~selfhelp_exchange.io._csvfast`) rather than a :class:`RawTable`.

    Raises
    ------
    DataFileError
        If the folder does not exist, holds no table file, holds a ``.csv`` file whose name is
        not a table, a file cannot be parsed as CSV, or a file is over one of the ``limits``.
    """
    limits = Limits() if limits is None else limits
    shown = str(folder)
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        msg = (
            f"{what}; give a folder of CSV files or an .xlsx workbook "
            f"(tables: {', '.join(f'{t}.csv' for t in TABLES)})"
        )
        raise DataFileError([Problem(msg, file=shown)])
    problems: list[Problem] = []
    files: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".csv" or not path.is_file():
            continue
        table = path.stem.strip().lower()
        if not known_table(table):
            problems.append(
                Problem(
                    f"{path.name!r} is not a table of this format (valid file names: "
                    f"{', '.join(f'{t}.csv' for t in TABLES)})",
                    file=str(path),
                )
            )
        elif table in files:
            problems.append(
                Problem(
                    f"table {table!r} is given twice ({files[table].name} and {path.name}); "
                    "keep one",
                    file=str(path),
                )
            )
        else:
            files[table] = path
    if not files and not problems:
        problems.append(
            Problem(
                "the folder holds none of the table files "
                f"({', '.join(f'{t}.csv' for t in TABLES)})",
                file=shown,
            )
        )
    tables: dict[str, RawTable | CodedTable] = {}
    for table, path in files.items():
        try:
            coded = read_coded(path, limits) if table == "exchanges" else None
            tables[table] = coded if coded is not None else read_csv_table(path, table, limits)
        except DataFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataFileError(problems)
    return tables


def read_csv_table(path: Path, table: str, limits: Limits) -> RawTable:
    """One CSV file as a :class:`RawTable` (the table reader's path)."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise too_big(str(path), size, limits.max_bytes)
        frame = pd.read_csv(
            path,
            header=None,
            dtype=object,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            encoding="utf-8-sig",  # a byte-order mark (as Excel writes) is not part of a header
            engine="c",
            nrows=limits.max_rows + 2,  # the header, the rows allowed and one more to tell
        )
    except pd.errors.EmptyDataError:
        raise DataFileError(
            [
                Problem(
                    "the file is empty: it needs at least the header row (columns: "
                    f"{', '.join(c.name for c in layout(path.stem.strip().lower()))})",
                    file=str(path),
                    row=1,
                )
            ]
        ) from None
    except UnicodeDecodeError as exc:
        raise DataFileError(
            [
                Problem(
                    f"not UTF-8 text ({exc.reason} at byte {exc.start}); in Excel, save it as "
                    "'CSV UTF-8 (Comma delimited)'",
                    file=str(path),
                )
            ]
        ) from None
    except OSError as exc:
        raise DataFileError(
            [Problem(f"cannot be read: {exc.strerror or exc}", file=str(path))]
        ) from None
    except pd.errors.ParserError as exc:
        m = _LINE_RE.search(str(exc))
        raise DataFileError(
            [
                Problem(
                    f"not valid CSV: {exc} (a row with more cells than the header, or an "
                    "unclosed quote)",
                    file=str(path),
                    row=int(m.group(1)) if m else None,
                )
            ]
        ) from None
    values = frame.to_numpy(dtype=object)
    header = tuple(str(h) for h in values[0]) if len(values) else ()
    if len(header) == 1 and ";" in header[0]:
        raise DataFileError(
            [
                Problem(
                    "the cells seem to be separated by ';' rather than ','; save the file "
                    "with commas (in Excel: 'CSV UTF-8 (Comma delimited)')",
                    file=str(path),
                    row=1,
                    value=header[0],
                )
            ]
        )
    body = values[1:]
    text = _free_text(table)
    cells = tuple(
        unprotect(col) if header[j].strip().lower() in text else col
        for j, col in enumerate(np.ascontiguousarray(body[:, j]) for j in range(body.shape[1]))
    )
    # record k (0-based, after the header) is row k + 2 as a spreadsheet numbers it
    rows = np.arange(2, len(body) + 2, dtype=np.int64)
    raw = RawTable(str(path), header, cells, rows)
    # no cell can hold more characters than the file has bytes
    check_table(raw, table, limits, lengths=size > limits.max_cell_chars)
    return raw
