"""Privacy: pseudonymous person identifiers and small-cell suppression of published counts.

Client data is health data. Two tools keep reports and exports from singling a person out:

* :func:`pseudonymize` replaces person identifiers by a keyed hash (HMAC-SHA-256). Without the
  key the pseudonyms cannot be reversed or recomputed from a guessed identifier; with the same
  key the same person gets the same pseudonym in every file, so records can still be linked.
  The key is never written to any output by this library.
  :func:`pseudonymize_network` does the same for the person identifiers a network carries in
  the free attributes of its records and exchanges (``client_id`` and the like).
* :func:`suppress_counts` hides counts below the small-cell threshold (*primary* suppression) and
  then hides further cells (*complementary* suppression) until no hidden count can be worked out
  from the totals shown.
* :func:`published_network` is the network every published output (the report, the score
  exports) is computed from: each client count that is hidden enters every index as the same
  fixed value, so no index, table or figure moves with a hidden count.

The default threshold, 11 (counts of 1 to 10 are not shown), follows the U.S. Centers for
Medicare & Medicaid Services cell-size suppression policy, the usual public-health small-cell
rule; it is configurable.

References
----------
.. [1] Centers for Medicare & Medicaid Services. *CMS Cell Size Suppression Policy*: no cell
   containing a value of 1 to 10 may be displayed.
.. [2] Hundepool, A., et al. (2012). *Statistical Disclosure Control*. Wiley. Chapter 5
   (frequency tables: primary and secondary suppression, the audit of a suppression pattern).
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.exceptions import PrivacyError
from selfhelp_exchange.records import Attributes

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd

    from selfhelp_exchange.network import ExchangeNetwork

__all__ = [
    "PERSON_ATTRIBUTES",
    "SMALL_CELL_THRESHOLD",
    "PrivacyError",
    "SuppressedTable",
    "pseudonymize",
    "pseudonymize_network",
    "published_network",
    "suppress_counts",
]

#: Counts from 1 to ``SMALL_CELL_THRESHOLD - 1`` are never shown (CMS cell-size policy).
SMALL_CELL_THRESHOLD = 11
#: Attribute names :func:`pseudonymize_network` treats as person identifiers unless told
#: otherwise (this library's convention; name your own with ``attributes=``).
PERSON_ATTRIBUTES = ("client_id", "person_id", "participant_id", "patient_id", "member_id")
_MIN_KEY_BYTES = 16


def _key_bytes(key: object) -> bytes:
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, bytes) or len(key) < _MIN_KEY_BYTES:
        msg = (
            f"the pseudonymization key must be at least {_MIN_KEY_BYTES} bytes "
            "(use secrets.token_hex(32) and keep it out of the data folder)"
        )
        raise PrivacyError(msg)
    return key


def pseudonymize(
    identifiers: Iterable[object], key: str | bytes, *, prefix: str = "p-", length: int = 16
) -> list[str | None]:
    """Replace person identifiers with keyed-hash pseudonyms.

    Parameters
    ----------
    identifiers : iterable
        Person identifiers (anything with a ``str()``); None and NaN stay missing.
    key : str or bytes
        A secret of at least 16 bytes. The same key gives the same pseudonym for the same
        identifier, so files pseudonymized separately can still be linked. Keep it secret:
        anyone with the key can test a guessed identifier.
    prefix : str
        Put before each pseudonym, so pseudonyms are not mistaken for original identifiers.
    length : int
        Hex digits kept from the HMAC-SHA-256 digest (8 to 64). 16 digits (64 bits) make a
        collision among a million people about 1 in 36 million.

    Returns
    -------
    list of str or None

    Raises
    ------
    PrivacyError
        If the key is shorter than 16 bytes or ``length`` is outside 8 to 64.

    Notes
    -----
    pseudonym = prefix + hex(HMAC-SHA-256(key, identifier as UTF-8 text))[:length].
    Identifiers are compared as text after stripping surrounding white space, so ``" 42"`` and
    ``42`` are the same person.

    Examples
    --------
    >>> key = "a-secret-key-of-32-characters-xx"
    >>> a, b, c = pseudonymize(["client 17", "client 18", "client 17"], key)
    >>> a == c, a == b, a.startswith("p-"), len(a)
    (True, False, True, 18)
    """
    k = _key_bytes(key)
    if not 8 <= length <= 64:
        msg = f"length must be from 8 to 64 hex digits (got {length!r})"
        raise PrivacyError(msg)
    out: list[str | None] = []
    for ident in identifiers:
        if ident is None or (isinstance(ident, float) and math.isnan(ident)):
            out.append(None)
            continue
        digest = hmac.new(k, str(ident).strip().encode("utf-8"), hashlib.sha256).hexdigest()
        out.append(prefix + digest[:length])
    return out


@needs_network
def pseudonymize_network(
    net: ExchangeNetwork,
    key: str | bytes,
    *,
    attributes: Iterable[str] = PERSON_ATTRIBUTES,
    prefix: str = "p-",
    length: int = 16,
) -> ExchangeNetwork:
    """The network with every person identifier in its free attributes pseudonymized.

    Parameters
    ----------
    net : ExchangeNetwork
    key : str or bytes
        The secret, as for :func:`pseudonymize`. It is used, never stored: the network returned
        holds only the pseudonyms, so no file written from it can hold the key.
    attributes : iterable of str
        The attribute names that hold person identifiers, looked for in the attributes of every
        agency, group, community actor, initiative and exchange. Default
        :data:`PERSON_ATTRIBUTES`.
    prefix, length
        As for :func:`pseudonymize`.

    Returns
    -------
    ExchangeNetwork
        Equal to ``net`` but for those attributes: each value replaced by its pseudonym (text).
        Organizations' ids and names are not person identifiers and are kept.

    Raises
    ------
    PrivacyError
        If the key or ``length`` is refused (see :func:`pseudonymize`), or ``attributes`` is
        not a collection of non-empty strings.

    Notes
    -----
    A value is pseudonymized as its text (``42`` and ``"42"`` are the same person), so the
    same key gives the same pseudonym in a network, in a table pseudonymized with
    :func:`pseudonymize` and in next year's data: records stay linkable without the identifier.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Riverside Counselling")],
    ...     groups=[shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help")],
    ...     exchanges=[
    ...         shx.Exchange(("A1", shx.Role.PRACTITIONERS), "G1", "facilitated_introduction",
    ...                      attributes={"client_id": "C-1017", "visit": 2}),
    ...     ],
    ... )
    >>> key = "a-secret-key-of-32-characters-xx"
    >>> safe = pseudonymize_network(net, key)
    >>> attrs_ = safe.exchanges[0].attributes
    >>> attrs_["client_id"] == pseudonymize(["C-1017"], key)[0], attrs_["visit"]
    (True, 2)
    """
    names: tuple[object, ...] = (attributes,) if isinstance(attributes, str) else tuple(attributes)
    if not all(isinstance(n, str) and n for n in names):
        msg = f"attributes must be non-empty attribute names (got {names!r})"
        raise PrivacyError(msg)
    pseudonymize([], key, prefix=prefix, length=length)  # refuses a bad key or length now
    wanted = frozenset(names)

    def hidden(a: Attributes) -> Attributes:
        found = [n for n in a if n in wanted]
        if not found:
            return a
        values = dict(a)
        aliases = pseudonymize([values[n] for n in found], key, prefix=prefix, length=length)
        for name, alias in zip(found, aliases, strict=True):
            # never None: an attribute value is never missing or NaN
            values[name] = alias if alias is not None else ""
        return Attributes(values)

    from selfhelp_exchange.network import ExchangeNetwork

    def evolve(records: Sequence[Any]) -> list[Any]:
        return [attrs.evolve(r, attributes=hidden(r.attributes)) for r in records]

    x = net.arrays
    out = ExchangeNetwork.from_arrays(
        agencies=evolve(net.agencies),
        groups=evolve(net.groups),
        actors=evolve(net.actors),
        initiatives=evolve(net.initiatives),
        observations=evolve(net.observations),
        source=x.source,
        target=x.target,
        kind=x.kind,
        weight=x.weight,
        start=x.start,
        end=x.end,
        source_role=x.source_role,
        target_role=x.target_role,
        attributes=None
        if net.exchange_attributes is None
        else [hidden(a) for a in net.exchange_attributes],
    )
    return out


@attrs.frozen(eq=False, repr=False)
class SuppressedTable:
    """A table of counts with the cells that must not be shown.

    Attributes
    ----------
    counts : pandas.DataFrame
        The counts, with the totals row and column added when ``margins`` was asked for.
    hidden : pandas.DataFrame
        True where a cell must not be shown (same shape as ``counts``).
    primary : pandas.DataFrame
        True where a cell was hidden for being below the threshold.
    threshold : int
    marker : str
        What :meth:`display` shows instead of a hidden count.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"AA": [25, 4], "SMART": [30, 18]}, index=["A1", "A2"])
    >>> t = suppress_counts(counts)
    >>> t
    SuppressedTable(shape=(3, 3), threshold=11, n_primary=1, n_complementary=3)
    >>> t.display()
           AA SMART Total
    A1      *     *    55
    A2      *     *    22
    Total  29    48    77
    """

    counts: pd.DataFrame
    hidden: pd.DataFrame
    primary: pd.DataFrame
    threshold: int
    marker: str = "*"

    @property
    def n_primary(self) -> int:
        """Number of cells hidden for being small."""
        return int(self.primary.to_numpy().sum())

    @property
    def n_complementary(self) -> int:
        """Number of further cells hidden so the small ones cannot be worked out."""
        return int(self.hidden.to_numpy().sum()) - self.n_primary

    @property
    def note(self) -> str:
        """A footnote saying what was hidden and why ('' when nothing was)."""
        if not self.hidden.to_numpy().any():
            return ""
        return (
            f"{self.marker} hidden: counts from 1 to {self.threshold - 1} are not shown "
            f"({self.n_primary} cell{'s' if self.n_primary != 1 else ''}), and "
            f"{self.n_complementary} more cell{'s are' if self.n_complementary != 1 else ' is'} "
            "hidden so that those counts cannot be worked out from the totals."
        )

    def __repr__(self) -> str:
        # never the counts themselves: a repr ends up in notebooks and logs that get shared
        return headline_repr(
            "SuppressedTable",
            {
                "shape": self.counts.shape,
                "threshold": self.threshold,
                "n_primary": self.n_primary,
                "n_complementary": self.n_complementary,
            },
        )

    def to_frame(self) -> pd.DataFrame:
        """The table to publish, as :meth:`display` gives it (never the hidden counts)."""
        return self.display()

    def display(self) -> pd.DataFrame:
        """The table to publish: counts as text, hidden cells replaced by the marker."""
        shown = self.counts.astype(object)
        values = shown.to_numpy(dtype=object, copy=True)
        values[self.hidden.to_numpy(dtype=bool)] = self.marker
        return shown.__class__(values, index=shown.index, columns=shown.columns)


def suppress_counts(
    table: pd.DataFrame | pd.Series | Sequence[Sequence[int]] | npt.ArrayLike,
    *,
    threshold: int = SMALL_CELL_THRESHOLD,
    margins: bool = True,
    suppress_zero: bool = False,
    marker: str = "*",
) -> SuppressedTable:
    """Hide small counts, and enough other cells that the small ones cannot be recovered.

    Parameters
    ----------
    table : DataFrame, Series or 2-D array of non-negative integer counts
        A Series (or 1-D array) is treated as a one-column table.
    threshold : int
        Counts from 1 to ``threshold - 1`` are hidden (default 11; see the module notes).
    margins : bool
        Whether the published table carries row and column totals (added here, as ``Total``).
        With margins, totals are cells too: a small total is hidden, and every row and column
        relation (cells adding up to their total) is protected.
    suppress_zero : bool
        Also hide zeros (default False: a zero singles nobody out).
    marker : str
        Shown in place of a hidden count.

    Returns
    -------
    SuppressedTable

    Raises
    ------
    PrivacyError
        If a count is negative, not a whole number, or not finite.

    Notes
    -----
    Primary suppression hides every count c with 0 < c < threshold, and every total that could
    be below the threshold for some values of the small counts it adds up. Every decision below
    is taken on the *floor table*, the table with each small count set to 1 and the totals added
    up again, so the cells hidden depend only on which counts are small, never on their values
    (otherwise the pattern of stars would itself tell a small count). Complementary suppression
    then repeats, until nothing changes, three checks over every published relation
    (each row: its cells add to the row total; each column likewise; the totals row and column
    add to the grand total):

    1. a relation with exactly one hidden member could be solved by subtraction, so the
       smallest shown member (preferring non-zero counts) is hidden too;
    2. a relation whose total is shown and whose hidden cells could add up to less than
       ``threshold`` (but more than zero) would publish a small count by difference, so another
       member is hidden;
    3. an audit by linear algebra: a hidden cell is exactly recoverable when its unit vector
       lies in the row space of the relations restricted to the hidden cells; such a cell gets
       another cell hidden in one of its relations.

    The audit covers exact recovery from the equalities; it does not compute the narrower
    intervals that non-negativity can give (see Hundepool et al. 2012, ch. 5).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"AA": [25, 4], "SMART": [30, 12]}, index=["Agency 1", "Agency 2"])
    >>> s = suppress_counts(t)
    >>> s.display()
              AA SMART Total
    Agency 1   *     *    55
    Agency 2   *     *    16
    Total     29    42    71
    >>> s.n_primary, s.n_complementary
    (1, 3)
    """
    import pandas as pd

    if isinstance(table, pd.Series):
        frame = table.to_frame()
    elif isinstance(table, pd.DataFrame):
        frame = table.copy()
    else:
        arr = np.asarray(table)
        frame = pd.DataFrame(arr.reshape(-1, 1) if arr.ndim == 1 else arr)
    values = frame.to_numpy(dtype=float, na_value=np.nan)
    if values.size and (
        not np.isfinite(values).all() or (values < 0).any() or (values != np.round(values)).any()
    ):
        bad = values[~np.isfinite(values) | (values < 0) | (values != np.round(values))]
        msg = f"counts must be finite whole numbers >= 0 (got {bad[:5].tolist()})"
        raise PrivacyError(msg)
    threshold_: object = threshold  # callers from untyped code may pass anything
    if isinstance(threshold_, bool) or not isinstance(threshold_, int) or threshold_ < 1:
        msg = f"threshold must be a whole number >= 1 (got {threshold!r})"
        raise PrivacyError(msg)
    counts = values.astype(np.int64)
    full, index, columns = counts, frame.index.tolist(), frame.columns.tolist()
    # a total of one column (or one row) would repeat it, so only real margins are added
    if margins and full.shape[1] > 1:
        full = np.column_stack([full, full.sum(axis=1)])
        columns = [*columns, "Total"]
    if margins and full.shape[0] > 1:
        full = np.vstack([full, full.sum(axis=0)])
        index = [*index, "Total"]
    floor = _floor_table(counts, threshold, full.shape)
    primary = (floor > 0) & (floor < threshold)
    if suppress_zero:
        primary |= full == 0
    # every decision is taken on the floor table, so which cells are hidden does not depend
    # on the value of a small count (only on which counts are small)
    hidden = _complementary(
        floor, primary.copy(), threshold, _relations(full.shape, index, columns)
    )
    return SuppressedTable(
        counts=pd.DataFrame(full, index=index, columns=columns),
        hidden=pd.DataFrame(hidden, index=index, columns=columns),
        primary=pd.DataFrame(primary, index=index, columns=columns),
        threshold=threshold,
        marker=marker,
    )


def _floor_table(
    counts: npt.NDArray[np.int64], threshold: int, shape: tuple[int, int]
) -> npt.NDArray[np.int64]:
    """The table with every small count at its least value, 1, and totals re-added to match.

    A small count can be anything from 1 to ``threshold - 1``; the floor table is the least
    table consistent with what is published, so a sum of it below the threshold may be small.
    """
    floor = np.where((counts > 0) & (counts < threshold), 1, counts)
    if shape[1] > floor.shape[1]:
        floor = np.column_stack([floor, floor.sum(axis=1)])
    if shape[0] > floor.shape[0]:
        floor = np.vstack([floor, floor.sum(axis=0)])
    return floor


def _relations(
    shape: tuple[int, int], index: Sequence[Any], columns: Sequence[Any]
) -> list[list[tuple[int, int]]]:
    """The published additive relations: each a list of cells, its total last."""
    n_r, n_c = shape
    out: list[list[tuple[int, int]]] = []
    if columns and columns[-1] == "Total":
        out += [[(r, c) for c in range(n_c)] for r in range(n_r)]
    if index and index[-1] == "Total":
        out += [[(r, c) for r in range(n_r)] for c in range(n_c)]
    return out


def _pick(
    full: npt.NDArray[np.int64], hidden: npt.NDArray[np.bool_], members: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The shown member to hide next: the smallest non-zero count, else the smallest."""
    shown = [m for m in members if not hidden[m]]
    if not shown:
        return None
    return min(shown, key=lambda m: (full[m] == 0, full[m], m))


def _complementary(
    full: npt.NDArray[np.int64],
    hidden: npt.NDArray[np.bool_],
    threshold: int,
    relations: list[list[tuple[int, int]]],
) -> npt.NDArray[np.bool_]:
    if not relations:
        return hidden
    changed = True
    while changed:
        changed = False
        for members in relations:
            hid = [m for m in members if hidden[m]]
            # with its total shown, a relation publishes the sum of its hidden cells
            readable = 0 if hidden[members[-1]] else sum(int(full[m]) for m in hid)
            if len(hid) == 1 or 0 < readable < threshold:
                pick = _pick(full, hidden, members)
                if pick is not None:
                    hidden[pick] = True
                    changed = True
        if not changed:
            exposed = _recoverable(hidden, relations)
            for cell in exposed:
                for members in relations:
                    if cell in members:
                        pick = _pick(full, hidden, members)
                        if pick is not None:
                            hidden[pick] = True
                            changed = True
                            break
                if changed:
                    break
    return hidden


def _recoverable(
    hidden: npt.NDArray[np.bool_], relations: list[list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """Hidden cells whose value the relations pin down exactly."""
    cells = [tuple(int(i) for i in c) for c in np.argwhere(hidden)]
    if not cells:
        return []
    pos = {c: i for i, c in enumerate(cells)}
    rows = []
    for members in relations:
        row = np.zeros(len(cells))
        for m in members[:-1]:
            if m in pos:
                row[pos[m]] = 1.0
        if members[-1] in pos:  # cells - total = 0
            row[pos[members[-1]]] = -1.0
        if row.any():
            rows.append(row)
    if not rows:
        return []
    a = np.array(rows)
    # e_i lies in the row space of A exactly when its projection on that space is e_i itself,
    # i.e. when the squares of column i of an orthonormal basis of the row space sum to 1: one
    # thin SVD gives the basis, instead of a rank test per cell
    _, sv, vt = np.linalg.svd(a, full_matrices=False)
    tol = (sv.max() if sv.size else 0.0) * max(a.shape) * np.finfo(float).eps
    basis = vt[: int((sv > tol).sum())]
    pinned = np.abs((basis**2).sum(axis=0) - 1.0) < 1e-9
    return [(c[0], c[1]) for c, i in pos.items() if pinned[i]]


@positional_deprecated("start", "end")
@needs_network
def published_network(
    net: ExchangeNetwork,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    threshold: int = SMALL_CELL_THRESHOLD,
    table: SuppressedTable | None = None,
) -> ExchangeNetwork:
    """The network that published outputs are computed from: hidden client counts made alike.

    Parameters
    ----------
    net : ExchangeNetwork
    start, end : date or 'YYYY-MM-DD', optional
        The reporting window of the client-count table whose hidden cells are protected.
    threshold : int
        The small-cell threshold (default 11).
    table : SuppressedTable, optional
        ``client_count_table(net, start, end, threshold=threshold)``, when already made.

    Returns
    -------
    ExchangeNetwork
        Equal to ``net`` except for the weights of exchanges of the people-count kinds
        (:data:`~selfhelp_exchange.people.PERSON_COUNT_KINDS`): such a weight is replaced by
        ``threshold - 1`` when it is from 0 (exclusive) to ``threshold`` (exclusive), or when
        its agency-group pair's client count is hidden in
        :func:`~selfhelp_exchange.people.client_count_table` (below the threshold, or hidden to
        protect one). Every other weight, record and attribute is kept.

    Raises
    ------
    PrivacyError
        If ``threshold`` is not a whole number >= 1.

    Notes
    -----
    Any index with an intensity term (a sum of weights) would otherwise publish a hidden count:
    with ALI's W / (W + 4), an intensity score of 0.6667 means W = 8. Computing every index of
    a published output from this network makes each hidden count enter as
    ``threshold - 1`` (10 by default, "fewer than 11"), whatever its true value from 1 to
    ``threshold - 1``, and whatever the index formula. Counts hidden only to protect another
    (complementary suppression) are replaced too: were their index exact, the small count
    would follow from a shown total by subtraction. The fixed value is this library's
    convention; it is the largest value a small count can take, so a published score never
    falls when a small count grows past the threshold. A single people-count exchange weight
    below the threshold is replaced even inside a shown pair, so period-by-period figures show
    no small count either. Counts themselves (the client-count table) are never computed from
    this network: they come from ``net`` and are suppressed.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Riverside Counselling")],
    ...     groups=[shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help"),
    ...             shx.SelfHelpGroup("G2", "SMART", "mutual_help")],
    ...     exchanges=[shx.Exchange(("A1", shx.Role.PRACTITIONERS), "G1", "referral", weight=8),
    ...                shx.Exchange(("A1", shx.Role.PRACTITIONERS), "G2", "referral", weight=40),
    ...                shx.Exchange("A1", "G2", "information", weight=3)],
    ... )
    >>> published_network(net).arrays.weight.tolist()
    [10.0, 10.0, 3.0]
    """
    from selfhelp_exchange.network import NODE_TYPE_CODES
    from selfhelp_exchange.network import ExchangeNetwork as _Network
    from selfhelp_exchange.people import PERSON_COUNT_KINDS, client_count_table
    from selfhelp_exchange.vocabulary import NodeType

    if table is None:
        table = client_count_table(net, start=start, end=end, threshold=threshold)
    x = net.arrays
    people = np.isin(x.kind, [k.code for k in PERSON_COUNT_KINDS])
    replace = people & (x.weight > 0) & (x.weight < threshold)
    n_a, n_g = net.n_agencies, net.n_groups
    hidden_inner = table.hidden.to_numpy(dtype=bool)[:n_a]
    groups = [c for c in table.counts.columns if c != "Total"]
    hidden_pairs = np.zeros((n_a, n_g), dtype=bool)
    if groups and n_a:
        cols = np.array([net.index(g) - n_a for g in groups], dtype=np.int64)
        hidden_pairs[:, cols] = hidden_inner[:, : len(groups)]
    agency, group = NODE_TYPE_CODES[NodeType.AGENCY], NODE_TYPE_CODES[NodeType.GROUP]
    t_src, t_tgt = net.node_type[x.source], net.node_type[x.target]
    outward = (t_src == agency) & (t_tgt == group)
    inward = (t_src == group) & (t_tgt == agency)
    pair = outward | inward
    a = np.where(outward, x.source, x.target)[pair].astype(np.int64)
    g = np.where(outward, x.target, x.source)[pair].astype(np.int64) - n_a
    in_hidden = np.zeros(len(x.weight), dtype=bool)
    in_hidden[pair] = hidden_pairs[a, g]
    replace |= people & (x.weight > 0) & in_hidden
    if threshold <= 1 or not replace.any():
        return net
    weight = x.weight.astype(np.float64, copy=True)
    weight[replace] = float(threshold - 1)
    out = _Network.from_arrays(
        agencies=list(net.agencies),
        groups=list(net.groups),
        actors=list(net.actors),
        initiatives=list(net.initiatives),
        source=x.source,
        target=x.target,
        kind=x.kind,
        weight=weight,
        start=x.start,
        end=x.end,
        source_role=x.source_role,
        target_role=x.target_role,
        attributes=net.exchange_attributes,
    )
    return out
