"""Tables: a folder of CSV files, or one XLSX workbook with a sheet per table.

The tables and their columns (``*`` marks a required column, whose cells must be filled; every
other column may be left out of the file, and an empty cell means "not known"):

=======================  ==================================================================
table                    columns
=======================  ==================================================================
agencies                 id*, name*, sector*, address, city, state, postal_code, country,
                         latitude, longitude, location_name, attributes, has_location
groups                   id*, name*, group_type*, fellowship, focus, approach, meeting_place,
                         admission, timing, facilitation, attributes, activities
group_locations          group_id*, position, address, city, state, postal_code, country,
                         latitude, longitude, name
meetings                 group_id*, day*, start*, end, timezone, location
actors                   id*, name*, kind*, attributes
exchanges                source*, source_role, target*, target_role, kind*, weight, start,
                         end, attributes
initiatives              id*, kind*, date, name, attributes
initiative_sponsors      initiative_id*, sponsor*
initiative_audiences     initiative_id*, audience*
=======================  ==================================================================

Conventions of this library:

- A group's locations are its ``group_locations`` rows, in order; ``position`` (optional) only
  checks that order. A meeting's ``location`` is the 1-based number of the group's location.
- An agency has a location when any of its address cells is filled. ``has_location`` (written
  only when needed) says ``true`` for a location with every field empty.
- ``weight`` left empty means 1 (the :class:`~selfhelp_exchange.Exchange` default).
- ``attributes`` holds a JSON object, so text, whole numbers, decimals and true/false keep their
  types exactly.
- A group's ``activities`` lists what it offers (support_meetings, education, social_events,
  advocacy, employment_support, wellness), separated by ``;``; empty means none recorded.
- The personal-network tables ``alters``, ``alter_ties`` and ``egos`` may be in the same
  workbook or folder: :func:`read_tables` skips them and
  :func:`~selfhelp_exchange.read_personal_networks` reads them.
- Enum values forgive case and ``-`` or a space for ``_`` (``Twelve-Step`` reads as
  ``twelve_step``); they are always written in their canonical form.
- Blank rows are skipped; row numbers in messages are those a spreadsheet shows (the header is
  row 1, so the first record is row 2).
- In CSV files an id or text cell that a spreadsheet would run as a formula (one starting with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a ``'`` before it, and
  the reader removes it again; see :mod:`selfhelp_exchange.io._csvdir` for the exact,
  reversible rule. Workbook cells are always text cells, never formulas.
- Size limits (the library's convention, far above real data, see :func:`read_tables`): a CSV
  file or a workbook's unpacked contents up to :data:`MAX_BYTES` (2 GiB), :data:`MAX_ROWS`
  rows per table (a workbook sheet holds at most 1,048,575), :data:`MAX_CELL_CHARS` characters
  per cell, :data:`MAX_COLUMNS` columns per table.
"""

from __future__ import annotations

import os
from pathlib import Path

from selfhelp_exchange._bulk import without_gc_pauses
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._columns import network_columns
from selfhelp_exchange.io._csvdir import read_folder, write_folder
from selfhelp_exchange.io._limits import MAX_BYTES, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, Limits
from selfhelp_exchange.io._parse import network_from_tables
from selfhelp_exchange.io._xlsx import read_workbook, write_workbook
from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["MAX_BYTES", "MAX_CELL_CHARS", "MAX_COLUMNS", "MAX_ROWS", "read_tables", "write_tables"]


_NOT_A_FOLDER = {
    ".csv": "a CSV path holds one table; give a folder (one <table>.csv per table) or an .xlsx path",
    ".xls": "the old .xls format is not written; give a path ending in .xlsx",
    ".json": "use write_json for JSON; write_tables takes a folder or an .xlsx path",
}


def _is_workbook(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx"


@needs_network
@without_gc_pauses
def write_tables(net: ExchangeNetwork, path: str | os.PathLike[str]) -> None:
    """Write every record of ``net`` as tables: a folder of CSV files or one XLSX workbook.

    Parameters
    ----------
    net : ExchangeNetwork
    path : str or path-like
        A path ending in ``.xlsx``: one workbook with a sheet per table (plus ``README``,
        ``help`` and a hidden ``lists`` sheet for the drop-down lists). Anything else: a folder
        (created if needed) holding ``<table>.csv`` for every table, UTF-8 with CRLF line ends
        (RFC 4180), existing table files overwritten.

    Raises
    ------
    DataFileError
        For a workbook, if a table has more rows than an Excel sheet holds (1,048,575 records)
        or a cell more than 32,767 characters; for a CSV folder, if a text holds a lone
        surrogate (half of a UTF-16 pair, which UTF-8 cannot encode; that table's file is then
        removed); if ``path`` ends in ``.csv``, ``.xls`` or ``.json`` (a folder or an ``.xlsx``
        path was surely meant). Nothing is written then.

    See Also
    --------
    read_tables : reads the files back to an equal network.
    write_template : a blank workbook for evaluators to fill in.

    Notes
    -----
    Every field round-trips: ``read_tables(p) == net`` after ``write_tables(net, p)``. CSV cells
    hold the values as they are, except that an id or text starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return gets a ``'`` before it, so that a spreadsheet opening the
    file shows it as text instead of running it as a formula (formula injection; the reader
    removes the quote). In a workbook, text is always a string cell in the Text format (with
    Excel's quote prefix where it starts like a formula): never a number, a date or a formula.

    The same network always gives the same bytes: CSV files have no time in them, and a
    workbook is written with no creation or modification time and every part of the archive
    stamped 1980-01-01 (the earliest time a ZIP file holds).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Riverside Counselling", sector="mental_health")],
    ...     groups=[shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help", fellowship="AA")],
    ...     exchanges=[shx.Exchange(("A1", shx.Role.PRACTITIONERS), "G1", "referral", weight=12)],
    ... )
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "riverside"
    >>> shx.write_tables(net, folder)
    >>> print((folder / "exchanges.csv").read_text())  # doctest: +NORMALIZE_WHITESPACE
    source,source_role,target,target_role,kind,weight,start,end,attributes
    A1,practitioners,G1,,referral,12.0,,,
    >>> shx.read_tables(folder) == net
    True
    """
    p = Path(path)
    if p.suffix.lower() in _NOT_A_FOLDER:
        raise DataFileError(
            [Problem(_NOT_A_FOLDER[p.suffix.lower()], file=str(p))],
            header="the network cannot be written there",
        )
    if _is_workbook(p):
        write_workbook(network_columns(net), p)
    else:
        write_folder(network_columns(net, coded=True), p)


@without_gc_pauses
def read_tables(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    max_cell_chars: int = MAX_CELL_CHARS,
    allow_duplicates: bool = False,
) -> ExchangeNetwork:
    r"""Read a network from tables: a folder of CSV files or one XLSX workbook.

    Parameters
    ----------
    path : str or path-like
        A path ending in ``.xlsx`` is read as a workbook with a sheet per table (the sheets
        ``README``, ``help``, ``lists`` and any whose name starts with ``_`` are skipped);
        anything else as a folder of ``<table>.csv`` files. A missing table is empty. See the
        module documentation for the tables and their columns.
    max_bytes : int
        A CSV file, or a workbook's unpacked contents, larger than this is refused before it is
        parsed (default :data:`MAX_BYTES`, 2 GiB).
    max_rows : int
        A table with more rows after the header is refused (default :data:`MAX_ROWS`, 100
        million; a workbook sheet can hold at most 1,048,575 whatever this says).
    max_cell_chars : int
        A cell with more characters is refused (default :data:`MAX_CELL_CHARS`, 1,048,576;
        Excel holds at most 32,767).
    allow_duplicates : bool
        If False (the default), two exchange rows that agree on every field (source, target,
        kind, weight, dates, attributes) are a problem naming both rows: a copied row would be
        counted twice by every measure. If both are real, merge them into one row with the
        summed weight; pass True to keep both (the report's data-quality section lists them).

    The limits are this library's convention: far above real evaluation data, low enough that
    a file which is not table data fails at once with a clear message. A table may also have at
    most :data:`MAX_COLUMNS` (1,024) columns.

    Returns
    -------
    ExchangeNetwork

    Raises
    ------
    DataFileError
        Listing every problem found, not only the first, each with its file, sheet (the
        table), row as a spreadsheet numbers it (the header is row 1), column, value and what
        would be valid: unknown, missing or repeated columns, values outside a column's list,
        bad numbers, dates or times, empty required cells, repeated ids, references to ids
        that are not declared (or are of the wrong kind), meeting locations out of range,
        subunits that do not match the exchange kind, negative or infinite weights, an end
        before the start; exact duplicate exchange rows (unless ``allow_duplicates``); a
        workbook formula with no saved value (written by a program that
        does not compute formulas; the cell would otherwise read as empty); a file or
        workbook that cannot be opened, or is over one of the limits.

    Notes
    -----
    An ``exchanges.csv`` of at least 1 MiB in the shape :func:`write_tables` writes (its
    header, no quote character, no blank line) is parsed by Arrow, and each distinct id, role,
    kind, weight and day is checked once, by rules no looser than the cell-by-cell reader's;
    any other file, and any file with a problem, is read cell by cell, so the errors do not
    depend on the path. Python's cyclic garbage collector is paused during the read (restored
    after).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import selfhelp_exchange as shx
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "agencies.csv").write_text("id,name,sector\nA1,Riverside,psychiatry\n")
    >>> _ = (folder / "groups.csv").write_text("id,name,group_type\nG1,Tuesday AA,mutual_help\n")
    >>> _ = (folder / "exchanges.csv").write_text("source,target,kind\nA1,G9,referral\n")
    >>> try:
    ...     shx.read_tables(folder)
    ... except shx.DataFileError as exc:
    ...     problems = exc.problems
    >>> for p in problems:
    ...     print(p.sheet, p.row, p.column, p.value)
    agencies 2 sector psychiatry
    exchanges 2 target G9
    >>> print(problems[0].message)
    'psychiatry' is not a valid sector (valid: mental_health, substance_use, co_occurring, other)
    """
    p = Path(path)
    limits = Limits(max_bytes=max_bytes, max_rows=max_rows, max_cell_chars=max_cell_chars)
    tables = read_workbook(p, limits) if _is_workbook(p) else read_folder(p, limits)
    return network_from_tables(tables, allow_duplicates=allow_duplicates)
