"""read_json against generated bad input: every read succeeds in full or refuses the library's way."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange._serialize import to_plain
from selfhelp_exchange.io import network_to_dict
from tests.adversarial.inputs import (
    ADVERSARIAL,
    MEGABYTE,
    corrupted,
    date_texts,
    deep_json,
    dumps,
    json_values,
    mutations,
    numbers,
    random_bytes,
    read_or_refuse,
    text_values,
)
from tests.strategies import networks

SECTIONS = ("agencies", "groups", "actors", "initiatives")
FIELDS = ("id", "name", "sector", "attribute", "source", "kind", "start", "end", "weight")


def _read_file(data: bytes) -> shx.ExchangeNetwork | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "network.json"
        path.write_bytes(data)
        return read_or_refuse(lambda: shx.read_json(path), file=str(path), reader="json")


def _json_text(net: shx.ExchangeNetwork) -> bytes:
    buf = io.StringIO()
    shx.write_json(net, buf)
    return buf.getvalue().encode("utf-8")


def _accounts_for(net: shx.ExchangeNetwork, data: Any) -> None:
    """Every record of the parsed input is in the network, and the network round-trips."""
    for section in SECTIONS:
        assert len(getattr(net, section)) == len(data.get(section, [])), section
    exchanges = data.get("exchanges", [])
    n = len(exchanges) if isinstance(exchanges, list) else len(exchanges.get("source", []))
    assert net.n_exchanges == n
    assert shx.read_json(io.BytesIO(_json_text(net))) == net


def _strict_loads(text: bytes) -> Any:
    """The JSON as a strict reader sees it (None if a key repeats: read_json must refuse it)."""
    repeated = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({k for k, _ in items}) != len(items):
            repeated.append(items)
        return dict(items)

    data = json.loads(text.decode("utf-8-sig"), object_pairs_hook=pairs)
    return None if repeated else data


@ADVERSARIAL
@given(random_bytes)
def test_random_bytes(tried: Counter[str], data: bytes) -> None:
    tried["json"] += 1
    net = _read_file(data)
    if net is not None:  # a few byte strings are valid JSON: '{}', ' {} '
        _accounts_for(net, _strict_loads(data))


@ADVERSARIAL
@given(st.data())
def test_damaged_files(tried: Counter[str], data: st.DataObject) -> None:
    tried["json"] += 1
    damaged = data.draw(
        mutations(_json_text(data.draw(networks(max_agencies=3, max_groups=3, max_exchanges=6))))
    )
    net = _read_file(damaged)
    if net is not None:
        parsed = _strict_loads(damaged)
        assert parsed is not None, "a file with a repeated key was read"
        _accounts_for(net, parsed)


@ADVERSARIAL
@given(st.data())
def test_wrong_types_missing_and_unknown_fields(tried: Counter[str], data: st.DataObject) -> None:
    tried["json"] += 1
    net = data.draw(networks(max_exchanges=6))
    tree = network_to_dict(net)
    if data.draw(st.booleans()):  # the other layout: a list of exchange objects
        tree["exchanges"] = [to_plain(e) for e in net.exchanges]
    bad = data.draw(corrupted(tree))
    text = dumps(bad).encode("utf-8")
    net = _read_file(text)
    if net is not None:
        _accounts_for(net, bad)


@ADVERSARIAL
@given(deep_json, st.sampled_from(["top", "agencies", "attributes", "exchanges"]))
def test_deeply_nested(tried: Counter[str], deep: str, where: str) -> None:
    tried["json"] += 1
    docs = {
        "top": deep,
        "agencies": '{"agencies": ' + deep + "}",
        "attributes": '{"agencies": [{"id": "A", "name": "x", "sector": "other", '
        '"attributes": ' + deep + "}]}",
        "exchanges": '{"exchanges": {"source": ' + deep + "}}",
    }
    net = _read_file(docs[where].encode())
    assert net is None or where == "top"  # '[[...]]' and '{"a":...}' are no networks


def _one_exchange_doc(field: str, value: Any, columns: bool) -> dict[str, Any]:
    agency: dict[str, Any] = {"id": "A1", "name": "Riverside", "sector": "other"}
    exchange: dict[str, Any] = {"source": "A1", "target": "G1", "kind": "referral"}
    if field == "attribute":
        agency["attributes"] = {str(value): value}
    elif field in agency:
        agency[field] = value
    else:
        exchange[field] = value
    return {
        "agencies": [agency],
        "groups": [{"id": "G1", "name": "AA", "group_type": "mutual_help"}],
        "exchanges": {k: [v] for k, v in exchange.items()} if columns else [exchange],
    }


@ADVERSARIAL
@given(text_values | numbers | json_values, st.sampled_from(FIELDS), st.booleans())
def test_any_value_in_any_field(
    tried: Counter[str], value: Any, field: str, columns: bool
) -> None:
    tried["json"] += 1
    doc = _one_exchange_doc(field, value, columns)
    net = _read_file(dumps(doc).encode())
    if net is not None:
        _accounts_for(net, doc)
        if field == "name":  # the text is kept exactly, whatever it holds
            assert net.agencies[0].name == value
        if field == "attribute":
            assert dict(net.agencies[0].attributes) == {str(value): value}


@ADVERSARIAL
@given(date_texts, st.sampled_from(["start", "end"]), st.booleans())
def test_dates_are_read_exactly_or_refused(
    tried: Counter[str], text: str, field: str, columns: bool
) -> None:
    tried["json"] += 1
    net = _read_file(dumps(_one_exchange_doc(field, text, columns)).encode())
    if net is not None:  # the date the text says (as Python reads it), nothing looser
        assert getattr(net.exchanges[0], field) == dt.date.fromisoformat(text.strip())


@ADVERSARIAL
@given(
    st.sampled_from(["format", "agencies", "exchanges"]),
    st.sampled_from(["section", "record", "column"]),
)
def test_repeated_keys_are_refused(tried: Counter[str], key: str, where: str) -> None:
    tried["json"] += 1
    agency = '{"id": "A1", "name": "x", "sector": "other"}'
    docs = {
        "section": '{"%s": [], "%s": [%s]}' % (key, key, agency),  # noqa: UP031
        "record": '{"agencies": [{"id": "A1", "name": "x", "name": "y", "sector": "other"}]}',
        "column": '{"exchanges": {"source": [], "source": [], "target": [], "kind": []}}',
    }
    assert _read_file(docs[where].encode()) is None


@ADVERSARIAL
@given(random_bytes | st.builds(_json_text, networks(max_exchanges=4)))
def test_streams(tried: Counter[str], data: bytes) -> None:
    tried["json"] += 1
    read_or_refuse(lambda: shx.read_json(io.BytesIO(data)), file=None, reader="json")  # type: ignore[arg-type]
    text = data.decode("utf-8", errors="surrogateescape")
    read_or_refuse(lambda: shx.read_json(io.StringIO(text)), file=None, reader="json")


def test_a_megabyte_field(tried: Counter[str]) -> None:
    tried["json"] += 1
    doc = _one_exchange_doc("name", MEGABYTE, columns=True)
    net = _read_file(dumps(doc).encode())
    assert net is not None
    assert net.agencies[0].name == MEGABYTE
    doc = _one_exchange_doc("start", MEGABYTE, columns=True)
    assert _read_file(dumps(doc).encode()) is None
