"""A plain networkx / Python implementation of the linkage metrics, for agreement checks.

It shares no code with ``selfhelp_exchange.metrics``: it loops over the edges of
``ExchangeNetwork.to_networkx()`` and over initiative records, one at a time, and follows the
definitions of DESIGN.md literally. The tests compare it with the vectorized implementation on
random networks; the ``adaptational``, ``institutional`` and ``scorecard`` cases of
``benchmarks/`` time both (and check them against each other at the size they run).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from typing import Any

import networkx as nx

N_ADAPTATIONAL = 12  # board 3 + practitioners 5 + clients 4 kinds in the catalogue
ROLE_KINDS = {"board": 3, "practitioners": 5, "clients": 4}
ACTOR_KINDS = [
    "media",
    "local_government",
    "funder",
    "criminal_justice",
    "education",
    "faith",
    "employer",
    "health_system",
    "public",
]
ROLES = ["board", "practitioners", "clients"]


def _date(x: dt.date | str | None) -> dt.date | None:
    return dt.date.fromisoformat(x) if isinstance(x, str) else x


def _overlaps(
    s: dt.date | None, e: dt.date | None, lo: dt.date | None, hi: dt.date | None
) -> bool:
    if hi is not None and s is not None and s > hi:
        return False
    return not (lo is not None and e is not None and e < lo)


def _ali(
    c: float, m_share: float, p: int, w: float, weights: tuple[float, ...], half: float
) -> float:
    wc, wm, wp, ww = weights
    return wc * c + wm * m_share + wp * p + ww * (w / (w + half))


def adaptational_reference(
    g: nx.MultiDiGraph,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: tuple[float, float, float, float] = (0.25, 0.25, 0.25, 0.25),
    half: float = 4.0,
    *,
    by_role: bool = False,
) -> dict[tuple[Any, ...], dict[str, float]]:
    """{(agency, group) or (agency, group, role): {column: value}} for linked dyads."""
    lo, hi = _date(start), _date(end)
    dyads: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, data in g.edges(data=True):
        if data.get("derived") or data["theory"] != "adaptational":
            continue
        tu, tv = g.nodes[u]["node_type"], g.nodes[v]["node_type"]
        if tu == "agency" and tv == "group":
            a, grp, outward = u, v, True
        elif tu == "group" and tv == "agency":
            a, grp, outward = v, u, False
        else:
            continue
        if not _overlaps(data["start"], data["end"], lo, hi):
            continue
        rec = dyads.setdefault((a, grp), {"x": []})
        rec["x"].append((data["role"], data["kind"], outward, data["weight"]))
    out: dict[tuple[Any, ...], dict[str, float]] = {}
    for (a, grp), rec in dyads.items():
        subsets = (
            [(None, rec["x"])]
            if not by_role
            else [(r, [x for x in rec["x"] if x[0] == r]) for r in ROLES]
        )
        for role, xs in subsets:
            roles = {x[0] for x in xs}
            kinds = {x[1] for x in xs}
            p = int(any(x[2] for x in xs) and any(not x[2] for x in xs))
            w = float(sum(x[3] for x in xs))
            if role is None:
                c = len(roles) / 3
                share = len(kinds) / N_ADAPTATIONAL
                key: tuple[Any, ...] = (a, grp)
            else:
                c = 1.0 if xs else 0.0
                share = len(kinds) / ROLE_KINDS[role]
                key = (a, grp, role)
            out[key] = {
                "n_exchanges": len(xs),
                "coverage": c,
                "multiplexity": len(kinds),
                "multiplexity_share": share,
                "reciprocity": p,
                "intensity": w,
                "intensity_score": w / (w + half),
                "index": _ali(c, share, p, w, weights, half),
            }
    return out


def institutional_reference(
    g: nx.MultiDiGraph,
    initiatives: Any,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: tuple[float, float, float] = (1 / 3, 1 / 3, 1 / 3),
    half: float = 2.0,
    *,
    pairs: bool = True,
) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], int]]:
    """Per agency {column: value}, and J(a, g) counted from the graph's derived arcs.

    With ``pairs=False`` the second loop (over every edge, for J(a, g)) is skipped and the
    pairs come back empty: what the per-agency numbers alone cost.
    """
    lo, hi = _date(start), _date(end)

    def in_window(d: dt.date | None) -> bool:
        return d is None or ((lo is None or d >= lo) and (hi is None or d <= hi))

    kind_of = {n: d.get("kind") for n, d in g.nodes(data=True) if d["node_type"] == "actor"}
    agencies = [n for n, d in g.nodes(data=True) if d["node_type"] == "agency"]
    per: dict[str, dict[str, Any]] = {
        a: {"n": 0, "j": 0, "groups": set(), "joint_kinds": set(), "solo_kinds": set()}
        for a in agencies
    }
    for ini in initiatives:
        if not in_window(ini.date):
            continue
        groups = [s for s in ini.sponsors if g.nodes[s]["node_type"] == "group"]
        kinds = {kind_of[c] for c in ini.audiences}
        for s in ini.sponsors:
            if g.nodes[s]["node_type"] != "agency":
                continue
            rec = per[s]
            rec["n"] += 1
            if groups:
                rec["j"] += 1
                rec["groups"].update(groups)
                rec["joint_kinds"] |= kinds
            else:
                rec["solo_kinds"] |= kinds
    result = {}
    wj, wg, wr = weights
    for a, rec in per.items():
        share = rec["j"] / rec["n"] if rec["n"] else 0.0
        ng = len(rec["groups"])
        k = len(rec["joint_kinds"])
        only = rec["joint_kinds"] - rec["solo_kinds"]
        result[a] = {
            "initiatives": rec["n"],
            "joint_initiatives": rec["j"],
            "joint_share": share,
            "joint_groups": ng,
            "group_score": ng / (ng + half),
            "audience_kinds": k,
            "reach_share": k / 9,
            "audience_kind_names": ";".join(x for x in ACTOR_KINDS if x in rec["joint_kinds"]),
            "joint_only_kinds": len(only),
            "joint_only_kind_names": ";".join(x for x in ACTOR_KINDS if x in only),
            "index": wj * share + wg * ng / (ng + half) + wr * k / 9,
        }
    counts: dict[tuple[str, str], int] = defaultdict(int)
    if not pairs:
        return result, {}
    for u, v, data in g.edges(data=True):
        if data.get("derived") and g.nodes[u]["node_type"] == "agency" and in_window(data["date"]):
            counts[(u, v)] += 1
    return result, dict(counts)


def scorecard_reference(
    g: nx.MultiDiGraph,
    initiatives: Any,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> dict[str, dict[str, Any]]:
    """The scorecard's numbers per agency, from the two references and the node attributes."""
    lo, hi = _date(start), _date(end)
    dy = adaptational_reference(g, start, end)
    inst, _ = institutional_reference(g, initiatives, start, end, pairs=False)
    roles: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)
    for u, v, data in g.edges(data=True):
        if data.get("derived") or data["theory"] != "adaptational":
            continue
        types = {g.nodes[u]["node_type"], g.nodes[v]["node_type"]}
        if types != {"agency", "group"} or not _overlaps(data["start"], data["end"], lo, hi):
            continue
        a = u if g.nodes[u]["node_type"] == "agency" else v
        roles[a].add(data["role"])
        kinds[a].add(data["kind"])
    by_agency: dict[str, list[tuple[str, dict[str, float]]]] = defaultdict(list)
    for (ag, grp), vals in dy.items():
        by_agency[ag].append((grp, vals))
    out = {}
    for a, d in g.nodes(data=True):
        if d["node_type"] != "agency":
            continue
        linked = by_agency[a]
        focus = [g.nodes[grp]["focus"] for grp, _ in linked]
        approach = [g.nodes[grp]["approach"] for grp, _ in linked]
        n = len(linked)
        rec = {
            "groups_linked": n,
            "twelve_step_option": "twelve_step" in approach,
            "non_twelve_step_option": "non_twelve_step" in approach,
            "mental_health_option": "mental_health" in focus or "co_occurring" in focus,
            "family_option": "family" in focus,
            "subunits_engaged": len(roles[a]),
            "engaged_subunits": ";".join(r for r in ROLES if r in roles[a]),
            "reciprocal_share": sum(v["reciprocity"] for _, v in linked) / n if n else 0.0,
            "adaptational_index": statistics.fmean(v["index"] for _, v in linked) if n else 0.0,
            "index_median": statistics.median(v["index"] for _, v in linked) if n else 0.0,
            "joint_initiatives": inst[a]["joint_initiatives"],
            "joint_groups": inst[a]["joint_groups"],
            "institutional_index": inst[a]["index"],
            "board_unlinked": "board" not in roles[a],
            "no_facilitated_introduction": "referral" in kinds[a]
            and "facilitated_introduction" not in kinds[a],
        }
        for t in {g.nodes[grp]["group_type"] for grp, _ in linked}:
            rec[f"type_{t}"] = sum(g.nodes[grp]["group_type"] == t for grp, _ in linked)
        out[a] = rec
    return out
