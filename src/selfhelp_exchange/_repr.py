"""Short, readable reprs for result objects: the headline numbers, never whole arrays.

A result printed at the prompt should fit on a line or two; the arrays behind it are one
attribute or ``to_frame()`` away.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["headline_repr"]

#: Items of a mapping shown before "..." (a repr is for the prompt, not for the data).
_MAX_ITEMS = 6


def _fmt(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        # four significant digits: enough to compare, short enough to read
        return f"{value:.4g}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Mapping):
        items = list(value.items())
        shown = ", ".join(f"{k!s}: {_fmt(v)}" for k, v in items[:_MAX_ITEMS])
        more = ", ..." if len(items) > _MAX_ITEMS else ""
        return "{" + shown + more + "}"
    if isinstance(value, tuple | list):
        shown = ", ".join(_fmt(v) for v in value[:_MAX_ITEMS])
        more = ", ..." if len(value) > _MAX_ITEMS else ""
        return (
            ("(" if isinstance(value, tuple) else "[")
            + shown
            + more
            + (")" if isinstance(value, tuple) else "]")
        )
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def headline_repr(name: str, fields: Mapping[str, Any]) -> str:
    """``Name(a=1, b=0.5, ...)`` with floats to four significant digits and long items cut.

    Examples
    --------
    >>> headline_repr("Result", {"index": 1 / 3, "n": 4, "classes": ["x", "y"]})
    "Result(index=0.3333, n=4, classes=['x', 'y'])"
    """
    body = ", ".join(f"{k}={_fmt(v)}" for k, v in fields.items())
    return f"{name}({body})"
