"""The fast path of a large ``exchanges.csv``: straight to node indices and codes, or aside.

A national network's ``exchanges.csv`` has millions of rows but only thousands of distinct
cell texts per column (node ids, kinds, days, weights). The table reader's checks run on one
Python ``str`` per cell (about 45 million at 5 million exchanges); this path never makes them:

1. :func:`read_coded` takes a file only in the shape :func:`~selfhelp_exchange.write_tables`
   writes (exactly the writer's header, no quote character, CRLF or LF line ends, no
   byte-order mark), parses it with Arrow and dictionary-encodes each column: the
   distinct texts and, per row, the position of its text.
2. :func:`coded_arrays` checks each distinct text once, by rules no looser than the table
   reader's (an id is taken only as an exact node id; a role, kind, weight or day only in the
   form the writer writes it), and gathers the columns :meth:`ExchangeNetwork.from_arrays`
   takes.

Anything else (another shape, a text in another form, any problem at all) returns None and the
caller reads the file through the table reader, which reports every problem with its row and
column as before. So the errors never depend on this path, and a network it gives equals the
table reader's (``tests/test_tables.py`` checks both with hypothesis).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.io._limits import Limits
from selfhelp_exchange.io._schema import TABLES
from selfhelp_exchange.io._sheet import RawTable
from selfhelp_exchange.network import NO_ROLE

__all__ = ["HEADER", "CodedTable", "coded_arrays", "read_coded"]

#: The header of ``exchanges.csv`` as the writer writes it.
HEADER = tuple(c.name for c in TABLES["exchanges"])
#: Files smaller than this (bytes) are read by the table reader alone: the path pays off only
#: on large files, and small ones are where hand-made files with their mistakes are.
MIN_BYTES = 1 << 20
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"\d+(\.\d+)?(e[+-]?\d+)?")


@attrs.frozen(eq=False)
class CodedTable:
    """``exchanges.csv`` as distinct texts and row codes, per column.

    ``read_raw()`` reads the same file through the table reader (for the strict path).
    """

    path: Path
    limits: Limits
    n_rows: int
    distinct: dict[str, list[str]]
    codes: dict[str, npt.NDArray[np.int32]]

    @property
    def file(self) -> str:
        """The file, as a problem names it."""
        return str(self.path)

    def read_raw(self) -> RawTable:
        """The file as the table reader reads it."""
        from selfhelp_exchange.io._csvdir import read_csv_table

        return read_csv_table(self.path, "exchanges", self.limits)


#: Bytes read (and parsed) at a time: the file is never held whole, nor its cells as text.
_BLOCK_BYTES = 16 << 20


def read_coded(path: Path, limits: Limits) -> CodedTable | None:
    """The file as a :class:`CodedTable`, or None if it is not in the writer's simple shape.

    The file is checked, then parsed, a block at a time; each block's columns are
    dictionary-encoded at once, so that peak memory is the codes and one block, not the text.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pacsv

    size = path.stat().st_size
    if size < MIN_BYTES or size > limits.max_bytes or not _simple_shape(path):
        return None
    names = {f"f{j}": pa.string() for j in range(len(HEADER))}  # text, never inferred
    chunks: list[list[Any]] = [[] for _ in HEADER]
    n_rows = 0
    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(
                autogenerate_column_names=True, skip_rows=1, block_size=_BLOCK_BYTES
            ),
            parse_options=pacsv.ParseOptions(quote_char=False, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                check_utf8=True, strings_can_be_null=False, column_types=names
            ),
        )
        if reader.schema.names != list(names):
            return None
        for batch in reader:
            n_rows += batch.num_rows
            if n_rows > limits.max_rows:
                return None
            for k, col in enumerate(batch.columns):
                if col.null_count or not pa.types.is_string(col.type):
                    return None
                chunks[k].append(pc.dictionary_encode(col))
    except (pa.ArrowException, OSError, UnicodeDecodeError):
        return None
    distinct: dict[str, list[str]] = {}
    codes: dict[str, npt.NDArray[np.int32]] = {}
    for name, parts in zip(HEADER, chunks, strict=True):
        # one dictionary for the whole column, each block's codes moved onto it
        column = pa.chunked_array(parts, type=pa.dictionary(pa.int32(), pa.string()))
        column = column.unify_dictionaries()
        parts.clear()
        values = column.chunk(0).dictionary.to_pylist() if column.num_chunks else []
        if any(len(v) > limits.max_cell_chars for v in values):
            return None
        distinct[name] = values
        codes[name] = (
            np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in column.chunks])
            if column.num_chunks
            else np.zeros(0, dtype=np.int32)
        ).astype(np.int32, copy=False)
    return CodedTable(path, limits, n_rows, distinct, codes)


def _simple_shape(path: Path) -> bool:
    """Whether the file has the writer's header, no quote and no carriage return alone.

    Read a block at a time. A blank line needs no test: Arrow reads it as a row of empty
    cells, whose empty source makes :func:`coded_arrays` step aside (the table reader skips
    blank rows).
    """
    with path.open("rb") as fh:
        first = fh.read(_BLOCK_BYTES)
        header_end = first.find(b"\n")
        if header_end < 0 or first[:header_end].removesuffix(b"\r") != ",".join(HEADER).encode():
            return False
        block, carried = first, b""
        while block:
            # a CR at a block's end is judged with the next block's first byte
            text = carried + block
            if b'"' in text or _lone_cr(text[:-1] if text.endswith(b"\r") else text):
                return False
            carried = b"\r" if text.endswith(b"\r") else b""
            block = fh.read(_BLOCK_BYTES)
        return not carried  # a CR as the file's last byte stands alone


def _lone_cr(data: bytes) -> bool:
    """Whether a carriage return stands anywhere but before a line feed (readers differ)."""
    b = np.frombuffer(data, dtype=np.uint8)
    cr = np.flatnonzero(b == ord("\r"))
    return bool(len(cr)) and (int(cr[-1]) + 1 >= len(b) or not np.all(b[cr + 1] == ord("\n")))


class _Aside(Exception):
    """A text not in the writer's form: the table reader reads the file."""


def _lookup(values: list[str], convert: Any) -> npt.NDArray[Any]:
    return np.array([convert(v) for v in values])


def _node(index: dict[str, int]) -> Any:
    def convert(text: str) -> int:
        i = index.get(text)
        # a quote first would be removed by the reader's formula protection: let it decide
        if i is None or text.startswith("'"):
            raise _Aside
        return i

    return convert


def _choice(choices: dict[str, int], empty: int | None) -> Any:
    def convert(text: str) -> int:
        if text == "" and empty is not None:
            return empty
        code = choices.get(text)
        if code is None:
            raise _Aside
        return code

    return convert


def _weight(text: str) -> float:
    if text == "":
        return 1.0  # the Exchange default, as the table reader gives it
    if not _NUMBER.fullmatch(text):
        raise _Aside
    value = float(text)
    if not math.isfinite(value):
        raise _Aside
    return value


def _day(text: str) -> np.datetime64:
    if text == "":
        return np.datetime64("NaT", "D")
    if not _DATE.fullmatch(text) or text.startswith("0000"):
        raise _Aside
    try:
        return np.datetime64(dt.date.fromisoformat(text), "D")
    except ValueError:
        raise _Aside from None


def coded_arrays(coded: CodedTable, index: dict[str, int]) -> dict[str, Any] | None:
    """The ``from_arrays`` columns of the table, or None to leave it to the table reader.

    ``index`` maps each node id of the network (the records already read) to its index.
    """
    spec = {c.name: c for c in TABLES["exchanges"]}
    roles = {r: k for k, r in enumerate(spec["source_role"].choices)}  # positions are codes
    kinds = {k.value: k.code for k in ExchangeKind if k.value in spec["kind"].choices}
    rules: dict[str, tuple[Any, Any]] = {
        "source": (_node(index), np.int32),
        "target": (_node(index), np.int32),
        "source_role": (_choice(roles, NO_ROLE), np.int8),
        "target_role": (_choice(roles, NO_ROLE), np.int8),
        "kind": (_choice(kinds, None), np.int8),
        "weight": (_weight, np.float64),
        "start": (_day, "datetime64[D]"),
        "end": (_day, "datetime64[D]"),
    }
    if coded.distinct["attributes"] not in ([], [""]):
        return None  # free attributes per exchange: the table reader parses them
    out: dict[str, Any] = {}
    try:
        for name, (convert, dtype) in rules.items():
            values = np.array([convert(v) for v in coded.distinct[name]], dtype=dtype)
            out[name] = values[coded.codes[name]]
    except _Aside:
        return None
    return out
