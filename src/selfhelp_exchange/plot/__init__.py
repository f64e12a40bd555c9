"""Plots. Each takes ``ax=None``, returns the matplotlib Axes and never calls ``plt.show()``."""

from __future__ import annotations

from selfhelp_exchange.plot.network import PlotError, draw_network, network_layout

__all__ = ["PlotError", "draw_network", "network_layout"]
