from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from selfhelp_exchange.simulate import SOURCES, STAGES, CascadeParameters, SimulationError

DOCS = Path(__file__).parents[1] / "docs" / "simulate.md"


def test_defaults_derive_from_the_manning_2012_abstract() -> None:
    p = CascadeParameters()
    # Worked by hand from the abstract's figures (73%, 88%; 33%, 48%, 64%):
    assert p.passive_introduced == round(0.73 / 0.88, 4) == 0.8295
    assert p.passive_engaged == p.passive_follow_up == round(math.sqrt(0.33 / 0.73), 4) == 0.6724
    assert p.facilitated_engaged == round(math.sqrt(0.48 / 0.88), 4) == 0.7385
    assert p.peer_engaged == round(math.sqrt(0.64 / 0.88), 4) == 0.8528
    assert p.facilitated_first_meeting == p.peer_first_meeting == p.passive_first_meeting == 0.88
    assert p.facilitation_dominates()


def test_every_parameter_has_a_source_and_a_basis() -> None:
    assert set(SOURCES) == set(CascadeParameters.names())
    assert {s.basis for s in SOURCES.values()} <= {"trial", "derived", "assumption"}
    table = CascadeParameters.table()
    assert table.index.tolist() == list(CascadeParameters.names())
    assert table.loc["mismatch_engagement_factor", "basis"] == "assumption"
    assert table.loc["peer_engaged", "basis"] == "derived"


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
    assert not CascadeParameters(
        on_site_introduced=1.0, facilitated_introduced=0.95
    ).facilitation_dominates()
    assert np.all(r >= 0)
