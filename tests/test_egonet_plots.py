"""Personal-network pictures: what is drawn (positions, colours, bars, intervals)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import selfhelp_exchange as shx
from selfhelp_exchange.egonet.plots import RELATION_COLORS


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _pn() -> shx.PersonalNetworks:
    alters = pd.DataFrame(
        {
            "ego_id": "e",
            "wave": ["w1"] * 4 + ["w2"],
            "alter_id": ["f1", "s1", "p1", "p2", "f1"],
            "relation": ["family", "treatment_staff", "peer", "peer", "family"],
        }
    )
    ties = pd.DataFrame({"ego_id": ["e"], "wave": ["w1"], "alter_a": ["p1"], "alter_b": ["p2"]})
    return shx.personal_networks(alters, ties)


def _by_gid(ax, gid):  # type: ignore[no-untyped-def]
    (found,) = [c for c in ax.collections if c.get_gid() == gid]
    return found


def test_ego_network_draws_alters_by_relation_and_their_ties() -> None:
    ax = shx.plot.ego_network(_pn(), "e", "w1")
    alters = _by_gid(ax, "ego-alters")
    xy = alters.get_offsets()
    assert len(xy) == 4
    np.testing.assert_allclose(np.hypot(xy[:, 0], xy[:, 1]), 1.0)  # on the unit circle
    # grouped by relation: treatment staff first, then family, then the peers
    colours = [to_hex(c) for c in alters.get_facecolors()]
    assert colours == [
        RELATION_COLORS[shx.Relation.TREATMENT_STAFF].lower(),
        RELATION_COLORS[shx.Relation.FAMILY].lower(),
        RELATION_COLORS[shx.Relation.PEER].lower(),
        RELATION_COLORS[shx.Relation.PEER].lower(),
    ]
    ties = _by_gid(ax, "ego-alter-ties")
    (curve,) = ties.get_segments()
    ends = [tuple(curve[0]), tuple(curve[-1])]
    np.testing.assert_allclose(sorted(ends), sorted(map(tuple, xy[2:4])))
    # bowed away from the ego: the middle of the curve is farther out than the chord's middle
    assert np.hypot(*curve[len(curve) // 2]) > np.hypot(*xy[2:4].mean(axis=0))
    np.testing.assert_allclose(_by_gid(ax, "ego-centre").get_offsets(), [[0.0, 0.0]])
    assert len(_by_gid(ax, "ego-spokes").get_segments()) == 4
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "treatment staff",
        "family",
        "peer",
    ]
    assert not ax.texts  # no ids unless asked for
    assert ax.get_title() == "Ego e's network, w1: 4 alters, 1 tie among them"


def test_ego_network_default_wave_labels_and_errors() -> None:
    _, ax = plt.subplots()
    out = shx.plot.ego_network(_pn(), "e", ax=ax, labels=True, marker="D")
    assert out is ax
    assert sorted(t.get_text() for t in ax.texts) == ["f1", "p1", "p2", "s1"]
    with pytest.raises(shx.plot.EgoPlotError, match="no alters in wave 'w9'"):
        shx.plot.ego_network(_pn(), "e", "w9")
    with pytest.raises(shx.plot.EgoPlotError, match="ego 'x' has no alters"):
        shx.plot.ego_network(_pn(), "x")


def test_composition_bars_heights_are_mean_counts_by_wave() -> None:
    m = shx.social_integration(_pn())
    ax = shx.plot.composition_bars(m)
    by_label = {c.get_label(): [p.get_height() for p in c] for c in ax.containers}
    assert by_label["family"] == [1.0, 1.0]
    assert by_label["peer"] == [2.0, 0.0]
    assert by_label["treatment staff"] == [1.0, 0.0]
    tops = np.zeros(2)
    for c in ax.containers:
        tops = np.maximum(tops, [p.get_y() + p.get_height() for p in c])
    np.testing.assert_allclose(tops, [4.0, 1.0])  # stacked to the network size
    share = shx.plot.composition_bars(m, share=True)
    tops = np.zeros(2)
    for c in share.containers:
        tops = np.maximum(tops, [p.get_y() + p.get_height() for p in c])
    np.testing.assert_allclose(tops, [1.0, 1.0])
    assert share.get_ylabel() == "share of alters"


def test_integration_change_points_and_intervals() -> None:
    m = shx.social_integration(shx.load_personal_networks_example())
    ch = shx.social_integration_change(
        m, "baseline", "12 months", by="rlc_participant", n_boot=200, seed=4
    )
    ax = shx.plot.integration_change(ch, "beyond_share")
    s = ch.summary.query("measure == 'beyond_share'")
    (line,) = [ln for ln in ax.lines if ln.get_gid() == "change-means"]
    np.testing.assert_allclose(line.get_xdata(), s["mean_change"])
    bars = _by_gid(ax, "change-intervals")
    ends = np.array([[seg[0][0], seg[1][0]] for seg in bars.get_segments()])
    np.testing.assert_allclose(ends, s[["ci_low", "ci_high"]].to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["False", "True"]
    assert "baseline to 12 months" in ax.get_xlabel()
    with pytest.raises(shx.plot.EgoPlotError, match="not compared"):
        shx.plot.integration_change(ch, "density")


def test_a_tie_between_opposite_alters_does_not_cross_the_ego() -> None:
    alters = pd.DataFrame(
        {"ego_id": "e", "wave": "w", "alter_id": ["a", "b"], "relation": ["peer", "peer"]}
    )
    ties = pd.DataFrame({"ego_id": ["e"], "wave": ["w"], "alter_a": ["a"], "alter_b": ["b"]})
    ax = shx.plot.ego_network(shx.personal_networks(alters, ties), "e")
    (curve,) = _by_gid(ax, "ego-alter-ties").get_segments()
    assert np.hypot(curve[:, 0], curve[:, 1]).min() > 0.2
