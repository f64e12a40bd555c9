"""read_meeting_guide against generated bad feeds: every meeting accounted for, or refused."""

from __future__ import annotations

import io
import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from tests.adversarial.inputs import (
    ADVERSARIAL,
    corrupted,
    date_texts,
    deep_json,
    dumps,
    json_values,
    mutations,
    numbers,
    random_bytes,
    read_or_refuse,
    strict_json,
    text_values,
)

FEED = Path(__file__).resolve().parents[1] / "data" / "meeting-guide" / "feed-quinte-ontario.json"
FIELDS = (
    "name",
    "slug",
    "day",
    "time",
    "end_time",
    "types",
    "latitude",
    "longitude",
    "address",
    "formatted_address",
    "city",
    "location",
    "group",
    "timezone",
    "updated",
    "approximate",
    "regions",
    "conference_url",
    "notes",
    "entity",
)


def _read(source: Any, *, file: str | None = None, **options: Any) -> shx.MeetingGuideFeed | None:
    return read_or_refuse(
        lambda: shx.read_meeting_guide(source, **options), file=file, reader="meeting-guide"
    )


def _read_file(data: bytes) -> shx.MeetingGuideFeed | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.json"
        path.write_bytes(data)
        return _read(path, file=str(path))


def _loads(data: bytes) -> Any:
    """The feed as JSON; byte-order marks (one, or a second one) are not part of it."""
    return json.loads(data.decode("utf-8-sig").removeprefix("\ufeff"))


def _expected_days(item: Any) -> int:
    if isinstance(item, dict) and isinstance(item.get("day"), list) and item["day"]:
        return len(item["day"])
    return 1


def _accounts_for(feed: shx.MeetingGuideFeed, data: Any) -> None:
    """Every meeting-day of the feed is imported or skipped with a reason; groups hold them all."""
    items = [data] if isinstance(data, dict) else data
    assert feed.n_items == len(items)
    assert len(feed.meetings) + len(feed.skipped) == sum(_expected_days(i) for i in items)
    assert all(s.reason.strip() for s in feed.skipped)
    ids = {g.id for g in feed.groups}
    assert len(ids) == len(feed.groups)
    assert all(m.group_id in ids for m in feed.meetings)
    assert sum(g.attributes["meetings_listed"] for g in feed.groups) == len(feed.meetings)
    for m in feed.meetings:  # a name is kept as given (white space runs made one space)
        source = items[m.index]["name"]
        assert m.name == " ".join(str(source).split())
    # the groups make a valid network that every format keeps
    net = shx.ExchangeNetwork(groups=feed.groups)
    assert shx.read_json(io.StringIO(_json(net))) == net


def _json(net: shx.ExchangeNetwork) -> str:
    buf = io.StringIO()
    shx.write_json(net, buf)
    return buf.getvalue()


@ADVERSARIAL
@given(random_bytes, st.booleans())
def test_random_bytes(tried: Counter[str], data: bytes, as_file: bool) -> None:
    tried["meeting-guide"] += 1
    feed = _read_file(data) if as_file else _read(data)
    if feed is not None:
        _accounts_for(feed, _loads(data))


@ADVERSARIAL
@given(st.data())
def test_damaged_feed(tried: Counter[str], data: st.DataObject) -> None:
    tried["meeting-guide"] += 1
    damaged = data.draw(mutations(FEED.read_bytes()))
    feed = _read_file(damaged)
    if feed is not None:
        _accounts_for(feed, _loads(damaged))


@ADVERSARIAL
@given(st.data())
def test_wrong_types_missing_and_unknown_fields(tried: Counter[str], data: st.DataObject) -> None:
    tried["meeting-guide"] += 1
    tree = json.loads(FEED.read_text(encoding="utf-8"))
    tree = tree[: data.draw(st.integers(1, len(tree)))]
    bad = data.draw(corrupted(tree))
    text = dumps(bad)
    feed = _read(text)
    if feed is not None:
        _accounts_for(feed, json.loads(text))


#: Values that have broken readers: numbers past float, digit strings past int's limit, names
#: past a file name's length, lists long enough to make quadratic code hang.
HOSTILE_VALUES = (
    10**400,
    -(10**400),
    "9" * 5000,
    "x" * 100_000,
    "Europe/" + "x" * 300,
    [1] * 50_000,
    [f"T{i}" for i in range(50_000)],
    [str(i % 7) for i in range(1000)],
    {"a": [{}] * 1000},
)


def _one(field: str, value: Any) -> list[dict[str, Any]]:
    meeting: dict[str, Any] = {
        "name": "Plug in the Jug",
        "slug": "plug",
        "day": [1, 2],
        "time": "12:00",
        "address": "16 Marmora St",
        "city": "Trenton",
    }
    meeting[field] = value
    return [meeting]


@ADVERSARIAL
@given(
    text_values | numbers | json_values | date_texts,
    st.sampled_from(FIELDS),
    st.sampled_from(["text", "bytes", "stream"]),
)
def test_any_value_in_any_field(tried: Counter[str], value: Any, field: str, form: str) -> None:
    tried["meeting-guide"] += 1
    feed_data = _one(field, value)
    text = dumps(feed_data)
    source: Any = {
        "text": text,
        "bytes": text.encode(),
        "stream": io.BytesIO(text.encode()),
    }[form]
    feed = _read(source)
    if feed is not None:
        _accounts_for(feed, strict_json(text) or json.loads(text))


def test_hostile_values_in_every_field(tried: Counter[str]) -> None:
    for value in HOSTILE_VALUES:
        for field in FIELDS:
            tried["meeting-guide"] += 1
            text = dumps(_one(field, value))
            feed = _read(text)
            if feed is not None:
                _accounts_for(feed, json.loads(text))


@ADVERSARIAL
@given(
    st.sampled_from(["9" * 5000, "-" + "9" * 5000, "1e999", "-1e999", "NaN", "Infinity", "1E400"]),
    st.sampled_from(FIELDS),
)
def test_number_tokens_no_float_holds(tried: Counter[str], token: str, field: str) -> None:
    tried["meeting-guide"] += 1
    text = dumps(_one(field, 0)).replace(f'"{field}": 0', f'"{field}": {token}')
    assert token in text
    feed = _read(text)
    if feed is not None:
        _accounts_for(feed, json.loads(text))


@ADVERSARIAL
@given(deep_json, st.sampled_from(["top", "item", "field"]))
def test_deeply_nested(tried: Counter[str], deep: str, where: str) -> None:
    tried["meeting-guide"] += 1
    text = {
        "top": deep,
        "item": "[" + deep + "]",
        "field": '[{"name": "x", "types": ' + deep + "}]",
    }[where]
    feed = _read(text)
    if feed is not None:  # shallow enough to parse: every item accounted for
        _accounts_for(feed, json.loads(text))


@ADVERSARIAL
@given(st.integers(1, 20_000), st.sampled_from(["text", "file"]))
def test_size_limit(tried: Counter[str], max_bytes: int, form: str) -> None:
    tried["meeting-guide"] += 1
    data = FEED.read_bytes()
    if form == "text":
        feed = _read(data.decode(), max_bytes=max_bytes)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "feed.json"
            path.write_bytes(data)
            feed = _read(path, file=str(path), max_bytes=max_bytes)
    assert (feed is None) == (len(data) > max_bytes)
