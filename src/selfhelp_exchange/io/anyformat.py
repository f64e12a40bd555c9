"""One door in and out: :func:`read` and :func:`write` choose the format by content and suffix.

=========  ========================  ===================================================
format     path                      recognised when reading by
=========  ========================  ===================================================
json       ``*.json``                its first character (after a byte-order mark and
                                     white space) is ``{``
xlsx       ``*.xlsx``                a ZIP archive holding ``xl/workbook.xml``
tables     a folder                  being a folder (``<table>.csv`` files)
graphml    ``*.graphml``             XML mentioning ``graphml`` in its first 4 KiB
parquet    ``*.parquet``, ``*.pq``   starting with ``PAR1``
=========  ========================  ===================================================

When reading, the content wins over the suffix: a workbook saved as ``network.dat`` or
``network.xls`` is read as the workbook it is. Content that matches none of the formats is
handed to the reader of the suffix, whose message says what is wrong with it. The old binary
Excel format (``.xls``) and OpenDocument spreadsheets (``.ods``) are recognised and refused
with the advice to save them as ``.xlsx``: their readers would bring a dependency and lose
the checks the workbook reader makes (formulas without a saved value, the Text format).
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["FORMATS", "detect_format", "read", "write"]

#: The formats :func:`read` and :func:`write` know, and how messages name them.
FORMATS: dict[str, str] = {
    "json": "JSON",
    "xlsx": "XLSX workbook",
    "tables": "folder of CSV tables",
    "graphml": "GraphML",
    "parquet": "Parquet",
}
_SUFFIXES = {
    ".json": "json",
    ".xlsx": "xlsx",
    ".graphml": "graphml",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_SAVE_AS = (
    "open it in Excel or LibreOffice Calc and save it as an Excel Workbook (.xlsx), then read "
    "that file"
)
_REFUSED = {
    "xls": f"the old binary Excel format (.xls) is not read; {_SAVE_AS}",
    "ods": f"OpenDocument spreadsheets (.ods) are not read; {_SAVE_AS}",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"


def _valid() -> str:
    return ", ".join([*sorted(_SUFFIXES), "a folder"])


def _sniff(p: Path) -> str | None:
    """The format the file's first bytes show, or None when they show none of them."""
    try:
        with p.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(_OLE2):
        return "xls"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(p) as z:
                names = set(z.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "mimetype" in names and z.read("mimetype").strip() == _ODS:
                    return "ods"
        except (zipfile.BadZipFile, OSError, KeyError):
            return None
        return None
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"{"):
        return "json"
    if text.startswith(b"<") and b"graphml" in text.lower():
        return "graphml"
    return None


def detect_format(path: str | os.PathLike[str]) -> str:
    """The format :func:`read` would read ``path`` as: a key of :data:`FORMATS`.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    str
        ``"tables"`` for a folder; otherwise the format the file's content shows, or where it
        shows none (or the file does not exist) the one its suffix (case-insensitive) names.

    Raises
    ------
    DataFileError
        For an ``.xls`` or ``.ods`` spreadsheet (with the advice to save it as ``.xlsx``), or
        a file whose content and suffix name no format this library reads.

    Examples
    --------
    >>> import tempfile, pathlib, selfhelp_exchange as shx
    >>> from selfhelp_exchange.io.anyformat import detect_format
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "network.dat"
    >>> shx.write(shx.load_example("riverside"), p.with_suffix(".xlsx"))
    >>> _ = p.write_bytes(p.with_suffix(".xlsx").read_bytes())
    >>> detect_format(p)
    'xlsx'
    >>> detect_format(p.parent)
    'tables'
    """
    p = Path(path)
    if p.is_dir():
        return "tables"
    found = _sniff(p) if p.is_file() else None
    suffix = p.suffix.lower()
    if found is None and suffix in (".xls", ".ods") and not p.exists():
        found = suffix[1:]
    if found in _REFUSED:
        raise DataFileError([Problem(_REFUSED[found], file=str(p))])
    if found is not None:
        return found
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if suffix in (".xls", ".ods"):  # named so, but not the format: say what it is not
        msg = f"named {suffix} but not a spreadsheet of that format; {_SAVE_AS}"
        raise DataFileError([Problem(msg, file=str(p))])
    hint = "; give the folder holding the CSV tables, not one of them" if suffix == ".csv" else ""
    what = f"{p.suffix!r} files" if suffix else "files without an extension"
    content = " and its content is none of them" if p.is_file() else ""
    msg = f"no reader for {what} (valid: {_valid()}){content}{hint}"
    raise DataFileError([Problem(msg, file=str(p))])


def _read_workbook(
    path: str | os.PathLike[str], *, allow_duplicates: bool = False, **limits: int
) -> ExchangeNetwork:
    """A workbook whatever its suffix (``read_tables`` goes by the suffix)."""
    from selfhelp_exchange.io._limits import Limits
    from selfhelp_exchange.io._parse import network_from_tables
    from selfhelp_exchange.io._xlsx import read_workbook

    tables = read_workbook(Path(path), Limits(**limits))
    return network_from_tables(tables, allow_duplicates=allow_duplicates)


def _write_workbook(net: ExchangeNetwork, path: str | os.PathLike[str]) -> None:
    from selfhelp_exchange.io._columns import network_columns
    from selfhelp_exchange.io._xlsx import write_workbook

    write_workbook(network_columns(net), Path(path))


def _write_folder(net: ExchangeNetwork, path: str | os.PathLike[str]) -> None:
    """A folder of CSV tables whatever the path's suffix (``write_tables`` goes by it)."""
    from selfhelp_exchange.io._columns import network_columns
    from selfhelp_exchange.io._csvdir import write_folder

    write_folder(network_columns(net, coded=True), Path(path))


def _read_folder(
    path: str | os.PathLike[str], *, allow_duplicates: bool = False, **limits: int
) -> ExchangeNetwork:
    from selfhelp_exchange.io._csvdir import read_folder
    from selfhelp_exchange.io._limits import Limits
    from selfhelp_exchange.io._parse import network_from_tables

    tables = read_folder(Path(path), Limits(**limits))
    return network_from_tables(tables, allow_duplicates=allow_duplicates)


def _readers() -> dict[str, Callable[..., ExchangeNetwork]]:
    from selfhelp_exchange.io.graphml import read_graphml
    from selfhelp_exchange.io.jsonfile import read_json
    from selfhelp_exchange.io.parquet import read_parquet

    return {
        "json": read_json,
        "xlsx": _read_workbook,
        "tables": _read_folder,
        "graphml": read_graphml,
        "parquet": read_parquet,
    }


def _writers() -> dict[str, Callable[..., None]]:
    from selfhelp_exchange.io.graphml import write_graphml
    from selfhelp_exchange.io.jsonfile import write_json
    from selfhelp_exchange.io.parquet import write_parquet

    return {
        "json": write_json,
        "xlsx": _write_workbook,
        "tables": _write_folder,
        "graphml": write_graphml,
        "parquet": write_parquet,
    }


def _check_format(format: str | None) -> None:
    if format is not None and format not in FORMATS:
        msg = f"format {format!r} is not known (valid: {', '.join(FORMATS)})"
        raise DataFileError([Problem(msg)], header="the format is not valid")


def read(
    path: str | os.PathLike[str], *, format: str | None = None, **options: Any
) -> ExchangeNetwork:
    """Read a network from any format this library writes, recognised by content and suffix.

    Parameters
    ----------
    path : str or path-like
        A JSON, XLSX, GraphML or Parquet file, or a folder of CSV tables. The file's content
        decides (a workbook saved under another suffix is read as a workbook); where the
        content shows no format, the suffix does (see :mod:`selfhelp_exchange.io.anyformat`).
    format : {"json", "xlsx", "tables", "graphml", "parquet"}, optional
        Read as this format whatever the content and suffix.
    **options
        Passed to the format's reader: ``max_bytes`` (every format), ``max_rows`` and
        ``max_cell_chars`` (tables), ``max_rows`` (Parquet).

    Returns
    -------
    ExchangeNetwork

    Raises
    ------
    DataFileError
        For an ``.xls`` or ``.ods`` spreadsheet (with the advice to save it as ``.xlsx``), a
        file whose content and suffix name no format, an unknown ``format``, or whatever the
        format's reader finds wrong (every problem, with sheet, row and column where the
        format has them).
    TypeError
        For an option the format's reader does not take.

    See Also
    --------
    write : the writer by suffix.
    read_json, read_tables, read_graphml, read_parquet : the readers it chooses among.

    Examples
    --------
    >>> import tempfile, pathlib, selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("net.json", "net.xlsx", "net.graphml", "net.parquet", "tables"):
    ...     shx.write(net, folder / name)
    >>> shx.read(folder / "net.parquet") == net and shx.read(folder / "tables") == net
    True
    >>> shx.read(folder / "net.xls")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.DataFileError: the data file cannot be read (1 problem):
      - file ...net.xls: the old binary Excel format (.xls) is not read; open it in Excel or LibreOffice Calc and save it as an Excel Workbook (.xlsx), then read that file
    """
    _check_format(format)
    key = format or detect_format(path)
    return _readers()[key](path, **options)


@needs_network
def write(
    net: ExchangeNetwork,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    **options: Any,
) -> None:
    """Write the network in the format the path's suffix names.

    Parameters
    ----------
    net : ExchangeNetwork
    path : str or path-like
        ``.json``, ``.xlsx``, ``.graphml``, ``.parquet`` (or ``.pq``); a path with no suffix,
        or an existing folder, is written as a folder of CSV tables.
    format : {"json", "xlsx", "tables", "graphml", "parquet"}, optional
        Write this format whatever the suffix.
    **options
        Passed to the format's writer: ``indent`` (JSON), ``compression`` (Parquet).

    Raises
    ------
    DataFileError
        For a suffix that names no format written here (``.xls``, ``.ods``, ``.csv``, ...:
        with what to write instead), an unknown ``format``, or whatever the writer refuses.

    See Also
    --------
    read : reads any of the files back to an equal network.

    Notes
    -----
    Every format but GraphML (organization level, for graph tools) round-trips every field:
    ``read(p) == net`` after ``write(net, p)``.

    Examples
    --------
    >>> import tempfile, pathlib, selfhelp_exchange as shx
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "riverside.parquet"
    >>> shx.write(shx.load_example("riverside"), p)
    >>> shx.read(p).n_exchanges
    86
    """
    _check_format(format)
    p = Path(path)
    key = format
    suffix = p.suffix.lower()
    if key is None:
        if suffix in _SUFFIXES:
            key = _SUFFIXES[suffix]
        elif not suffix or p.is_dir():
            key = "tables"
        else:
            advice = {
                ".xls": "the old .xls format is not written; give a path ending in .xlsx",
                ".ods": ".ods is not written; give a path ending in .xlsx (LibreOffice opens it)",
                ".csv": "a CSV path holds one table; give a folder (no suffix) for CSV tables",
            }.get(suffix, f"no writer for {p.suffix!r} files (valid: {_valid()})")
            raise DataFileError(
                [Problem(advice, file=str(p))], header="the network cannot be written there"
            )
    _writers()[key](net, p, **options)
