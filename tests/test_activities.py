"""Group activities: the record field, cell text, and every format's round trip."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.activities import activities_text, parse_activities


def _net() -> shx.ExchangeNetwork:
    net = shx.load_example("riverside")
    groups = [
        attrs.evolve(g, activities=["education", "support_meetings", "wellness"])
        if g.id == "G-RLC"
        else g
        for g in net.groups
    ]
    return shx.ExchangeNetwork(
        agencies=net.agencies,
        groups=groups,
        actors=net.actors,
        exchanges=net.exchanges,
        initiatives=net.initiatives,
    )


def test_record_canonical_order_and_errors() -> None:
    g = shx.SelfHelpGroup(
        "G", "RLC", "recovery_learning_community", activities=("wellness", "education", "wellness")
    )
    assert g.activities == (shx.Activity.EDUCATION, shx.Activity.WELLNESS)
    assert shx.SelfHelpGroup("G", "x", "mutual_help").activities == ()
    with pytest.raises(shx.RecordError, match="'activities' must be one of"):
        shx.SelfHelpGroup("G", "x", "mutual_help", activities=["bingo"])
    with pytest.raises(shx.RecordError, match="must be a list"):
        shx.SelfHelpGroup("G", "x", "mutual_help", activities="education")


def test_text_round_trip() -> None:
    for acts in [(), tuple(shx.Activity), (shx.Activity.ADVOCACY,)]:
        assert parse_activities(activities_text(acts)) == acts
    assert parse_activities(" Employment-Support ,social events") == (
        shx.Activity.SOCIAL_EVENTS,
        shx.Activity.EMPLOYMENT_SUPPORT,
    )


@pytest.mark.parametrize("name", ["n.json", "n.graphml", "n.xlsx", "csv"])
def test_every_format_round_trips_activities(tmp_path: Path, name: str) -> None:
    net = _net()
    write, read = {
        "n.json": (shx.write_json, shx.read_json),
        "n.graphml": (shx.write_graphml, shx.read_graphml),
        "n.xlsx": (shx.write_tables, shx.read_tables),
        "csv": (shx.write_tables, shx.read_tables),
    }[name]
    write(net, tmp_path / name)
    back = read(tmp_path / name)
    assert back == net
    assert back.node("G-RLC").activities == (
        shx.Activity.SUPPORT_MEETINGS,
        shx.Activity.EDUCATION,
        shx.Activity.WELLNESS,
    )


def test_bad_activity_cell_is_named(tmp_path: Path) -> None:
    (tmp_path / "groups.csv").write_text(
        "id,name,group_type,activities\nG1,RLC,recovery_learning_community,education;bingo\n",
        encoding="utf-8",
    )
    with pytest.raises(shx.DataFileError) as exc:
        shx.read_tables(tmp_path)
    (p,) = exc.value.problems
    assert (p.sheet, p.row, p.column, p.value) == ("groups", 2, "activities", "education;bingo")
    assert "'bingo' is not an activity" in p.message


def test_group_activities_table() -> None:
    t = shx.group_activities(_net())
    assert t.loc["G-RLC", "n_activities"] == 3
    assert bool(t.loc["G-RLC", "education"])
    assert t.loc["G-RLC", "activities"] == "support_meetings;education;wellness"


def test_scorecard_shows_what_linked_groups_offer() -> None:
    net = shx.load_example("riverside")
    card = shx.agency_scorecard(net).set_index("agency_id")
    # A-BRG funds the RLC (resource_support) and gets its board seat: the RLC's education shows
    assert "education" in card.loc["A-BRG", "linked_activities"].split(";")
    # A-HRT's linked groups (AA, NA, ...) record no activities
    assert card.loc["A-HRT", "linked_activities"] == ""
