"""Parquet files: exact round trips, typed columns, metadata, and refusals naming what is wrong."""

from __future__ import annotations

import base64
import json
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings

import selfhelp_exchange as shx
from selfhelp_exchange.io.parquet import SCHEMA
from tests.strategies import networks


def _has_surrogate(net: shx.ExchangeNetwork) -> bool:
    text = json.dumps(shx.io.network_to_dict(net), ensure_ascii=False)
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


@settings(max_examples=60, deadline=None)
@given(networks())
def test_every_field_round_trips(net: shx.ExchangeNetwork) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "net.parquet"
        if _has_surrogate(net):  # Parquet text is UTF-8: a lone surrogate may be refused
            try:
                shx.write_parquet(net, path)
            except shx.DataFileError as exc:
                message = str(exc)
            else:
                message = "surrogate"
            assert "surrogate" in message
            if not path.exists():
                return
        else:
            shx.write_parquet(net, path)
        back = shx.read_parquet(path)
    assert back == net
    assert (back.exchange_attributes is None) == (net.exchange_attributes is None) or not any(
        net.exchange_attributes or ()
    )


def test_columns_are_typed_and_metadata_says_what_wrote_it(tmp_path: Path) -> None:
    net = shx.load_example("riverside")
    path = tmp_path / "r.parquet"
    shx.write_parquet(net, path)
    table = pq.read_table(path)
    schema = table.schema
    for name in ("source", "target"):
        assert schema.field(name).type == pa.dictionary(pa.int32(), pa.string())
    for name in ("source_role", "target_role", "kind"):
        assert schema.field(name).type == pa.dictionary(pa.int8(), pa.string())
    assert schema.field("weight").type == pa.float64()
    assert schema.field("start").type == pa.date32()
    meta = pq.read_metadata(path).metadata
    assert meta[b"selfhelp_exchange.version"] == shx.__version__.encode()
    assert meta[b"selfhelp_exchange.schema"] == str(SCHEMA).encode()
    records = json.loads(meta[b"selfhelp_exchange.records"])
    assert set(records) <= {"format", "version", "observations"}  # the rest is in tables
    agencies = pa.ipc.open_stream(
        base64.b64decode(meta[b"selfhelp_exchange.table.agencies"])
    ).read_all()
    assert agencies.column("id").to_pylist() == [a.id for a in net.agencies]
    assert agencies.schema.field("location").type.num_fields == 8
    # the columns hold the values any Parquet reader sees, not codes
    x = net.arrays
    assert table.column("source").to_pylist() == net.node_ids[x.source].tolist()
    assert table.column("kind").to_pylist()[0] == net.exchanges[0].kind.value
    roles = [None, "board", "practitioners", "clients"]
    assert table.column("source_role").to_pylist() == [roles[r + 1] for r in x.source_role]
    starts = table.column("start").to_pylist()
    assert starts == [e.start for e in net.exchanges]


def test_not_parquet_or_damaged(tmp_path: Path) -> None:
    bad = tmp_path / "notes.parquet"
    bad.write_text("hello")
    with pytest.raises(shx.DataFileError, match="not a Parquet file") as err:
        shx.read_parquet(bad)
    assert str(bad) in str(err.value)
    good = tmp_path / "good.parquet"
    shx.write_parquet(shx.load_example("riverside"), good)
    data = good.read_bytes()
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(shx.DataFileError, match="not a Parquet file, or a damaged one"):
        shx.read_parquet(cut)
    with pytest.raises(shx.DataFileError, match="cannot be read"):
        shx.read_parquet(tmp_path / "missing.parquet")


def test_a_foreign_parquet_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"a": [1, 2]}), path)
    with pytest.raises(shx.DataFileError, match="not one written by selfhelp-exchange"):
        shx.read_parquet(path)


def _rewrite(src: Path, dst: Path, change) -> None:  # type: ignore[no-untyped-def]
    table = pq.read_table(src)
    meta = dict(pq.read_metadata(src).metadata)
    table = change(table)
    with pq.ParquetWriter(dst, table.schema) as w:
        w.write_table(table)
        w.add_key_value_metadata(
            {k.decode(): v.decode() for k, v in meta.items() if k.startswith(b"selfhelp")}
        )


def test_wrong_columns_and_values_are_each_named(tmp_path: Path) -> None:
    src = tmp_path / "r.parquet"
    shx.write_parquet(shx.load_example("riverside"), src)
    dst = tmp_path / "bad.parquet"

    _rewrite(
        src, dst, lambda t: t.drop_columns(["kind"]).append_column("extra", pa.array([1] * len(t)))
    )
    with pytest.raises(shx.DataFileError) as err:
        shx.read_parquet(dst)
    found = {(p.column, p.message.split(" (")[0]) for p in err.value.problems}
    assert ("kind", "the column is missing") in found
    assert ("extra", "unknown column") in found

    _rewrite(src, dst, lambda t: t.set_column(5, "weight", pa.array(["1"] * len(t))))
    with pytest.raises(shx.DataFileError, match="holds string, not a floating-point number"):
        shx.read_parquet(dst)

    def unknown_id_and_kind(t: pa.Table) -> pa.Table:
        source = t.column("source").to_pylist()
        source[3] = "NOBODY"
        kind = t.column("kind").to_pylist()
        kind[4] = "gossip"
        t = t.set_column(0, "source", pa.array(source).dictionary_encode())
        return t.set_column(4, "kind", pa.array(kind).dictionary_encode())

    _rewrite(src, dst, unknown_id_and_kind)
    with pytest.raises(shx.DataFileError) as err:
        shx.read_parquet(dst)
    by_column = {p.column: p for p in err.value.problems}
    assert by_column["source"].value == "NOBODY"
    assert "not an agency, group or community actor" in by_column["source"].message
    assert by_column["kind"].value == "gossip"
    assert "valid: " in by_column["kind"].message
    assert all(p.file == str(dst) and p.sheet == "exchanges" for p in err.value.problems)

    _rewrite(src, dst, lambda t: t.set_column(5, "weight", pa.array([-1.0] * len(t))))
    with pytest.raises(shx.DataFileError, match="weight"):
        shx.read_parquet(dst)


def test_a_newer_layout_is_refused_with_advice(tmp_path: Path) -> None:
    src = tmp_path / "r.parquet"
    shx.write_parquet(shx.load_example("riverside"), src)
    table = pq.read_table(src)
    meta = {k.decode(): v.decode() for k, v in pq.read_metadata(src).metadata.items()}
    meta["selfhelp_exchange.schema"] = "99"
    dst = tmp_path / "new.parquet"
    with pq.ParquetWriter(dst, table.schema) as w:
        w.write_table(table)
        w.add_key_value_metadata(meta)
    with pytest.raises(shx.DataFileError, match=r"layout version '99'.*not supported"):
        shx.read_parquet(dst)


def test_size_limits(tmp_path: Path) -> None:
    path = tmp_path / "r.parquet"
    net = shx.load_example("riverside")
    shx.write_parquet(net, path)
    with pytest.raises(shx.DataFileError, match="over the limit of 100 "):
        shx.read_parquet(path, max_bytes=100)
    with pytest.raises(shx.DataFileError, match="86 exchanges, over the limit of 10 "):
        shx.read_parquet(path, max_rows=10)
    with pytest.raises(shx.DataFileError, match="max_rows must be a whole number"):
        shx.read_parquet(path, max_rows=0)
    assert shx.read_parquet(path, max_rows=86) == net


def test_many_row_groups_and_no_attributes(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    net = shx.generate.community(n_agencies=20, n_groups=60, n_exchanges=5000, seed=rng)
    path = tmp_path / "c.parquet"
    shx.write_parquet(net, path)
    table = pq.read_table(path)
    rewritten = tmp_path / "groups.parquet"
    meta = {
        k.decode(): v.decode()
        for k, v in pq.read_metadata(path).metadata.items()
        if k.startswith(b"selfhelp")
    }
    with pq.ParquetWriter(rewritten, table.schema) as w:
        w.write_table(table, row_group_size=700)  # every chunk its own dictionary
        w.add_key_value_metadata(meta)
    assert pq.ParquetFile(rewritten).num_row_groups > 5
    assert shx.read_parquet(rewritten) == net


def test_a_column_name_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    # found by the adversarial test: pyarrow fails on it with a UnicodeDecodeError
    path = tmp_path / "n.parquet"
    shx.write_parquet(shx.load_example("riverside"), path)
    body = path.read_bytes()
    assert b"\x18\x04kind" in body
    path.write_bytes(body.replace(b"\x18\x04kind", b"\x18\x04k\xe5nd"))
    with pytest.raises(shx.DataFileError, match="not a Parquet file, or a damaged one"):
        shx.read_parquet(path)


def _with_metadata(src: Path, dst: Path, change) -> None:  # type: ignore[no-untyped-def]
    table = pq.read_table(src)
    meta = {k.decode(): v for k, v in pq.read_metadata(src).metadata.items()}
    meta = change({k: v for k, v in meta.items() if k.startswith("selfhelp")})
    with pq.ParquetWriter(dst, table.schema) as w:
        w.write_table(table)
        w.add_key_value_metadata(meta)


def test_a_layout_1_file_is_still_read(tmp_path: Path) -> None:
    """Layout 1 held every record as JSON in ``selfhelp_exchange.records``."""
    net = shx.load_example("riverside")
    src, dst = tmp_path / "r.parquet", tmp_path / "old.parquet"
    shx.write_parquet(net, src)

    def as_layout_1(meta: dict[str, bytes]) -> dict[str, bytes]:
        old = shx.io.network_to_dict(net)
        del old["exchanges"]
        kept = {k: v for k, v in meta.items() if not k.startswith("selfhelp_exchange.table")}
        kept["selfhelp_exchange.schema"] = b"1"
        kept["selfhelp_exchange.records"] = json.dumps(old).encode()
        return kept

    _with_metadata(src, dst, as_layout_1)
    assert shx.read_parquet(dst) == net


def test_a_damaged_record_table_is_refused(tmp_path: Path) -> None:
    src, dst = tmp_path / "r.parquet", tmp_path / "bad.parquet"
    shx.write_parquet(shx.load_example("riverside"), src)

    def flip(meta: dict[str, bytes]) -> dict[str, bytes]:
        data = bytearray(base64.b64decode(meta["selfhelp_exchange.table.groups"]))
        data[len(data) // 2] ^= 0x01
        meta["selfhelp_exchange.table.groups"] = base64.b64encode(bytes(data))
        return meta

    _with_metadata(src, dst, flip)
    with pytest.raises(shx.DataFileError) as err:
        shx.read_parquet(dst)
    (problem,) = err.value.problems
    assert problem.sheet == "groups"
    assert "CRC-32" in problem.message


def _replace_table(meta: dict[str, bytes], section: str, table: pa.Table) -> dict[str, bytes]:
    import zlib

    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    data = bytes(sink.getvalue())
    sums = json.loads(meta["selfhelp_exchange.table_crc32"])
    sums[section] = zlib.crc32(data)
    meta["selfhelp_exchange.table_crc32"] = json.dumps(sums).encode()
    meta["selfhelp_exchange.table." + section] = base64.b64encode(data)
    return meta


def _table(meta: dict[str, bytes], section: str) -> pa.Table:
    data = base64.b64decode(meta["selfhelp_exchange.table." + section])
    return pa.ipc.open_stream(data).read_all()


def test_a_record_table_with_wrong_columns_names_them(tmp_path: Path) -> None:
    src, dst = tmp_path / "r.parquet", tmp_path / "bad.parquet"
    shx.write_parquet(shx.load_example("riverside"), src)

    def retype(meta: dict[str, bytes]) -> dict[str, bytes]:
        t = _table(meta, "agencies")
        t = t.set_column(t.schema.get_field_index("sector"), "sector", pa.array([1] * len(t)))
        return _replace_table(meta, "agencies", t.append_column("beds", pa.array([1] * len(t))))

    _with_metadata(src, dst, retype)
    with pytest.raises(shx.DataFileError) as err:
        shx.read_parquet(dst)
    found = {(p.sheet, p.column) for p in err.value.problems}
    assert found == {("agencies", "sector"), ("agencies", "beds")}


def test_a_bad_record_in_a_table_is_named_like_json(tmp_path: Path) -> None:
    src, dst = tmp_path / "r.parquet", tmp_path / "bad.parquet"
    net = shx.load_example("riverside")
    shx.write_parquet(net, src)

    def bad_values(meta: dict[str, bytes]) -> dict[str, bytes]:
        t = _table(meta, "groups")
        types = t.column("group_type").to_pylist()
        types[1] = "book_club"
        attributes = t.column("attributes").to_pylist()
        attributes[2] = '{"a": 1, "a": 2}'
        t = t.set_column(t.schema.get_field_index("group_type"), "group_type", pa.array(types))
        i = t.schema.get_field_index("attributes")
        return _replace_table(meta, "groups", t.set_column(i, "attributes", pa.array(attributes)))

    _with_metadata(src, dst, bad_values)
    with pytest.raises(shx.DataFileError) as err:
        shx.read_parquet(dst)
    messages = [(p.sheet, p.message) for p in err.value.problems]
    assert any(s == "groups" and "more than once" in m for s, m in messages), messages
    assert not any("book_club" in m for _, m in messages)  # the table's problems come first

    def bad_type(meta: dict[str, bytes]) -> dict[str, bytes]:
        t = _table(meta, "groups")
        types = t.column("group_type").to_pylist()
        types[1] = "book_club"
        i = t.schema.get_field_index("group_type")
        return _replace_table(meta, "groups", t.set_column(i, "group_type", pa.array(types)))

    _with_metadata(src, dst, bad_type)
    with pytest.raises(shx.DataFileError) as err:
        shx.read_parquet(dst)
    (problem,) = err.value.problems
    assert problem.sheet == "groups"
    assert "book_club" in problem.message
    assert problem.value == net.groups[1].id


def test_a_section_that_cannot_be_utf8_stays_json(tmp_path: Path) -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "Agency \ud800")],
        groups=[shx.SelfHelpGroup("G1", "Group", "mutual_help")],
        exchanges=[shx.Exchange("A1", "G1", "referral")],
    )
    path = tmp_path / "s.parquet"
    shx.write_parquet(net, path)
    meta = pq.read_metadata(path).metadata
    assert b"selfhelp_exchange.table.agencies" not in meta
    assert b"selfhelp_exchange.table.groups" in meta
    assert shx.read_parquet(path) == net
