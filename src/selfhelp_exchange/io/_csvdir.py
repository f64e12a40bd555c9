"""A folder of CSV files, one ``<table>.csv`` per table (UTF-8, RFC 4180 quoting)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd

from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._columns import TableColumns
from selfhelp_exchange.io._schema import TABLES
from selfhelp_exchange.io._sheet import RawTable

__all__ = ["read_folder", "write_folder"]

_LINE_RE = re.compile(r"line (\d+)")


def write_folder(tables: TableColumns, folder: Path) -> None:
    """Write one CSV file per table into ``folder`` (created if needed).

    Every cell is written as text exactly as given; lines end in CRLF (RFC 4180), so that a
    carriage return or a line break inside a cell is always quoted and reads back unchanged.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for table, columns in tables.items():
        with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
            writer.writerow(list(columns))
            writer.writerows(zip(*columns.values(), strict=True))


def read_folder(folder: Path) -> dict[str, RawTable]:
    """The tables of a CSV folder, as text; a missing file is an absent (empty) table.

    Raises
    ------
    DataFileError
        If the folder does not exist, holds no table file, holds a ``.csv`` file whose name is
        not a table, or a file cannot be parsed as CSV.
    """
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
        if table not in TABLES:
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
    tables: dict[str, RawTable] = {}
    for table, path in files.items():
        try:
            tables[table] = _read_csv(path)
        except DataFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataFileError(problems)
    return tables


def _read_csv(path: Path) -> RawTable:
    try:
        frame = pd.read_csv(
            path,
            header=None,
            dtype=object,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            encoding="utf-8-sig",  # a byte-order mark (as Excel writes) is not part of a header
            engine="c",
        )
    except pd.errors.EmptyDataError:
        raise DataFileError(
            [
                Problem(
                    "the file is empty: it needs at least the header row (columns: "
                    f"{', '.join(c.name for c in TABLES[path.stem.strip().lower()])})",
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
    cells = tuple(np.ascontiguousarray(body[:, j]) for j in range(body.shape[1]))
    # record k (0-based, after the header) is row k + 2 as a spreadsheet numbers it
    rows = np.arange(2, len(body) + 2, dtype=np.int64)
    return RawTable(str(path), header, cells, rows)
