"""The bundled Riverside example holds what the teaching example promises (see its README)."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from collections import Counter
from importlib import resources

import numpy as np
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.catalogue import ExchangeKind, adaptational_kinds
from selfhelp_exchange.datasets import UnknownExampleError, example_path
from selfhelp_exchange.records import endpoint_node

A, G = 0, 1  # node type codes


@pytest.fixture(scope="module")
def net() -> shx.ExchangeNetwork:
    return shx.load_example("riverside")


def agency_exchanges(net: shx.ExchangeNetwork, agency: str) -> list[shx.Exchange]:
    return [
        e for e in net.exchanges if agency in (endpoint_node(e.source), endpoint_node(e.target))
    ]


def linked_groups(net: shx.ExchangeNetwork, agency: str) -> set[str]:
    ends = {n for e in agency_exchanges(net, agency) for n in (e.source, e.target)}
    return {endpoint_node(n) for n in ends} - {agency}


def test_the_example_is_listed_loads_and_says_it_is_fictional(net) -> None:
    assert shx.list_examples() == ["riverside"]
    assert repr(net) == (
        "ExchangeNetwork(4 agencies, 14 groups, 8 actors, 86 exchanges, 8 initiatives, "
        "46 observations)"
    )
    readme = resources.files("selfhelp_exchange.datasets").joinpath("README.md").read_text("utf-8")
    assert "fictional" in readme.lower()
    assert "**Riverside is made up.**" in readme
    with pytest.raises(UnknownExampleError, match="no bundled example named 'elsewhere'"):
        shx.load_example("elsewhere")
    assert isinstance(UnknownExampleError("x"), shx.SelfHelpExchangeError)


def test_the_file_is_in_the_json_layout_and_round_trips(net) -> None:
    data = json.loads(example_path("riverside").read_text("utf-8"))
    assert data["format"] == "selfhelp-exchange"
    assert data["version"] == 1
    assert isinstance(data["exchanges"], list)  # typed by hand, one per line
    buf = io.StringIO()
    shx.write_json(net, buf)
    assert shx.read_json(io.StringIO(buf.getvalue())) == net


def test_four_agencies_one_of_each_sector(net) -> None:
    assert Counter(a.sector.value for a in net.agencies) == {
        "mental_health": 1,
        "substance_use": 1,
        "co_occurring": 1,
        "other": 1,
    }
    for a in net.agencies:
        assert a.location is not None
        assert a.location.has_coordinates
        assert a.location.city == "Riverside"


def test_groups_cover_the_types_the_teaching_example_needs(net) -> None:
    assert 12 <= net.n_groups <= 14
    groups = {g.id: g for g in net.groups}
    assert {g.group_type.value for g in net.groups} == {t.value for t in shx.GroupType}
    fellowships = Counter(g.fellowship for g in net.groups)
    assert fellowships["AA"] == 2
    for f in ("NA", "SMART Recovery", "DBSA", "Al-Anon"):
        assert fellowships[f] == 1, f
    aa_tue = groups["G-AA-TUE"]
    assert (aa_tue.group_type, aa_tue.approach) == (
        shx.GroupType.MUTUAL_HELP,
        shx.Approach.TWELVE_STEP,
    )
    assert [m.day for m in aa_tue.meetings] == [shx.Weekday.TUESDAY]
    assert aa_tue.meetings[0].start >= dt.time(18)
    assert groups["G-NA"].approach is shx.Approach.TWELVE_STEP
    assert groups["G-SMART"].approach is shx.Approach.NON_TWELVE_STEP
    assert groups["G-DBSA"].focus is shx.Focus.MENTAL_HEALTH
    assert groups["G-DBSA"].group_type is shx.GroupType.MUTUAL_HELP
    assert {g.id for g in net.groups if g.focus is shx.Focus.FAMILY} == {"G-ALANON", "G-FAMILY"}
    assert groups["G-DROPIN"].group_type is shx.GroupType.CONSUMER_OPERATED_SERVICE
    assert groups["G-PEER"].group_type is shx.GroupType.PEER_SUPPORT_SERVICE
    assert groups["G-VOICES"].group_type is shx.GroupType.CONSUMER_ADVOCACY


def test_the_recovery_learning_community_meets_in_several_places(net) -> None:
    rlc = net.node("G-RLC")
    assert rlc.group_type is shx.GroupType.RECOVERY_LEARNING_COMMUNITY
    assert len(rlc.locations) >= 3
    assert {m.location for m in rlc.meetings} == set(range(len(rlc.locations)))
    assert len({(loc.latitude, loc.longitude) for loc in rlc.locations}) == len(rlc.locations)


def test_the_supported_self_help_group_is_at_the_therapeutic_end(net) -> None:
    g = net.node("G-SKILLS")
    assert g.group_type is shx.GroupType.SUPPORTED_SELF_HELP
    assert (g.meeting_place, g.admission, g.timing, g.facilitation) == (
        shx.MeetingPlace.AGENCY_PREMISES,
        shx.Admission.REFERRAL,
        shx.Timing.FIXED_TERM,
        shx.Facilitation.PROFESSIONAL,
    )
    aa = net.node("G-AA-TUE")
    assert (aa.meeting_place, aa.admission, aa.timing, aa.facilitation) == (
        shx.MeetingPlace.COMMUNITY,
        shx.Admission.OPEN,
        shx.Timing.OPEN_ENDED,
        shx.Facilitation.ROTATING_PEERS,
    )


def test_the_continuum_varies_and_some_dimensions_are_unknown(net) -> None:
    dims = ("meeting_place", "admission", "timing", "facilitation")
    for d in dims:
        values = {getattr(g, d) for g in net.groups}
        assert None in values, d
        assert len(values - {None}) >= 2, d
    assert len({tuple(getattr(g, d) for d in dims) for g in net.groups}) >= 7
    assert any(g.meeting_place is shx.MeetingPlace.ONLINE and not g.locations for g in net.groups)


def test_meetings_have_days_times_and_time_zones(net) -> None:
    meetings = [m for g in net.groups for m in g.meetings]
    assert len(meetings) >= 20
    for m in meetings:
        assert m.end is not None
        assert m.end > m.start
        assert m.timezone == "America/New_York"
    for g in net.groups:
        for loc in g.locations:
            assert loc.has_coordinates, g.id
            assert loc.city == "Riverside"


def _distance_m(a: shx.Location, b: shx.Location) -> float:
    """Haversine distance in metres (Earth radius 6,371 km)."""
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def test_meeting_space_inference_has_cases_to_find(net) -> None:
    """Which group locations lie within 100 m of an agency, and which near misses do not."""
    near = {}
    for g in net.groups:
        for loc in g.locations:
            for a in net.agencies:
                d = _distance_m(loc, a.location)
                if d <= 100:
                    near.setdefault(g.id, set()).add(a.id)
    assert near == {
        "G-AA-NOON": {"A-RGH"},
        "G-NA": {"A-HRT"},
        "G-SMART": {"A-BRG"},
        "G-DTR": {"A-BRG"},
        "G-DBSA": {"A-RMH"},
        "G-SKILLS": {"A-RMH"},
        "G-RLC": {"A-BRG"},
    }
    hosted = {(endpoint_node(e.source), e.target) for e in net.layer(["meeting_space"]).exchanges}
    recorded = {(a, g) for g, agencies in near.items() for a in agencies}
    # every recorded meeting room is found by distance; Double Trouble's is not recorded
    assert recorded - hosted == {("A-BRG", "G-DTR")}
    assert hosted <= recorded
    rmh = net.node("A-RMH").location
    assert 270 < _distance_m(net.node("G-AA-TUE").locations[0], rmh) < 300
    assert 120 < _distance_m(net.node("G-FAMILY").locations[0], rmh) < 140
    assert 10 < _distance_m(net.node("G-AA-NOON").locations[0], net.node("A-RGH").location) < 30


def test_community_actors(net) -> None:
    assert 6 <= len(net.actors) <= 8
    assert len({a.kind for a in net.actors}) >= 6


def test_exchanges_span_two_years_and_every_adaptational_kind(net) -> None:
    assert 70 <= net.n_exchanges <= 90
    x = net.arrays
    dates = np.concatenate([x.start[~np.isnat(x.start)], x.end[~np.isnat(x.end)]])
    assert dates.min() == np.datetime64("2024-01-01")
    assert dates.max() == np.datetime64("2025-12-31")
    undated = np.isnat(x.start) & np.isnat(x.end)
    assert 1 <= undated.sum() <= 10
    assert (~np.isnat(x.start) & np.isnat(x.end)).sum() >= 3  # open-ended arrangements
    kinds = {ExchangeKind.from_code(int(k)) for k in np.unique(x.kind)}
    assert kinds == set(adaptational_kinds())
    # each subunit is touched, both with the subunit named and with the agency as a whole
    assert set(x.source_role.tolist()) | set(x.target_role.tolist()) == {-1, 0, 1, 2}
    assert (x.weight >= 1).all()
    assert x.weight.max() > 20  # counts, not just ones
    assert net.exchange_attributes is not None


def test_referrals_are_counted_per_period(net) -> None:
    smart = [
        e for e in net.exchanges
        if e.kind is ExchangeKind.REFERRAL and e.source == ("A-BRG", shx.Role.PRACTITIONERS)
        and e.target == "G-SMART"
    ]  # fmt: skip
    assert [(e.start.isoformat(), e.end.isoformat(), e.weight) for e in smart] == [
        ("2024-01-01", "2024-03-31", 6.0),
        ("2024-04-01", "2024-06-30", 7.0),
        ("2024-07-01", "2024-09-30", 9.0),
        ("2024-10-01", "2024-12-31", 8.0),
        ("2025-01-01", "2025-03-31", 10.0),
        ("2025-04-01", "2025-06-30", 12.0),
        ("2025-07-01", "2025-09-30", 11.0),
        ("2025-10-01", "2025-12-31", 13.0),
    ]


def test_gap_one_board_with_no_link_to_any_group(net) -> None:
    x = net.arrays
    src_eff, tgt_eff = x.effective_roles()
    board = 0
    touched_boards = set(
        net.node_ids[x.source[(src_eff == board) & (net.node_type[x.source] == A)]].tolist()
    ) | set(net.node_ids[x.target[(tgt_eff == board) & (net.node_type[x.target] == A)]].tolist())
    assert touched_boards == {"A-BRG", "A-HRT", "A-RGH"}
    assert agency_exchanges(net, "A-RMH")  # the agency is otherwise linked


def test_gap_one_agency_reaches_only_twelve_step_groups(net) -> None:
    for agency in ("A-HRT", "A-BRG", "A-RMH", "A-RGH"):
        approaches = {net.node(g).approach for g in linked_groups(net, agency)}
        if agency == "A-HRT":
            assert approaches == {shx.Approach.TWELVE_STEP}
        else:
            assert approaches != {shx.Approach.TWELVE_STEP}
    assert linked_groups(net, "A-HRT") == {"G-AA-TUE", "G-NA", "G-ALANON"}


def test_gap_one_agency_refers_but_never_introduces(net) -> None:
    def practitioner_kinds(agency: str) -> set[str]:
        return {
            e.kind.value
            for e in agency_exchanges(net, agency)
            if e.kind.role is shx.Role.PRACTITIONERS
        }

    assert practitioner_kinds("A-RGH") == {"referral", "information"}
    for agency in ("A-BRG", "A-HRT", "A-RMH"):
        assert "facilitated_introduction" in practitioner_kinds(agency), agency


def test_initiatives_joint_and_alone(net) -> None:
    assert 6 <= len(net.initiatives) <= 8
    agencies = {a.id for a in net.agencies}
    groups = {g.id for g in net.groups}
    joint = [i for i in net.initiatives if set(i.sponsors) & agencies and set(i.sponsors) & groups]
    alone = [i for i in net.initiatives if set(i.sponsors) <= agencies]
    assert len(joint) == 6
    assert [i.sponsors for i in alone] == [("A-HRT",), ("A-RGH",)]
    assert len({i.kind for i in net.initiatives}) >= 4
    assert all(i.audiences for i in net.initiatives)
    assert sum(i.date is None for i in net.initiatives) == 1
    dated = [i.date for i in net.initiatives if i.date is not None]
    assert min(dated) >= dt.date(2024, 1, 1)
    assert max(dated) <= dt.date(2025, 12, 31)
    # twelve-step groups sponsor nothing (their traditions), yet are linked adaptationally
    twelve_step = {g.id for g in net.groups if g.approach is shx.Approach.TWELVE_STEP}
    assert not any(set(i.sponsors) & twelve_step for i in net.initiatives)
    assert len(net.joint_initiative_pairs()[0]) == 22


def test_some_records_carry_free_attributes(net) -> None:
    assert any(a.attributes for a in net.agencies)
    assert any(g.attributes for g in net.groups)
    assert any(a.attributes for a in net.actors)
    assert any(i.attributes for i in net.initiatives)
    amounts = [a["amount_usd"] for a in net.exchange_attributes if "amount_usd" in a]
    assert amounts == [4000]


def test_the_outcomes_and_answers_are_fictional_and_as_the_readme_tells(net) -> None:
    from selfhelp_exchange.datasets import example_path

    assert all("(fictional)" in (o.source or "") for o in net.observations)
    answers = shx.read_self_assessment(example_path("riverside"))
    assert len(answers) == 10
    assert all("(fictional)" in a.evidence for a in answers.values() if a.evidence)
    plan = shx.self_assessment(net, answers).action_plan()
    assert len(plan) == 13  # "an action plan of thirteen rows"
    assert plan["item"].tolist()[:3] == ["KP3", "BA3", "MO4"]
    r = shx.institutional_outcomes(net, "attitude_score", n_permutations=99, n_boot=99, seed=0)
    assert round(r.estimate, 2) == 0.43
