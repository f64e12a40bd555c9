"""social_integration_change: paired change, bootstrap intervals, grouping, reproducibility."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import selfhelp_exchange as shx


def _measures() -> pd.DataFrame:
    # three egos; e3 only at baseline (unpaired); beyond: e1 1 -> 3, e2 0 -> 1
    rows = [
        ("e1", "t0", ["family", "peer"]),
        ("e1", "t1", ["family", "peer", "friend", "community"]),
        ("e2", "t0", ["treatment_staff"]),
        ("e2", "t1", ["treatment_staff", "peer"]),
        ("e3", "t0", ["family"]),
    ]
    frames = [
        pd.DataFrame(
            {"ego_id": e, "wave": w, "alter_id": [f"a{i}" for i in range(len(r))], "relation": r}
        )
        for e, w, r in rows
    ]
    egos = pd.DataFrame({"ego_id": ["e1", "e2", "e3"], "rlc": [True, False, True]})
    return shx.social_integration(shx.personal_networks(pd.concat(frames), egos=egos))


def test_hand_worked_paired_change() -> None:
    ch = shx.social_integration_change(_measures(), "t0", "t1", n_boot=500, seed=3)
    per = ch.per_ego.query("measure == 'beyond'").set_index("ego_id")
    assert per.loc["e1", "change"] == 2
    assert per.loc["e2", "change"] == 1
    s = ch.summary.set_index("measure")
    assert s.loc["beyond", "n"] == 2
    assert s.loc["beyond", "mean_change"] == pytest.approx(1.5)
    # resampling 2 egos: the mean of a resample is 1, 1.5 or 2
    assert 1.0 <= s.loc["beyond", "ci_low"] <= 1.5 <= s.loc["beyond", "ci_high"] <= 2.0
    # beyond_share: e1 .5 -> .75, e2 0 -> .5: mean change (.25 + .5) / 2
    assert s.loc["beyond_share", "mean_change"] == pytest.approx(0.375)
    assert ch.unpaired == 1
    assert ch.differences.empty


def test_same_seed_same_intervals_and_groups() -> None:
    m = _measures()
    a = shx.social_integration_change(m, "t0", "t1", by="rlc", n_boot=300, seed=11)
    b = shx.social_integration_change(m, "t0", "t1", by="rlc", n_boot=300, seed=11)
    pd.testing.assert_frame_equal(a.summary, b.summary)
    assert set(a.summary["group"]) == {"True", "False"}
    # one ego per group: the interval is that ego's change
    row = a.summary.query("group == 'True' and measure == 'beyond'").iloc[0]
    assert row["ci_low"] == row["ci_high"] == 2
    d = a.differences.query("measure == 'beyond'").iloc[0]
    assert (d["group"], d["reference"], d["difference"]) == ("True", "False", 1.0)


def test_by_mapping_with_unknown_egos() -> None:
    ch = shx.social_integration_change(_measures(), "t0", "t1", by={"e1": "x"}, n_boot=50, seed=0)
    assert set(ch.summary["group"]) == {"x", "(not known)"}


def test_example_rlc_participants_gain_more_beyond_ties() -> None:
    m = shx.social_integration(shx.load_personal_networks_example())
    ch = shx.social_integration_change(
        m, "baseline", "12 months", by="rlc_participant", n_boot=400, seed=2
    )
    d = ch.differences.set_index("measure")
    assert d.loc["beyond", "ci_low"] > 0  # built into the synthetic data
    assert "IntegrationChange('baseline' -> '12 months'" in repr(ch)
    assert len(repr(ch)) < 600
    pd.testing.assert_frame_equal(ch.to_frame(), ch.summary)


def test_agency_linkage_grouping() -> None:
    net = shx.load_example("riverside")
    pn = shx.load_personal_networks_example()
    card = shx.agency_scorecard(net)
    labels = shx.ego_agency_linkage(pn, card)
    idx = card.set_index("agency_id")["adaptational_index"]
    egos = pn.egos.set_index("ego_id")  # type: ignore[union-attr]
    for ego, label in labels.items():
        agency = egos.loc[ego, "agency"]
        if agency is None:
            assert label == "no agency"
        else:
            assert label == ("stronger linkage" if idx[agency] >= 0.5 else "weaker linkage")
    # the scorecard indexed by agency works too (its layout may change)
    again = shx.ego_agency_linkage(pn, card.set_index("agency_id"))
    pd.testing.assert_series_equal(labels, again)
    m = shx.social_integration(pn)
    ch = shx.social_integration_change(m, "baseline", "12 months", by=labels, n_boot=50, seed=1)
    assert set(ch.summary["group"]) == set(labels)


def test_bad_arguments() -> None:
    m = _measures()
    with pytest.raises(shx.ChangeError, match="wave 't9'"):
        shx.social_integration_change(m, "t0", "t9")
    with pytest.raises(shx.ChangeError, match="same wave"):
        shx.social_integration_change(m, "t0", "t0")
    with pytest.raises(shx.ChangeError, match="by='nope'"):
        shx.social_integration_change(m, "t0", "t1", by="nope")
    with pytest.raises(shx.ChangeError, match="n_boot"):
        shx.social_integration_change(m, "t0", "t1", n_boot=0)
    with pytest.raises(shx.ChangeError, match="confidence"):
        shx.social_integration_change(m, "t0", "t1", confidence=1.5)
    with pytest.raises(shx.ChangeError, match="'nope' not a column"):
        shx.social_integration_change(m, "t0", "t1", columns=["nope"])


def test_generator_seed_is_accepted() -> None:
    m = _measures()
    a = shx.social_integration_change(m, "t0", "t1", n_boot=100, seed=np.random.default_rng(5))
    b = shx.social_integration_change(m, "t0", "t1", n_boot=100, seed=np.random.default_rng(5))
    pd.testing.assert_frame_equal(a.summary, b.summary)


def test_a_measure_unknown_for_some_egos_counts_only_where_known() -> None:
    m = pd.DataFrame(
        {
            "ego_id": ["a", "a", "b", "b", "c", "c"],
            "wave": ["t0", "t1"] * 3,
            "size": [2, 3, 1, 1, 4, 6],
            "density": [0.5, 1.0, np.nan, np.nan, 0.0, 0.5],
        }
    )
    ch = shx.social_integration_change(
        m, "t0", "t1", columns=["size", "density"], n_boot=300, seed=1
    )
    s = ch.summary.set_index("measure")
    assert s.loc["size", "n"] == 3
    assert s.loc["size", "mean_change"] == pytest.approx((1 + 0 + 2) / 3)
    assert s.loc["density", "n"] == 2
    assert s.loc["density", "mean_change"] == pytest.approx(0.5)
    assert s.loc["density", "ci_low"] == pytest.approx(0.5)  # both known changes are 0.5
    assert s.loc["density", "ci_high"] == pytest.approx(0.5)


def test_resampling_in_chunks_gives_the_same_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    from selfhelp_exchange.egonet import change

    m = shx.social_integration(shx.load_personal_networks_example())
    whole = shx.social_integration_change(m, "baseline", "12 months", n_boot=200, seed=9)
    monkeypatch.setattr(change, "_CHUNK_VALUES", 7)
    chunked = shx.social_integration_change(m, "baseline", "12 months", n_boot=200, seed=9)
    pd.testing.assert_frame_equal(whole.summary, chunked.summary)


def test_confidence_is_the_interval_level_and_level_its_old_name() -> None:
    m = _measures()
    new = shx.social_integration_change(m, "t0", "t1", n_boot=200, confidence=0.8, seed=2)
    with pytest.warns(FutureWarning, match="write confidence="):
        old = shx.social_integration_change(m, "t0", "t1", n_boot=200, level=0.8, seed=2)
    pd.testing.assert_frame_equal(new.summary, old.summary)
    assert new.confidence == old.level == 0.8
    example = shx.social_integration(shx.load_personal_networks_example())

    def width(confidence: float) -> float:
        ch = shx.social_integration_change(
            example, "baseline", "12 months", n_boot=300, confidence=confidence, seed=2
        )
        return float((ch.summary["ci_high"] - ch.summary["ci_low"]).sum())

    assert width(0.99) > width(0.5)
