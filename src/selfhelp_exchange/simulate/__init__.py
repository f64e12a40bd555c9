"""Simulate facilitated access to mutual aid: a client-level cascade at each agency.

Public Health England (2013) holds that handing clients information about mutual aid often ends
in never attending or dropping out, and that a more active approach is usually more effective.
:func:`facilitated_access` moves simulated clients of every agency through the cascade
informed -> introduced -> first meeting -> attending weekly, and attending after the episode,
under passive or facilitated referral (in a facilitation style), with what the network lets
each agency offer. The defaults come from the trials' abstracts (:func:`parameter_sources`) and
:func:`replicate_trial` replays those trials. Scenarios (:func:`adopt_facilitation`,
:func:`host_meeting`, :func:`compare_scenarios`), sensitivity analysis (:func:`sensitivity`,
:func:`tornado`), the interval an evaluator reports (:func:`access_interval`) and plots
(:mod:`.plots`) build on it.
"""

from __future__ import annotations

from selfhelp_exchange.simulate.cascade import AgencyLinks, agency_links, run_cascade
from selfhelp_exchange.simulate.ensemble import facilitated_access
from selfhelp_exchange.simulate.evidence import parameter_sources
from selfhelp_exchange.simulate.interval import access_interval
from selfhelp_exchange.simulate.parameters import (
    MODES,
    SETTINGS,
    SOURCES,
    STAGES,
    STYLES,
    CascadeParameters,
    ParameterSource,
    SimulationError,
)
from selfhelp_exchange.simulate.plots import (
    plot_funnel,
    plot_scenarios,
    plot_sensitivity,
    plot_tornado,
)
from selfhelp_exchange.simulate.result import ALL_AGENCIES, SimulationResult
from selfhelp_exchange.simulate.scenarios import (
    ScenarioComparison,
    adopt_facilitation,
    compare_scenarios,
    host_meeting,
)
from selfhelp_exchange.simulate.sensitivity import sensitivity, tornado
from selfhelp_exchange.simulate.trials import TRIALS, replicate_trial

__all__ = [
    "ALL_AGENCIES",
    "MODES",
    "SETTINGS",
    "SOURCES",
    "STAGES",
    "STYLES",
    "TRIALS",
    "AgencyLinks",
    "CascadeParameters",
    "ParameterSource",
    "ScenarioComparison",
    "SimulationError",
    "SimulationResult",
    "access_interval",
    "adopt_facilitation",
    "agency_links",
    "compare_scenarios",
    "facilitated_access",
    "host_meeting",
    "parameter_sources",
    "plot_funnel",
    "plot_scenarios",
    "plot_sensitivity",
    "plot_tornado",
    "replicate_trial",
    "run_cascade",
    "sensitivity",
    "tornado",
]
