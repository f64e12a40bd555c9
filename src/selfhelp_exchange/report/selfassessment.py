"""The report's self-assessment section, and the workbook the ``assess`` command writes.

The section holds the local mutual-aid self-assessment (section summaries and the top of the
action plan; every item, with its rating and what it rests on, is in the ``assess`` export)
and, when the data hold observations, what joint initiatives achieved: partners' trust and
value scores and, for every other measure, the difference in differences around joint
initiatives, with a figure. No count of clients appears
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
#: The most actions the report shows in full (the ``assess`` export holds every one), so the
#: section stays within about a printed page. This library's convention.
REPORT_PLAN_ROWS = 8
#: The action plan's priority of an unknown item (1: not met, 2: partly met, 3: unknown).
_UNKNOWN_PRIORITY = 3


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
        "items are read from the data; the rest are the evaluator's answers. This report "
        "shows the section summaries and the top of the action plan; every item with its "
        "rating, finding and evidence, and the whole plan with owner and due-date columns, "
        "are in the workbook <code>selfhelp-exchange assess DATA -o assessment.xlsx</code> "
        "writes.</p>"
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
    out.append(_plan(sa, net))
    out.append(_outcomes(net))
    out.append("</section>")
    return "".join(out)


def _plan(sa: SelfAssessment, net: ExchangeNetwork) -> str:
    """The action plan's top: the items not met, then partly met, then the unknown by name.

    At most :data:`REPORT_PLAN_ROWS` actions are shown in full; the rest are named by item,
    and the ``assess`` export holds them all.
    """
    plan = sa.action_plan()
    out = ["<h3>Action plan</h3>"]
    if plan.empty:
        out.append("<p>Every item is met: no action.</p>")
        return "".join(out)
    records = plan.to_dict("records")
    evidence = dict(zip(sa.items["item"], sa.items["evidence"], strict=True))
    # an answered item names every agency as placed to act: said once, not in every row
    every = f" ({', '.join(a.name for a in net.agencies)})" if net.agencies else ""

    def placed(text: str) -> str:
        return text.replace(every, " (every agency)") if every else text

    act = [r for r in records if r["priority"] < _UNKNOWN_PRIORITY]
    shown, more = act[:REPORT_PLAN_ROWS], act[REPORT_PLAN_ROWS:]
    if shown:
        out.append(
            "<p>The items not met (priority 1), then partly met (2): what each rests on, what "
            "would meet it and who is placed to act.</p>"
        )
        out.append(
            table(
                ["Priority", "Item", "Finding", "What would meet it (placed to act)"],
                [
                    [
                        r["priority"],
                        f"{r['item']}: {r['question']}",
                        evidence.get(r["item"]) or r["finding"],
                        f"{r['what_would_meet_it']} ({placed(r['placed_to_act'])})",
                    ]
                    for r in shown
                ],
                numeric=(0,),
                cls="plan",
            )
        )
    rest = []
    if more:
        rest.append(
            f"{len(more)} more item{'s' if len(more) != 1 else ''} not met or partly met: "
            + ", ".join(str(r["item"]) for r in more)
        )
    unknown = [str(r["item"]) for r in records if r["priority"] >= _UNKNOWN_PRIORITY]
    if unknown:
        rest.append(
            f"{len(unknown)} item{'s' if len(unknown) != 1 else ''} not answered or not known "
            f"(priority 3, find out): {', '.join(unknown)}"
        )
    if rest:
        out.append(f"<p>{esc('; '.join(rest))}. The <code>assess</code> workbook lists each.</p>")
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
