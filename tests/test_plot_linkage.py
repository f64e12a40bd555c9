"""linkage_heatmap and linkage_timeline: the values drawn, hidden cells, labels and colours."""

from __future__ import annotations

import attrs
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

import selfhelp_exchange as shx
from selfhelp_exchange.people import client_count_table
from selfhelp_exchange.plot._style import AGENCY_CYCLE
from tests.report_network import ALI_A1_G1, ALI_A1_G3, ALI_A2_G1, ALI_A2_G2, report_network

NAN = np.nan


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _values(ax) -> np.ndarray:
    return np.ma.filled(ax.images[0].get_array().astype(float), NAN)


def _texts(ax) -> dict[str, str]:
    return {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}


def test_heatmap_of_the_index_holds_the_hand_values() -> None:
    ax = shx.plot.linkage_heatmap(report_network())
    np.testing.assert_allclose(
        _values(ax), [[ALI_A1_G1, NAN, ALI_A1_G3, NAN], [NAN, ALI_A2_G2, NAN, NAN]]
    )
    # names, not ids: a reader knows the agencies and groups by name
    net = report_network()
    assert [t.get_text() for t in ax.get_xticklabels()] == [g.name for g in net.groups]
    assert [t.get_text() for t in ax.get_yticklabels()] == [a.name for a in net.agencies]
    by_id = shx.plot.linkage_heatmap(net, labels="id")
    assert [t.get_text() for t in by_id.get_xticklabels()] == ["G1", "G2", "G3", "G4"]
    assert [t.get_text() for t in by_id.get_yticklabels()] == ["A1", "A2"]
    with pytest.raises(shx.plot.PlotError, match="labels must be 'name' or 'id'"):
        shx.plot.linkage_heatmap(net, labels="code")
    assert _texts(ax) == {
        "index-cell-0-0": "0.58",
        "index-cell-0-2": "0.19",
        "index-cell-1-1": "0.22",
    }
    cbar = ax.figure.axes[-1]
    assert cbar.get_ylabel() == "adaptational linkage index (ALI)"
    assert ax.images[0].get_clim() == (0.0, 1.0)
    assert ax.get_xlabel() == "self-help group"


def test_heatmap_by_subunit_and_other_components() -> None:
    net = report_network()
    ax = shx.plot.linkage_heatmap(net, value="coverage", by_role=True, labels="id")
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "A1 · board",
        "A1 · practitioners",
        "A1 · clients",
        "A2 · board",
        "A2 · practitioners",
        "A2 · clients",
    ]
    v = _values(ax)
    # A1-G1 touches practitioners and clients; A1-G3 practitioners (information); A2-G2 board
    np.testing.assert_array_equal(v[:, 0], [0, 1, 1, NAN, NAN, NAN])
    np.testing.assert_array_equal(v[:, 2], [0, 1, 0, NAN, NAN, NAN])
    np.testing.assert_array_equal(v[:, 1], [NAN, NAN, NAN, 1, 0, 0])
    ax = shx.plot.linkage_heatmap(net, value="multiplexity", annotate=False)
    np.testing.assert_array_equal(_values(ax), [[3, NAN, 1, NAN], [NAN, 1, NAN, NAN]])
    assert len(ax.texts) == 0


def test_clients_heatmap_hides_small_counts_and_says_so() -> None:
    net = report_network(small=True)
    ax = shx.plot.linkage_heatmap(net, value="clients")
    # 3 is below 11; 18 is hidden too, else 21 - 18 would give the 3 away
    assert np.isnan(_values(ax)).all()
    assert _texts(ax) == {
        "clients-cell-0-0": "*",
        "clients-cell-1-0": "*",
        "suppression-note": ax.texts[-1].get_text(),
    }
    note = next(t for t in ax.texts if t.get_gid() == "suppression-note").get_text()
    assert note == (
        "* hidden: counts from 1 to 10 are not shown (1 cell), and 1 more cell is hidden so "
        "that those counts cannot be worked out from the totals."
    )
    # the same cells as the report's client-count table
    table = client_count_table(net)
    assert note == table.note
    assert table.hidden.loc[["A1", "A2"], "G1"].tolist() == [True, True]
    (hatched,) = [c for c in ax.collections if c.get_gid() == "hidden-cells"]
    assert hatched.get_hatch() == "///"
    corners = sorted(tuple(p.vertices.min(axis=0).tolist()) for p in hatched.get_paths())
    assert corners == [(-0.5, -0.5), (-0.5, 0.5)]
    shown = shx.plot.linkage_heatmap(net, value="clients", threshold=None)
    np.testing.assert_array_equal(_values(shown), [[18, NAN, NAN, NAN], [3, NAN, NAN, NAN]])
    assert not any(t.get_gid() == "suppression-note" for t in shown.texts)
    assert _texts(shown) == {"clients-cell-0-0": "18", "clients-cell-1-0": "3"}


def _hidden_cells(ax) -> set[tuple[float, ...]]:
    cells = [c for c in ax.collections if c.get_gid() == "hidden-cells"]
    return {tuple(p.vertices.min(axis=0).tolist()) for c in cells for p in c.get_paths()}


def test_clients_heatmap_takes_the_hidden_cells_of_a_given_table_of_the_same_counts() -> None:
    net = shx.generate.community(6, 20, seed=3)
    table = client_count_table(net)
    assert table.hidden.to_numpy().any()
    alone = shx.plot.linkage_heatmap(net, value="clients", annotate=False)
    given = shx.plot.linkage_heatmap(net, value="clients", annotate=False, table=table)
    assert _hidden_cells(given) == _hidden_cells(alone)
    np.testing.assert_array_equal(_values(given), _values(alone))
    # the given table is what is used: hide one more cell in it and the heatmap follows
    more = table.hidden.copy()
    r, c = np.argwhere(~more.to_numpy()[:-1, :-1] & (table.counts.to_numpy()[:-1, :-1] > 0))[0]
    more.iloc[r, c] = True
    marked = attrs.evolve(table, hidden=more)
    ax = shx.plot.linkage_heatmap(net, value="clients", annotate=False, table=marked)
    assert len(_hidden_cells(ax)) == len(_hidden_cells(alone)) + 1
    # a table of other counts, or another threshold, is not used
    other = client_count_table(net, threshold=3)
    ax = shx.plot.linkage_heatmap(net, value="clients", annotate=False, table=other)
    assert _hidden_cells(ax) == _hidden_cells(alone)


def test_clients_heatmap_without_small_counts_shows_them() -> None:
    ax = shx.plot.linkage_heatmap(report_network(), value="clients")
    np.testing.assert_array_equal(_values(ax), [[18, NAN, NAN, NAN], [NAN, NAN, NAN, NAN]])
    assert not [p for p in ax.patches if p.get_hatch()]
    assert "suppression-note" not in _texts(ax)


def test_clients_heatmap_by_subunit() -> None:
    ax = shx.plot.linkage_heatmap(report_network(), value="clients", by_role=True, threshold=None)
    # referral 12 at practitioners; attendance 4 and in-reach 2 at clients
    np.testing.assert_array_equal(_values(ax)[:3, 0], [NAN, 12, 6])


def test_heatmap_window_and_bad_value() -> None:
    net = report_network()
    ax = shx.plot.linkage_heatmap(net, start="2024-07-01", end="2024-09-30")
    # A1-G1 keeps only the undated in-reach: C 1/3, M* 2/18.5, P 0, W* 2 * 2 = 4
    expected = 0.25 / 3 + 0.3 * 2 / 18.5 + 0.3 * 4 / 8
    np.testing.assert_allclose(_values(ax), [[expected, NAN, ALI_A1_G3, NAN], [NAN] * 4])
    with pytest.raises(shx.plot.PlotError, match="value must be one of index, coverage"):
        shx.plot.linkage_heatmap(net, value="ali")


def test_heatmap_draws_on_the_given_axes() -> None:
    _, ax = plt.subplots()
    assert shx.plot.linkage_heatmap(report_network(small=True), ax=ax) is ax
    np.testing.assert_allclose(_values(ax)[1, 0], ALI_A2_G1)


def test_timeline_lines_are_the_hand_values() -> None:
    ax = shx.plot.linkage_timeline(report_network())
    lines = ax.get_lines()
    assert [ln.get_label() for ln in lines] == ["Riverside Counselling", "Harbor House"]
    assert [ln.get_gid() for ln in lines] == ["timeline-A1", "timeline-A2"]
    assert [to_hex(ln.get_color()) for ln in lines] == [c.lower() for c in AGENCY_CYCLE[:2]]
    x = lines[0].get_xdata()
    assert [str(np.datetime64(d, "D")) for d in x] == ["2024-01-01", "2024-04-01", "2024-07-01"]
    # Q1: referral + undated in-reach; Q2: attendance + in-reach; Q3: in-reach, and G3
    # (each worked out in test_timeline.py)
    q1 = 0.25 * 2 / 3 + 0.3 * 3 / 18.5 + 0.15 * 4 / 6 + 0.3 * 16 / 20
    q2 = 0.25 / 3 + 0.3 * 3 / 18.5 + 0.15 * 4 / 6 + 0.3 * 8 / 12
    q3 = ((0.25 / 3 + 0.3 * 2 / 18.5 + 0.3 * 4 / 8) + ALI_A1_G3) / 2
    np.testing.assert_allclose(lines[0].get_ydata(), [q1, q2, q3])
    np.testing.assert_allclose(lines[1].get_ydata(), [0, ALI_A2_G2, 0])
    assert ax.get_ylim() == (0.0, 1.0)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Riverside Counselling",
        "Harbor House",
    ]


def test_timeline_counts_groups_and_picks_agencies() -> None:
    ax = shx.plot.linkage_timeline(
        report_network(), value="groups_linked", agencies=["A1"], freq="year"
    )
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_ydata(), [2])
    assert ax.get_ylabel() == "groups linked"
    with pytest.raises(shx.plot.PlotError, match="not agencies of the network: 'A9'"):
        shx.plot.linkage_timeline(report_network(), agencies=["A9"])
    with pytest.raises(shx.plot.PlotError, match="value must be one of"):
        shx.plot.linkage_timeline(report_network(), value="index")
    with pytest.raises(shx.ArgumentError, match="freq must be one of month, quarter, year"):
        shx.plot.linkage_timeline(report_network(), freq="week")
