"""Client-trajectories per second of the facilitated-access cascade, for one million clients.

Usage: python benchmarks/bench_simulate.py [--agencies 100] [--clients 10000] [--runs 3]
(from the repository root, with the package installed or PYTHONPATH=src).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import selfhelp_exchange as shx
from selfhelp_exchange.simulate.cascade import agency_links

KINDS = [
    "referral",
    "facilitated_introduction",
    "information",
    "peer_bridging",
    "in_reach",
    "meeting_space",
]


def community(n_agencies: int, n_groups: int, n_exchanges: int, seed: int) -> shx.ExchangeNetwork:
    rng = np.random.default_rng(seed)
    approaches = ["twelve_step", "non_twelve_step", "other"]
    agencies = [shx.Agency(f"A{i}", f"Agency {i}") for i in range(n_agencies)]
    groups = [
        shx.SelfHelpGroup(f"G{j}", f"Group {j}", "mutual_help", approach=approaches[j % 3])
        for j in range(n_groups)
    ]
    agency = rng.integers(0, n_agencies, n_exchanges)
    group = n_agencies + rng.integers(0, n_groups, n_exchanges)
    kind = rng.choice(KINDS, n_exchanges)
    toward_group = np.isin(
        kind, ["referral", "facilitated_introduction", "information", "meeting_space"]
    )
    return shx.ExchangeNetwork.from_arrays(
        agencies=agencies,
        groups=groups,
        source=np.where(toward_group, agency, group),
        target=np.where(toward_group, group, agency),
        kind=kind,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--agencies", type=int, default=100)
    ap.add_argument("--clients", type=int, default=10_000, help="clients per agency")
    ap.add_argument("--runs", type=int, default=3, help="timed repetitions of one run each")
    args = ap.parse_args()
    net = community(args.agencies, n_groups=200, n_exchanges=8 * args.agencies, seed=1)
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
