"""Institutional outcomes: difference in differences, its tests, and partner scores, by hand."""

from __future__ import annotations

import concurrent.futures
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.outcomes import difference_in_differences, joint_initiatives

O = shx.Observation


def outcome_network(shift: float = 0.0, scale: float = 1.0) -> shx.ExchangeNetwork:
    """One joint initiative (A1 with G1, 2024-06-01) reaching C1 and C2; C3 and C4 are not.

    Changes (after - before): C1 +1, C2 +0.5 (reached), C3 +0.25, C4 0 (not reached).
    Reached mean 0.75, comparison mean 0.125: DiD = 0.625. An observation on the day itself
    and one more than a year before are left out.
    """
    before, after = "2024-01-01", "2024-12-01"
    values = {"C1": (2.0, 3.0), "C2": (1.0, 1.5), "C3": (2.0, 2.25), "C4": (3.0, 3.0)}
    obs = [
        O(c, "attitude", scale * v + shift, d)
        for c, vs in values.items()
        for d, v in zip((before, after), vs, strict=True)
    ]
    obs += [O("C1", "attitude", scale * 100 + shift, "2024-06-01")]  # the day itself
    obs += [O("C3", "attitude", scale * -50 + shift, "2022-01-01")]  # outside the window
    return shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "Agency", sector="substance_use")],
        groups=[shx.SelfHelpGroup("G1", "Group", "mutual_help")],
        actors=[shx.CommunityActor(c, c, "public") for c in values],
        initiatives=[
            shx.Initiative("I1", "media", ["A1", "G1"], ["C1", "C2"], "2024-06-01"),
            shx.Initiative("I2", "media", ["A1"], ["C3"], "2024-06-01"),  # not joint
            shx.Initiative("I3", "media", ["A1", "G1"], ["C4"]),  # not dated
        ],
        observations=obs,
    )  # fmt: skip


def test_the_difference_in_differences_by_hand() -> None:
    r = shx.institutional_outcomes(outcome_network(), "attitude", n_permutations=2000, seed=3)
    assert r.estimate == pytest.approx(0.625)
    frame = r.to_frame()
    assert frame["initiative"].tolist() == ["I1"]
    assert frame.loc[0, "n_reached"] == 2
    assert frame.loc[0, "n_comparison"] == 2
    assert frame.loc[0, "change_reached"] == pytest.approx(0.75)
    assert frame.loc[0, "change_comparison"] == pytest.approx(0.125)
    assert r.changes.set_index("subject").loc["C1", "n_after"] == 1  # the day itself left out
    assert r.changes.set_index("subject").loc["C3", "before"] == 2.0  # 2022 is outside
    # exact permutation distribution: the six ways to pick 2 reached of 4 give
    # D* = +-0.625, +-0.375, +-0.125, so P(|D*| >= 0.625) = 2/6
    assert r.p_value == pytest.approx(1 / 3, abs=0.04)
    lo, hi = r.interval
    assert lo <= r.estimate <= hi
    assert "did=0.625" in repr(r)
    assert len(repr(r)) < 600


def test_two_initiatives_are_weighted_by_the_subjects_they_reached() -> None:
    # initiative 0: reached (1, 1), comparison (0): D0 = 1; initiative 1: reached (2), comparison
    # (0, 1): D1 = 1.5; pooled = (2 * 1 + 1 * 1.5) / 3
    d = difference_in_differences(
        [1, 1, 0, 2, 0, 1], [True, True, False, True, False, False], [0, 0, 0, 1, 1, 1]
    )
    assert d == pytest.approx(3.5 / 3)
    # an initiative with no comparison subject drops out
    assert difference_in_differences([1, 2, 0], [True, True, False], [0, 1, 1]) == pytest.approx(2)
    assert math.isnan(difference_in_differences([1.0], [True]))


samples = st.lists(st.tuples(st.floats(-100, 100), st.booleans()), min_size=2, max_size=12).filter(
    lambda xs: any(r for _, r in xs) and not all(r for _, r in xs)
)


@given(samples, st.floats(-1e3, 1e3))
def test_adding_a_constant_to_every_change_leaves_the_estimate(xs: list, c: float) -> None:
    d = np.array([x for x, _ in xs])
    r = np.array([y for _, y in xs])
    assert difference_in_differences(d + c, r) == pytest.approx(
        difference_in_differences(d, r), abs=1e-6
    )


@given(samples)
def test_swapping_reached_and_comparison_flips_the_sign(xs: list) -> None:
    d = np.array([x for x, _ in xs])
    r = np.array([y for _, y in xs])
    assert difference_in_differences(d, ~r) == pytest.approx(-difference_in_differences(d, r))


@given(st.floats(-50, 50), st.floats(0.1, 10))
def test_shifting_or_scaling_every_observation(shift: float, scale: float) -> None:
    base = shx.institutional_outcomes(outcome_network(), "attitude", n_permutations=9, seed=1)
    moved = shx.institutional_outcomes(
        outcome_network(shift, scale), "attitude", n_permutations=9, seed=1
    )
    assert moved.estimate == pytest.approx(scale * base.estimate)
    assert moved.p_value == pytest.approx(base.p_value)


def test_the_same_seed_gives_the_same_result_and_a_generator_works() -> None:
    net = shx.load_example("riverside")
    kw = {"n_permutations": 199, "n_boot": 199}
    a = shx.institutional_outcomes(net, "attitude_score", seed=7, **kw)
    b = shx.institutional_outcomes(net, "attitude_score", seed=7, **kw)
    c = shx.institutional_outcomes(net, "attitude_score", seed=np.random.default_rng(7), **kw)
    assert (a.p_value, a.interval) == (b.p_value, b.interval)
    assert (a.p_value, a.interval) == (c.p_value, c.interval)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        d = pool.submit(shx.institutional_outcomes, net, "attitude_score", seed=7, **kw).result()
    assert (d.p_value, d.interval) == (a.p_value, a.interval)


def test_riverside_joint_initiatives_and_their_comparisons() -> None:
    net = shx.load_example("riverside")
    ids = [net.initiatives[k].id for k in joint_initiatives(net)]
    # the faith and employer events have one sponsor; the campus panel has no date
    assert ids == ["I-2024-COURIER", "I-2024-WALK", "I-2024-COURT", "I-2025-BUDGET", "I-2025-WALK"]
    r = shx.institutional_outcomes(net, "attitude_score", n_permutations=99, n_boot=99, seed=0)
    courier = r.changes[r.changes["initiative"] == "I-2024-COURIER"]
    # reached: the Courier and the public; comparison: actors no joint initiative reached
    # within a year (the council, the court and the foundation were reached by the walk,
    # the court pathway and the budget hearing)
    assert sorted(courier.loc[courier["reached"], "subject"]) == ["C-COURIER", "C-PUBLIC"]
    assert sorted(courier.loc[~courier["reached"], "subject"]) == [
        "C-CHAMBER",
        "C-COLLEGE",
        "C-FAITH",
    ]
    # Courier +0.6, public +0.4; chamber +0.1, college 0, faith +0.1
    assert r.to_frame().loc[0, "did"] == pytest.approx(0.5 - 0.2 / 3)


def test_bad_arguments_are_all_reported() -> None:
    net = outcome_network()
    with pytest.raises(shx.ArgumentError) as info:
        shx.institutional_outcomes(net, "nope", window=0, n_permutations=0, confidence=1.5)
    text = str(info.value)
    for part in (
        "'nope' is not observed",
        "valid: attitude",
        "window",
        "n_permutations",
        "confidence",
    ):
        assert part in text


def test_nothing_to_compare_gives_nan_not_an_error() -> None:
    net = outcome_network()
    only_reached = shx.ExchangeNetwork(
        net.agencies,
        net.groups,
        net.actors,
        initiatives=net.initiatives,
        observations=[o for o in net.observations if o.subject in ("C1", "C2")],
    )
    r = shx.institutional_outcomes(only_reached, "attitude", seed=0)
    assert math.isnan(r.estimate)
    assert math.isnan(r.p_value)


# ---------------------------------------------------------------------- partner scores
def partner_network(extra: list[shx.Observation] | None = None) -> shx.ExchangeNetwork:
    obs = [
        O("A1", "partner_trust", 3, "2024-11-01", rater="G1"),
        O("A1", "partner_value", 2, "2024-11-01", rater="G1"),
        O("A1", "partner_trust", 4, "2025-11-01", rater="G1"),  # G1's later rating counts
        O("A1", "partner_trust", 2, "2025-11-01", rater="C1"),
        O("A1", "partner_value", 4, "2025-11-01", rater="C1"),
        O("A2", "partner_trust", 1, "2025-11-01", rater="G1"),
        O("A2", "attitude", 99, "2025-11-01"),  # another measure: ignored
        *(extra or []),
    ]
    return shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "One"), shx.Agency("A2", "Two")],
        groups=[shx.SelfHelpGroup("G1", "Group", "mutual_help")],
        actors=[shx.CommunityActor("C1", "Court", "criminal_justice")],
        observations=obs,
    )


def test_partner_scores_by_hand() -> None:
    s = shx.partner_scores(partner_network())
    f = s.to_frame().set_index("subject")
    assert f.loc["A1", "trust"] == pytest.approx(3.0)  # (4 + 2) / 2
    assert f.loc["A1", "value"] == pytest.approx(3.0)  # (2 + 4) / 2
    assert f.loc["A1", "n_trust_raters"] == 2
    assert f.loc["A2", "trust"] == pytest.approx(1.0)
    assert math.isnan(f.loc["A2", "value"])
    assert s.network_trust == pytest.approx(7 / 3)  # every rated relationship: 4, 2, 1
    assert s.mean_trust == pytest.approx(2.0)  # the subjects' scores: 3 and 1
    assert s.network_value == pytest.approx(3.0)
    # as of 2024-12-31 only G1's first ratings count
    early = shx.partner_scores(partner_network(), as_of="2024-12-31").to_frame()
    assert early["subject"].tolist() == ["A1"]
    assert early.loc[0, "trust"] == 3.0
    assert "network trust=2.33" in repr(s)


def test_partner_ratings_out_of_range_without_rater_or_self_rated_are_all_reported() -> None:
    bad = [
        O("A1", "partner_trust", 5, "2025-11-01", rater="G1"),
        O("A1", "partner_value", 2, "2025-11-01"),
        O("A2", "partner_value", 2, "2025-11-01", rater="A2"),
    ]
    with pytest.raises(shx.NetworkValidationError) as info:
        shx.partner_scores(partner_network(bad))
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 3
    assert "from 1 to 4" in messages[0]
    assert "needs its rater" in messages[1]
    assert "rated by itself" in messages[2]


def test_riverside_partner_scores() -> None:
    f = shx.partner_scores(shx.load_example("riverside")).to_frame().set_index("subject")
    assert f.loc["A-BRG", "trust"] == pytest.approx(3.75)  # 4, 4, 3, 4
    assert f.loc["A-RGH", "n_trust_raters"] == 1
