"""Classic published data: Knoke's bureaucracies and Padgett's Florentine families.

Where each expected value comes from is said beside it:

- "printed": the value as a published source prints it, with the place named beside it:
  Hanneman & Riddle (2005), *Introduction to Social Network Methods*, ch. 10 (the Knoke
  information network's degree centralization), and the QAP correlation of the two Knoke
  relations printed by the example notebook ``example_infomoney (QAP).ipynb`` of the public
  repository lisette-espin/mrqap-python (commit 011b28762421e8a399b0ac3dba69bf962ed5ad3a), an
  independent implementation run on the same matrices.
- "by hand": arithmetic written out in the test from counts of the raw matrix.
- "independent implementation": networkx on the same graph.

Other textbook tables (Wasserman & Faust 1994) were not at hand when these tests were written,
so no other value claims to be printed there; the Florentine values are by hand, from the
network Wasserman & Faust describe (16 families, 20 marriage ties, the Pucci family isolated),
of which networkx ships the 15 connected families.

The Knoke matrices ship with the package (``selfhelp_exchange/datasets/knoke/``); their
SOURCE.md says where they came from (UCINET's KNOKBUR data, via the public repository
lisette-espin/mrqap-python at commit 4a2c46ec0a2950c3c7ba3a52feaae7289f688325).
"""

from __future__ import annotations

from importlib import resources

import networkx as nx
import numpy as np
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.structure import (
    betweenness,
    betweenness_centralization,
    brokerage,
    degree_centralization,
    density,
    ei_index,
    qap_correlation,
    reciprocity,
)

ORGS = ("COUN", "COMM", "EDUC", "INDU", "MAYR", "WRO", "NEWS", "UWAY", "WELF", "WEST")
# This test's illustrative partition: the four public bodies against the rest.
PUBLIC = {"COUN", "EDUC", "MAYR", "WELF"}


@pytest.fixture(scope="module")
def knoke() -> dict[str, nx.DiGraph]:
    return shx.load_knoke()


def test_the_raw_matrices(knoke: dict[str, nx.DiGraph]) -> None:
    pkg = resources.files("selfhelp_exchange.datasets").joinpath("knoke")
    with pkg.joinpath("info.dat").open() as fh:
        info = np.loadtxt(fh)
    assert info.sum() == 49  # by hand: 49 ones in info.dat
    np.testing.assert_array_equal(nx.to_numpy_array(knoke["information"], nodelist=ORGS), info)
    assert knoke["money"].number_of_edges() == 22  # by hand: 22 ones in money.dat


def test_density(knoke: dict[str, nx.DiGraph]) -> None:
    assert density(knoke["information"]) == pytest.approx(49 / 90)  # by hand: 49 of 10 * 9
    assert density(knoke["money"]) == pytest.approx(22 / 90)


def test_reciprocity(knoke: dict[str, nx.DiGraph]) -> None:
    info, money = knoke["information"], knoke["money"]
    # by hand: information has 17 mutual pairs (34 arcs) and 15 one-way arcs
    assert reciprocity(info, method="dyad") == pytest.approx(17 / (17 + 15))
    assert reciprocity(info, method="arc") == pytest.approx(34 / 49)
    # money: 1 mutual pair, 20 one-way arcs
    assert reciprocity(money, method="dyad") == pytest.approx(1 / 21)
    assert reciprocity(money, method="arc") == pytest.approx(2 / 22)


def test_degree_centralization(knoke: dict[str, nx.DiGraph]) -> None:
    info, money = knoke["information"], knoke["money"]
    # by hand, information: out-degrees 4 7 6 4 8 3 3 6 3 5 (sum 49, max 8 = MAYR);
    # in-degrees 5 8 4 5 8 1 9 2 5 2 (max 9 = NEWS).
    assert degree_centralization(info, mode="out") == pytest.approx((10 * 8 - 49) / 81)
    assert degree_centralization(info, mode="in") == pytest.approx((10 * 9 - 49) / 81)
    # the alternative denominator (n-1)(n-2) = 72 ("undirected_max", this library's option; it
    # matches neither figure UCINET prints, so it no longer carries UCINET's name)
    assert degree_centralization(info, mode="out", convention="undirected_max") == pytest.approx(
        31 / 72
    )
    assert degree_centralization(info, mode="in", convention="undirected_max") == pytest.approx(
        41 / 72
    )
    with pytest.raises(shx.structure.StructureError, match="now called 'undirected_max'"):
        degree_centralization(info, convention="ucinet")  # type: ignore[arg-type]
    # total degrees 9 15 10 9 16 4 12 8 8 7 (max 16 = MAYR): sum(16 - d) = 62 over 2 * 9 * 8
    assert degree_centralization(info, mode="all") == pytest.approx(62 / 144)
    # money: out-degrees 5 1 1 5 4 0 2 2 2 0 (sum 22, max 5)
    assert degree_centralization(money, mode="out") == pytest.approx((10 * 5 - 22) / 81)


def test_degree_centralization_printed_in_hanneman_riddle(knoke: dict[str, nx.DiGraph]) -> None:
    # printed: Hanneman & Riddle (2005), ch. 10, on the Freeman degree centrality of the Knoke
    # information network (its Figure 10.5): "the out-degree graph centralization is 51% and
    # the in-degree graph centralization 38%". With this file's orientation (row sends to
    # column, as SOURCE.md says) the 51% is the in-degree figure (NEWS receives from all 9
    # others: 41/81 = 50.6%) and the 38% the out-degree one (MAYR sends to 8: 31/81 = 38.3%);
    # the book labels the two the other way round.
    info = knoke["information"]
    assert round(100 * degree_centralization(info, mode="in")) == 51
    assert round(100 * degree_centralization(info, mode="out")) == 38


def test_betweenness_centralization(knoke: dict[str, nx.DiGraph]) -> None:
    info, money = knoke["information"], knoke["money"]
    for g in (info, money):  # independent implementation: networkx's betweenness
        nx_b = nx.betweenness_centrality(g, normalized=False)
        mine = betweenness(g, normalized=False)
        assert mine == pytest.approx(nx_b)
        b_max = max(nx_b.values())
        # Freeman: sum(max - b_i) over the star's (n-1)^2 (n-2) for directed graphs
        expected = sum(b_max - b for b in nx_b.values()) / (81 * 8)
        assert betweenness_centralization(g) == pytest.approx(expected)
    assert max(betweenness(info, normalized=False).values()) == pytest.approx(17.833, abs=5e-4)


def test_ei_index(knoke: dict[str, nx.DiGraph]) -> None:
    part = {o: "public" if o in PUBLIC else "other" for o in ORGS}
    r = ei_index(knoke["information"], part)
    # by hand: arcs among the public bodies: COUN->MAYR, COUN->WELF, EDUC->MAYR,
    # MAYR->COUN, MAYR->EDUC, MAYR->WELF, WELF->MAYR = 7; among the other six: 13;
    # so internal 20 and external 49 - 20 = 29
    assert (r.internal, r.external) == (20, 29)
    assert r.index == pytest.approx((29 - 20) / 49)
    # random mixing, class sizes 4 and 6: 48 external and 12 + 30 internal ordered pairs
    assert r.expected == pytest.approx((48 - 42) / 90)
    frame = r.class_frame()
    assert frame.loc["public", "internal"] == 7
    assert frame.loc["public", "external"] == 29  # every external arc touches the public side


def test_brokerage_counts(knoke: dict[str, nx.DiGraph]) -> None:
    """Role counts against a plain loop over every a -> b -> c with no a -> c (independent)."""
    g = knoke["information"]
    part = {o: "public" if o in PUBLIC else "other" for o in ORGS}
    r = brokerage(g, part).to_frame()
    for b in ORGS:
        counts = dict.fromkeys(
            ("coordinator", "itinerant", "representative", "gatekeeper", "liaison"), 0
        )
        for a in g.predecessors(b):
            for c in g.successors(b):
                if a == c or g.has_edge(a, c):
                    continue
                pa, pb, pc = part[a], part[b], part[c]
                if pa == pb == pc:
                    counts["coordinator"] += 1
                elif pa == pc:
                    counts["itinerant"] += 1
                elif pa == pb:
                    counts["representative"] += 1
                else:
                    counts["gatekeeper"] += 1  # two classes: pb == pc here
        assert r.loc[b, list(counts)].tolist() == list(counts.values())
    # the loop's count for the mayor's office, pinned so a change shows
    assert r.loc["MAYR", "total"] == 27


def test_qap_correlation_of_information_and_money(knoke: dict[str, nx.DiGraph]) -> None:
    r = qap_correlation(knoke["information"], knoke["money"], n_permutations=500, seed=1)
    # by hand over the 90 ordered pairs: sum x = 49, sum y = 22, sum xy = 11 (binary, so
    # sum x^2 = 49, sum y^2 = 22): r = (90*11 - 49*22) / sqrt((90*49 - 49^2)(90*22 - 22^2))
    expected = (90 * 11 - 49 * 22) / np.sqrt((90 * 49 - 49**2) * (90 * 22 - 22**2))
    assert r.statistic == pytest.approx(expected)
    # independent implementation: lisette-espin/mrqap-python's example notebook on the same
    # files prints "Pearson Correlation: -0.05076061871433862"
    assert r.statistic == pytest.approx(-0.05076061871433862, abs=1e-12)
    assert r.p_value > 0.3  # no association: far from significant


def florentine_16() -> nx.Graph:
    g = nx.florentine_families_graph()
    g.add_node("Pucci")  # isolated in the marriage relation; networkx leaves it out
    return g


def test_florentine_marriage_network() -> None:
    g = florentine_16()
    assert (g.number_of_nodes(), g.number_of_edges()) == (16, 20)
    # by hand: 20 ties of 16 * 15 / 2 = 120 pairs
    assert density(g) == pytest.approx(20 / 120)
    # by hand: Medici has the largest degree, 6; degrees sum to 40:
    # sum(6 - d) = 16 * 6 - 40 = 56 over (n-1)(n-2) = 15 * 14
    assert degree_centralization(g) == pytest.approx(56 / 210)
    # betweenness: Medici's 47.5 pairs (independent: networkx); centralization by formula
    raw = betweenness(g, normalized=False)
    assert raw["Medici"] == pytest.approx(47.5)
    nxb = nx.betweenness_centrality(g)
    top = max(nxb.values())
    assert betweenness_centralization(g) == pytest.approx(sum(top - b for b in nxb.values()) / 15)
    # the 15 connected families as networkx ships them: Medici's normalized betweenness 47.5/91
    assert betweenness(nx.florentine_families_graph())["Medici"] == pytest.approx(47.5 / 91)
