"""read_parquet and shx.read against damaged files: each read succeeds in full or refuses the
library's way (a DataFileError naming the file), never with a pyarrow or Python error."""

from __future__ import annotations

import io
import tempfile
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from tests.adversarial.inputs import ADVERSARIAL, mutations, random_bytes, read_or_refuse
from tests.strategies import networks


def _parquet_bytes(net: shx.ExchangeNetwork) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "net.parquet"
        try:
            shx.write_parquet(net, path)
        except shx.DataFileError:  # a lone surrogate in an id: nothing to damage
            return b""
        return path.read_bytes()


def _read(data: bytes, name: str = "network.parquet") -> shx.ExchangeNetwork | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return read_or_refuse(lambda: shx.read(path), file=str(path), reader="parquet")


@ADVERSARIAL
@given(random_bytes)
def test_random_bytes(tried: Counter[str], data: bytes) -> None:
    tried["parquet"] += 1
    assert _read(b"PAR1" + data) is None


@ADVERSARIAL
@given(st.data())
def test_damaged_files(tried: Counter[str], data: st.DataObject) -> None:
    tried["parquet"] += 1
    net = data.draw(networks(max_agencies=3, max_groups=3, max_exchanges=8))
    damaged = data.draw(mutations(_parquet_bytes(net)))
    back = _read(damaged)
    if back is not None:  # a change the checksums cannot see (e.g. in unused bytes)
        assert isinstance(back, shx.ExchangeNetwork)


@ADVERSARIAL
@given(st.data())
def test_any_column_replaced_by_another_type(tried: Counter[str], data: st.DataObject) -> None:
    tried["parquet"] += 1
    net = shx.load_example("riverside")
    table = pq.read_table(io.BytesIO(_parquet_bytes(net)))
    meta = pq.read_metadata(io.BytesIO(_parquet_bytes(net))).metadata
    position = data.draw(st.integers(0, table.num_columns - 1))
    values = data.draw(
        st.sampled_from(
            [
                pa.array([1] * len(table), type=pa.int64()),
                pa.array(["x"] * len(table)),
                pa.array([None] * len(table), type=pa.string()),
                pa.array([1.5] * len(table)),
                pa.array([None] * len(table), type=pa.float64()),
            ]
        )
    )
    table = table.set_column(position, table.column_names[position], values)
    buf = io.BytesIO()
    with pq.ParquetWriter(buf, table.schema) as writer:
        writer.write_table(table)
        writer.add_key_value_metadata({k.decode(): v.decode() for k, v in meta.items()})
    back = _read(buf.getvalue())
    if back is not None:  # a weight, start or end of nulls, or equal values, may still be valid
        assert back.n_exchanges == net.n_exchanges
