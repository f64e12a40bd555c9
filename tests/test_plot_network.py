"""What draw_network draws: nodes, one line per (source, target, kind), colours, legend."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba

import selfhelp_exchange as shx
from selfhelp_exchange.plot import PlotError, draw_network, network_layout
from selfhelp_exchange.plot._style import KIND_COLORS, THEORY_COLORS

R = shx.Role


@pytest.fixture
def net() -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        agencies=[
            shx.Agency("A1", "Riverside Mental Health", sector="mental_health"),
            shx.Agency("A2", "Harbor Recovery", sector="substance_use"),
        ],
        groups=[
            shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help", fellowship="AA"),
            shx.SelfHelpGroup("G2", "SMART Recovery", "mutual_help"),
            shx.SelfHelpGroup("G3", "Drop-in Centre", "consumer_operated_service"),
        ],
        actors=[shx.CommunityActor("M1", "Courier", "media")],
        exchanges=[
            shx.Exchange(("A1", R.PRACTITIONERS), "G1", "referral", weight=12),
            shx.Exchange(("A1", R.PRACTITIONERS), "G1", "referral", weight=3),  # same line
            shx.Exchange("G1", ("A1", R.BOARD), "board_seat"),
            shx.Exchange("A1", "G3", "meeting_space", weight=4),
            shx.Exchange("G2", ("A2", R.CLIENTS), "in_reach", weight=2),
        ],
        initiatives=[shx.Initiative("I1", "media", ["A1", "G1"], ["M1"], "2024-03-01")],
    )


def _by_gid(ax: plt.Axes, gid: str):  # type: ignore[no-untyped-def]
    found = [c for c in ax.collections if c.get_gid() == gid]
    assert len(found) == 1, gid
    return found[0]


def test_layout_keeps_sides_apart(net: shx.ExchangeNetwork) -> None:
    pos = network_layout(net)
    assert all(pos[a.id][0] == 0.0 for a in net.agencies)
    assert all(pos[g.id][0] == 1.0 for g in net.groups)
    # actors below everything else
    assert pos["M1"][1] < min(p[1] for k, p in pos.items() if k != "M1")
    # subunits close to their agency, board above clients
    assert pos[("A1", R.BOARD)][1] > pos[("A1", R.CLIENTS)][1]
    assert abs(pos[("A1", R.PRACTITIONERS)][1] - pos["A1"][1]) < 1e-9


def test_draws_every_node(net: shx.ExchangeNetwork) -> None:
    ax = draw_network(net)
    assert len(_by_gid(ax, "agencies").get_offsets()) == 2
    assert len(_by_gid(ax, "subunits").get_offsets()) == 6
    assert len(_by_gid(ax, "groups").get_offsets()) == 3
    assert len(_by_gid(ax, "actors").get_offsets()) == 1
    texts = {t.get_text() for t in ax.texts}
    assert {"Riverside Mental Health", "Tuesday AA", "Courier"} <= texts
    plt.close(ax.figure)


def test_one_line_per_source_target_kind_from_the_subunit(net: shx.ExchangeNetwork) -> None:
    ax = draw_network(net)
    lines = _by_gid(ax, "exchanges")
    # 5 exchanges, two of them the same (A1/practitioners -> G1, referral): 4 lines
    segs = lines.get_segments()
    assert len(segs) == 4
    pos = network_layout(net)
    starts = {tuple(np.round(s[0], 9)) for s in segs}
    # the whole-agency meeting_space exchange is drawn from the clients unit
    assert tuple(np.round(pos[("A1", R.CLIENTS)], 9)) in starts
    # widths grow with summed weight: referral 12 + 3 = 15 -> 1 + log1p(15)
    widths = sorted(lines.get_linewidths())
    assert widths[-1] == pytest.approx(1 + np.log1p(15))
    plt.close(ax.figure)


def test_colours_by_kind_and_legend(net: shx.ExchangeNetwork) -> None:
    ax = draw_network(net, color_by="kind")
    colors = {tuple(c) for c in _by_gid(ax, "exchanges").get_colors()}
    expected = {
        to_rgba(KIND_COLORS[k], 0.75)
        for k in (
            shx.ExchangeKind.REFERRAL,
            shx.ExchangeKind.BOARD_SEAT,
            shx.ExchangeKind.MEETING_SPACE,
            shx.ExchangeKind.IN_REACH,
        )
    }
    assert colors == expected
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:5] == [
        "board seat",
        "referral",
        "meeting space",
        "in reach",
        "joint initiative",
    ]
    plt.close(ax.figure)


def test_colours_by_theory(net: shx.ExchangeNetwork) -> None:
    ax = draw_network(net, color_by="theory")
    colors = {tuple(c) for c in _by_gid(ax, "exchanges").get_colors()}
    assert colors == {to_rgba(THEORY_COLORS[shx.Theory.ADAPTATIONAL], 0.75)}
    joint = _by_gid(ax, "joint_initiatives")
    assert len(joint.get_segments()) == 1  # A1 -- G1
    assert len(_by_gid(ax, "audiences").get_segments()) == 2  # A1 -> M1, G1 -> M1
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:2] == ["adaptational", "institutional"]
    plt.close(ax.figure)


def test_uses_the_given_axes_and_never_shows(
    net: shx.ExchangeNetwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("plt.show called"))
    fig, ax = plt.subplots()
    assert draw_network(net, ax=ax, labels=False, legend=False) is ax
    assert ax.get_legend() is None
    assert not ax.texts
    plt.close(fig)


def test_by_subunit_agency_colours_and_a_legend_for_everything(net: shx.ExchangeNetwork) -> None:
    from selfhelp_exchange.plot._style import SUBUNIT_EDGE_COLORS, agency_color

    ax = draw_network(net, color_by="subunit")
    colors = {tuple(c) for c in _by_gid(ax, "exchanges").get_colors()}
    assert colors <= {to_rgba(c, 0.75) for c in SUBUNIT_EDGE_COLORS.values()}
    agencies = _by_gid(ax, "agencies").get_facecolors()
    assert [tuple(c) for c in agencies] == [to_rgba(agency_color(i)) for i in range(2)]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "joint initiative" in legend
    assert "wider: larger weight" in legend
    assert {a.name for a in net.agencies} <= set(legend)
    assert "group: mutual help" in legend
    # no two labels overlap once drawn
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert not any(
        a.overlaps(b) and a.y1 - b.y0 > 1.5 and b.y1 - a.y0 > 1.5
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
    )
    plt.close(fig)


def test_empty_network_draws_nothing_but_does_not_fail() -> None:
    ax = draw_network(shx.ExchangeNetwork())
    assert not [c for c in ax.collections if c.get_gid() == "exchanges"]
    plt.close(ax.figure)


def test_bad_colour_choice() -> None:
    with pytest.raises(PlotError, match="color_by"):
        draw_network(shx.ExchangeNetwork(), color_by="weight")  # type: ignore[arg-type]


def test_a_networkx_graph_is_drawn_by_node_type() -> None:
    import networkx as nx

    net = shx.load_example("riverside")
    g = net.to_networkx()
    ax = draw_network(g)
    assert len(ax.collections) == 1  # the nodes
    assert len(ax.patches) > 0  # the exchanges, as arrows of a directed graph
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["agency", "group", "actor"]
    names = {t.get_text() for t in ax.texts}
    assert {a.name for a in net.agencies} <= names
    # any networkx graph, without our attributes: grey nodes, no legend entries needed
    plain = draw_network(nx.karate_club_graph(), labels=False)
    assert plain.get_legend() is None


def test_anything_else_says_what_it_needs() -> None:
    with pytest.raises(shx.ArgumentTypeError, match="an ExchangeNetwork or a networkx graph"):
        draw_network([("A", "B")])  # type: ignore[arg-type]
