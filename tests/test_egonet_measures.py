"""social_integration: hand-worked values and properties (bounds, relabelling, monotonicity)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.egonet.measures import MEASURES

RELATIONS = [r.value for r in shx.Relation]


def _alters(ego: str, wave: str, relations: list[str], **extra: list[object]) -> pd.DataFrame:
    data: dict[str, object] = {
        "ego_id": ego,
        "wave": wave,
        "alter_id": [f"a{i}" for i in range(len(relations))],
        "relation": relations,
    }
    data.update(extra)
    return pd.DataFrame(data)


def test_hand_worked_ego() -> None:
    # 2 family, 1 peer, 1 friend: p = (0, .5, .25, .25, 0, 0)
    # Blau = 1 - (.25 + .0625 + .0625) = .625; IQV = .625 / (1 - 1/6) = .75
    # beyond = 2 of 4; E-I = (2 - 2) / 4 = 0; ties a0-a1, a0-a2, a2-a3: 3 of 6 pairs
    alters = _alters("e1", "w1", ["family", "family", "peer", "friend"])
    ties = pd.DataFrame(
        {
            "ego_id": "e1",
            "wave": "w1",
            "alter_a": ["a0", "a0", "a2"],
            "alter_b": ["a1", "a2", "a3"],
        }
    )
    m = shx.social_integration(alters, ties).iloc[0]
    assert m["size"] == 4
    assert (m["n_family"], m["n_peer"], m["n_friend"], m["n_treatment_staff"]) == (2, 1, 1, 0)
    assert m["beyond"] == 2
    assert m["beyond_share"] == 0.5
    assert m["heterogeneity"] == pytest.approx(0.625)
    assert m["iqv"] == pytest.approx(0.75)
    assert m["n_ties"] == 3
    assert m["density"] == pytest.approx(0.5)
    assert m["ei_index"] == 0.0


def test_hand_worked_second_ego_and_supportive() -> None:
    # 3 treatment staff, 1 community: Blau = 1 - (9/16 + 1/16) = 6/16 = .375;
    # IQV = .375 / (5/6) = .45; E-I = (1 - 3) / 4 = -.5
    # supportive recorded for 3 of 4 (one not asked): the community alter yes, one staff yes,
    # one staff no -> supportive beyond 1 of 3 known
    alters = _alters(
        "e2",
        "w1",
        ["treatment_staff"] * 3 + ["community"],
        supportive=[True, False, None, True],
    )
    m = shx.social_integration(alters).iloc[0]
    assert m["heterogeneity"] == pytest.approx(0.375)
    assert m["iqv"] == pytest.approx(0.45)
    assert m["ei_index"] == pytest.approx(-0.5)
    assert m["supportive_known"] == 3
    assert m["supportive_beyond"] == 1
    assert m["supportive_beyond_share"] == pytest.approx(1 / 3)
    assert math.isnan(m["density"])  # no tie data
    assert math.isnan(m["n_ties"])


def test_iqv_is_one_when_all_six_relations_are_equally_present() -> None:
    m = shx.social_integration(_alters("e", "w", RELATIONS * 2)).iloc[0]
    assert m["heterogeneity"] == pytest.approx(5 / 6)
    assert m["iqv"] == pytest.approx(1.0)


def test_single_alter_has_no_density_and_zero_heterogeneity() -> None:
    ties = pd.DataFrame(columns=["ego_id", "wave", "alter_a", "alter_b"])
    m = shx.social_integration(_alters("e", "w", ["peer"]), ties).iloc[0]
    assert m["heterogeneity"] == 0.0
    assert m["ei_index"] == 1.0
    assert math.isnan(m["density"])
    assert m["n_ties"] == 0


def test_tie_table_without_rows_for_an_ego_means_density_zero() -> None:
    ties = pd.DataFrame(columns=["ego_id", "wave", "alter_a", "alter_b"])
    m = shx.social_integration(_alters("e", "w", ["peer", "friend", "family"]), ties).iloc[0]
    assert m["density"] == 0.0


def test_rows_follow_first_appearance_and_ego_table_columns_are_joined() -> None:
    alters = pd.concat(
        [
            _alters("b", "w2", ["peer"]),
            _alters("a", "w1", ["family"]),
            _alters("b", "w1", ["peer"]),
        ]
    )
    egos = pd.DataFrame({"ego_id": ["a", "b"], "agency": ["A1", None], "rlc": [False, True]})
    m = shx.social_integration(shx.personal_networks(alters, egos=egos))
    assert list(zip(m["ego_id"], m["wave"], strict=True)) == [
        ("b", "w2"),
        ("a", "w1"),
        ("b", "w1"),
    ]
    assert list(m["rlc"]) == [True, False, True]
    assert list(m.columns[: len(MEASURES) + 2]) == ["ego_id", "wave", *MEASURES]


def test_example_measures() -> None:
    m = shx.social_integration(shx.load_personal_networks_example())
    assert len(m) == 96  # 48 egos x 2 waves
    assert (m["size"] == m[[f"n_{r}" for r in RELATIONS]].sum(axis=1)).all()


# ---------------------------------------------------------------------- properties
networks = st.lists(
    st.tuples(st.integers(0, 4), st.sampled_from(RELATIONS), st.none() | st.booleans()),
    min_size=1,
    max_size=30,
)


def _frame(rows: list[tuple[int, str, bool | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ego_id": [f"e{e}" for e, _, _ in rows],
            "wave": "w",
            "alter_id": [f"a{i}" for i in range(len(rows))],
            "relation": [r for _, r, _ in rows],
            "supportive": [s for _, _, s in rows],
        }
    )


@given(networks)
def test_bounds(rows: list[tuple[int, str, bool | None]]) -> None:
    m = shx.social_integration(_frame(rows))
    assert ((m["heterogeneity"] >= 0) & (m["heterogeneity"] <= 5 / 6 + 1e-12)).all()
    assert ((m["iqv"] >= -1e-12) & (m["iqv"] <= 1 + 1e-12)).all()
    assert ((m["beyond_share"] >= 0) & (m["beyond_share"] <= 1)).all()
    assert ((m["ei_index"] >= -1) & (m["ei_index"] <= 1)).all()
    np.testing.assert_allclose(m["ei_index"], 2 * m["beyond_share"] - 1)
    share = m["supportive_beyond_share"].dropna()
    assert ((share >= 0) & (share <= 1)).all()
    assert int(m["size"].sum()) == len(rows)


@given(networks)
def test_relabelling_egos_and_alters_and_reordering_rows_changes_nothing(
    rows: list[tuple[int, str, bool | None]],
) -> None:
    frame = _frame(rows)
    m = shx.social_integration(frame).set_index("ego_id")
    ego_map = {e: f"x-{e}-renamed" for e in frame["ego_id"].unique()}
    relabelled = frame.assign(
        ego_id=frame["ego_id"].map(ego_map),
        alter_id="z" + frame["alter_id"],
    ).sample(frac=1.0, random_state=7)
    m2 = shx.social_integration(relabelled).set_index("ego_id")
    m2.index = m2.index.map({v: k for k, v in ego_map.items()})
    cols = [c for c in MEASURES if c not in ("n_ties", "density")]
    pd.testing.assert_frame_equal(
        m2.loc[list(m.index), cols].reset_index(drop=True), m[cols].reset_index(drop=True)
    )


@given(networks, st.sampled_from(["peer", "friend", "community", "other"]), st.booleans())
def test_adding_a_beyond_alter_never_lowers_beyond(
    rows: list[tuple[int, str, bool | None]], relation: str, supportive: bool
) -> None:
    frame = _frame(rows)
    before = shx.social_integration(frame).set_index("ego_id")
    ego = frame["ego_id"].iloc[0]
    extra = pd.DataFrame(
        {
            "ego_id": [ego],
            "wave": ["w"],
            "alter_id": ["new"],
            "relation": [relation],
            "supportive": [supportive],
        }
    )
    after = shx.social_integration(pd.concat([frame, extra], ignore_index=True)).set_index(
        "ego_id"
    )
    assert after.loc[ego, "beyond"] == before.loc[ego, "beyond"] + 1
    assert after.loc[ego, "beyond_share"] >= before.loc[ego, "beyond_share"]
    assert after.loc[ego, "ei_index"] >= before.loc[ego, "ei_index"]
    assert after.loc[ego, "supportive_beyond"] >= before.loc[ego, "supportive_beyond"]


@given(st.integers(2, 8), st.data())
def test_density_matches_networkx(n: int, data: st.DataObject) -> None:
    import networkx as nx

    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = data.draw(st.lists(st.sampled_from(pairs), unique=True))
    alters = _alters("e", "w", ["friend"] * n)
    ties = pd.DataFrame(
        {
            "ego_id": "e",
            "wave": "w",
            "alter_a": [f"a{i}" for i, _ in chosen],
            "alter_b": [f"a{j}" for _, j in chosen],
        },
        columns=["ego_id", "wave", "alter_a", "alter_b"],
    )
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(chosen)
    m = shx.social_integration(alters, ties).iloc[0]
    assert m["density"] == pytest.approx(nx.density(g))
