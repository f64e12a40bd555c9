"""Writing and reading a large exchange table: CSV folder, JSON and GraphML, with timings.

Builds a synthetic network (random agency-group exchanges, through ``from_arrays``), writes it in
each format, reads it back, and checks that the network read equals the one written.

Run: ``PYTHONPATH=src python benchmarks/bench_tables.py [--exchanges 1000000]``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

import selfhelp_exchange as shx
from selfhelp_exchange.catalogue import ExchangeKind


def network(n: int, n_agencies: int, n_groups: int, seed: int) -> shx.ExchangeNetwork:
    rng = np.random.default_rng(seed)
    kinds = np.array([k.code for k in ExchangeKind if k.role is not None], dtype=np.int8)
    a = rng.integers(0, n_agencies, n)
    g = rng.integers(0, n_groups, n) + n_agencies
    out = rng.random(n) < 0.5
    start = np.datetime64("2020-01-01") + rng.integers(0, 1500, n)
    return shx.ExchangeNetwork.from_arrays(
        agencies=[shx.Agency(f"A{i}", f"Agency {i}") for i in range(n_agencies)],
        groups=[shx.SelfHelpGroup(f"G{i}", f"Group {i}", "mutual_help") for i in range(n_groups)],
        source=np.where(out, a, g),
        target=np.where(out, g, a),
        kind=kinds[rng.integers(0, len(kinds), n)],
        weight=np.round(rng.exponential(3.0, n), 2),
        start=start,
        end=np.where(rng.random(n) < 0.5, start + rng.integers(0, 365, n), np.datetime64("NaT")),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--exchanges", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=200)
    parser.add_argument("--groups", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    net = network(args.exchanges, args.agencies, args.groups, args.seed)
    print(net)
    with tempfile.TemporaryDirectory() as tmp:
        for label, path, write, read in (
            ("CSV folder", Path(tmp) / "tables", shx.write_tables, shx.read_tables),
            ("JSON", Path(tmp) / "net.json", shx.write_json, shx.read_json),
            ("GraphML", Path(tmp) / "net.graphml", shx.write_graphml, shx.read_graphml),
        ):
            t0 = time.perf_counter()
            write(net, path)
            t1 = time.perf_counter()
            back = read(path)
            t2 = time.perf_counter()
            ok = back == net
            print(f"{label:>10}: write {t1 - t0:6.2f} s, read {t2 - t1:6.2f} s, equal: {ok}")
            if not ok:
                raise SystemExit(1)


if __name__ == "__main__":
    main()
