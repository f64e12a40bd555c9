from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfhelp_exchange.simulate import (
    SOURCES,
    STAGES,
    CascadeParameters,
    SimulationError,
    parameter_sources,
)
from selfhelp_exchange.simulate.evidence import INPUTS, derive, draw_inputs

DOCS = Path(__file__).parents[1] / "docs" / "simulate.md"


def test_community_defaults_by_hand() -> None:
    """The community defaults, worked out from the inputs by hand."""
    p = CascadeParameters()
    # passive baseline 0.3 (assumption) = introduced x first meeting (0.9, assumption)
    assert p.passive_introduced == round(0.3 / 0.9, 4) == 0.3333
    assert p.passive_first_meeting == 0.9
    # Manning's in-stay odds ratio: (0.88 / 0.12) / (0.73 / 0.27) = 2.7123
    odds = 0.3 / 0.7 * (0.88 / 0.12) / (0.73 / 0.27)
    r1 = odds / (1 + odds)
    assert round(r1, 4) == 0.5376
    # the even split would need a first meeting above 1: capped, the introduction takes it all
    assert (p.facilitated_introduced, p.facilitated_first_meeting) == (0.5376, 1.0)
    # weekly attendance given a first meeting: Timko & DeBenedetti's 61% and 70% over the
    # assumed outpatient baseline 0.85
    assert p.passive_engaged == round(0.61 / 0.85, 4) == 0.7176
    assert p.facilitated_engaged == p.peer_engaged == round(0.70 / 0.85, 4) == 0.8235
    assert p.later_attendance == 0.2
    assert p.motivational_effect == 0.0  # Walitzer et al. (2009): no effect


@pytest.mark.parametrize("setting", ["community", "outpatient", "inpatient"])
def test_each_settings_facilitated_rates_are_at_least_the_passive_ones(setting: str) -> None:
    r = CascadeParameters.for_setting(setting).rates()
    assert (r[1] >= r[0]).all()
    assert (r[2] >= r[1]).all()


def test_passive_baseline_is_a_local_input() -> None:
    reach = {}
    for baseline in (0.0, 0.1, 0.5, 0.73):
        p = CascadeParameters.for_setting("community", passive_baseline=baseline)
        reach[baseline] = (
            p.passive_introduced * p.passive_first_meeting,
            p.facilitated_introduced * p.facilitated_first_meeting,
        )
        assert reach[baseline][0] == pytest.approx(baseline, abs=1e-3)
        assert reach[baseline][1] >= reach[baseline][0]
    assert reach[0.0] == (0.0, 0.0)
    # a baseline above the first-meeting rate once connected (0.9): everyone is connected
    p = CascadeParameters.for_setting("outpatient", passive_baseline=0.95)
    assert (p.passive_introduced, p.passive_first_meeting) == (1.0, 0.95)
    assert p.facilitated_introduced * p.facilitated_first_meeting == pytest.approx(0.95)
    # inpatient at Manning's own baseline: the published 88%
    p = CascadeParameters.for_setting("inpatient", passive_baseline=0.73)
    assert p.facilitated_introduced * p.facilitated_first_meeting == pytest.approx(0.88, abs=1e-3)
    with pytest.raises(SimulationError, match="must be a probability"):
        CascadeParameters.for_setting("community", passive_baseline=1.2)
    with pytest.raises(SimulationError, match="unknown setting"):
        CascadeParameters.for_setting("hospital")


def test_every_parameter_has_a_source_and_a_basis() -> None:
    assert set(SOURCES) == set(CascadeParameters.names())
    assert {s.basis for s in SOURCES.values()} <= {"published", "derived", "assumption"}
    table = CascadeParameters.table()
    assert table.index.tolist() == list(CascadeParameters.names())
    assert table.loc["mismatch_engagement_factor", "basis"] == "assumption"
    assert table.loc["peer_follow_up", "basis"] == "derived"
    # derived values show their arithmetic with the numbers put in
    assert SOURCES["peer_follow_up"].source.endswith("(0.64 - (1 - 0.88) * 0.2) / 0.88 = 0.7")


def test_parameter_sources_table() -> None:
    t = parameter_sources()
    assert list(t.columns) == [
        "name", "kind", "value", "basis", "study", "population", "arm", "outcome", "horizon",
        "n", "distribution", "low", "high", "formula", "note",
    ]  # fmt: skip
    inputs = t[t["kind"] == "input"].set_index("name")
    assert set(inputs.index) == set(INPUTS)
    published = inputs[inputs["basis"] == "published"]
    # every published figure has a sample size and a Beta distribution around it
    assert published["n"].notna().all()
    assert published["distribution"].str.startswith("Beta(").all()
    assert (
        (published["low"] < published["value"]) & (published["value"] < published["high"])
    ).all()
    assert inputs.loc["manning_stay_control", "distribution"] == "Beta(37, 14)"  # 36.5 + 0.5
    assert inputs.loc["community_passive_baseline", ["low", "high"]].tolist() == pytest.approx(
        [0.01825, 0.71175]
    )
    params = t[t["kind"] == "parameter"].set_index("name")
    assert params.index.tolist() == list(CascadeParameters.names())
    # every default inside its 95% range, but motivational_effect: 0 (no effect) is the lower end
    inside = params.drop(index="motivational_effect")
    assert (inside["low"] <= inside["value"] + 1e-9).all()
    assert (inside["value"] <= inside["high"] + 1e-9).all()
    # each parameter names the studies of the inputs it is computed from, and their horizons
    assert (params["study"] != "").all()
    assert params.loc["peer_follow_up", "study"].startswith("Manning et al. (2012)")
    assert params.loc["peer_follow_up", "horizon"] == "inpatient stay; 2-3 months after discharge"
    assert "Timko & DeBenedetti (2007)" in params.loc["peer_engaged", "study"]
    inpatient = parameter_sources("inpatient").set_index("name")
    assert inpatient.loc["passive_introduced", "value"] == 0.8111


def test_the_documented_table_is_generated_from_the_code() -> None:
    # the page renders SOURCES and the defaults at build time, so it cannot drift from them
    text = DOCS.read_text(encoding="utf-8")
    assert "{shx-parameter-sources} selfhelp_exchange.simulate.SOURCES" in text


@pytest.mark.parametrize("bad", [-0.1, 1.01, float("nan"), "0.5", None, True])
def test_probabilities_are_validated(bad: object) -> None:
    with pytest.raises(
        SimulationError, match="'peer_engaged' must be a probability in \\[0, 1\\]"
    ):
        CascadeParameters(peer_engaged=bad)  # type: ignore[arg-type]


def test_replace() -> None:
    p = CascadeParameters().replace(passive_informed=0.4, facilitated_informed=1)
    assert (p.passive_informed, p.facilitated_informed) == (0.4, 1.0)
    with pytest.raises(
        SimulationError, match=r"unknown cascade parameter.*'informed'.*valid: passive_informed"
    ):
        CascadeParameters().replace(informed=0.3)


def test_rates_layout() -> None:
    r = CascadeParameters(passive_engaged=0.1, facilitated_engaged=0.2, peer_engaged=0.3).rates()
    assert r.shape == (3, len(STAGES))
    assert r[:, STAGES.index("engaged")].tolist() == [0.1, 0.2, 0.3]
    # the peer set has no informed step of its own
    assert r[2, 0] == r[1, 0]
    assert not CascadeParameters(facilitated_engaged=0.1).facilitation_dominates()
    # an on-site floor above the facilitated introduction is fine: steering keeps on-site groups
    assert CascadeParameters(
        on_site_introduced=1.0, facilitated_introduced=0.95, peer_introduced=0.95
    ).facilitation_dominates()
    # attending later without a first meeting must not beat attending after one
    assert (
        not CascadeParameters.for_setting("outpatient")
        .replace(later_attendance=0.9)
        .facilitation_dominates()
    )
    assert np.all(r >= 0)


def test_the_inputs_table_of_the_docs_matches_the_code() -> None:
    """docs/simulate.md lists every input by hand: its value must be the code's."""
    text = DOCS.read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        if line.startswith("| `") and line.count("|") == 7:
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows[cells[0].strip("`")] = cells
    for name, inp in INPUTS.items():
        assert name in rows, name
        assert float(rows[name][1]) == inp.value, name
        assert rows[name][2] == inp.basis, name
        if inp.n is not None:
            assert rows[name][5].startswith(f"n {inp.n}"), name
        elif inp.low is not None and inp.high is not None:
            assert rows[name][5] == f"{inp.low:g} to {inp.high:g}", name


@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from(["community", "outpatient", "inpatient"]),
    st.one_of(st.none(), st.floats(0, 1)),
)
def test_any_draw_of_the_inputs_gives_valid_parameters(
    seed: int, setting: str, baseline: float | None
) -> None:
    values = draw_inputs(np.random.default_rng(seed))
    p = CascadeParameters(**derive(setting, values, passive_baseline=baseline))
    reach = p.passive_informed * p.passive_introduced * p.passive_first_meeting
    if baseline is not None:
        assert reach == pytest.approx(baseline, abs=2e-4)
    # the facilitated first meeting follows the odds ratio of the draw
    r1 = p.facilitated_introduced * p.facilitated_first_meeting
    assert r1 == pytest.approx(p.peer_introduced * p.peer_first_meeting)
    odds_ratio = (
        values["outpatient_first_meeting_odds_ratio"]
        if setting == "outpatient"
        else (values["manning_stay_active"] / (1 - values["manning_stay_active"]))
        / (values["manning_stay_control"] / (1 - values["manning_stay_control"]))
    )
    if odds_ratio >= 1:
        assert r1 >= reach - 2e-4
