"""read_graphml against generated bad input and XML attacks: read in full, or refused."""

from __future__ import annotations

import functools
import io
import re
import tempfile
from collections import Counter
from pathlib import Path

import defusedxml.ElementTree as ET
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.io._xmltext import escape
from tests.adversarial.inputs import (
    ADVERSARIAL,
    MEGABYTE,
    date_texts,
    json_texts,
    mutations,
    numbers,
    random_bytes,
    read_or_refuse,
    text_values,
)
from tests.test_tables import awkward_network

NS = "{http://graphml.graphdrawing.org/xmlns}"

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>'
    b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
    b'<node id="&e;"/></graph></graphml>'
)
QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "' + b"a" * 100_000 + b'">]>'
    b"<graphml><graph>" + b"<node id='&a;&a;&a;&a;&a;&a;&a;&a;'/>" * 100 + b"</graph></graphml>"
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<graphml><graph><node id="&e;"/></graph></graphml>'
)
EXTERNAL_DTD = b'<?xml version="1.0"?><!DOCTYPE g SYSTEM "http://example.invalid/g.dtd"><graphml/>'
PARAMETER = (
    b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY % p SYSTEM "http://example.invalid/p">%p;]>'
    b"<graphml/>"
)
ATTACKS = {
    "billion laughs": BILLION_LAUGHS,
    "quadratic blowup": QUADRATIC,
    "external entity": EXTERNAL,
    "external DTD": EXTERNAL_DTD,
    "parameter entity": PARAMETER,
}


def _graphml(net: shx.ExchangeNetwork) -> bytes:
    buf = io.BytesIO()
    shx.write_graphml(net, buf)
    return buf.getvalue()


@functools.cache
def _bases() -> tuple[bytes, ...]:
    one = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "Riverside")],
        groups=[shx.SelfHelpGroup("G1", "AA", "mutual_help")],
        exchanges=[shx.Exchange("A1", "G1", "referral", weight=2)],
        initiatives=[shx.Initiative("I1", "media", ["A1", "G1"])],
    )
    return tuple(_graphml(n) for n in (one, awkward_network(), shx.load_example("riverside")))


bases = st.integers(0, 2).map(lambda i: _bases()[i])


def _read(data: bytes) -> shx.ExchangeNetwork | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "network.graphml"
        path.write_bytes(data)
        net = read_or_refuse(lambda: shx.read_graphml(path), file=str(path), reader="graphml")
    if net is not None:
        assert shx.read_graphml(io.BytesIO(_graphml(net))) == net
    return net


def _accounts_for(net: shx.ExchangeNetwork, data: bytes) -> None:
    """Every node and every exchange edge of the XML is in the network."""
    root = ET.fromstring(data)
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{NS}key")}

    def attrs(el: ET.Element) -> dict[str, str]:
        return {keys.get(d.get("key"), d.get("key")): d.text or "" for d in el.iter(f"{NS}data")}

    nodes = [attrs(n) for n in root.iter(f"{NS}node")]
    edges = [attrs(e) for e in root.iter(f"{NS}edge")]
    orgs = [n for n in nodes if n.get("node_type") != "initiative"]
    assert net.n_agencies + net.n_groups + len(net.actors) == len(orgs)
    assert len(net.initiatives) == len(nodes) - len(orgs)
    exchanges = [
        e
        for e in edges
        if e.get("derived") != "true" and e.get("kind") not in {"sponsors", "audience"}
    ]
    assert net.n_exchanges == len(exchanges)


@ADVERSARIAL
@given(random_bytes)
def test_random_bytes(tried: Counter[str], data: bytes) -> None:
    tried["graphml"] += 1
    net = _read(data)
    if net is not None:
        _accounts_for(net, data)


@ADVERSARIAL
@given(st.data())
def test_damaged_files(tried: Counter[str], data: st.DataObject) -> None:
    tried["graphml"] += 1
    damaged = data.draw(mutations(data.draw(bases)))
    net = _read(damaged)
    if net is not None:
        _accounts_for(net, damaged)


@ADVERSARIAL
@given(st.sampled_from(sorted(ATTACKS)))
def test_entity_attacks_are_refused(tried: Counter[str], attack: str) -> None:
    tried["graphml"] += 1
    assert _read(ATTACKS[attack]) is None


_DATA = re.compile(rb'(<data key="([^"]+)">)([^<]*)(</data>)')


@ADVERSARIAL
@given(st.data(), text_values | numbers.map(str) | date_texts | json_texts)
def test_any_value_in_any_attribute(tried: Counter[str], data: st.DataObject, value: str) -> None:
    tried["graphml"] += 1
    base = data.draw(bases)
    spots = list(_DATA.finditer(base))
    spot = data.draw(st.sampled_from(spots))
    text = escape(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    changed = base[: spot.start(3)] + text.encode("utf-8") + base[spot.end(3) :]
    net = _read(changed)
    if net is not None:
        _accounts_for(net, changed)


@ADVERSARIAL
@given(
    st.data(),
    st.sampled_from(["repeat data", "unknown key", "hyperedge", "nested graph", "wide", "deep"]),
)
def test_structure_this_format_cannot_hold(
    tried: Counter[str], data: st.DataObject, change: str
) -> None:
    tried["graphml"] += 1
    base = data.draw(bases)
    spot = data.draw(st.sampled_from(list(_DATA.finditer(base))))
    element = spot.group(0)
    if change == "repeat data":
        changed = base.replace(element, element + element, 1)
    elif change == "unknown key":
        changed = base.replace(element, element + b'<data key="x_color">red</data>', 1)
    elif change == "hyperedge":
        changed = base.replace(
            b"</graph>", b'<hyperedge><endpoint node="A1"/></hyperedge></graph>'
        )
    elif change == "nested graph":
        changed = base.replace(b"</graph>", b'<node id="n"><graph id="g2"/></node></graph>')
    elif change == "wide":
        many = b" ".join(b'a%d="1"' % i for i in range(data.draw(st.integers(1, 50_000))))
        changed = base.replace(b"<graph ", b"<graph " + many + b" ", 1)
    else:
        depth = data.draw(st.integers(1, 100_000))
        changed = base.replace(b"</graph>", b"<x>" * depth + b"</x>" * depth + b"</graph>")
    net = _read(changed)
    if change in {"repeat data", "unknown key", "hyperedge"}:
        assert net is None  # it would be lost
    if net is not None:
        _accounts_for(net, changed)


@ADVERSARIAL
@given(bases, st.integers(1, 4096))
def test_size_limit(tried: Counter[str], data: bytes, max_bytes: int) -> None:
    tried["graphml"] += 1
    for source in (io.BytesIO(data), None):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "g.graphml"
            path.write_bytes(data)
            net = read_or_refuse(
                lambda s=source, p=path: shx.read_graphml(s or p, max_bytes=max_bytes),
                file=None if source is not None else str(path),
                reader="graphml",
            )
        assert (net is None) == (len(data) > max_bytes)


def test_a_megabyte_attribute(tried: Counter[str]) -> None:
    tried["graphml"] += 1
    net = shx.ExchangeNetwork(agencies=[shx.Agency("A1", MEGABYTE)])
    back = _read(_graphml(net))
    assert back == net
