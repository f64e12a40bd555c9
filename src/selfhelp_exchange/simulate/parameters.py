"""The cascade's parameters: probabilities per stage and strategy, each with its source.

The defaults are set from the one trial whose published arms map onto the network's
facilitation channels: Manning et al. (2012), a UK randomised trial of active referral to
12-step meetings during inpatient detoxification, with a no-intervention arm (here *passive*), a
doctor-delivered arm (here *facilitated* through a practitioner's introduction) and a 12-step
peer-delivered arm (here *facilitated* through a peer channel). Only the figures printed in the
trial's abstract are used; where the abstract does not identify a step on its own, the split is
this library's assumption and :data:`SOURCES` says so.

References
----------
.. [1] Manning, V., Best, D., Faulkner, N., Titherington, E., Morinan, A., Keaney, F., Gossop, M.,
   & Strang, J. (2012). Does active referral by a doctor or 12-Step peer improve 12-Step meeting
   attendance? Results from a pilot randomised control trial. *Drug and Alcohol Dependence*,
   126(1-2), 131-137.
.. [2] Timko, C., DeBenedetti, A., & Billow, R. (2006). Intensive referral to 12-Step self-help
   groups and 6-month substance use disorder outcomes. *Addiction*, 101(5), 678-688.
.. [3] Timko, C., & DeBenedetti, A. (2007). A randomized controlled trial of intensive referral
   to 12-step self-help groups: one-year outcomes. *Drug and Alcohol Dependence*, 90(2-3),
   270-279.
.. [4] Public Health England (2013). *Facilitating access to mutual aid: three essential stages
   for helping clients access appropriate mutual aid support*. London: PHE.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange.exceptions import SelfHelpExchangeError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MODES",
    "SOURCES",
    "STAGES",
    "CascadeParameters",
    "ParameterSource",
    "SimulationError",
]

#: The cascade's stages, in order; each is reached only from the one before.
STAGES: tuple[str, ...] = ("informed", "introduced", "first_meeting", "engaged", "follow_up")
#: The rate sets: keyworker passive, keyworker facilitated, facilitated through a peer channel.
MODES: tuple[str, ...] = ("passive", "facilitated", "peer")


class SimulationError(SelfHelpExchangeError, ValueError):
    """A simulation was asked for with arguments it cannot use (the message says which).

    Examples
    --------
    >>> from selfhelp_exchange.simulate import CascadeParameters
    >>> CascadeParameters().replace(facilitated_engagement=0.8)
    Traceback (most recent call last):
    ...
    selfhelp_exchange.simulate.parameters.SimulationError: unknown cascade parameter(s) 'facilitated_engagement' (valid: passive_informed, passive_introduced, passive_first_meeting, passive_engaged, passive_follow_up, facilitated_informed, facilitated_introduced, facilitated_first_meeting, facilitated_engaged, facilitated_follow_up, peer_introduced, peer_first_meeting, peer_engaged, peer_follow_up, on_site_introduced, non_twelve_step_preference, mismatch_engagement_factor)
    """


@attrs.frozen
class ParameterSource:
    """Where a default parameter value comes from.

    Attributes
    ----------
    basis : {"trial", "derived", "assumption"}
        ``"trial"``: a figure printed in the cited trial's abstract; ``"derived"``: computed from
        such figures by the formula given; ``"assumption"``: this library's convention, with no
        published figure behind it.
    source : str
        The citation, and for derived values the formula.
    note : str
        What the number stands for and what to check.

    Examples
    --------
    >>> from selfhelp_exchange.simulate import SOURCES
    >>> src = SOURCES["facilitated_first_meeting"]
    >>> src.basis, src.source.startswith("Manning et al. (2012)")
    ('trial', True)
    >>> SOURCES["on_site_introduced"].basis
    'assumption'
    """

    basis: Literal["trial", "derived", "assumption"]
    source: str
    note: str


_MANNING = "Manning et al. (2012), Drug Alcohol Depend 126(1-2):131-137, abstract (Results)"
_NOT_TABLE = (
    "The abstract gives the figure; the table it comes from was not checked by this library "
    "(verify against the paper's results tables)."
)

# Figures printed in the abstract of Manning et al. (2012), as proportions of each arm.
MANNING_IN_TREATMENT_NONE = (
    0.73  # attended a 12-step meeting during inpatient stay, no intervention
)
MANNING_IN_TREATMENT_ACTIVE = 0.88  # same, the two active-referral arms together
MANNING_POST_NONE = 0.33  # attended after discharge (2-3 month follow-up), no intervention
MANNING_POST_DOCTOR = 0.48  # same, doctor intervention
MANNING_POST_PEER = 0.64  # same, 12-step peer intervention


def _root(x: float) -> float:
    return round(math.sqrt(x), 4)


_PASSIVE_INTRODUCED = round(MANNING_IN_TREATMENT_NONE / MANNING_IN_TREATMENT_ACTIVE, 4)
_PASSIVE_AFTER = _root(MANNING_POST_NONE / MANNING_IN_TREATMENT_NONE)
_FACILITATED_AFTER = _root(MANNING_POST_DOCTOR / MANNING_IN_TREATMENT_ACTIVE)
_PEER_AFTER = _root(MANNING_POST_PEER / MANNING_IN_TREATMENT_ACTIVE)

_SPLIT = (
    "The abstract gives only the product of the 'engaged' and 'follow_up' steps (attendance after "
    "discharge over attendance during treatment); the library splits it evenly, each step "
    "taking its square root (assumption). 'engaged' is therefore not calibrated on its own."
)

#: The source of every default in :class:`CascadeParameters`, by field name.
SOURCES: dict[str, ParameterSource] = {
    "passive_informed": ParameterSource(
        "assumption",
        "library assumption, matching the trials' comparison arms",
        "Every client is told about mutual aid. In Timko & DeBenedetti (2007) standard-referral "
        "patients received a meeting schedule; in Manning et al. (2012) 73% of the "
        "no-intervention arm attended during treatment. Lower it for services where many "
        "clients are never told (PHE 2013).",
    ),
    "passive_introduced": ParameterSource(
        "derived",
        f"{_MANNING}: 0.73 / 0.88 = {_PASSIVE_INTRODUCED}",
        "Share of informed clients who connect themselves to a group. In-treatment attendance "
        "without intervention (73%) over the first-meeting rate after a connection (88%). "
        + _NOT_TABLE,
    ),
    "passive_first_meeting": ParameterSource(
        "assumption",
        f"library assumption, set to the active arms' rate in {_MANNING}: 0.88",
        "A connected client goes to a first meeting with the same probability whoever made the "
        "connection; this identifies the passive 'introduced' step.",
    ),
    "passive_engaged": ParameterSource(
        "derived",
        f"{_MANNING}: sqrt(0.33 / 0.73) = {_PASSIVE_AFTER}",
        "No-intervention arm: post-discharge attendance 33%, in-treatment 73%. " + _SPLIT,
    ),
    "passive_follow_up": ParameterSource(
        "derived",
        f"{_MANNING}: sqrt(0.33 / 0.73) = {_PASSIVE_AFTER}",
        "See passive_engaged. " + _NOT_TABLE,
    ),
    "facilitated_informed": ParameterSource(
        "assumption",
        "library assumption: facilitation begins with an explicit conversation (PHE 2013)",
        "Every client is told.",
    ),
    "facilitated_introduced": ParameterSource(
        "assumption",
        "library assumption, matching the trials' protocols",
        "In the active arms of Manning et al. (2012) and the intensive arm of Timko et al. (2006) "
        "every patient received the linking intervention.",
    ),
    "facilitated_first_meeting": ParameterSource(
        "trial",
        f"{_MANNING}: 0.88",
        "In-treatment attendance, the doctor and peer arms together (88% vs 73% without "
        "intervention, p < .05). " + _NOT_TABLE,
    ),
    "facilitated_engaged": ParameterSource(
        "derived",
        f"{_MANNING}: sqrt(0.48 / 0.88) = {_FACILITATED_AFTER}",
        "Doctor-intervention arm: post-discharge attendance 48%. " + _SPLIT,
    ),
    "facilitated_follow_up": ParameterSource(
        "derived",
        f"{_MANNING}: sqrt(0.48 / 0.88) = {_FACILITATED_AFTER}",
        "See facilitated_engaged. " + _NOT_TABLE,
    ),
    "peer_introduced": ParameterSource(
        "assumption",
        "library assumption, matching the trial's protocol",
        "Every client offered a peer connection receives it (as in the peer arm of Manning et "
        "al. 2012).",
    ),
    "peer_first_meeting": ParameterSource(
        "trial",
        f"{_MANNING}: 0.88",
        "The abstract reports in-treatment attendance for the doctor and peer arms together "
        "only, so the peer rate equals the facilitated one. " + _NOT_TABLE,
    ),
    "peer_engaged": ParameterSource(
        "derived",
        f"{_MANNING}: sqrt(0.64 / 0.88) = {_PEER_AFTER}",
        "Peer-intervention arm: post-discharge attendance 64% (OR 3.6, 95% CI 1.3-9.8, vs no "
        "intervention). " + _SPLIT,
    ),
    "peer_follow_up": ParameterSource(
        "derived",
        f"{_MANNING}: sqrt(0.64 / 0.88) = {_PEER_AFTER}",
        "See peer_engaged. " + _NOT_TABLE,
    ),
    "on_site_introduced": ParameterSource(
        "assumption",
        "library assumption (no trial isolates the effect of hosting)",
        "Lower bound on the 'introduced' step when the chosen group meets on the agency's "
        "premises (a meeting_space exchange): between the passive (0.83) and facilitated (1.0) "
        "rates. Set it from local data.",
    ),
    "non_twelve_step_preference": ParameterSource(
        "assumption",
        "library assumption: off (0) unless set",
        "Share of clients who want a group outside the twelve steps (approach 'non_twelve_step' "
        "or 'other'). No published figure is built in; set it from a client survey.",
    ),
    "mismatch_engagement_factor": ParameterSource(
        "assumption",
        "library assumption",
        "Multiplies the 'engaged' step for a client whose preferred approach is not among the "
        "groups the agency is linked to (so they try one they did not want).",
    ),
}


def _probability(_inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    ok = isinstance(value, int | float | np.floating | np.integer) and not isinstance(value, bool)
    if not ok or not (0.0 <= float(value) <= 1.0):
        msg = f"parameter {attr.name!r} must be a probability in [0, 1] (got {value!r})"
        raise SimulationError(msg)


def _p(default: float) -> Any:
    return attrs.field(default=default, converter=_to_float, validator=_probability)


def _to_float(value: Any) -> Any:
    if isinstance(value, int | float | np.floating | np.integer) and not isinstance(value, bool):
        return float(value)
    return value  # the validator names the bad value


@attrs.frozen
class CascadeParameters:
    r"""Probabilities of each step of the facilitated-access cascade, by rate set.

    A client at an agency goes through five steps, each reached only from the one before:
    ``informed`` (told about mutual aid) -> ``introduced`` (connected to a particular group,
    by staff, by a peer, or by their own contact) -> ``first_meeting`` -> ``engaged`` (kept
    going, became involved) -> ``follow_up`` (still attending at follow-up). Each field is the
    probability of one step given the step before, under one rate set: ``passive`` (the
    keyworker hands out information), ``facilitated`` (PHE-style active facilitation by the
    keyworker) and ``peer`` (facilitation through a peer channel of the chosen group:
    ``peer_bridging`` or ``in_reach``).

    Parameters
    ----------
    passive_informed, passive_introduced, passive_first_meeting, passive_engaged, passive_follow_up : float
        Passive referral. Defaults 1.0, 0.8295, 0.88, 0.6724, 0.6724.
    facilitated_informed, facilitated_introduced, facilitated_first_meeting, facilitated_engaged, facilitated_follow_up : float
        Facilitation by the keyworker. Defaults 1.0, 1.0, 0.88, 0.7385, 0.7385.
    peer_introduced, peer_first_meeting, peer_engaged, peer_follow_up : float
        Facilitation through a peer channel. Defaults 1.0, 0.88, 0.8528, 0.8528.
    on_site_introduced : float
        Floor on the ``introduced`` step when the chosen group meets at the agency
        (``meeting_space``). Default 0.9 (assumption).
    non_twelve_step_preference : float
        Share of clients who want a non-twelve-step group. Default 0 (assumption: off).
    mismatch_engagement_factor : float
        Multiplier of the ``engaged`` step for a client whose preferred approach is not
        available. Default 0.5 (assumption).

    Raises
    ------
    SimulationError
        If a value is not a number in [0, 1].

    Notes
    -----
    Every default and its basis ("trial", "derived" or "assumption") is in :data:`SOURCES` and
    :meth:`table`. The defaults reproduce the arms of Manning et al. (2012) [1]_ on a network
    shaped like the trial (one twelve-step group; see ``tests/test_simulate_calibration.py``):
    the passive share reaching ``first_meeting`` is :math:`1 \times 0.8295 \times 0.88 = 0.73`
    and ``follow_up`` :math:`0.73 \times 0.6724^2 = 0.33`; facilitated
    :math:`0.88` and :math:`0.88 \times 0.7385^2 = 0.48`; through a peer channel
    :math:`0.88` and :math:`0.88 \times 0.8528^2 = 0.64`. Timko, DeBenedetti & Billow (2006) [2]_
    and Timko & DeBenedetti (2007) [3]_ report the same direction in US outpatients (intensive
    referral: more 12-step involvement; at least weekly attendance 70% vs 61% over the year);
    their figures are not used as defaults because their patients had long previous exposure to
    12-step groups and the cascade's steps do not map onto their involvement scale.

    References
    ----------
    .. [1] Manning, V., et al. (2012). Does active referral by a doctor or 12-Step peer improve
       12-Step meeting attendance? Results from a pilot randomised control trial. *Drug and
       Alcohol Dependence*, 126(1-2), 131-137.
    .. [2] Timko, C., DeBenedetti, A., & Billow, R. (2006). Intensive referral to 12-Step
       self-help groups and 6-month substance use disorder outcomes. *Addiction*, 101(5),
       678-688.
    .. [3] Timko, C., & DeBenedetti, A. (2007). A randomized controlled trial of intensive
       referral to 12-step self-help groups: one-year outcomes. *Drug and Alcohol Dependence*,
       90(2-3), 270-279.

    Examples
    --------
    >>> from selfhelp_exchange.simulate import CascadeParameters
    >>> p = CascadeParameters()
    >>> round(p.passive_informed * p.passive_introduced * p.passive_first_meeting, 2)
    0.73
    >>> p.replace(peer_engaged=0.9).peer_engaged
    0.9
    >>> CascadeParameters(passive_engaged=1.5)
    Traceback (most recent call last):
    ...
    selfhelp_exchange.simulate.parameters.SimulationError: parameter 'passive_engaged' must be a probability in [0, 1] (got 1.5)
    """

    passive_informed: float = _p(1.0)
    passive_introduced: float = _p(_PASSIVE_INTRODUCED)
    passive_first_meeting: float = _p(MANNING_IN_TREATMENT_ACTIVE)
    passive_engaged: float = _p(_PASSIVE_AFTER)
    passive_follow_up: float = _p(_PASSIVE_AFTER)
    facilitated_informed: float = _p(1.0)
    facilitated_introduced: float = _p(1.0)
    facilitated_first_meeting: float = _p(MANNING_IN_TREATMENT_ACTIVE)
    facilitated_engaged: float = _p(_FACILITATED_AFTER)
    facilitated_follow_up: float = _p(_FACILITATED_AFTER)
    peer_introduced: float = _p(1.0)
    peer_first_meeting: float = _p(MANNING_IN_TREATMENT_ACTIVE)
    peer_engaged: float = _p(_PEER_AFTER)
    peer_follow_up: float = _p(_PEER_AFTER)
    on_site_introduced: float = _p(0.9)
    non_twelve_step_preference: float = _p(0.0)
    mismatch_engagement_factor: float = _p(0.5)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every parameter's name, in field order."""
        return tuple(f.name for f in attrs.fields(cls))

    def replace(self, **changes: float) -> CascadeParameters:
        """A copy with some parameters changed.

        Raises
        ------
        SimulationError
            If a name is not a parameter (the message lists the valid ones) or a value is not
            a probability.
        """
        unknown = sorted(set(changes) - set(self.names()))
        if unknown:
            msg = (
                f"unknown cascade parameter(s) {', '.join(map(repr, unknown))} "
                f"(valid: {', '.join(self.names())})"
            )
            raise SimulationError(msg)
        return attrs.evolve(self, **changes)

    def rates(self) -> npt.NDArray[np.float64]:
        """The step probabilities as an array of shape (3, 5): rate set (:data:`MODES`) x stage.

        The peer set has no ``informed`` step of its own (a peer channel is used only once the
        client has been told); its entry repeats ``facilitated_informed``.
        """
        out = np.empty((len(MODES), len(STAGES)))
        for i, mode in enumerate(MODES):
            for j, stage in enumerate(STAGES):
                name = f"{mode}_{stage}"
                out[i, j] = getattr(self, name if hasattr(self, name) else f"facilitated_{stage}")
        return out

    def facilitation_dominates(self) -> bool:
        """Whether facilitation's rates dominate passive referral's.

        That is: peer >= facilitated >= passive at every step, and the facilitated (hence the
        peer) introduction is at least the on-site floor. When this holds, facilitation never leaves fewer clients at any step than passive
        referral, in every run (the runs share their random numbers; see
        :func:`~selfhelp_exchange.simulate.facilitated_access`).
        """
        r = self.rates()
        intro = STAGES.index("introduced")
        return bool(
            np.all(r[1] >= r[0])
            and np.all(r[2] >= r[1])
            and r[1, intro] >= self.on_site_introduced
        )

    @staticmethod
    def table() -> pd.DataFrame:
        """Every parameter with its default, basis and source: the documented table.

        Examples
        --------
        >>> from selfhelp_exchange.simulate import CascadeParameters
        >>> t = CascadeParameters.table()
        >>> t.loc["facilitated_first_meeting", "basis"], float(t.loc["peer_engaged", "default"])
        ('trial', 0.8528)
        """
        import pandas as pd

        defaults = CascadeParameters()
        rows = [
            {
                "parameter": name,
                "default": getattr(defaults, name),
                "basis": SOURCES[name].basis,
                "source": SOURCES[name].source,
                "note": SOURCES[name].note,
            }
            for name in CascadeParameters.names()
        ]
        return pd.DataFrame(rows).set_index("parameter")
