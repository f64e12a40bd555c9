"""Writing the JSON layout of :mod:`selfhelp_exchange.io.jsonfile`: the dict, and the fast compact text.

Private to :mod:`~selfhelp_exchange.io.jsonfile`, which re-exports :func:`network_to_dict` and
:func:`write_json`; the layout is documented there.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any, cast

import numpy as np
import pyarrow as pa

from selfhelp_exchange._bulk import without_gc_pauses
from selfhelp_exchange._fastrecords import plain_records
from selfhelp_exchange._grouping import unique_inverse
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange._serialize import to_plain
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.vocabulary import ROLE_ORDER

__all__ = ["FORMAT", "VERSION", "network_to_dict", "write_json"]

FORMAT = "selfhelp-exchange"
VERSION = 1
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def network_to_dict(net: ExchangeNetwork) -> dict[str, Any]:
    """The network as a JSON-compatible dict (see the module docstring for the layout).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> d = network_to_dict(shx.load_example("riverside"))
    >>> d["format"], sorted(d["exchanges"])[:3]
    ('selfhelp-exchange', ['attributes', 'end', 'kind'])
    """
    x = net.arrays
    ids = net.node_ids
    roles = np.array([None, *[r.value for r in ROLE_ORDER]], dtype=object)
    kinds = np.array([k.value for k in _kinds()], dtype=object)

    def dates(a: np.ndarray[Any, Any]) -> list[str | None]:
        return _iso_dates(a).tolist()  # type: ignore[no-any-return]

    exchanges: dict[str, Any] = {
        "source": ids[x.source].tolist(),
        "source_role": roles[x.source_role.astype(np.int64) + 1].tolist(),
        "target": ids[x.target].tolist(),
        "target_role": roles[x.target_role.astype(np.int64) + 1].tolist(),
        "kind": kinds[x.kind].tolist(),
        "weight": x.weight.tolist(),
        "start": dates(x.start),
        "end": dates(x.end),
    }
    ea = net.exchange_attributes
    exchanges["attributes"] = [dict(a) for a in ea] if ea is not None else None
    return _layout(net, exchanges)


def _layout(net: ExchangeNetwork, exchanges: Any) -> dict[str, Any]:
    out = {
        "format": FORMAT,
        "version": VERSION,
        "agencies": plain_records(net.agencies),
        "groups": plain_records(net.groups),
        "actors": plain_records(net.actors),
        "exchanges": exchanges,
        "initiatives": plain_records(net.initiatives),
    }
    if net.observations:  # absent and empty read the same; files without any stay as they were
        out["observations"] = [to_plain(o) for o in net.observations]
    return out


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _compact_json(net: ExchangeNetwork) -> str:
    """``_dumps(network_to_dict(net))``, character for character, built column by column."""
    return "".join(map(_text, _compact_chunks(net)[1]))


def _text(piece: str | pa.Buffer) -> str:
    return piece if isinstance(piece, str) else piece.to_pybytes().decode("utf-8")


def _joined(table: np.ndarray[Any, Any], codes: np.ndarray[Any, Any]) -> pa.Buffer:
    """``", ".join(table[codes])`` as UTF-8, gathered by Arrow without a Python object per value."""
    if not len(codes):
        return pa.py_buffer(b"")
    dictionary = pa.array([t + ", " for t in table.tolist()], type=pa.large_string())
    dense = dictionary.take(pa.array(codes))
    end = int(np.frombuffer(dense.buffers()[1], dtype=np.int64)[len(dense)])
    return dense.buffers()[2].slice(0, end - 2)  # without the last separator


def _compact_chunks(net: ExchangeNetwork) -> tuple[bool, Iterator[str | pa.Buffer]]:
    """``(lone surrogate?, pieces)``: the pieces joined are :func:`_compact_json`'s text.

    A column repeats a few values (node ids, kinds, roles, days, weights) millions of times;
    here each distinct value is encoded once by ``json.dumps`` and the column's text is joined
    from the encodings, where ``json.dumps`` would encode every element again. The records are
    encoded by ``json.dumps`` itself. Each column's text is gathered by Arrow (as UTF-8, from
    the encodings of its distinct values) and written as it comes, so that the writer never
    holds the whole text (half a gigabyte at national scale). Everything that
    can raise or hold a lone surrogate (the records, the attributes, the node ids, a weight
    that is not finite) is encoded before the first piece.
    """
    x = net.arrays
    # the weights' and days' tables (sorting millions of values, outside the interpreter
    # lock) are made by other threads while this one makes the records' text
    with ThreadPoolExecutor(max_workers=2) as pool:
        weights = pool.submit(_weight_table, x.weight)
        starts = pool.submit(_day_table, x.start)
        ends = pool.submit(_day_table, x.end)
        layout = _layout(net, None)  # the records are made into plain dicts once
        keys = list(layout)
        texts = {k: _dumps(v) for k, v in layout.items() if k != "exchanges"}
        del layout
        roles = (None, *[r.value for r in ROLE_ORDER])
        role_texts = _encoded(np.array(roles, dtype=object))
        id_texts = _encoded(net.node_ids)
        ea = net.exchange_attributes
        attributes = _dumps([dict(a) for a in ea] if ea is not None else None)
        columns: dict[str, tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]] = {
            "source": (id_texts, x.source),
            "source_role": (role_texts, x.source_role.astype(np.int64) + 1),
            "target": (id_texts, x.target),
            "target_role": (role_texts, x.target_role.astype(np.int64) + 1),
            "kind": (_encoded(np.array([k.value for k in _kinds()], dtype=object)), x.kind),
            "weight": weights.result(),
            "start": _encoded_days(starts.result()),
            "end": _encoded_days(ends.result()),
        }
    lone = any(map(_has_lone_surrogate, (attributes, *texts, *texts.values())))
    lone = lone or _has_lone_surrogate("".join(id_texts.tolist()))

    def exchanges() -> Iterator[str | pa.Buffer]:
        for k, (c, (table, codes)) in enumerate(columns.items()):
            yield f"{', ' if k else ''}{_dumps(c)}: ["
            yield _joined(table, codes)
            yield "]"

    def pieces() -> Iterator[str | pa.Buffer]:
        yield "{"
        for k, key in enumerate(keys):
            yield f"{', ' if k else ''}{_dumps(key)}: "
            if key == "exchanges":
                yield "{"
                yield from exchanges()
                yield f', "attributes": {attributes}}}'
            else:
                yield texts[key]
        yield "}"

    return lone, pieces()


def _has_lone_surrogate(text: str) -> bool:
    return not text.isascii() and bool(_SURROGATE.search(text))  # isascii takes no time


def _encoded(values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Each value's JSON text, as an object array."""
    return np.array([_dumps(v) for v in values.tolist()], dtype=object)


def _weight_table(w: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    # distinct by bit pattern, so that -0.0 and 0.0 keep their own texts
    bits, codes = unique_inverse(w.view(np.int64))
    distinct = bits.view(np.float64)
    if not np.all(np.isfinite(distinct)):
        return _encoded(w), np.arange(len(w))  # json.dumps raises on the first
    # json.dumps writes a finite float as float.__repr__ does
    return np.array(list(map(float.__repr__, distinct.tolist())), dtype=object), codes


def _encoded_days(
    day_table: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]],
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    codes, table = day_table
    return _encoded(table), codes


def _day_table(a: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """``(codes, table)``: ``table[codes]`` is each date as an ISO string (None for NaT).

    ``a`` is a ``datetime64[D]`` array; each day's string is in the table once. Exchange dates span a few years, so each day's string is made once and shared: formatting
    millions of dates one by one is the slow part of writing them.
    """
    nat = np.isnat(a)
    days = a.astype(np.int64)
    valid = days[~nat]
    if valid.size and int(valid.max()) - int(valid.min()) <= 4 * valid.size + 1024:
        lo = int(valid.min())
        span = np.arange(lo, int(valid.max()) + 1, dtype=np.int64).astype("datetime64[D]")
        table = np.append(span.astype(str).astype(object), np.array([None], dtype=object))
        codes = np.full(a.shape, len(table) - 1, dtype=np.int64)
        codes[~nat] = valid - lo
        return codes, table
    texts = a.astype(str).astype(object)
    texts[nat] = None
    return np.arange(len(a)), texts


def _iso_dates(a: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """ISO strings (None for NaT) of a ``datetime64[D]`` array, as an object array."""
    codes, table = _day_table(a)
    out: np.ndarray[Any, Any] = table[codes]
    return out


def _kinds() -> tuple[Any, ...]:
    from selfhelp_exchange.catalogue import ExchangeKind

    return tuple(ExchangeKind)


@needs_network
@without_gc_pauses
def write_json(
    net: ExchangeNetwork, path: str | os.PathLike[str] | IO[str], *, indent: int | None = None
) -> None:
    """Write the network to a JSON file: UTF-8, compact unless ``indent`` is given, byte-stable.

    Examples
    --------
    >>> import tempfile, pathlib, selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "riverside.json"
    >>> shx.write_json(net, p); shx.read_json(p) == net
    True
    """
    pieces: Iterable[str | pa.Buffer]
    if indent is None:
        lone, pieces = _compact_chunks(net)
    else:
        text = json.dumps(network_to_dict(net), ensure_ascii=False, indent=indent, allow_nan=False)
        lone, pieces = bool(_SURROGATE.search(text)), (text,)
    if lone:
        # a lone surrogate (which a JSON file may hold as \\udXXX) is not a character UTF-8
        # can carry: written as an escape, it reads back unchanged
        text = json.dumps(network_to_dict(net), ensure_ascii=True, indent=indent, allow_nan=False)
        pieces = (text,)
    if hasattr(path, "write"):
        _write_pieces(cast("IO[str]", path), pieces)
        return
    with Path(path).open("w", encoding="utf-8") as f:
        _write_pieces(f, pieces)


def _write_pieces(f: IO[str], pieces: Iterable[str | pa.Buffer]) -> None:
    # piece by piece, never the whole text: at national scale it is half a gigabyte
    raw = getattr(f, "buffer", None) if getattr(f, "encoding", None) == "utf-8" else None
    for piece in pieces:
        if isinstance(piece, str):
            f.write(piece)
        elif raw is not None:  # UTF-8 already: straight to the bytes under the text layer
            f.flush()
            raw.write(piece)
        else:
            f.write(_text(piece))
    f.write("\n")
