"""Simulate facilitated access to mutual aid: a client-level cascade at each agency.

Public Health England (2013) holds that handing clients information about mutual aid mostly
fails, and that keyworkers who actively facilitate get more clients attending and engaging.
:func:`facilitated_access` moves simulated clients of every agency through the cascade
informed -> introduced -> first meeting -> engaged -> still attending at follow-up, under passive
or facilitated referral, with what the network lets each agency offer. Scenarios
(:func:`adopt_facilitation`, :func:`host_meeting`, :func:`compare_scenarios`), sensitivity
analysis (:func:`sensitivity`, :func:`tornado`) and plots (:mod:`.plots`) build on it.
"""

from __future__ import annotations

from selfhelp_exchange.simulate.cascade import AgencyLinks, agency_links, run_cascade
from selfhelp_exchange.simulate.ensemble import facilitated_access
from selfhelp_exchange.simulate.parameters import (
    MODES,
    SOURCES,
    STAGES,
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

__all__ = [
    "ALL_AGENCIES",
    "MODES",
    "SOURCES",
    "STAGES",
    "AgencyLinks",
    "CascadeParameters",
    "ParameterSource",
    "ScenarioComparison",
    "SimulationError",
    "SimulationResult",
    "adopt_facilitation",
    "agency_links",
    "compare_scenarios",
    "facilitated_access",
    "host_meeting",
    "plot_funnel",
    "plot_scenarios",
    "plot_sensitivity",
    "plot_tornado",
    "run_cascade",
    "sensitivity",
    "tornado",
]
