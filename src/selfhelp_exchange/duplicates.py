"""Exact duplicate exchanges: the same flow recorded twice, which every measure would count twice.

A copied spreadsheet row is the usual cause. Two records are exact duplicates when they agree on
source, target (with the subunit named, if any), kind, weight, start, end and attributes. Two
real exchanges of the same kind between the same ends in the same period are better recorded as
one row with the summed weight, so the readers refuse exact duplicates unless told they are
intended (``allow_duplicates=True``), and the report lists the ones allowed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from selfhelp_exchange._needs import needs_network

if TYPE_CHECKING:
    from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["DUPLICATE_ADVICE", "duplicate_exchanges"]

#: What to do about a duplicate, as the readers and ``validate`` say it.
DUPLICATE_ADVICE = (
    "if both are real, merge them into one row with the summed weight; if one is a copy, "
    "delete it (or read with allow_duplicates=True to keep both)"
)


@needs_network
def duplicate_exchanges(net: ExchangeNetwork) -> list[tuple[int, int]]:
    """Pairs ``(first, repeat)`` of exchange positions whose records are exact copies.

    Each repeat is paired with the first exchange it copies, so three copies give two pairs
    with the same ``first``. Positions are 0-based, in the network's exchange order; pairs are
    sorted by ``repeat``.

    Parameters
    ----------
    net : ExchangeNetwork

    Returns
    -------
    list of (int, int)

    Notes
    -----
    Computed on the exchange arrays (one sort); attributes are compared only for the records
    whose other fields agree.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> x = shx.Exchange("A", "G", "referral", 12)
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A", "A")],
    ...     groups=[shx.SelfHelpGroup("G", "G", "mutual_help")],
    ...     exchanges=[x, shx.Exchange("A", "G", "referral", 3), x],
    ... )
    >>> duplicate_exchanges(net)
    [(0, 2)]
    """
    x = net.arrays
    n = int(x.kind.shape[0])
    if n < 2:
        return []
    nat = np.iinfo(np.int64).min
    cols = [
        x.source.astype(np.int64),
        x.target.astype(np.int64),
        x.source_role.astype(np.int64),
        x.target_role.astype(np.int64),
        x.kind.astype(np.int64),
        x.weight.astype(np.float64).view(np.int64),
        np.where(np.isnat(x.start), nat, x.start.astype("datetime64[D]").astype(np.int64)),
        np.where(np.isnat(x.end), nat, x.end.astype("datetime64[D]").astype(np.int64)),
    ]
    # a stable sort keeps equal records in exchange order, so the first copy comes first
    order = np.lexsort([np.arange(n), *cols[::-1]])
    same = np.ones(n - 1, dtype=bool)
    for c in cols:
        s = c[order]
        same &= s[1:] == s[:-1]
    if not same.any():
        return []
    attributes = net.exchange_attributes
    pairs: list[tuple[int, int]] = []
    # runs of equal records in sorted order; Python only walks the runs longer than one
    starts = np.flatnonzero(np.r_[True, ~same])
    ends = np.r_[starts[1:], n]
    for lo, hi in zip(
        starts[ends - starts > 1].tolist(), ends[ends - starts > 1].tolist(), strict=True
    ):
        run: list[int] = []
        for cur in order[lo:hi].tolist():
            for earlier in run:
                if attributes is None or attributes[earlier] == attributes[cur]:
                    pairs.append((earlier, cur))
                    break
            else:
                run.append(cur)
    return sorted(pairs, key=lambda p: p[1])
