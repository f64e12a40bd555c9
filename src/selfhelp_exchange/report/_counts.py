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

    def _get(self, agency: str, group: str | None) -> tuple[str, bool]:
        if group is None or agency not in self.shown.index or group not in self.shown.columns:
            return "0", False
        return str(self.shown.loc[agency, group]), bool(self.table.hidden.loc[agency, group])

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
