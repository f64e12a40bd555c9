"""A blank evaluator template: the workbook :func:`read_tables` reads, with no records yet.

The template has, in this order:

- ``README``: how to fill it in, and how to read it back.
- One sheet per table (``agencies``, ``groups``, ``group_locations``, ``meetings``, ``actors``,
  ``exchanges``, ``initiatives``, ``initiative_sponsors``, ``initiative_audiences``,
  ``observations``, ``self_assessment``): row 1 holds
  the column headers, each with a comment giving one line of help (hover over it in Excel);
  records go from row 2. The header row is frozen. Columns with a fixed list of values carry a
  drop-down list (a data validation drawn from the hidden ``lists`` sheet); number columns
  carry a range check; text columns are formatted as Text so that ``007`` or ``2024-03-01``
  stay exactly as typed.
- The ``self_assessment`` sheet comes with a row per item of the local mutual-aid
  self-assessment (see :mod:`selfhelp_exchange.selfassessment`): answer the answered items
  (yes, partly, no, unknown) with evidence; leave the answer of the computed items empty.
  :func:`~selfhelp_exchange.read_self_assessment` reads it, and the ``assess`` command uses it.
- ``help``: every column of every sheet, whether it is required, its type, its allowed values
  and its line of help.
- ``lists`` (hidden): the allowed values behind the drop-down lists.

The help lives in header comments and in the ``help`` sheet rather than in a help row under
the headers, so that row 2 is the first record, as the row numbers in error messages say, and
nothing has to be deleted before the workbook is read. :func:`read_tables` skips the
``README``, ``help`` and ``lists`` sheets.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._columns import TableColumns, network_columns
from selfhelp_exchange.io._schema import PERSONAL_NETWORK_TABLES, blank_columns
from selfhelp_exchange.io._xlsx import write_workbook
from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["write_template"]


def _with_self_assessment(tables: TableColumns) -> TableColumns:
    """The tables with the ``self_assessment`` sheet listing every item, answers empty."""
    from selfhelp_exchange.selfassessment import template_rows

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
    write_workbook(tables, p)
