"""Result objects print their headline numbers, short, and have ``to_frame()``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange import structure as st
from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.structure._adjacency import ties

#: The most a result's repr may take at the prompt.
MAX_REPR = 600


@pytest.fixture(scope="module")
def big() -> shx.ExchangeNetwork:
    # big enough that printing any array would blow the limit many times over
    return shx.generate.community(40, 160, seed=3)


def _results(net: shx.ExchangeNetwork) -> dict[str, object]:
    referral = net.layer(["referral"])
    attendance = net.layer(["attendance"])
    return {
        "ei_index": st.ei_index(net),
        "brokerage": st.brokerage(net),
        "layer_overlap": st.layer_overlap(net),
        "qap": st.qap_correlation(referral, attendance, n_permutations=19, seed=1),
        "mrqap": st.mrqap(attendance, {"referral": referral}, n_permutations=19, seed=1),
        "bootstrap": st.bootstrap_ci(net, "degree", n_boot=50, seed=1),
        "adjacency": st.adjacency(net),
        "ties": ties(net, level="subunit", include_initiatives=False),
        "suppressed": shx.suppress_counts(
            pd.DataFrame(
                np.arange(400).reshape(20, 20) % 13, columns=[f"group {i}" for i in range(20)]
            )
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "ei_index",
        "brokerage",
        "layer_overlap",
        "qap",
        "mrqap",
        "bootstrap",
        "adjacency",
        "ties",
        "suppressed",
    ],
)
def test_repr_is_short_and_names_the_class(big: shx.ExchangeNetwork, name: str) -> None:
    result = _results(big)[name]
    text = repr(result)
    assert len(text) <= MAX_REPR, text
    assert text.startswith(type(result).__name__ + "(")
    assert "array(" not in text


def test_repr_shows_headline_numbers() -> None:
    net = shx.load_example("riverside")
    r = st.qap_correlation(
        net.layer(["referral"]), net.layer(["attendance"]), n_permutations=99, seed=1
    )
    assert repr(r) == (
        f"QAPResult(statistic={r.statistic:.4g}, p_value={r.p_value:.4g}, n_permutations=99, "
        "n_nodes=18, directed=True)"
    )


def test_to_frame_everywhere() -> None:
    net = shx.load_example("riverside")
    for result in _results(net).values():
        assert isinstance(result.to_frame(), pd.DataFrame)  # type: ignore[attr-defined]


def test_ei_index_to_frame_by() -> None:
    r = st.ei_index(shx.load_example("riverside"))
    pd.testing.assert_frame_equal(r.to_frame(), r.class_frame())
    pd.testing.assert_frame_equal(r.to_frame("node"), r.node_frame())
    with pytest.raises(st.StructureError, match="by must be"):
        r.to_frame("dyad")


def test_qap_result_to_frame_one_row() -> None:
    net = shx.load_example("riverside")
    r = st.qap_correlation(
        net.layer(["referral"]), net.layer(["attendance"]), n_permutations=19, seed=2
    )
    frame = r.to_frame()
    assert len(frame) == 1
    assert frame.loc[0, "statistic"] == r.statistic
    assert frame.loc[0, "n_permutations"] == 19


def test_qap_accepts_labelled_dataframes_aligned_by_label() -> None:
    rng = np.random.default_rng(0)
    a = rng.random((6, 6))
    b = a + 0.3 * rng.random((6, 6))
    labels = list("uvwxyz")
    x = pd.DataFrame(a, index=labels, columns=labels)
    y = pd.DataFrame(b, index=labels, columns=labels)
    # y written in another node order is the same relation
    shuffled = y.loc[labels[::-1], labels[::-1]]
    plain = st.qap_correlation(a, b, n_permutations=49, seed=5)
    framed = st.qap_correlation(x, shuffled, n_permutations=49, seed=5)
    assert framed.statistic == pytest.approx(plain.statistic)
    assert framed.nodes == tuple(labels)
    np.testing.assert_allclose(framed.permuted, plain.permuted)


def test_qap_refuses_a_frame_that_is_not_square_by_label() -> None:
    frame = pd.DataFrame(np.ones((3, 3)), index=list("abc"), columns=list("abd"))
    with pytest.raises(st.StructureError, match="columns are its index labels"):
        st.qap_correlation(frame, frame, n_permutations=9, seed=1)


def test_qap_refuses_text_cells() -> None:
    m = [["0", "x", "1"], ["1", "0", "1"], ["1", "1", "0"]]
    with pytest.raises(st.StructureError, match="numbers only"):
        st.qap_correlation(m, np.ones((3, 3)), n_permutations=9, seed=1)


def test_headline_repr_cuts_long_items() -> None:
    text = headline_repr("R", {"xs": list(range(100)), "d": {str(i): i for i in range(50)}})
    assert "..." in text
    assert len(text) < 120


def test_graph_frames_hold_the_graph() -> None:
    net = shx.load_example("riverside")
    adj = st.adjacency(net, level="subunit", include_initiatives=False, weighted=True)
    frame = adj.to_frame()
    np.testing.assert_array_equal(frame.to_numpy(), adj.matrix)
    assert list(frame.index) == list(adj.nodes)  # a subunit's (agency, role) stays one label
    t = ties(adj, weighted=True)
    rows = t.to_frame()
    assert len(rows) == np.count_nonzero(adj.matrix)
    pos = adj.index()
    assert all(adj.matrix[pos[r.source], pos[r.target]] == r.value for r in rows.itertuples())
    assert f"n_arcs={len(rows)}" in repr(adj)


def test_a_suppressed_table_prints_no_count() -> None:
    counts = pd.DataFrame({"AA": [25, 4], "SMART": [30, 18]}, index=["A1", "A2"])
    t = shx.suppress_counts(counts)
    for hidden in ("25", "30", "18"):
        assert hidden not in repr(t)
    pd.testing.assert_frame_equal(t.to_frame(), t.display())


def test_data_quality_is_short_and_has_a_frame() -> None:
    q = shx.report.assess(shx.generate.community(40, 160, seed=3))
    assert len(repr(q)) <= MAX_REPR
    assert repr(q).startswith("DataQuality(")
    frame = q.to_frame()
    assert list(frame.columns) == ["status", "what", "count", "reason"]
    assert frame.loc[frame["status"] == "read", "count"].sum() == sum(n for _, n in q.read)
    assert (frame["status"] == "excluded").sum() == len(q.excluded)
