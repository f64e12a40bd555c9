"""The benchmark harness: cases, workloads, timing, peak memory, and the case registry.

A *case* is one computation done three ways on the same workload, in the same run:

- ``fast``: the library's own (vectorized) path;
- ``networkx``: a straightforward networkx implementation of the same numbers;
- ``floor``: a single numpy pass over the raw exchange arrays, a lower bound near the
  memory-bandwidth limit (or, for file round trips, a binary write and read of the raw arrays).

``check(state, fast_result, networkx_result)`` asserts that the two implementations give the
same numbers; the test suite runs every case's check at a tiny size.

Cases live in ``benchmarks/cases/*.py``; each module defines ``CASES``, a list of :class:`Case`.
:func:`discover` loads them all, so a new case is a new file and nothing else.
"""

from __future__ import annotations

import gc
import importlib.util
import math
import os
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

import selfhelp_exchange as shx
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.network import ExchangeNetwork

__all__ = [
    "CASE_DIR",
    "CLOCKS",
    "RAW_COLUMNS",
    "SIZES",
    "Case",
    "Measurement",
    "Size",
    "Workload",
    "assert_rows_match",
    "best_time",
    "binary_roundtrip",
    "discover",
    "initiative_pass",
    "nx_build",
    "peak_memory",
    "raw_arrays",
    "single_pass",
]

CASE_DIR = Path(__file__).resolve().parent / "cases"
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the networkx reference of the metrics is tests/nx_reference.py
    sys.path.insert(0, str(ROOT))
RAW_COLUMNS = ("source", "source_role", "target", "target_role", "kind", "weight", "start", "end")
KIND_NAMES = tuple(k.value for k in ExchangeKind)
ROLE_NAMES = (None, "board", "practitioners", "clients")  # role code + 1
NODE_TYPE_NAMES = ("agency", "group", "actor")


@dataclass(frozen=True)
class Size:
    """A workload size: agencies, groups and exchanges of a synthetic community."""

    agencies: int
    groups: int
    exchanges: int

    def scaled(self, exchanges: int) -> Size:
        """The same proportions at ``exchanges`` exchanges (at least one agency and group)."""
        f = exchanges / max(self.exchanges, 1)
        return Size(max(1, round(self.agencies * f)), max(1, round(self.groups * f)), exchanges)


#: Named sizes: ``small`` runs everything in well under a minute; ``full`` is the issue's
#: national scale (30,000 agencies, 200,000 groups, 5,000,000 exchanges).
SIZES = {
    "tiny": Size(20, 120, 1_000),
    "small": Size(300, 2_000, 50_000),
    "medium": Size(3_000, 20_000, 500_000),
    "full": Size(30_000, 200_000, 5_000_000),
}


class Workload:
    """A synthetic community and the views of it cases start from (built once, shared)."""

    def __init__(self, size: Size, seed: int = 2024) -> None:
        self.size = size
        self.seed = seed
        self.net: ExchangeNetwork = shx.generate.community(
            size.agencies, size.groups, n_exchanges=size.exchanges, seed=seed
        )

    @property
    def n_exchanges(self) -> int:
        return self.net.n_exchanges

    def raw(self) -> dict[str, np.ndarray]:
        """Fresh, writeable copies of the raw exchange arrays."""
        return raw_arrays(self.net)

    @cached_property
    def raw_nbytes(self) -> int:
        """Bytes of the raw exchange arrays."""
        return sum(getattr(self.net.arrays, c).nbytes for c in RAW_COLUMNS)

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The straightforward networkx graph of the network (see :func:`nx_build`)."""
        return nx_build(self.net.node_ids, self.net.node_type, self.raw())

    @cached_property
    def nx_view(self) -> nx.MultiDiGraph:
        """``net.to_networkx()``: every record field on the nodes, the derived joint-initiative
        arcs, and each exchange's theory and role on its edge (what ``tests/nx_reference.py``
        reads)."""
        return self.net.to_networkx()


def raw_arrays(net: ExchangeNetwork) -> dict[str, np.ndarray]:
    """Writeable copies of a network's exchange arrays, keyed as ``from_arrays`` takes them."""
    return {c: np.array(getattr(net.arrays, c)) for c in RAW_COLUMNS}


def nx_build(
    node_ids: np.ndarray, node_type: np.ndarray, raw: dict[str, np.ndarray]
) -> nx.MultiDiGraph:
    """A networkx MultiDiGraph from raw exchange arrays, written the straightforward way.

    Nodes carry ``node_type``; each exchange is an edge keyed by its position, with ``kind``,
    ``weight``, ``start``, ``end`` (``datetime.date`` or None), ``source_role`` and
    ``target_role`` (strings or None).
    """
    g = nx.MultiDiGraph()
    ids = node_ids.tolist()
    g.add_nodes_from(
        (i, {"node_type": NODE_TYPE_NAMES[t]})
        for i, t in zip(ids, node_type.tolist(), strict=True)
    )
    rows = zip(
        raw["source"].tolist(),
        raw["target"].tolist(),
        raw["kind"].tolist(),
        raw["weight"].tolist(),
        raw["start"].tolist(),
        raw["end"].tolist(),
        raw["source_role"].tolist(),
        raw["target_role"].tolist(),
        strict=True,
    )
    g.add_edges_from(
        (
            ids[s],
            ids[t],
            e,
            {
                "kind": KIND_NAMES[k],
                "weight": w,
                "start": d0,
                "end": d1,
                "source_role": ROLE_NAMES[sr + 1],
                "target_role": ROLE_NAMES[tr + 1],
            },
        )
        for e, (s, t, k, w, d0, d1, sr, tr) in enumerate(rows)
    )
    return g


def single_pass(raw: dict[str, np.ndarray], n_nodes: int) -> float:
    """One numpy pass over every raw exchange array: weighted degrees, kind and role counts and
    the date range. The floor for cases that read the exchanges once; returns a checksum."""
    out_w = np.bincount(raw["source"], weights=raw["weight"], minlength=n_nodes)
    in_n = np.bincount(raw["target"], minlength=n_nodes)
    kinds = np.bincount(raw["kind"], minlength=len(KIND_NAMES))
    roles = np.bincount(raw["source_role"] + 1, minlength=4) + np.bincount(
        raw["target_role"] + 1, minlength=4
    )
    span = raw["end"].max() - raw["start"].min() if len(raw["start"]) else 0
    return float(out_w.sum() + in_n.sum() + kinds.sum() + roles.sum()) + float(
        np.asarray(span).astype(np.int64)
    )


def initiative_pass(net: ExchangeNetwork) -> float:
    """One numpy pass over the initiative arrays (sponsors, audiences, dates): the floor for
    cases that read initiatives rather than exchanges; returns a checksum."""
    ia = net.initiative_arrays
    n_nodes = len(net.node_ids)
    sponsored = np.bincount(ia.sponsor_node, minlength=n_nodes)
    reached = np.bincount(ia.audience_node, minlength=n_nodes)
    dated = np.count_nonzero(~np.isnat(ia.date))
    return float(sponsored.sum() + reached.sum() + dated)


def binary_roundtrip(raw: dict[str, np.ndarray], folder: Path) -> int:
    """Write the raw arrays to ``folder`` with ``np.savez`` and read them back: the fastest file
    round trip, the floor of the file cases. Returns the bytes read."""
    path = folder / "raw.npz"
    np.savez(path, **raw)
    with np.load(path) as z:
        n = sum(z[c].nbytes for c in raw)
    path.unlink()
    return n


def assert_rows_match(
    frame: Any, reference: dict[Any, dict[str, Any]], key: list[str], *, tol: float = 1e-9
) -> None:
    """Assert that a result frame holds exactly the reference's rows, with equal values.

    ``reference`` maps a row key (a tuple of the ``key`` columns, or the one value) to
    ``{column: value}``; columns the frame lacks are skipped (the reference also gives some
    the library leaves out). Numbers agree within ``tol``, anything else exactly.
    """
    rows = {
        tuple(r[k] for k in key) if len(key) > 1 else r[key[0]]: r
        for r in frame.to_dict("records")
    }
    assert set(rows) == set(reference), "the rows differ"
    for k, values in reference.items():
        for col, want in values.items():
            if col not in rows[k]:
                continue
            got = rows[k][col]
            if isinstance(want, str | bool) or want is None:
                assert got == want, f"{k} {col}: {got!r} != {want!r}"
            else:
                assert math.isclose(float(got), float(want), rel_tol=tol, abs_tol=tol), (
                    f"{k} {col}: {got!r} != {want!r}"
                )


# ---------------------------------------------------------------------------- cases
@dataclass(frozen=True)
class Case:
    """One benchmark case. ``setup(workload)`` builds the state the three ways run on.

    Parameters
    ----------
    name : str
        Unique; selects the case with ``--cases``.
    setup : callable(Workload) -> state
        Untimed preparation for ``fast`` and ``floor`` (copies of raw arrays, a temporary
        folder).
    fast, networkx, floor : callable(state) -> result
        The timed computations. ``networkx`` or ``floor`` may be None when there is none.
        ``networkx`` gets the state of ``setup_networkx``.
    check : callable(state, fast_result, networkx_result) -> None
        Raises AssertionError unless both give the same numbers (``state`` from ``setup``).
    setup_networkx : callable(Workload) -> state, optional
        Untimed preparation for ``networkx`` (typically ``Workload.graph``); default
        ``setup``. Only called on the workload networkx runs on, so a full-size graph is never
        built when networkx runs on a smaller community.
    teardown : callable(state) -> None, optional
        Cleans up (temporary files); called on every state ``setup`` and ``setup_networkx``
        made.
    scales_with_exchanges : bool
        Whether the networkx implementation's cost grows with the number of exchanges. If so,
        above ``--nx-max-exchanges`` it is measured on a smaller community of the same
        proportions and its time extrapolated per exchange (labelled in the output).
    size : callable(Workload) -> int, optional
        What the ``n`` column shows (default: the number of exchanges).
    """

    name: str
    setup: Callable[[Workload], Any]
    fast: Callable[[Any], Any]
    networkx: Callable[[Any], Any] | None
    floor: Callable[[Any], Any] | None
    check: Callable[[Any, Any, Any], None]
    description: str = ""
    setup_networkx: Callable[[Workload], Any] | None = None
    teardown: Callable[[Any], None] | None = None
    scales_with_exchanges: bool = True
    size: Callable[[Workload], int] | None = None

    def networkx_state(self, work: Workload) -> Any:
        """The state ``networkx`` runs on."""
        return (self.setup_networkx or self.setup)(work)

    def close(self, *states: Any) -> None:
        """Tear down every state given (None skipped)."""
        if self.teardown is not None:
            for st in states:
                if st is not None:
                    self.teardown(st)


def discover(case_dir: Path = CASE_DIR, names: Iterable[str] | None = None) -> list[Case]:
    """Load ``CASES`` from every ``case_dir/*.py`` (files starting with ``_`` skipped).

    ``names`` selects cases by name (an unknown name is an error). Cases run in file order,
    then in their order within the file.
    """
    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:  # case modules import this module as ``harness``
        sys.path.insert(0, here)
    cases: list[Case] = []
    for path in sorted(case_dir.glob("*.py")):
        if path.name.startswith("_"):
            continue
        mod_name = f"shx_bench_case_{path.stem}"
        spec = importlib.util.spec_from_file_location(mod_name, path)
        if spec is None or spec.loader is None:
            msg = f"cannot load benchmark case file {path}"
            raise ImportError(msg)
        module = importlib.util.module_from_spec(spec)
        sys.modules[mod_name] = module
        spec.loader.exec_module(module)
        cases.extend(getattr(module, "CASES", []))
    seen: set[str] = set()
    for c in cases:
        if c.name in seen:
            msg = f"two benchmark cases are named {c.name!r}"
            raise ValueError(msg)
        seen.add(c.name)
    if names is not None:
        wanted = list(names)
        unknown = sorted(set(wanted) - seen)
        if unknown:
            msg = f"unknown case(s) {unknown} (valid: {sorted(seen)})"
            raise ValueError(msg)
        cases = [c for c in cases if c.name in wanted]
    return cases


# ---------------------------------------------------------------------------- measuring
CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}


def best_time(
    fn: Callable[[Any], Any],
    state: Any,
    repeat: int,
    *,
    budget: float = 2.0,
    slow: float = 10.0,
    clock: str = "wall",
) -> tuple[float, Any]:
    """The best time of up to ``repeat`` calls, and the first call's result.

    ``clock="wall"`` times with :func:`time.perf_counter`; ``clock="cpu"`` with
    :func:`time.process_time` (this process's CPU time, which other processes competing for
    the cores inflate much less). After three calls (or one that took over ``slow`` seconds,
    e.g. a networkx baseline), stops repeating once the calls so far took ``budget`` seconds.
    The first call of a big computation is often the slowest (the operating system maps fresh
    memory in), which the best of several calls leaves out. Each call runs with the objects
    alive before it frozen out of the garbage collector's reach (:func:`_frozen_heap`).
    """
    now = CLOCKS[clock]
    best = float("inf")
    result: Any = None
    spent = 0.0
    min_calls = min(repeat, 3)
    for i in range(max(repeat, 1)):
        with _frozen_heap():
            t0 = now()
            r = fn(state)
            dt = now() - t0
        if i == 0:
            result = r
            if dt > slow:
                min_calls = 1
        del r
        best = min(best, dt)
        spent += dt
        if i + 1 >= min_calls and spent >= budget:
            break
    return best, result


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Collect garbage, then keep the objects alive now out of the collector's reach.

    The runner keeps big networkx graphs alive between cases (millions of objects); without
    this, a full collection triggered inside a timed call would traverse them, charging the
    call with work that belongs to the graphs. Objects the call itself makes are collected as
    usual.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def peak_memory(fn: Callable[[Any], Any], state: Any, method: str = "tracemalloc") -> int:
    """Peak bytes in use during one call, beyond what was in use before it.

    ``method="tracemalloc"``: the most bytes allocated at once, as tracemalloc sees them
    (Python objects and numpy's array buffers; precise, but slows code that makes millions of
    Python objects several-fold). ``method="rss"``: the highest resident set size sampled
    every millisecond by a thread, minus the resident size before the call (no slowdown; page
    granularity, and the allocator may reuse memory freed earlier without it showing).
    """
    if method == "tracemalloc":
        with _frozen_heap():
            tracemalloc.start()
            try:
                base = tracemalloc.get_traced_memory()[0]
                tracemalloc.reset_peak()
                r = fn(state)
                peak = tracemalloc.get_traced_memory()[1] - base
                del r
            finally:
                tracemalloc.stop()
        return peak
    if method == "rss":
        gc.collect()
        base = _rss()
        top = [base]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.001):
                top[0] = max(top[0], _rss())

        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
        try:
            r = fn(state)
            top[0] = max(top[0], _rss())
            del r
        finally:
            done.set()
            thread.join()
        return top[0] - base
    msg = f"method must be 'tracemalloc' or 'rss' (got {method!r})"
    raise ValueError(msg)


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _rss() -> int:
    """Resident set size in bytes (Linux /proc; falls back to the peak from getrusage)."""
    try:
        with open("/proc/self/statm", "rb") as f:  # noqa: PTH123  # hot path, no Path object
            return int(f.read().split()[1]) * _PAGE
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@dataclass
class Measurement:
    """The figures of one case at one size."""

    case: str
    n: int
    fast: float
    networkx: float | None = None
    floor: float | None = None
    peak: int | None = None
    raw: int = 0
    nx_measured_n: int | None = None  # set when networkx ran on a smaller community
    nx_measured: float | None = None
    fast_at_nx_n: float | None = None
    checked_n: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def nx_ratio(self) -> float | None:
        return None if self.networkx is None else self.networkx / self.fast

    @property
    def floor_ratio(self) -> float | None:
        return None if self.floor is None or self.floor == 0 else self.fast / self.floor
