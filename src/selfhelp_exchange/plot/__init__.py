"""Plots: matplotlib figures of networks, linkage and availability.

Every function takes ``ax=None`` (a new figure when None), draws on it and returns the Axes;
none calls ``plt.show()``. matplotlib is imported only when a plot is drawn.
"""

from __future__ import annotations

from selfhelp_exchange.egonet.plots import (
    composition_bars,
    ego_network,
    integration_change,
)
from selfhelp_exchange.exceptions import EgoPlotError
from selfhelp_exchange.plot.availability import availability_map, meeting_heatmap
from selfhelp_exchange.plot.continuum import continuum_strip
from selfhelp_exchange.plot.linkage import linkage_heatmap, linkage_timeline
from selfhelp_exchange.plot.network import PlotError, draw_network, network_layout
from selfhelp_exchange.plot.outcomes import outcome_timeline
from selfhelp_exchange.plot.scorecard import scorecard_profile

__all__ = [
    "EgoPlotError",
    "PlotError",
    "availability_map",
    "composition_bars",
    "continuum_strip",
    "draw_network",
    "ego_network",
    "integration_change",
    "linkage_heatmap",
    "linkage_timeline",
    "meeting_heatmap",
    "network_layout",
    "outcome_timeline",
    "scorecard_profile",
]
