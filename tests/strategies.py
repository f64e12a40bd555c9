"""Hypothesis strategies shared by the test suite: records and whole valid networks."""

from __future__ import annotations

import datetime as dt
import string

import attrs
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.catalogue import ExchangeKind

# ids: printable, no surrounding space, no control characters; include awkward but valid ones
ids = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("C",)),
    min_size=1,
    max_size=12,
).filter(lambda s: s == s.strip())
simple_ids = st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=1, max_size=8)
names = st.text(min_size=1, max_size=30).filter(lambda s: bool(s.strip()) and "\x00" not in s)
optional_text = st.none() | names
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
attribute_values = st.one_of(names, st.integers(-(10**9), 10**9), finite, st.booleans())
attributes = st.dictionaries(simple_ids, attribute_values, max_size=3)


@st.composite
def locations(draw: st.DrawFn) -> shx.Location:
    has_coords = draw(st.booleans())
    return shx.Location(
        address=draw(optional_text),
        city=draw(optional_text),
        state=draw(optional_text),
        postal_code=draw(optional_text),
        country=draw(optional_text),
        latitude=draw(st.floats(-90, 90)) if has_coords else None,
        longitude=draw(st.floats(-180, 180)) if has_coords else None,
        name=draw(optional_text),
    )


def _enum_or_none(cls: type) -> st.SearchStrategy:
    return st.none() | st.sampled_from(list(cls))


@st.composite
def groups(draw: st.DrawFn, group_id: str) -> shx.SelfHelpGroup:
    locs = draw(st.lists(locations(), max_size=3))
    times = st.times().map(lambda t: t.replace(second=0, microsecond=0))
    meetings = draw(
        st.lists(
            st.builds(
                shx.MeetingTime,
                day=st.sampled_from(list(shx.Weekday)),
                start=times,
                end=st.none() | times,
                timezone=st.none() | st.sampled_from(["America/Toronto", "Europe/Rome"]),
                location=st.none() | st.integers(0, len(locs) - 1) if locs else st.none(),
            ),
            max_size=3,
        )
    )
    return shx.SelfHelpGroup(
        group_id,
        draw(names),
        draw(st.sampled_from(list(shx.GroupType))),
        fellowship=draw(optional_text),
        focus=draw(_enum_or_none(shx.Focus)),
        approach=draw(_enum_or_none(shx.Approach)),
        meeting_place=draw(_enum_or_none(shx.MeetingPlace)),
        admission=draw(_enum_or_none(shx.Admission)),
        timing=draw(_enum_or_none(shx.Timing)),
        facilitation=draw(_enum_or_none(shx.Facilitation)),
        locations=locs,
        meetings=meetings,
        attributes=draw(attributes),
        activities=draw(st.lists(st.sampled_from(list(shx.Activity)), max_size=3)),
    )


ADAPTATIONAL = [k for k in ExchangeKind if k.role is not None]


@st.composite
def networks(
    draw: st.DrawFn,
    *,
    max_agencies: int = 4,
    max_groups: int = 5,
    max_actors: int = 3,
    max_exchanges: int = 25,
    max_initiatives: int = 4,
    id_strategy: st.SearchStrategy[str] = ids,
    with_attributes: bool = True,
) -> shx.ExchangeNetwork:
    """Arbitrary valid networks: every field used, awkward ids included."""
    n_a = draw(st.integers(0, max_agencies))
    n_g = draw(st.integers(0, max_groups))
    n_c = draw(st.integers(0, max_actors))
    all_ids = draw(
        st.lists(id_strategy, min_size=n_a + n_g + n_c, max_size=n_a + n_g + n_c, unique=True)
    )
    a_ids, g_ids, c_ids = all_ids[:n_a], all_ids[n_a : n_a + n_g], all_ids[n_a + n_g :]
    agencies = [
        shx.Agency(
            i,
            draw(names),
            sector=draw(st.sampled_from(list(shx.Sector))),
            location=draw(st.none() | locations()),
            attributes=draw(attributes) if with_attributes else {},
        )
        for i in a_ids
    ]
    grps = [draw(groups(i)) for i in g_ids]
    actors = [
        shx.CommunityActor(i, draw(names), draw(st.sampled_from(list(shx.ActorKind))))
        for i in c_ids
    ]
    exchanges = []
    if a_ids and g_ids:
        for _ in range(draw(st.integers(0, max_exchanges))):
            kind = draw(st.sampled_from(ADAPTATIONAL))
            a = draw(st.sampled_from(a_ids))
            g = draw(st.sampled_from(g_ids))
            a_end = (a, kind.role) if draw(st.booleans()) else a
            src, tgt = (a_end, g) if draw(st.booleans()) else (g, a_end)
            start = draw(st.none() | dates)
            end = draw(st.none() | dates)
            if start and end and end < start:
                start, end = end, start
            exchanges.append(
                shx.Exchange(
                    src,
                    tgt,
                    kind,
                    weight=draw(st.floats(0, 1e6, allow_nan=False)),
                    start=start,
                    end=end,
                    attributes=draw(attributes) if with_attributes and draw(st.booleans()) else {},
                )
            )
    # the readers refuse exact duplicate exchanges (allow_duplicates=False): keep one of each
    exchanges = [x for i, x in enumerate(exchanges) if x not in exchanges[:i]]
    initiatives = []
    sponsors_pool = a_ids + g_ids
    if sponsors_pool:
        ini_ids = draw(st.lists(id_strategy, max_size=max_initiatives, unique=True))
        for i in ini_ids:
            sponsors = draw(
                st.lists(st.sampled_from(sponsors_pool), min_size=1, max_size=4, unique=True)
            )
            audiences = (
                draw(st.lists(st.sampled_from(c_ids), max_size=3, unique=True)) if c_ids else []
            )
            initiatives.append(
                shx.Initiative(
                    i,
                    draw(st.sampled_from(list(shx.InitiativeKind))),
                    sponsors,
                    audiences,
                    draw(st.none() | dates),
                    name=draw(optional_text),
                    attributes=draw(attributes) if with_attributes else {},
                )
            )
    return shx.ExchangeNetwork(agencies, grps, actors, exchanges, initiatives)


# --- simulate: cascade parameters -----------------------------------------------------------
probabilities = st.floats(0, 1, allow_nan=False)


@st.composite
def cascade_parameters(
    draw: st.DrawFn, *, dominating: bool = False
) -> shx.simulate.CascadeParameters:
    """Any valid parameters; with ``dominating``, peer >= facilitated >= passive at every step
    and later attendance without a first meeting at most the passive follow-up rate (the
    on-site floor is left free: steering keeps a client's on-site group)."""
    names = shx.simulate.CascadeParameters.names()
    values = {n: draw(probabilities) for n in names}
    if dominating:
        for stage in shx.simulate.STAGES:
            fac = f"facilitated_{stage}"
            values[fac] = (
                values[f"passive_{stage}"] + (1 - values[f"passive_{stage}"]) * values[fac]
            )
            peer = f"peer_{stage}"
            if peer in values:
                values[peer] = values[fac] + (1 - values[fac]) * values[peer]
        values["later_attendance"] *= values["passive_follow_up"]
    return shx.simulate.CascadeParameters(**values)


# the kinds the facilitated-access cascade reads, drawn more often than the others
_CASCADE_KINDS = [
    ExchangeKind.REFERRAL,
    ExchangeKind.FACILITATED_INTRODUCTION,
    ExchangeKind.PEER_BRIDGING,
    ExchangeKind.IN_REACH,
    ExchangeKind.MEETING_SPACE,
]


@st.composite
def linkage_networks(
    draw: st.DrawFn, *, max_agencies: int = 4, max_groups: int = 4, max_exchanges: int = 14
) -> shx.ExchangeNetwork:
    """Small networks of agencies and groups with adaptational exchanges only (cheap to draw)."""
    n_a = draw(st.integers(0, max_agencies))
    n_g = draw(st.integers(0, max_groups))
    a_ids = [f"A{i}" for i in range(n_a)]
    g_ids = [f"G{i}" for i in range(n_g)]
    grps = [
        shx.SelfHelpGroup(
            g, g, shx.GroupType.MUTUAL_HELP, approach=draw(_enum_or_none(shx.Approach))
        )
        for g in g_ids
    ]
    exchanges = []
    if a_ids and g_ids:
        for _ in range(draw(st.integers(0, max_exchanges))):
            kind = draw(st.sampled_from(ADAPTATIONAL) | st.sampled_from(_CASCADE_KINDS))
            a = draw(st.sampled_from(a_ids))
            g = draw(st.sampled_from(g_ids))
            a_end = (a, kind.role) if draw(st.booleans()) else a
            src, tgt = (a_end, g) if draw(st.booleans()) else (g, a_end)
            exchanges.append(shx.Exchange(src, tgt, kind))
    return shx.ExchangeNetwork([shx.Agency(a, a) for a in a_ids], grps, (), exchanges)


@st.composite
def adjacency_matrices(
    draw: st.DrawFn, *, min_nodes: int = 1, max_nodes: int = 12, directed: bool = True
) -> list[list[int]]:
    """Random 0/1 adjacency matrices (zero diagonal; symmetric when not ``directed``)."""
    n = draw(st.integers(min_nodes, max_nodes))
    p = draw(st.sampled_from([0.1, 0.3, 0.5, 0.8]))
    cells = draw(st.lists(st.floats(0, 1), min_size=n * n, max_size=n * n))
    m = [[int(i != j and cells[i * n + j] < p) for j in range(n)] for i in range(n)]
    if not directed:
        m = [[m[min(i, j)][max(i, j)] for j in range(n)] for i in range(n)]
    return m


# ---------------------------------------------------------------- added for the metrics tests
def rename_ids(net: shx.ExchangeNetwork, new_id: dict[str, str]) -> shx.ExchangeNetwork:
    """The same network with every node and initiative id replaced through ``new_id``."""
    import attrs

    def ep(p: object) -> object:
        return new_id[p] if isinstance(p, str) else (new_id[p[0]], p[1])  # type: ignore[index]

    return shx.ExchangeNetwork(
        [attrs.evolve(a, id=new_id[a.id]) for a in net.agencies],
        [attrs.evolve(g, id=new_id[g.id]) for g in net.groups],
        [attrs.evolve(c, id=new_id[c.id]) for c in net.actors],
        [attrs.evolve(e, source=ep(e.source), target=ep(e.target)) for e in net.exchanges],
        [
            attrs.evolve(
                i,
                id=new_id[i.id],
                sponsors=[new_id[s] for s in i.sponsors],
                audiences=[new_id[c] for c in i.audiences],
            )
            for i in net.initiatives
        ],
    )


@st.composite
def renamings(draw: st.DrawFn, net: shx.ExchangeNetwork) -> dict[str, str]:
    """A bijection from the network's node and initiative ids to fresh unique ids."""
    old = [*map(str, net.node_ids), *(i.id for i in net.initiatives)]
    new = draw(st.lists(ids, min_size=len(old), max_size=len(old), unique=True))
    return dict(zip(old, new, strict=True))


@st.composite
def extra_exchanges(draw: st.DrawFn, net: shx.ExchangeNetwork) -> shx.Exchange:
    """One more adaptational exchange between an agency and a group of ``net``."""
    kind = draw(st.sampled_from(ADAPTATIONAL))
    a = draw(st.sampled_from([x.id for x in net.agencies]))
    g = draw(st.sampled_from([x.id for x in net.groups]))
    a_end = (a, kind.role) if draw(st.booleans()) else a
    src, tgt = (a_end, g) if draw(st.booleans()) else (g, a_end)
    start = draw(st.none() | dates)
    end = draw(st.none() | dates)
    if start and end and end < start:
        start, end = end, start
    return shx.Exchange(
        src, tgt, kind, weight=draw(st.floats(0, 1e6, allow_nan=False)), start=start, end=end
    )


windows = st.tuples(st.none() | dates, st.none() | dates).map(
    lambda w: (min(w), max(w)) if None not in w else w
)


# dates clustered on a few days so that window bounds often fall exactly on an exchange's ends
pool_dates = (
    st.sampled_from(
        [dt.date(2023, 1, 1), dt.date(2023, 6, 30), dt.date(2024, 1, 1), dt.date(2024, 6, 30)]
    )
    | dates
)
metric_windows = st.tuples(st.none() | pool_dates, st.none() | pool_dates).map(
    lambda w: (min(w), max(w)) if None not in w else w
)


_weights = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, 1e6]) | st.floats(0, 1e6)
_exchange_specs = st.tuples(
    st.integers(0, len(ADAPTATIONAL) - 1),  # kind
    st.integers(0, 2**16),  # first endpoint pick
    st.integers(0, 2**16),  # second endpoint pick
    st.integers(0, 15),  # bits: agency-group or any pair, reverse, subunit on either end
    st.none() | pool_dates,
    st.none() | pool_dates,
    _weights,
)


@st.composite
def metric_networks(
    draw: st.DrawFn,
    *,
    max_agencies: int = 4,
    max_groups: int = 5,
    max_actors: int = 3,
    max_exchanges: int = 30,
    max_initiatives: int = 5,
    id_strategy: st.SearchStrategy[str] = ids,
) -> shx.ExchangeNetwork:
    """Lighter networks for the metric tests: plain records, exchanges of every endpoint pair.

    Besides agency-group exchanges (the dyads) they hold agency-agency, group-group and
    group/agency-actor exchanges, which the linkage metrics must ignore.
    """
    n_a = draw(st.integers(0, max_agencies))
    n_g = draw(st.integers(0, max_groups))
    n_c = draw(st.integers(0, max_actors))
    n = n_a + n_g + n_c
    all_ids = draw(st.lists(id_strategy, min_size=n, max_size=n, unique=True))
    a_ids, g_ids, c_ids = all_ids[:n_a], all_ids[n_a : n_a + n_g], all_ids[n_a + n_g :]
    sectors = draw(st.lists(st.sampled_from(list(shx.Sector)), min_size=n_a, max_size=n_a))
    agencies = [shx.Agency(i, "agency", sector=s) for i, s in zip(a_ids, sectors, strict=True)]
    group_spec = st.tuples(
        st.sampled_from(list(shx.GroupType)),
        *(
            _enum_or_none(c)
            for c in (
                shx.Focus,
                shx.Approach,
                shx.MeetingPlace,
                shx.Admission,
                shx.Timing,
                shx.Facilitation,
            )
        ),
    )
    specs = draw(st.lists(group_spec, min_size=n_g, max_size=n_g))
    grps = [
        shx.SelfHelpGroup(
            i,
            "group",
            t,
            focus=f,
            approach=ap,
            meeting_place=mp,
            admission=ad,
            timing=ti,
            facilitation=fa,
        )
        for i, (t, f, ap, mp, ad, ti, fa) in zip(g_ids, specs, strict=True)
    ]
    kinds = draw(st.lists(st.sampled_from(list(shx.ActorKind)), min_size=n_c, max_size=n_c))
    actors = [shx.CommunityActor(i, "actor", k) for i, k in zip(c_ids, kinds, strict=True)]
    exchanges = []
    nodes = a_ids + g_ids + c_ids
    agency_set = set(a_ids)
    if len(nodes) >= 2:
        for k, p1, p2, bits, d1, d2, weight in draw(
            st.lists(_exchange_specs, max_size=max_exchanges)
        ):
            kind = ADAPTATIONAL[k]
            if a_ids and g_ids and bits & 1:
                pair = [a_ids[p1 % n_a], g_ids[p2 % n_g]]
            else:
                first = p1 % len(nodes)
                second = (first + 1 + p2 % (len(nodes) - 1)) % len(nodes)
                pair = [nodes[first], nodes[second]]
            if bits & 2:
                pair.reverse()
            ends = [
                (p, kind.role) if p in agency_set and bits & (4 << j) else p
                for j, p in enumerate(pair)
            ]
            start, end = (d2, d1) if d1 and d2 and d2 < d1 else (d1, d2)
            exchanges.append(shx.Exchange(ends[0], ends[1], kind, weight, start, end))
    initiatives = []
    sponsors_pool = a_ids + g_ids
    if sponsors_pool:
        ini_spec = st.tuples(
            st.lists(st.sampled_from(sponsors_pool), min_size=1, max_size=4, unique=True),
            st.lists(st.sampled_from(c_ids), max_size=3, unique=True) if c_ids else st.just([]),
            st.none() | pool_dates,
        )
        for k, (sponsors, audiences, date) in enumerate(
            draw(st.lists(ini_spec, max_size=max_initiatives))
        ):
            initiatives.append(shx.Initiative(f"I{k}", "other", sponsors, audiences, date))
    return shx.ExchangeNetwork(agencies, grps, actors, exchanges, initiatives)


@st.composite
def communities(
    draw: st.DrawFn, max_agencies: int = 12, max_groups: int = 40, max_exchanges: int = 400
) -> shx.ExchangeNetwork:
    """Synthetic communities from :func:`selfhelp_exchange.generate.community` (realistic
    structure: regions, every kind, repeated ties, initiatives) at small random sizes."""
    n_agencies = draw(st.integers(1, max_agencies))
    n_groups = draw(st.integers(1, max_groups))
    return shx.generate.community(
        n_agencies,
        n_groups,
        n_exchanges=draw(st.integers(0, max_exchanges)),
        n_initiatives=draw(st.integers(0, 2 * n_agencies)),
        n_regions=draw(st.integers(1, 4)),
        seed=draw(st.integers(0, 2**32 - 1)),
    )


def as_directed(net: shx.ExchangeNetwork) -> shx.ExchangeNetwork:
    """The network with each agency-group exchange of a one-way kind turned its kind's way.

    The tables readers refuse a row written against its kind's direction (a referral from a
    group to an agency), so only such networks round-trip through tables.
    """
    agencies = {a.id for a in net.agencies}
    groups = {g.id for g in net.groups}

    def node(end: object) -> object:
        return end[0] if isinstance(end, tuple) else end

    out = []
    for e in net.exchanges:
        s, t = node(e.source), node(e.target)
        d = e.kind.direction
        wrong = (d is shx.Direction.AGENCY_TO_GROUP and s in groups and t in agencies) or (
            d is shx.Direction.GROUP_TO_AGENCY and s in agencies and t in groups
        )
        out.append(attrs.evolve(e, source=e.target, target=e.source) if wrong else e)
    # turning one round can make it an exact copy of another, which the readers refuse
    out = [x for i, x in enumerate(out) if x not in out[:i]]
    return shx.ExchangeNetwork(net.agencies, net.groups, net.actors, out, net.initiatives)
