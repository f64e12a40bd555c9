"""Adaptational linkage of a partitioned dataset on a Dask LocalCluster, in bounded memory.

Not a harness case: the dataset is larger than the harness holds in memory. The script writes
a synthetic community (``shx.generate.community``) as a partitioned Parquet dataset with
``shx.scale.write_dataset`` (in a child process, so its memory is gone before the timing),
copies its exchange files ``--copies`` times (each exchange then appears that many times:
50,000,000 exchanges from a 5,000,000-exchange community with the default ten), and times
``shx.scale.dyad_statistics`` on a LocalCluster (one pass over the exchanges), sampling the
resident memory of the client and every worker process every 50 ms, then the per-dyad
``shx.scale.adaptational_linkage`` and the per-agency ``shx.scale.adaptational_summary`` from
those statistics. Check: every dyad's exchange count and weight sum is ``copies`` times the
in-memory one, and every other column equals it; every agency's linked groups, subunit and
choice coverage and active route equal the in-memory ones, its intensity ``copies`` times.

Usage: python benchmarks/bench_scale.py [--agencies 30000 --groups 200000 --exchanges 5000000]
[--copies 10] [--workers 2] [--rows-per-file 1000000] [--dir DIR]
(from the repository root, with the package installed or PYTHONPATH=src).
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import psutil

import selfhelp_exchange as shx

WINDOW = ("2024-07-01", "2025-06-30")


def _write(args: argparse.Namespace) -> None:
    net = shx.generate.community(args.agencies, args.groups, n_exchanges=args.exchanges, seed=2026)
    t0 = time.perf_counter()
    shx.scale.write_dataset(net, args.dir, rows_per_file=args.rows_per_file)
    print(f"wrote {net!r} as a dataset in {time.perf_counter() - t0:.1f} s", flush=True)
    expected = shx.adaptational_linkage(net, start=WINDOW[0], end=WINDOW[1])
    expected.to_parquet(Path(args.dir) / "expected.parquet")
    summary = shx.adaptational_summary(net, start=WINDOW[0], end=WINDOW[1])
    summary.to_parquet(Path(args.dir) / "expected-summary.parquet")


def _tree_rss(procs: list[psutil.Process]) -> int:
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):  # a worker that just ended
            total += p.memory_info().rss
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--agencies", type=int, default=30_000)
    ap.add_argument("--groups", type=int, default=200_000)
    ap.add_argument("--exchanges", type=int, default=5_000_000)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--memory-limit", default="3GiB", help="per worker (Dask pauses above it)")
    ap.add_argument("--rows-per-file", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path, default=None)
    ap.add_argument("--write-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.write_only:
        _write(args)
        return
    from dask.distributed import Client, LocalCluster

    own = args.dir is None
    args.dir = args.dir or Path(tempfile.mkdtemp(prefix="shx-scale-"))
    try:
        child = [sys.executable, __file__, "--write-only", "--dir", str(args.dir)]
        for name in ("agencies", "groups", "exchanges", "rows_per_file"):
            child += [f"--{name.replace('_', '-')}", str(getattr(args, name))]
        subprocess.run(child, check=True)
        parts = sorted((args.dir / "exchanges").glob("*.parquet"))
        for k in range(1, args.copies):
            for p in parts:
                shutil.copy(p, p.with_name(f"{p.stem}-copy{k}.parquet"))
        files = list((args.dir / "exchanges").glob("*.parquet"))
        size = sum(f.stat().st_size for f in files)
        n = args.exchanges * args.copies
        print(f"dataset: {n:,} exchanges in {len(files)} files, {size / 2**20:.0f} MiB on disk")
        with (
            LocalCluster(
                n_workers=args.workers,
                threads_per_worker=1,
                processes=True,
                memory_limit=args.memory_limit,
            ) as cluster,
            Client(cluster) as client,
        ):
            me = psutil.Process()
            procs = [me, *me.children(recursive=True)]
            base = _tree_rss(procs)
            peak = base
            done = threading.Event()

            def sample() -> None:
                nonlocal peak
                while not done.is_set():
                    peak = max(peak, _tree_rss(procs))
                    time.sleep(0.05)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            t0 = time.perf_counter()
            stats = shx.scale.dyad_statistics(
                args.dir, start=WINDOW[0], end=WINDOW[1], executor=client
            )
            wall = time.perf_counter() - t0
            peak_stats = peak
            t1 = time.perf_counter()
            got = shx.scale.adaptational_linkage(stats)
            summary = shx.scale.adaptational_summary(stats)
            frames = time.perf_counter() - t1
            done.set()
            sampler.join()
        import pandas as pd

        expected = pd.read_parquet(args.dir / "expected.parquet")
        for col in expected.columns:
            if col in ("n_exchanges", "intensity", "weighted_intensity", "outward", "inward"):
                assert np.allclose(got[col], expected[col] * args.copies), col
            elif col not in (
                "reciprocity",
                "intensity_score",
                "index",
            ):  # saturating: not x copies
                assert (got[col].to_numpy() == expected[col].to_numpy()).all(), col
        want = pd.read_parquet(args.dir / "expected-summary.parquet")
        assert np.allclose(summary["intensity_total"], want["intensity_total"] * args.copies)
        for col in ("agency_id", "groups_linked", "subunit_coverage", "choice_coverage"):
            assert (summary[col].to_numpy() == want[col].to_numpy()).all(), col
        assert (summary["active_route"].to_numpy() == want["active_route"].to_numpy()).all()
        raw = n * 35
        print(
            f"{n:,} exchanges, {len(got):,} dyads, {len(summary):,} agencies: statistics "
            f"{wall:.1f} s wall on {args.workers} workers (peak resident memory until then "
            f"{peak_stats / 2**20:.0f} MiB), then both frames {frames:.1f} s; "
            f"peak resident memory of client + workers {peak / 2**20:.0f} MiB "
            f"({(peak - base) / 2**20:.0f} MiB above the idle cluster's {base / 2**20:.0f} MiB); "
            f"the raw exchange arrays would take {raw / 2**20:.0f} MiB. Check passed."
        )
    finally:
        if own:
            shutil.rmtree(args.dir, ignore_errors=True)


if __name__ == "__main__":
    main()
