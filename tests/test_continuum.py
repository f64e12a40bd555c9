"""Professional involvement and relational score: hand-worked values, properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

import selfhelp_exchange as shx
from selfhelp_exchange.metrics.continuum import CONTINUUM_COLUMNS
from tests.strategies import metric_networks


def group(gid: str, **dims: str) -> shx.SelfHelpGroup:
    return shx.SelfHelpGroup(gid, gid, "mutual_help", **dims)  # type: ignore[arg-type]


def continuum_network() -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        groups=[
            # all at the relational end
            group(
                "G1",
                meeting_place="community",
                admission="open",
                timing="open_ended",
                facilitation="rotating_peers",
            ),
            # agency premises 1, closed 0.5, fixed term 1, trained peers 0.5
            group(
                "G2",
                meeting_place="agency_premises",
                admission="closed",
                timing="fixed_term",
                facilitation="trained_peers",
            ),
            # online 0, referral 1, timing unknown, professional 1
            group("G3", meeting_place="online", admission="referral", facilitation="professional"),
            # nothing known
            group("G4"),
            # closed 0.5 only
            group("G5", admission="closed"),
            # community 0, trained peers 0.5
            group("G6", meeting_place="community", facilitation="trained_peers"),
            # everything at the therapeutic end
            group(
                "G7",
                meeting_place="agency_premises",
                admission="referral",
                timing="fixed_term",
                facilitation="professional",
            ),
        ]
    )


def test_hand_values() -> None:
    df = shx.professional_involvement(continuum_network())
    assert df.columns.tolist() == [c for c, _ in CONTINUUM_COLUMNS]
    nan = math.nan
    expected = pd.DataFrame(
        {
            "group_id": ["G1", "G2", "G3", "G4", "G5", "G6", "G7"],
            "meeting_place_score": [0.0, 1.0, 0.0, nan, nan, 0.0, 1.0],
            "admission_score": [0.0, 0.5, 1.0, nan, 0.5, nan, 1.0],
            "timing_score": [0.0, 1.0, nan, nan, nan, nan, 1.0],
            "facilitation_score": [0.0, 0.5, 1.0, nan, nan, 0.5, 1.0],
            "known_dimensions": [4, 4, 3, 0, 1, 2, 4],
            "unknown_dimensions": [
                "",
                "",
                "timing",
                "meeting_place;admission;timing;facilitation",
                "meeting_place;timing;facilitation",
                "admission;timing",
                "",
            ],
            "index": [
                0.0,  # (0 + 0 + 0 + 0) / 4
                (1 + 0.5 + 1 + 0.5) / 4,  # = 0.75
                (0 + 1 + 1) / 3,  # = 0.666..., exactly the upper cut point: still mixed
                nan,  # no dimension known
                0.5,  # 0.5 / 1
                (0 + 0.5) / 2,  # = 0.25
                1.0,  # (1 + 1 + 1 + 1) / 4
            ],
            "known_practices": [0] * 7,
            "relational_score": [nan] * 7,
            "continuum": [
                "relational",
                "therapeutic",
                "mixed",
                "unknown",
                "unknown",  # one known dimension: fewer than min_known = 2, no label
                "relational",
                "therapeutic",
            ],
        }
    )
    expected = expected.astype(dict(CONTINUUM_COLUMNS))
    pd.testing.assert_frame_equal(df, expected)


def test_override_scores_and_cut_points() -> None:
    df = shx.professional_involvement(
        continuum_network(),
        scores={"admission": {"closed": 0.25}, "meeting_place": {shx.MeetingPlace.ONLINE: 0.5}},
        cut_points=(0.2, 0.5),
    )
    r = df.set_index("group_id")
    # G2: (1 + 0.25 + 1 + 0.5) / 4 = 0.6875 > 0.5 -> therapeutic
    assert r.loc["G2", "index"] == pytest.approx((1 + 0.25 + 1 + 0.5) / 4)
    # G3: (0.5 + 1 + 1) / 3
    assert r.loc["G3", "meeting_place_score"] == 0.5
    assert r.loc["G3", "index"] == pytest.approx((0.5 + 1 + 1) / 3)
    # G5: 0.25 from one dimension -> no label; G6: 0.25 -> mixed with cut points (0.2, 0.5)
    assert r.loc["G5", "continuum"] == "unknown"
    assert r.loc["G6", "continuum"] == "mixed"
    one = shx.professional_involvement(continuum_network(), min_known=1).set_index("group_id")
    assert one.loc["G5", "continuum"] == "mixed"
    assert r.loc["G1", "continuum"] == "relational"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"scores": {"size": {"small": 0}}}, "unknown dimension 'size'"),
        ({"scores": {"admission": {"sometimes": 0}}}, "names 'sometimes', not a admission value"),
        ({"scores": {"admission": {"open": 1.5}}}, "must be a number from 0 to 1"),
        ({"scores": {"timing": {"open_ended": math.nan}}}, "must be a number from 0 to 1"),
        ({"cut_points": (0.7, 0.3)}, "0 <= low <= high <= 1"),
        ({"cut_points": (0.1,)}, "two numbers"),
        ({"min_known": 0}, "min_known must be a whole number from 1 to 4"),
        ({"min_known": 5}, "min_known must be a whole number from 1 to 4"),
        ({"relational_cut": 2}, "relational_cut must be a number from 0 to 1"),
    ],
)
def test_invalid_arguments(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(shx.ArgumentError, match=match):
        shx.professional_involvement(continuum_network(), **kwargs)  # type: ignore[arg-type]


@settings(max_examples=20)
@given(metric_networks(max_exchanges=0, max_initiatives=0, max_agencies=0, max_actors=0))
def test_properties(net: shx.ExchangeNetwork) -> None:
    df = shx.professional_involvement(net)
    assert len(df) == net.n_groups
    scores = df[[f"{d}_score" for d in ("meeting_place", "admission", "timing", "facilitation")]]
    assert ((scores >= 0) & (scores <= 1) | scores.isna()).all().all()
    assert (scores.notna().sum(axis=1) == df["known_dimensions"]).all()
    known = df["known_dimensions"] > 0
    assert df.loc[known, "index"].between(0, 1).all()
    assert df.loc[~known, "index"].isna().all()
    assert (df.loc[df["known_dimensions"] < 2, "continuum"] == "unknown").all()
    # the index is the mean of the known scores
    np.testing.assert_allclose(df.loc[known, "index"], scores[known].mean(axis=1), atol=1e-12)
    # the documented rule (no practices recorded): below 1/3 relational, above 2/3 therapeutic
    placed = df["known_dimensions"] >= 2
    index = df.loc[placed, "index"].to_numpy()
    rule = np.where(index < 1 / 3, "relational", np.where(index > 2 / 3, "therapeutic", "mixed"))
    assert rule.tolist() == df.loc[placed, "continuum"].tolist()


def test_relational_score_and_the_two_sided_label() -> None:
    therapeutic = {
        "meeting_place": "agency_premises",
        "admission": "referral",
        "timing": "fixed_term",
        "facilitation": "professional",
    }
    both = shx.SelfHelpGroup(
        "B",
        "B",
        "supported_self_help",
        **therapeutic,  # type: ignore[arg-type]
        attributes={"practice_sharing": True, "practice_mutual_support": True},
    )
    clinic = shx.SelfHelpGroup(
        "C",
        "C",
        "supported_self_help",
        **therapeutic,  # type: ignore[arg-type]
        attributes={
            "practice_sharing": True,
            "practice_listening": False,
            "practice_mutual_support": False,
        },
    )
    peers = shx.SelfHelpGroup(
        "P",
        "P",
        "mutual_help",
        meeting_place="community",
        admission="open",
        attributes={"practice_listening": True},
    )
    df = shx.professional_involvement(shx.ExchangeNetwork(groups=[both, clinic, peers]))
    r = df.set_index("group_id")
    # B: two practices recorded, both true -> 1.0; therapeutic side 1.0: high on both
    assert r.loc["B", "known_practices"] == 2
    assert r.loc["B", "relational_score"] == 1.0
    assert r.loc["B", "continuum"] == "relational and therapeutic"
    # C: one of three true -> 1/3 < 0.5: therapeutic only
    assert r.loc["C", "relational_score"] == pytest.approx(1 / 3)
    assert r.loc["C", "continuum"] == "therapeutic"
    assert r.loc["P", "continuum"] == "relational"
    bad = shx.SelfHelpGroup("X", "X", "mutual_help", attributes={"practice_sharing": "yes"})
    with pytest.raises(shx.RecordError, match="'practice_sharing' must be true or false"):
        shx.professional_involvement(shx.ExchangeNetwork(groups=[bad]))


def test_empty_network() -> None:
    df = shx.professional_involvement(shx.ExchangeNetwork())
    assert df.empty
    assert df.dtypes.equals(shx.professional_involvement(continuum_network()).dtypes)
