"""Scorecards to CSV or XLSX, with client counts suppressed and no cell run as a formula.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(CSV or formula injection), and an agency or group name typed by someone else could start with
one. So:

* in an XLSX workbook every text cell is written as a text (string) cell in the Text number
  format: it is shown as typed and never evaluated;
* in a CSV file a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return gets a single quote ``'`` in front (the OWASP advice), which spreadsheet programs
  read as "this is text". Numbers are written as they are.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.privacy import SMALL_CELL_THRESHOLD, published_network

if TYPE_CHECKING:
    import pandas as pd

    from selfhelp_exchange.metrics.adaptational import LinkageWeights
    from selfhelp_exchange.metrics.institutional import InstitutionalWeights

__all__ = ["CSV_DECIMALS", "FORMULA_PREFIXES", "score_tables", "write_scores"]

#: A text cell starting with one of these could run as a formula in a spreadsheet.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: Decimals of the indices in a CSV export (this library's convention: three are more than the
#: data's precision; the XLSX workbook keeps full precision).
CSV_DECIMALS = 3
#: Columns of the linked-groups table left out of exports: they can sum counts of clients.
_DROPPED = ("intensity", "intensity_score")


@positional_deprecated("start", "end")
@needs_network
def score_tables(
    net: ExchangeNetwork,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    threshold: int = SMALL_CELL_THRESHOLD,
    weights: LinkageWeights | Mapping[str, float] | None = None,
    institutional_weights: InstitutionalWeights | Mapping[str, float] | None = None,
) -> dict[str, pd.DataFrame]:
    """The tables an evaluator exports: scorecard, linked groups, client counts, notes.

    Parameters
    ----------
    net : ExchangeNetwork
    start, end : date or 'YYYY-MM-DD', optional
        Reporting window.
    threshold : int
        Small-cell threshold for client counts (default 11).
    weights, institutional_weights : optional
        Weights of the two linkage indices.

    Returns
    -------
    dict of str to DataFrame
        ``scorecard``: :func:`~selfhelp_exchange.agency_scorecard` plus ``clients_counted``
        (the agency's total of client counts, as text: ``*`` when hidden). ``linked_groups``:
        :func:`~selfhelp_exchange.adaptational_linkage` without ``intensity`` and
        ``intensity_score`` (they can sum client counts), plus ``clients_counted``.
        ``client_counts``: agencies by groups with totals, hidden cells ``*``. ``notes``: the
        threshold and what was hidden. Every client count comes from one
        :func:`~selfhelp_exchange.people.client_count_table`.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> t = score_tables(shx.load_example("riverside"))
    >>> list(t)
    ['scorecard', 'linked_groups', 'client_counts', 'notes']
    >>> "intensity" in t["linked_groups"].columns
    False
    """
    import pandas as pd

    from selfhelp_exchange.metrics.adaptational import adaptational_linkage
    from selfhelp_exchange.metrics.scorecard import agency_scorecard
    from selfhelp_exchange.people import PERSON_COUNT_KINDS, client_count_table
    from selfhelp_exchange.report._counts import PublishedCounts

    counts = client_count_table(net, start=start, end=end, threshold=threshold)
    published = PublishedCounts(counts)
    shown = published.shown.astype(str)

    # every index from the published network, where hidden counts enter as one fixed value
    net = published_network(net, start=start, end=end, threshold=threshold, table=counts)
    card = agency_scorecard(
        net, start=start, end=end, weights=weights, institutional_weights=institutional_weights
    )
    card["clients_counted"] = [published.total(a) for a in card["agency_id"]]
    dyads = adaptational_linkage(net, start=start, end=end, weights=weights).drop(
        columns=list(_DROPPED)
    )
    dyads["clients_counted"] = [
        published.cell(a, g) for a, g in zip(dyads["agency_id"], dyads["group_id"], strict=True)
    ]
    table = shown.reset_index(names="agency_id")
    notes = pd.DataFrame(
        {
            "note": [
                (
                    f"Client counts (weights of {', '.join(k.value for k in PERSON_COUNT_KINDS)}) "
                    f"from 1 to {threshold - 1} are hidden as *, with enough other cells that "
                    "they cannot be worked out from the totals."
                ),
                counts.note or "No client count had to be hidden.",
                (
                    "Every index is computed with each hidden client count (and each client-count "
                    f"weight below {threshold}) entered as {threshold - 1}, so no index reveals a "
                    "hidden count. The intensity columns are left out: they can sum client counts."
                ),
                f"Reporting window: {start or 'the beginning'} to {end or 'the end'}.",
            ]
        }
    )
    return {"scorecard": card, "linked_groups": dyads, "client_counts": table, "notes": notes}


def _safe_csv(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@positional_deprecated("start", "end")
@needs_network
def write_scores(
    net: ExchangeNetwork,
    path: str | os.PathLike[str],
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    threshold: int = SMALL_CELL_THRESHOLD,
    weights: LinkageWeights | Mapping[str, float] | None = None,
    institutional_weights: InstitutionalWeights | Mapping[str, float] | None = None,
) -> Path:
    """Write the scorecards: a CSV file (the scorecard) or an XLSX workbook (every table).

    Parameters
    ----------
    net : ExchangeNetwork
    path : str or path-like
        Ends in ``.csv`` (one table: the agency scorecard) or ``.xlsx`` (sheets
        ``scorecard``, ``linked_groups``, ``client_counts``, ``notes``; see
        :func:`score_tables`).
    start, end, threshold, weights, institutional_weights
        As for :func:`score_tables`.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    DataFileError
        If ``path`` ends in neither ``.csv`` nor ``.xlsx``.

    Notes
    -----
    See the module notes: XLSX text cells are text cells, never formulas; CSV text cells that
    start with ``= + - @``, a tab or a carriage return get a leading ``'``. A CSV file is UTF-8
    with a byte-order mark (so Excel reads accented names right) and its indices are rounded
    to :data:`CSV_DECIMALS` (3) decimals; the XLSX workbook keeps full precision.

    Examples
    --------
    >>> import tempfile, pathlib, selfhelp_exchange as shx
    >>> p = write_scores(shx.load_example("riverside"), pathlib.Path(tempfile.mkdtemp()) / "s.csv")
    >>> p.read_text(encoding="utf-8-sig").splitlines()[0].split(",")[:3]
    ['agency_id', 'name', 'sector']
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise DataFileError(
            [Problem(f"scores are written as .csv or .xlsx (got {p.name!r})", file=str(p))],
            header="the scores cannot be written",
        )
    tables = score_tables(
        net,
        start=start,
        end=end,
        threshold=threshold,
        weights=weights,
        institutional_weights=institutional_weights,
    )
    p.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        card = tables["scorecard"]
        floats = card.select_dtypes("float").columns
        card = card.assign(**{c: card[c].round(CSV_DECIMALS) for c in floats})
        card = card.astype(object).map(_safe_csv)
        card.columns = [_safe_csv(c) for c in card.columns]
        # a byte-order mark: Excel on Windows then reads the file as UTF-8 (names with accents)
        card.to_csv(p, index=False, lineterminator="\r\n", encoding="utf-8-sig")
        return p
    _write_xlsx(tables, p)
    return p


def _write_xlsx(tables: Mapping[str, pd.DataFrame], path: Path) -> None:
    import numpy as np
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    bold = Font(bold=True)
    for name, df in tables.items():
        ws = wb.create_sheet(name)
        ws.append([str(c) for c in df.columns])
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        for r, row in enumerate(df.itertuples(index=False), start=2):
            for c, value in enumerate(row, start=1):
                if value is None or (isinstance(value, float) and np.isnan(value)):
                    continue
                cell = ws.cell(row=r, column=c)
                if isinstance(value, bool | np.bool_):
                    cell.value = bool(value)
                elif isinstance(value, int | float | np.integer | np.floating):
                    cell.value = value.item() if isinstance(value, np.generic) else value
                else:
                    # a text cell, never a formula: set the value, then force the string type
                    # control characters cannot be stored in XML: they are dropped
                    cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
                    cell.data_type = "s"
                    cell.number_format = "@"
    wb.save(path)
