"""The cascade's parameters: probabilities per stage and rate set, each with its source.

The defaults are computed from figures printed in the abstracts of the facilitated-access trials
(Manning et al. 2012; Timko & DeBenedetti 2007; Timko, DeBenedetti & Billow 2006; Walitzer,
Dermen & Barrick 2009) and from this library's assumptions, by the arithmetic of
:func:`~selfhelp_exchange.simulate.evidence.derive`; :mod:`~selfhelp_exchange.simulate.evidence`
records what each abstract says. The defaults depend on the setting (``community``, the
default; ``outpatient``; ``inpatient``): :meth:`CascadeParameters.for_setting`. Where a step is
not identified by a published figure, :data:`SOURCES` says it is an assumption.

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
.. [4] Walitzer, K. S., Dermen, K. H., & Barrick, C. (2009). Facilitating involvement in
   Alcoholics Anonymous during out-patient treatment: a randomized clinical trial.
   *Addiction*, 104(3), 391-401.
.. [5] Public Health England (2013). *Facilitating access to mutual aid: three essential stages
   for helping clients access appropriate mutual aid support*. London: PHE.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange.exceptions import SimulationError
from selfhelp_exchange.simulate.evidence import SETTINGS, derive, derived_sources

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MODES",
    "SETTINGS",
    "SOURCES",
    "STAGES",
    "STYLES",
    "CascadeParameters",
    "ParameterSource",
    "SimulationError",
]

#: The cascade's stages, in order. The first four are nested (each reached only from the one
#: before); ``follow_up`` (attending after the episode) is reached from ``first_meeting`` or,
#: at the rate ``later_attendance``, by an informed client who did not go during the episode.
STAGES: tuple[str, ...] = ("informed", "introduced", "first_meeting", "engaged", "follow_up")
#: The rate sets: keyworker passive, keyworker facilitated, facilitated through a peer channel.
MODES: tuple[str, ...] = ("passive", "facilitated", "peer")
#: How the keyworker facilitates (see :func:`~selfhelp_exchange.simulate.facilitated_access`).
STYLES: tuple[str, ...] = ("peer", "directive", "motivational", "hosted")


@attrs.frozen
class ParameterSource:
    """Where a default parameter value comes from.

    Attributes
    ----------
    basis : {"published", "derived", "assumption"}
        ``"published"``: a figure printed in the cited trial's abstract; ``"derived"``: computed
        from such figures (and assumptions) by the formula given; ``"assumption"``: this
        library's convention, with no published figure behind it.
    source : str
        For derived values the formula, with the numbers put in; else the input it is.
    note : str
        What the number stands for and what to check.

    Examples
    --------
    >>> from selfhelp_exchange.simulate import SOURCES
    >>> SOURCES["later_attendance"].basis
    'published'
    >>> src = SOURCES["passive_follow_up"]
    >>> src.basis, src.source.endswith("= 0.3781")
    ('derived', True)
    >>> SOURCES["on_site_introduced"].basis
    'assumption'
    """

    basis: Literal["published", "derived", "assumption"]
    source: str
    note: str


#: The cascade's defaults in the community setting (see :meth:`CascadeParameters.for_setting`).
_DEFAULTS = derive("community")

#: The source of every default in :class:`CascadeParameters` (community setting), by field name.
SOURCES: dict[str, ParameterSource] = {
    name: ParameterSource(basis, formula, note)  # type: ignore[arg-type]
    for name, (basis, formula, note) in derived_sources("community").items()
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

    A client at an agency goes through these steps: ``informed`` (told about mutual aid) ->
    ``introduced`` (connected to a particular group, by staff, by a peer, or by their own
    contact) -> ``first_meeting`` (goes to at least one meeting during the treatment episode) ->
    ``engaged`` (attends at least weekly, the measure of Timko & DeBenedetti 2007); and
    ``follow_up`` (attends after the episode, the measure of Manning et al. 2012), reached with
    probability ``*_follow_up`` by a client who went to a first meeting and ``later_attendance``
    by an informed client who did not. Each field is the probability of one step given the
    step before, under one rate set: ``passive`` (the keyworker hands out information),
    ``facilitated`` (active, directive facilitation by the keyworker) and ``peer`` (facilitation
    through a peer channel of the chosen group: ``peer_bridging`` or ``in_reach``).

    ``CascadeParameters()`` holds the defaults of the ``community`` setting;
    :meth:`for_setting` gives those of another setting or another passive baseline.

    Parameters
    ----------
    passive_informed, passive_introduced, passive_first_meeting, passive_engaged, passive_follow_up : float
        Passive referral. Defaults 1.0, 0.3333, 0.9, 0.7176, 0.3781.
    facilitated_informed, facilitated_introduced, facilitated_first_meeting, facilitated_engaged, facilitated_follow_up : float
        Directive facilitation by the keyworker. Defaults 1.0, 0.5376, 1.0, 0.8235, 0.5182.
    peer_introduced, peer_first_meeting, peer_engaged, peer_follow_up : float
        Facilitation through a peer channel. Defaults 0.5376, 1.0, 0.8235, 0.7.
    later_attendance : float
        Attending after the episode without a first meeting during it. Default 0.2 (Manning et
        al. 2012: 20% of those who did not attend during the stay attended after discharge).
    on_site_introduced : float
        Floor on the ``introduced`` step when the chosen group meets at the agency
        (``meeting_space``). Default 0.9 (assumption).
    motivational_effect : float
        Share of the directive effect a motivational style achieves. Default 0 (Walitzer et al.
        2009: no effect).
    hosted_effect : float
        Share of the directive effect achieved by hosting the chosen group's meeting on the
        premises, for the ``hosted`` style. Default 0.5 (assumption).
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
    Every default and its basis ("published", "derived" or "assumption") is in :data:`SOURCES`,
    :meth:`table` and :func:`~selfhelp_exchange.simulate.parameter_sources` (which also gives
    each input's distribution); the arithmetic is
    :func:`~selfhelp_exchange.simulate.evidence.derive`. In the ``inpatient`` setting the
    defaults reproduce Manning et al. (2012) [1]_ and in the ``outpatient`` setting Timko &
    DeBenedetti (2007) [3]_ on networks shaped like the trials
    (:func:`~selfhelp_exchange.simulate.replicate_trial`).

    References
    ----------
    .. [1] Manning, V., et al. (2012). *Drug and Alcohol Dependence*, 126(1-2), 131-137.
    .. [2] Walitzer, K. S., Dermen, K. H., & Barrick, C. (2009). *Addiction*, 104(3), 391-401.
    .. [3] Timko, C., & DeBenedetti, A. (2007). *Drug and Alcohol Dependence*, 90(2-3),
       270-279.

    Examples
    --------
    >>> from selfhelp_exchange.simulate import CascadeParameters
    >>> p = CascadeParameters()
    >>> round(p.passive_informed * p.passive_introduced * p.passive_first_meeting, 2)
    0.3
    >>> q = CascadeParameters.for_setting("inpatient")
    >>> round(q.passive_introduced * q.passive_first_meeting, 2)
    0.73
    >>> p.replace(peer_engaged=0.9).peer_engaged
    0.9
    >>> CascadeParameters(passive_engaged=1.5)
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.SimulationError: parameter 'passive_engaged' must be a probability in [0, 1] (got 1.5)
    """

    passive_informed: float = _p(_DEFAULTS["passive_informed"])
    passive_introduced: float = _p(_DEFAULTS["passive_introduced"])
    passive_first_meeting: float = _p(_DEFAULTS["passive_first_meeting"])
    passive_engaged: float = _p(_DEFAULTS["passive_engaged"])
    passive_follow_up: float = _p(_DEFAULTS["passive_follow_up"])
    facilitated_informed: float = _p(_DEFAULTS["facilitated_informed"])
    facilitated_introduced: float = _p(_DEFAULTS["facilitated_introduced"])
    facilitated_first_meeting: float = _p(_DEFAULTS["facilitated_first_meeting"])
    facilitated_engaged: float = _p(_DEFAULTS["facilitated_engaged"])
    facilitated_follow_up: float = _p(_DEFAULTS["facilitated_follow_up"])
    peer_introduced: float = _p(_DEFAULTS["peer_introduced"])
    peer_first_meeting: float = _p(_DEFAULTS["peer_first_meeting"])
    peer_engaged: float = _p(_DEFAULTS["peer_engaged"])
    peer_follow_up: float = _p(_DEFAULTS["peer_follow_up"])
    later_attendance: float = _p(_DEFAULTS["later_attendance"])
    on_site_introduced: float = _p(_DEFAULTS["on_site_introduced"])
    motivational_effect: float = _p(_DEFAULTS["motivational_effect"])
    hosted_effect: float = _p(_DEFAULTS["hosted_effect"])
    non_twelve_step_preference: float = _p(_DEFAULTS["non_twelve_step_preference"])
    mismatch_engagement_factor: float = _p(_DEFAULTS["mismatch_engagement_factor"])

    @classmethod
    def for_setting(
        cls, setting: str = "community", *, passive_baseline: float | None = None
    ) -> CascadeParameters:
        """The defaults of a setting, optionally with a local passive baseline.

        Parameters
        ----------
        setting : {"community", "outpatient", "inpatient"}
            ``community`` (default): keyworker referral in a community service, no trial of
            its own (passive baseline 0.3, an assumption); ``outpatient``: Timko &
            DeBenedetti (2007); ``inpatient``: Manning et al. (2012).
        passive_baseline : float, optional
            The chance that a passively referred client goes to a first meeting during the
            episode, from your own records. Documented range: 0 (Sisson & Mallams 1981) to
            0.73 (Manning et al. 2012, in-stay). The facilitated rates follow it through the
            setting's odds ratio.

        Raises
        ------
        SimulationError
            For an unknown setting or a baseline outside [0, 1].

        Examples
        --------
        >>> from selfhelp_exchange.simulate import CascadeParameters
        >>> p = CascadeParameters.for_setting("community", passive_baseline=0.1)
        >>> round(p.passive_introduced * p.passive_first_meeting, 3)
        0.1
        >>> round(p.facilitated_introduced * p.facilitated_first_meeting, 3)  # odds x 2.71
        0.232
        """
        if passive_baseline is not None:
            _probability(None, attrs.fields(cls).passive_introduced, passive_baseline)
        return cls(**derive(setting, passive_baseline=passive_baseline))

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

        That is: peer >= facilitated >= passive at every step, and attending after the episode
        is at least as likely after a first meeting as without one (``*_follow_up >=
        later_attendance``). When this holds, facilitation in any style never leaves fewer
        clients at any step than passive referral, in every run (the runs share their random
        numbers; see :func:`~selfhelp_exchange.simulate.facilitated_access`).
        """
        r = self.rates()
        return bool(
            np.all(r[1] >= r[0])
            and np.all(r[2] >= r[1])
            and np.all(r[:, -1] >= self.later_attendance)
        )

    @staticmethod
    def table() -> pd.DataFrame:
        """Every parameter with its default, basis and source: the documented table.

        Examples
        --------
        >>> from selfhelp_exchange.simulate import CascadeParameters
        >>> t = CascadeParameters.table()
        >>> t.loc["later_attendance", "basis"], float(t.loc["peer_follow_up", "default"])
        ('published', 0.7)
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
