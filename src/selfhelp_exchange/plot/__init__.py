"""Plots: matplotlib figures of networks, linkage and availability.

Every function takes ``ax=None`` (a new figure when None), draws on it and returns the Axes;
none calls ``plt.show()``.
"""

from __future__ import annotations

from selfhelp_exchange.plot.availability import availability_map, meeting_heatmap

__all__ = ["availability_map", "meeting_heatmap"]
