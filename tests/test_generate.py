"""Tests of the synthetic community generator and of the benchmark cases' checks."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange import generate
from selfhelp_exchange.catalogue import Direction, ExchangeKind
from selfhelp_exchange.generate import GenerateError
from selfhelp_exchange.network import KIND_ROLE, NO_ROLE, ExchangeNetwork
from tests.strategies import communities

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
DRAWN_KINDS = [k for k in ExchangeKind if k is not ExchangeKind.JOINT_INITIATIVE]


def _tol(p: float, n: int) -> float:
    """Five binomial standard errors: a loose bound a correct generator misses ~1 in 10^6."""
    return 5 * math.sqrt(p * (1 - p) / n)


@pytest.fixture(scope="module")
def moderate() -> ExchangeNetwork:
    """A community big enough for every kind and type to show, and for shares to settle."""
    return generate.community(200, 4000, n_exchanges=60_000, seed=11)


# ---------------------------------------------------------------------------- determinism
def test_same_int_seed_gives_the_same_network() -> None:
    a = generate.community(30, 200, seed=5)
    b = generate.community(30, 200, seed=5)
    assert a == b
    assert a.arrays.equals(b.arrays)


def test_generator_seed_is_the_same_stream_as_its_int_seed() -> None:
    a = generate.community(30, 200, seed=np.random.default_rng(5))
    assert a == generate.community(30, 200, seed=5)


def test_seed_sequence_is_accepted() -> None:
    a = generate.community(10, 50, seed=np.random.SeedSequence(9))
    assert a == generate.community(10, 50, seed=np.random.SeedSequence(9))


def test_different_seeds_give_different_networks() -> None:
    a = generate.community(30, 200, seed=5)
    b = generate.community(30, 200, seed=6)
    assert not a.arrays.equals(b.arrays)


def test_streams_are_split_so_initiatives_do_not_move_exchanges() -> None:
    a = generate.community(30, 200, seed=5, n_initiatives=3)
    b = generate.community(30, 200, seed=5, n_initiatives=40)
    assert a.arrays.equals(b.arrays)
    assert a.groups == b.groups
    assert len(a.initiatives) == 3
    assert len(b.initiatives) == 40


# ---------------------------------------------------------------------------- sizes
def test_default_sizes() -> None:
    net = generate.community(40, 300, seed=1)
    assert (net.n_agencies, net.n_groups) == (40, 300)
    assert net.n_exchanges == 40 * 20  # exchanges_per_agency=20
    assert len(net.initiatives) == 20  # one per two agencies
    assert len({a.attributes["region"] for a in net.agencies}) <= 4  # one region per ten
    assert len(net.actors) == 12  # three per region


def test_default_actor_count_is_three_per_region_and_at_least_one_per_kind() -> None:
    assert len(generate.community(40, 300, n_regions=4, seed=1).actors) == 12
    assert len(generate.community(40, 300, n_regions=1, seed=1).actors) == len(shx.ActorKind)
    kinds = {a.kind for a in generate.community(5, 10, n_regions=1, seed=1).actors}
    assert kinds == set(shx.ActorKind)


def test_explicit_sizes() -> None:
    net = generate.community(
        7, 33, n_actors=4, n_exchanges=555, n_initiatives=6, n_regions=2, seed=2
    )
    assert (net.n_agencies, net.n_groups, len(net.actors)) == (7, 33, 4)
    assert (net.n_exchanges, len(net.initiatives)) == (555, 6)
    assert {a.attributes["region"] for a in net.agencies} <= {"R0", "R1"}
    assert generate.community(10, 20, exchanges_per_agency=2.5, seed=1).n_exchanges == 25


def test_ids_are_zero_padded_and_sorted() -> None:
    net = generate.community(12, 105, seed=3)
    assert [a.id for a in net.agencies][:3] == ["A00", "A01", "A02"]
    assert net.groups[-1].id == "G104"
    ids = [g.id for g in net.groups]
    assert ids == sorted(ids)


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((0, 0), {}, (0, 0, 0, 0)),
        ((5, 0), {}, (5, 0, 0, 2)),  # no group: no exchange by default; agency-led initiatives
        ((0, 5), {}, (0, 5, 0, 0)),
        ((0, 5), {"n_initiatives": 3}, (0, 5, 0, 3)),  # group-led initiatives only
        ((1, 1), {"n_exchanges": 7}, (1, 1, 7, 0)),
    ],
)
def test_edge_sizes(
    args: tuple[int, int], kwargs: dict[str, Any], expected: tuple[int, ...]
) -> None:
    net = generate.community(*args, seed=0, **kwargs)
    assert (net.n_agencies, net.n_groups, net.n_exchanges, len(net.initiatives)) == expected


@settings(max_examples=25, deadline=None)
@given(
    n_agencies=st.integers(0, 12),
    n_groups=st.integers(0, 30),
    n_exchanges=st.integers(0, 200),
    n_regions=st.integers(1, 5),
    seed=st.integers(0, 2**32 - 1),
)
def test_any_small_community_is_valid(
    n_agencies: int, n_groups: int, n_exchanges: int, n_regions: int, seed: int
) -> None:
    n_x = n_exchanges if n_agencies and n_groups else 0
    net = generate.community(n_agencies, n_groups, n_exchanges=n_x, n_regions=n_regions, seed=seed)
    assert net.n_exchanges == n_x
    _assert_valid_exchanges(net)
    # the arrays pass the bulk constructor's validation again
    x = net.arrays
    ExchangeNetwork.from_arrays(
        agencies=net.agencies,
        groups=net.groups,
        actors=net.actors,
        initiatives=net.initiatives,
        **{c: getattr(x, c) for c in ("source", "target", "kind", "weight", "start", "end")},
        source_role=x.source_role,
        target_role=x.target_role,
    )


def _assert_valid_exchanges(net: ExchangeNetwork) -> None:
    x = net.arrays
    t = net.node_type
    # every exchange links one agency and one group
    assert np.all((t[x.source] == 0) ^ (t[x.target] == 0))
    assert np.all((t[x.source] == 1) ^ (t[x.target] == 1))
    assert not np.any(x.kind == ExchangeKind.JOINT_INITIATIVE.code)
    # a named subunit is always the kind's; groups never name one
    for nodes, roles in ((x.source, x.source_role), (x.target, x.target_role)):
        named = roles != NO_ROLE
        assert np.all(t[nodes[named]] == 0)
        assert np.array_equal(roles[named], KIND_ROLE[x.kind[named]])
    assert np.all(x.weight >= 1)
    assert np.array_equal(x.weight, np.floor(x.weight))
    assert np.all(x.end >= x.start)


# ---------------------------------------------------------------------------- coverage
def test_every_kind_type_fellowship_and_vocabulary_is_present(moderate: ExchangeNetwork) -> None:
    kinds = {ExchangeKind.from_code(int(c)) for c in np.unique(moderate.arrays.kind)}
    assert kinds == set(DRAWN_KINDS)
    groups = moderate.groups
    assert {g.group_type for g in groups} == set(shx.GroupType)
    assert {g.fellowship for g in groups} == {*generate.FELLOWSHIP_SHARES, None}
    assert {g.focus for g in groups} == set(shx.Focus)
    assert {g.approach for g in groups} == set(shx.Approach)
    assert {g.meeting_place for g in groups} == {*shx.MeetingPlace, None}
    assert {g.admission for g in groups} == {*shx.Admission, None}
    assert {g.timing for g in groups} == {*shx.Timing, None}
    assert {g.facilitation for g in groups} == {*shx.Facilitation, None}
    assert {a.sector for a in moderate.agencies} == set(shx.Sector)
    assert {a.kind for a in moderate.actors} == set(shx.ActorKind)
    assert {i.kind for i in moderate.initiatives} == set(shx.InitiativeKind)
    roles = np.unique(np.concatenate([moderate.arrays.source_role, moderate.arrays.target_role]))
    assert roles.tolist() == [NO_ROLE, 0, 1, 2]


def test_exchanges_are_valid_and_directed_as_the_catalogue_says(
    moderate: ExchangeNetwork,
) -> None:
    _assert_valid_exchanges(moderate)
    x = moderate.arrays
    from_agency = moderate.node_type[x.source] == 0
    for k in DRAWN_KINDS:
        mine = x.kind == k.code
        if k.direction is Direction.AGENCY_TO_GROUP:
            assert from_agency[mine].all(), k
        elif k.direction is Direction.GROUP_TO_AGENCY:
            assert not from_agency[mine].any(), k
        else:  # either: agency first with probability AGENCY_FIRST_SHARE
            share = from_agency[mine].mean()
            p = generate.AGENCY_FIRST_SHARE
            assert abs(share - p) < _tol(p, int(mine.sum())), k
    named = np.where(from_agency, x.source_role, x.target_role) != NO_ROLE
    p = generate.SUBUNIT_NAMED_SHARE
    assert abs(named.mean() - p) < _tol(p, len(x))


# ---------------------------------------------------------------------------- proportions
def test_kind_shares_follow_the_documented_rates(moderate: ExchangeNetwork) -> None:
    x = moderate.arrays
    counts = np.bincount(x.kind, minlength=len(ExchangeKind))
    n = len(x)
    for k, p in generate.KIND_RATES.items():
        assert abs(counts[k.code] / n - p) < _tol(p, n), k
    # the documented subunit totals: practitioners 0.60, clients 0.34, board 0.06
    role_share = np.bincount(KIND_ROLE[x.kind], minlength=3) / n
    assert np.allclose(role_share, [0.06, 0.60, 0.34], atol=0.015)


def test_weights_have_the_documented_means(moderate: ExchangeNetwork) -> None:
    x = moderate.arrays
    for k, m in generate.KIND_MEAN_WEIGHT.items():
        w = x.weight[x.kind == k.code]
        # geometric on 1, 2, ... with mean m has variance m (m - 1)
        assert abs(w.mean() - m) <= 5 * math.sqrt(m * (m - 1) / len(w)) + 1e-12, k
    assert np.all(x.weight[x.kind == ExchangeKind.BOARD_SEAT.code] == 1)


def test_short_durations_have_the_documented_means(moderate: ExchangeNetwork) -> None:
    x = moderate.arrays
    # floor(Exp(mean m)) has mean 1 / (exp(1/m) - 1); kinds far shorter than the window are
    # barely cut at its end
    for k in (ExchangeKind.CONSULTATION, ExchangeKind.STAFF_EDUCATION):
        m = generate.KIND_MEAN_DAYS[k]
        days = (x.end - x.start)[x.kind == k.code].astype(np.int64)
        expected = 1 / math.expm1(1 / m)
        assert abs(days.mean() - expected) < 5 * m / math.sqrt(len(days)), k


def test_group_types_and_fellowships_follow_the_documented_shares(
    moderate: ExchangeNetwork,
) -> None:
    groups = moderate.groups
    n = len(groups)
    types = Counter(g.group_type for g in groups)
    for t, p in generate.GROUP_TYPE_SHARES.items():
        assert abs(types[t] / n - p) < _tol(p, n), t
    mutual = [g for g in groups if g.group_type is shx.GroupType.MUTUAL_HELP]
    assert all(g.fellowship is not None for g in mutual)
    assert all(
        g.fellowship is None for g in groups if g.group_type is not shx.GroupType.MUTUAL_HELP
    )
    fellowships = Counter(g.fellowship for g in mutual)
    total = sum(s for s, _, _ in generate.FELLOWSHIP_SHARES.values())
    for f, (share, _, _) in generate.FELLOWSHIP_SHARES.items():
        p = share / total
        assert abs(fellowships[f] / len(mutual) - p) < _tol(p, len(mutual)), f
    assert fellowships.most_common(3) == [
        ("AA", fellowships["AA"]),
        ("NA", fellowships["NA"]),
        ("Al-Anon", fellowships["Al-Anon"]),
    ]


def test_focus_and_approach_follow_the_fellowship(moderate: ExchangeNetwork) -> None:
    for g in moderate.groups:
        if g.fellowship is not None:
            _, focus, approach = generate.FELLOWSHIP_SHARES[g.fellowship]
            assert (g.focus, g.approach) == (focus, approach), g
        else:
            assert g.approach is not shx.Approach.TWELVE_STEP, g
    aa = next(g for g in moderate.groups if g.fellowship == "AA")
    assert (aa.focus, aa.approach) == (shx.Focus.SUBSTANCE_USE, shx.Approach.TWELVE_STEP)
    alanon = next(g for g in moderate.groups if g.fellowship == "Al-Anon")
    assert alanon.focus is shx.Focus.FAMILY


def test_continuum_follows_the_documented_shares(moderate: ExchangeNetwork) -> None:
    groups = moderate.groups
    for t, dims in generate.CONTINUUM_SHARES.items():
        mine = [g for g in groups if g.group_type is t]
        for dim, shares in dims.items():
            values = [getattr(g, dim) for g in mine]
            unknown = values.count(None) / len(values)
            assert (
                abs(unknown - generate.UNKNOWN_SHARE)
                < _tol(generate.UNKNOWN_SHARE, len(values)) + 0.01
            ), (t, dim)
            known = [v for v in values if v is not None]
            assert set(known) <= set(shares), (t, dim)
            for value, p in shares.items():
                share = known.count(value) / len(known)
                assert abs(share - p) < _tol(p, len(known)) + 1e-9, (t, dim, value)


def test_sector_shares(moderate: ExchangeNetwork) -> None:
    big = generate.community(5000, 10, n_exchanges=0, seed=4)
    sectors = Counter(a.sector for a in big.agencies)
    for s, p in generate.SECTOR_SHARES.items():
        assert abs(sectors[s] / 5000 - p) < _tol(p, 5000), s


def test_initiatives_have_valid_sponsors_and_audiences(moderate: ExchangeNetwork) -> None:
    agencies = {a.id for a in moderate.agencies}
    groups = {g.id for g in moderate.groups}
    actors = {a.id for a in moderate.actors}
    led_by_agency = 0
    joint = 0
    for ini in moderate.initiatives:
        assert set(ini.sponsors) <= agencies | groups
        assert len(ini.audiences) >= 1
        assert set(ini.audiences) <= actors
        assert dt.date(2024, 1, 1) <= ini.date <= dt.date(2025, 12, 31)
        led_by_agency += ini.sponsors[0] in agencies
        joint += bool(set(ini.sponsors) & agencies) and bool(set(ini.sponsors) & groups)
    n = len(moderate.initiatives)
    assert n == 100
    assert abs(led_by_agency / n - generate.AGENCY_LED_SHARE) < _tol(generate.AGENCY_LED_SHARE, n)
    assert 0 < joint < n  # some joint initiatives, and some the agency runs alone
    a_idx, _, _ = moderate.joint_initiative_pairs()
    assert len(a_idx) > 0


# ---------------------------------------------------------------------------- geography, time
def test_coordinates_lie_within_the_bounds() -> None:
    bounds = (40.0, -80.0, 41.0, -79.0)
    net = generate.community(50, 400, n_regions=5, bounds=bounds, seed=8)
    places = [a.location for a in net.agencies] + [loc for g in net.groups for loc in g.locations]
    lat = np.array([p.latitude for p in places])
    lon = np.array([p.longitude for p in places])
    assert lat.min() >= 40.0
    assert lat.max() <= 41.0
    assert lon.min() >= -80.0
    assert lon.max() <= -79.0
    south, west, north, east = generate.DEFAULT_BOUNDS
    for a in generate.community(30, 10, seed=1).agencies:
        assert south <= a.location.latitude <= north
        assert west <= a.location.longitude <= east


def test_online_groups_have_no_place_and_others_one(moderate: ExchangeNetwork) -> None:
    for g in moderate.groups:
        assert len(g.locations) == (0 if g.meeting_place is shx.MeetingPlace.ONLINE else 1)


def test_places_cluster_around_their_region(moderate: ExchangeNetwork) -> None:
    by_region: dict[str, list[tuple[float, float]]] = {}
    for g in moderate.groups:
        for loc in g.locations:
            by_region.setdefault(str(g.attributes["region"]), []).append(
                (loc.latitude, loc.longitude)
            )
    spreads = [np.std(np.array(v), axis=0).max() for v in by_region.values() if len(v) > 20]
    assert spreads
    # REGION_SPREAD_DEG around a centre, against the ~20 degrees of the whole box
    assert np.median(spreads) < 2 * generate.REGION_SPREAD_DEG


def test_exchanges_are_mostly_within_a_region(moderate: ExchangeNetwork) -> None:
    region = np.array(
        [a.attributes["region"] for a in moderate.agencies]
        + [g.attributes["region"] for g in moderate.groups]
        + [""] * len(moderate.actors),
        dtype=object,
    )
    x = moderate.arrays
    local = (region[x.source] == region[x.target]).mean()
    assert local > 0.75  # slots filled locally with probability LOCAL_SHARE = 0.85


def test_agencies_prefer_groups_whose_focus_suits_their_sector(moderate: ExchangeNetwork) -> None:
    x = moderate.arrays
    n_a = moderate.n_agencies
    agency = np.where(x.source < n_a, x.source, x.target)
    group = np.where(x.source < n_a, x.target, x.source) - n_a
    mh_agency = np.array([a.sector is shx.Sector.MENTAL_HEALTH for a in moderate.agencies])
    su_focus = np.array([g.focus is shx.Focus.SUBSTANCE_USE for g in moderate.groups])
    mh = mh_agency[agency]
    # substance-use groups are more than half of all groups but rarer partners of MH agencies
    assert su_focus[group[mh]].mean() < su_focus[group[~mh]].mean() - 0.1


def test_dates_lie_within_the_window_and_are_sorted() -> None:
    net = generate.community(20, 100, start="2023-03-01", end=dt.date(2023, 5, 31), seed=9)
    x = net.arrays
    lo, hi = np.datetime64("2023-03-01"), np.datetime64("2023-05-31")
    assert x.start.min() >= lo
    assert x.end.max() <= hi
    assert np.all(x.end >= x.start)
    assert np.all(np.diff(x.start.astype(np.int64)) >= 0)
    assert not np.isnat(x.start).any()
    one_day = generate.community(5, 10, start="2024-02-29", end="2024-02-29", seed=1)
    assert set(one_day.arrays.start.astype(str)) == {"2024-02-29"}


def test_activity_is_uneven_and_ties_repeat() -> None:
    net = generate.community(300, 2000, n_exchanges=30_000, seed=12)
    per_agency = np.bincount(
        np.where(net.node_type[net.arrays.source] == 0, net.arrays.source, net.arrays.target),
        minlength=300,
    )
    # Gamma(2) activity: uneven, but every agency expects exchanges
    assert per_agency.std() > 0.3 * per_agency.mean()
    x = net.arrays
    dyads = set(
        zip(
            np.minimum(x.source, x.target).tolist(),
            np.maximum(x.source, x.target).tolist(),
            strict=True,
        )
    )
    assert len(dyads) < net.n_exchanges / 2  # ties repeat: several exchanges per dyad


# ---------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((-1, 5), {}, "'n_agencies' must be an integer >= 0"),
        ((2.5, 5), {}, "'n_agencies' must be an integer >= 0"),
        ((True, 5), {}, "'n_agencies'"),
        ((5, -2), {}, "'n_groups'"),
        ((5, 5), {"n_exchanges": -1}, "'n_exchanges'"),
        ((5, 5), {"n_actors": "3"}, "'n_actors'"),
        ((5, 5), {"n_initiatives": -3}, "'n_initiatives'"),
        ((5, 5), {"n_regions": 0}, "'n_regions' must be at least 1"),
        ((5, 5), {"exchanges_per_agency": -1.0}, "'exchanges_per_agency'"),
        ((5, 5), {"exchanges_per_agency": float("nan")}, "'exchanges_per_agency'"),
        ((5, 0), {"n_exchanges": 3}, "3 exchanges need at least one agency and one group"),
        ((0, 5), {"n_exchanges": 3}, "need at least one agency"),
        ((0, 0), {"n_initiatives": 2}, "2 initiatives need at least one agency or group"),
        ((5, 5), {"start": "2024-05-01", "end": "2024-04-01"}, "'start' <= 'end'"),
        ((5, 5), {"start": "May 2024"}, "'start' must be a date"),
        ((5, 5), {"bounds": (10, 10, 5, 20)}, "'bounds' must be"),
        ((5, 5), {"bounds": (1, 2, 3)}, "four numbers"),
        ((5, 5), {"bounds": (0, -200, 10, 10)}, "-180 <= west"),
    ],
)
def test_bad_parameters_raise(args: tuple[Any, ...], kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(GenerateError, match=match) as info:
        generate.community(*args, seed=0, **kwargs)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, shx.SelfHelpExchangeError)


def test_the_conventions_are_read_only_and_sum_to_one() -> None:
    for table in (
        generate.SECTOR_SHARES,
        generate.GROUP_TYPE_SHARES,
        generate.KIND_RATES,
        generate.ACTOR_KIND_SHARES,
        generate.INITIATIVE_KIND_SHARES,
    ):
        assert math.isclose(sum(table.values()), 1.0)
        with pytest.raises(TypeError):
            table[next(iter(table))] = 0.5  # type: ignore[index]
    assert math.isclose(sum(s for s, _, _ in generate.FELLOWSHIP_SHARES.values()), 1.0)
    assert set(generate.KIND_RATES) == set(DRAWN_KINDS)
    assert set(generate.KIND_MEAN_WEIGHT) == set(DRAWN_KINDS)
    assert set(generate.KIND_MEAN_DAYS) == set(DRAWN_KINDS)
    for dims in generate.CONTINUUM_SHARES.values():
        for shares in dims.values():
            assert math.isclose(sum(shares.values()), 1.0)


def test_draws_never_land_on_zero_probability_categories() -> None:
    rng = np.random.default_rng(0)
    p = np.array([0.0, 0.3, 0.0, 0.7, 0.0])
    draws = generate._draw(rng, p, 20_000)
    assert set(np.unique(draws).tolist()) == {1, 3}
    table = np.array([[0.5, 0.5, 0.0], [0.0, 0.0, 1.0], [0.1, 0.0, 0.9]])
    rows = np.repeat(np.arange(3), 5000)
    drawn = generate._draw_rows(rng, table, rows)
    assert set(drawn[rows == 0].tolist()) == {0, 1}
    assert set(drawn[rows == 1].tolist()) == {2}
    assert set(drawn[rows == 2].tolist()) == {0, 2}


@settings(max_examples=10, deadline=None)
@given(communities())
def test_the_communities_strategy_gives_valid_networks(net: ExchangeNetwork) -> None:
    _assert_valid_exchanges(net)
    assert net.n_agencies >= 1
    assert net.n_groups >= 1
