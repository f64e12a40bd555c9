"""The local mutual-aid self-assessment: computed items by hand, answers, the plan, the sheet."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.datasets import example_path
from selfhelp_exchange.selfassessment import ITEMS, SECTIONS, ItemAnswer
from tests.hand_network import hand_network
from tests.strategies import networks


@pytest.fixture(scope="module")
def hand() -> shx.SelfAssessment:
    return shx.self_assessment(hand_network())


def rating(sa: shx.SelfAssessment, item: str) -> str:
    return str(sa.to_frame().set_index("item").loc[item, "rating"])


def row(sa: shx.SelfAssessment, item: str) -> dict:
    return dict(sa.to_frame().set_index("item").loc[item])


def test_every_item_is_in_a_section_and_says_how_it_is_rated() -> None:
    keys = [k for k, _ in SECTIONS]
    assert len({i.id for i in ITEMS}) == len(ITEMS)
    assert all(i.section in keys for i in ITEMS)
    assert {i.section for i in ITEMS} == set(keys)
    assert all(i.source for i in ITEMS)
    # PHE's tool's items were not found: no item may claim PHE's wording
    assert not any("PHE item" in i.source for i in ITEMS)


def test_computed_items_on_the_hand_network(hand: shx.SelfAssessment) -> None:
    # G1 (AA, 12-step) and G2 (SMART, non-12-step) both focus on substance use
    assert rating(hand, "AV1") == "met"
    # A2 (the only substance-use provider) only refers to G2: no active route at all
    av2 = row(hand, "AV2")
    assert av2["rating"] == "not met"
    assert av2["placed_to_act"] == (
        "Harbour Recovery (A2): no active route to a twelve-step or non-twelve-step group"
    )
    assert av2["how"] == "computed"
    assert "active routes" in av2["computed_from"]
    assert rating(hand, "KP1") == "not met"
    assert rating(hand, "HP1") == "not met"
    # no agency has a location: reach cannot be judged
    assert rating(hand, "AV3") == "unknown"
    # two-way: A1-G1 (referral out, board seat in); A2 only sends; A3 has nothing
    pa1 = row(hand, "PA1")
    assert (pa1["rating"], pa1["finding"]) == (
        "partly met",
        "1 of 3 agencies have a two-way relationship with a group",
    )
    assert rating(hand, "PA2") == "partly met"  # only A1 has a board seat
    pa4 = row(hand, "PA4")  # joint: A1 (I1, I3), A2 (I6); not A3
    assert pa4["finding"] == "2 of 3 agencies co-sponsor a joint initiative with a group"
    assert pa4["placed_to_act"] == "Hilltop Clinic (A3)"
    assert rating(hand, "BA1") == "partly met"  # A3 has no exchange with a group
    assert rating(hand, "FA1") == "not met"  # no family group
    assert row(hand, "MO2")["finding"] == "4 of 12 exchanges have a start date"
    assert rating(hand, "MO3") == "not met"  # no observations around I1 or I3


def test_answered_items_and_the_section_summary() -> None:
    sa = shx.self_assessment(
        hand_network(),
        {
            "KP2": "yes",
            "KP3": ("partly", "care-plan audit, 12 of 30 files"),
            "HP3": ItemAnswer("no", "no lists in the waiting rooms"),
            "AV2": ItemAnswer(None, "note on a computed item"),
        },
    )
    kp3 = row(sa, "KP3")
    assert (kp3["answer"], kp3["rating"], kp3["evidence"]) == (
        "partly",
        "partly met",
        "care-plan audit, 12 of 30 files",
    )
    assert row(sa, "AV2")["evidence"] == "note on a computed item"
    assert rating(sa, "AV4") == "unknown"  # not answered
    sec = sa.sections.set_index("section").loc["active_approach"]
    # KP1 not met (computed), KP2 met, KP3 partly, KP4 not met (no staff education at A2)
    assert (sec["met"], sec["partly_met"], sec["not_met"], sec["unknown"]) == (1, 1, 2, 0)
    assert sec["score"] == pytest.approx((1 + 0.5) / 4)
    assert sec["rating"] == "partly met"
    hosting = sa.sections.set_index("section").loc["hosting"]
    assert hosting["rating"] == "not met"  # HP1, HP2 not met, HP3 answered no


def test_answering_more_never_lowers_a_section_score() -> None:
    base = shx.self_assessment(hand_network(), {"KP2": "partly"}).sections
    more = shx.self_assessment(hand_network(), {"KP2": "yes"}).sections
    assert (more["score"].fillna(0) >= base["score"].fillna(0)).all()


def test_the_action_plan(hand: shx.SelfAssessment) -> None:
    plan = hand.action_plan()
    assert list(plan.columns) == [
        "priority",
        "section",
        "item",
        "question",
        "rating",
        "finding",
        "what_would_meet_it",
        "placed_to_act",
        "owner",
        "due",
    ]
    assert plan["priority"].is_monotonic_increasing
    assert (plan["owner"] == "").all()
    assert (plan["due"] == "").all()
    assert "AV1" not in set(plan["item"])  # met: no action
    unknown = plan.set_index("item").loc["KP2"]
    assert unknown["what_would_meet_it"].startswith("Find out and answer:")
    assert len(plan) == int((hand.to_frame()["rating"] != "met").sum())
    assert len(repr(hand)) < 600


def test_bad_answers_are_all_reported() -> None:
    with pytest.raises(shx.DataFileError) as info:
        shx.self_assessment(hand_network(), {"ZZ9": "yes", "KP2": "maybe", "AV2": "yes"})
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 3
    assert "'ZZ9' is not a self-assessment item" in messages[0]
    assert "'maybe' is not an answer" in messages[1]
    assert "AV2 is computed" in messages[2]


def test_the_template_sheet_reads_back_with_answers(tmp_path: Path) -> None:
    path = tmp_path / "evaluation.xlsx"
    shx.write_template(path)
    assert shx.read_self_assessment(path) == {}
    wb = openpyxl.load_workbook(path)
    ws = wb["self_assessment"]
    header = [c.value for c in ws[1]]
    assert header == ["item_id", "section", "question", "answer", "evidence"]
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert ids == [i.id for i in ITEMS]
    ws.cell(2 + ids.index("KP2"), 4).value = "Partly"
    ws.cell(2 + ids.index("KP2"), 5).value = "audit"
    wb.save(path)
    got = shx.read_self_assessment(path)
    assert got == {"KP2": ItemAnswer("partly", "audit")}
    assert shx.read_tables(path).n_agencies == 0  # the network reader leaves the sheet alone


def test_sheet_problems_name_row_column_and_value(tmp_path: Path) -> None:
    path = tmp_path / "evaluation.xlsx"
    shx.write_template(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["self_assessment"]
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    ws.cell(2 + ids.index("AV1"), 4).value = "yes"  # computed
    ws.cell(2 + ids.index("KP2"), 4).value = "maybe"
    ws.append(["KP2", None, None, "yes", None])  # twice
    ws.append(["XX1", None, None, "no", None])  # unknown
    wb.save(path)
    with pytest.raises(shx.DataFileError) as info:
        shx.read_self_assessment(path)
    got = [(p.sheet, p.row, p.column, p.value) for p in info.value.problems]
    n = len(ITEMS)
    assert got == [
        ("self_assessment", 2 + ids.index("KP2"), "answer", "maybe"),
        ("self_assessment", 2 + ids.index("AV1"), "answer", "yes"),
        ("self_assessment", n + 2, "item_id", "KP2"),
        ("self_assessment", n + 3, "item_id", "XX1"),
    ]


def test_the_json_form_and_its_problems(tmp_path: Path) -> None:
    answers = shx.read_self_assessment(example_path("riverside"))
    assert answers["KP3"].answer == "no"
    assert answers["BA2"].evidence is None
    path = tmp_path / "n.json"
    path.write_text(json.dumps({"self_assessment": [{"item_id": "KP2", "answer": "nah"}]}))
    with pytest.raises(shx.DataFileError) as info:
        shx.read_self_assessment(path)
    assert (info.value.problems[0].row, info.value.problems[0].column) == (1, "answer")
    path.write_text(json.dumps({"self_assessment": [{"item": "KP2"}]}))
    with pytest.raises(shx.DataFileError, match="unknown field 'item'"):
        shx.read_self_assessment(path)


def test_riverside_self_assessment() -> None:
    net = shx.load_example("riverside")
    sa = shx.self_assessment(net, shx.read_self_assessment(example_path("riverside")))
    # Harbor works only with twelve-step groups (the dataset's story)
    assert row(sa, "AV2")["placed_to_act"] == (
        "Harbor Recovery Services (A-HRT): no active route to a non-twelve-step group"
    )
    assert rating(sa, "KP3") == "not met"
    assert rating(sa, "MO3") == "met"  # the attitude survey brackets every joint initiative
    assert set(sa.action_plan()["priority"]) == {1, 2, 3}


_RANK = {"not met": 0, "partly met": 1, "met": 2}


@settings(max_examples=25)
@given(networks(max_exchanges=8, max_initiatives=2, with_attributes=False), st.data())
def test_adding_a_dated_exchange_never_lowers_a_computed_rating(
    net: shx.ExchangeNetwork, data: st.DataObject
) -> None:
    assume(net.n_agencies and net.n_groups)
    kind = data.draw(st.sampled_from([k for k in shx.ExchangeKind if k.role is not None]))
    a = data.draw(st.sampled_from([x.id for x in net.agencies]))
    g = data.draw(st.sampled_from([x.id for x in net.groups]))
    src, tgt = (a, g) if data.draw(st.booleans()) else (g, a)
    more = shx.ExchangeNetwork(
        net.agencies,
        net.groups,
        net.actors,
        [*net.exchanges, shx.Exchange(src, tgt, kind, start="2024-01-01")],
        net.initiatives,
    )
    before = shx.self_assessment(net).to_frame().set_index("item")
    after = shx.self_assessment(more).to_frame().set_index("item")
    for item in before.index[before["how"] == "computed"]:
        r0, r1 = before.loc[item, "rating"], after.loc[item, "rating"]
        if r0 == "unknown":
            continue  # no unit to rate, or no dated exchange yet: anything is a gain
        assert _RANK[r1] >= _RANK[r0], (item, r0, r1)
