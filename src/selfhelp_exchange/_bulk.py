"""Bulk reading and writing without the cyclic garbage collector's pauses.

A reader of a national network builds millions of objects (parsed values, records), and a
writer hundreds of thousands (the records as plain values), that hold no reference cycles and
live until the call ends. Python's cyclic collector runs every few hundred allocations and, as
they survive, ever more full collections that walk every object made so far: a third of the
time of reading a 5-million-exchange JSON file (14.1 s against 10.7 s of CPU time). Reference
counting still frees everything as usual; only the cycle search waits until the call is over.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["without_gc_pauses"]

P = ParamSpec("P")
R = TypeVar("R")


def without_gc_pauses(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with the cyclic garbage collector paused (restored after, even on error).

    If the collector was already off (the caller's choice), it stays off.

    Examples
    --------
    >>> import gc
    >>> @without_gc_pauses
    ... def during():
    ...     return gc.isenabled()
    >>> during(), gc.isenabled()
    (False, True)
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper
