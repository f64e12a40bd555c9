"""The reading rules every reader shares (one module, io/_reading): one behaviour per format."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.io import _reading, jsonfile, meeting_guide, meeting_guide_load
from selfhelp_exchange.io import graphml as graphml_io

FEED = '[{"name": "Noon", "slug": "n", "day": 1, "time": "12:00"}]'


def _network_json() -> str:
    buf = io.StringIO()
    shx.write_json(shx.load_example("riverside"), buf)
    return buf.getvalue()


def test_one_size_limit_for_every_network_reader() -> None:
    assert jsonfile.MAX_BYTES == graphml_io.MAX_BYTES == shx.io.tables.MAX_BYTES
    assert jsonfile.MAX_BYTES == _reading.MAX_BYTES == 2 * 1024**3
    # a feed has its own, documented limit, kept in the same place
    assert meeting_guide.MAX_BYTES == meeting_guide_load.MAX_BYTES == _reading.MAX_FEED_BYTES


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_every_json_reader_refuses_nan_and_infinity(tmp_path: Path, token: str) -> None:
    says = f"{token} is not a valid JSON number"
    text = _network_json().replace('"agencies": [', f'"extra_number": {token}, "agencies": [', 1)
    with pytest.raises(shx.DataFileError, match=says):
        shx.read_json(io.StringIO(text))
    with pytest.raises(shx.DataFileError, match=says):
        shx.read_meeting_guide(FEED.replace('"day": 1', f'"day": {token}'))
    p = tmp_path / "answers.json"
    p.write_text('{"self_assessment": [{"item_id": "AV1", "answer": ' + token + "}]}")
    with pytest.raises(shx.DataFileError, match=says):
        shx.read_self_assessment(p)


def test_json_text_is_read_by_both_json_readers() -> None:
    text = _network_json()
    assert shx.read_json(text) == shx.read_json(io.StringIO(text))
    assert shx.read_json("  \n" + text).n_exchanges == 86
    assert len(shx.read_meeting_guide(FEED).meetings) == 1


def test_any_other_string_is_a_path_for_both(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.json")
    with pytest.raises(shx.DataFileError, match="cannot be read") as a:
        shx.read_json(missing)
    with pytest.raises(shx.DataFileError, match="cannot be read") as b:
        shx.read_meeting_guide(missing)
    assert a.value.problems[0].file == b.value.problems[0].file == missing


def test_a_byte_order_mark_is_dropped_by_every_json_reader(tmp_path: Path) -> None:
    (tmp_path / "n.json").write_bytes(b"\xef\xbb\xbf" + _network_json().encode())
    (tmp_path / "f.json").write_bytes(b"\xef\xbb\xbf" + FEED.encode())
    assert shx.read_json(tmp_path / "n.json").n_exchanges == 86
    assert len(shx.read_meeting_guide(tmp_path / "f.json").meetings) == 1


def test_the_size_limit_says_the_same_in_every_reader(tmp_path: Path) -> None:
    (tmp_path / "n.json").write_text(_network_json())
    (tmp_path / "f.json").write_text(FEED)
    size = (tmp_path / "f.json").stat().st_size
    with pytest.raises(shx.DataFileError, match=r"the file is [\d,]+ bytes, over the limit of 10"):
        shx.read_json(tmp_path / "n.json", max_bytes=10)
    with pytest.raises(shx.DataFileError, match=f"the feed is {size} bytes, over the limit of 10"):
        shx.read_meeting_guide(tmp_path / "f.json", max_bytes=10)
    with pytest.raises(shx.DataFileError, match="over the limit of 10"):
        shx.read_graphml(io.BytesIO(b"<graphml>" + b" " * 100), max_bytes=10)


def test_not_utf8_is_refused_by_every_json_reader() -> None:
    with pytest.raises(shx.DataFileError, match="not UTF-8"):
        shx.read_json(io.BytesIO(b'{"a": "\xff"}'))
    with pytest.raises(shx.DataFileError, match="not UTF-8"):
        shx.read_meeting_guide(b'[{"name": "\xff"}]')


def test_repeated_keys_are_noted_by_the_hook() -> None:
    keys = _reading.KeyLog()
    assert json.loads('{"a": 1, "a": 2, "b": {"c": 1, "c": 1}}', object_pairs_hook=keys) == {
        "a": 2,
        "b": {"c": 1},
    }
    assert keys.repeated == ["c", "a"]
    with pytest.raises(ValueError, match="'a' is given twice"):
        json.loads('{"a": 1, "a": 2}', object_pairs_hook=_reading.unique_object)
