"""A plain networkx / Python implementation of the linkage metrics, for agreement checks.

It shares no code with ``selfhelp_exchange.metrics``: it loops over the edges of
``ExchangeNetwork.to_networkx()`` and over initiative records, one at a time, and follows the
documented definitions literally. The tests compare it with the vectorized implementation on
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


# this library's default kind weights, written out again (committing 2, routine 1, info 0.5)
KAPPA = {
    "board_seat": 2.0,
    "policy_support": 2.0,
    "resource_support": 2.0,
    "referral": 1.0,
    "facilitated_introduction": 2.0,
    "information": 0.5,
    "consultation": 1.0,
    "staff_education": 1.0,
    "meeting_space": 2.0,
    "in_reach": 2.0,
    "peer_bridging": 2.0,
    "attendance": 1.0,
}
KIND_ROLE = {
    "board_seat": "board",
    "policy_support": "board",
    "resource_support": "board",
    "referral": "practitioners",
    "facilitated_introduction": "practitioners",
    "information": "practitioners",
    "consultation": "practitioners",
    "staff_education": "practitioners",
    "meeting_space": "clients",
    "in_reach": "clients",
    "peer_bridging": "clients",
    "attendance": "clients",
}
ACTIVE = {"facilitated_introduction", "meeting_space", "in_reach", "peer_bridging"}
SECTOR_CHOICES = {
    "mental_health": {"mental_health", "family"},
    "substance_use": {"twelve_step", "non_twelve_step", "family"},
    "co_occurring": {"twelve_step", "non_twelve_step", "mental_health", "family"},
    "other": {"twelve_step", "non_twelve_step", "mental_health", "family"},
}


def _ali(
    c: float, m_score: float, p: float, w: float, weights: tuple[float, ...], half: float
) -> float:
    wc, wm, wp, ww = weights
    return wc * c + wm * m_score + wp * p + ww * (w / (w + half))


def adaptational_reference(
    g: nx.MultiDiGraph,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: tuple[float, float, float, float] = (0.25, 0.3, 0.15, 0.3),
    half: float = 4.0,
    *,
    by_role: bool = False,
    half_p: float = 2.0,
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
            two_way = any(x[2] for x in xs) and any(not x[2] for x in xs)
            w = float(sum(x[3] for x in xs))
            o = sum(KAPPA[x[1]] * x[3] for x in xs if x[2])
            i = sum(KAPPA[x[1]] * x[3] for x in xs if not x[2])
            p = min(o, i) / (min(o, i) + half_p)
            if role is None:
                c = len(roles) / 3
                share = len(kinds) / N_ADAPTATIONAL
                score = sum(KAPPA[k] for k in kinds) / sum(KAPPA.values())
                key: tuple[Any, ...] = (a, grp)
            else:
                c = 1.0 if xs else 0.0
                share = len(kinds) / ROLE_KINDS[role]
                total = sum(v for k, v in KAPPA.items() if KIND_ROLE[k] == role)
                score = sum(KAPPA[k] for k in kinds) / total
                key = (a, grp, role)
            out[key] = {
                "n_exchanges": len(xs),
                "coverage": c,
                "multiplexity": len(kinds),
                "multiplexity_share": share,
                "multiplexity_score": score,
                "two_way": two_way,
                "outward": o,
                "inward": i,
                "reciprocity": p,
                "intensity": w,
                "weighted_intensity": o + i,
                "intensity_score": (o + i) / (o + i + half),
                "index": _ali(c, score, p, o + i, weights, half),
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
        offered = {
            "twelve_step": "twelve_step" in approach,
            "non_twelve_step": "non_twelve_step" in approach,
            "mental_health": "mental_health" in focus or "co_occurring" in focus,
            "family": "family" in focus,
        }
        expected = SECTOR_CHOICES[d["sector"]]
        total = sum(v["index"] for _, v in linked)
        depth = total / (total + 1.0)
        choice = sum(offered[o] for o in expected) / len(expected)
        active = bool(kinds[a] & ACTIVE)
        rec = {
            "groups_linked": n,
            **{f"{o}_option": v for o, v in offered.items()},
            "choice_coverage": choice,
            "subunits_engaged": len(roles[a]),
            "engaged_subunits": ";".join(r for r in ROLES if r in roles[a]),
            "reciprocal_share": sum(v["two_way"] for _, v in linked) / n if n else 0.0,
            "active_route": active,
            "depth": depth,
            "strongest_link": max((v["index"] for _, v in linked), default=0.0),
            "adaptational_index": 0.4 * depth
            + 0.15 * (n / (n + 2))
            + 0.15 * choice
            + 0.15 * len(roles[a]) / 3
            + 0.15 * active,
            "index_median": statistics.median(v["index"] for _, v in linked) if n else 0.0,
            "joint_initiatives": inst[a]["joint_initiatives"],
            "joint_groups": inst[a]["joint_groups"],
            "institutional_index": inst[a]["index"],
            "board_unlinked": "board" not in roles[a],
            "no_active_route": n > 0 and not active,
            "no_family_option": "family" in expected and not offered["family"],
        }
        for t in {g.nodes[grp]["group_type"] for grp, _ in linked}:
            rec[f"type_{t}"] = sum(g.nodes[grp]["group_type"] == t for grp, _ in linked)
        out[a] = rec
    return out
