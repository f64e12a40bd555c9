"""Synthetic communities of agencies, self-help groups and their exchanges, at any scale.

:func:`community` builds an :class:`~selfhelp_exchange.ExchangeNetwork` with the structure a
county, state or national evaluation has -- agencies and groups clustered in regions, group types
and fellowships in plausible proportions, dated exchanges of every adaptational kind, joint
initiatives addressing community actors -- for tests, teaching notebooks and benchmarks.

The data are **synthetic**. Every proportion, rate and distribution below is this library's
convention, chosen to look plausible and to exercise every part of the library; none is an
estimate of any real service system, and no figure here may be cited as one.

Notes
-----
The conventions, all read-only constants of :mod:`selfhelp_exchange.generate_defaults` (importable
from this module too):

- :data:`.SECTOR_SHARES`: agency sectors.
- :data:`.GROUP_TYPE_SHARES`: group types, mostly ``mutual_help``.
- :data:`.FELLOWSHIP_SHARES`: fellowships of mutual-help groups, with the focus and approach each
  implies (AA most common, then NA, Al-Anon, SMART Recovery, DBSA, ...).
- :data:`.CONTINUUM_SHARES`: each group type's distribution over the four dimensions of the
  relational-therapeutic continuum; :data:`.UNKNOWN_SHARE` of each dimension is left unknown.
- :data:`.KIND_RATES`: the share of exchanges of each kind (practitioner exchanges -- referral and
  information above all -- common; board seats rare), with :data:`.KIND_MEAN_WEIGHT` (mean of a
  geometric frequency, >= 1) and :data:`.KIND_MEAN_DAYS` (mean of an exponential duration).
- :data:`.ACTOR_KIND_SHARES` and :data:`.INITIATIVE_KIND_SHARES`.

Geography: ``n_regions`` region centres are scattered uniformly over ``bounds``; each region has
a log-normal size weight (sigma 1), and agencies, groups and community actors are assigned to
regions in proportion to it and scattered around the centre (normal, :data:`.REGION_SPREAD_DEG`
degrees, clipped to ``bounds``). Online groups have no coordinates.

Exchanges: agency activity is Gamma(2)-distributed. An agency expecting ``e`` exchanges (its
share of activity times the total) has ``ceil(2 sqrt(e))`` partner slots, so busier agencies
both reach more groups and have deeper ties. A slot is filled by a group of the agency's own
region with probability :data:`.LOCAL_SHARE` (else by any group), groups weighted by a Gamma(1)
popularity; of two candidates, one whose focus suits the agency's sector (:data:`.SECTOR_FOCUS`)
is preferred. Slots carry Gamma(1) weights within their agency, and the total number of
exchanges is shared among all slots in proportion to agency share times slot share
(multinomial). Each exchange draws its kind from :data:`.KIND_RATES`, runs in the kind's usual
direction (``either`` kinds from agency to group with probability :data:`.AGENCY_FIRST_SHARE`),
and names the agency's subunit with probability :data:`.SUBUNIT_NAMED_SHARE` (else the agency as
a whole, which touches the kind's subunit). Start dates are uniform over the window; an exchange
lasts an exponential number of days (rounded down), cut at the window's end. Exchanges are
returned in order of start date.

Initiatives: :data:`.AGENCY_LED_SHARE` of initiatives are led by an agency (chosen by activity),
the rest by a group. An agency-led initiative has Poisson(1.2) group co-sponsors, mostly its
own partners, and another agency with probability 0.15; a group-led one has Poisson(0.6)
agency and Poisson(0.5) group co-sponsors from its region. Every initiative addresses
1 + Poisson(0.7) community actors, mostly of the lead's region. Dates are uniform over the
window.

Results depend on ``seed`` and on numpy's random streams; numpy does not promise the same
streams across its versions.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._random import SeedLike, as_generator
from selfhelp_exchange.catalogue import Direction, ExchangeKind
from selfhelp_exchange.exceptions import GenerateError, SelfHelpExchangeError
from selfhelp_exchange.generate_defaults import (
    _OTHER_FOCUS,
    ACTOR_KIND_SHARES,
    AGENCY_FIRST_SHARE,
    AGENCY_LED_SHARE,
    CONTINUUM_SHARES,
    DEFAULT_BOUNDS,
    FELLOWSHIP_SHARES,
    GROUP_TYPE_SHARES,
    INITIATIVE_KIND_SHARES,
    KIND_MEAN_DAYS,
    KIND_MEAN_WEIGHT,
    KIND_RATES,
    LOCAL_SHARE,
    REGION_SPREAD_DEG,
    SECTOR_FOCUS,
    SECTOR_SHARES,
    SUBUNIT_NAMED_SHARE,
    UNKNOWN_SHARE,
)
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.network_arrays import KIND_ROLE
from selfhelp_exchange.record_fields import to_date
from selfhelp_exchange.records import (
    Agency,
    Attributes,
    CommunityActor,
    Initiative,
    Location,
    SelfHelpGroup,
)
from selfhelp_exchange.vocabulary import (
    ActorKind,
    Admission,
    Approach,
    Facilitation,
    Focus,
    GroupType,
    MeetingPlace,
    Sector,
    Timing,
)

# The conventions are documented in generate_defaults; they stay importable from here.
__all__ = ["GenerateError", "community"]

#: What ``seed=`` accepts (the library's one seed type, :data:`selfhelp_exchange.SeedLike`).
Seed: TypeAlias = SeedLike
IntArray: TypeAlias = npt.NDArray[np.int64]
FloatArray: TypeAlias = npt.NDArray[np.float64]


# Counts per node of the defaults (synthetic convention).
_AGENCIES_PER_REGION = 10
_ACTORS_PER_REGION = 3
_INITIATIVES_PER_AGENCY = 0.5

_KINDS: tuple[ExchangeKind, ...] = tuple(KIND_RATES)
_KIND_CODES = np.array([k.code for k in _KINDS], dtype=np.int8)
_FOCI: tuple[Focus, ...] = tuple(Focus)


# ---------------------------------------------------------------------------- helpers
def _shares(table: Mapping[Any, float]) -> tuple[tuple[Any, ...], FloatArray]:
    keys = tuple(table)
    p = np.array([table[k] for k in keys], dtype=np.float64)
    return keys, p / p.sum()


def _cdf(p: FloatArray) -> FloatArray:
    """Cumulative probabilities along the last axis, exactly 1 from the last positive entry on.

    So an inverse-CDF draw (the number of entries <= a uniform in [0, 1)) never lands on a
    zero-probability category through rounding.
    """
    cdf = np.cumsum(p, axis=-1)
    positive = p > 0
    last = p.shape[-1] - 1 - np.argmax(positive[..., ::-1], axis=-1)
    cdf[np.arange(p.shape[-1]) >= last[..., None]] = 1.0
    return cdf


def _draw(rng: np.random.Generator, p: FloatArray, n: int) -> IntArray:
    """``n`` categorical draws with probabilities ``p`` (one uniform each, by inverse CDF)."""
    return np.searchsorted(_cdf(p), rng.random(n), side="right").astype(np.int64)


def _draw_rows(rng: np.random.Generator, table: FloatArray, rows: IntArray) -> IntArray:
    """One categorical draw per entry of ``rows``, each from its row of ``table``."""
    cdf = _cdf(table)
    u = rng.random(len(rows))
    out: IntArray = (u[:, None] >= cdf[rows]).sum(axis=1).astype(np.int64)
    return out


class _Picker:
    """Weighted picks of items, within a given region or from anywhere.

    Items are sorted by region; a pick draws a point on the cumulative weight of its region (or
    of all items) and finds its item by binary search, so n picks cost O(n log items).
    """

    def __init__(self, region: IntArray, weight: FloatArray, n_regions: int) -> None:
        self.order = np.argsort(region, kind="stable")
        self.cum = np.concatenate(([0.0], np.cumsum(weight[self.order])))
        self.ptr = np.searchsorted(region[self.order], np.arange(n_regions + 1))
        self.count = np.diff(self.ptr)

    def pick(
        self, rng: np.random.Generator, region: IntArray, local_share: float
    ) -> npt.NDArray[np.int64]:
        n = len(region)
        lo = np.zeros(n, dtype=np.int64)
        hi = np.full(n, len(self.order), dtype=np.int64)
        local = (rng.random(n) < local_share) & (self.count[region] > 0)
        lo[local] = self.ptr[region[local]]
        hi[local] = self.ptr[region[local] + 1]
        a, b = self.cum[lo], self.cum[hi]
        pos = np.searchsorted(self.cum, a + rng.random(n) * (b - a), side="right") - 1
        out: IntArray = self.order[np.clip(pos, lo, hi - 1)]
        return out


def _check_count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        msg = f"{name!r} must be an integer >= 0 (got {value!r})"
        raise GenerateError(msg)
    return int(value)


def _check_rate(value: object, name: str) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float | np.integer | np.floating)
        or not (math.isfinite(value) and value >= 0)
    ):
        msg = f"{name!r} must be a finite number >= 0 (got {value!r})"
        raise GenerateError(msg)
    return float(value)


def _labels(n: int, prefix: str) -> list[str]:
    width = len(str(max(n - 1, 0)))
    return [f"{prefix}{i:0{width}d}" for i in range(n)]


# ---------------------------------------------------------------------------- the generator
def community(
    n_agencies: int,
    n_groups: int,
    *,
    n_actors: int | None = None,
    n_exchanges: int | None = None,
    exchanges_per_agency: float = 20.0,
    n_initiatives: int | None = None,
    n_regions: int | None = None,
    start: dt.date | str = "2024-01-01",
    end: dt.date | str = "2025-12-31",
    bounds: Sequence[float] = DEFAULT_BOUNDS,
    seed: Seed = None,
) -> ExchangeNetwork:
    """A synthetic community: agencies, groups, actors, dated exchanges and initiatives.

    Synthetic data for tests, teaching and benchmarks; every proportion is this library's
    convention (see the module documentation), never an estimate.

    Parameters
    ----------
    n_agencies, n_groups : int
        Number of agencies and of self-help groups.
    n_actors : int, optional
        Number of community actors; default three per region, and at least one of each
        :class:`~selfhelp_exchange.ActorKind`.
    n_exchanges : int, optional
        Exact number of exchanges; default ``round(exchanges_per_agency * n_agencies)`` (none
        when there are no groups).
    exchanges_per_agency : float
        Mean exchanges per agency when ``n_exchanges`` is not given (default 20, a convention).
    n_initiatives : int, optional
        Number of initiatives; default one per two agencies (a convention).
    n_regions : int, optional
        Number of regions (county-like clusters); default one per ten agencies, at least one.
    start, end : date or 'YYYY-MM-DD'
        The window over which exchanges and initiatives are dated (inclusive).
    bounds : (south, west, north, east)
        The box, in degrees, holding every coordinate; default :data:`DEFAULT_BOUNDS`.
    seed : int, numpy Generator, SeedSequence or None
        The same seed gives the same network (with the same numpy version); None draws fresh
        entropy.

    Returns
    -------
    ExchangeNetwork
        Agencies ``A0..``, groups ``G0..``, actors ``C0..``, initiatives ``I0..`` (ids
        zero-padded to sort in order); each agency and group has a ``region`` attribute
        (``R0..``); agencies and groups that meet in person have a location. Exchanges are in
        order of start date.

    Raises
    ------
    GenerateError
        A count is negative or not an integer, exchanges are asked for without agencies or
        groups, ``end`` is before ``start`` or ``bounds`` is not a valid box.
    ArgumentTypeError
        ``seed`` is not an int, Generator, SeedSequence or None.

    See Also
    --------
    ExchangeNetwork.from_arrays : how the exchanges are stored, with no per-exchange object.

    Notes
    -----
    Work is linear in the number of exchanges (one multinomial draw over the partner slots,
    then a few vectorized draws per exchange and a 16-bit radix sort by date), plus a binary
    search per partner slot and one validated record per node; at 30,000 agencies, 200,000
    groups and 5,000,000 exchanges it takes about 10 s of CPU, half of it the node records. The random stream is split (:meth:`numpy.random.Generator.spawn`) into
    separate streams for geography, groups, exchanges and initiatives, so changing e.g.
    ``n_initiatives`` leaves the exchanges unchanged.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.generate.community(20, 120, seed=1)
    >>> net
    ExchangeNetwork(20 agencies, 120 groups, 9 actors, 400 exchanges, 10 initiatives)
    >>> net == shx.generate.community(20, 120, seed=1)
    True
    >>> g = net.groups[0]
    >>> g.id, g.fellowship, g.focus.value, g.approach.value, g.attributes["region"]
    ('G000', 'Al-Anon', 'family', 'twelve_step', 'R1')
    >>> e = net.exchanges[0]
    >>> e.source, e.target, e.kind.value, e.start.isoformat()
    (('A02', <Role.PRACTITIONERS: 'practitioners'>), 'G026', 'facilitated_introduction', '2024-01-05')
    """
    n_agencies = _check_count(n_agencies, "n_agencies")
    n_groups = _check_count(n_groups, "n_groups")
    per_agency = _check_rate(exchanges_per_agency, "exchanges_per_agency")
    if n_exchanges is not None:
        n_x = _check_count(n_exchanges, "n_exchanges")
    else:  # with no group to link to, the default is no exchange
        n_x = round(per_agency * n_agencies) if n_groups else 0
    if n_x > 0 and (n_agencies == 0 or n_groups == 0):
        msg = (
            f"{n_x} exchanges need at least one agency and one group "
            f"(got n_agencies={n_agencies}, n_groups={n_groups})"
        )
        raise GenerateError(msg)
    n_reg = (
        max(1, round(n_agencies / _AGENCIES_PER_REGION))
        if n_regions is None
        else _check_count(n_regions, "n_regions")
    )
    if n_reg < 1:
        msg = f"'n_regions' must be at least 1 (got {n_regions!r})"
        raise GenerateError(msg)
    n_act = (
        max(len(ActorKind), _ACTORS_PER_REGION * n_reg)
        if n_actors is None
        else _check_count(n_actors, "n_actors")
    )
    n_ini = (
        round(_INITIATIVES_PER_AGENCY * n_agencies)
        if n_initiatives is None
        else _check_count(n_initiatives, "n_initiatives")
    )
    if n_ini > 0 and n_agencies + n_groups == 0:
        msg = f"{n_ini} initiatives need at least one agency or group to sponsor them"
        raise GenerateError(msg)
    try:
        lo_date, hi_date = to_date(start, "start"), to_date(end, "end")
    except SelfHelpExchangeError as exc:
        raise GenerateError(str(exc)) from None
    if lo_date is None or hi_date is None or hi_date < lo_date:
        msg = f"the window needs 'start' <= 'end' as dates (got start={start!r}, end={end!r})"
        raise GenerateError(msg)
    box = _check_bounds(bounds)

    rng = as_generator(seed)
    geo_rng, group_rng, agency_rng, actor_rng, x_rng, ini_rng = rng.spawn(6)

    # geography
    s, w, n, e = box
    centre_lat = geo_rng.uniform(s, n, n_reg)
    centre_lon = geo_rng.uniform(w, e, n_reg)
    region_weight = geo_rng.lognormal(0.0, 1.0, n_reg)
    region_p = region_weight / region_weight.sum()

    def place(r: np.random.Generator, k: int) -> tuple[IntArray, FloatArray, FloatArray]:
        region = _draw(r, region_p, k)
        lat = np.clip(centre_lat[region] + r.normal(0.0, REGION_SPREAD_DEG, k), s, n)
        lon = np.clip(centre_lon[region] + r.normal(0.0, REGION_SPREAD_DEG, k), w, e)
        return region, lat, lon

    a_region, a_lat, a_lon = place(agency_rng, n_agencies)
    sectors, sector_p = _shares(SECTOR_SHARES)
    a_sector = _draw(agency_rng, sector_p, n_agencies)
    a_activity = agency_rng.gamma(2.0, 1.0, n_agencies)

    g_region, g_lat, g_lon = place(group_rng, n_groups)
    groups_cols = _group_columns(group_rng, n_groups)
    g_popularity = group_rng.gamma(1.0, 1.0, n_groups)

    c_region, _, _ = place(actor_rng, n_act)
    actor_kinds, actor_p = _shares(ACTOR_KIND_SHARES)
    c_kind = _draw(actor_rng, actor_p, n_act)
    # every kind present when there is room: the first actors take one kind each
    c_kind[: min(n_act, len(actor_kinds))] = np.arange(min(n_act, len(actor_kinds)))

    region_ids = _labels(n_reg, "R")
    agencies = _agency_records(a_sector, a_region, a_lat, a_lon, sectors, region_ids)
    groups = _group_records(groups_cols, g_region, g_lat, g_lon, region_ids)
    actor_ids = _labels(n_act, "C")
    actors = [
        CommunityActor(
            actor_ids[i],
            f"{actor_kinds[k].value.replace('_', ' ').capitalize()} {i}",
            actor_kinds[k],
        )
        for i, k in enumerate(c_kind.tolist())
    ]

    group_picker = _Picker(g_region, g_popularity, n_reg)
    sector_focus = np.array(
        [[f in SECTOR_FOCUS[sec] for f in _FOCI] for sec in sectors], dtype=bool
    )
    slots = _partner_slots(
        x_rng,
        n_x,
        a_activity,
        a_region,
        a_sector,
        groups_cols["focus"],
        group_picker,
        sector_focus,
    )
    columns = _exchange_columns(x_rng, n_x, n_agencies, slots, lo_date, hi_date)

    initiatives = _initiatives(
        ini_rng,
        n_ini,
        n_agencies,
        n_groups,
        n_act,
        a_activity,
        a_region,
        g_region,
        g_popularity,
        c_region,
        n_reg,
        slots,
        group_picker,
        lo_date,
        hi_date,
    )
    return ExchangeNetwork.from_arrays(
        agencies=agencies, groups=groups, actors=actors, initiatives=initiatives, **columns
    )


def _check_bounds(bounds: Sequence[float]) -> tuple[float, float, float, float]:
    try:
        s, w, n, e = (float(b) for b in bounds)
    except (TypeError, ValueError):
        msg = f"'bounds' must be four numbers (south, west, north, east) (got {bounds!r})"
        raise GenerateError(msg) from None
    if not (-90 <= s < n <= 90 and -180 <= w < e <= 180):
        msg = (
            "'bounds' must be (south, west, north, east) with -90 <= south < north <= 90 and "
            f"-180 <= west < east <= 180 (got {bounds!r})"
        )
        raise GenerateError(msg)
    return s, w, n, e


def _group_columns(rng: np.random.Generator, n: int) -> dict[str, IntArray]:
    """Codes of type, fellowship, focus, approach and the four continuum dimensions.

    Fellowship code -1 means none; dimension code -1 means unknown. Focus and approach codes
    index ``tuple(Focus)`` and ``tuple(Approach)``.
    """
    types, type_p = _shares(GROUP_TYPE_SHARES)
    g_type = _draw(rng, type_p, n)
    names = tuple(FELLOWSHIP_SHARES)
    fel_p = np.array([FELLOWSHIP_SHARES[f][0] for f in names])
    fel_p /= fel_p.sum()
    mutual = g_type == types.index(GroupType.MUTUAL_HELP)
    fellowship = np.full(n, -1, dtype=np.int64)
    fellowship[mutual] = _draw(rng, fel_p, int(mutual.sum()))
    foci, approaches = tuple(Focus), tuple(Approach)
    fel_focus = np.array([foci.index(FELLOWSHIP_SHARES[f][1]) for f in names])
    fel_approach = np.array([approaches.index(FELLOWSHIP_SHARES[f][2]) for f in names])
    focus = np.empty(n, dtype=np.int64)
    approach = np.empty(n, dtype=np.int64)
    focus[mutual] = fel_focus[fellowship[mutual]]
    approach[mutual] = fel_approach[fellowship[mutual]]
    # other types: focus from their own table, approach non-twelve-step or other
    other_table = np.zeros((len(types), len(foci)))
    for t, shares in _OTHER_FOCUS.items():
        for f, p in shares.items():
            other_table[types.index(t), foci.index(f)] = p
    other_table[types.index(GroupType.MUTUAL_HELP), 0] = 1.0  # unused row, kept valid
    other_table /= other_table.sum(axis=1, keepdims=True)
    rest = ~mutual
    focus[rest] = _draw_rows(rng, other_table, g_type[rest])
    approach[rest] = np.where(
        rng.random(int(rest.sum())) < 0.5,
        approaches.index(Approach.NON_TWELVE_STEP),
        approaches.index(Approach.OTHER),
    )
    out = {
        "type": g_type,
        "fellowship": fellowship,
        "focus": focus,
        "approach": approach,
    }
    for dim, enum_cls in (
        ("meeting_place", MeetingPlace),
        ("admission", Admission),
        ("timing", Timing),
        ("facilitation", Facilitation),
    ):
        members = tuple(enum_cls)
        table = np.zeros((len(types), len(members)))
        for i, t in enumerate(types):
            for m, p in CONTINUUM_SHARES[t][dim].items():
                table[i, members.index(m)] = p
        table /= table.sum(axis=1, keepdims=True)
        codes = _draw_rows(rng, table, g_type)
        codes[rng.random(n) < UNKNOWN_SHARE] = -1
        out[dim] = codes
    return out


def _agency_records(
    sector: IntArray,
    region: IntArray,
    lat: FloatArray,
    lon: FloatArray,
    sectors: tuple[Sector, ...],
    region_ids: list[str],
) -> list[Agency]:
    ids = _labels(len(sector), "A")
    region_attrs = [Attributes({"region": r}) for r in region_ids]
    label = {
        Sector.MENTAL_HEALTH: "Mental health agency",
        Sector.SUBSTANCE_USE: "Substance use agency",
        Sector.CO_OCCURRING: "Co-occurring agency",
        Sector.OTHER: "Community agency",
    }
    return [
        Agency(
            ids[i],
            f"{label[sectors[k]]} {i}",
            sectors[k],
            Location(latitude=la, longitude=lo),
            region_attrs[r],
        )
        for i, (k, r, la, lo) in enumerate(
            zip(sector.tolist(), region.tolist(), lat.tolist(), lon.tolist(), strict=True)
        )
    ]


def _group_records(
    cols: Mapping[str, IntArray],
    region: IntArray,
    lat: FloatArray,
    lon: FloatArray,
    region_ids: list[str],
) -> list[SelfHelpGroup]:
    types = tuple(GROUP_TYPE_SHARES)
    type_label = {
        GroupType.MUTUAL_HELP: "Mutual-help group",
        GroupType.SUPPORTED_SELF_HELP: "Supported self-help group",
        GroupType.PEER_SUPPORT_SERVICE: "Peer support service",
        GroupType.CONSUMER_OPERATED_SERVICE: "Consumer-operated service",
        GroupType.CONSUMER_ADVOCACY: "Consumer advocacy group",
        GroupType.RECOVERY_LEARNING_COMMUNITY: "Recovery learning community",
    }
    fellowships: tuple[str | None, ...] = (*FELLOWSHIP_SHARES, None)  # index -1 is None
    foci, approaches = tuple(Focus), tuple(Approach)
    places: tuple[MeetingPlace | None, ...] = (*MeetingPlace, None)
    admissions: tuple[Admission | None, ...] = (*Admission, None)
    timings: tuple[Timing | None, ...] = (*Timing, None)
    facilitations: tuple[Facilitation | None, ...] = (*Facilitation, None)
    online = tuple(MeetingPlace).index(MeetingPlace.ONLINE)
    ids = _labels(len(region), "G")
    region_attrs = [Attributes({"region": r}) for r in region_ids]
    out = []
    rows = zip(
        cols["type"].tolist(),
        cols["fellowship"].tolist(),
        cols["focus"].tolist(),
        cols["approach"].tolist(),
        cols["meeting_place"].tolist(),
        cols["admission"].tolist(),
        cols["timing"].tolist(),
        cols["facilitation"].tolist(),
        region.tolist(),
        lat.tolist(),
        lon.tolist(),
        strict=True,
    )
    for i, (t, f, fo, ap, mp, ad, ti, fa, r, la, lo) in enumerate(rows):
        fellowship = fellowships[f]
        out.append(
            SelfHelpGroup(
                ids[i],
                f"{fellowship} group {i}" if fellowship else f"{type_label[types[t]]} {i}",
                types[t],
                fellowship,
                foci[fo],
                approaches[ap],
                places[mp],
                admissions[ad],
                timings[ti],
                facilitations[fa],
                () if mp == online else (Location(latitude=la, longitude=lo),),
                (),
                region_attrs[r],
            )
        )
    return out


class _Slots:
    """Partner slots: agency ``a`` has slots ``ptr[a]:ptr[a+1]``, each holding a group.

    ``p`` is each slot's share of all exchanges: its agency's share of activity times the slot's
    share of its agency's slot weight.
    """

    def __init__(self, ptr: IntArray, group: IntArray, p: FloatArray) -> None:
        self.ptr = ptr
        self.group = group
        self.p = p
        self.agency = np.repeat(np.arange(len(ptr) - 1), np.diff(ptr))


def _partner_slots(
    rng: np.random.Generator,
    n_x: int,
    activity: FloatArray,
    a_region: IntArray,
    a_sector: IntArray,
    g_focus: IntArray,
    picker: _Picker,
    sector_focus: npt.NDArray[np.bool_],
) -> _Slots:
    n_a = len(activity)
    if n_x == 0 or n_a == 0:
        empty = np.zeros(0, dtype=np.int64)
        return _Slots(np.zeros(n_a + 1, dtype=np.int64), empty, empty.astype(np.float64))
    share = activity / activity.sum()
    expected = n_x * share
    k_a = np.maximum(np.ceil(2.0 * np.sqrt(expected)).astype(np.int64), 1)
    ptr = np.concatenate(([0], np.cumsum(k_a)))
    slot_agency = np.repeat(np.arange(n_a), k_a)
    regions = a_region[slot_agency]
    first = picker.pick(rng, regions, LOCAL_SHARE)
    second = picker.pick(rng, regions, LOCAL_SHARE)
    suits = sector_focus[a_sector[slot_agency]]
    first_ok = suits[np.arange(len(first)), g_focus[first]]
    second_ok = suits[np.arange(len(second)), g_focus[second]]
    group = np.where(~first_ok & second_ok, second, first)
    w = rng.gamma(1.0, 1.0, len(group))
    agency_w = np.bincount(slot_agency, weights=w, minlength=n_a)
    p = share[slot_agency] * w / agency_w[slot_agency]
    return _Slots(ptr, group, p / p.sum())


def _exchange_columns(
    rng: np.random.Generator,
    n_x: int,
    n_agencies: int,
    slots: _Slots,
    lo_date: dt.date,
    hi_date: dt.date,
) -> dict[str, Any]:
    """The exchange arrays, as :meth:`ExchangeNetwork.from_arrays` takes them (node indices)."""
    counts = rng.multinomial(n_x, slots.p) if n_x else np.zeros(len(slots.p), np.int64)
    span = (hi_date - lo_date).days
    begin = rng.integers(0, span + 1, n_x)
    # exchanges in order of start date; a stable sort on 16-bit keys is a linear radix sort
    order = np.argsort(begin.astype(np.int16) if span < 2**15 else begin, kind="stable")
    begin = begin[order]
    agency_side = np.repeat(slots.agency.astype(np.int32), counts)[order]
    group_side = (np.repeat(slots.group, counts) + n_agencies).astype(np.int32)[order]
    # every other column is drawn independently per exchange, so it is drawn in date order
    _, kind_p = _shares(KIND_RATES)
    k = _draw(rng, kind_p, n_x)
    kind = _KIND_CODES[k]
    to_group = np.array([kk.direction is Direction.AGENCY_TO_GROUP for kk in _KINDS])
    either = np.array([kk.direction is Direction.EITHER for kk in _KINDS])
    agency_first = to_group[k] | (either[k] & (rng.random(n_x) < AGENCY_FIRST_SHARE))
    role = np.where(rng.random(n_x) < SUBUNIT_NAMED_SHARE, KIND_ROLE[kind], -1).astype(np.int8)
    no_role = np.full(n_x, -1, dtype=np.int8)

    # geometric on 1, 2, ... with mean m, by inversion: 1 + floor(log(1 - u) / log(1 - 1/m))
    mean_w = np.array([KIND_MEAN_WEIGHT[kk] for kk in _KINDS])
    with np.errstate(divide="ignore"):
        log_q = np.log1p(-1.0 / mean_w)  # -inf for mean 1: always weight 1
    weight = 1.0 + np.floor(np.log1p(-rng.random(n_x)) / log_q[k])
    mean_d = np.array([KIND_MEAN_DAYS[kk] for kk in _KINDS])
    days = np.floor(rng.standard_exponential(n_x) * mean_d[k]).astype(np.int64)
    finish = np.minimum(begin + days, span)
    origin = np.datetime64(lo_date, "D")
    return {
        "source": np.where(agency_first, agency_side, group_side),
        "target": np.where(agency_first, group_side, agency_side),
        "source_role": np.where(agency_first, role, no_role),
        "target_role": np.where(agency_first, no_role, role),
        "kind": kind,
        "weight": weight,
        "start": origin + begin,
        "end": origin + finish,
    }


def _initiatives(
    rng: np.random.Generator,
    n_ini: int,
    n_agencies: int,
    n_groups: int,
    n_actors: int,
    a_activity: FloatArray,
    a_region: IntArray,
    g_region: IntArray,
    g_popularity: FloatArray,
    c_region: IntArray,
    n_regions: int,
    slots: _Slots,
    group_picker: _Picker,
    lo_date: dt.date,
    hi_date: dt.date,
) -> list[Initiative]:
    if n_ini == 0:
        return []
    agency_led = rng.random(n_ini) < AGENCY_LED_SHARE
    if n_groups == 0:
        agency_led[:] = True
    if n_agencies == 0:
        agency_led[:] = False
    lead = np.empty(n_ini, dtype=np.int64)
    n_al = int(agency_led.sum())
    if n_al:
        lead[agency_led] = _draw(rng, a_activity / a_activity.sum(), n_al)
    if n_ini - n_al:
        lead[~agency_led] = _draw(rng, g_popularity / g_popularity.sum(), n_ini - n_al)
    region = np.empty(n_ini, dtype=np.int64)
    region[agency_led] = a_region[lead[agency_led]]
    region[~agency_led] = g_region[lead[~agency_led]]

    # group co-sponsors: Poisson(1.2) for agency-led (one of the agency's own partners with
    # probability 0.7, else a group of the region), Poisson(0.5) for group-led
    n_cg = rng.poisson(np.where(agency_led, 1.2, 0.5)) if n_groups else np.zeros(n_ini, np.int64)
    cg_ini = np.repeat(np.arange(n_ini), n_cg)
    cg = group_picker.pick(rng, region[cg_ini], LOCAL_SHARE)
    if len(slots.group):
        led = agency_led[cg_ini]
        lead_a = np.where(led, lead[cg_ini], 0)
        lo, hi = slots.ptr[lead_a], slots.ptr[lead_a + 1]
        use = led & (hi > lo) & (rng.random(len(cg_ini)) < 0.7)
        pos = lo + np.floor(rng.random(len(cg_ini)) * (hi - lo)).astype(np.int64)
        pos = np.minimum(pos, len(slots.group) - 1)
        cg = np.where(use, slots.group[pos], cg)
    # agency co-sponsors: Bernoulli(0.15) for agency-led, Poisson(0.6) for group-led
    if n_agencies:
        n_ca = np.where(agency_led, rng.random(n_ini) < 0.15, rng.poisson(0.6, n_ini))
        ca_ini = np.repeat(np.arange(n_ini), n_ca)
        agency_picker = _Picker(a_region, a_activity, n_regions)
        ca = agency_picker.pick(rng, region[ca_ini], LOCAL_SHARE)
    else:
        ca_ini = ca = np.zeros(0, dtype=np.int64)
    # audiences: 1 + Poisson(0.7) actors, mostly of the lead's region
    if n_actors:
        n_au = 1 + rng.poisson(0.7, n_ini)
        au_ini = np.repeat(np.arange(n_ini), n_au)
        actor_picker = _Picker(c_region, np.ones(n_actors), n_regions)
        au = actor_picker.pick(rng, region[au_ini], LOCAL_SHARE)
    else:
        au_ini = au = np.zeros(0, dtype=np.int64)
    kinds, kind_p = _shares(INITIATIVE_KIND_SHARES)
    ini_kind = _draw(rng, kind_p, n_ini)
    day = rng.integers(0, (hi_date - lo_date).days + 1, n_ini)

    a_ids = _labels(n_agencies, "A")
    g_ids = _labels(n_groups, "G")
    c_ids = _labels(n_actors, "C")
    sponsors: list[list[str]] = [
        [a_ids[x] if al else g_ids[x]]
        for al, x in zip(agency_led.tolist(), lead.tolist(), strict=True)
    ]
    for i, g in zip(cg_ini.tolist(), cg.tolist(), strict=True):
        sponsors[i].append(g_ids[g])
    for i, a in zip(ca_ini.tolist(), ca.tolist(), strict=True):
        sponsors[i].append(a_ids[a])
    audiences: list[list[str]] = [[] for _ in range(n_ini)]
    for i, c in zip(au_ini.tolist(), au.tolist(), strict=True):
        audiences[i].append(c_ids[c])
    ini_ids = _labels(n_ini, "I")
    origin = lo_date.toordinal()
    return [
        Initiative(
            ini_ids[i],
            kinds[ini_kind[i]],
            tuple(dict.fromkeys(sponsors[i])),
            tuple(dict.fromkeys(audiences[i])),
            dt.date.fromordinal(origin + int(day[i])),
        )
        for i in range(n_ini)
    ]
