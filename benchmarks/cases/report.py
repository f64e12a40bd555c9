"""The evaluator's HTML report of a 50-agency, 200-group community (issue #14: under 3 s).

The report is the same size whatever the workload (the goal is stated for this size); the
workload's seed picks the community, so a report of another community is rejected. There is no
networkx counterpart: the floor is the metrics alone (scorecard and adaptational linkage on the
published network), so ``fast / floor`` says what the figures and the page cost on top.
"""

from __future__ import annotations

from typing import Any

from harness import Case, Workload

import selfhelp_exchange as shx

#: The size the issue sets the goal for.
AGENCIES, GROUPS = 50, 200


def setup(work: Workload) -> dict[str, Any]:
    net = shx.generate.community(AGENCIES, GROUPS, seed=work.seed)
    return {"net": net}


def report_fast(s: dict[str, Any]) -> Any:
    return shx.build_report(s["net"])


def report_floor(s: dict[str, Any]) -> Any:
    pub = shx.published_network(s["net"])
    return shx.agency_scorecard(pub), shx.adaptational_linkage(pub)


def report_check(s: dict[str, Any], html: Any, reference: Any) -> None:
    net = s["net"]
    assert isinstance(html, str)
    assert html.startswith("<!DOCTYPE html>")
    assert f'<span class="v">{net.n_exchanges}</span>' in html
    assert all(f'id="agency-{a.id}"' in html for a in net.agencies)
    assert all(a.name in html for a in net.agencies)


CASES = [
    Case(
        "report",
        setup,
        report_fast,
        None,
        report_floor,
        report_check,
        description=f"build_report of a {AGENCIES}-agency, {GROUPS}-group community (goal < 3 s); "
        "floor: its metrics alone",
        scales_with_exchanges=False,
        size=lambda work: AGENCIES + GROUPS,
    ),
]
