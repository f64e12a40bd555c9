r"""Local availability of mutual aid around each agency, and the gaps.

Public Health England's guidance on facilitating access to mutual aid (2013) asks local
partnerships to assess what mutual aid is available, where the gaps are and what the barriers
are. :func:`availability` answers the first two questions for every agency of a network: which
groups and meetings lie within reach, when they meet (weekday evenings, weekends), whether there
are online options, how they spread over group types, approaches (twelve-step or not), focus and
audience, and which gaps show (no non-twelve-step option within reach, no family group, nothing
in the evening, nothing at the weekend).

Reach is straight-line (great-circle) distance from the agency to a meeting's place, within a
radius in kilometres, or within a travel time turned into a radius at a given speed. Times are
the meetings' local clock times as listed; no time-zone conversion is made.

References
----------
.. [1] Public Health England (2013). *Facilitating access to mutual aid: three essential stages
   for helping clients access appropriate mutual aid support*. London: PHE.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import renamed_argument
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.exceptions import ArgumentError, UnknownNodeError
from selfhelp_exchange.geo import EARTH_RADIUS_M, pairwise_haversine_m
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.records import Agency, SelfHelpGroup
from selfhelp_exchange.vocabulary import Approach, Focus, GroupType, MeetingPlace, Weekday

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AUDIENCE_FLAGS",
    "DEFAULT_RADIUS_KM",
    "DEFAULT_RADIUS_M",
    "DEFAULT_SPEED_KMH",
    "availability",
    "meeting_distances",
    "week_hour_counts",
]

#: Default reach (metres, as every distance argument of this library). This library's
#: convention, taken from the design's example of a gap ("no non-12-step option within
#: 10 km"): a distance most clients can travel to an evening meeting in a town and its
#: surroundings. Set it to what your area's transport allows.
DEFAULT_RADIUS_M = 10_000.0
#: The same default reach in km (the unit of the ``nearest_*_km`` columns and of the gap text).
DEFAULT_RADIUS_KM = DEFAULT_RADIUS_M / 1000.0
#: Default speed (km/h) turning a travel time into a radius. This library's convention: a
#: straight-line speed for local road travel, stops and detours included; set it from your
#: own travel data (it is not from a published source).
DEFAULT_SPEED_KMH = 30.0

#: Audience columns: each counts reachable groups with a True attribute of one of these names
#: (the names :func:`~selfhelp_exchange.read_meeting_guide` gives the Meeting Guide type codes
#: W, M, Y, SEN, LGBTQ/G/L/BI/T/NB, X; hand-built groups may carry them too).
AUDIENCE_FLAGS: dict[str, tuple[str, ...]] = {
    "audience_women": ("women",),
    "audience_men": ("men",),
    "audience_young_people": ("young_people",),
    "audience_seniors": ("seniors",),
    "audience_lgbtq": ("lgbtq", "gay", "lesbian", "bisexual", "transgender", "non_binary"),
    "access_wheelchair": ("wheelchair_access",),
}

_WEEKDAYS = tuple(Weekday)  # Monday first, as Weekday.number


@attrs.frozen
class _Tables:
    """The groups' located places and scheduled meetings as flat numpy arrays."""

    groups: tuple[SelfHelpGroup, ...]
    loc_lat: npt.NDArray[np.float64]  # places with coordinates only
    loc_lon: npt.NDArray[np.float64]
    loc_group: npt.NDArray[np.int64]
    meet_group: npt.NDArray[np.int64]
    meet_day: npt.NDArray[np.int64]  # Monday 0 ... Sunday 6
    meet_minute: npt.NDArray[np.int64]  # start, minutes after midnight
    meet_loc: npt.NDArray[np.int64]  # a place index; -1: the group's nearest; -2: no place
    online: npt.NDArray[np.bool_]  # the group has an online option
    online_only: npt.NDArray[np.bool_]
    unlocated: tuple[str, ...]  # in-person groups with no coordinates


_NO_PLACE = -2  # a meeting held at no place one can go to (online only, or inactive)


def _remote_meetings(g: SelfHelpGroup) -> frozenset[int]:
    """Positions of the group's meetings held at no precise place (``remote_meetings``).

    :func:`~selfhelp_exchange.read_meeting_guide` lists them: online-only and inactive
    meetings, and meetings whose place is approximate or city-level.
    """
    listed = g.attributes.get("remote_meetings")
    if not isinstance(listed, str) or not listed:
        return frozenset()
    return frozenset(int(p) for p in listed.split(";") if p.strip().isdigit())


def _tables(groups: Sequence[SelfHelpGroup]) -> _Tables:
    lat: list[float] = []
    lon: list[float] = []
    loc_group: list[int] = []
    m_group: list[int] = []
    m_day: list[int] = []
    m_minute: list[int] = []
    m_loc: list[int] = []
    unlocated: list[str] = []
    for g_index, g in enumerate(groups):
        local: dict[int, int] = {}
        for k, loc in enumerate(g.locations):
            if loc.latitude is not None and loc.longitude is not None:
                local[k] = len(lat)
                lat.append(loc.latitude)
                lon.append(loc.longitude)
                loc_group.append(g_index)
        if not local and g.meeting_place is not MeetingPlace.ONLINE:
            unlocated.append(g.id)
        remote = _remote_meetings(g)
        for k, mt in enumerate(g.meetings):
            m_group.append(g_index)
            m_day.append(mt.day.number)
            m_minute.append(mt.start.hour * 60 + mt.start.minute)
            if k in remote:
                m_loc.append(_NO_PLACE)
            else:
                m_loc.append(local.get(mt.location, -1) if mt.location is not None else -1)
    online_only = np.array([g.meeting_place is MeetingPlace.ONLINE for g in groups], dtype=bool)
    online = online_only | np.array([g.attributes.get("online") is True for g in groups], bool)

    def ints(values: list[int]) -> npt.NDArray[np.int64]:
        return np.asarray(values, dtype=np.int64)

    return _Tables(
        groups=tuple(groups),
        loc_lat=np.asarray(lat, dtype=np.float64),
        loc_lon=np.asarray(lon, dtype=np.float64),
        loc_group=ints(loc_group),
        meet_group=ints(m_group),
        meet_day=ints(m_day),
        meet_minute=ints(m_minute),
        meet_loc=ints(m_loc),
        online=online,
        online_only=online_only,
        unlocated=tuple(unlocated),
    )


def _agency_coords(agencies: Sequence[Agency]) -> tuple[npt.NDArray[np.float64], ...]:
    pairs = [
        (a.location.latitude, a.location.longitude)
        if a.location is not None
        and a.location.latitude is not None
        and a.location.longitude is not None
        else (math.nan, math.nan)
        for a in agencies
    ]
    arr = np.array(pairs, dtype=np.float64).reshape(-1, 2)
    return arr[:, 0], arr[:, 1]


def _distances_km(
    lat: npt.NDArray[np.float64], lon: npt.NDArray[np.float64], t: _Tables
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """(agency x group, agency x meeting) distances in km; inf where there is no place."""
    n_a, n_g = lat.shape[0], len(t.groups)
    d_loc = pairwise_haversine_m(lat, lon, t.loc_lat, t.loc_lon) / 1000.0  # (A, L)
    d_group = np.full((n_a, n_g), np.inf)
    if t.loc_group.size:
        # row-wise minimum over each group's places: d_group.T[g] = min over its columns
        np.minimum.at(d_group.T, t.loc_group, d_loc.T)
    d_meet = np.where(
        t.meet_loc[None, :] >= 0,
        d_loc[:, np.maximum(t.meet_loc, 0)] if t.loc_lat.size else np.inf,
        np.where(t.meet_loc[None, :] == _NO_PLACE, np.inf, d_group[:, t.meet_group]),
    )
    # an agency without coordinates: unknown (NaN), not unreachable
    unknown = np.isnan(lat)
    d_group[unknown] = np.nan
    d_meet = np.asarray(d_meet, dtype=np.float64).reshape(n_a, t.meet_group.shape[0])
    d_meet[unknown] = np.nan
    return d_group, d_meet


def _radius(radius_m: float | None, travel_minutes: float | None, speed_kmh: float) -> float:
    """The reach in km, from a radius in metres or a travel time."""

    def positive(name: str, value: Any) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            msg = f"{name!r} must be a finite number >= 0 (got {value!r})"
            raise ArgumentError(msg)
        return float(value)

    if radius_m is not None and travel_minutes is not None:
        msg = "give 'radius_m' or 'travel_minutes' (with 'speed_kmh'), not both"
        raise ArgumentError(msg)
    if travel_minutes is not None:
        return positive("travel_minutes", travel_minutes) / 60.0 * positive("speed_kmh", speed_kmh)
    return positive("radius_m", DEFAULT_RADIUS_M if radius_m is None else radius_m) / 1000.0


def _minutes(value: str | dt.time, name: str) -> int:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = dt.time.fromisoformat(value.strip())
    if not isinstance(value, dt.time):
        msg = f"{name!r} must be a time of day as 'HH:MM' (got {value!r})"
        raise ArgumentError(msg)
    return value.hour * 60 + value.minute


def _weekdays(values: Iterable[Weekday | str], name: str) -> npt.NDArray[np.bool_]:
    mask = np.zeros(7, dtype=bool)
    for v in values:
        try:
            mask[Weekday(v).number] = True
        except ValueError:
            allowed = ", ".join(d.value for d in Weekday)
            msg = f"{name!r} must hold weekdays ({allowed}); got {v!r}"
            raise ArgumentError(msg) from None
    return mask


@renamed_argument("radius_km", "radius_m", factor=1000.0)
@needs_network
def availability(
    net: ExchangeNetwork,
    *,
    radius_m: float | None = None,
    travel_minutes: float | None = None,
    speed_kmh: float = DEFAULT_SPEED_KMH,
    evening_from: str | dt.time = "18:00",
    weekend: Iterable[Weekday | str] = (Weekday.SATURDAY, Weekday.SUNDAY),
    count_online: bool = False,
) -> pd.DataFrame:
    r"""What mutual aid each agency's clients can reach, when, of which kind, and the gaps.

    Parameters
    ----------
    net : ExchangeNetwork
        Agencies and groups with locations (coordinates) and meeting times, e.g. agencies of
        your area and ``feed.groups`` from :func:`~selfhelp_exchange.read_meeting_guide`.
    radius_m : float, optional
        Reach in metres: a group or meeting counts when its place lies within this
        great-circle distance of the agency. Default :data:`DEFAULT_RADIUS_M` (10,000 m, this
        library's convention). ``radius_km=`` still works in this release (with a
        ``FutureWarning``; the value is taken in km).
    travel_minutes : float, optional
        Reach as a travel time instead: radius = ``travel_minutes / 60 * speed_kmh``. Give
        this or ``radius_m``, not both.
    speed_kmh : float
        For ``travel_minutes``; default :data:`DEFAULT_SPEED_KMH` (30 km/h, this library's
        convention).
    evening_from : str or datetime.time
        Meetings starting at or after this local time are evening meetings (default
        ``"18:00"``, inclusive).
    weekend : iterable of Weekday or str
        The weekend days (default Saturday and Sunday).
    count_online : bool
        Count groups with an online option (``meeting_place`` online, or an ``online``
        attribute set True by the Meeting Guide reader) as reachable from every agency, with
        all their meetings. Default False: reach is physical; online options are counted
        apart (``online_groups``, ``online_meetings``).

    Returns
    -------
    pandas.DataFrame
        One row per agency (index ``agency_id``). Group counts are of distinct reachable
        groups; meeting counts of reachable weekly meetings
        (:class:`~selfhelp_exchange.MeetingTime`).

        - ``agency_name``, ``has_coordinates``;
        - ``groups_within``, ``meetings_within``;
        - ``approach_<value>`` for twelve_step, non_twelve_step, other and ``approach_unknown``;
          ``focus_<value>`` for substance_use, mental_health, co_occurring, family and
          ``focus_unknown``; ``type_<value>`` for each :class:`~selfhelp_exchange.GroupType`;
        - audience columns (:data:`AUDIENCE_FLAGS`): ``audience_women``, ``audience_men``,
          ``audience_young_people``, ``audience_seniors``, ``audience_lgbtq``,
          ``access_wheelchair``;
        - ``weekday_evening_meetings`` (Monday-Friday, from ``evening_from``),
          ``evening_meetings`` (any day, from ``evening_from``), ``weekend_meetings``;
        - ``online_groups``, ``online_meetings``: online options in the whole network;
        - ``nearest_group_km``, ``nearest_twelve_step_km``, ``nearest_non_twelve_step_km``,
          ``nearest_family_km``, ``nearest_mental_health_km`` (mental-health or
          co-occurring focus): the distance to the nearest such group's place, NaN if none
          is located;
        - gap flags: ``no_group_within_radius``, ``no_twelve_step_within_radius``,
          ``no_non_twelve_step_within_radius``, ``no_family_group``,
          ``no_mental_health_group``, ``no_evening_meeting`` (nothing from ``evening_from``),
          ``no_weekend_meeting``, ``no_online_option``;
        - ``gaps``: the gaps in words, ``"; "``-separated (``""`` when none).

        An agency without coordinates has ``has_coordinates`` False, distance-based counts and
        flags missing (pandas ``<NA>``) and ``gaps`` saying so. ``df.attrs`` records the
        parameters (``radius_m``, ``radius_km``, ``evening_from``, ``weekend``, ``count_online``,
        ``earth_radius_m``) and ``groups_without_coordinates``: in-person groups that could not
        be placed and so count for no agency.

    Raises
    ------
    ArgumentError
        For a negative or non-finite radius, time or speed, both ``radius_m`` and
        ``travel_minutes``, an ``evening_from`` that is not a time, or a weekend day that is
        not a weekday.

    Notes
    -----
    With agency :math:`a`, group :math:`g` with located places :math:`P_g`, and
    :math:`d` the haversine distance (:func:`~selfhelp_exchange.geo.haversine_m`, mean Earth
    radius 6371.0088 km):

    .. math::

       d(a, g) = \min_{p \in P_g} d(a, p), \qquad
       g \text{ reachable from } a \iff d(a, g) \le r
       \;(\text{or } g \text{ online, when count\_online}).

    A meeting is reachable when its own place (its ``MeetingTime.location``) is within
    :math:`r`; a meeting that names no place uses its group's nearest place, except the
    meetings a group's ``remote_meetings`` attribute lists (``;``-separated positions in its
    ``meetings``; the Meeting Guide reader sets it for online-only and inactive meetings and
    for meetings at an approximate or city-level place): they are never within reach in
    person, and count only with ``count_online`` when the group is online. A count
    ``approach_twelve_step`` is :math:`\sum_g [g \text{ reachable}][\text{approach}_g =
    \text{twelve\_step}]`, computed for all agencies at once as a boolean matrix product.
    The gap ``no_non_twelve_step_within_radius`` is ``approach_non_twelve_step == 0``;
    ``no_family_group`` is ``focus_family == 0``; ``no_mental_health_group`` is
    ``focus_mental_health + focus_co_occurring == 0``; ``no_evening_meeting`` is
    ``evening_meetings == 0``; ``no_weekend_meeting`` is ``weekend_meetings == 0``.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Clinic", location={"latitude": 0.0, "longitude": 0.0})],
    ...     groups=[shx.SelfHelpGroup("G1", "Noon AA", "mutual_help", fellowship="AA",
    ...                 approach="twelve_step", focus="substance_use",
    ...                 locations=[{"latitude": 0.05, "longitude": 0.0}],
    ...                 meetings=[{"day": "monday", "start": "12:00", "location": 0}])])
    >>> row = availability(net, radius_m=10_000).loc["A1"]
    >>> int(row["groups_within"]), round(float(row["nearest_group_km"]), 3)
    (1, 5.56)
    >>> row["gaps"]
    'no non-12-step option within 10 km; no family group within 10 km; no mental-health group within 10 km; no meeting from 18:00 within 10 km; no weekend meeting within 10 km; no online option'
    """
    import pandas as pd

    radius = _radius(radius_m, travel_minutes, speed_kmh)
    evening = _minutes(evening_from, "evening_from")
    weekend_mask = _weekdays(weekend, "weekend")
    agencies = net.agencies
    t = _tables(net.groups)
    lat, lon = _agency_coords(agencies)
    d_group, d_meet = _distances_km(lat, lon, t)
    located = ~np.isnan(lat)
    reach_g = d_group <= radius
    reach_m = d_meet <= radius
    if count_online:
        reach_g = reach_g | t.online[None, :]
        reach_m = reach_m | t.online[t.meet_group][None, :]
    reach_g = reach_g.astype(np.int64)
    reach_m = reach_m.astype(np.int64)

    groups = t.groups
    approach = np.array([g.approach for g in groups], dtype=object)
    focus = np.array([g.focus for g in groups], dtype=object)
    gtype = np.array([g.group_type for g in groups], dtype=object)

    columns: dict[str, npt.NDArray[Any]] = {
        "groups_within": reach_g.sum(axis=1),
        "meetings_within": reach_m.sum(axis=1),
    }

    def count(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
        return np.asarray(reach_g @ mask.astype(np.int64), dtype=np.int64)

    for a in Approach:
        columns[f"approach_{a.value}"] = count(approach == a)
    columns["approach_unknown"] = count(np.array([g.approach is None for g in groups], bool))
    for f in Focus:
        columns[f"focus_{f.value}"] = count(focus == f)
    columns["focus_unknown"] = count(np.array([g.focus is None for g in groups], bool))
    for gt in GroupType:
        columns[f"type_{gt.value}"] = count(gtype == gt)
    for column, flags in AUDIENCE_FLAGS.items():
        columns[column] = count(
            np.array([any(g.attributes.get(f) is True for f in flags) for g in groups], bool)
        )
    is_evening = t.meet_minute >= evening
    weekday_mask = ~weekend_mask
    columns["weekday_evening_meetings"] = reach_m @ (is_evening & weekday_mask[t.meet_day]).astype(
        np.int64
    )
    columns["evening_meetings"] = reach_m @ is_evening.astype(np.int64)
    columns["weekend_meetings"] = reach_m @ weekend_mask[t.meet_day].astype(np.int64)

    def nearest(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
        d = np.where(mask[None, :], d_group, np.inf)
        out = d.min(axis=1, initial=np.inf)
        out[~np.isfinite(out)] = np.nan
        return out  # type: ignore[no-any-return]

    every = np.ones(len(groups), dtype=bool)
    nearest_cols = {
        "nearest_group_km": nearest(every),
        "nearest_twelve_step_km": nearest(approach == Approach.TWELVE_STEP),
        "nearest_non_twelve_step_km": nearest(approach == Approach.NON_TWELVE_STEP),
        "nearest_family_km": nearest(focus == Focus.FAMILY),
        "nearest_mental_health_km": nearest(
            (focus == Focus.MENTAL_HEALTH) | (focus == Focus.CO_OCCURRING)
        ),
    }
    n_online_groups = int(t.online.sum())
    n_online_meetings = int(t.online[t.meet_group].sum())
    gaps = {
        "no_group_within_radius": columns["groups_within"] == 0,
        "no_twelve_step_within_radius": columns["approach_twelve_step"] == 0,
        "no_non_twelve_step_within_radius": columns["approach_non_twelve_step"] == 0,
        "no_family_group": columns["focus_family"] == 0,
        "no_mental_health_group": (
            columns["focus_mental_health"] + columns["focus_co_occurring"] == 0
        ),
        "no_evening_meeting": columns["evening_meetings"] == 0,
        "no_weekend_meeting": columns["weekend_meetings"] == 0,
    }
    where = f"within {radius:g} km" + (" or online" if count_online else "")
    clock = f"{evening // 60:02d}:{evening % 60:02d}"
    words = {
        "no_group_within_radius": f"no group {where}",
        "no_twelve_step_within_radius": f"no 12-step group {where}",
        "no_non_twelve_step_within_radius": f"no non-12-step option {where}",
        "no_family_group": f"no family group {where}",
        "no_mental_health_group": f"no mental-health group {where}",
        "no_evening_meeting": f"no meeting from {clock} {where}",
        "no_weekend_meeting": f"no weekend meeting {where}",
    }

    # without coordinates the reach of an agency is unknown: masked, not zero
    unknown = ~located
    data: dict[str, Any] = {
        "agency_name": [a.name for a in agencies],
        "has_coordinates": located,
    }
    for name, values in columns.items():
        data[name] = pd.arrays.IntegerArray(values.astype(np.int64), unknown.copy())
    data["online_groups"] = np.full(len(agencies), n_online_groups, dtype=np.int64)
    data["online_meetings"] = np.full(len(agencies), n_online_meetings, dtype=np.int64)
    data.update(nearest_cols)
    for name, values in gaps.items():
        data[name] = pd.arrays.BooleanArray(values.astype(bool), unknown.copy())
    data["no_online_option"] = np.full(len(agencies), n_online_groups == 0, dtype=bool)
    text = []
    for i in range(len(agencies)):
        if not located[i]:
            parts = ["agency has no coordinates: local reach unknown"]
        elif gaps["no_group_within_radius"][i]:
            parts = [words["no_group_within_radius"]]  # every other local gap follows from it
        else:
            parts = [words[k] for k in words if gaps[k][i]]
        if n_online_groups == 0:
            parts.append("no online option")
        text.append("; ".join(parts))
    data["gaps"] = text
    frame = pd.DataFrame(
        data, index=pd.Index([a.id for a in agencies], name="agency_id", dtype=object)
    )
    frame.attrs.update(
        {
            "radius_m": radius * 1000.0,
            "radius_km": radius,
            "evening_from": clock,
            "weekend": [d.value for d in _WEEKDAYS if weekend_mask[d.number]],
            "count_online": bool(count_online),
            "earth_radius_m": EARTH_RADIUS_M,
            "groups_without_coordinates": list(t.unlocated),
        }
    )
    return frame


@needs_network
def meeting_distances(
    net: ExchangeNetwork, agency: str
) -> tuple[tuple[SelfHelpGroup, ...], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Every scheduled meeting of the network with its distance (km) from one agency.

    Parameters
    ----------
    net : ExchangeNetwork
    agency : str
        An agency id.

    Returns
    -------
    groups : tuple of SelfHelpGroup
        ``net.groups``.
    meeting_group : numpy.ndarray of int
        For each meeting (the groups' ``meetings`` in order), the index of its group.
    distance_km : numpy.ndarray of float
        Its distance from the agency (inf where its place has no coordinates; NaN for all if
        the agency has none).

    Raises
    ------
    UnknownNodeError
        If ``agency`` is not an agency of the network.
    """
    found = [a for a in net.agencies if a.id == agency]
    if not found:
        msg = f"{agency!r} is not an agency of the network"
        raise UnknownNodeError(msg)
    t = _tables(net.groups)
    lat, lon = _agency_coords(found)
    _, d_meet = _distances_km(lat, lon, t)
    return t.groups, t.meet_group, d_meet[0]


def week_hour_counts(
    groups: Iterable[SelfHelpGroup], mask: npt.ArrayLike | None = None
) -> npt.NDArray[np.int64]:
    """Weekly meetings by weekday and start hour: a 7 x 24 table (Monday first).

    Parameters
    ----------
    groups : iterable of SelfHelpGroup
    mask : array_like of bool, optional
        One value per meeting (the groups' ``meetings`` in order): count only those True.

    Returns
    -------
    numpy.ndarray of int, shape (7, 24)
        ``out[d, h]``: meetings starting on weekday ``d`` (Monday 0 ... Sunday 6) within hour
        ``h`` (``h:00`` to ``h:59``).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> g = shx.SelfHelpGroup("G", "G", "mutual_help", meetings=[
    ...     {"day": "monday", "start": "19:30"}, {"day": "monday", "start": "19:00"},
    ...     {"day": "sunday", "start": "08:15"}])
    >>> c = week_hour_counts([g])
    >>> int(c[0, 19]), int(c[6, 8]), int(c.sum())
    (2, 1, 3)
    """
    t = _tables(tuple(groups))
    keep = np.ones(t.meet_day.shape[0], dtype=bool) if mask is None else np.asarray(mask, bool)
    if keep.shape != t.meet_day.shape:
        msg = f"'mask' needs one value per meeting ({t.meet_day.shape[0]}), got {keep.shape}"
        raise ArgumentError(msg)
    out = np.zeros((7, 24), dtype=np.int64)
    np.add.at(out, (t.meet_day[keep], t.meet_minute[keep] // 60), 1)
    return out
