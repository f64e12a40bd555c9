"""The report's robustness section: which agency comparisons survive other index weightings.

It shows ranks and shares of weightings only, never an index of a draw or an intensity, so it
adds nothing from which a client count could be worked out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange.report._html import esc, table

if TYPE_CHECKING:
    from selfhelp_exchange.metrics.adaptational import LinkageWeights
    from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["SECTION", "sensitivity_section"]

#: The section's (HTML id, heading).
SECTION = ("robustness", "How robust are the comparisons?")
#: Draws and seed the report uses: fixed, so the same input gives the same report.
REPORT_DRAWS = 1000
REPORT_SEED = 20130


@positional_deprecated("start", "end", "weights")
def sensitivity_section(
    net: ExchangeNetwork,
    *,
    start: dt.date | str | None,
    end: dt.date | str | None,
    weights: LinkageWeights,
) -> str:
    """The section's HTML, for the network and dyad weights the report uses."""
    from selfhelp_exchange.metrics.sensitivity import linkage_sensitivity

    sid, heading = SECTION
    out = [f'<section id="{sid}"><h2>{esc(heading)}</h2>']
    if net.n_agencies < 2:
        out.append("<p>Fewer than two agencies: there is no comparison to test.</p></section>")
        return "".join(out)
    s = linkage_sensitivity(
        net, start=start, end=end, weights=weights, n_draws=REPORT_DRAWS, seed=REPORT_SEED
    )
    names = {a.id: a.name for a in net.agencies}
    pct = round(100 * s.robust_share)
    out.append(
        f"<p>The weights of the linkage indices are a convention. To see whether the agencies' "
        f"order depends on them, the indices were recomputed under {s.n_draws} random "
        f"weightings drawn around the ones used (a Dirichlet distribution of concentration "
        f"{s.concentration:g}; see Methods). A comparison is <b>robust</b> when it holds in at "
        f"least {pct}% of the weightings.</p>"
    )
    robust = s.pairwise[s.pairwise["robust"]]
    fragile = s.pairwise[~s.pairwise["robust"]]

    def phrase(r: Mapping[Hashable, Any]) -> str:
        a, b = str(r["agency_a"]), str(r["agency_b"])
        return (
            f"{names[a]} ({a}) above {names[b]} ({b}): in "
            f"{100 * float(r['share']):.0f}% of weightings"
        )

    for title, part in (("Robust", robust), ("Not robust", fragile)):
        items = "".join(f"<li>{esc(phrase(r))}</li>" for r in part.to_dict("records"))
        out.append(f"<h3>{title} ({len(part)})</h3><ul>{items or '<li>none</li>'}</ul>")
    rows = [
        [
            f"{names[str(r['agency_id'])]} ({r['agency_id']})",
            int(r["rank"]),
            f"{int(r['rank_low'])} to {int(r['rank_high'])}",
            f"{100 * float(r['top_share']):.0f}%",
        ]
        for r in s.agencies.sort_values("rank", kind="stable").to_dict("records")
    ]
    out.append(
        table(
            ["agency", "rank", "rank in 95% of weightings", "ranked first"],
            rows,
            numeric=(1, 3),
            cls="sensitivity",
        )
    )
    out.append("</section>")
    return "".join(out)
