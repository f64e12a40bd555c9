from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfhelp_exchange.geo import (
    EARTH_RADIUS_M,
    haversine_m,
    normalize_address,
    pairwise_haversine_m,
)

# Hand-worked: one degree of arc on a sphere of radius R is R * pi / 180.
# R = 6 371 008.8 m -> 6 371 008.8 * 0.017453292519943 = 111 195.0802 m.
ONE_DEGREE_M = 111_195.0802
QUARTER_M = 10_007_557.22  # R * pi / 2
HALF_M = 20_015_114.442036  # R * pi = 6_371_008.8 m * 3.14159265...

lat_s = st.floats(-90, 90, allow_nan=False)
lon_s = st.floats(-180, 180, allow_nan=False)


def test_radius_is_grs80_mean_radius() -> None:
    assert EARTH_RADIUS_M == 6_371_008.8


@pytest.mark.parametrize(
    ("lat1", "lon1", "lat2", "lon2", "expected"),
    [
        (0.0, 0.0, 1.0, 0.0, ONE_DEGREE_M),  # along a meridian
        (0.0, 0.0, 0.0, 1.0, ONE_DEGREE_M),  # along the equator
        (44.0, -77.0, 45.0, -77.0, ONE_DEGREE_M),  # any meridian
        (0.0, 0.0, 90.0, 0.0, QUARTER_M),  # equator to pole
        (0.0, 0.0, 0.0, 180.0, HALF_M),  # antipodes
        (0.0, 179.5, 0.0, -179.5, ONE_DEGREE_M),  # across the date line
        (10.0, 20.0, 10.0, 20.0, 0.0),
    ],
)
def test_haversine_hand_worked(
    lat1: float, lon1: float, lat2: float, lon2: float, expected: float
) -> None:
    assert float(haversine_m(lat1, lon1, lat2, lon2)) == pytest.approx(expected, abs=0.01)


def test_haversine_on_a_parallel_is_shorter_than_the_parallel() -> None:
    # at 60 degrees the parallel arc of 1 degree is cos(60) * 111 195.08 = 55 597.54 m; the great
    # circle between its ends is a little shorter
    d = float(haversine_m(60.0, 0.0, 60.0, 1.0))
    assert 55_590.0 < d < 55_597.54


def _law_of_cosines(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(
        math.radians(lon2 - lon1)
    )
    return EARTH_RADIUS_M * math.acos(max(-1.0, min(1.0, c)))


@given(lat_s, lon_s, lat_s, lon_s)
def test_haversine_agrees_with_law_of_cosines(a: float, b: float, c: float, d: float) -> None:
    # an independent formula; the law of cosines loses precision below ~1 m, so allow 1 m
    assert float(haversine_m(a, b, c, d)) == pytest.approx(_law_of_cosines(a, b, c, d), abs=1.0)


@given(lat_s, lon_s, lat_s, lon_s, lat_s, lon_s)
def test_haversine_is_a_metric(a: float, b: float, c: float, d: float, e: float, f: float) -> None:
    ab = float(haversine_m(a, b, c, d))
    assert ab == pytest.approx(float(haversine_m(c, d, a, b)), abs=1e-6)
    assert 0.0 <= ab <= HALF_M + 1e-3
    assert float(haversine_m(a, b, a, b)) == 0.0
    assert ab <= float(haversine_m(a, b, e, f)) + float(haversine_m(e, f, c, d)) + 1e-3


def test_haversine_broadcasts_and_propagates_nan() -> None:
    d = haversine_m([0.0, 1.0, math.nan], 0.0, 0.0, 0.0)
    assert d.shape == (3,)
    assert d[0] == 0.0
    assert d[1] == pytest.approx(ONE_DEGREE_M, abs=0.01)
    assert math.isnan(d[2])


def test_pairwise_matches_elementwise() -> None:
    rng = np.random.default_rng(1)
    la, oa = rng.uniform(-80, 80, 4), rng.uniform(-179, 179, 4)
    lb, ob = rng.uniform(-80, 80, 3), rng.uniform(-179, 179, 3)
    d = pairwise_haversine_m(la, oa, lb, ob)
    assert d.shape == (4, 3)
    for i in range(4):
        for j in range(3):
            assert d[i, j] == pytest.approx(_law_of_cosines(la[i], oa[i], lb[j], ob[j]), abs=1.0)


def test_pairwise_empty_sets() -> None:
    assert pairwise_haversine_m([], [], [1.0], [1.0]).shape == (0, 1)
    assert pairwise_haversine_m([1.0], [1.0], [], []).shape == (1, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("265 Dundas Street East", "265 dundas st e"),
        ("265  DUNDAS St. E.", "265 dundas st e"),
        ("432 Bridge St E.", "432 bridge st e"),
        ("520 Bridge St E & Farley", "520 bridge st e and farley"),
        ("St Andrew's Presbyterian Church", "st andrews presbyterian church"),
        ("Saint Andrew\u2019s", "st andrews"),
        ("13251 Loyalist Parkway", "13251 loyalist pkwy"),
        ("1 Rue de Montréal", "1 rue de montreal"),
        ("67 Victoria Avenue North-West", "67 victoria ave n w"),
        ("10 Main St, Suite 200", "10 main st ste 200"),
        ("", ""),
        ("  ,;  ", ""),
        (None, ""),
    ],
)
def test_normalize_address(text: str | None, expected: str) -> None:
    assert normalize_address(text) == expected


def test_normalize_address_spellings_meet() -> None:
    variants = ["115 St Lawrence St W.", "115 Saint Lawrence Street West", "115 ST. LAWRENCE ST W"]
    assert len({normalize_address(v) for v in variants}) == 1


def test_normalize_address_keeps_different_streets_apart() -> None:
    assert normalize_address("43 Pine St") != normalize_address("43 Pine Rd")
    assert normalize_address("43 Pine St") != normalize_address("34 Pine St")


@given(st.text(max_size=40))
def test_normalize_address_is_idempotent(text: str) -> None:
    once = normalize_address(text)
    assert normalize_address(once) == once
    assert once == once.strip()
    assert "  " not in once
