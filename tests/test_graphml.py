"""GraphML: round trip, what Gephi / networkx see, and refusal of bad or hostile files."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings

import selfhelp_exchange as shx
from tests.strategies import networks
from tests.test_tables import awkward_network


def _graphml(net: shx.ExchangeNetwork) -> bytes:
    buf = io.BytesIO()
    shx.write_graphml(net, buf)
    return buf.getvalue()


def _expected_edges(net: shx.ExchangeNetwork) -> int:
    agencies, _, _ = net.joint_initiative_pairs()
    members = sum(len(i.sponsors) + len(i.audiences) for i in net.initiatives)
    return net.n_exchanges + 2 * len(agencies) + members


@settings(max_examples=40, deadline=None)
@given(networks())
def test_graphml_round_trips_and_networkx_reads_it(net: shx.ExchangeNetwork) -> None:
    data = _graphml(net)
    assert shx.read_graphml(io.BytesIO(data)) == net
    g = nx.read_graphml(io.BytesIO(data))
    assert g.is_directed()
    assert g.number_of_nodes() == len(net.node_ids) + len(net.initiatives)
    assert g.number_of_edges() == _expected_edges(net)


def small_network() -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        agencies=[
            shx.Agency(
                "A1",
                "Riverside Counselling",
                "mental_health",
                shx.Location(city="Riverside", latitude=44.25, longitude=-77.5),
                {"beds": 40},
            ),
            shx.Agency("A2", "Bayside Detox", "substance_use"),
        ],
        groups=[
            shx.SelfHelpGroup(
                "G1",
                "Tuesday AA",
                "mutual_help",
                fellowship="AA",
                approach="twelve_step",
                locations=[shx.Location(city="x"), shx.Location(latitude=1.5, longitude=2.5)],
                meetings=[shx.MeetingTime("tuesday", "19:30", location=1)],
            ),
            shx.SelfHelpGroup("G2", "SMART", "mutual_help"),
        ],
        actors=[shx.CommunityActor("M1", "Courier", "media")],
        exchanges=[
            shx.Exchange(("A1", shx.Role.PRACTITIONERS), "G1", "referral", 12, "2024-01-01"),
            shx.Exchange("G1", "A1", "in_reach", attributes={"panel": True}),
        ],
        initiatives=[
            shx.Initiative("I1", "recovery_event", ["A1", "G1", "G2"], ["M1"], "2024-09-15"),
            shx.Initiative("I2", "advocacy", ["A2"]),
        ],
    )


def test_what_gephi_sees() -> None:
    g = nx.read_graphml(io.BytesIO(_graphml(small_network())))
    a1 = g.nodes["A1"]
    assert a1["node_type"] == "agency"
    assert a1["label"] == "Riverside Counselling"
    assert (a1["sector"], a1["city"], a1["latitude"], a1["longitude"]) == (
        "mental_health",
        "Riverside",
        44.25,
        -77.5,
    )
    assert a1["attributes"] == '{"beds": 40}'
    g1 = g.nodes["G1"]
    assert (g1["node_type"], g1["group_type"], g1["fellowship"]) == ("group", "mutual_help", "AA")
    # a group's map position is its first place with coordinates
    assert (g1["latitude"], g1["longitude"]) == (1.5, 2.5)
    assert "focus" not in g1  # unknown values are left out, not written as text
    assert g.nodes["M1"]["kind"] == "media"
    i1 = g.nodes["initiative:I1"]
    assert (i1["node_type"], i1["initiative_id"], i1["kind"], i1["date"]) == (
        "initiative",
        "I1",
        "recovery_event",
        "2024-09-15",
    )
    e0 = g.edges["A1", "G1", "e0"]
    assert e0 == {
        "label": "referral",
        "kind": "referral",
        "theory": "adaptational",
        "role": "practitioners",
        "source_role": "practitioners",
        "weight": 12.0,
        "start": "2024-01-01",
        "derived": False,
    }
    e1 = g.edges["G1", "A1", "e1"]
    assert (e1["role"], e1["attributes"], "source_role" in e1) == (
        "clients",
        '{"panel": true}',
        False,
    )
    joint = [(u, v, d["initiative"]) for u, v, d in g.edges(data=True) if d.get("derived")]
    # I1: A1 with G1 and with G2, both ways; I2 has no group sponsor
    assert sorted(joint) == [
        ("A1", "G1", "I1"),
        ("A1", "G2", "I1"),
        ("G1", "A1", "I1"),
        ("G2", "A1", "I1"),
    ]
    sponsors = [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == "sponsors"]
    assert sorted(sponsors) == [
        ("A1", "initiative:I1"),
        ("A2", "initiative:I2"),
        ("G1", "initiative:I1"),
        ("G2", "initiative:I1"),
    ]
    audience = [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == "audience"]
    assert audience == [("initiative:I1", "M1")]
    assert g.number_of_edges() == 2 + 4 + 4 + 1


def test_awkward_text_round_trips_and_stays_valid_xml(tmp_path: Path) -> None:
    net = awkward_network()
    path = tmp_path / "net.graphml"
    shx.write_graphml(net, path)
    assert shx.read_graphml(path) == net
    assert shx.read_graphml(str(path)) == net
    g = nx.read_graphml(path)
    # a control character is escaped as Excel does; the text is otherwise as it was
    name = g.nodes["G \u00e9\U0001f600"]["name"]
    assert name == "Name with _x0001_ control and _x005F_x0041_ escape and tab\t"
    assert g.nodes["007"]["address"] == "  12 Main St_x000D_\nUnit 3 "
    assert g.nodes["007"]["postal_code"] == "007"


def test_initiative_node_ids_stay_unique() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("initiative:I1", "odd id")],
        initiatives=[shx.Initiative("I1", "media", ["initiative:I1"])],
    )
    data = _graphml(net)
    g = nx.read_graphml(io.BytesIO(data))
    assert set(g.nodes) == {"initiative:I1", "initiative:I1#2"}
    assert g.nodes["initiative:I1#2"]["initiative_id"] == "I1"
    assert shx.read_graphml(io.BytesIO(data)) == net


def test_entities_are_refused() -> None:
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
<node id="&lol2;"/></graph></graphml>"""
    with pytest.raises(shx.DataFileError, match="entities and DTDs are not allowed"):
        shx.read_graphml(io.BytesIO(bomb))


def test_malformed_xml_names_the_line() -> None:
    data = _graphml(small_network()).replace(b"</graph>", b"</grph>")
    with pytest.raises(shx.DataFileError, match="not valid XML") as info:
        shx.read_graphml(io.BytesIO(data))
    assert info.value.problems[0].row == data.count(b"\n", 0, data.index(b"</grph>")) + 1


def test_bad_nodes_and_edges_are_all_reported() -> None:
    data = _graphml(small_network())
    data = data.replace(b">actor</data>", b">journalist</data>", 1)
    data = data.replace(b'source="G1" target="A1"', b'source="G1" target="A9"', 1)
    data = data.replace(b">mental_health<", b">psychiatry<", 1)
    with pytest.raises(shx.DataFileError) as info:
        shx.read_graphml(io.BytesIO(data))
    got = [(p.sheet, p.column, p.value) for p in info.value.problems]
    # in document order; edges and initiatives naming A1 do not repeat A1's own problem
    assert got == [
        ("nodes", None, None),
        ("nodes", "node_type", "journalist"),
        ("edges", "target", "A9"),
    ]
    messages = [p.message for p in info.value.problems]
    assert messages[0].startswith("node 'A1': 'sector' must be one of 'mental_health'")
    assert "valid: agency, group, actor, initiative" in messages[1]
    assert messages[2].startswith("edge 'e1': target 'A9' is not an agency, group")


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(shx.DataFileError, match="cannot be read"):
        shx.read_graphml(tmp_path / "missing.graphml")


def test_a_graphml_element_outside_the_graphml_namespace_is_refused(tmp_path: Path) -> None:
    net = shx.load_example("riverside")
    path = tmp_path / "net.graphml"
    shx.write_graphml(net, path)
    wrong = path.read_bytes().replace(
        b'xmlns="http://graphml.graphdrawing.org/xmlns"', b'xmlns="ittp://example.invalid/ns"', 1
    )
    path.write_bytes(wrong)
    with pytest.raises(shx.DataFileError, match="not 'graphml' in the GraphML namespace"):
        shx.read_graphml(path)


# --------------------------------------------------------------------------- bad input (issue 10)
def _problems(data: bytes, **options: int) -> tuple[shx.Problem, ...]:
    with pytest.raises(shx.DataFileError) as info:
        shx.read_graphml(io.BytesIO(data), **options)
    return info.value.problems


@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE g SYSTEM "http://example.invalid/g.dtd">',
        b'<!DOCTYPE g [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        b"<!DOCTYPE g []>",
    ],
)
def test_any_dtd_is_refused(doctype: bytes) -> None:
    data = _graphml(small_network()).replace(b"?>\n", b"?>\n" + doctype + b"\n", 1)
    (p,) = _problems(data)
    assert p.message.startswith("refused: DTDForbidden")


def test_the_root_must_be_graphml() -> None:
    (p,) = _problems(b"<html><body/></html>")
    assert p.message == (
        "the root element is 'html', not 'graphml' in the GraphML namespace "
        "'http://graphml.graphdrawing.org/xmlns': this is not a GraphML file"
    )


def test_another_version_is_refused() -> None:
    data = _graphml(small_network()).replace(b'"g_version">1<', b'"g_version">2<')
    (p,) = _problems(data)
    assert p.message == "'version' '2' is not supported (valid: 1)"


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            lambda b: b.replace(
                b"</graph>", b'<hyperedge><endpoint node="A1"/></hyperedge></graph>'
            ),
            "the file has 1 hyperedge(s)",
        ),
        (
            lambda b: b.replace(
                b'<data key="n_name">', b'<data key="n_name">x</data><data key="n_name">', 1
            ),
            "attribute 'name' is given more than once; keep one",
        ),
        (
            lambda b: b.replace(
                b'<data key="n_name">', b'<data key="n_colour">red</data><data key="n_name">', 1
            ),
            "attribute 'n_colour' is not one of this format's, and would be lost",
        ),
    ],
)
def test_what_would_be_lost_is_refused(change: Callable[[bytes], bytes], says: str) -> None:
    (p,) = _problems(change(_graphml(small_network())))
    assert says in p.message


def test_a_declared_default_is_applied() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "x", "mental_health"), shx.Agency("A2", "y", "mental_health")]
    )
    data = _graphml(net).replace(b'<data key="n_sector">mental_health</data>', b"")
    with pytest.raises(shx.DataFileError, match="'sector' must be one of"):
        shx.read_graphml(io.BytesIO(data))  # without the default, the sector is missing
    data = data.replace(
        b'attr.name="sector" attr.type="string"/>',
        b'attr.name="sector" attr.type="string"><default>mental_health</default></key>',
    )
    assert shx.read_graphml(io.BytesIO(data)) == net


@pytest.mark.parametrize("start", ["2024", "2024-01", "12345-01-01", "0000-01-01", "2024-02-30"])
def test_exchange_dates_must_be_exactly_yyyy_mm_dd(start: str) -> None:
    data = re.sub(
        rb'<data key="e_start">[^<]*</data>',
        f'<data key="e_start">{start}</data>'.encode(),
        _graphml(small_network()),
        count=1,
    )
    (p,) = _problems(data)
    assert p.message.endswith(f"'start' must be a date as YYYY-MM-DD (got {start!r})")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[" * 100_000, "'attributes' is nested too deeply"),
        ('{"a": 1, "a": 2}', "the name 'a' is given twice in one JSON object"),
        ('{"a": NaN}', "NaN is not a valid JSON number"),
    ],
)
def test_json_fields_fail_with_their_name(text: str, says: str) -> None:
    data = _graphml(small_network()).replace(
        b'<data key="e_weight">',
        f'<data key="e_attributes">{text}</data><data key="e_weight">'.encode(),
        1,
    )
    (p,) = _problems(data)
    assert says in p.message


def test_a_group_locations_field_must_be_a_list_of_objects() -> None:
    data = re.sub(
        rb'<data key="n_locations">[^<]*</data>',
        b'<data key="n_locations">[1]</data>',
        _graphml(small_network()),
        count=1,
    )
    (p,) = _problems(data)
    assert p.message == "node 'G1': 'locations' must be a JSON list of objects (got '[1]')"


def test_repeated_node_ids_are_reported() -> None:
    data = _graphml(small_network()).replace(b'<node id="A2">', b'<node id="A1">')
    problems = _problems(data)
    assert problems[0].message.startswith("agencies[1]: id 'A1' is already used by agencies[0]")


def test_an_unknown_encoding_is_a_data_file_error() -> None:
    data = _graphml(small_network()).replace(b'encoding="UTF-8"', b'encoding="x-nope"', 1)
    (p,) = _problems(data)
    assert p.message == "not valid XML: unknown encoding: x-nope"


def test_the_size_limit(tmp_path: Path) -> None:
    data = _graphml(small_network())
    (p,) = _problems(data, max_bytes=100)
    assert p.message == "the input is over the limit of 100 (raise max_bytes to read it)"
    (tmp_path / "g.graphml").write_bytes(data)
    with pytest.raises(
        shx.DataFileError, match=f"the file is {len(data):,} bytes, over the limit"
    ):
        shx.read_graphml(tmp_path / "g.graphml", max_bytes=100)
    assert shx.read_graphml(io.BytesIO(data), max_bytes=len(data)) == small_network()
