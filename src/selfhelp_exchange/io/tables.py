"""Tables: a folder of CSV files, or one XLSX workbook with a sheet per table.

The tables and their columns (``*`` marks a required column, whose cells must be filled; every
other column may be left out of the file, and an empty cell means "not known"):

=======================  ==================================================================
table                    columns
=======================  ==================================================================
agencies                 id*, name*, sector*, address, city, state, postal_code, country,
                         latitude, longitude, location_name, attributes, has_location
groups                   id*, name*, group_type*, fellowship, focus, approach, meeting_place,
                         admission, timing, facilitation, attributes
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
- Enum values forgive case and ``-`` or a space for ``_`` (``Twelve-Step`` reads as
  ``twelve_step``); they are always written in their canonical form.
- Blank rows are skipped; row numbers in messages are those a spreadsheet shows (the header is
  row 1, so the first record is row 2).
"""

from __future__ import annotations

import os
from pathlib import Path

from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._columns import network_columns
from selfhelp_exchange.io._csvdir import read_folder, write_folder
from selfhelp_exchange.io._parse import network_from_tables
from selfhelp_exchange.io._xlsx import read_workbook, write_workbook
from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["read_tables", "write_tables"]


_NOT_A_FOLDER = {
    ".csv": "a CSV path holds one table; give a folder (one <table>.csv per table) or an .xlsx path",
    ".xls": "the old .xls format is not written; give a path ending in .xlsx",
    ".json": "use write_json for JSON; write_tables takes a folder or an .xlsx path",
}


def _is_workbook(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx"


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
        or a cell more than 32,767 characters; if ``path`` ends in ``.csv``, ``.xls`` or
        ``.json`` (a folder or an ``.xlsx`` path was surely meant). Nothing is written then.

    See Also
    --------
    read_tables : reads the files back to an equal network.
    write_template : a blank workbook for evaluators to fill in.

    Notes
    -----
    Every field round-trips: ``read_tables(p) == net`` after ``write_tables(net, p)``. CSV cells
    hold the values exactly as they are (a name starting with ``=`` is written as is). In a
    workbook, text is always a string cell in the Text format: never a number, a date or a
    formula.

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
    columns = network_columns(net)
    if _is_workbook(p):
        write_workbook(columns, p)
    else:
        write_folder(columns, p)


def read_tables(path: str | os.PathLike[str]) -> ExchangeNetwork:
    r"""Read a network from tables: a folder of CSV files or one XLSX workbook.

    Parameters
    ----------
    path : str or path-like
        A path ending in ``.xlsx`` is read as a workbook with a sheet per table (the sheets
        ``README``, ``help``, ``lists`` and any whose name starts with ``_`` are skipped);
        anything else as a folder of ``<table>.csv`` files. A missing table is empty. See the
        module documentation for the tables and their columns.

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
        before the start.

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
    tables = read_workbook(p) if _is_workbook(p) else read_folder(p)
    return network_from_tables(tables)
