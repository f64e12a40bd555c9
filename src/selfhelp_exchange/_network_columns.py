"""Column parsers of the array constructors: each column checked and coded, every problem kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from selfhelp_exchange.exceptions import (
    Problem,
    RecordError,
)
from selfhelp_exchange.network_arrays import (
    _KINDS,
    _MAX_DATE,
    _MIN_DATE,
    _NAT,
    NO_ROLE,
    ROLE_CODES,
)
from selfhelp_exchange.record_fields import ISO_DATE
from selfhelp_exchange.records import (
    Agency,
    Attributes,
    CommunityActor,
    Endpoint,
    SelfHelpGroup,
    endpoint_role,
)
from selfhelp_exchange.vocabulary import ROLE_ORDER, NodeType

__all__: list[str] = []


def _article(noun: str) -> str:
    return f"{'an' if noun[:1] in 'AEIOU' else 'a'} {noun}"


def _weight_column(
    values: npt.ArrayLike | None, n: int, problems: list[Problem], *, copy: bool = True
) -> npt.NDArray[np.float64]:
    if values is None:
        return np.ones(n)
    arr = np.asarray(values)
    if arr.dtype.kind in "biufc" and arr.dtype.kind not in "bc":
        return arr.astype(np.float64, copy=copy).reshape(-1)
    flat = arr.reshape(-1)
    out = np.ones(flat.size)  # a reported bad weight stays 1 so the other checks still run
    for i, v in enumerate(flat.tolist()):
        try:
            if v is None or isinstance(v, bool):
                raise TypeError  # reported below like any unparsable value
            out[i] = float(v)
        except (TypeError, ValueError):
            problems.append(
                Problem(
                    f"'weight' must be a finite number >= 0 (got {v!r})",
                    exchange=int(i),
                    column="weight",
                    value=v,
                )
            )
    return out


def _py(value: Any) -> Any:
    """A numpy scalar as the plain Python value, so messages read 'G9', not np.str_('G9')."""
    return value.item() if isinstance(value, np.generic) else value


def _role_code(ep: Endpoint) -> int:
    role = endpoint_role(ep)
    return NO_ROLE if role is None else ROLE_CODES[role]


def _endpoint(node_id: str, role_code: int) -> Endpoint:
    return node_id if role_code == NO_ROLE else (node_id, ROLE_ORDER[role_code])


def _kind_column(
    values: npt.ArrayLike, n: int, *, copy: bool = True
) -> tuple[npt.NDArray[np.int8], list[Problem]]:
    arr = np.asarray(values).reshape(-1)
    if arr.dtype.kind in "iu":
        bad = np.flatnonzero((arr < 0) | (arr >= len(_KINDS)))
        return arr.astype(np.int8, copy=copy), [
            Problem(
                f"kind code {arr[i]} is not 0..{len(_KINDS) - 1}",
                exchange=int(i),
                column="kind",
                value=int(arr[i]),
            )
            for i in bad
        ]
    import pandas as pd

    index = pd.Index([k.value for k in _KINDS], dtype=object)
    texts = _distinct_texts(arr)
    if texts is not None:  # every value a str: look each distinct kind up once
        codes = _lookup(texts, index.get_indexer(pd.Index(texts[1], dtype=object)))
    else:
        codes = index.get_indexer(pd.Index(arr.astype(object), dtype=object))
    valid = ", ".join(k.value for k in _KINDS)
    problems = [
        Problem(
            f"kind {_py(arr[i])!r} is not in the catalogue (valid: {valid})",
            exchange=int(i),
            column="kind",
            value=_py(arr[i]),
        )
        for i in np.flatnonzero(codes < 0)
    ]
    return codes.astype(np.int8), problems


def _attributes_column(
    values: Sequence[Mapping[str, Any]], problems: list[Problem]
) -> tuple[Attributes, ...]:
    out: list[Attributes] = []
    for i, value in enumerate(values):
        if isinstance(value, Attributes):
            out.append(value)
            continue
        try:
            out.append(Attributes(value))
        except (RecordError, TypeError, ValueError) as exc:
            problems.append(
                Problem(f"{exc}", exchange=int(i), column="attributes", value=repr(value)[:80])
            )
            out.append(Attributes())
    return tuple(out)


def _date_column(
    values: npt.ArrayLike | None, n: int, name: str, problems: list[Problem], *, copy: bool = True
) -> npt.NDArray[np.datetime64]:
    if values is None:
        return np.full(n, _NAT)
    arr = np.asarray(values)
    if arr.dtype.kind == "M":
        out = arr.astype("datetime64[D]", copy=copy).reshape(-1)
        flat = arr.reshape(-1)
    else:
        out = np.full(arr.size, _NAT)
        flat = arr.reshape(-1)
        import pandas as pd

        texts = _distinct_texts(flat, none=True)
        parsed = None
        if texts is not None and all(
            t is None or ISO_DATE.fullmatch(t.strip()) for t in texts[1].tolist()
        ):
            # dates repeat (a few years of days among millions of exchanges): parse each once
            try:
                parsed = _lookup(texts, np.asarray(texts[1], dtype="datetime64[D]"), missing=_NAT)
            except (ValueError, OverflowError):
                parsed = None  # reported one by one below
        if parsed is not None:
            out = parsed
        else:
            missing = pd.isna(flat)
            # the one date rule of the records (records.ISO_DATE): no partial or compact dates
            partial = np.array(
                [isinstance(v, str) and not ISO_DATE.fullmatch(v.strip()) for v in flat.tolist()],
                dtype=bool,
            ).reshape(flat.shape)
            try:
                if partial.any():
                    raise ValueError
                out[~missing] = np.asarray(flat[~missing].astype(str), dtype="datetime64[D]")
            except (ValueError, OverflowError):
                for i in np.flatnonzero(~missing):
                    try:
                        if partial[i]:
                            raise ValueError
                        text = flat[i].strip() if isinstance(flat[i], str) else str(flat[i])
                        out[i] = np.datetime64(text, "D")
                    except (ValueError, OverflowError):
                        out[i] = _NAT
                        problems.append(
                            Problem(
                                f"{name!r} must be a date as YYYY-MM-DD (got {_py(flat[i])!r})",
                                exchange=int(i),
                                column=name,
                                value=_py(flat[i]),
                            )
                        )
    # numpy reads years Python's dates cannot hold (0, 12345, or an overflowed number):
    # such a date could not be turned back into a record or written, so it is refused here
    for i in np.flatnonzero(~np.isnat(out) & ((out < _MIN_DATE) | (out > _MAX_DATE))):
        out[i] = _NAT
        given = str(flat[i]) if arr.dtype.kind == "M" else _py(flat[i])
        problems.append(
            Problem(
                f"{name!r} must be a date from 0001-01-01 to 9999-12-31 (got {given!r})",
                exchange=int(i),
                column=name,
                value=given,
            )
        )
    return out


def _role_column(
    values: npt.ArrayLike | None, n: int, name: str, problems: list[Problem], *, copy: bool = True
) -> npt.NDArray[np.int8]:
    if values is None:
        return np.full(n, NO_ROLE, dtype=np.int8)
    arr = np.asarray(values).reshape(-1)
    if arr.dtype.kind in "iu":
        for i in np.flatnonzero((arr < NO_ROLE) | (arr > 2)):
            problems.append(
                Problem(
                    f"{name} code {arr[i]} is not -1..2",
                    exchange=int(i),
                    column=name,
                    value=int(arr[i]),
                )
            )
        return arr.astype(np.int8, copy=copy)
    import pandas as pd

    index = pd.Index([r.value for r in ROLE_ORDER], dtype=object)
    texts = _distinct_texts(arr, none=True)
    if texts is not None:
        found_texts = index.get_indexer(pd.Index(texts[1], dtype=object))
        if np.all(found_texts >= 0):  # every distinct text a role: look each up once
            return _lookup(texts, found_texts, missing=NO_ROLE).astype(np.int8)
    codes = np.full(arr.size, NO_ROLE, dtype=np.int8)
    missing = np.asarray(pd.isna(arr), dtype=bool)
    found = index.get_indexer(pd.Index(arr[~missing].astype(str), dtype=object))
    present = np.flatnonzero(~missing)
    for i in present[found < 0]:
        problems.append(
            Problem(
                f"{name} {_py(arr[i])!r} is not a role (valid: board, practitioners, clients, or empty)",
                exchange=int(i),
                column=name,
                value=_py(arr[i]),
            )
        )
    codes[present] = np.where(found < 0, NO_ROLE, found).astype(np.int8)
    return codes


def _distinct_texts(
    values: npt.NDArray[Any], *, none: bool = False
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.object_]] | None:
    """Codes and distinct values of an array of strings (None unless every value is a str).

    With ``none``, None values are allowed too, and get code -1. Columns read from a file repeat a few texts (ids, kinds, roles, days) millions of times;
    with them factorized, each distinct text is looked up or parsed once. Only exact ``str``
    values qualify, so that grouping equal values can never merge two that convert apart.
    """
    import pandas as pd

    if values.dtype.kind not in "OU":
        return None
    allowed = {str, type(None)} if none else {str}
    if values.dtype.kind == "O" and not set(map(type, values.tolist())) <= allowed:
        return None
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    return np.asarray(codes, dtype=np.intp), np.asarray(uniques, dtype=object)


def _lookup(
    texts: tuple[npt.NDArray[np.intp], npt.NDArray[np.object_]],
    found: npt.NDArray[Any],
    *,
    missing: Any = -1,
) -> npt.NDArray[Any]:
    """Spread the value found for each distinct text back over the column (``missing`` at -1)."""
    codes = texts[0]
    table = np.append(found, np.array([missing], dtype=found.dtype))
    return table[codes]  # code -1 takes the appended ``missing``


def node_type_of(rec: Agency | SelfHelpGroup | CommunityActor) -> NodeType:
    """The node type of a record."""
    if isinstance(rec, Agency):
        return NodeType.AGENCY
    if isinstance(rec, SelfHelpGroup):
        return NodeType.GROUP
    return NodeType.ACTOR
