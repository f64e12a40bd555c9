from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Ellipse

import selfhelp_exchange as shx
from selfhelp_exchange.availability import week_hour_counts
from selfhelp_exchange.plot import availability_map, meeting_heatmap
from selfhelp_exchange.plot.availability import APPROACH_COLORS

QUINTE = Path(__file__).parent / "data" / "meeting-guide" / "feed-quinte-ontario.json"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def net() -> shx.ExchangeNetwork:
    feed = shx.read_meeting_guide(QUINTE, fellowship="AA")
    agencies = [
        shx.Agency("BGH", "Belleville General", location={"latitude": 44.1627054,
                                                          "longitude": -77.3643232}),
        shx.Agency("PECH", "Picton Hospital", location={"latitude": 44.0158672,
                                                        "longitude": -77.1375427}),
        shx.Agency("X", "No place"),
    ]  # fmt: skip
    extra = shx.SelfHelpGroup("S", "SMART Belleville", "supported_self_help",
                              approach="non_twelve_step",
                              locations=[{"latitude": 44.17, "longitude": -77.38}])  # fmt: skip
    return shx.ExchangeNetwork(agencies=agencies, groups=[*feed.groups, extra])


def test_availability_map_draws_places_and_catchments(net: shx.ExchangeNetwork) -> None:
    ax = availability_map(net, radius_m=10000)
    ellipses = [p for p in ax.patches if isinstance(p, Ellipse)]
    assert len(ellipses) == 2  # the agency without coordinates has no catchment
    # a 10 km radius is 10 / 111.19508 = 0.089932 degrees of latitude
    e = ellipses[0]
    assert e.height == pytest.approx(2 * 10 / 111.19508, rel=1e-6)
    assert e.width == pytest.approx(e.height / math.cos(math.radians(44.1627054)), rel=1e-6)
    assert e.center == pytest.approx((-77.3643232, 44.1627054))
    groups_scatter = ax.collections[0]
    n_places = sum(len(g.locations) for g in net.groups)
    assert groups_scatter.get_offsets().shape == (n_places, 2)
    colors = {to_hex(c) for c in groups_scatter.get_facecolors()}
    assert colors == {APPROACH_COLORS[shx.Approach.TWELVE_STEP],
                      APPROACH_COLORS[shx.Approach.NON_TWELVE_STEP]}  # fmt: skip
    labels = [t.get_text() for t in ax.texts]
    df = shx.availability(net, radius_m=10000)
    assert labels == [
        f"Belleville General ({int(df.loc['BGH', 'groups_within'])})",
        f"Picton Hospital ({int(df.loc['PECH', 'groups_within'])})",
    ]
    assert ax.get_xlabel() == "longitude"
    assert ax.get_ylabel() == "latitude"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["twelve-step", "non-twelve-step", "agency (10 km reach)"]


def test_availability_map_uses_given_axes_and_kwargs(net: shx.ExchangeNetwork) -> None:
    _, ax = plt.subplots()
    out = availability_map(net, travel_minutes=10, ax=ax, annotate=False, s=5)
    assert out is ax
    assert len(ax.texts) == 0
    assert ax.collections[0].get_sizes().tolist() == [5.0]
    assert "5 km" in ax.get_title()  # 10 minutes at 30 km/h


def test_availability_map_empty_network() -> None:
    ax = availability_map(shx.ExchangeNetwork())
    assert len(ax.patches) == 0
    assert ax.get_legend() is None


def test_heatmap_counts(net: shx.ExchangeNetwork) -> None:
    ax = meeting_heatmap(net)
    image = ax.images[0].get_array()
    expected = week_hour_counts(net.groups)
    assert np.array_equal(np.asarray(image), expected)
    assert int(expected.sum()) == 45
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
    ]  # fmt: skip
    assert len(ax.texts) == int(np.count_nonzero(expected))
    assert ax.get_xlabel() == "start hour"


def test_heatmap_from_feed_or_groups() -> None:
    feed = shx.read_meeting_guide(QUINTE)
    a = np.asarray(meeting_heatmap(feed).images[0].get_array())
    b = np.asarray(meeting_heatmap(list(feed.groups), annotate=False).images[0].get_array())
    assert np.array_equal(a, b)


def test_heatmap_around_an_agency(net: shx.ExchangeNetwork) -> None:
    ax = meeting_heatmap(net, agency="PECH", radius_m=3000, cmap="Greens")
    counts = np.asarray(ax.images[0].get_array())
    # within 3 km of Prince Edward County Hospital: Picton 12 & 12 (Wed 20:00, 0 m) and
    # Picton New Life Group (Sun 10:00, 2.55 km)
    assert int(counts.sum()) == 2
    assert counts[shx.Weekday.WEDNESDAY.number, 20] == 1
    assert counts[shx.Weekday.SUNDAY.number, 10] == 1
    assert ax.images[0].get_cmap().name == "Greens"
    assert "PECH" in ax.get_title()


def test_heatmap_errors(net: shx.ExchangeNetwork) -> None:
    feed = shx.read_meeting_guide(QUINTE)
    with pytest.raises(TypeError, match="needs an ExchangeNetwork"):
        meeting_heatmap(feed, agency="BGH")
    with pytest.raises(shx.UnknownNodeError, match="'nope' is not an agency"):
        meeting_heatmap(net, agency="nope")


def test_the_old_km_spelling_still_draws_the_same(net: shx.ExchangeNetwork) -> None:
    with pytest.warns(FutureWarning, match="write radius_m="):
        old = meeting_heatmap(net, agency="PECH", radius_km=3)
    new = meeting_heatmap(net, agency="PECH", radius_m=3000)
    assert np.array_equal(np.asarray(old.images[0].get_array()), new.images[0].get_array())
    assert old.get_title() == new.get_title() == "Meetings within 3 km of PECH"
    with pytest.warns(FutureWarning, match="write radius_m="):
        old_map = availability_map(net, radius_km=10)
    assert len(old_map.patches) == len(availability_map(net, radius_m=10_000).patches)
