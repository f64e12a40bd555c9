"""Adaptational and institutional linkage, and the agency scorecard that combines them.

The networkx implementation is ``tests/nx_reference.py`` (the one the metric tests check the
library against): plain loops over the edges of ``net.to_networkx()`` and over the initiative
records, following the documented definitions literally. Every case uses the middle half of the
generator's two-year window, so the window code runs too.
"""

from __future__ import annotations

from typing import Any

from harness import Case, Workload, assert_rows_match, initiative_pass, single_pass

import selfhelp_exchange as shx
from tests.nx_reference import (
    adaptational_reference,
    institutional_reference,
    scorecard_reference,
)

WINDOW = ("2024-07-01", "2025-06-30")


def setup(work: Workload) -> dict[str, Any]:
    return {"net": work.net, "raw": work.raw()}


def setup_networkx(work: Workload) -> dict[str, Any]:
    return {"graph": work.nx_view, "initiatives": work.net.initiatives}


def floor(s: dict[str, Any]) -> float:
    return single_pass(s["raw"], len(s["net"].node_ids))


# ---------------------------------------------------------------------------- adaptational
def adaptational_fast(s: dict[str, Any]) -> Any:
    return shx.adaptational_linkage(s["net"], start=WINDOW[0], end=WINDOW[1])


def adaptational_nx(s: dict[str, Any]) -> Any:
    return adaptational_reference(s["graph"], *WINDOW)


def adaptational_check(s: dict[str, Any], frame: Any, reference: Any) -> None:
    assert_rows_match(frame, reference, ["agency_id", "group_id"])


# ---------------------------------------------------------------------------- institutional
def institutional_fast(s: dict[str, Any]) -> Any:
    return shx.institutional_linkage(s["net"], start=WINDOW[0], end=WINDOW[1])


def institutional_nx(s: dict[str, Any]) -> Any:
    return institutional_reference(s["graph"], s["initiatives"], *WINDOW, pairs=False)[0]


def institutional_floor(s: dict[str, Any]) -> float:
    return initiative_pass(s["net"])


def institutional_check(s: dict[str, Any], frame: Any, reference: Any) -> None:
    assert_rows_match(frame, reference, ["agency_id"])


# ---------------------------------------------------------------------------- scorecard
def scorecard_fast(s: dict[str, Any]) -> Any:
    return shx.agency_scorecard(s["net"], start=WINDOW[0], end=WINDOW[1])


def scorecard_nx(s: dict[str, Any]) -> Any:
    return scorecard_reference(s["graph"], s["initiatives"], *WINDOW)


def scorecard_check(s: dict[str, Any], frame: Any, reference: Any) -> None:
    # the reference gives the type counts of linked types only; the card has every type
    for values in reference.values():
        for col in [c for c in frame.columns if c.startswith("type_")]:
            values.setdefault(col, 0)
    assert_rows_match(frame, reference, ["agency_id"])


CASES = [
    Case(
        "adaptational",
        setup,
        adaptational_fast,
        adaptational_nx,
        floor,
        adaptational_check,
        setup_networkx=setup_networkx,
        description="adaptational_linkage (one window) vs loops over to_networkx() edges",
    ),
    Case(
        "institutional",
        setup,
        institutional_fast,
        institutional_nx,
        institutional_floor,
        institutional_check,
        setup_networkx=setup_networkx,
        description="institutional_linkage vs a loop over Initiative records; floor: one pass "
        "over the initiative arrays",
    ),
    Case(
        "scorecard",
        setup,
        scorecard_fast,
        scorecard_nx,
        floor,
        scorecard_check,
        setup_networkx=setup_networkx,
        description="agency_scorecard: both linkages, options, subunits, gaps; vs the "
        "networkx reference",
    ),
]
