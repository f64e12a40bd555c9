"""Counts of people in an exchange network, and the person identifiers it may hold.

Some exchange weights count clients: how many were referred, introduced, accompanied, reached
or attended. Published as they are, small counts can single a person out, so every table or
figure of this library that shows them goes through
:func:`~selfhelp_exchange.privacy.suppress_counts` (see :func:`client_count_table`).

Which kinds count people is this library's convention, erring on the side of privacy:

=========================  ===================================================================
kind                       its weight counts
=========================  ===================================================================
referral                   clients referred to the group
facilitated_introduction   clients introduced in person (a call, "meet a member", going along)
peer_bridging              clients accompanied to a first meeting by a member
attendance                 clients who took part in the group
in_reach                   the clients reached by panels or meetings carried into the agency
                           (some data count panels instead; treated as people all the same)
=========================  ===================================================================

The other kinds (board seats, policies, resources, information, consultation, staff education,
meeting space) count arrangements or contacts between organizations and are shown as they are.

Person identifiers: an exchange's free attributes may name a person (for instance a
``client_id`` kept by an evaluator to count distinct clients). The report and the exports of
this library never show exchange attributes; :func:`person_identifier_attributes` finds such
attributes so the data-quality section can say they were left out, and
:func:`~selfhelp_exchange.privacy.pseudonymize` replaces them by keyed-hash pseudonyms where a
data set must be shared.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import numpy as np

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.catalogue import PERSON_COUNT_KINDS
from selfhelp_exchange.network import NODE_TYPE_CODES, ExchangeNetwork
from selfhelp_exchange.privacy import SMALL_CELL_THRESHOLD, SuppressedTable, suppress_counts
from selfhelp_exchange.vocabulary import NodeType

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "PERSON_COUNT_KINDS",
    "PERSON_ID_PATTERN",
    "client_count_table",
    "client_counts",
    "person_identifier_attributes",
]

#: Attribute names taken to identify a person: ``client_id``, ``person``, ``member_name``,
#: ``patient_number``, ``participant``, ``ssn``, ``mrn``, ``nhs_number``, ... (case-insensitive).
PERSON_ID_PATTERN = re.compile(
    r"(^|_)(client|person|patient|member|participant|individual|user)(_?(id|ids|name|number|no))?$"
    r"|^(ssn|mrn|nhs_number|medical_record(_number)?|date_of_birth|dob)$",
    re.IGNORECASE,
)


@positional_deprecated("start", "end")
@needs_network
def client_counts(
    net: ExchangeNetwork,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> pd.DataFrame:
    """Clients counted by the exchanges between each agency and each group.

    Parameters
    ----------
    net : ExchangeNetwork
    start, end : date or 'YYYY-MM-DD', optional
        Time window: an exchange counts where its [start, end] overlaps it; undated ones
        always count.

    Returns
    -------
    pandas.DataFrame
        Agencies (index, network order) by groups (columns, network order; only groups with a
        non-zero count), each cell the sum of the weights of the exchanges of the kinds in
        :data:`PERSON_COUNT_KINDS` between the agency (or its subunits) and the group, either
        direction, rounded to a whole number. Not suppressed: pass it to
        :func:`~selfhelp_exchange.privacy.suppress_counts` (or use :func:`client_count_table`)
        before showing it.

    Notes
    -----
    The same client may be counted under several kinds (referred, then attending), so a cell
    counts client contacts, not distinct people. Computed with :func:`numpy.bincount` on the
    exchange arrays.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Riverside Counselling")],
    ...     groups=[shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help"),
    ...             shx.SelfHelpGroup("G2", "SMART", "mutual_help")],
    ...     exchanges=[shx.Exchange(("A1", shx.Role.PRACTITIONERS), "G1", "referral", weight=12),
    ...                shx.Exchange(("A1", shx.Role.CLIENTS), "G1", "attendance", weight=3),
    ...                shx.Exchange("A1", "G2", "information", weight=5)],
    ... )
    >>> client_counts(net)
        G1
    A1  15
    """
    import pandas as pd

    x = net.arrays
    agency = NODE_TYPE_CODES[NodeType.AGENCY]
    group = NODE_TYPE_CODES[NodeType.GROUP]
    t_src, t_tgt = net.node_type[x.source], net.node_type[x.target]
    people = np.isin(x.kind, [k.code for k in PERSON_COUNT_KINDS])
    outward = (t_src == agency) & (t_tgt == group)
    inward = (t_src == group) & (t_tgt == agency)
    keep = people & (outward | inward) & x.in_window(start=start, end=end)
    a = np.where(outward, x.source, x.target)[keep].astype(np.int64)
    g = np.where(outward, x.target, x.source)[keep].astype(np.int64) - net.n_agencies
    n_a, n_g = net.n_agencies, net.n_groups
    cells = np.bincount(a * n_g + g, weights=x.weight[keep], minlength=n_a * n_g)
    matrix = np.rint(cells.reshape(n_a, n_g)).astype(np.int64)
    used = matrix.any(axis=0)
    ids = net.node_ids
    return pd.DataFrame(
        matrix[:, used],
        index=pd.Index(ids[:n_a].tolist()),
        columns=pd.Index(ids[n_a : n_a + n_g][used].tolist()),
    )


@positional_deprecated("start", "end")
@needs_network
def client_count_table(
    net: ExchangeNetwork,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    threshold: int = SMALL_CELL_THRESHOLD,
) -> SuppressedTable:
    """:func:`client_counts` with row and column totals, small counts suppressed.

    Every table and figure of the report that shows client counts takes its cells, and the
    cells it hides, from this one table, so no hidden count can be worked out by putting two
    of them side by side.

    Parameters
    ----------
    net : ExchangeNetwork
    start, end : date or 'YYYY-MM-DD', optional
        Time window, as for :func:`client_counts`.
    threshold : int
        Counts from 1 to ``threshold - 1`` are hidden, and enough others that they cannot be
        worked out from the totals (default 11; see :mod:`selfhelp_exchange.privacy`).

    Returns
    -------
    SuppressedTable
        ``counts`` holds agencies by groups plus a ``Total`` row and column.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> t = client_count_table(shx.load_example("riverside"))
    >>> t.counts.index[-1], t.counts.columns[-1]
    ('Total', 'Total')
    >>> bool(((t.counts > 0) & (t.counts < 11)).to_numpy()[~t.hidden.to_numpy()].any())
    False
    """
    return suppress_counts(
        client_counts(net, start=start, end=end), threshold=threshold, margins=True
    )


@needs_network
def person_identifier_attributes(net: ExchangeNetwork) -> dict[str, int]:
    """Exchange attribute names that look like person identifiers, with how many carry each.

    Parameters
    ----------
    net : ExchangeNetwork

    Returns
    -------
    dict
        Attribute name -> number of exchanges with it, for the names matching
        :data:`PERSON_ID_PATTERN`, in first-seen order.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Riverside Counselling")],
    ...     groups=[shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help")],
    ...     exchanges=[shx.Exchange("A1", "G1", "attendance", attributes={"client_id": "c-17"}),
    ...                shx.Exchange("A1", "G1", "referral", attributes={"topic": "intake"})],
    ... )
    >>> person_identifier_attributes(net)
    {'client_id': 1}
    """
    attrs = net.exchange_attributes
    found: dict[str, int] = {}
    if attrs is None:
        return found
    names: dict[str, bool] = {}
    for a in attrs:  # attribute mappings are records' free fields, not exchange arrays
        for name in a:
            hit = names.get(name)
            if hit is None:
                hit = names[name] = PERSON_ID_PATTERN.search(name) is not None
            if hit:
                found[name] = found.get(name, 0) + 1
    return found
