"""continuum_strip: groups at their professional-involvement index, bands, unplaced groups."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

import selfhelp_exchange as shx
from selfhelp_exchange.plot._style import GROUP_TYPE_COLORS
from tests.report_network import report_network


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _points(ax):
    (pc,) = [c for c in ax.collections if c.get_gid() == "continuum-groups"]
    return pc


def test_groups_sit_at_their_index() -> None:
    ax = shx.plot.continuum_strip(report_network())
    pc = _points(ax)
    # G1 all relational (0), G2 all therapeutic (1), G3 closed 0.5 and trained peers 0.5
    np.testing.assert_allclose(pc.get_offsets()[:, 0], [0.0, 1.0, 0.5])
    np.testing.assert_allclose(pc.get_offsets()[:, 1], [0.5, 0.5, 0.5])
    edges = [to_hex(c) for c in pc.get_edgecolors()]
    mutual, supported = (
        GROUP_TYPE_COLORS[t].lower() for t in ("mutual_help", "supported_self_help")
    )
    assert edges == [mutual, supported, mutual]
    # G3 has two dimensions unknown: hollow
    assert [to_hex(c) for c in pc.get_facecolors()] == [mutual, supported, "#ffffff"]
    labels = [t.get_text() for t in ax.texts]
    assert labels[:3] == ["relational", "mixed", "therapeutic"]
    assert [t.get_text() for t in ax.texts if t.get_text().startswith("G")] == ["G1", "G2", "G3"]
    (note,) = [t for t in ax.texts if t.get_gid() == "continuum-unplaced"]
    assert note.get_text() == "not placed (no dimension known): G4"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["mutual help", "supported self help", "some dimensions unknown"]
    spans = [(p.get_x(), p.get_x() + p.get_width()) for p in ax.patches]
    np.testing.assert_allclose(spans, [(0, 1 / 3), (1 / 3, 2 / 3), (2 / 3, 1)])


def test_close_groups_stack_and_cut_points_move_the_bands() -> None:
    net = shx.ExchangeNetwork(
        groups=[
            shx.SelfHelpGroup("G1", "a", "mutual_help", timing="open_ended"),
            shx.SelfHelpGroup("G2", "b", "mutual_help", meeting_place="online"),
            shx.SelfHelpGroup("G3", "c", "mutual_help", admission="closed"),
        ]
    )
    ax = shx.plot.continuum_strip(net, cut_points=(0.25, 0.75), labels=False)
    pc = _points(ax)
    np.testing.assert_allclose(pc.get_offsets(), [[0.0, 0.5], [0.0, 1.5], [0.5, 0.5]])
    spans = [(p.get_x(), p.get_x() + p.get_width()) for p in ax.patches]
    np.testing.assert_allclose(spans, [(0, 0.25), (0.25, 0.75), (0.75, 1)])
    assert not [t for t in ax.texts if t.get_text().startswith("G")]
    assert not [t for t in ax.texts if t.get_gid() == "continuum-unplaced"]


def test_scores_override_and_given_axes() -> None:
    _, ax = plt.subplots()
    out = shx.plot.continuum_strip(report_network(), scores={"admission": {"closed": 1.0}}, ax=ax)
    assert out is ax
    np.testing.assert_allclose(_points(ax).get_offsets()[:, 0], [0.0, 1.0, 0.75])
