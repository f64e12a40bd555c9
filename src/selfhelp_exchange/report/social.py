"""The report's section on what groups offer and on the personal networks of the people served.

Egos and alters are people: no ego or alter id is ever written, and every count of people
follows the small-cell rule. Counts of egos are never printed as numbers below the
threshold, and never as exact numbers per wave or per group either (only "11 or more"), so
that no small count can be worked out as the difference of two shown counts; means and
intervals are shown only for sets of at least ``threshold`` egos.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from selfhelp_exchange.report._html import esc, table

if TYPE_CHECKING:
    from selfhelp_exchange.egonet.tables import PersonalNetworks
    from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["SECTION", "social_html"]

#: The section's (HTML id, heading).
SECTION = ("social", "Group activities and social integration")
#: Resamples and seed of the report's change intervals: fixed, so the report is byte-stable.
REPORT_N_BOOT = 2000
REPORT_SEED = 0


def _words(text: str) -> str:
    return ", ".join(a.replace("_", " ") for a in text.split(";") if a) or "none recorded"


def _activities(net: ExchangeNetwork) -> str:
    from selfhelp_exchange.activities import activities_text

    rows = [
        (g.name, g.group_type.value.replace("_", " "), _words(activities_text(g.activities)))
        for g in net.groups
        if g.activities
    ]
    out = ["<h3>What the groups offer</h3>"]
    if not rows:
        out.append(
            "<p>No group records what it offers (the <code>activities</code> column of the "
            "groups sheet: support meetings, education, social events, advocacy, employment "
            "support, wellness).</p>"
        )
        return "".join(out)
    out.append(
        f"<p>{len(rows)} of {net.n_groups} groups record what they offer. An RLC's education "
        "and workshops show here beside its support meetings.</p>"
    )
    out.append(table(["group", "type", "offers"], rows, cls="activities"))
    return "".join(out)


def _band(n: int, threshold: int) -> str:
    return f"{threshold} or more" if n >= threshold else f"fewer than {threshold} (hidden)"


def _fmt(x: float) -> str:
    return "-" if not np.isfinite(x) else f"{x:.2f}"


def _networks(pn: PersonalNetworks, threshold: int, by: str | None) -> str:
    from selfhelp_exchange.egonet.change import social_integration_change
    from selfhelp_exchange.egonet.measures import social_integration

    m = social_integration(pn)
    n_all = len(pn.ego_ids)
    out = ["<h3>Personal networks</h3>"]
    if n_all < threshold:
        out.append(
            f"<p>Personal networks were recorded for fewer than {threshold} people: nothing "
            "about them is shown, so that no one can be recognized.</p>"
        )
        return "".join(out)
    out.append(
        f"<p>Personal networks of {n_all} people, each naming the people they are close to "
        "(alters) at one or more waves. <em>Beyond</em> counts alters who are neither "
        "treatment staff nor family (Delman 2014 describes the networks of people with "
        "psychiatric disabilities as often limited to those two); the IQV is the "
        "heterogeneity of relations (Blau's index over the six relation categories, divided "
        "by its largest value 5/6). Numbers of people per wave are shown only as bands, and "
        f"means only for {threshold} or more people.</p>"
    )
    rows = []
    for wave, w in m.groupby("wave", sort=False):
        n = int(w["ego_id"].nunique())
        show = n >= threshold
        rows.append(
            (
                str(wave),
                _band(n, threshold),
                _fmt(float(w["size"].mean())) if show else "hidden",
                _fmt(float(w["beyond_share"].mean())) if show else "hidden",
                _fmt(float(w["iqv"].mean())) if show else "hidden",
            )
        )
    out.append(
        table(
            ["wave", "people", "mean alters", "mean share beyond", "mean IQV"],
            rows,
            numeric=(2, 3, 4),
            cls="social-waves",
        )
    )
    waves = list(dict.fromkeys(m["wave"]))
    if len(waves) >= 2:
        by_ = by if by is not None and by in m.columns else None
        ch = social_integration_change(
            m,
            waves[0],
            waves[-1],
            by=by_,
            columns=("beyond", "beyond_share"),
            n_boot=REPORT_N_BOOT,
            seed=REPORT_SEED,
        )
        crow = []
        hidden = False
        records: list[dict[Any, Any]] = ch.summary.to_dict("records")
        for r in records:
            n = int(r["n"])
            if n < threshold:
                hidden = True
                continue
            crow.append(
                (
                    str(r["group"]),
                    str(r["measure"]).replace("_", " "),
                    _band(n, threshold),
                    _fmt(float(r["mean_change"])),
                    f"{_fmt(float(r['ci_low']))} to {_fmt(float(r['ci_high']))}",
                )
            )
        label = f" by <code>{esc(by_)}</code>" if by_ else ""
        out.append(
            f"<p>Change from {esc(waves[0])} to {esc(waves[-1])}{label}, for the people "
            "measured at both waves: mean change and its 95% bootstrap interval "
            f"({REPORT_N_BOOT} resamples of people).</p>"
        )
        if crow:
            out.append(
                table(
                    ["group", "measure", "people", "mean change", "95% interval"],
                    crow,
                    numeric=(3,),
                    cls="social-change",
                )
            )
        if hidden:
            out.append(
                f'<p class="suppression-note">Groups of fewer than {threshold} people are '
                "left out.</p>"
            )
    return "".join(out)


def social_html(
    net: ExchangeNetwork,
    personal_networks: PersonalNetworks | None,
    *,
    threshold: int,
    by: str | None = None,
) -> str:
    """The section's HTML: the groups' activities, then (when given) the personal networks."""
    sid, heading = SECTION
    out = [f'<section id="{sid}"><h2>{esc(heading)}</h2>', _activities(net)]
    if personal_networks is not None:
        out.append(_networks(personal_networks, threshold, by))
    out.append("</section>")
    return "".join(out)
