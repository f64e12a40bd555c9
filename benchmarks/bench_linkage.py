"""Time the vectorized linkage metrics against a plain networkx implementation.

Builds a synthetic network of ``--n`` exchanges (default one million) with
``ExchangeNetwork.from_arrays``, runs ``adaptational_linkage``, ``institutional_linkage`` and
``agency_scorecard`` on it, then the same numbers with the plain loop over
``ExchangeNetwork.to_networkx()`` edges in ``tests/nx_reference.py``, checks that they agree and
prints the times and their ratio.

    python benchmarks/bench_linkage.py            # one million exchanges
    python benchmarks/bench_linkage.py --n 100000 --seed 7
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

import selfhelp_exchange as shx
from selfhelp_exchange.catalogue import ExchangeKind
from tests.nx_reference import (
    adaptational_reference,
    institutional_reference,
    scorecard_reference,
)

ROLE_CODE = {shx.Role.BOARD: 0, shx.Role.PRACTITIONERS: 1, shx.Role.CLIENTS: 2}
ADAPTATIONAL = [k for k in ExchangeKind if k.role is not None]
WINDOW = ("2021-01-01", "2023-12-31")


def build(n: int, seed: int) -> shx.ExchangeNetwork:
    """A synthetic community: ~n/2000 agencies, ~n/200 groups, n exchanges, n/50 initiatives."""
    rng = np.random.default_rng(seed)
    n_a, n_g, n_c = max(2, n // 2000), max(2, n // 200), max(2, n // 5000)
    agencies = [shx.Agency(f"A{i}", f"Agency {i}") for i in range(n_a)]
    types, foci, approaches = list(shx.GroupType), list(shx.Focus), list(shx.Approach)
    groups = [
        shx.SelfHelpGroup(
            f"G{i}",
            f"Group {i}",
            types[i % len(types)],
            focus=foci[(i // 7) % len(foci)] if i % 11 else None,
            approach=approaches[(i // 3) % len(approaches)] if i % 13 else None,
        )
        for i in range(n_g)
    ]
    actors = [
        shx.CommunityActor(f"C{i}", f"Actor {i}", list(shx.ActorKind)[i % 9]) for i in range(n_c)
    ]
    kind_idx = rng.integers(0, len(ADAPTATIONAL), n)
    kind = np.array([k.code for k in ADAPTATIONAL])[kind_idx]
    role = np.array([ROLE_CODE[k.role] for k in ADAPTATIONAL])[kind_idx]  # type: ignore[index]
    agency = rng.integers(0, n_a, n)
    group = n_a + rng.integers(0, n_g, n)
    outward = rng.random(n) < 0.6
    source = np.where(outward, agency, group)
    target = np.where(outward, group, agency)
    # one exchange in twenty is between two groups: not part of any dyad
    other = rng.random(n) < 0.05
    target = np.where(other, n_a + (group - n_a + 1) % n_g, target)
    source = np.where(other, group, source)
    named = rng.random(n) < 0.5  # half name the subunit, half the agency as a whole
    source_role = np.where(outward & named & ~other, role, -1)
    target_role = np.where(~outward & named & ~other, role, -1)
    day0 = np.datetime64("2019-01-01", "D")
    start = day0 + rng.integers(0, 6 * 365, n).astype("timedelta64[D]")
    end = start + rng.integers(0, 2 * 365, n).astype("timedelta64[D]")
    start[rng.random(n) < 0.3] = np.datetime64("NaT")
    end[rng.random(n) < 0.3] = np.datetime64("NaT")
    net_nodes = [a.id for a in agencies] + [g.id for g in groups]
    n_i = max(1, n // 50)
    n_sp = rng.integers(1, 5, n_i)
    n_au = rng.integers(0, 4, n_i)
    dates = day0 + rng.integers(0, 6 * 365, n_i).astype("timedelta64[D]")
    initiatives = []
    for i in range(n_i):
        # the first sponsor is an agency, so most initiatives involve one
        sponsors = {net_nodes[int(rng.integers(0, n_a))]}
        sponsors |= {net_nodes[int(j)] for j in rng.integers(0, n_a + n_g, n_sp[i] - 1)}
        audiences = {actors[int(j)].id for j in rng.integers(0, n_c, n_au[i])}
        initiatives.append(
            shx.Initiative(
                f"I{i}",
                "other",
                sorted(sponsors),
                sorted(audiences),
                None if i % 5 == 0 else str(dates[i]),
            )
        )
    return shx.ExchangeNetwork.from_arrays(
        agencies=agencies,
        groups=groups,
        actors=actors,
        source=source,
        target=target,
        kind=kind,
        weight=rng.integers(0, 5, n).astype(float),
        start=start,
        end=end,
        source_role=source_role,
        target_role=target_role,
        initiatives=initiatives,
    )


def timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def max_difference(frame: Any, reference: dict[Any, dict[str, Any]], key: list[str]) -> float:
    """The largest absolute difference over shared numeric columns; inf if rows differ."""
    rows = {
        tuple(r[k] for k in key) if len(key) > 1 else r[key[0]]: r
        for r in frame.to_dict("records")
    }
    if set(rows) != set(reference):
        return math.inf
    worst = 0.0
    for k, values in reference.items():
        for col, value in values.items():
            if col not in rows[k]:  # the reference also gives the median, which the card omits
                continue
            got = rows[k][col]
            if isinstance(value, str):
                if got != value:
                    return math.inf
            else:
                worst = max(worst, abs(float(got) - float(value)))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, default=1e6, help="number of exchanges (default 1e6)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    n = int(args.n)

    net, t_build = timed(build, n, args.seed)
    print(
        f"network: {net.n_agencies} agencies, {net.n_groups} groups, {n:,} exchanges, "
        f"{len(net.initiatives):,} initiatives (built in {t_build:.1f} s); window {WINDOW}"
    )
    # the network's columnar initiative view is built once on first use and cached; build it
    # here so the metric times below are the metrics' own
    _, t_ia = timed(lambda: net.initiative_arrays)
    print(f"initiative_arrays (built once, cached): {t_ia:.2f} s")
    warm = build(1000, args.seed)  # first calls pay for imports and caches: not timed
    for fn in (shx.adaptational_linkage, shx.institutional_linkage, shx.agency_scorecard):
        fn(warm, *WINDOW)
    fast: dict[str, tuple[Any, float]] = {
        "adaptational_linkage": timed(shx.adaptational_linkage, net, *WINDOW),
        "institutional_linkage": timed(shx.institutional_linkage, net, *WINDOW),
        "agency_scorecard": timed(shx.agency_scorecard, net, *WINDOW),
    }
    graph, t_nx = timed(net.to_networkx)
    print(f"to_networkx (not counted below): {t_nx:.1f} s")
    slow: dict[str, tuple[Any, float]] = {
        "adaptational_linkage": timed(adaptational_reference, graph, *WINDOW),
        "institutional_linkage": timed(institutional_reference, graph, net.initiatives, *WINDOW),
        "agency_scorecard": timed(scorecard_reference, graph, net.initiatives, *WINDOW),
    }
    checks = {
        "adaptational_linkage": (slow["adaptational_linkage"][0], ["agency_id", "group_id"]),
        "institutional_linkage": (slow["institutional_linkage"][0][0], ["agency_id"]),
        "agency_scorecard": (slow["agency_scorecard"][0], ["agency_id"]),
    }
    print(f"{'metric':<24}{'rows':>9}{'numpy s':>10}{'networkx s':>12}{'ratio':>8}  agree")
    ok = True
    for name, (frame, t_fast) in fast.items():
        reference, key = checks[name]
        diff = max_difference(frame, reference, key)
        agree = diff <= 1e-9
        ok &= agree
        t_slow = slow[name][1]
        print(
            f"{name:<24}{len(frame):>9,}{t_fast:>10.3f}{t_slow:>12.2f}{t_slow / t_fast:>7.0f}x"
            f"  {'yes' if agree else 'NO'} (max |diff| {diff:.1e})"
        )
    if not ok:
        sys.exit("the vectorized and networkx numbers differ")


if __name__ == "__main__":
    main()
