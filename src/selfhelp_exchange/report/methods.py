"""The report's methods section, written from the metric modules' own constants.

Every number printed here (index weights, saturation points, continuum scores, cut points, the
suppression threshold) is read from the objects the metrics use, so the text cannot drift from
the computation.
"""

from __future__ import annotations

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.metrics._dyads import ROLE_KIND_COUNT
from selfhelp_exchange.metrics.adaptational import N_ADAPTATIONAL_KINDS, LinkageWeights
from selfhelp_exchange.metrics.continuum import DIMENSIONS, PROFESSIONAL_SCORES
from selfhelp_exchange.metrics.institutional import N_ACTOR_KINDS, InstitutionalWeights
from selfhelp_exchange.metrics.scorecard import GAP_FLAGS
from selfhelp_exchange.people import PERSON_COUNT_KINDS
from selfhelp_exchange.plot.scorecard import PROFILE_COMPONENTS
from selfhelp_exchange.report._html import esc, table
from selfhelp_exchange.vocabulary import ROLE_ORDER

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
            "The 2020 study of 17 Tuscan self-help groups, <i>American Journal of Community "
            "Psychology</i>, 65, 290-304."
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


def _num(x: float) -> str:
    return f"{x:.4g}"


def methods_html(
    weights: LinkageWeights,
    institutional: InstitutionalWeights,
    cut_points: tuple[float, float],
    threshold: int,
) -> str:
    """The methods section's body (HTML), for the weights and threshold the report used."""
    w, wi = weights, institutional
    lo, hi = cut_points
    k_a = N_ADAPTATIONAL_KINDS
    per_role = ", ".join(
        f"{r.value} {int(n)}" for r, n in zip(ROLE_ORDER, ROLE_KIND_COUNT.tolist(), strict=True)
    )
    catalogue = table(
        ["kind", "theory", "subunit", "direction", "definition", "source"],
        [
            [
                k.value,
                k.theory.value,
                k.role.value if k.role else "agency",
                k.direction.value,
                k.definition,
                k.source,
            ]
            for k in ExchangeKind
        ],
        cls="catalogue",
    )
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
<b>adaptational</b> exchange between a self-help group and an agency's board, practitioner and
client units, and <b>institutional</b> exchange through joint initiatives that build community
acceptance of self-help. Every exchange is one directed, typed flow with a weight; each kind
touches one subunit (or, for agency-level kinds, none):</p>
{catalogue}

<h3 id="m-adaptational">Adaptational linkage of an agency a and a group g</h3>
<p>E(a, g) is the set of adaptational exchanges in the window between g and a or any of its
subunits, in either direction (a whole-agency endpoint touches its kind's subunit);
K<sub>A</sub> holds the {k_a} adaptational kinds ({per_role}).</p>
<span class="formula">coverage      C = |{{r in {{board, practitioners, clients}} : E(a, g) touches r}}| / 3
multiplexity  M = number of distinct kinds in E(a, g);  share M / |K_A| = M / {k_a}
reciprocity   P = 1 if E(a, g) holds flows both ways, else 0
intensity     W = sum of the weights in E(a, g)
ALI = {_num(w.coverage)}·C + {_num(w.multiplexity)}·M/{k_a} + {_num(w.reciprocity)}·P + {_num(w.intensity)}·W/(W + {_num(w.half_saturation)})</span>
<p>The components are Powell &amp; Perron's <a href="#ref-powell-perron">[1]</a>; the weights
and the saturation W/(W + h) with h = {_num(w.half_saturation)} (intensity scores 1/2 at
W = {_num(w.half_saturation)}) are this library's convention: no published source weights
them. An agency's adaptational index is the mean ALI over the groups linked to it; an agency
with no linked group scores 0.</p>

<h3 id="m-institutional">Institutional linkage of an agency</h3>
<span class="formula">joint_share = initiatives co-sponsored with at least one group / all the agency's initiatives
G = groups co-sponsoring with the agency;  K = community-actor kinds (of {N_ACTOR_KINDS}) its joint initiatives reach
I = {_num(wi.joint_share)}·joint_share + {_num(wi.groups)}·G/(G + {_num(wi.group_half_saturation)}) + {_num(wi.reach)}·K/{N_ACTOR_KINDS}</span>
<p>Joint initiatives are Powell &amp; Perron's institutional exchange
<a href="#ref-powell-perron">[1]</a>; the weights and the half point
h = {_num(wi.group_half_saturation)} are this library's convention. Twelve-step groups'
traditions keep them from sponsoring outside causes, so their linkage is adaptational only.</p>

<h3 id="m-continuum">Professional involvement (the relational-therapeutic continuum)</h3>
<p>A group's four organizational dimensions, after the 2020 study of 17 Tuscan self-help groups
<a href="#ref-tuscan">[3]</a>, are each scored from 0 (relational end) to 1 (therapeutic end):</p>
{table(["dimension", "scores"], scale_rows)}
<span class="formula">PI = mean of the known dimensions' scores (unknown dimensions are left out and reported)
relational if PI &lt; {_num(lo)};  mixed if {_num(lo)} &lt;= PI &lt;= {_num(hi)};  therapeutic if PI &gt; {_num(hi)}</span>
<p>The numeric scale and the cut points are this library's convention; the study describes the
dimensions, not these numbers.</p>

<h3 id="m-scorecard">The scorecard and its gaps</h3>
<p>Each agency's scorecard flags these gaps; they state facts and do not weigh them. The
referral-only flag follows Public Health England (2013) <a href="#ref-phe">[2]</a>: simply
handing out information mostly fails, where active facilitation works better.</p>
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
publish a hidden count (with W/(W + 4), an intensity score of 0.67 means W = 8). So every index,
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
