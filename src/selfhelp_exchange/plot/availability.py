"""Plots of local mutual-aid availability: a map with agency catchments, a week-by-hour heatmap."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.patches import Ellipse

from selfhelp_exchange._deprecate import renamed_argument
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.availability import (
    DEFAULT_RADIUS_M,
    DEFAULT_SPEED_KMH,
    availability,
    meeting_distances,
    week_hour_counts,
)
from selfhelp_exchange.geo import EARTH_RADIUS_M
from selfhelp_exchange.meetings import MeetingGuideFeed
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.records import SelfHelpGroup
from selfhelp_exchange.vocabulary import Approach, Weekday

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["APPROACH_COLORS", "availability_map", "meeting_heatmap"]

#: Colours of group places by approach (matplotlib's tab10 colours); None: approach unknown.
APPROACH_COLORS: dict[Approach | None, str] = {
    Approach.TWELVE_STEP: "#1f77b4",
    Approach.NON_TWELVE_STEP: "#ff7f0e",
    Approach.OTHER: "#2ca02c",
    None: "#7f7f7f",
}
_KM_PER_DEGREE = 2 * math.pi * EARTH_RADIUS_M / 1000.0 / 360.0


def _new_ax(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots()
    return new


@renamed_argument("radius_km", "radius_m", factor=1000.0)
@needs_network
def availability_map(
    net: ExchangeNetwork,
    *,
    radius_m: float | None = None,
    travel_minutes: float | None = None,
    speed_kmh: float = DEFAULT_SPEED_KMH,
    ax: Axes | None = None,
    annotate: bool = True,
    **kwargs: Any,
) -> Axes:
    """A map-like scatter of group places, coloured by approach, with agency catchments.

    Longitude runs across and latitude up, with the axes' aspect set to
    ``1 / cos(mean latitude)`` (an equirectangular view), so a catchment of ``radius_m``
    around each agency is drawn as a circle (an ellipse in degrees).

    Parameters
    ----------
    net : ExchangeNetwork
    radius_m, travel_minutes, speed_kmh
        The reach, as in :func:`~selfhelp_exchange.availability` (default 10,000 m;
        ``radius_km=`` still works in this release, with a ``FutureWarning``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    annotate : bool
        Label each agency with its name and the number of groups within reach.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.scatter` for the group places.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Clinic", location={"latitude": 44.16, "longitude": -77.36})],
    ...     groups=[shx.SelfHelpGroup("G1", "Noon AA", "mutual_help", approach="twelve_step",
    ...                 locations=[{"latitude": 44.17, "longitude": -77.37}])])
    >>> ax = availability_map(net, radius_m=5_000)
    >>> len(ax.patches), ax.get_xlabel()
    (1, 'longitude')
    """
    table = availability(
        net, radius_m=radius_m, travel_minutes=travel_minutes, speed_kmh=speed_kmh
    )
    radius = float(table.attrs["radius_km"])
    within_by_id = table["groups_within"].to_dict()
    ax = _new_ax(ax)
    lat: list[float] = []
    lon: list[float] = []
    colors: list[str] = []
    for g in net.groups:
        for loc in g.locations:
            if loc.latitude is not None and loc.longitude is not None:
                lat.append(loc.latitude)
                lon.append(loc.longitude)
                colors.append(APPROACH_COLORS[g.approach])
    options = {"s": 24, "alpha": 0.85, "zorder": 3, **kwargs}
    if lat:
        ax.scatter(lon, lat, c=colors, **options)
    for approach, color in APPROACH_COLORS.items():
        if color in colors:
            label = "approach unknown" if approach is None else approach.value.replace("_", "-")
            ax.scatter([], [], c=color, s=24, label=label)
    a_lat: list[float] = []
    a_lon: list[float] = []
    for agency in net.agencies:
        place = agency.location
        if place is None or place.latitude is None or place.longitude is None:
            continue
        a_lat.append(place.latitude)
        a_lon.append(place.longitude)
        height = 2 * radius / _KM_PER_DEGREE
        width = height / max(math.cos(math.radians(place.latitude)), 1e-6)
        ax.add_patch(
            Ellipse(
                (place.longitude, place.latitude),
                width,
                height,
                facecolor="#d62728",
                edgecolor="#d62728",
                alpha=0.12,
                zorder=1,
            )
        )
        if annotate:
            within = within_by_id[agency.id]
            ax.annotate(
                f"{agency.name} ({within})",
                (place.longitude, place.latitude),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=8,
                zorder=5,
            )
    if a_lat:
        ax.scatter(
            a_lon,
            a_lat,
            marker="s",
            c="#d62728",
            edgecolors="black",
            s=40,
            zorder=4,
            label=f"agency ({radius:g} km reach)",
        )
    every_lat = lat + a_lat
    if every_lat:
        mean = math.radians(float(np.mean(every_lat)))
        ax.set_aspect(1.0 / max(math.cos(mean), 1e-6), adjustable="datalim")
    ax.autoscale_view()
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(f"Mutual-aid groups within {radius:g} km of each agency")
    if lat or a_lat:
        ax.legend(loc="best", fontsize=8)
    return ax


@renamed_argument("radius_km", "radius_m", factor=1000.0)
def meeting_heatmap(
    source: ExchangeNetwork | MeetingGuideFeed | Iterable[SelfHelpGroup],
    *,
    agency: str | None = None,
    radius_m: float = DEFAULT_RADIUS_M,
    ax: Axes | None = None,
    annotate: bool = True,
    **kwargs: Any,
) -> Axes:
    """Weekly meetings as a weekday-by-hour heatmap (Monday at the top, hours across).

    Parameters
    ----------
    source : ExchangeNetwork, MeetingGuideFeed or iterable of SelfHelpGroup
        Whose groups' meeting times to count.
    agency : str, optional
        Count only meetings within ``radius_m`` of this agency (``source`` must be a
        network).
    radius_m : float
        The reach around ``agency`` in metres (default 10,000 m, as
        :func:`~selfhelp_exchange.availability`; ``radius_km=`` still works in this release,
        with a ``FutureWarning``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    annotate : bool
        Write the count in every cell that has meetings.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.imshow` (e.g. ``cmap``).

    Returns
    -------
    matplotlib.axes.Axes
        Its image holds the 7 x 24 counts of :func:`~selfhelp_exchange.availability.week_hour_counts`.

    Raises
    ------
    TypeError
        If ``agency`` is given but ``source`` is not an ExchangeNetwork.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> feed = shx.read_meeting_guide('[{"name": "N", "slug": 1, "day": [1, 2], "time": "12:00"}]')
    >>> ax = meeting_heatmap(feed)
    >>> ax.images[0].get_array()[0:2, 12].tolist()  # Monday and Tuesday at noon
    [1, 1]
    """
    if agency is not None:
        if not isinstance(source, ExchangeNetwork):
            msg = f"'agency' needs an ExchangeNetwork as the source (got {type(source).__name__})"
            raise TypeError(msg)
        groups, _, distance = meeting_distances(source, agency)
        counts = week_hour_counts(groups, mask=distance <= radius_m / 1000.0)
        title = f"Meetings within {radius_m / 1000:g} km of {agency}"
    else:
        if isinstance(source, ExchangeNetwork | MeetingGuideFeed):
            groups = tuple(source.groups)
        else:
            groups = tuple(source)
        counts = week_hour_counts(groups)
        title = "Weekly meetings by day and start hour"
    ax = _new_ax(ax)
    options = {"cmap": "Blues", "aspect": "auto", "interpolation": "nearest", **kwargs}
    image = ax.imshow(counts, **options)
    ax.set_yticks(range(7), [d.value[:3].capitalize() for d in Weekday])
    ax.set_xticks(range(0, 24, 2), [f"{h:02d}" for h in range(0, 24, 2)])
    ax.set_xlabel("start hour")
    ax.set_title(title)
    ax.figure.colorbar(image, ax=ax, label="meetings")
    if annotate:
        top = counts.max() if counts.size else 0
        for d, h in zip(*np.nonzero(counts), strict=True):
            ax.text(
                h,
                d,
                str(counts[d, h]),
                ha="center",
                va="center",
                fontsize=7,
                color="white" if counts[d, h] > top / 2 else "black",
            )
    return ax
