"""Parquet files: the exchanges as typed columns, the records alongside in the file's metadata.

The layout (format version :data:`SCHEMA`), one row per exchange:

=============  =====================================  =========================================
column         type                                   holds
=============  =====================================  =========================================
source         dictionary<int32, string>              the source node's id
source_role    dictionary<int8, string>, nullable     ``board``/``practitioners``/``clients``;
                                                      null for the whole node
target         dictionary<int32, string>              the target node's id
target_role    dictionary<int8, string>, nullable     as ``source_role``
kind           dictionary<int8, string>               the exchange kind's value (``referral``)
weight         double
start, end     date32, nullable                       null where not known
attributes     string, nullable (only when present)   the exchange's attributes as a JSON object
=============  =====================================  =========================================

The file's key-value metadata holds ``selfhelp_exchange.format`` (``selfhelp-exchange``),
``selfhelp_exchange.schema`` (:data:`SCHEMA`), ``selfhelp_exchange.version`` (the library version
that wrote it), the record tables (``selfhelp_exchange.table.agencies``, ``.groups``,
``.actors``, ``.initiatives``: typed Arrow columns, one IPC stream each, with their CRC-32
checksums in ``selfhelp_exchange.table_crc32``; :mod:`selfhelp_exchange.io._parquet_records`
lists their columns) and ``selfhelp_exchange.records``: the observations, and any section whose
text cannot be UTF-8, in the layout of a JSON file (:mod:`selfhelp_exchange.io.jsonfile`).
Layout 1, which held every record in that JSON, is still read.
Any Parquet reader (pandas, polars, DuckDB, Spark) reads the exchange columns as they are.
Pages carry CRC checksums, which the reader verifies, so a damaged byte in the data is refused
rather than read as another value.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._bulk import without_gc_pauses
from selfhelp_exchange._fastrecords import plain_records
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange._serialize import to_plain
from selfhelp_exchange.exceptions import DataFileError, NetworkValidationError, Problem
from selfhelp_exchange.io._jsonwrite import FORMAT, VERSION
from selfhelp_exchange.io._limits import MAX_ROWS
from selfhelp_exchange.io._parquet_records import read_sections, write_sections
from selfhelp_exchange.io._reading import MAX_BYTES
from selfhelp_exchange.io.jsonfile import network_from_dict
from selfhelp_exchange.network import NO_ROLE, ExchangeNetwork
from selfhelp_exchange.records import Attributes
from selfhelp_exchange.vocabulary import ROLE_ORDER

__all__ = ["SCHEMA", "read_parquet", "write_parquet"]

#: The version of the layout this library writes (it reads layout 1 too: every record as JSON).
SCHEMA = 2
_READABLE = (b"1", str(SCHEMA).encode())
_KEY = "selfhelp_exchange."
_NODE_COLUMNS = ("source", "target")
_ROLE_COLUMNS = ("source_role", "target_role")
_DATE_COLUMNS = ("start", "end")
_COLUMNS = ("source", "source_role", "target", "target_role", "kind", "weight", "start", "end")
_OPTIONAL = ("attributes",)
_CODED = (*_NODE_COLUMNS, *_ROLE_COLUMNS, "kind")
#: Largest dictionary page written (bytes): room for about 10 million node ids.
DICTIONARY_PAGE_BYTES = 256 * 1024**2


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - pyarrow is a dependency; a broken install
        msg = "reading or writing Parquet needs pyarrow: pip install pyarrow"
        raise DataFileError([Problem(msg)], header="Parquet is not available") from None
    return pa


def _kind_values() -> list[str]:
    from selfhelp_exchange.catalogue import ExchangeKind

    return [k.value for k in sorted(ExchangeKind, key=lambda k: k.code)]


def _role_values() -> list[str]:
    return [r.value for r in ROLE_ORDER]


@needs_network
@without_gc_pauses
def write_parquet(
    net: ExchangeNetwork, path: str | os.PathLike[str], *, compression: str = "zstd"
) -> None:
    """Write the network to one Parquet file: typed exchange columns, records in its metadata.

    Parameters
    ----------
    net : ExchangeNetwork
    path : str or path-like
        The file to write (replaced if it exists).
    compression : str
        Parquet compression codec (``"zstd"``, the default, ``"snappy"``, ``"gzip"``,
        ``"none"``); this library's choice of default: zstd gives the smallest files at a
        speed close to snappy's.

    Raises
    ------
    DataFileError
        If a text (a node id, an attribute) holds a lone surrogate, which Parquet's UTF-8
        strings cannot carry, or the file cannot be written. Nothing is left at ``path`` then.

    See Also
    --------
    read_parquet : reads the file back to an equal network.
    write : chooses the writer by the path's suffix.

    Notes
    -----
    Every field round-trips: ``read_parquet(p) == net`` after ``write_parquet(net, p)``. See
    :mod:`selfhelp_exchange.io.parquet` for the columns and the metadata.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pyarrow.parquet as pq
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "riverside.parquet"
    >>> shx.write_parquet(net, p)
    >>> shx.read_parquet(p) == net
    True
    >>> pq.read_table(p).column("kind").type
    DictionaryType(dictionary<values=string, indices=int8, ordered=0>)
    """
    write_file(net, path, compression=compression)


def write_file(
    net: ExchangeNetwork,
    path: str | os.PathLike[str],
    *,
    compression: str = "zstd",
    records: bool = True,
) -> None:
    """:func:`write_parquet`; ``records=False`` leaves the records out (a dataset's partition)."""
    pa = _pyarrow()
    import pyarrow.parquet as pq

    from selfhelp_exchange import __version__

    p = Path(path)
    x = net.arrays
    try:
        ids = pa.array(net.node_ids.tolist(), type=pa.string())
        columns: dict[str, Any] = {}
        for name in _COLUMNS:
            if name in _NODE_COLUMNS:
                columns[name] = pa.DictionaryArray.from_arrays(getattr(x, name), ids)
            elif name in _ROLE_COLUMNS:
                codes = getattr(x, name)
                roles = pa.array(_role_values(), type=pa.string())
                columns[name] = pa.DictionaryArray.from_arrays(
                    pa.array(codes, mask=codes == NO_ROLE), roles
                )
            elif name == "kind":
                kinds = pa.array(_kind_values(), type=pa.string())
                columns[name] = pa.DictionaryArray.from_arrays(x.kind, kinds)
            elif name == "weight":
                columns[name] = pa.array(x.weight, type=pa.float64())
            else:
                columns[name] = pa.array(getattr(x, name), type=pa.date32(), from_pandas=True)
        ea = net.exchange_attributes
        if ea is not None:
            texts = [json.dumps(dict(a), ensure_ascii=False) if a else None for a in ea]
            columns["attributes"] = pa.array(texts, type=pa.string())
        table = pa.table(columns)
    except (UnicodeEncodeError, pa.ArrowException) as exc:
        msg = f"a text cannot be stored as UTF-8 (a lone surrogate?): {exc}"
        raise DataFileError([Problem(msg, file=str(p))], header="cannot be written") from None
    metadata = {
        _KEY + "format": FORMAT,
        _KEY + "schema": str(SCHEMA),
        _KEY + "version": __version__,
    }
    tables: dict[str, bytes] = {}
    if records:
        tables, left = write_sections(net)
        layout: dict[str, Any] = {"format": FORMAT, "version": VERSION}
        layout.update({s: plain_records(getattr(net, s)) for s in left})
        if net.observations:
            layout["observations"] = [to_plain(o) for o in net.observations]
        # ASCII escapes keep a lone surrogate in a record exactly (it reads back unchanged)
        metadata[_KEY + "records"] = json.dumps(layout, ensure_ascii=True, allow_nan=False)
    try:
        with pq.ParquetWriter(
            p,
            table.schema,
            compression=compression,
            write_page_checksum=True,
            # every node id in one dictionary page (the default 1 MiB holds ~100,000 ids):
            # past it the writer falls back to writing each exchange's ids as text
            dictionary_pagesize_limit=DICTIONARY_PAGE_BYTES,
        ) as writer:
            writer.write_table(table)
            writer.add_key_value_metadata({**metadata, **tables})
    except (OSError, pa.ArrowException) as exc:
        p.unlink(missing_ok=True)
        raise DataFileError([Problem(f"cannot be written: {exc}", file=str(p))]) from None
    finally:
        # Arrow keeps freed memory for reuse; a writer's is not needed by what comes next
        pa.default_memory_pool().release_unused()


@without_gc_pauses
def read_parquet(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS
) -> ExchangeNetwork:
    """Read a network written by :func:`write_parquet`.

    Parameters
    ----------
    path : str or path-like
    max_bytes : int
        A larger file is refused before it is read (default 2 GiB, as for JSON and tables;
        this library's convention).
    max_rows : int
        A file with more exchanges is refused before they are read (default 100 million, as
        for a table).

    Returns
    -------
    ExchangeNetwork

    Raises
    ------
    DataFileError
        Listing every problem, each with the file, the column (``exchanges`` is the sheet) and
        the value: a file that is not Parquet or is damaged, a Parquet file not written by
        this library (no ``selfhelp_exchange.*`` metadata), a layout version it does not know,
        missing, unknown or mistyped columns, empty cells where a value is required, ids that
        are not nodes, unknown kinds or roles, invalid weights or dates, invalid records; a
        file over ``max_bytes`` or with more than ``max_rows`` exchanges.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import selfhelp_exchange as shx
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "notes.parquet"
    >>> _ = p.write_text("not parquet")
    >>> shx.read_parquet(p)
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.DataFileError: the data file cannot be read (1 problem):
      - file ...notes.parquet: not a Parquet file, or a damaged one (...)
    """
    pa = _pyarrow()
    import pyarrow.parquet as pq

    p = Path(path)
    file = str(p)
    limits: tuple[tuple[str, object], ...] = (("max_bytes", max_bytes), ("max_rows", max_rows))
    for name, value in limits:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            msg = f"{name} must be a whole number >= 1 (got {value!r})"
            raise DataFileError([Problem(msg)], header="the read limits are not valid")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise DataFileError(
            [Problem(f"cannot be read: {exc.strerror or exc}", file=file)]
        ) from None
    if size > max_bytes:
        msg = (
            f"the file is {size:,} bytes, over the limit of {max_bytes:,} (raise max_bytes to "
            "read it)"
        )
        raise DataFileError([Problem(msg, file=file)])
    limit = max(size, 1024)  # the footer is inside the file: no text in it is longer
    try:
        pf = pq.ParquetFile(
            p,
            thrift_string_size_limit=limit,
            page_checksum_verification=True,  # a flipped byte in the data is found, not read
        )
        meta = pf.metadata
        schema = pf.schema_arrow
    # a column name that is not UTF-8 (a damaged footer) fails as a UnicodeDecodeError
    except (OSError, UnicodeDecodeError, pa.ArrowException) as exc:
        msg = f"not a Parquet file, or a damaged one ({exc})"
        raise DataFileError([Problem(msg, file=file)]) from None
    kv = {k.decode("utf-8", "replace"): v for k, v in (meta.metadata or {}).items()}
    records = _check_metadata(kv, file)
    _check_schema(schema, file)
    sections = read_sections(kv, file)
    pa.default_memory_pool().release_unused()  # the record tables' Arrow memory
    for section, rows in sections.items():
        if records.get(section):
            msg = "the records are given twice: as a table and as JSON"
            raise DataFileError([Problem(msg, file=file, sheet=section)])
        records[section] = rows
    if meta.num_rows > max_rows:
        msg = (
            f"the file has {meta.num_rows:,} exchanges, over the limit of {max_rows:,} (raise "
            "max_rows to read it)"
        )
        raise DataFileError([Problem(msg, file=file, sheet="exchanges")])
    nodes = network_from_dict(records, file=file)
    node_ids = pa.array(nodes.node_ids.tolist(), type=pa.string())
    problems: list[Problem] = []
    try:
        # one column at a time: Arrow's decoded copy of the whole table is never held
        cols = exchange_columns(_column_reader(pf), node_ids, file, problems)
        attributes = None
        if "attributes" in schema.names:
            attributes = _attributes(pf.read(columns=["attributes"]).column(0), file, problems)
    except (OSError, UnicodeDecodeError, pa.ArrowException) as exc:
        msg = f"the exchanges cannot be read: the file is damaged ({exc})"
        raise DataFileError([Problem(msg, file=file, sheet="exchanges")]) from None
    if problems:
        raise DataFileError(problems)
    try:
        # the records were checked as the nodes network was built: only the exchanges now
        net = nodes._with_exchanges(attributes=attributes, **cols)
    except NetworkValidationError as exc:
        raise DataFileError(
            [attrs.evolve(p, file=file, sheet="exchanges") for p in exc.problems]
        ) from None
    return net


def _column_reader(pf: Any) -> Callable[[str], Any]:
    pool = _pyarrow().default_memory_pool()

    def column(name: str) -> Any:
        # the previous column's Arrow memory is free by now: give it back, so that the
        # resident memory of a read stays near what it keeps
        pool.release_unused()
        return pf.read(columns=[name]).column(0)

    return column


def exchange_columns(
    column: Callable[[str], Any], node_ids: Any, file: str, problems: list[Problem]
) -> dict[str, npt.NDArray[Any]]:
    """The exchange columns (``column(name)``: an Arrow column) as numpy arrays of codes.

    Problems are noted in ``problems``.
    Node columns become positions in ``node_ids`` (an Arrow string array), kinds and roles
    their codes (-1 for no role), dates ``datetime64[D]`` (NaT for null).
    """
    pa = _pyarrow()
    cols: dict[str, npt.NDArray[Any]] = {}
    for name in _COLUMNS:
        col = column(name)
        if name in _CODED and not pa.types.is_dictionary(col.type):
            # written by another program: each distinct text is still looked up once
            col = col.dictionary_encode()
        if name in _NODE_COLUMNS:
            cols[name] = _codes(col, node_ids, np.int32, name, file, problems, "node")
        elif name in _ROLE_COLUMNS:
            values = pa.array(_role_values(), type=pa.string())
            cols[name] = _codes(col, values, np.int8, name, file, problems, "role", True)
        elif name == "kind":
            values = pa.array(_kind_values(), type=pa.string())
            cols[name] = _codes(col, values, np.int8, name, file, problems, "kind")
        elif name == "weight":
            cols[name] = _required(col, name, file, problems).to_numpy()
        else:
            cols[name] = col.to_numpy().astype("datetime64[D]", copy=False)
    return cols


def _check_metadata(kv: Mapping[str, bytes], file: str) -> dict[str, Any]:
    """The records from the file's metadata, after checking it is this library's file."""
    if kv.get(_KEY + "format") != FORMAT.encode():
        msg = (
            "a Parquet file, but not one written by selfhelp-exchange (its metadata has no "
            f"'{_KEY}format' = {FORMAT!r}); write it with write_parquet, or read the columns "
            "with pandas and build the network with ExchangeNetwork.from_frames"
        )
        raise DataFileError([Problem(msg, file=file)])
    schema = kv.get(_KEY + "schema", b"")
    if schema not in _READABLE:
        version = kv.get(_KEY + "version", b"?").decode("utf-8", "replace")
        msg = (
            f"layout version {schema.decode('utf-8', 'replace')!r} (written by "
            f"selfhelp-exchange {version}) is not supported (valid: 1, {SCHEMA}); read it with the "
            "version that wrote it and save it as JSON"
        )
        raise DataFileError([Problem(msg, file=file)])
    try:
        records = json.loads(kv.get(_KEY + "records", b"{}"))
    except ValueError as exc:
        msg = f"the records in the metadata are not valid JSON: {exc}"
        raise DataFileError([Problem(msg, file=file, column=_KEY + "records")]) from None
    if not isinstance(records, dict) or "exchanges" in records:
        msg = "the records in the metadata must be a JSON object without 'exchanges'"
        raise DataFileError([Problem(msg, file=file, column=_KEY + "records")])
    return records


def _check_schema(schema: Any, file: str) -> None:
    pa = _pyarrow()
    problems = []
    expected = {
        **dict.fromkeys((*_NODE_COLUMNS, *_ROLE_COLUMNS, "kind", *_OPTIONAL), "text"),
        "weight": "a floating-point number",
        "start": "a date (date32)",
        "end": "a date (date32)",
    }
    for name in schema.names:
        if name not in expected:
            valid = ", ".join((*_COLUMNS, *_OPTIONAL))
            problems.append(
                Problem(
                    f"unknown column (valid: {valid})", file=file, sheet="exchanges", column=name
                )
            )
    if len(set(schema.names)) != len(schema.names):
        problems.append(Problem("a column name appears twice", file=file, sheet="exchanges"))
    for name in (*_COLUMNS, *_OPTIONAL):
        if name not in schema.names:
            if name not in _OPTIONAL:
                msg = "the column is missing"
                problems.append(Problem(msg, file=file, sheet="exchanges", column=name))
            continue
        t = schema.field(name).type
        if pa.types.is_dictionary(t):
            t = t.value_type
        ok = {
            "text": pa.types.is_string(t) or pa.types.is_large_string(t),
            "a floating-point number": pa.types.is_float64(t),
            "a date (date32)": pa.types.is_date32(t),
        }[expected[name]]
        if not ok:
            msg = f"the column holds {t}, not {expected[name]}"
            problems.append(Problem(msg, file=file, sheet="exchanges", column=name))
    if problems:
        raise DataFileError(problems)


def _required(col: Any, name: str, file: str, problems: list[Problem]) -> Any:
    if col.null_count:
        import pyarrow.compute as pc

        rows = np.flatnonzero(pc.is_null(col).to_numpy(zero_copy_only=False))
        problems.extend(
            Problem(
                "a value is required",
                exchange=int(i),
                file=file,
                sheet="exchanges",
                column=name,
            )
            for i in rows[:10]
        )
        if len(rows) > 10:
            msg = f"{len(rows) - 10:,} more empty cells"
            problems.append(Problem(msg, file=file, sheet="exchanges", column=name))
    return col


def _codes(
    col: Any,
    values: Any,
    dtype: type[np.integer[Any]],
    name: str,
    file: str,
    problems: list[Problem],
    what: str,
    nullable: bool = False,
) -> npt.NDArray[Any]:
    """Positions in ``values`` of a dictionary column's texts (-1 for null where allowed)."""
    import pyarrow.compute as pc

    if not nullable:
        _required(col, name, file, problems)
    out = np.empty(len(col), dtype=dtype)
    at = 0
    for chunk in col.chunks:
        # each chunk's dictionary is looked up once, then its indices gather the positions
        pos = pc.index_in(chunk.dictionary, value_set=values)
        unknown = np.flatnonzero(pos.is_null().to_numpy(zero_copy_only=False))
        # a null (a role not given) points one past the dictionary, at NO_ROLE
        indices = chunk.indices.fill_null(len(chunk.dictionary)).to_numpy(zero_copy_only=False)
        used = np.zeros(len(chunk.dictionary) + 1, dtype=bool)
        used[indices] = True
        for k in unknown[used[unknown]][:10].tolist():
            text = chunk.dictionary[k].as_py()
            msg = f"{text!r} is not an agency, group or community actor of the network"
            if what != "node":
                msg = f"{text!r} is not a valid {what} (valid: {', '.join(values.to_pylist())})"
            problems.append(Problem(msg, file=file, sheet="exchanges", column=name, value=text))
        lookup = np.append(pos.fill_null(NO_ROLE).to_numpy(zero_copy_only=False), NO_ROLE)
        out[at : at + len(chunk)] = lookup.astype(dtype)[indices]
        at += len(chunk)
    return out


def _attributes(col: Any, file: str, problems: list[Problem]) -> list[Attributes]:
    out: list[Attributes] = []
    empty = Attributes({})
    for i, text in enumerate(col.to_pylist()):
        if text is None:
            out.append(empty)
            continue
        try:
            value = json.loads(text)
            if not isinstance(value, dict):
                msg = f"a JSON object is required (got {type(value).__name__})"
                raise TypeError(msg)
            out.append(Attributes(value))
        except (ValueError, TypeError) as exc:
            problems.append(
                Problem(
                    f"the attributes are not valid: {exc}",
                    exchange=int(i),
                    file=file,
                    sheet="exchanges",
                    column="attributes",
                    value=text,
                )
            )
    return out
