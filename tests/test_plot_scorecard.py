"""scorecard_profile: bar heights are the hand-worked components; agencies comparable."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

import selfhelp_exchange as shx
from selfhelp_exchange.plot._style import AGENCY_CYCLE
from selfhelp_exchange.plot.scorecard import PROFILE_COMPONENTS, profile_values
from tests.report_network import ALI_A1_G1, ALI_A1_G3, ALI_A2_G2, report_network

# A1 (mental health): linked to G1 (C 2/3, M 3, two-way) and G3 (C 1/3, M 1, one way); options
# 12-step, non-12-step, mental health; one joint initiative with G1 reaching media:
# I = (1 + 1/3 + 1/9) / 3. Agency index: depth T/(T+1) with T the two dyad indices, 2 groups
# (2/4), mental health of its expected mental health and family (1/2), two subunits, in-reach.
T1 = ALI_A1_G1 + ALI_A1_G3
A1_INDEX = 0.4 * T1 / (T1 + 1) + 0.15 * (2 / 4 + 1 / 2 + 2 / 3 + 1)
A1 = [A1_INDEX, 0.5, 2 / 3, 2 / 12, 0.5, 0.75, (1 + 1 / 3 + 1 / 9) / 3]
# A2: linked to G2 only (board; C 1/3, M 1, one way); G2's focus and approach unknown: no option;
# no active route.
A2_INDEX = 0.4 * ALI_A2_G2 / (ALI_A2_G2 + 1) + 0.15 * (1 / 3 + 0 + 1 / 3 + 0)
A2 = [A2_INDEX, 1 / 3, 1 / 3, 1 / 12, 0.0, 0.0, 0.0]


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_profile_values_by_hand() -> None:
    v = profile_values(report_network())
    assert v.index.tolist() == ["A1", "A2"]
    assert v.columns.tolist() == [c for c, _, _ in PROFILE_COMPONENTS]
    np.testing.assert_allclose(v.to_numpy(), [A1, A2])


def test_bars_side_by_side() -> None:
    ax = shx.plot.scorecard_profile(report_network())
    assert len(ax.containers) == 2
    for container, expected, colour in zip(ax.containers, [A1, A2], AGENCY_CYCLE, strict=False):
        np.testing.assert_allclose([p.get_height() for p in container], expected)
        assert {to_hex(p.get_facecolor()) for p in container} == {colour.lower()}
    a1, a2 = ax.containers
    # the two agencies' bars of a component stand next to each other
    for p, q in zip(a1, a2, strict=True):
        assert p.get_x() + p.get_width() == pytest.approx(q.get_x())
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        label for _, label, _ in PROFILE_COMPONENTS
    ]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Riverside Counselling",
        "Harbor House",
    ]
    assert ax.get_ylim() == (0.0, 1.0)
    assert a1[0].get_gid() == "profile-A1-adaptational_index"


def test_one_agency_and_errors() -> None:
    _, ax = plt.subplots()
    out = shx.plot.scorecard_profile(report_network(), ["A2"], ax=ax, color="black")
    assert out is ax
    (only,) = ax.containers
    np.testing.assert_allclose([p.get_height() for p in only], A2)
    assert {to_hex(p.get_facecolor()) for p in only} == {"#000000"}
    with pytest.raises(shx.plot.PlotError, match="not agencies of the network: 'G1'"):
        shx.plot.scorecard_profile(report_network(), ["G1"])


def test_an_empty_network_draws_no_bars() -> None:
    ax = shx.plot.scorecard_profile(shx.ExchangeNetwork())
    assert len(ax.containers) == 0
    assert ax.get_legend() is None
