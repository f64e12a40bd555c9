"""Beyond one machine: linkage from a partitioned Parquet dataset, one partition per task.

A dataset is a folder holding ``nodes.parquet`` (the records: every agency, group, actor and
initiative, no exchanges; written by :func:`~selfhelp_exchange.write_parquet`) and one or more
``exchanges/*.parquet`` files with the exchange columns of that layout (one file per year of
the exchanges' start, split further to at most ``rows_per_file`` rows). Other programs (Spark,
DuckDB, a database export) can write the exchange files as long as they keep the columns.

:func:`adaptational_linkage` reads each partition in its own task (on a Dask cluster through
``executor=client.get_executor()``, or any :class:`concurrent.futures.Executor`), reduces it
to per-dyad sufficient statistics (exchange count, weight sum, subunits touched, kinds present,
flows each way: all sums or ORs, so partitions combine in any order) and merges them as they
arrive. Memory is one partition per worker plus the per-dyad table, never all the exchanges.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.exceptions import ArgumentError, DataFileError, Problem
from selfhelp_exchange.metrics._common import as_weights, flags_to_names, group_keys
from selfhelp_exchange.metrics._dyads import N_KINDS, N_ROLES, adaptational_dyads
from selfhelp_exchange.network import ExchangeArrays, ExchangeNetwork
from selfhelp_exchange.record_fields import window_bounds
from selfhelp_exchange.simulate.ensemble import ExecutorLike

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DyadStatistics",
    "adaptational_linkage",
    "adaptational_summary",
    "dyad_statistics",
    "write_dataset",
]

NODES = "nodes.parquet"
#: The node ids alone (a column ``id`` and its ``node_type`` code), so that the tasks can be
#: planned without building every record of ``nodes.parquet`` (seconds and hundreds of MB at
#: national scale); datasets written before it existed are read through ``nodes.parquet``.
NODE_IDS = "node_ids.parquet"
EXCHANGES = "exchanges"


@needs_network
def write_dataset(
    net: ExchangeNetwork, folder: str | os.PathLike[str], *, rows_per_file: int = 1_000_000
) -> list[Path]:
    """Write the network as a partitioned dataset: the records once, the exchanges by year.

    Parameters
    ----------
    net : ExchangeNetwork
    folder : str or path-like
        Created if needed; ``nodes.parquet`` (the records), ``node_ids.parquet`` (their ids
        alone) and ``exchanges/<year>-<k>.parquet`` (``undated`` for exchanges without a start)
        are written in it, replacing earlier ones.
    rows_per_file : int
        At most this many exchanges per file (this library's convention: 1,000,000 exchanges
        take about 35 MB in memory, a comfortable unit of work for one task).

    Returns
    -------
    list of Path
        The exchange files written.

    Examples
    --------
    >>> import tempfile, selfhelp_exchange as shx
    >>> folder = tempfile.mkdtemp()
    >>> files = shx.scale.write_dataset(shx.load_example("riverside"), folder)
    >>> sorted(p.name for p in files)[:2]
    ['2024-0.parquet', '2025-0.parquet']
    """
    from selfhelp_exchange.io.parquet import write_file

    count: object = rows_per_file
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        msg = f"rows_per_file must be a whole number >= 1 (got {rows_per_file!r})"
        raise ArgumentError(msg)
    root = Path(folder)
    parts = root / EXCHANGES
    parts.mkdir(parents=True, exist_ok=True)
    for old in parts.glob("*.parquet"):
        old.unlink()
    write_file(net.select(np.zeros(net.n_exchanges, dtype=bool)), root / NODES)
    _write_node_ids(net, root / NODE_IDS)
    start = net.arrays.start
    year = np.where(np.isnat(start), -1, start.astype("datetime64[Y]").astype(np.int64) + 1970)
    written = []
    for y in np.unique(year).tolist():
        rows = np.flatnonzero(year == y)
        for k, at in enumerate(range(0, len(rows), rows_per_file)):
            mask = np.zeros(net.n_exchanges, dtype=bool)
            mask[rows[at : at + rows_per_file]] = True
            path = parts / f"{'undated' if y < 0 else y}-{k}.parquet"
            write_file(net.select(mask), path, records=False)  # the records are in NODES
            written.append(path)
    return written


@attrs.frozen(eq=False)
class Partial:
    """Per-dyad sufficient statistics of some exchanges: sums and ORs, merged in any order.

    Attributes
    ----------
    keys : ndarray of int64
        Sorted dyad keys ``agency * n_groups + group``.
    n_exchanges : ndarray of int64
    intensity : ndarray of float64
        Sum of the weights.
    role_touched : ndarray of bool, shape (n, 3)
    kind_present : ndarray of bool, shape (n, N_KINDS)
    out_kind_weight, in_kind_weight : ndarray of float64, shape (n, N_KINDS)
        Summed exchange weights per kind from the agency side to the group and back (the kind
        weights of the index apply after merging).
    outward_any, inward_any : ndarray of bool
    """

    keys: npt.NDArray[np.int64]
    n_exchanges: npt.NDArray[np.int64]
    intensity: npt.NDArray[np.float64]
    role_touched: npt.NDArray[np.bool_]
    kind_present: npt.NDArray[np.bool_]
    out_kind_weight: npt.NDArray[np.float64]
    in_kind_weight: npt.NDArray[np.float64]
    outward_any: npt.NDArray[np.bool_]
    inward_any: npt.NDArray[np.bool_]

    def merge(self, other: Partial, size: int) -> Partial:
        """The statistics of both sets of exchanges (``size``: the number of possible keys)."""
        keys, at = group_keys(np.concatenate([self.keys, other.keys]), size)
        n = len(keys)

        def add(a: npt.NDArray[Any], b: npt.NDArray[Any]) -> npt.NDArray[Any]:
            return np.bincount(at, weights=np.concatenate([a, b]), minlength=n)

        def add_rows(a: npt.NDArray[Any], b: npt.NDArray[Any]) -> npt.NDArray[Any]:
            out = np.zeros((n, *a.shape[1:]), dtype=np.float64)
            np.add.at(out, at, np.concatenate([a, b]))
            return out

        def either(a: npt.NDArray[np.bool_], b: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
            out = np.zeros((n, *a.shape[1:]), dtype=bool)
            np.logical_or.at(out, at, np.concatenate([a, b]))
            return out

        return Partial(
            keys=keys,
            n_exchanges=add(self.n_exchanges, other.n_exchanges).astype(np.int64),
            intensity=add(self.intensity, other.intensity),
            role_touched=either(self.role_touched, other.role_touched),
            kind_present=either(self.kind_present, other.kind_present),
            out_kind_weight=add_rows(self.out_kind_weight, other.out_kind_weight),
            in_kind_weight=add_rows(self.in_kind_weight, other.in_kind_weight),
            outward_any=either(self.outward_any, other.outward_any),
            inward_any=either(self.inward_any, other.inward_any),
        )


@attrs.frozen
class _Nodes:
    """What a partition's task needs of the network: the node ids and how many of each type."""

    node_ids: list[str]
    n_agencies: int
    n_groups: int


@attrs.frozen
class _PartitionView:
    """The attributes of a network that :func:`adaptational_dyads` reads."""

    arrays: ExchangeArrays
    n_agencies: int
    n_groups: int


def partition_statistics(
    path: str | os.PathLike[str],
    nodes: _Nodes,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> Partial:
    """The per-dyad statistics of one exchange file (the task each worker runs)."""
    arrays = _read_partition(Path(path), nodes)
    view = _PartitionView(arrays, nodes.n_agencies, nodes.n_groups)
    d = adaptational_dyads(cast("ExchangeNetwork", view), start, end)
    cell = d.dyad * N_KINDS + d.kind
    size = d.n_dyads * N_KINDS
    out_kind = np.bincount(cell[d.outward], d.weight[d.outward], minlength=size)
    in_kind = np.bincount(cell[~d.outward], d.weight[~d.outward], minlength=size)
    return Partial(
        keys=d.keys,
        n_exchanges=d.n_exchanges,
        intensity=d.intensity,
        role_touched=d.role_touched,
        kind_present=d.kind_present,
        out_kind_weight=out_kind.reshape(d.n_dyads, N_KINDS).astype(np.float64),
        in_kind_weight=in_kind.reshape(d.n_dyads, N_KINDS).astype(np.float64),
        outward_any=d.outward_any,
        inward_any=d.inward_any,
    )


def _read_partition(path: Path, nodes: _Nodes) -> ExchangeArrays:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from selfhelp_exchange.io import parquet as pqio

    file = str(path)
    problems: list[Problem] = []
    try:
        pf = pq.ParquetFile(path, page_checksum_verification=True)
        pqio._check_schema(pf.schema_arrow, file)
        table = pf.read(columns=list(pqio._COLUMNS))
    except (OSError, UnicodeDecodeError, pa.ArrowException) as exc:
        msg = f"not a Parquet file, or a damaged one ({exc})"
        raise DataFileError([Problem(msg, file=file)]) from None
    ids = pa.array(nodes.node_ids, type=pa.string())
    cols = pqio.exchange_columns(table.column, ids, file, problems)
    w, lo, hi = cols["weight"], cols["start"], cols["end"]
    bad_weight = ~(np.isfinite(w) & (w >= 0))
    backwards = ~np.isnat(lo) & ~np.isnat(hi) & (hi < lo)
    for what, bad in (
        ("a finite number >= 0 is required", bad_weight),
        ("the end is before the start", backwards),
    ):
        problems.extend(
            Problem(f"{what}", exchange=int(i), file=file, sheet="exchanges")
            for i in np.flatnonzero(bad)[:10]
        )
    if problems:
        raise DataFileError(problems)
    # ids, kinds and roles are known (checked above), weights and dates valid: the
    # network-level checks that need the records (subunits of agencies only) were made
    # when the dataset was written
    return ExchangeArrays(**cols)


def _read_records(root: Path) -> ExchangeNetwork:
    from selfhelp_exchange.io.parquet import read_parquet

    path = root / NODES
    if not path.is_file():
        msg = f"no {NODES} here: a dataset is a folder written by shx.scale.write_dataset"
        raise DataFileError([Problem(msg, file=str(root))])
    return read_parquet(path)


def _write_node_ids(net: ExchangeNetwork, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": pa.array(net.node_ids.tolist(), type=pa.string()),
            "node_type": pa.array(net.node_type, type=pa.int8()),
        }
    )
    pq.write_table(table, path, compression="zstd")


def _read_nodes(root: Path) -> _Nodes:
    path = root / NODE_IDS
    if not path.is_file():
        # a dataset written before node_ids.parquet: build the records to get the ids
        net = _read_records(root)
        return _Nodes(net.node_ids.tolist(), net.n_agencies, net.n_groups)
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path, columns=["id", "node_type"])
        ids = table.column("id").to_pylist()
        codes = table.column("node_type").to_numpy(zero_copy_only=False)
    except (OSError, KeyError, UnicodeDecodeError, pa.ArrowException) as exc:
        msg = f"not the node ids of a dataset, or a damaged file ({exc})"
        raise DataFileError([Problem(msg, file=str(path))]) from None
    # agencies, then groups, then actors: the order of the network's node ids
    if (
        any(not isinstance(i, str) for i in ids)
        or len(set(ids)) != len(ids)
        or not np.all(np.diff(codes.astype(np.int64)) >= 0)
        or not np.all((codes >= 0) & (codes <= 2))
    ):
        msg = "the node ids are not those shx.scale.write_dataset writes; write the dataset again"
        raise DataFileError([Problem(msg, file=str(path))])
    counts = np.bincount(codes.astype(np.int64), minlength=3)
    return _Nodes(ids, int(counts[0]), int(counts[1]))


def _map(
    executor: ExecutorLike | None, tasks: list[tuple[Any, ...]], max_pending: int
) -> Iterator[Partial]:
    if executor is None:
        for args in tasks:
            yield partition_statistics(*args)
        return
    ex = executor.get_executor() if not isinstance(executor, Executor) else executor
    todo = iter(tasks)
    pending: set[Future[Partial]] = set()
    while True:
        # at most max_pending tasks submitted and not yet merged: a finished task's result
        # lives (on its worker) until merged, so submitting all at once would hold them all
        for args in itertools.islice(todo, max_pending - len(pending)):
            pending.add(ex.submit(partition_statistics, *args))
        if not pending:
            return
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()
        del done


@attrs.frozen(eq=False, repr=False)
class DyadStatistics:
    """The per-dyad sufficient statistics of a dataset's adaptational exchanges in a window.

    What every adaptational measure starts from, merged over the partitions: per linked
    (agency, group) dyad the exchange count, the weight sum, the subunits touched, the kinds
    present and the flows each way. :func:`adaptational_linkage` and
    :func:`adaptational_summary` compute their frames from it, so one pass over the exchanges
    serves both (pass the statistics instead of the folder).

    Attributes
    ----------
    dataset : Path
        The dataset's folder.
    node_ids : ndarray of object
        Every node id, agencies first, then groups (then actors), as in the network.
    n_agencies, n_groups : int
    totals : Partial
        The merged per-dyad statistics.
    start, end : date or None
        The window they were computed for.
    n_partitions : int
        Exchange files read.

    Examples
    --------
    >>> import tempfile, selfhelp_exchange as shx
    >>> folder = tempfile.mkdtemp()
    >>> _ = shx.scale.write_dataset(shx.load_example("riverside"), folder)
    >>> stats = shx.scale.dyad_statistics(folder)
    >>> stats
    DyadStatistics(n_dyads=18, agencies_linked=4, n_exchanges=86, n_partitions=3, start=None, end=None)
    >>> stats.agency_frame()[["agency_id", "groups_linked"]].head(2)
      agency_id  groups_linked
    0     A-RMH              5
    1     A-HRT              3
    """

    dataset: Path
    node_ids: npt.NDArray[np.object_]
    n_agencies: int
    n_groups: int
    totals: Partial
    start: dt.date | None
    end: dt.date | None
    n_partitions: int
    _records: list[ExchangeNetwork] = attrs.field(factory=list, alias="_records")

    @property
    def nodes(self) -> ExchangeNetwork:
        """The dataset's records (no exchanges), read from ``nodes.parquet`` on first use."""
        if not self._records:
            self._records.append(_read_records(self.dataset))
        return self._records[0]

    @property
    def n_dyads(self) -> int:
        """Linked (agency, group) dyads."""
        return len(self.totals.keys)

    def _positions(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        n_groups = max(self.n_groups, 1)
        return self.totals.keys // n_groups, self.totals.keys % n_groups

    def __repr__(self) -> str:
        agency, _ = self._positions()
        return headline_repr(
            "DyadStatistics",
            {
                "n_dyads": self.n_dyads,
                "agencies_linked": len(np.unique(agency)),
                "n_exchanges": int(self.totals.n_exchanges.sum()),
                "n_partitions": self.n_partitions,
                "start": None if self.start is None else self.start.isoformat(),
                "end": None if self.end is None else self.end.isoformat(),
            },
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per linked dyad, in key order (agency, then group).

        Columns ``agency_id``, ``group_id``, ``n_exchanges``, ``intensity`` (the weight sum),
        ``subunits`` and ``kinds`` (``;``-separated), ``outward_any``, ``inward_any``.
        """
        import pandas as pd

        from selfhelp_exchange.metrics.adaptational import _ROLE_NAMES
        from selfhelp_exchange.network_arrays import _KINDS

        agency, group = self._positions()
        ids = self.node_ids
        t = self.totals
        return pd.DataFrame(
            {
                "agency_id": ids[agency],
                "group_id": ids[self.n_agencies + group],
                "n_exchanges": t.n_exchanges,
                "intensity": t.intensity,
                "subunits": flags_to_names(t.role_touched, _ROLE_NAMES),
                "kinds": flags_to_names(t.kind_present, [k.value for k in _KINDS]),
                "outward_any": t.outward_any,
                "inward_any": t.inward_any,
            }
        )

    def agency_frame(self) -> pd.DataFrame:
        """One row per agency (all of them, in network order): the per-agency sums and ORs.

        Columns ``agency_id``, ``groups_linked``, ``n_exchanges``, ``intensity_total``,
        ``subunits`` (touched in some dyad) and ``kinds`` (present in some dyad).
        """
        import pandas as pd

        from selfhelp_exchange.metrics.adaptational import _ROLE_NAMES
        from selfhelp_exchange.network_arrays import _KINDS

        agency, _ = self._positions()
        n = self.n_agencies
        t = self.totals

        def any_by(flags: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
            cols = [
                np.bincount(agency, weights=flags[:, j], minlength=n) > 0
                for j in range(flags.shape[1])
            ]
            return np.column_stack(cols) if cols else np.zeros((n, 0), dtype=bool)

        return pd.DataFrame(
            {
                "agency_id": self.node_ids[:n],
                "groups_linked": np.bincount(agency, minlength=n).astype(np.int64),
                "n_exchanges": np.bincount(agency, weights=t.n_exchanges, minlength=n).astype(
                    np.int64
                ),
                "intensity_total": np.bincount(agency, weights=t.intensity, minlength=n),
                "subunits": flags_to_names(any_by(t.role_touched), _ROLE_NAMES),
                "kinds": flags_to_names(any_by(t.kind_present), [k.value for k in _KINDS]),
            }
        )


def _check_pending(max_pending: object) -> None:
    if isinstance(max_pending, bool) or not isinstance(max_pending, int) or max_pending < 1:
        msg = f"max_pending must be a whole number >= 1 (got {max_pending!r})"
        raise ArgumentError(msg)


@positional_deprecated("start", "end")
def dyad_statistics(
    dataset: str | os.PathLike[str],
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    executor: ExecutorLike | None = None,
    max_pending: int = 8,
) -> DyadStatistics:
    """Read a partitioned dataset once into the per-dyad statistics of its adaptational exchanges.

    Parameters
    ----------
    dataset : str or path-like
        A folder written by :func:`write_dataset` (``nodes.parquet`` and ``exchanges/*.parquet``).
    start, end : date or ISO str, optional
        The window, as for :func:`selfhelp_exchange.adaptational_linkage`.
    executor : Executor or dask.distributed.Client, optional
        Where the partitions are read and reduced: any :class:`concurrent.futures.Executor`,
        or a Dask ``Client`` (``client.get_executor()`` is used). Default: in this process,
        one partition after another.
    max_pending : int
        At most this many partitions submitted and not yet merged (this library's convention:
        8, for a small cluster; about twice the cluster's worker threads keeps every thread
        busy). Memory grows with it: each holds its per-dyad statistics until merged.

    Returns
    -------
    DyadStatistics

    Raises
    ------
    DataFileError
        If the folder is not a dataset, or a partition is damaged or names an unknown node,
        kind or role (the message names the file).
    ArgumentError
        For a bad window or ``max_pending``.

    Notes
    -----
    Every component of the adaptational linkage index, and every per-agency quantity of the
    agency index, is a function of per-dyad sums (exchange count, weight sum, summed weight
    per kind each way) and ORs (subunits touched, kinds present, a flow each way), so the
    statistics of the partitions merge exactly, in any order.

    Examples
    --------
    >>> import tempfile, selfhelp_exchange as shx
    >>> folder = tempfile.mkdtemp()
    >>> _ = shx.scale.write_dataset(shx.load_example("riverside"), folder)
    >>> stats = shx.scale.dyad_statistics(folder, start="2024-07-01", end="2025-06-30")
    >>> stats.n_dyads, stats.n_partitions
    (18, 3)
    """
    lo, hi = window_bounds(start=start, end=end)  # a bad window fails here, not in every task
    _check_pending(max_pending)
    root = Path(dataset)
    nodes = _read_nodes(root)
    files = sorted((root / EXCHANGES).glob("*.parquet"))
    size = nodes.n_agencies * nodes.n_groups
    total: Partial | None = None
    tasks = [(f, nodes, lo, hi) for f in files]
    for part in _map(executor, tasks, max_pending):
        total = part if total is None else total.merge(part, max(size, 1))
    ids = np.array(nodes.node_ids, dtype=object)
    totals = _empty() if total is None else total
    return DyadStatistics(root, ids, nodes.n_agencies, nodes.n_groups, totals, lo, hi, len(files))


def _statistics(
    dataset: str | os.PathLike[str] | DyadStatistics,
    start: dt.date | str | None,
    end: dt.date | str | None,
    executor: ExecutorLike | None,
    max_pending: int,
) -> DyadStatistics:
    if not isinstance(dataset, DyadStatistics):
        return dyad_statistics(
            dataset, start=start, end=end, executor=executor, max_pending=max_pending
        )
    lo, hi = window_bounds(start=start, end=end)
    if (lo, hi) != (None, None) and (lo, hi) != (dataset.start, dataset.end):
        msg = (
            f"these statistics are of the window {dataset.start} to {dataset.end}; compute "
            "them again with dyad_statistics(folder, start=..., end=...) for another"
        )
        raise ArgumentError(msg)
    return dataset


def _components(stats: DyadStatistics, w: Any) -> dict[str, npt.NDArray[Any]]:
    from selfhelp_exchange.metrics import adaptational as ad

    t = stats.totals
    comp = ad.components_from_sums(
        w,
        kind_present=t.kind_present,
        out_kind_weight=t.out_kind_weight,
        in_kind_weight=t.in_kind_weight,
        outward_any=t.outward_any,
        inward_any=t.inward_any,
        n_exchanges=t.n_exchanges,
        intensity=t.intensity,
        kind_total=np.full(len(t.keys), w.kind_weight_array.sum(), dtype=np.float64),
    )
    return ad.finish_dyad_components(comp, t.role_touched, w)


@positional_deprecated("start", "end")
def adaptational_linkage(
    dataset: str | os.PathLike[str] | DyadStatistics,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: Mapping[str, float] | Any = None,
    executor: ExecutorLike | None = None,
    max_pending: int = 8,
) -> Any:
    """Adaptational linkage per dyad of a partitioned dataset, one partition per task.

    Parameters
    ----------
    dataset : str, path-like or DyadStatistics
        A folder written by :func:`write_dataset`, or its statistics from
        :func:`dyad_statistics` (then nothing is read again).
    start, end : date or ISO str, optional
        The window, as for :func:`selfhelp_exchange.adaptational_linkage` (given statistics:
        the window they were computed for, or none).
    weights : LinkageWeights or mapping, optional
        As for :func:`selfhelp_exchange.adaptational_linkage`.
    executor, max_pending
        As for :func:`dyad_statistics`.

    Returns
    -------
    pandas.DataFrame
        The same frame, row for row, as :func:`selfhelp_exchange.adaptational_linkage` of the
        whole network in memory.

    Raises
    ------
    DataFileError
        As :func:`dyad_statistics`.
    ArgumentError
        For a bad window or ``max_pending``, or statistics of another window.

    Examples
    --------
    >>> import tempfile, selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> folder = tempfile.mkdtemp()
    >>> _ = shx.scale.write_dataset(net, folder)
    >>> df = shx.scale.adaptational_linkage(folder, start="2024-07-01", end="2025-06-30")
    >>> df.equals(shx.adaptational_linkage(net, start="2024-07-01", end="2025-06-30"))
    True
    """
    from selfhelp_exchange.metrics import adaptational as ad

    w = as_weights(ad.LinkageWeights, weights)
    stats = _statistics(dataset, start, end, executor, max_pending)
    comp = _components(stats, w)
    agency, group = stats._positions()
    ids = stats.node_ids
    return ad._frame(
        ad.ADAPTATIONAL_COLUMNS,
        {
            "agency_id": ids[agency],
            "group_id": ids[stats.n_agencies + group],
            "n_exchanges": stats.totals.n_exchanges,
            "subunits": flags_to_names(stats.totals.role_touched, ad._ROLE_NAMES),
            **comp,
        },
    )


@attrs.frozen
class _DyadView:
    """The per-dyad arrays :func:`~selfhelp_exchange.metrics.agency_index.agency_statistics` reads."""

    dyad_agency: npt.NDArray[np.int64]
    dyad_group: npt.NDArray[np.int64]
    intensity: npt.NDArray[np.float64]
    role_touched: npt.NDArray[np.bool_]
    kind_present: npt.NDArray[np.bool_]


@positional_deprecated("start", "end")
def adaptational_summary(
    dataset: str | os.PathLike[str] | DyadStatistics,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: Mapping[str, float] | Any = None,
    agency_weights: Mapping[str, float] | Any = None,
    choices: Any = None,
    executor: ExecutorLike | None = None,
    max_pending: int = 8,
) -> Any:
    """Adaptational linkage per agency (breadth, depth, the agency index) of a partitioned dataset.

    Parameters
    ----------
    dataset : str, path-like or DyadStatistics
        As for :func:`adaptational_linkage`.
    start, end, weights, agency_weights, choices
        As for :func:`selfhelp_exchange.adaptational_summary`.
    executor, max_pending
        As for :func:`dyad_statistics`.

    Returns
    -------
    pandas.DataFrame
        The same frame, row for row, as :func:`selfhelp_exchange.adaptational_summary` of the
        whole network in memory: every per-agency quantity is a sum, an OR or an order
        statistic over the agency's dyads, read from the merged per-dyad statistics.

    Raises
    ------
    DataFileError, ArgumentError
        As :func:`adaptational_linkage`.

    Examples
    --------
    >>> import tempfile, selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> folder = tempfile.mkdtemp()
    >>> _ = shx.scale.write_dataset(net, folder)
    >>> stats = shx.scale.dyad_statistics(folder)
    >>> shx.scale.adaptational_summary(stats).equals(shx.adaptational_summary(net))
    True
    """
    from selfhelp_exchange.metrics import adaptational as ad
    from selfhelp_exchange.metrics import agency_index as ai

    w = as_weights(ad.LinkageWeights, weights)
    aw = as_weights(ai.AgencyWeights, agency_weights)
    stats = _statistics(dataset, start, end, executor, max_pending)
    agency, group = stats._positions()
    t = stats.totals
    view = _DyadView(agency, group, t.intensity, t.role_touched, t.kind_present)
    values = ai.agency_statistics(
        stats.nodes, cast("Any", view), w, aw, choices, comp=_components(stats, w)
    )
    return ad._frame(ai.SUMMARY_COLUMNS, values)


def _empty() -> Partial:
    return Partial(
        keys=np.zeros(0, dtype=np.int64),
        n_exchanges=np.zeros(0, dtype=np.int64),
        intensity=np.zeros(0),
        role_touched=np.zeros((0, N_ROLES), dtype=bool),
        kind_present=np.zeros((0, N_KINDS), dtype=bool),
        out_kind_weight=np.zeros((0, N_KINDS)),
        in_kind_weight=np.zeros((0, N_KINDS)),
        outward_any=np.zeros(0, dtype=bool),
        inward_any=np.zeros(0, dtype=bool),
    )
