"""Hypothesis strategies shared by the test suite: records and whole valid networks."""

from __future__ import annotations

import datetime as dt
import string

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
