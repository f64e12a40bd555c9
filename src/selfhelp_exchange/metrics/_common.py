"""Helpers shared by the metric modules: time windows, index weights, saturation, frames.

Nothing here loops over exchanges; loops run over a handful of categories at most.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._grouping import unique_inverse
from selfhelp_exchange.exceptions import ArgumentError, ArgumentTypeError, RecordError
from selfhelp_exchange.record_fields import window_bounds

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd

    from selfhelp_exchange.network import ExchangeNetwork

__all__ = [
    "WEIGHT_TOLERANCE",
    "as_weights",
    "check_weights",
    "exchange_window",
    "flags_to_names",
    "group_keys",
    "initiative_window",
    "make_frame",
    "saturate",
]

#: How far the weights of an index may sum from 1 (floating-point slack, e.g. 3 x 1/3).
WEIGHT_TOLERANCE = 1e-9

W = TypeVar("W")


def _bounds(
    start: dt.date | str | None, end: dt.date | str | None
) -> tuple[dt.date | None, dt.date | None]:
    return window_bounds(start=start, end=end)


def exchange_window(
    net: ExchangeNetwork, start: dt.date | str | None, end: dt.date | str | None
) -> npt.NDArray[np.bool_]:
    """Mask of the exchanges whose [start, end] overlaps the window; undated ones always count.

    Raises
    ------
    ArgumentError
        If a bound is not a date, or ``end`` is before ``start``.
    """
    lo, hi = _bounds(start, end)
    return net.arrays.in_window(start=lo, end=hi)


def initiative_window(
    net: ExchangeNetwork, start: dt.date | str | None, end: dt.date | str | None
) -> npt.NDArray[np.bool_]:
    """Mask of the initiatives dated in the window [start, end]; undated ones always count.

    Raises
    ------
    ArgumentError
        If a bound is not a date, or ``end`` is before ``start``.
    """
    lo, hi = _bounds(start, end)
    date = net.initiative_arrays.date
    mask = np.ones(date.shape[0], dtype=bool)
    undated = np.isnat(date)
    if lo is not None:
        mask &= undated | (date >= np.datetime64(lo, "D"))
    if hi is not None:
        mask &= undated | (date <= np.datetime64(hi, "D"))
    return mask


def group_keys(
    keys: npt.NDArray[np.int64], size: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Sorted distinct ``keys`` (all in ``0 <= k < size``) and each key's position among them.

    The same as ``np.unique(keys, return_inverse=True)``. When the key space is small next to
    the number of keys it counts instead of sorting: O(n + size) rather than O(n log n); else
    it sorts the keys directly (:func:`~selfhelp_exchange._grouping.unique_inverse`).
    """
    n = keys.shape[0]
    if size <= 4 * n + 1024:
        present = np.bincount(keys, minlength=size) > 0
        rank = np.cumsum(present) - 1
        return np.flatnonzero(present).astype(np.int64), rank[keys].astype(np.int64)
    return unique_inverse(keys)


def check_weights(owner: str, weights: Mapping[str, float]) -> None:
    """Raise :class:`RecordError` unless every weight is finite, >= 0, and they sum to 1."""
    for name, value in weights.items():
        if not math.isfinite(value) or value < 0:
            msg = f"{owner} weight {name!r} must be a finite number >= 0 (got {value!r})"
            raise RecordError(msg)
    total = math.fsum(weights.values())
    if abs(total - 1.0) > WEIGHT_TOLERANCE:
        shown = ", ".join(f"{k}={v!r}" for k, v in weights.items())
        msg = f"{owner} weights must sum to 1 (got {shown}, sum {total!r})"
        raise RecordError(msg)


def to_float(value: Any) -> float:
    """Convert a number to float for a weight field; the validator names what is wrong."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        msg = f"weights and saturation parameters must be numbers (got {value!r})"
        raise RecordError(msg)
    return float(value)


def as_weights(cls: type[W], weights: W | Mapping[str, float] | None) -> W:
    """``weights`` as a ``cls`` record: None gives the defaults, a mapping its fields."""
    if weights is None:
        return cls()
    if isinstance(weights, cls):
        return weights
    if isinstance(weights, Mapping):
        import attrs

        valid = [f.name for f in attrs.fields(cls)]  # type: ignore[arg-type]
        unknown = sorted(set(map(str, weights)) - set(valid))
        if unknown:
            msg = f"unknown {cls.__name__} field(s) {unknown} (valid: {', '.join(valid)})"
            raise ArgumentError(msg)
        return cls(**weights)
    msg = f"weights must be a {cls.__name__}, a mapping of its fields or None (got {weights!r})"
    raise ArgumentTypeError(msg)


def check_half_saturation(owner: str, value: float) -> None:
    """Raise :class:`RecordError` unless a half-saturation point is finite and > 0."""
    if not math.isfinite(value) or value <= 0:
        msg = f"{owner} must be a finite number > 0 (got {value!r})"
        raise RecordError(msg)


def saturate(x: npt.ArrayLike, half: float) -> npt.NDArray[np.float64]:
    """The hyperbolic saturation ``x / (x + half)``: 0 at 0, 1/2 at ``half``, -> 1 as x grows."""
    v = np.asarray(x, dtype=np.float64)
    return v / (v + half)


def flags_to_names(
    flags: npt.NDArray[np.bool_], names: Sequence[str], sep: str = ";"
) -> npt.NDArray[np.object_]:
    """For each row of a boolean matrix, the names of its True columns joined with ``sep``.

    Rows are encoded as bit patterns, so each distinct string is built once.
    """
    n, k = flags.shape
    if n == 0:
        return np.empty(0, dtype=object)
    bits = np.left_shift(np.int64(1), np.arange(k, dtype=np.int64))
    code = flags.astype(np.int64) @ bits
    labels = np.empty(1 << k, dtype=object)
    for c in np.flatnonzero(np.bincount(code, minlength=1 << k)).tolist():
        labels[c] = sep.join(nm for j, nm in enumerate(names) if (c >> j) & 1)
    return labels[code]


def make_frame(columns: Sequence[tuple[str, npt.ArrayLike, str]]) -> pd.DataFrame:
    """A DataFrame with exactly these columns, in order, each cast to its dtype.

    Casting explicitly keeps the dtypes of an empty result equal to those of a full one.
    ``"str"`` columns get pandas' default string dtype; the others are numpy dtypes.
    """
    import pandas as pd

    text = _text_dtype()
    data: dict[str, Any] = {}
    for name, values, dtype in columns:
        arr = np.asarray(values)
        if dtype == "str":
            data[name] = pd.array(arr.astype(object, copy=False), dtype=text)
        else:
            data[name] = arr.astype(dtype, copy=False)
    return pd.DataFrame(data, columns=[c[0] for c in columns], copy=False)


@functools.cache
def _text_dtype() -> Any:
    import pandas as pd

    return pd.Series([], dtype="str").dtype
