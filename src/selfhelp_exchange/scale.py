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
from typing import Any, cast

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.metrics._common import _bounds, as_weights, flags_to_names, group_keys
from selfhelp_exchange.metrics._dyads import N_KINDS, N_ROLES, adaptational_dyads
from selfhelp_exchange.network import ExchangeArrays, ExchangeNetwork
from selfhelp_exchange.simulate.ensemble import ExecutorLike

__all__ = ["adaptational_linkage", "write_dataset"]

NODES = "nodes.parquet"
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
        Created if needed; ``nodes.parquet`` and ``exchanges/<year>-<k>.parquet`` (``undated``
        for exchanges without a start) are written in it, replacing earlier ones.
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
        raise DataFileError([Problem(msg)], header="the dataset cannot be written")
    root = Path(folder)
    parts = root / EXCHANGES
    parts.mkdir(parents=True, exist_ok=True)
    for old in parts.glob("*.parquet"):
        old.unlink()
    write_file(net.select(np.zeros(net.n_exchanges, dtype=bool)), root / NODES)
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
    except (OSError, pa.ArrowException) as exc:
        msg = f"not a Parquet file, or a damaged one ({exc})"
        raise DataFileError([Problem(msg, file=file)]) from None
    cols = pqio.exchange_columns(table, pa.array(nodes.node_ids, type=pa.string()), file, problems)
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


def _read_nodes(root: Path) -> _Nodes:
    from selfhelp_exchange.io.parquet import read_parquet

    path = root / NODES
    if not path.is_file():
        msg = f"no {NODES} here: a dataset is a folder written by shx.scale.write_dataset"
        raise DataFileError([Problem(msg, file=str(root))])
    net = read_parquet(path)
    return _Nodes(net.node_ids.tolist(), net.n_agencies, net.n_groups)


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


@positional_deprecated("start", "end")
def adaptational_linkage(
    dataset: str | os.PathLike[str],
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
    dataset : str or path-like
        A folder written by :func:`write_dataset` (``nodes.parquet`` and ``exchanges/*.parquet``).
    start, end : date or ISO str, optional
        The window, as for :func:`selfhelp_exchange.adaptational_linkage`.
    weights : LinkageWeights or mapping, optional
        As for :func:`selfhelp_exchange.adaptational_linkage`.
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
    pandas.DataFrame
        The same frame, row for row, as :func:`selfhelp_exchange.adaptational_linkage` of the
        whole network in memory.

    Raises
    ------
    DataFileError
        If the folder is not a dataset, or a partition is damaged or names an unknown node,
        kind or role (the message names the file).

    Notes
    -----
    Every component of the adaptational linkage index is a function of per-dyad sums (exchange
    count, weight sum) and ORs (subunits touched, kinds present, a flow each way), so the
    statistics of the partitions merge exactly, in any order.

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
    _bounds(start, end)  # a bad window fails here, not in every task
    root = Path(dataset)
    nodes = _read_nodes(root)
    files = sorted((root / EXCHANGES).glob("*.parquet"))
    size = nodes.n_agencies * nodes.n_groups
    total: Partial | None = None
    pending: object = max_pending
    if isinstance(pending, bool) or not isinstance(pending, int) or pending < 1:
        msg = f"max_pending must be a whole number >= 1 (got {max_pending!r})"
        raise DataFileError([Problem(msg)], header="the options are not valid")
    tasks = [(f, nodes, start, end) for f in files]
    for part in _map(executor, tasks, max_pending):
        total = part if total is None else total.merge(part, max(size, 1))
    if total is None:
        total = _empty()
    n_groups = max(nodes.n_groups, 1)
    dyad_agency = total.keys // n_groups
    dyad_group = total.keys % n_groups
    kappa = w.kind_weight_array
    comp = ad.components_from_sums(
        w,
        kind_present=total.kind_present,
        out_kind_weight=total.out_kind_weight,
        in_kind_weight=total.in_kind_weight,
        outward_any=total.outward_any,
        inward_any=total.inward_any,
        n_exchanges=total.n_exchanges,
        intensity=total.intensity,
        kind_total=np.full(len(total.keys), kappa.sum(), dtype=np.float64),
    )
    comp = ad.finish_dyad_components(comp, total.role_touched, w)
    ids = np.array(nodes.node_ids, dtype=object)
    agency_ids = ids[: nodes.n_agencies]
    group_ids = ids[nodes.n_agencies : nodes.n_agencies + nodes.n_groups]
    return ad._frame(
        ad.ADAPTATIONAL_COLUMNS,
        {
            "agency_id": agency_ids[dyad_agency],
            "group_id": group_ids[dyad_group],
            "n_exchanges": total.n_exchanges,
            "subunits": flags_to_names(total.role_touched, ad._ROLE_NAMES),
            **comp,
        },
    )


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
