"""Run the benchmark cases and print a table of times, peak memory and ratios.

Usage::

    python benchmarks/run.py                                  # --size small, every case
    python benchmarks/run.py --size full --repeat 1
    python benchmarks/run.py --agencies 3000 --groups 20000 --exchanges 500000 --cases build
    make bench BENCH_ARGS="--size full"

Each case is timed three ways on the same synthetic community (``selfhelp_exchange.generate``):
the library's fast path, a straightforward networkx implementation, and a single numpy pass
over the raw exchange arrays (the floor). Times are the best of ``--repeat`` runs (at least
three, or one when a run takes over 10 s; no more once the runs took 2 s), wall-clock or, with
``--clock cpu``, this process's CPU time.
Every case's fast path and floor run first, then the networkx implementations (whose graphs
take gigabytes at full size).
Peak memory is measured in a separate run of the fast path (``--memory``): with tracemalloc,
the most bytes allocated at once during the call beyond what was live before it; with rss, the
highest sampled resident set size beyond the size before the call. Above
``--nx-max-exchanges`` the networkx implementation is run on a smaller community of the same
proportions and its time extrapolated linearly per exchange; such figures are marked ``*``
and listed with the size they were measured at. Every case's check (fast == networkx numbers)
runs at the size the networkx implementation ran at.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import numpy as np
from harness import (
    SIZES,
    Case,
    Measurement,
    Size,
    Workload,
    best_time,
    discover,
    peak_memory,
)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--size", choices=sorted(SIZES), default="small", help="named size")
    p.add_argument("--agencies", type=int, help="agencies (overrides --size)")
    p.add_argument("--groups", type=int, help="groups (overrides --size)")
    p.add_argument("--exchanges", type=int, help="exchanges (overrides --size)")
    p.add_argument("--cases", help="comma-separated case names (default: all)")
    p.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is kept")
    p.add_argument(
        "--nx-max-exchanges",
        type=int,
        default=500_000,
        help="above this, networkx runs on a smaller community and is extrapolated",
    )
    p.add_argument(
        "--memory",
        choices=("tracemalloc", "rss", "none"),
        default="tracemalloc",
        help="how peak memory of the fast path is measured (see harness.peak_memory)",
    )
    p.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="wall-clock time, or this process's CPU time (steadier on a shared machine)",
    )
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    p.add_argument(
        "--profile",
        action="store_true",
        help="also profile one fast run of each case with pyinstrument and print where the "
        "time goes",
    )
    p.add_argument("--list", action="store_true", help="list the cases and exit")
    return p.parse_args(argv)


def _size(args: argparse.Namespace) -> Size:
    base = SIZES[args.size]
    return Size(
        args.agencies if args.agencies is not None else base.agencies,
        args.groups if args.groups is not None else base.groups,
        args.exchanges if args.exchanges is not None else base.exchanges,
    )


def measure_fast(
    case: Case,
    work: Workload,
    *,
    repeat: int,
    nx_work: Workload | None = None,
    memory: str = "tracemalloc",
    clock: str = "wall",
) -> Measurement:
    """Time the fast path and the floor of one case on ``work`` (and the fast path on
    ``nx_work`` too, where networkx will run there), and measure the fast path's peak memory."""
    state = case.setup(work)
    try:
        t_fast = best_time(case.fast, state, repeat, clock=clock)[0]
        t_floor = best_time(case.floor, state, repeat, clock=clock)[0] if case.floor else None
        peak = peak_memory(case.fast, state, memory) if memory != "none" else None
    finally:
        case.close(state)
    m = Measurement(
        case=case.name,
        n=case.size(work) if case.size else work.n_exchanges,
        fast=t_fast,
        floor=t_floor,
        peak=peak,
        raw=work.raw_nbytes,
    )
    if case.networkx is not None and nx_work is not None and case.scales_with_exchanges:
        small = case.setup(nx_work)
        try:
            m.fast_at_nx_n = best_time(case.fast, small, repeat, clock=clock)[0]
        finally:
            case.close(small)
    return m


def measure_networkx(
    case: Case,
    m: Measurement,
    work: Workload,
    *,
    repeat: int,
    nx_work: Workload | None = None,
    clock: str = "wall",
) -> None:
    """Time the networkx implementation (on ``nx_work`` when given and the case's cost grows
    with the exchanges, then extrapolated) and check it against the fast path there."""
    at = nx_work if nx_work is not None and case.scales_with_exchanges else work
    state = case.setup(at)
    nx_state = None
    try:
        fast_result = case.fast(state)  # untimed: the fast path's numbers, for the check
        if case.networkx is None:
            case.check(state, fast_result, None)
            m.checked_n = m.n
            return
        nx_state = case.networkx_state(at)
        t_nx, nx_result = best_time(case.networkx, nx_state, repeat, clock=clock)
        case.check(state, fast_result, nx_result)
    finally:
        case.close(state, nx_state)
    n_at = case.size(at) if case.size else at.n_exchanges
    m.checked_n = n_at
    if at is work:
        m.networkx = t_nx
        return
    m.nx_measured_n = n_at
    m.nx_measured = t_nx
    m.networkx = t_nx * m.n / max(n_at, 1)


def profile(case: Case, work: Workload) -> str:
    """pyinstrument's text report of one fast run of ``case`` on ``work``."""
    from pyinstrument import Profiler

    state = case.setup(work)
    try:
        with Profiler(interval=0.001) as prof:
            case.fast(state)
    finally:
        case.close(state)
    return prof.output_text(color=False, short_mode=True)


def _fmt_t(t: float | None) -> str:
    if t is None:
        return "-"
    if t >= 100:
        return f"{t:.0f} s"
    if t >= 1:
        return f"{t:.2f} s"
    if t >= 1e-3:
        return f"{t * 1e3:.1f} ms"
    return f"{t * 1e6:.0f} us"


def _fmt_b(b: int | None) -> str:
    if b is None:
        return "-"
    if abs(b) < 2**20:
        return f"{b / 2**10:.0f} KiB"
    return f"{b / 2**20:.1f} MiB"


def _fmt_r(r: float | None) -> str:
    return "-" if r is None else f"{r:.1f}x"


HEADER = (
    "case",
    "n",
    "fast",
    "networkx",
    "floor",
    "nx/fast",
    "fast/floor",
    "peak mem",
    "raw arrays",
    "peak/raw",
)


def rows(results: list[Measurement]) -> list[tuple[str, ...]]:
    out = []
    for m in results:
        star = "*" if m.nx_measured_n is not None else ""
        out.append(
            (
                m.case,
                f"{m.n:,}",
                _fmt_t(m.fast),
                _fmt_t(m.networkx) + star,
                _fmt_t(m.floor),
                _fmt_r(m.nx_ratio) + star,
                _fmt_r(m.floor_ratio),
                _fmt_b(m.peak),
                _fmt_b(m.raw),
                "-" if m.peak is None or not m.raw else f"{m.peak / m.raw:.2f}",
            )
        )
    return out


def table(results: list[Measurement], *, markdown: bool = False) -> str:
    body = rows(results)
    if markdown:
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += ["| " + " | ".join(r) + " |" for r in body]
    else:
        widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(HEADER)]
        fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
        lines = [fmt.format(*HEADER), fmt.format(*("-" * w for w in widths))]
        lines += [fmt.format(*r) for r in body]
    notes = [
        f"* {m.case}: networkx measured at n={m.nx_measured_n:,} in {_fmt_t(m.nx_measured)} "
        f"(fast path {_fmt_t(m.fast_at_nx_n)} there, ratio "
        f"{m.nx_measured / m.fast_at_nx_n:.1f}x) and extrapolated linearly to n={m.n:,}"
        for m in results
        if m.nx_measured_n is not None and m.nx_measured and m.fast_at_nx_n
    ]
    return "\n".join(lines + ([""] if notes else []) + notes)


def machine() -> str:
    import networkx

    import selfhelp_exchange

    mem = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        mem = f", {pages / 2**30:.1f} GiB RAM"
    except (ValueError, OSError, AttributeError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs{mem}{load}; Python "
        f"{platform.python_version()}, numpy {np.__version__}, networkx {networkx.__version__}, "
        f"selfhelp_exchange {selfhelp_exchange.__version__}"
    )


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    names = args.cases.split(",") if args.cases else None
    cases = discover(names=names)
    if args.list:
        for c in cases:
            print(f"{c.name:20s} {c.description}")
        return 0
    size = _size(args)
    print(f"machine: {machine()}")
    t0 = time.perf_counter()
    work = Workload(size, seed=args.seed)
    print(
        f"workload: {size.agencies:,} agencies, {size.groups:,} groups, "
        f"{work.n_exchanges:,} exchanges (generated in {_fmt_t(time.perf_counter() - t0)}); "
        f"raw exchange arrays {_fmt_b(work.raw_nbytes)}"
    )
    nx_work = None
    if size.exchanges > args.nx_max_exchanges:
        sub = size.scaled(args.nx_max_exchanges)
        nx_work = Workload(sub, seed=args.seed)
        print(
            f"networkx workload: {sub.agencies:,} agencies, {sub.groups:,} groups, "
            f"{nx_work.n_exchanges:,} exchanges (same proportions)"
        )
    print()
    # every fast path first, before any networkx graph exists: the graphs of a large
    # community take gigabytes, which would slow the fast paths' memory traffic
    results = []
    for case in cases:
        t = time.perf_counter()
        m = measure_fast(
            case, work, repeat=args.repeat, nx_work=nx_work, memory=args.memory, clock=args.clock
        )
        results.append(m)
        print(
            f"  {case.name}: fast path and floor in {_fmt_t(time.perf_counter() - t)}", flush=True
        )
        if args.profile:
            print(profile(case, work), flush=True)
    for case, m in zip(cases, results, strict=True):
        t = time.perf_counter()
        measure_networkx(case, m, work, repeat=args.repeat, nx_work=nx_work, clock=args.clock)
        print(
            f"  {case.name}: networkx and check in {_fmt_t(time.perf_counter() - t)}", flush=True
        )
    print()
    print(table(results, markdown=args.markdown))
    print(
        f"\nfast, networkx, floor: best {args.clock} time of the runs; peak mem: peak of one fast run "
        f"beyond what was in use before it ({args.memory}); raw arrays: the 8 exchange "
        "arrays the case starts from. All checks passed (fast == networkx numbers)."
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": machine(),
                    "size": vars(size),
                    "clock": args.clock,
                    "memory": args.memory,
                    "results": [vars(m) for m in results],
                },
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
