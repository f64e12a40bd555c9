"""Size limits for reading tables, so a wrong or hostile file fails fast with a clear message.

The defaults are this library's convention, set far above any real evaluation data (the widest
table has 13 columns; a county's network has thousands of rows, a synthetic benchmark millions)
and low enough that a file which is not table data (a zip bomb, a binary pasted into a cell,
a sheet claiming a billion rows) is refused before it exhausts memory or time.
"""

from __future__ import annotations

import attrs
import numpy as np

from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._reading import MAX_BYTES, too_big
from selfhelp_exchange.io._sheet import RawTable, column_letter

__all__ = [
    "MAX_BYTES",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "Limits",
    "check_table",
    "too_big",
]

#: Rows after the header in one table (a workbook sheet also holds at most 1,048,575).
MAX_ROWS = 100_000_000
#: Characters in one cell (Excel itself holds at most 32,767).
MAX_CELL_CHARS = 1_048_576
#: Columns in one table (the widest table of the format has 13).
MAX_COLUMNS = 1024


@attrs.frozen
class Limits:
    """The limits one read works under (see the module constants for the defaults)."""

    max_bytes: int = MAX_BYTES
    max_rows: int = MAX_ROWS
    max_cell_chars: int = MAX_CELL_CHARS

    def __attrs_post_init__(self) -> None:
        for name in ("max_bytes", "max_rows", "max_cell_chars"):
            value: object = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                msg = f"{name} must be a whole number >= 1 (got {value!r})"
                raise DataFileError([Problem(msg)], header="the read limits are not valid")


def check_table(raw: RawTable, table: str, limits: Limits, *, lengths: bool = True) -> None:
    """Raise a :class:`DataFileError` if the table is wider, longer or has longer cells than allowed.

    ``lengths=False`` skips the cell-length check (the caller knows no cell can be that long,
    e.g. the whole file is shorter).
    """
    if len(raw.header) > MAX_COLUMNS:
        msg = (
            f"the header has {len(raw.header):,} columns (up to column "
            f"{column_letter(len(raw.header) - 1)}); a table has at most {MAX_COLUMNS:,}"
        )
        raise DataFileError([Problem(msg, file=raw.file, sheet=table, row=1)])
    if len(raw.rows) > limits.max_rows:
        msg = (
            f"the table has more than {limits.max_rows:,} rows after the header (raise "
            "max_rows to read it)"
        )
        raise DataFileError([Problem(msg, file=raw.file, sheet=table)])
    if not lengths:
        return
    problems = []
    for pos, cells in enumerate(raw.cells):
        if not len(cells) or max(map(len, cells)) <= limits.max_cell_chars:
            continue
        long = np.fromiter(map(len, cells), dtype=np.int64, count=len(cells))
        for k in np.flatnonzero(long > limits.max_cell_chars)[:10].tolist():
            problems.append(
                Problem(
                    f"the cell holds {int(long[k]):,} characters, over the limit of "
                    f"{limits.max_cell_chars:,} (raise max_cell_chars to read it)",
                    file=raw.file,
                    sheet=table,
                    row=int(raw.rows[k]),
                    column=raw.header[pos] or column_letter(pos),
                )
            )
    if problems:
        raise DataFileError(problems)
