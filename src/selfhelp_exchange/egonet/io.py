"""Personal networks in files: extra sheets of the evaluator workbook, extra files of a CSV folder.

The ``alters``, ``alter_ties`` and ``egos`` tables (see
:mod:`selfhelp_exchange.egonet.tables`) live beside the network's tables: as sheets of the
same ``.xlsx`` workbook, or as ``alters.csv``, ``alter_ties.csv`` and ``egos.csv`` in the same
folder. :func:`~selfhelp_exchange.read_tables` skips them (they describe people, not
organizations); :func:`read_personal_networks` reads only them. Cells follow the conventions
of :func:`~selfhelp_exchange.read_tables`: UTF-8 CSV, formula-looking text quoted, every
problem reported at once with its file, sheet, row, column and value.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from selfhelp_exchange.egonet.tables import (
    PersonalNetworks,
    personal_network_columns,
    personal_networks_from_raw,
)
from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._csvdir import read_folder, write_folder
from selfhelp_exchange.io._limits import MAX_BYTES, MAX_CELL_CHARS, MAX_ROWS, Limits
from selfhelp_exchange.io._schema import PERSONAL_NETWORK_TABLES
from selfhelp_exchange.io._sheet import RawTable
from selfhelp_exchange.io._xlsx import read_workbook, write_workbook
from selfhelp_exchange.io._xlsx_read import sheet_names
from selfhelp_exchange.privacy import PERSON_ATTRIBUTES, pseudonymize

if TYPE_CHECKING:
    from selfhelp_exchange.network import ExchangeNetwork

__all__ = [
    "has_personal_networks",
    "pseudonymize_personal_networks",
    "read_personal_networks",
    "write_personal_networks",
]


def _is_workbook(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx"


def has_personal_networks(path: str | os.PathLike[str]) -> bool:
    """Whether a workbook or CSV folder holds an ``alters`` table (personal networks).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import selfhelp_exchange as shx
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> shx.write_tables(shx.load_example("riverside"), folder)
    >>> has_personal_networks(folder)
    False
    >>> shx.write_personal_networks(shx.load_personal_networks_example(), folder)
    >>> has_personal_networks(folder)
    True
    """
    p = Path(path)
    if p.is_dir():
        return any(f.stem.strip().lower() == "alters" for f in p.glob("*.csv") if f.is_file())
    if _is_workbook(p) and p.is_file():
        # an unreadable workbook has no sheet names: the network reader reports it
        return any(s.strip().lower() == "alters" for s in sheet_names(p))
    return False


def read_personal_networks(
    path: str | os.PathLike[str],
    *,
    network: ExchangeNetwork | None = None,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    max_cell_chars: int = MAX_CELL_CHARS,
) -> PersonalNetworks:
    r"""Read personal networks from a workbook's or a CSV folder's ``alters``, ``alter_ties`` and ``egos``.

    Parameters
    ----------
    path : str or path-like
        A path ending in ``.xlsx`` (the evaluator workbook, whose other sheets are the
        network's) or a folder holding ``alters.csv`` and optionally ``alter_ties.csv`` and
        ``egos.csv``.
    network : ExchangeNetwork, optional
        When given (e.g. ``read_tables(path)``), the egos' agencies and groups must be in it.
    max_bytes, max_rows, max_cell_chars : int
        Size limits, as for :func:`~selfhelp_exchange.read_tables`.

    Returns
    -------
    PersonalNetworks

    Raises
    ------
    DataFileError
        Every problem at once, each with its file, sheet, row (as a spreadsheet numbers it),
        column, value and what would be valid; also when the file or folder has no ``alters``
        table, or a sheet or file of the workbook or folder is not one of the library's
        tables.

    See Also
    --------
    write_personal_networks : writes them back, beside a network or on their own.
    personal_networks : the same checks on DataFrames.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import selfhelp_exchange as shx
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "alters.csv").write_text(
    ...     "ego_id,wave,alter_id,relation\ne1,baseline,a1,family\ne1,baseline,a2,pal\n")
    >>> try:
    ...     shx.read_personal_networks(folder)
    ... except shx.DataFileError as exc:
    ...     p = exc.problems[0]
    >>> p.sheet, p.row, p.column, p.value
    ('alters', 3, 'relation', 'pal')
    """
    p = Path(path)
    limits = Limits(max_bytes=max_bytes, max_rows=max_rows, max_cell_chars=max_cell_chars)
    tables = read_workbook(p, limits) if _is_workbook(p) else read_folder(p, limits)
    # only the network's exchanges.csv is ever read coded, and it is not one of these
    mine = {
        t: raw
        for t, raw in tables.items()
        if t in PERSONAL_NETWORK_TABLES and isinstance(raw, RawTable)
    }
    if "alters" not in mine:
        where = "sheet" if _is_workbook(p) else "file alters.csv"
        msg = f"no {where} of alters: personal networks need at least that table"
        raise DataFileError([Problem(msg, file=str(p), sheet="alters")])
    return personal_networks_from_raw(mine, network=network)


def write_personal_networks(
    pn: PersonalNetworks,
    path: str | os.PathLike[str],
    *,
    network: ExchangeNetwork | None = None,
) -> None:
    """Write personal networks as tables: into a CSV folder, or as sheets of a workbook.

    Parameters
    ----------
    pn : PersonalNetworks
    path : str or path-like
        A folder (created if needed): ``alters.csv`` and, when ``pn`` has them,
        ``alter_ties.csv`` and ``egos.csv`` are written there, next to any network tables
        already in it, which are left alone. A path ending in ``.xlsx``: a workbook with the
        personal-network sheets, after the sheets of ``network`` when it is given (a workbook
        cannot be added to in place, so pass the network to keep both in one file).
    network : ExchangeNetwork, optional
        For a workbook: the network whose sheets the workbook also holds.

    Raises
    ------
    DataFileError
        As :func:`~selfhelp_exchange.write_tables` (a cell too long for Excel, text UTF-8
        cannot encode).

    Notes
    -----
    Every field round-trips: ``read_personal_networks(path) == pn``. Free attributes are
    written as a JSON object in the ``attributes`` column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import selfhelp_exchange as shx
    >>> net, pn = shx.load_example("riverside"), shx.load_personal_networks_example()
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "evaluation.xlsx"
    >>> shx.write_personal_networks(pn, path, network=net)
    >>> shx.read_tables(path) == net, shx.read_personal_networks(path) == pn
    (True, True)
    """
    from selfhelp_exchange.io._columns import network_columns

    p = Path(path)
    columns = personal_network_columns(pn)
    if _is_workbook(p):
        tables = {**network_columns(network), **columns} if network is not None else columns
        write_workbook(tables, p)
    else:
        if p.suffix.lower() in {".csv", ".xls", ".json"}:
            msg = "give a folder (alters.csv and the others are written into it) or an .xlsx path"
            raise DataFileError([Problem(msg, file=str(p))], header="cannot be written there")
        write_folder(columns, p)


def pseudonymize_personal_networks(
    pn: PersonalNetworks,
    key: str | bytes,
    *,
    attributes: Iterable[str] = PERSON_ATTRIBUTES,
    prefix: str = "p-",
    length: int = 16,
) -> PersonalNetworks:
    """Personal networks with every ego and alter id replaced by a keyed-hash pseudonym.

    Parameters
    ----------
    pn : PersonalNetworks
    key : str or bytes
        The secret (at least 16 bytes), as for :func:`~selfhelp_exchange.pseudonymize`: the
        same key gives the same pseudonym in every file, so waves and files stay linked.
    attributes : iterable of str
        Free-attribute columns that also hold person identifiers (default
        :data:`~selfhelp_exchange.PERSON_ATTRIBUTES`).
    prefix, length
        As for :func:`~selfhelp_exchange.pseudonymize`.

    Returns
    -------
    PersonalNetworks
        ``ego_id`` (in every table), ``alter_id``, ``alter_a`` and ``alter_b`` pseudonymized;
        everything else unchanged. Agency and group ids are organizations', and are kept.

    Raises
    ------
    PrivacyError
        If the key is shorter than 16 bytes or ``length`` is outside 8 to 64.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> pn = shx.load_personal_networks_example()
    >>> safe = shx.pseudonymize_personal_networks(pn, "a-secret-key-of-32-characters-xx")
    >>> safe.alters["ego_id"].str.startswith("p-").all(), len(safe.alters) == len(pn.alters)
    (np.True_, True)
    """
    person = set(attributes)

    def pseudo(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
        out = frame.copy()
        for c in columns:
            if c in out.columns:
                out[c] = pd.Series(
                    pseudonymize(out[c].tolist(), key, prefix=prefix, length=length),
                    index=out.index,
                    dtype=object,
                )
        return out

    alters = pseudo(pn.alters, ["ego_id", "alter_id", *sorted(person)])
    ties = pseudo(pn.ties, ["ego_id", "alter_a", "alter_b"]) if pn.ties is not None else None
    egos = pseudo(pn.egos, ["ego_id", *sorted(person)]) if pn.egos is not None else None
    return PersonalNetworks(alters, ties, egos)
