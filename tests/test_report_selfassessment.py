"""The report's self-assessment section and the outcome plot."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.datasets import example_path
from selfhelp_exchange.report.selfassessment import assessment_section
from tests.hand_network import hand_network


def test_the_riverside_section_has_the_plan_the_outcomes_and_the_partner_scores() -> None:
    net = shx.load_example("riverside")
    html = assessment_section(net, shx.read_self_assessment(example_path("riverside")))
    assert html.startswith('<section id="self-assessment">')
    assert "<h3>Action plan</h3>" in html
    assert "Harbor Recovery Services (A-HRT): no active route to a non-twelve-step group" in html
    assert "No care-plan template has a mutual-aid goal (fictional)." in html
    assert "attitude_score" in html
    assert "<svg" in html
    assert "network trust 3.18" in html
    assert "they are not PHE's wording" in html


def test_without_observations_or_answers_the_section_says_so() -> None:
    html = assessment_section(hand_network())
    assert "No observations in the data" in html
    assert "not answered" in html


def test_build_report_passes_the_answers_on() -> None:
    net = shx.load_example("riverside")
    answers = {"KP3": ("no", "checked the care-plan template")}
    html = shx.build_report(net, self_assessment_answers=answers)
    assert isinstance(html, str)
    assert "checked the care-plan template" in html


def test_outcome_timeline_draws_a_line_per_subject_and_marks_joint_initiatives() -> None:
    net = shx.load_example("riverside")
    fig, ax = plt.subplots()
    out = shx.plot.outcome_timeline(
        net, "attitude_score", subjects=["C-COURIER", "C-FAITH"], ax=ax
    )
    assert out is ax
    lines = ax.get_lines()
    assert [ln.get_label() for ln in lines[:2]] == [
        "The Riverside Courier",
        "Riverside Interfaith Council",
    ]
    assert lines[0].get_linestyle() == "-"  # reached by joint initiatives
    assert lines[1].get_linestyle() == "--"  # only a single-sponsor workshop reached it
    assert len(lines) == 2 + 5  # five dated joint initiatives
    assert next(t.get_text() for t in ax.texts) == "I-2024-COURIER"
    plt.close(fig)
    with pytest.raises(shx.plot.PlotError, match="not observed"):
        shx.plot.outcome_timeline(net, "nope")
    with pytest.raises(shx.plot.PlotError, match="no observation"):
        shx.plot.outcome_timeline(net, "attitude_score", subjects=["A-RMH"])
