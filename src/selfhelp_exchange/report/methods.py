"""The report's methods section, written from the metric modules' own constants.

Every number printed here (index weights, saturation points, continuum scores, cut points, the
suppression threshold) is read from the objects the metrics use, so the text cannot drift from
the computation.
"""

from __future__ import annotations

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.metrics.adaptational import N_ADAPTATIONAL_KINDS, LinkageWeights
from selfhelp_exchange.metrics.agency_index import AgencyWeights
from selfhelp_exchange.metrics.choices import SECTOR_CHOICES
from selfhelp_exchange.metrics.continuum import (
    DIMENSIONS,
    MIN_KNOWN,
    PROFESSIONAL_SCORES,
    RELATIONAL_CUT,
    RELATIONAL_PRACTICES,
)
from selfhelp_exchange.metrics.institutional import N_ACTOR_KINDS, InstitutionalWeights
from selfhelp_exchange.metrics.profile import PROFILE_COMPONENTS
from selfhelp_exchange.metrics.scorecard import GAP_FLAGS
from selfhelp_exchange.metrics.sensitivity import CONCENTRATION, ROBUST_SHARE
from selfhelp_exchange.people import PERSON_COUNT_KINDS
from selfhelp_exchange.report._html import esc, table
from selfhelp_exchange.report.sensitivity import REPORT_DRAWS
from selfhelp_exchange.vocabulary import ROLE_ORDER, Theory

__all__ = ["REFERENCES", "methods_html"]

#: The works the methods cite, as the library's docstrings cite them.
REFERENCES: tuple[tuple[str, str], ...] = (
    (
        "powell-perron",
        (
            "Powell, T. J., &amp; Perron, B. E. (2010). Self-help groups and mental health/substance "
            "use agencies: the benefits of organizational exchange. <i>Substance Use &amp; Misuse</i>, "
            "45(3), 315-329."
        ),
    ),
    (
        "phe",
        (
            "Public Health England (2013). <i>Facilitating access to mutual aid: three essential "
            "stages for helping clients access appropriate mutual aid support</i>. London: PHE."
        ),
    ),
    (
        "tuscan",
        (
            "Continuum between relational and therapeutic models of self-help in mental health: "
            "a qualitative approach (2020). <i>American Journal of Community Psychology</i>, "
            "65(3-4), 290-304. doi:10.1002/ajcp.12399"
        ),
    ),
    (
        "cms",
        (
            "Centers for Medicare &amp; Medicaid Services. <i>CMS Cell Size Suppression Policy</i>: "
            "no cell containing a value of 1 to 10 may be displayed."
        ),
    ),
    (
        "hundepool",
        "Hundepool, A., et al. (2012). <i>Statistical Disclosure Control</i>. Wiley. Chapter 5.",
    ),
)


#: Arrows for the directions of the catalogue's kinds (agency side on the left).
_ARROWS = {
    "agency_to_group": "agency → group",
    "group_to_agency": "group → agency",
    "either": "either way",
    "mutual": "both",
}


def _kinds_table() -> str:
    """The kinds, compact: one row per subunit, each kind with its direction (* counts clients).

    Definitions and sources are in the template's ``kinds`` sheet and the catalogue docs; the
    report keeps to what a reader needs to follow the formulas.
    """
    people = set(PERSON_COUNT_KINDS)
    rows: dict[tuple[str, str], list[str]] = {}
    for k in ExchangeKind:
        where = (k.theory.value, k.role.value if k.role else "whole agency")
        star = "*" if k in people else ""
        label = k.value.replace("_", " ")
        rows.setdefault(where, []).append(
            f"{label}{star} ({_ARROWS.get(k.direction.value, k.direction.value)})"
        )
    return table(
        ["lens", "subunit", "kinds (direction; * the weight counts clients)"],
        [[theory, role, "; ".join(kinds)] for (theory, role), kinds in rows.items()],
        cls="catalogue",
    )


def _num(x: float) -> str:
    return f"{x:.4g}"


def methods_html(
    weights: LinkageWeights,
    institutional: InstitutionalWeights,
    cut_points: tuple[float, float],
    threshold: int,
    agency: AgencyWeights | None = None,
) -> str:
    """The methods section's body (HTML), for the weights and threshold the report used."""
    w, wi = weights, institutional
    aw = AgencyWeights() if agency is None else agency
    practices = ", ".join(RELATIONAL_PRACTICES)
    n_draws = REPORT_DRAWS
    kappa_total = sum(w.kind_weights.values())
    kinds = ", ".join(f"{esc(k)} {_num(v)}" for k, v in w.kind_weights.items())
    choices = "; ".join(
        f"{esc(sector.replace('_', ' '))}: {', '.join(o.replace('_', ' ') for o in opts)}"
        for sector, opts in SECTOR_CHOICES.items()
    )
    lo, hi = cut_points
    k_a = N_ADAPTATIONAL_KINDS
    # the adaptational kinds of each subunit, counted from the catalogue itself
    adaptational = [k.role for k in ExchangeKind if k.theory is Theory.ADAPTATIONAL]
    per_role = ", ".join(f"{r.value} {adaptational.count(r)}" for r in ROLE_ORDER)
    catalogue = _kinds_table()
    scale_rows = [
        [d.replace("_", " "), ", ".join(f"{v.replace('_', ' ')} {_num(s)}" for v, s in m.items())]
        for d, m in ((d, PROFESSIONAL_SCORES[d]) for d in DIMENSIONS)
    ]
    gaps = "".join(f"<li><code>{esc(f)}</code>: {esc(t)}</li>" for f, t in GAP_FLAGS)
    profile = "".join(
        f"<li><b>{esc(label.replace(chr(10), ' '))}</b>: {esc(d)}</li>"
        for _, label, d in PROFILE_COMPONENTS
    )
    people = ", ".join(f"<code>{k.value}</code>" for k in PERSON_COUNT_KINDS)
    refs = "".join(f'<li id="ref-{key}">{text}</li>' for key, text in REFERENCES)
    return f"""
<p>Two lenses come from Powell &amp; Perron (2010) <a href="#ref-powell-perron">[1]</a>:
<b>adaptational</b> exchange between self-help groups and an agency's subunits (board,
practitioner and client units), and <b>institutional</b> exchange through joint agency/self-help
initiatives that promote community acceptance of self-help. Every exchange is one directed,
typed flow with a weight; each kind touches one subunit (or, for agency-level kinds, none). The
adaptational kinds below are this library's operationalisation of the paper's subunits, not a
list the paper gives; joint initiatives are the paper's institutional exchange. Each kind's
definition, what its weight counts and an example are in the <code>kinds</code> sheet of the
data-entry template (<code>selfhelp-exchange template</code>) and in the documentation's
exchange-kind catalogue.</p>
{catalogue}

<h3 id="m-adaptational">Adaptational linkage of an agency a and a group g</h3>
<p>E(a, g) is the set of adaptational exchanges in the window between g and a or any of its
subunits, in either direction (a whole-agency endpoint touches its kind's subunit);
K<sub>A</sub> holds the {k_a} adaptational kinds ({per_role}). Each kind k has a weight
&kappa;<sub>k</sub>: {kinds}.</p>
<span class="formula">coverage      C = |{{r in {{board, practitioners, clients}} : E(a, g) touches r}}| / 3
multiplexity  M* = sum of kappa over the distinct kinds in E(a, g) / {_num(kappa_total)} (all kinds)
flows         O = sum of kappa·weight from the agency side to g;  I = the same from g back
reciprocity   P = m/(m + {_num(w.reciprocity_half_saturation)}) with m = min(O, I), the lighter direction
intensity     W* = O + I
ALI = {_num(w.coverage)}·C + {_num(w.multiplexity)}·M* + {_num(w.reciprocity)}·P + {_num(w.intensity)}·W*/(W* + {_num(w.half_saturation)})</span>
<p>The lenses and subunits are Powell &amp; Perron's <a href="#ref-powell-perron">[1]</a>; the
components, their weights, the kind weights and the saturation points are this library's
convention: no published source weights them. Kinds that commit the agency or bring members to
its clients weigh most; an information row least, since simply providing information often
ends in clients never attending (Public Health England <a href="#ref-phe">[2]</a>, citing
Humphreys 1999). Every component only grows when an exchange is added.</p>
<p>An agency's adaptational index combines the depth and the breadth of its links:</p>
<span class="formula">depth   T = sum of ALI over the groups linked to the agency;  D = T/(T + {_num(aw.depth_half_saturation)})
breadth G = groups linked;  K = share of the options expected of its sector that it offers;
        S = subunits engaged;  R = 1 if it has an active route (introduction, hosting, in-reach, peer bridging)
A = {_num(aw.depth)}·D + {_num(aw.groups)}·G/(G + {_num(aw.group_half_saturation)}) + {_num(aw.choice)}·K + {_num(aw.subunits)}·S/3 + {_num(aw.active)}·R</span>
<p>Adding any exchange, linking a group or closing a gap never lowers A, and A depends on the
agency's own exchanges only (a mean over its groups would fall with each new, thin link). The
form and weights are this library's convention. An agency with no linked group scores 0.</p>

<h3 id="m-robustness">Robustness of the comparisons</h3>
<p>The dyad weights (w<sub>C</sub>, w<sub>M</sub>, w<sub>P</sub>, w<sub>W</sub>) and the agency
weights are drawn {n_draws} times from Dirichlet distributions centred on the weights used
(concentration {_num(CONCENTRATION)}: a weight of 0.25 ranges roughly from 0.09 to 0.45); kind
weights and saturation points are held fixed. Both indices are recomputed for each draw. An
agency's rank interval is the 2.5th to 97.5th percentile of its rank over the draws; a
comparison of two agencies is robust when it holds in at least {_num(100 * ROBUST_SHARE)}% of
the draws. The distribution and the thresholds are this library's convention. Only ranks and
shares are shown.</p>

<h3 id="m-institutional">Institutional linkage of an agency</h3>
<span class="formula">joint_share = initiatives co-sponsored with at least one group / all the agency's initiatives
G = groups co-sponsoring with the agency;  K = community-actor kinds (of {N_ACTOR_KINDS}) its joint initiatives reach
I = {_num(wi.joint_share)}·joint_share + {_num(wi.groups)}·G/(G + {_num(wi.group_half_saturation)}) + {_num(wi.reach)}·K/{N_ACTOR_KINDS}</span>
<p>Joint initiatives are Powell &amp; Perron's institutional exchange
<a href="#ref-powell-perron">[1]</a>; the weights and the half point
h = {_num(wi.group_half_saturation)} are this library's convention. Twelve-step groups'
traditions keep them from sponsoring outside causes, so their linkage is adaptational only.</p>

<h3 id="m-continuum">Professional involvement and relational practice</h3>
<p>The 2020 study of 17 Tuscan self-help groups <a href="#ref-tuscan">[3]</a> asked how
professional support influences groups' organizational choices (place for meetings, admission
criteria, timing) and described a relational model (members acquire skills: social comparison,
active listening, empathy) and a therapeutic model, not mutually exclusive. This report codes
two sides. Professional involvement scores four organizational dimensions from 0 (relational
end) to 1 (therapeutic end):</p>
{table(["dimension", "scores"], scale_rows)}
<span class="formula">PI = mean of the known dimensions' scores (unknown dimensions are left out and reported)
R  = share of the recorded peer practices that are true ({practices})
unknown if fewer than {MIN_KNOWN} dimensions are known;  relational if PI &lt; {_num(lo)};
relational and therapeutic if PI &gt;= {_num(lo)} and R &gt;= {_num(RELATIONAL_CUT)};
otherwise mixed if PI &lt;= {_num(hi)}, therapeutic if PI &gt; {_num(hi)}</span>
<p>The scales, the practices, the cut points and the least number of known dimensions are this
library's coding and convention; the study describes the models, not these numbers.</p>

<h3 id="m-scorecard">The scorecard and its gaps</h3>
<p>Each agency's scorecard flags these gaps; they state facts and do not weigh them. The
passive-only flag follows Public Health England (2013) <a href="#ref-phe">[2]</a>, which reports
(citing Humphreys 1999) that simply providing information and leaving clients to make contact
often results in them never attending or quickly dropping out, and that a more active approach,
including services promoting and hosting local meetings, is usually more effective (citing
Timko et al. 2006); counting in-reach and peer bridging as active too is this library's
convention. The options expected of an agency depend on its sector ({choices}); this is this
library's convention, overridable.</p>
<ul>{gaps}</ul>
<p>The profile figure puts these components, each on a 0-1 scale, side by side:</p>
<ul>{profile}</ul>

<h3 id="m-timeline">Linkage over time</h3>
<p>For each calendar period the adaptational measures are computed on the exchanges running in
it: an exchange counts in every period its dates overlap; an exchange with no end is still
running; an undated exchange counts in every period. Weights are not divided between periods.</p>

<h3 id="m-privacy">Privacy: small counts</h3>
<p>The weights of the kinds {people} count clients. Wherever this report shows such a count,
counts from 1 to {threshold - 1} are hidden (primary suppression) and marked <b>*</b>, following
the small-cell rule of the U.S. Centers for Medicare &amp; Medicaid Services
<a href="#ref-cms">[4]</a> (threshold {threshold}; the default is 11, configurable). Further
cells are hidden (complementary suppression) until no hidden count can be worked out from the
totals shown, checked by linear algebra <a href="#ref-hundepool">[5]</a>. Every client count in
the report (tables and figures) comes from one suppressed table, so no two of them can be put
together to recover a hidden count. </p>
<p>Indices are not counts, but any index with an intensity term sums weights, and so would
publish a hidden count (from an intensity score and its formula a reader could work out the
sum of weights behind it). So every index,
table and figure of this report (and of the score exports) is computed from the <i>published
network</i>: there, the weight of a client-count exchange enters as {threshold - 1} (the largest
value a hidden count can take) whenever it is below {threshold}, or its agency-group client
count is hidden (whether below the threshold or hidden to protect one). A published index is
therefore the same whatever a hidden count's true value from 1 to {threshold - 1}, and it never
falls when a small count grows past the threshold. The fixed value is this library's
convention. Only the client-count totals are computed from the true counts, and those are
protected by the complementary suppression above. Exchange attributes that identify a person
are never shown.</p>

<h3 id="m-references">References</h3>
<ol class="references">{refs}</ol>
"""
