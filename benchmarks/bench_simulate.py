"""Client-trajectories per second of the facilitated-access cascade, for one million clients.

Not a harness case (it has no networkx counterpart): it times the simulation on a synthetic
community from ``shx.generate.community``.

Usage: python benchmarks/bench_simulate.py [--agencies 100] [--clients 10000] [--runs 3]
(from the repository root, with the package installed or PYTHONPATH=src).
"""

from __future__ import annotations

import argparse
import time

import selfhelp_exchange as shx
from selfhelp_exchange.simulate.cascade import agency_links


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--agencies", type=int, default=100)
    ap.add_argument("--clients", type=int, default=10_000, help="clients per agency")
    ap.add_argument("--runs", type=int, default=3, help="timed repetitions of one run each")
    args = ap.parse_args()
    net = shx.generate.community(args.agencies, 200, n_exchanges=8 * args.agencies, seed=1)
    n_clients = args.agencies * args.clients
    t0 = time.perf_counter()
    agency_links(net)
    t_links = time.perf_counter() - t0
    print(f"network: {net!r}; reading agency links took {t_links * 1e3:.1f} ms")
    for strategy in ("passive", "facilitated"):
        best = float("inf")
        for rep in range(args.runs):
            t0 = time.perf_counter()
            res = shx.simulate.facilitated_access(
                net, strategy, clients_per_agency=args.clients, seed=rep, n_runs=1
            )
            best = min(best, time.perf_counter() - t0)
        engaged = res.stage_counts("engaged")[0] / n_clients
        print(
            f"{strategy:>11}: {n_clients:,} clients in {best:.3f} s (best of {args.runs}) = "
            f"{n_clients / best:,.0f} client-trajectories per second (engaged share {engaged:.3f})"
        )


if __name__ == "__main__":
    main()
