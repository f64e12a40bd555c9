"""The report's self-assessment section, and the workbook the ``assess`` command writes.

The section holds the local mutual-aid self-assessment (section summaries, every item with its
rating and what it rests on, the action plan) and, when the data hold observations, what joint
initiatives achieved: partners' trust and value scores and, for every other measure, the
difference in differences around joint initiatives, with a figure. No count of clients appears
in it: the items and outcomes are about organizations and community actors.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.report._html import esc, figure, svg_of, table
from selfhelp_exchange.selfassessment import SelfAssessment, self_assessment

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SECTION", "assessment_section", "write_assessment"]

#: The section's HTML id and heading.
SECTION = ("self-assessment", "Self-assessment, action plan and outcomes")
#: Seed of the outcome tests in the report, so that a report is the same bytes every time.
REPORT_SEED = 20131
_PARTNER = ("partner_trust", "partner_value")


def _f(x: Any, digits: int = 2) -> str:
    return (
        "" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{float(x):.{digits}f}"
    )


def assessment_section(net: ExchangeNetwork, answers: Mapping[str, Any] | None = None) -> str:
    """The HTML of the section (``answers`` as for :func:`~selfhelp_exchange.self_assessment`)."""
    sa = self_assessment(net, answers)
    sid, heading = SECTION
    out = [f'<section id="{sid}"><h2>{esc(heading)}</h2>']
    out.append(
        "<p>The items are this library's, built on the aims Public Health England (2013) gives "
        "its mutual aid self-assessment tool (availability, gaps, barriers, a local action "
        "plan) and on its guidance's active approach; they are not PHE's wording. Computed "
        "items are read from the data; the rest are the evaluator's answers.</p>"
    )
    out.append("<h3>Sections</h3>")
    out.append(
        table(
            ["Section", "Items", "Met", "Partly", "Not met", "Unknown", "Score", "Rating"],
            [
                [r["title"], r["n_items"], r["met"], r["partly_met"], r["not_met"],
                 r["unknown"], _f(r["score"]), r["rating"]]
                for r in sa.sections.to_dict("records")
            ],
            numeric=(1, 2, 3, 4, 5, 6),
        )
    )  # fmt: skip
    out.append("<h3>Items</h3>")
    out.append(
        table(
            ["Item", "Statement", "How", "Rating", "Finding", "Evidence"],
            [
                [r["item"], r["question"], r["how"], r["rating"], r["finding"], r["evidence"]]
                for r in sa.items.to_dict("records")
            ],
        )
    )
    plan = sa.action_plan()
    out.append("<h3>Action plan</h3>")
    if plan.empty:
        out.append("<p>Every item is met: no action.</p>")
    else:
        out.append(
            "<p>Priority 1: not met; 2: partly met; 3: unknown (find out). Owner and due date "
            "are for the partnership to fill in.</p>"
        )
        out.append(
            table(
                ["Priority", "Item", "What would meet it", "Placed to act", "Owner", "Due"],
                [
                    [r["priority"], r["item"], r["what_would_meet_it"], r["placed_to_act"],
                     r["owner"], r["due"]]
                    for r in plan.to_dict("records")
                ],
                numeric=(0,),
            )
        )  # fmt: skip
    out.append(_outcomes(net))
    out.append("</section>")
    return "".join(out)


def _outcomes(net: ExchangeNetwork) -> str:
    from selfhelp_exchange import plot
    from selfhelp_exchange.outcomes import institutional_outcomes, partner_scores

    if not net.observations:
        return (
            "<h3>What joint initiatives achieved</h3><p>No observations in the data: record a "
            "measure before and after joint initiatives (sheet observations) to test it.</p>"
        )
    out = ["<h3>What joint initiatives achieved</h3>"]
    measures = sorted({o.measure for o in net.observations} - set(_PARTNER))
    rows = []
    for m in measures:
        r = institutional_outcomes(net, m, seed=REPORT_SEED)
        lo, hi = r.interval
        compared = int(r.per_initiative["did"].notna().sum())
        rows.append([m, compared, _f(r.estimate), f"{_f(lo)} to {_f(hi)}", _f(r.p_value, 3)])
    if rows:
        out.append(
            "<p>Difference in differences: the mean change of subjects a joint initiative "
            "reached, minus that of subjects no joint initiative reached within a year, "
            "pooled over initiatives; 95% bootstrap interval; permutation p-value. Few "
            "subjects support a direction, not a size.</p>"
        )
        out.append(
            table(
                ["Measure", "Initiatives compared", "Difference", "95% interval", "p"],
                rows,
                numeric=(1, 2, 4),
            )
        )
        for k, m in enumerate(measures):
            svg = svg_of(partial(plot.outcome_timeline, net, m), label=f"{m} over time")
            out.append(
                figure(
                    f"fig-outcome-{k}",
                    svg,
                    f"{esc(m)} over time; vertical lines mark joint initiatives.",
                )
            )
    if any(o.measure in _PARTNER for o in net.observations):
        s = partner_scores(net)
        out.append(
            f"<p>Partners' ratings (1-4): network trust {_f(s.network_trust)}, network value "
            f"{_f(s.network_value)} (means over every rated relationship). A score from one or "
            "two partners is thin evidence.</p>"
        )
        out.append(
            table(
                ["Organization", "Trust", "Raters", "Value", "Raters"],
                [
                    [r["name"], _f(r["trust"]), r["n_trust_raters"], _f(r["value"]),
                     r["n_value_raters"]]
                    for r in s.scores.to_dict("records")
                ],
                numeric=(1, 2, 3, 4),
            )
        )  # fmt: skip
    return "".join(out)


def write_assessment(sa: SelfAssessment, path: str | os.PathLike[str]) -> Path:
    """Write a self-assessment as ``.xlsx`` (every table) or ``.csv`` (the action plan).

    The workbook has sheets ``sections``, ``items`` and ``action_plan``. Text is never a
    formula, as :func:`~selfhelp_exchange.write_scores` writes it.
    """
    from selfhelp_exchange.report.export import _safe_csv, _write_xlsx

    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise DataFileError(
            [Problem(f"an assessment is written as .xlsx or .csv (got {p.name!r})", file=str(p))],
            header="the assessment cannot be written",
        )
    p.parent.mkdir(parents=True, exist_ok=True)
    plan: pd.DataFrame = sa.action_plan()
    if suffix == ".csv":
        plan.astype(object).map(_safe_csv).to_csv(p, index=False, lineterminator="\r\n")
        return p
    _write_xlsx({"sections": sa.sections, "items": sa.items, "action_plan": plan}, p)
    return p
