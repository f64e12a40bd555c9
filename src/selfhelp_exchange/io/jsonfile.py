"""JSON files: one object holding every record; exchanges stored column-wise for speed.

The layout::

    {"format": "selfhelp-exchange", "version": 1,
     "agencies": [{...}], "groups": [{...}], "actors": [{...}], "initiatives": [{...}],
     "observations": [{...}],  # only when the network has observations
     "self_assessment": [{...}]}  # optional: an evaluator's answers (read_self_assessment)
     "exchanges": {"source": [...], "source_role": [...], "target": [...], "target_role": [...],
                   "kind": [...], "weight": [...], "start": [...], "end": [...],
                   "attributes": [...]}}

``exchanges`` may also be a list of exchange objects (as :func:`to_plain` writes them), which is
easier to type by hand; both read to the same network.

Speed at scale: :func:`write_json` writes the exchange columns one at a time, each gathered
by Arrow from the JSON text of its distinct values. :func:`read_json` first tries :mod:`._jsonfast`, which reads
the exchange columns of a file in exactly the writer's layout without a Python object per
value; on anything else, and on any problem, it steps aside and the strict path here reads the
file and reports every problem.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Mapping
from typing import IO, Any

import numpy as np

from selfhelp_exchange._bulk import without_gc_pauses
from selfhelp_exchange._fastrecords import record_from_plain
from selfhelp_exchange._serialize import RECORD_TYPES, from_plain
from selfhelp_exchange.duplicates import DUPLICATE_ADVICE, duplicate_exchanges
from selfhelp_exchange.exceptions import (
    DataFileError,
    NetworkValidationError,
    Problem,
    RecordError,
)
from selfhelp_exchange.io._jsonwrite import FORMAT, VERSION, network_to_dict, write_json
from selfhelp_exchange.io._reading import (
    MAX_BYTES as _NETWORK_MAX_BYTES,
)
from selfhelp_exchange.io._reading import (
    KeyLog,
    loads_json,
    read_text,
    reject_constant,
)
from selfhelp_exchange.network import NO_ROLE, ExchangeNetwork
from selfhelp_exchange.records import Attributes

__all__ = ["network_from_dict", "network_to_dict", "read_json", "write_json"]

#: JSON files larger than this are refused before parsing (bytes); override with ``max_bytes``.
#: The one limit of every network reader (JSON, GraphML, tables, Parquet), set in one place.
MAX_BYTES = _NETWORK_MAX_BYTES

_SECTIONS = ("agencies", "groups", "actors", "exchanges", "initiatives", "observations")
_RECORD_KIND = {
    "agencies": "agency",
    "groups": "group",
    "actors": "actor",
    "initiatives": "initiative",
    "observations": "observation",
}
_EXCHANGE_COLUMNS = (
    "source",
    "source_role",
    "target",
    "target_role",
    "kind",
    "weight",
    "start",
    "end",
)


def network_from_dict(data: Any, *, file: str | None = None) -> ExchangeNetwork:
    """The network a :func:`network_to_dict` dict describes.

    Raises
    ------
    DataFileError
        Listing every problem, each with its section, item and field.
    """
    problems: list[Problem] = []
    records = _records(data, file, problems)
    late: list[Problem] = []
    columns, attrs_list = _exchange_columns(data.get("exchanges", []), file, problems, late)
    if problems:
        raise DataFileError(problems + late)
    try:
        net = ExchangeNetwork.from_arrays(
            agencies=records["agencies"],
            groups=records["groups"],
            actors=records["actors"],
            initiatives=records["initiatives"],
            observations=records["observations"],
            attributes=attrs_list,
            **columns,
        )
    except NetworkValidationError as exc:
        raise DataFileError(
            late
            + [
                Problem(
                    p.message,
                    file=file,
                    sheet=(
                        "observations"
                        if p.column in ("subject", "rater")
                        else "exchanges"
                        if p.column
                        else None
                    ),
                    column=p.column,
                    value=p.value,
                    exchange=p.exchange,
                )
                for p in exc.problems
            ]
        ) from None
    if late:
        raise DataFileError(late)
    return net


def _records(data: Any, file: str | None, problems: list[Problem]) -> dict[str, list[Any]]:
    """The records of every section but the exchanges; the header's and records' problems."""
    if not isinstance(data, Mapping):
        raise DataFileError(
            [
                Problem(
                    f"the top level must be a JSON object (got {type(data).__name__})", file=file
                )
            ]
        )
    if data.get("format", FORMAT) != FORMAT:
        problems.append(
            Problem(
                f"'format' must be {FORMAT!r} (got {data.get('format')!r})",
                file=file,
                column="format",
            )
        )
    version = data.get("version", VERSION)
    if version != VERSION:
        problems.append(
            Problem(
                f"'version' {version!r} is not supported (valid: {VERSION})",
                file=file,
                column="version",
            )
        )
    # "self_assessment" holds an evaluator's answers, read by read_self_assessment, not here
    unknown = sorted(set(data) - {*_SECTIONS, "format", "version", "self_assessment"})
    problems.extend(
        Problem(
            f"unknown top-level key (valid: {', '.join(_SECTIONS)}, self_assessment, format, "
            "version)",
            file=file,
            column=str(k),
        )
        for k in unknown
    )
    records: dict[str, list[Any]] = {}
    for section, kind in _RECORD_KIND.items():
        items = data.get(section, [])
        if not isinstance(items, list):
            problems.append(
                Problem(
                    f"{section!r} must be a list (got {type(items).__name__})",
                    file=file,
                    sheet=section,
                )
            )
            items = []
        records[section] = []
        built = RECORD_TYPES[kind]
        for i, item in enumerate(items):
            if type(item) is built:  # built already (a Parquet file's record tables)
                records[section].append(item)
                continue
            if not isinstance(item, Mapping):
                problems.append(
                    Problem(
                        f"item {i} must be an object (got {type(item).__name__})",
                        file=file,
                        sheet=section,
                        value=item,
                    )
                )
                continue
            try:
                rec = record_from_plain(kind, item)  # None: not in the canonical form
                if rec is None:
                    rec = from_plain(kind, _to_records(kind, item))
                records[section].append(rec)
            except (RecordError, TypeError) as exc:
                problems.append(
                    Problem(
                        f"item {i} (id {item.get('id')!r}): {exc}",
                        file=file,
                        sheet=section,
                        value=item.get("id"),
                    )
                )
    return records


def _to_records(kind: str, item: Mapping[str, Any]) -> dict[str, Any]:
    """Nested plain values back into the shapes the record converters accept."""
    out = dict(item)
    if kind == "initiative":
        out.setdefault("audiences", ())
    return out


def _exchange_columns(
    raw: Any, file: str | None, problems: list[Problem], late: list[Problem]
) -> tuple[dict[str, Any], list[Attributes] | None]:
    if isinstance(raw, list):  # a list of exchange objects
        cols: dict[str, list[Any]] = {c: [] for c in _EXCHANGE_COLUMNS}
        attrs_list: list[Attributes] | None = []
        for i, item in enumerate(raw):
            if not isinstance(item, Mapping):
                problems.append(
                    Problem(
                        f"item {i} must be an object (got {type(item).__name__})",
                        file=file,
                        sheet="exchanges",
                    )
                )
                continue
            unknown = sorted(
                set(item) - {"source", "target", "kind", "weight", "start", "end", "attributes"}
            )
            if unknown or not {"source", "target", "kind"} <= set(item):
                problems.append(
                    Problem(
                        f"item {i}: needs 'source', 'target' and 'kind'; may have 'weight', 'start', 'end', "
                        f"'attributes' (unknown: {unknown})",
                        file=file,
                        sheet="exchanges",
                    )
                )
                continue
            try:
                rec = from_plain("exchange", item)
            except (RecordError, TypeError) as exc:
                problems.append(Problem(f"item {i}: {exc}", file=file, sheet="exchanges"))
                continue
            for side in ("source", "target"):
                ep = getattr(rec, side)
                cols[side].append(ep if isinstance(ep, str) else ep[0])
                cols[f"{side}_role"].append(None if isinstance(ep, str) else ep[1].value)
            cols["kind"].append(rec.kind.value)
            cols["weight"].append(rec.weight)
            cols["start"].append(None if rec.start is None else rec.start.isoformat())
            cols["end"].append(None if rec.end is None else rec.end.isoformat())
            attrs_list.append(rec.attributes)  # type: ignore[union-attr]  # a list in this branch
        return _as_arrays(cols), attrs_list
    if not isinstance(raw, Mapping):
        problems.append(
            Problem(
                f"'exchanges' must be an object of columns or a list (got {type(raw).__name__})",
                file=file,
                sheet="exchanges",
            )
        )
        return _as_arrays({c: [] for c in _EXCHANGE_COLUMNS}), None
    unknown = sorted(set(raw) - {*_EXCHANGE_COLUMNS, "attributes"})
    problems.extend(
        Problem(
            f"unknown column (valid: {', '.join(_EXCHANGE_COLUMNS)}, attributes)",
            file=file,
            sheet="exchanges",
            column=str(c),
        )
        for c in unknown
    )
    source = raw.get("source")
    n = len(source) if isinstance(source, list) else 0
    cols = {}
    for c in _EXCHANGE_COLUMNS:
        col = raw.get(c)
        if col is None:
            if c in ("source", "target", "kind"):
                problems.append(
                    Problem("required column is missing", file=file, sheet="exchanges", column=c)
                )
            col = [None] * n if c != "weight" else [1.0] * n
        if not isinstance(col, list) or len(col) != n:
            problems.append(
                Problem(
                    f"must be a list of {n} values, one per exchange",
                    file=file,
                    sheet="exchanges",
                    column=c,
                )
            )
            col = [None] * n if c != "weight" else [1.0] * n
        cols[c] = col
    # the usual case, checked in C: every value of a column has exactly the expected type
    text_columns = (
        (("source", "target", "kind"), {str}, "a string"),
        (("source_role", "target_role", "start", "end"), {str, type(None)}, "a string or null"),
    )
    for names, allowed, what in text_columns:
        for c in names:
            if set(map(type, cols[c])) <= allowed:
                continue
            problems.extend(
                Problem(
                    f"must be {what} (got {v!r})",
                    exchange=int(i),
                    file=file,
                    sheet="exchanges",
                    column=c,
                    value=v,
                )
                for i, v in enumerate(cols[c])
                if type(v) not in allowed and not isinstance(v, str)
            )
    weights = cols["weight"]
    types = set(map(type, weights))
    if types <= {int, float}:
        # the usual case: only whole numbers too large for a float need a closer look
        suspects: Any = (
            [i for i, v in enumerate(weights) if type(v) is int and not -1e308 < v < 1e308]
            if int in types
            else ()
        )
    else:
        suspects = range(len(weights))
    for i in suspects:
        v = weights[i]
        if isinstance(v, bool) or not isinstance(v, int | float):
            problems.append(
                Problem(
                    f"must be a number (got {v!r})",
                    exchange=int(i),
                    file=file,
                    sheet="exchanges",
                    column="weight",
                    value=v,
                )
            )
        elif isinstance(v, int) and not _fits_float(v):
            problems.append(
                Problem(
                    f"must be a finite number >= 0 (got a whole number of "
                    f"{len(str(abs(v)))} digits, too large for a float)",
                    exchange=int(i),
                    file=file,
                    sheet="exchanges",
                    column="weight",
                )
            )
    for c in ("start", "end"):
        bad_dates = _date_problems(cols[c], c, file)
        if bad_dates:  # reported with the network's own problems, not instead of them
            bad = {p.exchange for p in bad_dates}
            cols[c] = [None if i in bad else v for i, v in enumerate(cols[c])]
            late.extend(bad_dates)
    attrs_raw = raw.get("attributes")
    attrs_list = None
    if attrs_raw is not None:
        if not isinstance(attrs_raw, list) or len(attrs_raw) != n:
            problems.append(
                Problem(
                    f"must be null or a list of {n} objects",
                    file=file,
                    sheet="exchanges",
                    column="attributes",
                )
            )
        else:
            attrs_list = []
            for i, a in enumerate(attrs_raw):
                try:
                    if a is not None and not isinstance(a, Mapping):
                        msg = f"must be an object or null (got {type(a).__name__} {a!r})"
                        raise TypeError(msg)  # reported as a problem below
                    attrs_list.append(Attributes(a or {}))
                except (RecordError, TypeError, ValueError) as exc:
                    problems.append(
                        Problem(
                            f"{exc}",
                            exchange=int(i),
                            file=file,
                            sheet="exchanges",
                            column="attributes",
                        )
                    )
    if problems:
        return _as_arrays({c: [] for c in _EXCHANGE_COLUMNS}), None
    return _as_arrays(cols), attrs_list


def _fits_float(value: int) -> bool:
    try:
        float(value)
    except OverflowError:
        return False
    return True


def _date_problems(values: list[Any], column: str, file: str | None) -> list[Problem]:
    """Problems for text that is not exactly a YYYY-MM-DD date (numpy alone reads '2024').

    Each distinct text is checked once (a column of a million dates holds a few hundred days).
    """
    import pandas as pd

    try:  # fromiter: one dimension even when the values are lists
        texts = np.fromiter(values, dtype=object, count=len(values))
        codes, distinct = pd.factorize(texts, use_na_sentinel=True)
    except TypeError:  # an unhashable value (a list, an object), already reported as no text
        texts = np.asarray([v if isinstance(v, str) else None for v in values], dtype=object)
        codes, distinct = pd.factorize(texts, use_na_sentinel=True)
    bad = [
        k for k, v in enumerate(distinct.tolist()) if isinstance(v, str) and not _is_iso_date(v)
    ]
    if not bad:
        return []
    return [
        Problem(
            f"must be a date as YYYY-MM-DD (got {values[i]!r})",
            exchange=int(i),
            file=file,
            sheet="exchanges",
            column=column,
            value=values[i],
        )
        for i in np.flatnonzero(np.isin(codes, bad)).tolist()
    ]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _is_iso_date(text: str) -> bool:
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _as_arrays(cols: Mapping[str, list[Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {c: np.array(v, dtype=object) for c, v in cols.items()}
    out["weight"] = np.array(cols["weight"], dtype=np.float64)
    for c in ("source_role", "target_role"):
        # the values are checked to be strings or None by now, so count(None) is exact
        if cols[c].count(None) == len(cols[c]):
            out[c] = np.full(len(cols[c]), NO_ROLE, dtype=np.int8)
    return out


@without_gc_pauses
def read_json(
    source: str | os.PathLike[str] | IO[str],
    *,
    max_bytes: int = MAX_BYTES,
    allow_duplicates: bool = False,
) -> ExchangeNetwork:
    """Read a network written by :func:`write_json` (or typed by hand in the same layout).

    Parameters
    ----------
    source : path, file object or str
        A path, a text or binary file object, or the JSON text itself (a string starting
        with ``{``).
    max_bytes : int
        Files larger than this (in bytes; for a text stream, in characters) are refused before
        parsing. Default :data:`MAX_BYTES` (2 GiB).
    allow_duplicates : bool
        If False (the default), two exchanges that agree on every field are a problem naming
        both items (0-based positions in ``exchanges``): a copy would be counted twice by
        every measure. If both are real, merge them into one with the summed weight; pass True
        to keep both (the report's data-quality section lists them).

    Raises
    ------
    DataFileError
        If the file cannot be read, is too large, is not UTF-8 (a byte-order mark is allowed),
        is not valid JSON (``NaN`` and ``Infinity`` are not JSON numbers), is nested too
        deeply, repeats a key within one object, holds exact duplicate exchanges (unless
        ``allow_duplicates``), or describes an invalid network; every problem
        is listed with its section, item and field.

    Notes
    -----
    A file exactly in the layout :func:`write_json` writes has its exchange columns read
    without a Python object per value (each distinct id, kind, role, day and weight is checked
    once), by two threads while the records are built, and its records built without calling
    their constructors after the same checks. Any other spelling of the same JSON (indented,
    other spacing, escapes, exchanges as a list of objects) reads to the same network more
    slowly, and a file with any problem is always read by the general path, so the errors do
    not depend on the layout. Python's cyclic garbage collector is paused during the read
    (restored after).

    Examples
    --------
    >>> import io
    >>> import selfhelp_exchange as shx
    >>> buf = io.StringIO()
    >>> shx.write_json(shx.load_example("riverside"), buf)
    >>> net = shx.read_json(io.StringIO(buf.getvalue()))
    >>> net.n_agencies, net.n_groups, net.n_exchanges
    (4, 14, 86)
    """
    text, name = read_text(source, max_bytes=max_bytes, json_text=True)
    fast = _read_fast(text, name)
    if fast is not None:
        return _refuse_duplicates(fast, name, allow_duplicates)
    data, keys = loads_json(text, file=name)
    if keys.repeated:
        raise DataFileError(
            [
                Problem(
                    f"key {key!r} appears more than once in one JSON object; keep one (JSON "
                    "readers disagree on which value wins, so none is chosen here)",
                    file=name,
                    column=key,
                )
                for key in dict.fromkeys(keys.repeated)
            ]
        )
    return _refuse_duplicates(network_from_dict(data, file=name), name, allow_duplicates)


def _refuse_duplicates(
    net: ExchangeNetwork, name: str | None, allow_duplicates: bool
) -> ExchangeNetwork:
    """``net``, unless it holds exact duplicate exchanges that were not allowed."""
    dups = [] if allow_duplicates else duplicate_exchanges(net)
    if dups:
        raise DataFileError(
            [
                Problem(
                    f"exchange item {repeat} repeats item {first} exactly (same source, "
                    f"target, kind, weight, dates and attributes); {DUPLICATE_ADVICE}",
                    file=name,
                    sheet="exchanges",
                    row=repeat,
                )
                for first, repeat in dups
            ]
        )
    return net


def _read_fast(text: str, name: str | None) -> ExchangeNetwork | None:
    """The network, read by the fast path of :mod:`._jsonfast`; None where the strict path must.

    The records are parsed and checked as the strict path does (same decoder hooks, same
    checks); any problem at all returns None, so that the strict path reports it.
    """
    from selfhelp_exchange.io._jsonfast import read_fast

    keys = KeyLog()
    decoder = json.JSONDecoder(parse_constant=reject_constant, object_pairs_hook=keys)

    def build(top: dict[str, Any]) -> dict[str, list[Any]] | None:
        if keys.repeated:
            return None
        problems: list[Problem] = []
        records = _records(top, name, problems)
        return None if problems else records

    try:
        return read_fast(text, decoder, build)
    except DataFileError:
        return None
