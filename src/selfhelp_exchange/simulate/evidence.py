"""The figures behind the cascade's defaults, their uncertainty, and how parameters follow from them.

Every default of :class:`~selfhelp_exchange.simulate.CascadeParameters` is computed by
:func:`derive` from a small set of *inputs* (:data:`INPUTS`): figures printed in the abstracts
of the trials below (basis ``"published"``) and this library's assumptions (basis
``"assumption"``, each with a deliberately wide range). Each input carries a distribution: a
published proportion a Beta distribution from its sample size (Jeffreys: ``Beta(x + 1/2,
n - x + 1/2)`` with ``x = value * n``), an assumption a uniform range. Drawing the inputs and
deriving the parameters again (:func:`draw_inputs`) is what ``parameter_uncertainty=True``
does, run by run.

What each study's abstract says (the only text of the trials this library has read):

* **Manning et al. (2012)**, *Drug and Alcohol Dependence* 126(1-2):131-137. UK, 151 inpatients
  undergoing detoxification (alcohol, opiate, crack-cocaine or benzodiazepine dependence),
  randomised to a 12-Step peer intervention (PI), a doctor intervention (DI) or no intervention
  (NI); 83% followed up 2-3 months after discharge. Attended a 12-Step meeting during the
  inpatient stay: 88% (PI and DI together) vs 73% (NI), p < .05. Attended after discharge:
  PI 64%, DI 48%, NI 33%; PI vs NI OR 3.6 (95% CI 1.3-9.8). Of those who attended during the
  stay 59% attended after discharge, of those who did not 20% (p < .01). Arm sizes are not in
  the abstract.
* **Timko, DeBenedetti & Billow (2006)**, *Addiction* 101(5):678-688. US outpatients entering a
  new episode of substance use disorder treatment (n = 345), standard vs intensive referral
  (connecting patients to 12-Step volunteers); 6-month follow-up. Among patients with
  relatively less previous attendance, intensive referral went with more meeting attendance;
  among all, with more involvement (service, spiritual awakening, a sponsor). No attendance
  proportions are given. (A research summary of the trial, Friedmann in *Alcohol, Other Drugs
  and Health: Current Evidence*, July 2006, reads it as no significant difference in
  attendance at 6 months overall.)
* **Timko & DeBenedetti (2007)**, *Drug and Alcohol Dependence* 90(2-3):270-279. The same trial
  over one year (96% had previous treatment; 93% followed up at six months and one year).
  Standard referral: a meeting schedule and encouragement; intensive: counsellors linking
  patients to 12-Step volunteers and checking attendance with journals. Attended at least one
  meeting a week during both six-month periods: 70% intensive vs 61% standard (p = .049);
  involvement 4.9 vs 3.7 (p = .021).
* **Sisson & Mallams (1981)**, *American Journal of Drug and Alcohol Abuse* 8(3):371-376. 20
  clients of an outpatient mental-health alcoholism programme randomised to standard referral
  (information, encouragement, meeting times and places) or systematic encouragement (a call,
  during the session, to an AA or Al-Anon member who offered a ride, met the client before the
  meeting and called with a reminder). All of the encouraged group attended within a week of
  referral and kept attending; none of the standard group ever attended. Arm sizes are not in
  the abstract (equal arms of 10 assumed).
* **Walitzer, Dermen & Barrick (2009)**, *Addiction* 104(3):391-401. 169 alcoholic outpatients
  randomised to a 12-Step directive approach to facilitating AA, a motivational enhancement
  approach, or treatment as usual; follow-up to 12 months after treatment. The directive
  approach increased AA attendance and involvement; the motivational approach "had no effect on
  outcome measures". No attendance proportions are given.
* **Public Health England (2013)**: information alone often ends in never attending or dropping
  out (citing Humphreys 1999); a more active approach, including promoting and hosting local
  meetings, is usually more effective (citing Timko et al. 2006). No figures.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

import attrs
import numpy as np

from selfhelp_exchange._deprecate import renamed_argument

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "INPUTS",
    "SETTINGS",
    "STUDIES",
    "Input",
    "Study",
    "derive",
    "derived_sources",
    "draw_inputs",
    "input_interval",
    "parameter_sources",
]

#: The settings whose defaults differ: where the clients are when they are referred.
SETTINGS: tuple[str, ...] = ("community", "outpatient", "inpatient")


@attrs.frozen
class Study:
    """A trial the defaults come from, as its abstract describes it."""

    citation: str
    population: str


STUDIES: dict[str, Study] = {
    "manning2012": Study(
        "Manning et al. (2012), Drug Alcohol Depend 126(1-2):131-137",
        "UK inpatients in detoxification; 151 randomised to 3 arms; 83% followed up",
    ),
    "timko2006": Study(
        "Timko, DeBenedetti & Billow (2006), Addiction 101(5):678-688",
        "US outpatients starting a new treatment episode; 345 randomised to 2 arms",
    ),
    "timko2007": Study(
        "Timko & DeBenedetti (2007), Drug Alcohol Depend 90(2-3):270-279",
        "US outpatients (96% previously treated); 345 randomised to 2 arms; 93% followed up",
    ),
    "sisson1981": Study(
        "Sisson & Mallams (1981), Am J Drug Alcohol Abuse 8(3):371-376",
        "US outpatients of a mental-health alcoholism programme; 20 randomised to 2 arms",
    ),
    "walitzer2009": Study(
        "Walitzer, Dermen & Barrick (2009), Addiction 104(3):391-401",
        "US alcoholic outpatients; 169 randomised to 3 arms",
    ),
    "library": Study("this library's assumption", "-"),
}


@attrs.frozen
class Input:
    """One figure the defaults are computed from, with its uncertainty.

    Attributes
    ----------
    value : float
        The figure (a proportion, an odds ratio or a factor).
    basis : {"published", "assumption"}
    study : str
        A key of :data:`STUDIES`.
    arm, outcome, horizon : str
        Which arm, what was measured and over what time.
    n : int or None
        The denominator the figure is a share of (published proportions), for its Beta
        distribution; the note says how it was worked out when the abstract does not give it.
    low, high : float or None
        The range of a uniform distribution (assumptions); None for a published figure.
    note : str
    """

    value: float
    basis: Literal["published", "assumption"]
    study: str
    arm: str
    outcome: str
    horizon: str
    n: int | None = None
    low: float | None = None
    high: float | None = None
    note: str = ""

    @property
    def distribution(self) -> str:
        """The distribution drawn from, as text."""
        if self.n is not None:
            x = self.value * self.n
            return f"Beta({x + 0.5:g}, {self.n - x + 0.5:g})"
        if self.low is not None and self.high is not None and self.low < self.high:
            return f"Uniform({self.low:g}, {self.high:g})"
        return "fixed"

    def draw(self, rng: np.random.Generator) -> float:
        """One value from the distribution."""
        if self.n is not None:
            x = self.value * self.n
            return float(rng.beta(x + 0.5, self.n - x + 0.5))
        if self.low is not None and self.high is not None and self.low < self.high:
            return float(rng.uniform(self.low, self.high))
        return self.value


_STAY = "attended a 12-Step meeting during the inpatient stay"
_AFTER = "attended a 12-Step meeting after discharge (of those followed up)"
_WEEKLY = "attended at least one 12-Step meeting a week in both six-month periods"
_FOLLOWED_42 = (
    "n: 151 / 3 arms ~= 50 randomised per arm (equal arms assumed), 83% followed up ~= 42"
)

#: Every input of :func:`derive`, by name.
INPUTS: dict[str, Input] = {
    "manning_stay_control": Input(
        0.73,
        "published",
        "manning2012",
        "no intervention",
        _STAY,
        "inpatient stay",
        n=50,
        note="n: 151 / 3 arms ~= 50 randomised (equal arms assumed).",
    ),
    "manning_stay_active": Input(
        0.88,
        "published",
        "manning2012",
        "doctor and peer together",
        _STAY,
        "inpatient stay",
        n=101,
        note="n: 151 - 50 = 101. The abstract gives only the two active arms together.",
    ),
    "manning_after_control": Input(
        0.33,
        "published",
        "manning2012",
        "no intervention",
        _AFTER,
        "2-3 months after discharge",
        n=42,
        note=_FOLLOWED_42 + ".",
    ),
    "manning_after_doctor": Input(
        0.48,
        "published",
        "manning2012",
        "doctor intervention",
        _AFTER,
        "2-3 months after discharge",
        n=42,
        note=_FOLLOWED_42 + ".",
    ),
    "manning_after_peer": Input(
        0.64,
        "published",
        "manning2012",
        "12-Step peer intervention",
        _AFTER,
        "2-3 months after discharge",
        n=42,
        note=_FOLLOWED_42 + "; vs no intervention OR 3.6 (95% CI 1.3-9.8).",
    ),
    "manning_after_if_none": Input(
        0.20,
        "published",
        "manning2012",
        "all arms, those who did not attend during the stay",
        _AFTER,
        "2-3 months after discharge",
        n=21,
        note="n: in-stay non-attenders 0.27 x 50 + 0.12 x 101 ~= 26, 83% followed up ~= 21. "
        "Those who did attend during the stay: 59% (not used; the model gives about 54%).",
    ),
    "timko_weekly_standard": Input(
        0.61,
        "published",
        "timko2007",
        "standard referral",
        _WEEKLY,
        "1 year",
        n=160,
        note="n: 345 / 2 ~= 172 per arm (equal arms assumed), 93% followed up ~= 160.",
    ),
    "timko_weekly_intensive": Input(
        0.70,
        "published",
        "timko2007",
        "intensive referral",
        _WEEKLY,
        "1 year",
        n=160,
        note="n: as for the standard arm.",
    ),
    "first_meeting_given_introduced": Input(
        0.9,
        "assumption",
        "library",
        "every arm",
        "goes to a first meeting once connected",
        "the treatment episode",
        low=0.7,
        high=1.0,
        note="No trial separates being connected to a group from going; this splits each "
        "published 'attended' figure into the two steps.",
    ),
    "community_passive_baseline": Input(
        0.3,
        "assumption",
        "library",
        "passive referral",
        "reaches a first meeting during the episode",
        "the treatment episode",
        low=0.0,
        high=0.73,
        note="The local input: set it from your service's records. The range spans the trials' "
        "control arms, from Sisson & Mallams (1981; 0 of their standard-referral outpatients "
        "ever attended) to Manning et al. (2012; 73% of inpatients attended during the stay). "
        "PHE (2013): information alone often ends in never attending.",
    ),
    "outpatient_passive_baseline": Input(
        0.85,
        "assumption",
        "timko2007",
        "standard referral",
        "reaches a first meeting during the episode",
        "the treatment episode",
        low=0.72,
        high=1.0,
        note="Timko & DeBenedetti's standard arm attended weekly at 61%, so at least 61% reached "
        "a first meeting; their patients had much previous 12-Step exposure (Timko et al. "
        "2006). The split of 61% into reaching a meeting and attending weekly is assumed.",
    ),
    "outpatient_first_meeting_odds_ratio": Input(
        1.0,
        "assumption",
        "timko2006",
        "intensive vs standard referral",
        "odds ratio of reaching a first meeting",
        "6 months",
        low=1.0,
        high=2.7,
        note="Timko et al. (2006) report more attendance under intensive referral among "
        "patients with less previous attendance, and name no overall difference (a research "
        "summary of the trial reads it as none at 6 months): taken as no effect for these "
        "12-Step-experienced outpatients, with a range up to Manning et al.'s in-stay odds "
        "ratio (2.7).",
    ),
    "motivational_effect": Input(
        0.0,
        "assumption",
        "walitzer2009",
        "motivational enhancement vs treatment as usual",
        "share of the directive style's effect",
        "12 months after treatment",
        low=0.0,
        high=0.5,
        note="Walitzer et al. (2009): the motivational approach had no effect on outcome "
        "measures (the directive one did). A null result from about 56 per arm does not show "
        "exactly zero; the range is an assumption.",
    ),
    "hosted_effect": Input(
        0.5,
        "assumption",
        "library",
        "a meeting hosted on the premises",
        "share of the directive style's effect",
        "-",
        low=0.0,
        high=1.0,
        note="PHE (2013) names promoting and hosting meetings among active approaches; no trial "
        "here isolates hosting.",
    ),
    "on_site_introduced": Input(
        0.9,
        "assumption",
        "library",
        "any",
        "connected to the group that meets on the premises",
        "-",
        low=0.5,
        high=1.0,
        note="Floor on the 'introduced' step when the chosen group meets on the agency's "
        "premises (a meeting_space exchange).",
    ),
    "mismatch_engagement_factor": Input(
        0.5,
        "assumption",
        "library",
        "any",
        "multiplies 'engaged' when the preferred approach is unavailable",
        "-",
        low=0.25,
        high=1.0,
    ),
    "non_twelve_step_preference": Input(
        0.0,
        "assumption",
        "library",
        "any",
        "wants a non-twelve-step group",
        "-",
        note="Off unless set from a survey of your own clients; not drawn.",
    ),
}


def _odds(p: float) -> float:
    return math.inf if p >= 1 else p / (1 - p)


def _from_odds(o: float) -> float:
    return 1.0 if math.isinf(o) else o / (1 + o)


def _clip(p: float) -> float:
    return min(1.0, max(0.0, p))


def _split(reach: float, first: float) -> tuple[float, float]:
    """(introduced, first_meeting) whose product is ``reach``, first meeting ``first`` if possible."""
    if reach <= 0:
        return 0.0, first
    if reach > first:  # the first meeting cannot be less likely than reaching it
        return 1.0, reach
    return reach / first, first


def derive(
    setting: str,
    values: Mapping[str, float] | None = None,
    *,
    passive_baseline: float | None = None,
) -> dict[str, float]:
    r"""The cascade's parameters for a setting, computed from the inputs.

    Parameters
    ----------
    setting : {"community", "outpatient", "inpatient"}
    values : mapping of input name to value, optional
        Inputs to use instead of :data:`INPUTS`' values (others keep theirs).
    passive_baseline : float, optional
        The probability that a passively referred client reaches a first meeting during the
        episode, instead of the setting's default (community: the assumption
        ``community_passive_baseline``; outpatient: ``outpatient_passive_baseline``; inpatient:
        Manning et al.'s 73%).

    Returns
    -------
    dict of str to float
        Every field of :class:`~selfhelp_exchange.simulate.CascadeParameters`.

    Notes
    -----
    With :math:`R_0` the passive baseline, the facilitated chance of a first meeting is
    :math:`R_1 = \operatorname{odds}^{-1}(\operatorname{odds}(R_0) \cdot OR)`, with OR
    Manning et al.'s in-stay odds ratio (0.88 vs 0.73: 2.71) for inpatients and the community,
    and ``outpatient_first_meeting_odds_ratio`` (1) for outpatients. Each of :math:`R_0, R_1` is
    split into ``introduced`` x ``first_meeting``: passive first meeting =
    ``first_meeting_given_introduced`` (q); the facilitated introduction is the passive one
    times :math:`\sqrt{R_1/R_0}` (facilitation's gain shared evenly by the two steps), capped
    at 1. ``engaged`` (weekly attendance, given a first meeting) is Timko & DeBenedetti's
    weekly attendance over the outpatient first-meeting chance (61% / R0_out; 70% / R1_out).
    ``follow_up`` (attending after the episode) for those who went during it solves Manning et
    al.'s arm figure = :math:`R \cdot a + (1 - R) \cdot b`, with :math:`b` = 20%
    (``later_attendance``, those who did not go during the stay).

    Examples
    --------
    >>> p = derive("inpatient")
    >>> round(p["passive_introduced"] * p["passive_first_meeting"], 4)
    0.73
    >>> round(p["facilitated_introduced"] * p["facilitated_first_meeting"], 4)
    0.88
    >>> round(0.73 * p["passive_follow_up"] + 0.27 * p["later_attendance"], 4)
    0.33
    """
    if setting not in SETTINGS:
        from selfhelp_exchange.simulate.parameters import SimulationError

        msg = f"unknown setting {setting!r} (valid: {', '.join(SETTINGS)})"
        raise SimulationError(msg)
    v = {k: i.value for k, i in INPUTS.items()}
    if values:
        v.update(values)
    q = v["first_meeting_given_introduced"]
    or_manning = _odds(v["manning_stay_active"]) / _odds(v["manning_stay_control"])
    r0_out = v["outpatient_passive_baseline"]
    r1_out = _from_odds(_odds(r0_out) * v["outpatient_first_meeting_odds_ratio"])
    if setting == "inpatient":
        r0, odds_ratio = v["manning_stay_control"], or_manning
    elif setting == "outpatient":
        r0, odds_ratio = r0_out, v["outpatient_first_meeting_odds_ratio"]
    else:
        r0, odds_ratio = v["community_passive_baseline"], or_manning
    if passive_baseline is not None:
        r0 = float(passive_baseline)
    r1 = _from_odds(_odds(r0) * odds_ratio)

    intro_p, first_p = _split(r0, q)
    if r0 > 0:
        intro_f = min(1.0, intro_p * math.sqrt(r1 / r0))
        first_f = r1 / intro_f
        if first_f > 1:
            intro_f, first_f = r1, 1.0
    else:
        intro_f, first_f = 0.0, first_p
    b = v["manning_after_if_none"]
    s_c, s_a = v["manning_stay_control"], v["manning_stay_active"]

    def after(arm: float, stay: float) -> float:
        return _clip((arm - (1 - stay) * b) / stay) if stay > 0 else 0.0

    out = {
        "passive_informed": 1.0,
        "passive_introduced": intro_p,
        "passive_first_meeting": first_p,
        "passive_engaged": v["timko_weekly_standard"] / r0_out if r0_out > 0 else 0.0,
        "passive_follow_up": after(v["manning_after_control"], s_c),
        "facilitated_informed": 1.0,
        "facilitated_introduced": intro_f,
        "facilitated_first_meeting": first_f,
        "facilitated_engaged": v["timko_weekly_intensive"] / r1_out if r1_out > 0 else 0.0,
        "facilitated_follow_up": after(v["manning_after_doctor"], s_a),
        "peer_introduced": intro_f,
        "peer_first_meeting": first_f,
        "peer_engaged": v["timko_weekly_intensive"] / r1_out if r1_out > 0 else 0.0,
        "peer_follow_up": after(v["manning_after_peer"], s_a),
        "later_attendance": b,
        "on_site_introduced": v["on_site_introduced"],
        "motivational_effect": v["motivational_effect"],
        "hosted_effect": v["hosted_effect"],
        "non_twelve_step_preference": v["non_twelve_step_preference"],
        "mismatch_engagement_factor": v["mismatch_engagement_factor"],
    }
    return {k: round(_clip(x), 4) for k, x in out.items()}


def draw_inputs(
    rng: np.random.Generator, fixed: Mapping[str, float] | None = None
) -> dict[str, float]:
    """One draw of every input from its distribution (inputs named in ``fixed`` keep that value).

    Inputs are drawn in the order of :data:`INPUTS`, so a draw depends only on the generator.
    """
    fixed = dict(fixed or {})
    return {k: fixed[k] if k in fixed else i.draw(rng) for k, i in INPUTS.items()}


@renamed_argument("level", "confidence")
def input_interval(name: str, confidence: float = 0.95) -> tuple[float, float]:
    """The central interval of an input's distribution (Beta quantiles by 20,000 fixed draws).

    ``confidence`` is its coverage (``level=`` is the deprecated old name).
    """
    inp = INPUTS[name]
    lo_q, hi_q = (1 - confidence) / 2, (1 + confidence) / 2
    if inp.n is not None:
        rng = np.random.default_rng(20_000)
        x = inp.value * inp.n
        draws = rng.beta(x + 0.5, inp.n - x + 0.5, size=20_000)
        return float(np.quantile(draws, lo_q)), float(np.quantile(draws, hi_q))
    if inp.low is not None and inp.high is not None:
        w = inp.high - inp.low
        return inp.low + lo_q * w, inp.low + hi_q * w
    return inp.value, inp.value


# What each parameter is computed from: (basis, formula over input names, note).
_FORMULAS: dict[str, tuple[str, str, str]] = {
    "passive_informed": (
        "assumption",
        "1",
        (
            "Everyone is told about mutual aid, as in the trials' control arms (Timko: a meeting "
            "schedule; Sisson & Mallams: information). Lower it where some clients are never told."
        ),
    ),
    "passive_introduced": (
        "derived",
        "R0 / first_meeting_given_introduced",
        (
            "Connected to a particular group under passive referral. R0 is the setting's passive "
            "baseline (community: community_passive_baseline; outpatient: "
            "outpatient_passive_baseline; inpatient: manning_stay_control)."
        ),
    ),
    "passive_first_meeting": ("assumption", "first_meeting_given_introduced", ""),
    "passive_engaged": (
        "derived",
        "timko_weekly_standard / outpatient_passive_baseline",
        (
            "At least weekly attendance, given a first meeting. Calibrated to Timko & DeBenedetti "
            "(2007) only through the assumed outpatient baseline; carried over to other settings."
        ),
    ),
    "passive_follow_up": (
        "derived",
        (
            "(manning_after_control - (1 - manning_stay_control) * manning_after_if_none) / "
            "manning_stay_control"
        ),
        (
            "Attends after the episode, given a first meeting during it (Manning et al.'s "
            "no-intervention arm; carried over to other settings)."
        ),
    ),
    "facilitated_informed": ("assumption", "1", "The facilitating keyworker tells everyone."),
    "facilitated_introduced": (
        "derived",
        "min(1, passive_introduced * sqrt(R1 / R0))",
        (
            "R1 = odds^-1(odds(R0) x OR): OR is Manning et al.'s in-stay odds ratio "
            "(manning_stay_active vs manning_stay_control) for the community and inpatients, "
            "outpatient_first_meeting_odds_ratio for outpatients. Facilitation's gain is shared "
            "evenly by 'introduced' and 'first_meeting' (assumption)."
        ),
    ),
    "facilitated_first_meeting": ("derived", "R1 / facilitated_introduced", "Capped at 1."),
    "facilitated_engaged": (
        "derived",
        "timko_weekly_intensive / R1_outpatient",
        (
            "Timko & DeBenedetti's intensive arm (linking to 12-Step volunteers); no trial "
            "separates a directive keyworker from a peer link for weekly attendance."
        ),
    ),
    "facilitated_follow_up": (
        "derived",
        (
            "(manning_after_doctor - (1 - manning_stay_active) * manning_after_if_none) / "
            "manning_stay_active"
        ),
        (
            "Manning et al.'s doctor arm; the abstract gives in-stay attendance for the two active "
            "arms together only."
        ),
    ),
    "peer_introduced": ("derived", "= facilitated_introduced", "Pooled arms (Manning et al.)."),
    "peer_first_meeting": ("derived", "= facilitated_first_meeting", "Pooled arms."),
    "peer_engaged": ("derived", "= facilitated_engaged", ""),
    "peer_follow_up": (
        "derived",
        (
            "(manning_after_peer - (1 - manning_stay_active) * manning_after_if_none) / "
            "manning_stay_active"
        ),
        "Manning et al.'s 12-Step peer arm.",
    ),
    "later_attendance": (
        "published",
        "manning_after_if_none",
        (
            "Attends after the episode without having gone during it: the path from 'no first "
            "meeting' to later attendance."
        ),
    ),
    "on_site_introduced": ("assumption", "on_site_introduced", ""),
    "motivational_effect": ("assumption", "motivational_effect", ""),
    "hosted_effect": ("assumption", "hosted_effect", ""),
    "non_twelve_step_preference": ("assumption", "non_twelve_step_preference", ""),
    "mismatch_engagement_factor": ("assumption", "mismatch_engagement_factor", ""),
}


def derived_sources(setting: str = "community") -> dict[str, tuple[str, str, str]]:
    """Per parameter: (basis, formula with the setting's numbers, note)."""
    params = derive(setting)
    v: dict[str, float] = {k: i.value for k, i in INPUTS.items()}
    out_p = derive("outpatient")
    v["R1_outpatient"] = round(
        out_p["facilitated_introduced"] * out_p["facilitated_first_meeting"], 4
    )
    v["R0"] = round(params["passive_introduced"] * params["passive_first_meeting"], 4)
    v["R1"] = round(params["facilitated_introduced"] * params["facilitated_first_meeting"], 4)
    v["passive_introduced"] = params["passive_introduced"]
    v["facilitated_introduced"] = params["facilitated_introduced"]
    out = {}
    for name, (basis, formula, note) in _FORMULAS.items():
        if basis == "derived":
            shown = formula
            for k in sorted(v, key=len, reverse=True):
                shown = re.sub(rf"\b{k}\b", f"{v[k]:g}", shown)
            text = f"{formula} = {shown} = {params[name]:g}"
        else:
            text = formula if formula != "1" else "1"
        out[name] = (basis, text, note)
    return out


def parameter_sources(setting: str = "community") -> pd.DataFrame:
    """The sources table: every input and every parameter, with where its value comes from.

    Parameters
    ----------
    setting : {"community", "outpatient", "inpatient"}
        The setting whose parameter values are shown.

    Returns
    -------
    pandas.DataFrame
        One row per input (``kind`` ``"input"``) and per parameter of
        :class:`~selfhelp_exchange.simulate.CascadeParameters` (``kind`` ``"parameter"``):
        ``name``, ``kind``, ``value``, ``basis`` (``published``, ``derived`` or
        ``assumption``), ``study``, ``population``, ``arm``, ``outcome``, ``horizon``, ``n``,
        ``distribution``, ``low``, ``high`` (the central 95% of the distribution) and
        ``formula`` (the arithmetic, for derived parameters) and ``note``.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> t = shx.simulate.parameter_sources().set_index("name")
    >>> row = t.loc["manning_stay_control"]
    >>> float(row["value"]), row["basis"], row["horizon"], int(row["n"])
    (0.73, 'published', 'inpatient stay', 50)
    >>> t.loc["motivational_effect"].iloc[0]["study"]  # the input; the parameter row follows
    'Walitzer, Dermen & Barrick (2009), Addiction 104(3):391-401'
    >>> t.loc["later_attendance", "basis"], t.loc["later_attendance", "formula"]
    ('published', 'manning_after_if_none')
    """
    import pandas as pd

    rows = []
    for name, inp in INPUTS.items():
        lo, hi = input_interval(name)
        study = STUDIES[inp.study]
        rows.append(
            {
                "name": name,
                "kind": "input",
                "value": inp.value,
                "basis": inp.basis,
                "study": study.citation,
                "population": study.population,
                "arm": inp.arm,
                "outcome": inp.outcome,
                "horizon": inp.horizon,
                "n": inp.n,
                "distribution": inp.distribution,
                "low": lo,
                "high": hi,
                "formula": "",
                "note": inp.note,
            }
        )
    params = derive(setting)
    rng = np.random.default_rng(20_000)
    drawn = pd.DataFrame([derive(setting, draw_inputs(rng)) for _ in range(2000)])
    lows, highs = drawn.quantile(0.025), drawn.quantile(0.975)
    for name, (basis, formula, note) in derived_sources(setting).items():
        used = _inputs_of(name, setting)
        studies = dict.fromkeys(STUDIES[INPUTS[k].study].citation for k in used)
        horizons = dict.fromkeys(INPUTS[k].horizon for k in used if INPUTS[k].horizon != "-")
        rows.append(
            {
                "name": name,
                "kind": "parameter",
                "value": params[name],
                "basis": basis,
                "study": "; ".join(studies) or STUDIES["library"].citation,
                "population": f"setting: {setting}",
                "arm": name.split("_")[0] if name.split("_")[0] in _ARMS else "any",
                "outcome": INPUTS[name].outcome
                if name in INPUTS
                else _MEANING.get(name.split("_", 1)[1], name),
                "horizon": "; ".join(horizons),
                "n": None,
                "distribution": "from its inputs' draws",
                "low": float(lows[name]),
                "high": float(highs[name]),
                "formula": formula,
                "note": note,
            }
        )
    frame = pd.DataFrame(rows)
    frame["n"] = frame["n"].astype("Int64")
    return frame


_ARMS = ("passive", "facilitated", "peer")

# What each step means, for the sources table.
_MEANING = {
    "informed": "told about mutual aid",
    "introduced": "connected to a group, given told",
    "first_meeting": "a first meeting during the episode, given connected",
    "engaged": "attends at least weekly, given a first meeting",
    "follow_up": "attends after the episode, given a first meeting during it",
    "attendance": "attends after the episode without a first meeting during it",
}

_BASELINE_INPUT = {
    "community": "community_passive_baseline",
    "outpatient": "outpatient_passive_baseline",
    "inpatient": "manning_stay_control",
}


def _inputs_of(name: str, setting: str) -> list[str]:
    """The inputs a parameter's formula uses, with those behind R0 and R1 spelled out."""
    formula = _FORMULAS[name][1]
    if formula.startswith("= "):  # the same value as another parameter
        return _inputs_of(formula[2:], setting)
    used = [k for k in INPUTS if re.search(rf"\b{k}\b", formula)]
    odds = (
        ["outpatient_first_meeting_odds_ratio"]
        if setting == "outpatient"
        else ["manning_stay_active", "manning_stay_control"]
    )
    if re.search(r"\bR0\b|passive_introduced", formula):
        used += [_BASELINE_INPUT[setting], "first_meeting_given_introduced"]
    if re.search(r"\bR1\b|facilitated_(introduced|first_meeting)", formula):
        used += [_BASELINE_INPUT[setting], "first_meeting_given_introduced", *odds]
    if "R1_outpatient" in formula:
        used += ["outpatient_passive_baseline", "outpatient_first_meeting_odds_ratio"]
    return list(dict.fromkeys(used))
