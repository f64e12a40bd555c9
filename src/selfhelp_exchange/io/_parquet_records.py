"""The record tables of a Parquet file (layout 2), in the file's key-value metadata.

Agencies, groups, actors and initiatives are typed Arrow columns, each table an Arrow IPC
stream.

Layout 1 held every record as JSON text in one metadata value: 102 MB of text at national
scale (254,000 records), whose ``json.dumps`` and ``json.loads`` took about 5 s of a round
trip. Layout 2 holds one table per record type, with a CRC-32 of its bytes, so a damaged byte in
a record is found rather than read as another value (Parquet's page checksums cover the
exchange columns, not the metadata). The bytes are base64 text, as pyarrow keeps its own schema
in the same place (an IPC message under ``ARROW:schema``): readers in other languages take
metadata values as strings.

==============  ===========================================================================
section         columns
==============  ===========================================================================
agencies        id, name, sector, location (struct), attributes (JSON text)
groups          id, name, group_type, fellowship, focus, approach, meeting_place, admission,
                timing, facilitation, locations (list of struct), meetings (JSON text),
                attributes (JSON text), activities (list of text)
actors          id, name, kind, attributes (JSON text)
initiatives     id, kind, sponsors (list of text), audiences (list of text), date (date32),
                name, attributes (JSON text)
==============  ===========================================================================

Each column holds the record field's plain value (:func:`~selfhelp_exchange._serialize.to_plain`);
free attributes and meetings are JSON text, null when there are none. A section whose text
cannot be UTF-8 (a lone surrogate) stays as JSON in ``selfhelp_exchange.records``, whose ASCII
escapes carry it exactly. Reading turns the columns back into the plain dicts the JSON reader
takes, so every check and message of :func:`~selfhelp_exchange.read_json` applies.
"""

from __future__ import annotations

import base64
import functools
import json
import zlib
from collections.abc import Mapping, Sequence
from typing import Any

from selfhelp_exchange._fastrecords import plain_records, record_from_plain
from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._reading import KeyLog, reject_constant
from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["SECTIONS", "read_sections", "write_sections"]

KEY = "selfhelp_exchange.table."
CHECKSUMS = "selfhelp_exchange.table_crc32"
SECTIONS = ("agencies", "groups", "actors", "initiatives")
_JSON = "json"  # a column of JSON text: attributes and meetings


def _types() -> dict[str, dict[str, Any]]:
    import pyarrow as pa

    text = pa.string()
    location = pa.struct(
        [
            ("address", text),
            ("city", text),
            ("state", text),
            ("postal_code", text),
            ("country", text),
            ("latitude", pa.float64()),
            ("longitude", pa.float64()),
            ("name", text),
        ]
    )
    texts = pa.list_(text)
    return {
        "agencies": {
            "id": text,
            "name": text,
            "sector": text,
            "location": location,
            "attributes": _JSON,
        },
        "groups": {
            "id": text,
            "name": text,
            "group_type": text,
            "fellowship": text,
            "focus": text,
            "approach": text,
            "meeting_place": text,
            "admission": text,
            "timing": text,
            "facilitation": text,
            "locations": pa.list_(location),
            "meetings": _JSON,
            "attributes": _JSON,
            "activities": texts,
        },
        "actors": {"id": text, "name": text, "kind": text, "attributes": _JSON},
        "initiatives": {
            "id": text,
            "kind": text,
            "sponsors": texts,
            "audiences": texts,
            "date": pa.date32(),
            "name": text,
            "attributes": _JSON,
        },
    }


def _json_text(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False, allow_nan=False) if value else None


def _table(section: str, records: Sequence[Any]) -> Any:
    """The Arrow table of one section's records (UnicodeEncodeError: a text is not UTF-8).

    The records are made plain a batch at a time: the dicts of a whole section are never held.
    """
    import pyarrow as pa

    batches = [
        _batch(section, plain_records(records[lo : lo + _BATCH_ROWS]))
        for lo in range(0, len(records), _BATCH_ROWS)
    ]
    if not batches:
        batches = [_batch(section, [])]
    return pa.Table.from_batches(batches)


def _batch(section: str, plain: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    columns = {}
    for name, kind in _types()[section].items():
        values = [d[name] for d in plain]
        if kind == _JSON:
            columns[name] = pa.array([_json_text(v) for v in values], type=pa.string())
        elif name == "date":  # ISO text, as to_plain writes it
            columns[name] = pa.array(values, type=pa.string()).cast(pa.date32())
        else:
            columns[name] = pa.array(values, type=kind)
    return pa.RecordBatch.from_pydict(columns)


def _ipc(table: Any) -> bytes:
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue())


def write_sections(net: ExchangeNetwork) -> tuple[dict[str, bytes], list[str]]:
    """The metadata entries of the record tables, and the sections left to the JSON."""
    import pyarrow as pa

    entries: dict[str, bytes] = {}
    left: list[str] = []
    sums: dict[str, int] = {}
    for section in SECTIONS:
        records = getattr(net, section)
        try:
            data = _ipc(_table(section, records))
        except (UnicodeEncodeError, pa.ArrowException):
            left.append(section)  # a lone surrogate: JSON's ASCII escapes keep it exactly
            continue
        entries[KEY + section] = base64.b64encode(data)
        sums[section] = zlib.crc32(data)
    entries[CHECKSUMS] = json.dumps(sums).encode()
    return entries, left


def read_sections(kv: Mapping[str, bytes], file: str) -> dict[str, list[Any]]:
    """Each record table of the metadata as a list of records, by section.

    A row the fast path of :mod:`selfhelp_exchange._fastrecords` does not take is left as its
    plain dict, for the JSON reader's records step to build (and report) as it does any.

    Raises
    ------
    DataFileError
        A table whose bytes do not match their checksum, that Arrow cannot read, or whose
        columns are not the layout's (named, with what was expected).
    """
    import pyarrow as pa

    tables = [s for s in SECTIONS if KEY + s in kv]
    if not tables:
        return {}
    column = CHECKSUMS
    try:
        sums = json.loads(kv.get(CHECKSUMS, b"{}"), parse_constant=reject_constant)
    except ValueError as exc:
        msg = f"the record checksums are not valid: {exc}"
        raise DataFileError([Problem(msg, file=file, column=column)]) from None
    if not isinstance(sums, dict):
        msg = "the record checksums are not valid: not a JSON object"
        raise DataFileError([Problem(msg, file=file, column=column)])
    out: dict[str, list[Any]] = {}
    problems: list[Problem] = []
    types = _types()
    for section in tables:
        where = functools.partial(Problem, file=file, sheet=section, column=KEY + section)
        try:
            data = base64.b64decode(kv[KEY + section], validate=True)
        except ValueError:
            problems.append(where("the record table is not base64 text"))
            continue
        if sums.get(section) != zlib.crc32(data):
            msg = "the record table is damaged (its bytes do not match their CRC-32 checksum)"
            problems.append(where(msg))
            continue
        try:
            table = pa.ipc.open_stream(pa.py_buffer(data)).read_all()
        except (pa.ArrowException, OSError) as exc:
            problems.append(where(f"the record table cannot be read: {exc}"))
            continue
        expected = types[section]
        wrong = _wrong_columns(table.schema, expected)
        if wrong:
            problems.extend(Problem(m, file=file, sheet=section, column=c) for c, m in wrong)
            continue
        out[section] = _rows(table, expected, section, file, problems)
    if problems:
        raise DataFileError(problems)
    return out


def _wrong_columns(schema: Any, expected: Mapping[str, Any]) -> list[tuple[str, str]]:
    import pyarrow as pa

    wrong = []
    if len(set(schema.names)) != len(schema.names):
        wrong.append(("", "a column name appears twice"))
    for name in schema.names:
        if name not in expected:
            wrong.append((name, f"unknown column (valid: {', '.join(expected)})"))
    for name, kind in expected.items():
        if name not in schema.names:
            wrong.append((name, "the column is missing"))
            continue
        want = pa.string() if kind == _JSON else kind
        got = schema.field(name).type
        if got != want:
            wrong.append((name, f"the column holds {got}, not {want}"))
    return wrong


#: Rows turned into plain dicts at a time: the dicts of a whole section (400 MB for 200,000
#: groups) are never held, only the records they become.
_BATCH_ROWS = 8192
_KINDS = {"agencies": "agency", "groups": "group", "actors": "actor", "initiatives": "initiative"}


def _rows(
    table: Any, expected: Mapping[str, Any], section: str, file: str, problems: list[Problem]
) -> list[Any]:
    kind = _KINDS[section]
    names = list(expected)
    parsed: dict[str, dict[str, Any]] = {name: {} for name in names}
    out: list[Any] = []
    for batch in table.to_batches(max_chunksize=_BATCH_ROWS):
        columns: list[list[Any]] = []
        for name, column_kind in expected.items():
            values = batch.column(name).to_pylist()
            if column_kind == _JSON:
                values = _parse_column(
                    values, name, section, file, problems, parsed[name], len(out)
                )
            elif name == "date":
                values = [None if v is None else v.isoformat() for v in values]
            columns.append(values)
        for row in zip(*columns, strict=True):
            plain = dict(zip(names, row, strict=True))
            record = record_from_plain(kind, plain)
            out.append(plain if record is None else record)
    return out


def _parse_column(
    texts: list[str | None],
    name: str,
    section: str,
    file: str,
    problems: list[Problem],
    parsed: dict[str, Any],
    first: int,
) -> list[Any]:
    """Each JSON text parsed (null: none); a text repeated (``{"region": "R2"}``) is parsed once.

    ``parsed`` holds the texts parsed so far; ``first`` is the first text's row. The values are
    shared between the rows that repeat a text: the records copy them.
    """
    kind: type = list if name == "meetings" else dict
    what = "JSON list" if kind is list else "JSON object"
    keys = KeyLog()
    decoder = json.JSONDecoder(parse_constant=reject_constant, object_pairs_hook=keys)
    out: list[Any] = []
    for i, text in enumerate(texts):
        if text is None:
            out.append(kind())
            continue
        value = parsed.get(text)
        if value is None:
            problem = None
            try:
                value = decoder.decode(text)
            except (ValueError, RecursionError) as exc:
                problem = f"is not valid JSON ({exc})"
            if keys.repeated:
                problem = f"gives {keys.repeated[0]!r} more than once"
                keys.repeated.clear()
            elif problem is None and not isinstance(value, kind):
                problem = f"must be a {what} (got {text!r})"
            if problem is not None:
                msg = f"item {first + i}: {name!r} {problem}"
                problems.append(Problem(msg, file=file, sheet=section, column=name, value=text))
                out.append(kind())
                continue
            parsed[text] = value
        out.append(value)
    return out
