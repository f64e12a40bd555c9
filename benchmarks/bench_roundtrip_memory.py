"""Peak memory of one file round trip in a fresh process (the runner's second call hides it).

The runner (``run.py --memory rss``) measures a case's memory in a second call, in the process
its timed calls ran in: memory the allocators kept from those calls is reused without raising
the resident size. This script measures one ``write`` + ``read`` in a process that has done
nothing else but build the network, three ways: the resident size (sampled every 10 ms), the
live Python objects (tracemalloc, numpy's arrays included, in a second process) and Arrow's
memory pool at its peak.

Usage::

    python benchmarks/bench_roundtrip_memory.py parquet            # full size
    python benchmarks/bench_roundtrip_memory.py tables --exchanges 500000
"""

from __future__ import annotations

import argparse
import gc
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

import selfhelp_exchange as shx

RAW_COLUMNS = ("source", "source_role", "target", "target_role", "kind", "weight", "start", "end")
FORMATS = {
    "parquet": (shx.write_parquet, shx.read_parquet, "net.parquet", {}),
    "json": (shx.write_json, shx.read_json, "net.json", {"allow_duplicates": True}),
    "tables": (shx.write_tables, shx.read_tables, "tables", {"allow_duplicates": True}),
}


def _rss_mib() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


def measure(fmt: str, exchanges: int, how: str) -> dict[str, Any]:
    """One round trip of a generated network; ``how`` is ``rss`` or ``tracemalloc``."""
    import pyarrow as pa

    # the proportions of the runner's full size: 30,000 agencies, 200,000 groups, 5M exchanges
    agencies = max(1, 30_000 * exchanges // 5_000_000)
    groups = max(1, 200_000 * exchanges // 5_000_000)
    net = shx.generate.community(agencies, groups, n_exchanges=exchanges, seed=2024)
    raw = sum(getattr(net.arrays, c).nbytes for c in RAW_COLUMNS) / 2**20
    write, read, name, options = FORMATS[fmt]
    folder = Path(tempfile.mkdtemp(prefix="shx-mem-"))
    path = folder / name
    gc.collect()
    out: dict[str, Any] = {"format": fmt, "exchanges": net.n_exchanges, "raw_mib": raw}
    try:
        if how == "tracemalloc":
            tracemalloc.start()
            write(net, path)
            back = read(path, **options)
            out["python_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            out["arrow_pool_peak_mib"] = pa.default_memory_pool().max_memory() / 2**20
        else:
            base = _rss_mib()
            peak = [base]
            done = threading.Event()

            def sample() -> None:
                while not done.is_set():
                    peak[0] = max(peak[0], _rss_mib())
                    time.sleep(0.01)

            sampler = threading.Thread(target=sample)
            sampler.start()
            try:
                write(net, path)
                back = read(path, **options)
            finally:
                done.set()
                sampler.join()
            out["rss_peak_mib"] = peak[0] - base
        assert back == net
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("format", choices=sorted(FORMATS))
    parser.add_argument("--exchanges", type=int, default=5_000_000)
    parser.add_argument("--how", choices=("rss", "tracemalloc", "both"), default="both")
    args = parser.parse_args()
    if args.how == "both":  # each in a process of its own: the first would hide the second
        for how in ("rss", "tracemalloc"):
            cmd = [sys.executable, __file__, args.format, "--exchanges", str(args.exchanges)]
            subprocess.run([*cmd, "--how", how], check=True)
        return 0
    result = measure(args.format, args.exchanges, args.how)
    raw = result["raw_mib"]
    parts = [f"{result['format']}: {result['exchanges']:,} exchanges, raw arrays {raw:.1f} MiB"]
    for key in ("rss_peak_mib", "python_peak_mib", "arrow_pool_peak_mib"):
        if key in result:
            parts.append(f"{key} {result[key]:.0f} ({result[key] / raw:.2f}x)")
    print("; ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
