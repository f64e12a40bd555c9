"""The fast path of read_json: the same network as the strict path, or it steps aside."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.exceptions import DataFileError
from selfhelp_exchange.generate import community
from selfhelp_exchange.io._jsonfast import _strings, _tokens
from selfhelp_exchange.io._jsonwrite import _compact_json
from selfhelp_exchange.io.jsonfile import _read_fast, network_from_dict
from tests.strategies import networks


def _strict(text: str) -> shx.ExchangeNetwork | str:
    """What the strict path reads ``text`` to: the network, or the error's message."""
    try:
        return shx.read_json(io.StringIO(text))
    except DataFileError as exc:
        return str(exc)


def _same_as_strict(text: str) -> shx.ExchangeNetwork | None:
    fast = _read_fast(text, None)
    if fast is not None:
        assert fast == network_from_dict(json.loads(text))
    return fast


@pytest.fixture(scope="module")
def text() -> str:
    return _compact_json(community(20, 120, n_exchanges=1_000, seed=3))


def test_the_writers_output_takes_the_fast_path(text: str) -> None:
    net = community(20, 120, n_exchanges=1_000, seed=3)
    assert _same_as_strict(text) == net
    assert _same_as_strict(_compact_json(shx.load_example("riverside"))) == shx.load_example(
        "riverside"
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"], "source_role"', '","], "source_role"'),  # a stray comma: invalid JSON
        ('"source": ["', '"source": [ "'),  # other whitespace: strict path
        ('"weight": [', '"weight": [01, '),  # not a JSON number
        ('"weight": [', '"weight": [-0, '),  # one more exchange: lengths differ
        ('"kind": ["', '"kind": ["referal", "'),
        ('"attributes": null', '"attributes": null, "attributes": null'),
        ('"attributes": null', '"attributes": null, "extra": []'),
        ('"format": ', '"format": "selfhelp-exchange", "format": '),
        ('"start": ["', '"start": ["2024-1-01", "'),
        ('"start": ["', '"start": ["\\u0032024-01-01", "'),
        ('"version": 1', '"version": 2'),
        ('"source": ["', '"source": ["\x01", "'),  # a control character: invalid JSON
        ('"source": ["', '"source": ["A\\u0030", "'),  # an escape
    ],
)
def test_anything_unusual_is_left_to_the_strict_path(text: str, old: str, new: str) -> None:
    assert old in text
    changed = text.replace(old, new, 1)
    assert _read_fast(changed, None) is None
    assert _strict(changed) == _strict(changed)  # the strict path still answers


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"weight": [', '"weight": [1E2, '),
        ('"weight": [', '"weight": [-0.0, '),
        ('"weight": [', '"weight": [12345678901234567890123, '),
    ],
)
def test_numbers_read_as_json_loads_reads_them(text: str, old: str, new: str) -> None:
    changed = text.replace(old, new, 1)
    for c in ("source", "source_role", "target", "target_role", "kind", "start", "end"):
        # one more exchange in every column, so that the lengths agree
        key = f'"{c}": ['
        first = changed[changed.index(key) + len(key) :].split(", ", 1)[0]
        changed = changed.replace(key, f"{key}{first}, ", 1)
    fast = _same_as_strict(changed)
    assert fast is not None
    assert fast.arrays.weight[0] == json.loads(new.removeprefix('"weight": [').rstrip(", "))


awkward = st.sampled_from(["a, b", "x]", "null", 'q"q', "é", "a\\b", ", x", "]", "[", "n"])


@settings(max_examples=60, deadline=None)
@given(networks(), st.lists(awkward, min_size=1, max_size=3))
def test_awkward_ids_read_the_same_both_ways(net: shx.ExchangeNetwork, extra: list[str]) -> None:
    from tests.strategies import rename_ids

    ids = net.node_ids.tolist()
    new_id = {i.id: i.id for i in net.initiatives} | {old: old for old in ids}
    new_id |= {old: old + "".join(extra) for old in ids[: len(ids) // 2]}
    assume(len(set(new_id.values())) == len(new_id))
    renamed = rename_ids(net, new_id)
    assert _same_as_strict(_compact_json(renamed)) in (None, renamed)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.none() | st.text(max_size=6), max_size=8))
def test_a_column_of_strings_reads_as_json_loads_reads_it(values: list[str | None]) -> None:
    text = json.dumps(values, ensure_ascii=False)
    try:
        (codes, distinct), end = _strings(text, 0)
    except Exception:  # noqa: BLE001  # stepping aside is always allowed
        return
    assert end == len(text)
    assert [None if c < 0 else distinct[c] for c in codes.tolist()] == values


def test_tokens_step_aside_for_a_string_holding_the_separator() -> None:
    assert _tokens('"a, b", "c"') is None
    codes, distinct = _tokens('null, "a", null, "b", "a"')  # type: ignore[misc]
    assert codes.tolist() == [-1, 0, -1, 1, 0]
    assert distinct.tolist() == ["a", "b"]


def test_the_file_is_the_compact_text(tmp_path: Path) -> None:
    from selfhelp_exchange.io import jsonfile

    net = shx.load_example("riverside")
    expected = json.dumps(jsonfile.network_to_dict(net), ensure_ascii=False) + "\n"
    buf = io.StringIO()
    shx.write_json(net, buf)
    assert buf.getvalue() == expected
    shx.write_json(net, tmp_path / "n.json")
    assert (tmp_path / "n.json").read_bytes() == expected.encode("utf-8")
    with (tmp_path / "m.json").open("w", encoding="utf-8") as f:
        f.write("x")  # the exchange columns go under the text layer: order is kept
        shx.write_json(net, f)
    assert (tmp_path / "m.json").read_bytes() == ("x" + expected).encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.none() | st.sampled_from(["a", "é", "b, c", "null", "x]", "", "ab"]), max_size=8)
)
def test_the_columnar_parse_is_exact_or_steps_aside(values: list[str | None]) -> None:
    from selfhelp_exchange.io._jsonfast import _columnar

    found = _columnar(json.dumps(values, ensure_ascii=False)[1:-1])
    if found is not None:
        codes, distinct = found
        assert [None if c < 0 else distinct[c] for c in codes.tolist()] == values


@settings(max_examples=300, deadline=None)
@given(st.lists(st.none() | st.text(alphabet="nul, ]xé", max_size=6), max_size=8))
def test_the_columnar_parse_of_texts_made_of_null_and_separators(values: list[str | None]) -> None:
    from selfhelp_exchange.io._jsonfast import _columnar

    found = _columnar(json.dumps(values, ensure_ascii=False)[1:-1])
    if found is not None:
        codes, distinct = found
        assert [None if c < 0 else distinct[c] for c in codes.tolist()] == values


_NUMBER_TOKENS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-(10**25), 10**25).map(str),
    st.sampled_from(["1E2", "-0", "0.5e-3", "1.", ".5", "01", "nan", "null", '"1"', "1 ", " 1"]),
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_NUMBER_TOKENS, min_size=1, max_size=8),
    st.lists(st.sampled_from([", ", ", ", ", ", ",", " , ", ",  "]), min_size=8, max_size=8),
)
def test_a_column_of_numbers_reads_as_json_loads_reads_it(
    tokens: list[str], seps: list[str]
) -> None:
    from selfhelp_exchange.io import _jsonfast

    seg = tokens[0] + "".join(s + t for s, t in zip(seps, tokens[1:], strict=False))
    text = f"[{seg}]"
    try:
        values, _ = _jsonfast._numbers(text, 0)
    except _jsonfast._NotFast:
        return
    expected = [float(v) for v in json.loads(text)]
    assert list(map(repr, values.tolist())) == list(map(repr, expected))  # -0.0 too
