"""A fast path for reading the exchange columns of a JSON file as :func:`write_json` writes them.

``json.loads`` builds one Python object per value: 40 million of them for 5,000,000 exchanges,
most of the time and memory of reading a large file. The writer's layout is regular (compact
separators, one array per column, strings without escapes), so each column's text can be split
and factorized in C instead, and each *distinct* value (a node id, a kind, a day, a weight)
checked and converted once.

The fast path accepts only text it can prove reads to the same values as ``json.loads``: the
writer's separators (``", "`` and ``": "``), string values without a backslash or a control
character, numbers that match the JSON grammar, every exchange column present, no
key given twice. Everything outside the exchange columns (the records and the exchange
attributes) is parsed by the standard library's own decoder with the same hooks as the strict
path. Anything else, and any problem with the content (an unknown id or kind, a bad date, an invalid network), returns
``None``: the caller then reads the file with the strict path, which reports every problem
exactly as before. So the fast path changes how quickly a good file reads, never what a file
reads to nor which errors a bad one gives.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

from selfhelp_exchange.exceptions import NetworkValidationError, RecordError
from selfhelp_exchange.network import NO_ROLE, ExchangeNetwork
from selfhelp_exchange.records import Attributes
from selfhelp_exchange.vocabulary import ROLE_ORDER

__all__ = ["read_fast"]

_COLUMNS = ("source", "source_role", "target", "target_role", "kind", "weight", "start", "end")
#: Inside a string, a control character makes the JSON invalid (a backslash: an escape).
_CONTROL = re.compile(r"[\x00-\x1f]")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?", re.ASCII)
#: What may stand between two strings of an array (first, middle, last), nulls included.
_FIRST = re.compile(r"(?:null, )*")
_MIDDLE = re.compile(r", (?:null, )*")
_LAST = re.compile(r"(?:, null)*")
_ONLY_NULLS = re.compile(r"null(?:, null)*")
#: At most this many ``]`` inside strings are skipped looking for a column's end.
_MAX_BRACKETS = 16
#: Threads that parse the exchange columns side by side (this library's choice).
_THREADS = 2


class _NotFast(Exception):
    """The text is outside what the fast path reads; the strict path takes over."""


def read_fast(
    text: str,
    decoder: json.JSONDecoder,
    build: Callable[[dict[str, Any]], dict[str, list[Any]] | None],
) -> ExchangeNetwork | None:
    """The network ``text`` describes, or None where the strict path must read it.

    ``decoder`` parses every value but the exchange columns (so the strict path's hooks apply);
    ``build`` turns the other top-level values into the record lists, or None on any problem.
    """
    # the exchange columns are parsed by two threads while this one builds the records: their
    # heavy steps (numpy, Arrow's hashing) let go of the interpreter lock, the records' do not
    pool = ThreadPoolExecutor(max_workers=_THREADS)
    try:
        top, parts = _top_level(text, decoder, pool)
        records = build(top)
        if records is None:
            return None
        columns = {k: v.result()[0] if isinstance(v, Future) else v for k, v in parts.items()}
        ids = [r.id for s in ("agencies", "groups", "actors") for r in records[s]]
        arrays = _exchange_arrays(columns, ids)
        attributes = _attributes(columns["attributes"], len(arrays["weight"]))
        # the records checked first, then the exchanges, whose arrays are kept, not copied
        nodes = ExchangeNetwork.from_arrays(**records, source=[], target=[], kind=[])
        net = nodes._with_exchanges(**arrays, attributes=attributes)
    except (
        _NotFast,
        NetworkValidationError,
        RecordError,
        TypeError,
        ValueError,
        RecursionError,
        OverflowError,
    ):
        return None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return net


def _attributes(raw: Any, n: int) -> list[Attributes] | None:
    """Each exchange's attributes, as the strict path makes them (which reports any problem)."""
    if raw is None:
        return None
    if not isinstance(raw, list) or len(raw) != n:
        raise _NotFast
    if any(a is not None and not isinstance(a, Mapping) for a in raw):
        raise _NotFast
    return [Attributes(a or {}) for a in raw]


def _top_level(
    text: str, decoder: json.JSONDecoder, pool: ThreadPoolExecutor
) -> tuple[dict[str, Any], dict[str, Any]]:
    if not text.startswith("{"):
        raise _NotFast
    out: dict[str, Any] = {}
    columns: dict[str, Any] | None = None
    i = 1
    while True:
        key, i = _key(text, i, decoder)
        if key in out or (key == "exchanges" and columns is not None):
            raise _NotFast  # a repeated key: the strict path reports it
        if key == "exchanges":
            columns, i = _exchanges(text, i, decoder, pool)
        else:
            out[key], i = decoder.raw_decode(text, i)
        i, more = _after_value(text, i)
        if not more:
            break
    if columns is None or text[i + 1 :].strip(" \t\n\r"):
        raise _NotFast
    return out, columns


def _after_value(text: str, i: int) -> tuple[int, bool]:
    """Past the ``", "`` after a member (True: another follows) or at the closing ``}``."""
    if text.startswith(", ", i):
        return i + 2, True
    if text.startswith("}", i):
        return i, False
    raise _NotFast


def _key(text: str, i: int, decoder: json.JSONDecoder) -> tuple[str, int]:
    if not text.startswith('"', i):
        raise _NotFast
    key, i = decoder.raw_decode(text, i)
    if not text.startswith(": ", i):
        raise _NotFast
    return key, i + 2


def _exchanges(
    text: str, i: int, decoder: json.JSONDecoder, pool: ThreadPoolExecutor
) -> tuple[dict[str, Any], int]:
    """The exchange columns, and the position after their object.

    Each column is a :class:`~concurrent.futures.Future` of its parse (the attributes are
    decoded here).
    """
    if not text.startswith("{", i):
        raise _NotFast
    i += 1
    columns: dict[str, Any] = {}
    while True:
        key, i = _key(text, i, decoder)
        if key in columns:
            raise _NotFast
        if key == "weight":
            columns[key], i = pool.submit(_numbers, text, i), _numbers_end(text, i) + 1
        elif key in _COLUMNS:
            columns[key], i = pool.submit(_strings, text, i), _array_end(text, i) + 1
        elif key == "attributes":  # rare and irregular: the standard decoder reads them
            columns[key], i = decoder.raw_decode(text, i)
        else:
            raise _NotFast
        i, more = _after_value(text, i)
        if not more:
            break
    if set(columns) != {*_COLUMNS, "attributes"}:
        raise _NotFast
    return columns, i + 1


def _numbers_end(text: str, i: int) -> int:
    if not text.startswith("[", i):
        raise _NotFast
    j = text.find("]", i)
    if j < 0:
        raise _NotFast
    return j


def _array_end(text: str, i: int) -> int:
    """The position of the ``]`` closing the array of strings opening at ``i``."""
    if not text.startswith("[", i):
        raise _NotFast
    j = text.find("]", i)
    for _ in range(_MAX_BRACKETS):
        # without escapes (checked by the caller) a ] is outside every string after an even
        # number of quotes
        if j < 0:
            raise _NotFast
        if text.count('"', i, j) % 2 == 0:
            return j
        j = text.find("]", j + 1)
    raise _NotFast


def _strings(
    text: str, i: int
) -> tuple[tuple[npt.NDArray[np.intp], npt.NDArray[np.object_]], int]:
    """``((codes, distinct), end)``: ``distinct[codes]`` the column's strings, -1 for null."""
    j = _array_end(text, i)
    seg = text[i + 1 : j]
    # isprintable is quicker than a regular expression, which it spares in the usual case
    if "\\" in seg or (not seg.isprintable() and _CONTROL.search(seg)):
        raise _NotFast
    for parse in (_columnar, _tokens):
        found = parse(seg)
        if found is not None:
            return found, j + 1
    # a string holds ", ": split at the quotes instead (slower: two factorizations)
    parts = seg.split('"')
    if len(parts) == 1:  # no string: empty, or only nulls
        n = 0 if seg == "" else seg.count("null")
        if seg and not _ONLY_NULLS.fullmatch(seg):
            raise _NotFast
        return (np.full(n, -1, dtype=np.intp), np.array([], dtype=object)), j + 1
    inside = np.array(parts[1::2], dtype=object)
    outside = np.array(parts[0::2], dtype=object)
    del parts
    gaps, kinds = pd.factorize(outside)
    seps = kinds.tolist()
    if not _FIRST.fullmatch(outside[0]) or not _LAST.fullmatch(outside[-1]):
        raise _NotFast
    between = np.flatnonzero(np.bincount(gaps[1:-1], minlength=len(seps)))
    if any(not _MIDDLE.fullmatch(seps[k]) for k in between.tolist()):
        raise _NotFast
    nulls = np.array([sep.count("null") for sep in seps], dtype=np.intp)
    codes, distinct = pd.factorize(inside)
    before = nulls[gaps]
    if not before.any():
        return (codes.astype(np.intp), np.asarray(distinct, dtype=object)), j + 1
    cum = np.cumsum(before)
    out = np.full(len(inside) + int(cum[-1]), -1, dtype=np.intp)
    out[np.arange(len(inside)) + cum[:-1]] = codes
    return (out, np.asarray(distinct, dtype=object)), j + 1


def _columnar(seg: str) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.object_]] | None:
    """``(codes, distinct)`` of an array's text without a Python object per value, or None.

    None where it cannot tell (an empty string in the column). Each ``null`` is first made an empty string (``""``) and ``", "`` added at the end; the
    text is then cut before every opening quote (there are no escapes, so quotes alternate
    opening and closing), and the pieces are dictionary-encoded in C by Arrow. Each distinct
    piece must be a string followed by exactly ``", "``. Why this is exact: a ``null`` made
    ``""`` inside a string would put a closing quote right before an opening one, a piece
    without its ``", "``; so every ``""`` piece was a ``null`` (the column has no empty string),
    and ``seg`` is the values' JSON texts joined by ``", "``.
    """
    if not seg:
        return np.array([], dtype=np.intp), np.array([], dtype=object)
    if '""' in seg or not seg.startswith(('"', "null")):
        return None
    try:
        text = (seg.replace("null", '""') + ", ").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the strict path keeps it
        return None
    b = np.frombuffer(text, dtype=np.uint8)
    quotes = np.flatnonzero(b == ord('"'))
    if len(quotes) % 2:
        return None
    offsets = np.empty(len(quotes) // 2 + 1, dtype=np.int64)
    offsets[:-1] = quotes[0::2]
    offsets[-1] = len(b)
    pieces = pa.LargeStringArray.from_buffers(
        len(offsets) - 1, pa.py_buffer(offsets), pa.py_buffer(text)
    ).dictionary_encode()
    codes = pieces.indices.to_numpy().astype(np.intp)
    values = pieces.dictionary.to_pylist()
    if not all(p.endswith('", ') and p.count('"') == 2 for p in values):
        return None
    values = [p[1:-3] for p in values]
    if "" in values:  # the nulls
        k = values.index("")
        del values[k]
        codes = np.where(codes == k, -1, codes - (codes > k))
    return codes, np.array(values, dtype=object)


def _tokens(seg: str) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.object_]] | None:
    """``(codes, distinct)`` of an array's text split at ``", "``; None if a string holds one.

    Every token must be ``null`` or a whole string (a quote at each end and none inside):
    a string holding ``", "`` would leave tokens that are not, so the split is exact when
    every distinct token passes.
    """
    if not seg:
        return np.array([], dtype=np.intp), np.array([], dtype=object)
    codes, distinct = pd.factorize(np.array(seg.split(", "), dtype=object))
    values = distinct.tolist()
    null = -1
    for k, token in enumerate(values):
        if token == "null":
            null = k
        elif len(token) < 2 or token[0] != '"' or token[-1] != '"' or token.count('"') != 2:
            return None
        else:
            values[k] = token[1:-1]
    if null >= 0:  # nulls as -1, the other codes packed below them
        del values[null]
        codes = np.where(codes == null, -1, codes - (codes > null))
    return codes.astype(np.intp), np.array(values, dtype=object)


def _numbers(text: str, i: int) -> tuple[npt.NDArray[np.float64], int]:
    if not text.startswith("[", i):
        raise _NotFast
    j = text.find("]", i)
    if j < 0:
        raise _NotFast
    seg = text[i + 1 : j]
    if not seg:
        return np.array([], dtype=np.float64), j + 1
    codes, distinct = _split_numbers(seg)
    values = np.empty(len(distinct), dtype=np.float64)
    for k, token in enumerate(distinct):
        if not _NUMBER.fullmatch(token):
            raise _NotFast
        # as json.loads: a whole number is an int (so "-0" is 0.0), the rest floats
        values[k] = float(token) if any(c in token for c in ".eE") else float(int(token))
    if not np.all(np.isfinite(values)):
        raise _NotFast
    return values[codes], j + 1


def _split_numbers(seg: str) -> tuple[npt.NDArray[np.intp], list[str]]:
    """``(codes, distinct)`` of the tokens of ``seg`` split at ``", "``.

    No Python object per token: the text is cut at the commas (a JSON number holds none) and
    the pieces dictionary-encoded by Arrow. A token that is not a number (checked by the caller on each distinct token) makes the
    caller step aside, so a comma anywhere else cannot pass unnoticed: it would leave a
    distinct token that is not a number (or one not followed by exactly ``", "``).
    """
    try:
        text = (seg + ", ").encode("ascii")
    except UnicodeEncodeError:
        raise _NotFast from None
    b = np.frombuffer(text, dtype=np.uint8)
    commas = np.flatnonzero(b == ord(","))
    offsets = np.empty(len(commas) + 1, dtype=np.int64)
    offsets[0] = 0
    offsets[1:] = commas + 2  # each token keeps its ", " (checked below)
    if offsets[-1] != len(b):
        raise _NotFast
    pieces = pa.LargeStringArray.from_buffers(
        len(commas), pa.py_buffer(offsets), pa.py_buffer(text)
    ).dictionary_encode()
    tokens = pieces.dictionary.to_pylist()
    if not all(t.endswith(", ") and t.count(",") == 1 for t in tokens):
        raise _NotFast
    return pieces.indices.to_numpy().astype(np.intp), [t[:-2] for t in tokens]


def _exchange_arrays(columns: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    from selfhelp_exchange.catalogue import ExchangeKind

    n = len(columns["weight"])
    if any(len(columns[c][0]) != n for c in _COLUMNS if c != "weight"):
        raise _NotFast
    if len(set(ids)) != len(ids):
        raise _NotFast
    out: dict[str, Any] = {"weight": columns["weight"]}
    for c in ("source", "target"):
        out[c] = _lookup(columns[c], ids, null=None)
    out["kind"] = _lookup(columns["kind"], [k.value for k in ExchangeKind], null=None).astype(
        np.int8
    )
    roles = [r.value for r in ROLE_ORDER]
    for c in ("source_role", "target_role"):
        out[c] = _lookup(columns[c], roles, null=NO_ROLE).astype(np.int8)
    for c in ("start", "end"):
        codes, distinct = columns[c]
        from selfhelp_exchange.io.jsonfile import _is_iso_date

        if not all(_is_iso_date(t) for t in distinct.tolist()):
            raise _NotFast
        days = np.append(
            np.asarray(distinct.tolist(), dtype="datetime64[D]"), np.datetime64("NaT", "D")
        )
        out[c] = days[np.where(codes < 0, len(distinct), codes)]
    return out


def _lookup(
    column: tuple[npt.NDArray[np.intp], npt.NDArray[np.object_]],
    valid: list[str],
    *,
    null: int | None,
) -> npt.NDArray[np.intp]:
    """Each value's position in ``valid`` (``null`` for a null)."""
    codes, distinct = column
    found = pd.Index(valid).get_indexer(pd.Index(distinct, dtype=object))
    if np.any(found < 0):
        raise _NotFast
    if null is None:
        if np.any(codes < 0):
            raise _NotFast
        return found[codes]
    return np.where(codes < 0, null, np.append(found, null)[codes])
