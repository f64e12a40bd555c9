"""The data-quality account of a report: what was read, what was left out of which measure, why."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import numpy as np

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.duplicates import duplicate_exchanges
from selfhelp_exchange.network import NODE_TYPE_CODES, ExchangeNetwork
from selfhelp_exchange.network_arrays import KIND_ADAPTATIONAL
from selfhelp_exchange.people import PERSON_COUNT_KINDS, person_identifier_attributes
from selfhelp_exchange.record_fields import to_date
from selfhelp_exchange.vocabulary import NodeType

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DataQuality", "Exclusion", "assess"]


@attrs.frozen
class Exclusion:
    """Records left out of some part of the report.

    Attributes
    ----------
    what : str
        Which records (e.g. ``exchanges between two groups``).
    count : int
        How many.
    reason : str
        Why, and what they were left out of.
    """

    what: str
    count: int
    reason: str


@attrs.frozen(repr=False)
class DataQuality:
    """What a report was built from.

    Attributes
    ----------
    source : str or None
        The file or folder read (None for a network built in Python).
    format : str or None
        How it was read (``JSON``, ``XLSX workbook``, ``CSV folder``, ``GraphML``).
    read : tuple of (str, int)
        Records read, per table.
    excluded : tuple of Exclusion
        Records left out of a measure or a figure, with the reason.
    notes : tuple of str
        Other things a reader should know about the data (how undated records count, ...).
    """

    source: str | None = None
    format: str | None = None
    read: tuple[tuple[str, int], ...] = ()
    excluded: tuple[Exclusion, ...] = ()
    notes: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return headline_repr(
            "DataQuality",
            {
                "source": self.source,
                "format": self.format,
                "records": sum(n for _, n in self.read),
                "tables": len(self.read),
                "excluded": sum(e.count for e in self.excluded),
                "notes": len(self.notes),
            },
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per table read and per exclusion: ``status``, ``what``, ``count``, ``reason``.

        Examples
        --------
        >>> import selfhelp_exchange as shx
        >>> q = shx.report.assess(shx.load_example("riverside"))
        >>> q.to_frame().head(2)  # doctest: +NORMALIZE_WHITESPACE
          status      what  count reason
        0   read  agencies      4
        1   read    groups     14
        """
        import pandas as pd

        rows = [("read", what, n, "") for what, n in self.read]
        rows += [("excluded", e.what, e.count, e.reason) for e in self.excluded]
        return pd.DataFrame(rows, columns=["status", "what", "count", "reason"])


def _count_tables(net: ExchangeNetwork) -> tuple[tuple[str, int], ...]:
    ia = net.initiative_arrays
    return (
        ("agencies", net.n_agencies),
        ("groups", net.n_groups),
        ("group locations", sum(len(g.locations) for g in net.groups)),
        ("meeting times", sum(len(g.meetings) for g in net.groups)),
        ("community actors", len(net.actors)),
        ("exchanges", net.n_exchanges),
        ("initiatives", len(net.initiatives)),
        ("initiative sponsors", len(ia.sponsor_node)),
        ("initiative audiences", len(ia.audience_node)),
    )


def _duplicate_notes(net: ExchangeNetwork) -> list[str]:
    """A note listing exact duplicate exchanges (read with ``allow_duplicates=True``)."""
    dups = duplicate_exchanges(net)
    if not dups:
        return []
    shown = ", ".join(f"#{r + 1} repeats #{f + 1}" for f, r in dups[:20])
    more = f" and {len(dups) - 20} more" if len(dups) > 20 else ""
    note = (
        f"{len(dups)} exchange record{'s repeat' if len(dups) != 1 else ' repeats'} another "
        f"exactly and {'were' if len(dups) != 1 else 'was'} kept as intended "
        f"(allow_duplicates): {shown}{more} (positions in the exchange list, first = #1). "
        "Every measure counts each copy."
    )
    return [note]


@needs_network
def assess(
    net: ExchangeNetwork,
    *,
    source: str | None = None,
    format: str | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> DataQuality:
    """Account for the records of ``net``: counts read, and what each measure leaves out.

    Parameters
    ----------
    net : ExchangeNetwork
    source, format : str, optional
        The file read and its format, to name in the report.
    start, end : date or 'YYYY-MM-DD', optional
        The reporting window, if any.

    Returns
    -------
    DataQuality
        ``excluded`` lists, when there are any: exchanges dated outside the window;
        initiatives dated outside it; exchanges that are not between an agency and a group
        (drawn in the network figure, part of no dyad); ``joint_initiative`` exchanges
        (institutional linkage is read from initiatives); groups with none of the four
        continuum dimensions known (not placed on the continuum); exchange attributes that
        name a person (never shown). ``notes`` says how undated and open-ended exchanges
        count, lists exact duplicate exchanges that were allowed when the file was read, and
        says when client counts were rounded to whole numbers.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> q = assess(shx.load_example("riverside"), source="riverside.json", format="JSON")
    >>> dict(q.read)["exchanges"]
    86
    >>> q.excluded
    ()
    >>> q.notes[0]
    '5 exchanges have no dates: counted in every window and every period (a standing arrangement).'
    """
    x = net.arrays
    lo, hi = to_date(start, "start"), to_date(end, "end")
    excluded: list[Exclusion] = []
    in_window = x.in_window(start=lo, end=hi)
    if lo is not None or hi is not None:
        span = f"{lo or 'the beginning'} to {hi or 'the end'}"
        n_out = int((~in_window).sum())
        if n_out:
            excluded.append(
                Exclusion(
                    "exchanges outside the reporting window",
                    n_out,
                    f"dated wholly outside {span}; left out of every measure and figure",
                )
            )
        d = net.initiative_arrays.date
        out_i = np.zeros(d.shape[0], dtype=bool)
        if lo is not None:
            out_i |= ~np.isnat(d) & (d < np.datetime64(lo, "D"))
        if hi is not None:
            out_i |= ~np.isnat(d) & (d > np.datetime64(hi, "D"))
        if out_i.any():
            excluded.append(
                Exclusion(
                    "initiatives outside the reporting window",
                    int(out_i.sum()),
                    f"dated outside {span}; left out of institutional linkage",
                )
            )
    agency, group = NODE_TYPE_CODES[NodeType.AGENCY], NODE_TYPE_CODES[NodeType.GROUP]
    ts, tt = net.node_type[x.source], net.node_type[x.target]
    dyadic = ((ts == agency) & (tt == group)) | ((ts == group) & (tt == agency))
    n_other = int((in_window & ~dyadic).sum())
    if n_other:
        excluded.append(
            Exclusion(
                "exchanges not between an agency and a group",
                n_other,
                "between two agencies, two groups or with a community actor: drawn in the "
                "network figure, but part of no agency-group linkage measure",
            )
        )
    joint = in_window & dyadic & ~KIND_ADAPTATIONAL[x.kind]
    if joint.any():
        excluded.append(
            Exclusion(
                f"{ExchangeKind.JOINT_INITIATIVE.value} exchanges",
                int(joint.sum()),
                "institutional linkage is read from the initiatives table; these exchange "
                "records are drawn but not scored",
            )
        )
    unplaced = [
        g.id
        for g in net.groups
        if g.meeting_place is None
        and g.admission is None
        and g.timing is None
        and g.facilitation is None
    ]
    if unplaced:
        excluded.append(
            Exclusion(
                "groups with no continuum dimension known",
                len(unplaced),
                "meeting place, admission, timing and facilitation all unknown: not placed on "
                "the relational-therapeutic continuum (" + ", ".join(unplaced) + ")",
            )
        )
    ids = person_identifier_attributes(net)
    if ids:
        excluded.append(
            Exclusion(
                "exchange attributes naming a person (" + ", ".join(sorted(ids)) + ")",
                sum(ids.values()),
                "person identifiers are never shown in this report or its exports",
            )
        )
    notes: list[str] = []
    undated = int((np.isnat(x.start) & np.isnat(x.end)).sum())
    if undated:
        notes.append(
            f"{undated} exchange{'s have' if undated != 1 else ' has'} no dates: counted in "
            "every window and every period (a standing arrangement)."
        )
    open_end = int((~np.isnat(x.start) & np.isnat(x.end)).sum())
    if open_end:
        notes.append(
            f"{open_end} exchange{'s have' if open_end != 1 else ' has'} a start and no end: "
            "counted as still running."
        )
    notes.extend(_duplicate_notes(net))
    people = np.isin(x.kind, [k.code for k in PERSON_COUNT_KINDS]) & dyadic & in_window
    fractional = int((people & (x.weight != np.rint(x.weight))).sum())
    if fractional:
        notes.append(
            f"{fractional} client-count weight{'s are' if fractional != 1 else ' is'} not a "
            "whole number: client counts are summed, then rounded to whole numbers."
        )
    return DataQuality(
        source=source,
        format=format,
        read=_count_tables(net),
        excluded=tuple(excluded),
        notes=tuple(notes),
    )
