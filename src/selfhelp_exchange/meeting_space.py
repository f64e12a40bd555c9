"""Meeting-space inference: which agencies host which groups' meetings, read from a meeting list.

An agency that lets a group meet on its premises is in a ``meeting_space`` exchange with it
(this library's kind for hosting, touching the agency's client unit, one of the subunits of
Powell & Perron 2010; Public Health England 2013 counts hosting meetings as active work). A
meeting list does not say who owns a building, but it says where each meeting is held; a
meeting held at an agency's address, or within a few metres of its coordinates, is evidence
that the agency hosts that group. :func:`infer_meeting_space` turns that evidence into
:class:`~selfhelp_exchange.Exchange` records marked as inferred, keeping the evidence.

References
----------
.. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance use
   agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3), 315-329.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import numpy as np

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import ArgumentError
from selfhelp_exchange.geo import normalize_address, pairwise_haversine_m
from selfhelp_exchange.meetings import Meeting, MeetingGuideFeed
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.records import Agency, Exchange, Location, SelfHelpGroup
from selfhelp_exchange.vocabulary import MeetingPlace

__all__ = ["DEFAULT_MAX_DISTANCE_M", "apply_meeting_space", "infer_meeting_space"]

#: Default largest distance (metres) between an agency's coordinates and a meeting's for the
#: meeting to count as held at the agency. This library's convention: geocoded points for one
#: building commonly differ by tens of metres (rooftop, parcel centre, street interpolation),
#: and a hospital's entrances lie apart on a campus; beyond about 100 m a neighbouring church
#: or hall starts to be caught. Tighten it for dense downtowns, widen it for campuses.
DEFAULT_MAX_DISTANCE_M = 100.0


def _address_keys(loc: Location | None) -> tuple[str, str, str]:
    """(street, city, street-and-city) in normalized form; ``""`` where unknown."""
    if loc is None or loc.address is None:
        return "", "", ""
    street = normalize_address(loc.address)
    city = normalize_address(loc.city)
    return street, city, f"{street} {city}".strip()


def _address_match(agency: Location | None, meeting: Location | None) -> bool:
    a_street, a_city, a_full = _address_keys(agency)
    m_street, m_city, m_full = _address_keys(meeting)
    if not a_street or not m_street:
        return False
    if a_street == m_street and (not a_city or not m_city or a_city == m_city):
        return True
    # one side may carry the city inside its street line ("265 Dundas St E, Belleville")
    return a_full in (m_full, m_street) or m_full == a_street


def infer_meeting_space(
    agencies: Iterable[Agency] | ExchangeNetwork,
    feed: MeetingGuideFeed,
    max_distance_m: float = DEFAULT_MAX_DISTANCE_M,
    *,
    match_address: bool = True,
    include_inactive: bool = False,
) -> list[Exchange]:
    r"""Inferred ``meeting_space`` exchanges: agencies whose premises a feed's meetings use.

    Parameters
    ----------
    agencies : iterable of Agency, or ExchangeNetwork
        The agencies (a network's agencies when a network is given). Agencies without a
        location are passed over.
    feed : MeetingGuideFeed
        From :func:`~selfhelp_exchange.read_meeting_guide`.
    max_distance_m : float
        A meeting within this many metres of an agency's coordinates (great-circle, haversine)
        counts as held there. Default :data:`DEFAULT_MAX_DISTANCE_M` (100 m, this library's
        convention: see its note). ``0`` keeps only identical coordinates.
    match_address : bool
        Also count a meeting whose street address matches the agency's (default True): the
        normalized street lines are equal (:func:`~selfhelp_exchange.geo.normalize_address`)
        and the cities are equal or one is unknown; or one side's street line with its city
        equals the other's (an address written on one line).
    include_inactive : bool
        Count meetings whose location is temporarily closed (type ``TC``) or that have no
        in-person option (default False: only meetings currently held at the place). Meetings
        whose place is approximate (``"approximate": "yes"``) or city-level
        (:attr:`Meeting.located <selfhelp_exchange.Meeting.located>` False) never count: such a
        place is where an online meeting is "from", not a building.

    Returns
    -------
    list of Exchange
        One per (agency, group) pair with at least one meeting at the agency, in the order of
        the agencies and then of the groups' ids: ``Exchange(agency_id, group_id,
        "meeting_space", weight=k)`` with ``k`` the number of the group's weekly meetings found
        there (one per meeting and weekday). The source is the whole agency (a meeting-space
        exchange touches its clients' subunit). ``attributes``:

        - ``inferred``: True;
        - ``method``: ``"address"``, ``"distance"`` or ``"address+distance"``;
        - ``evidence``: the matching address and/or the distance, in words;
        - ``distance_m``: the smallest distance from the agency to a matched meeting, rounded
          to 0.1 m (present when both have coordinates);
        - ``max_distance_m``: the threshold used;
        - ``meeting_slugs``: the matched meetings' slugs, ``;``-separated;
        - ``source``: ``"meeting_guide"``.

    Raises
    ------
    ArgumentError
        If ``max_distance_m`` is not a finite number >= 0.

    See Also
    --------
    apply_meeting_space : set ``meeting_place`` to agency premises for fully hosted groups.

    Notes
    -----
    Distances (metres) between every agency and every meeting place are computed at once,
    :math:`D_{ij} = \mathrm{haversine}(a_i, m_j)` (:func:`~selfhelp_exchange.geo.pairwise_haversine_m`),
    and a pair matches when :math:`D_{ij} \le` ``max_distance_m`` or the addresses match.
    A match is evidence, not proof: a meeting at a hospital may be in a chapel the agency does
    not run. The exchanges carry ``inferred=True`` so analyses can keep them apart.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> feed = shx.read_meeting_guide('''[
    ...   {"name": "Moira Group", "slug": 7, "day": 2, "time": "20:00",
    ...    "location": "Belleville General Hospital", "address": "265 Dundas St E",
    ...    "city": "Belleville", "latitude": 44.1627054, "longitude": -77.3643232},
    ...   {"name": "Desire Group", "slug": 17, "day": 6, "time": "20:00",
    ...    "address": "43 Pine St", "city": "Belleville",
    ...    "latitude": 44.1728345, "longitude": -77.3746974}]''', fellowship="AA")
    >>> hospital = shx.Agency("BGH", "Belleville General Hospital", sector="co_occurring",
    ...     location=shx.Location("265 Dundas Street East", "Belleville"))
    >>> [(e.source, e.target, e.weight, e.attributes["method"])
    ...  for e in infer_meeting_space([hospital], feed)]
    [('BGH', 'mg-moira-group', 1.0, 'address')]
    """
    limit = _metres(max_distance_m)
    agency_list: Sequence[Agency] = (
        agencies.agencies if isinstance(agencies, ExchangeNetwork) else tuple(agencies)
    )
    # an approximate or city-level place is where an online meeting is "from", never premises
    meetings = [
        m
        for m in feed.meetings
        if m.located and m.group_id is not None and (include_inactive or m.in_person)
    ]
    located = [a for a in agency_list if a.location is not None]
    if not meetings or not located:
        return []
    distance = _distances(located, meetings)
    near = distance <= limit  # NaN (no coordinates) compares False
    out: list[Exchange] = []
    for i, agency in enumerate(located):
        by_address = (
            np.fromiter(
                (_address_match(agency.location, m.location) for m in meetings),
                dtype=bool,
                count=len(meetings),
            )
            if match_address
            else np.zeros(len(meetings), dtype=bool)
        )
        hit = np.flatnonzero(by_address | near[i])
        groups: dict[str, list[int]] = {}
        for j in hit.tolist():
            gid = meetings[j].group_id
            assert gid is not None  # filtered above
            groups.setdefault(gid, []).append(j)
        for gid in sorted(groups):
            rows = groups[gid]
            out.append(
                _exchange(
                    agency,
                    gid,
                    [meetings[j] for j in rows],
                    by_address[rows],
                    near[i, rows],
                    distance[i, rows],
                    limit,
                )
            )
    return out


def _metres(value: Any) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        msg = f"'max_distance_m' must be a finite number of metres >= 0 (got {value!r})"
        raise ArgumentError(msg)
    return float(value)


def _distances(agencies: Sequence[Agency], meetings: Sequence[Meeting]) -> np.ndarray:
    def coords(locs: Iterable[Location | None]) -> tuple[np.ndarray, np.ndarray]:
        pairs = [
            (loc.latitude, loc.longitude)
            if loc is not None and loc.latitude is not None and loc.longitude is not None
            else (math.nan, math.nan)
            for loc in locs
        ]
        arr = np.array(pairs, dtype=np.float64).reshape(-1, 2)
        return arr[:, 0], arr[:, 1]

    lat_a, lon_a = coords(a.location for a in agencies)
    lat_m, lon_m = coords(m.location for m in meetings)
    return pairwise_haversine_m(lat_a, lon_a, lat_m, lon_m)


def _exchange(
    agency: Agency,
    group_id: str,
    meetings: Sequence[Meeting],
    by_address: np.ndarray,
    near: np.ndarray,
    distance: np.ndarray,
    max_distance_m: float,
) -> Exchange:
    evidence = []
    if by_address.any():
        loc = meetings[int(np.flatnonzero(by_address)[0])].location
        assert loc is not None
        where = normalize_address(loc.address)
        if loc.city:
            where = f"{where}, {normalize_address(loc.city)}"
        evidence.append(f"address match: {where!r}")
    finite = distance[np.isfinite(distance)]
    closest = float(finite.min()) if finite.size else None
    if near.any():
        evidence.append(f"within {closest:.1f} m of the agency (limit {max_distance_m:g} m)")
    method = "+".join(
        name for name, flag in (("address", by_address.any()), ("distance", near.any())) if flag
    )
    attributes: dict[str, str | int | float | bool] = {
        "inferred": True,
        "method": method,
        "evidence": "; ".join(evidence),
        "max_distance_m": max_distance_m,
        "meeting_slugs": ";".join(dict.fromkeys(m.slug for m in meetings)),
        "source": "meeting_guide",
    }
    if closest is not None:
        attributes["distance_m"] = round(closest, 1)
    return Exchange(
        agency.id,
        group_id,
        ExchangeKind.MEETING_SPACE,
        weight=len(meetings),
        attributes=attributes,
    )


def apply_meeting_space(
    groups: Iterable[SelfHelpGroup], exchanges: Iterable[Exchange]
) -> tuple[SelfHelpGroup, ...]:
    """Groups whose every listed meeting is hosted by an agency, moved to ``agency_premises``.

    A group read from a Meeting Guide feed starts with ``meeting_place`` ``community``; once
    :func:`infer_meeting_space` has found agencies hosting meetings, a group all of whose
    meetings (its ``meeting_slugs`` attribute) are among the hosted ones meets on agency
    premises, a step towards the therapeutic end of the continuum (Am J Community Psychol 2020,
    65:290-304). Groups only partly hosted, or with no ``meeting_slugs``, are returned as
    they are.

    Parameters
    ----------
    groups : iterable of SelfHelpGroup
        Usually ``feed.groups``.
    exchanges : iterable of Exchange
        ``meeting_space`` exchanges with a ``meeting_slugs`` attribute (as
        :func:`infer_meeting_space` makes); other exchanges are ignored.

    Returns
    -------
    tuple of SelfHelpGroup
        In the order given.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> g = shx.SelfHelpGroup("G", "Moira Group", "mutual_help", meeting_place="community",
    ...                       attributes={"meeting_slugs": "7"})
    >>> e = shx.Exchange("BGH", "G", "meeting_space", attributes={"meeting_slugs": "7"})
    >>> apply_meeting_space([g], [e])[0].meeting_place.value
    'agency_premises'
    """
    hosted: dict[str, set[str]] = {}
    for e in exchanges:
        slugs = e.attributes.get("meeting_slugs")
        if e.kind is ExchangeKind.MEETING_SPACE and isinstance(slugs, str) and slugs:
            target = e.target if isinstance(e.target, str) else e.target[0]
            hosted.setdefault(target, set()).update(slugs.split(";"))
    out = []
    for g in groups:
        listed = g.attributes.get("meeting_slugs")
        if (
            isinstance(listed, str)
            and listed
            and set(listed.split(";")) <= hosted.get(g.id, set())
        ):
            out.append(attrs.evolve(g, meeting_place=MeetingPlace.AGENCY_PREMISES))
        else:
            out.append(g)
    return tuple(out)
