"""Personal networks: checking the tables, the measures and the paired change, at scale.

Not a harness case (there is no networkx counterpart for ego-network composition): it times
``personal_networks`` (the checks every reader runs), ``social_integration`` and
``social_integration_change`` on synthetic alters and ties tables.

Usage: python benchmarks/bench_egonet.py [--egos 100000] [--alters 6] [--boot 2000]
(from the repository root, with the package installed or PYTHONPATH=src).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import selfhelp_exchange as shx


def tables(n_egos: int, mean_alters: int, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    relations = [r.value for r in shx.Relation]
    frames, ties = [], []
    for wave in ("baseline", "12 months"):
        sizes = rng.poisson(mean_alters, n_egos) + 1
        ego = np.repeat(np.arange(n_egos), sizes)
        pos = np.arange(len(ego)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        frames.append(
            pd.DataFrame(
                {
                    "ego_id": pd.Series(ego).map("E{:07d}".format),
                    "wave": wave,
                    "alter_id": pd.Series(pos).map("A{:03d}".format),
                    "relation": rng.choice(relations, len(ego)),
                    "supportive": rng.random(len(ego)) < 0.6,
                }
            )
        )
        # a tie between consecutive alters of the same ego, half the time
        same = (ego[1:] == ego[:-1]) & (rng.random(len(ego) - 1) < 0.5)
        k = np.flatnonzero(same)
        ties.append(
            pd.DataFrame(
                {
                    "ego_id": pd.Series(ego[k]).map("E{:07d}".format),
                    "wave": wave,
                    "alter_a": pd.Series(pos[k]).map("A{:03d}".format),
                    "alter_b": pd.Series(pos[k + 1]).map("A{:03d}".format),
                }
            )
        )
    return pd.concat(frames, ignore_index=True), pd.concat(ties, ignore_index=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--egos", type=int, default=100_000)
    ap.add_argument("--alters", type=int, default=6, help="mean alters per ego and wave")
    ap.add_argument("--boot", type=int, default=2000)
    args = ap.parse_args()
    alters, ties = tables(args.egos, args.alters)
    print(f"{len(alters):,} alter rows, {len(ties):,} alter ties, {args.egos:,} egos x 2 waves")
    t0 = time.perf_counter()
    pn = shx.personal_networks(alters, ties)
    t1 = time.perf_counter()
    m = shx.social_integration(pn)
    t2 = time.perf_counter()
    shx.social_integration_change(m, "baseline", "12 months", n_boot=args.boot, seed=1)
    t3 = time.perf_counter()
    print(f"personal_networks (checks): {t1 - t0:.2f} s")
    print(f"social_integration:         {t2 - t1:.2f} s ({len(m):,} rows)")
    print(f"social_integration_change:  {t3 - t2:.2f} s ({args.boot} resamples)")


if __name__ == "__main__":
    main()
