"""Cells of the one suppressed client-count table, as the report and the exports publish them."""

from __future__ import annotations

from selfhelp_exchange.privacy import SuppressedTable

__all__ = ["PublishedCounts"]


class PublishedCounts:
    """Look up the text to publish for an (agency, group) cell or an agency's total.

    A cell of a group that counts no client is ``0``. An agency's total is the ``Total``
    column, or the one group column when there is only one (then no totals column is made).
    """

    def __init__(self, table: SuppressedTable) -> None:
        self.table = table
        self.shown = table.display()
        columns = [c for c in self.shown.columns if c != "Total"]
        self._total = (
            "Total" if "Total" in self.shown.columns else (columns[0] if columns else None)
        )
        # one pass over the cells: looking each up in the frame is slow for hundreds of them
        values = self.shown.to_numpy(dtype=object)
        hidden = table.hidden.to_numpy(dtype=bool)
        self._cells = {
            (a, g): (str(values[i, j]), bool(hidden[i, j]))
            for i, a in enumerate(self.shown.index)
            for j, g in enumerate(self.shown.columns)
        }

    def _get(self, agency: str, group: str | None) -> tuple[str, bool]:
        if group is None:
            return "0", False
        return self._cells.get((agency, group), ("0", False))

    def cell(self, agency: str, group: str) -> str:
        """The published text of the (agency, group) count."""
        return self._get(agency, group)[0]

    def hidden(self, agency: str, group: str) -> bool:
        """Whether the (agency, group) count is hidden."""
        return self._get(agency, group)[1]

    def total(self, agency: str) -> str:
        """The published text of the agency's total."""
        return self._get(agency, self._total)[0]

    def total_hidden(self, agency: str) -> bool:
        """Whether the agency's total is hidden."""
        return self._get(agency, self._total)[1]
