"""Old spellings kept for one release, each with a ``FutureWarning`` that says what to write.

``FutureWarning`` rather than ``DeprecationWarning`` because the people who must change their
code are users at a notebook prompt, who never see the latter (the convention of pandas and
scikit-learn).
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from selfhelp_exchange.exceptions import ArgumentTypeError

__all__ = ["positional_deprecated", "renamed_argument"]

P = ParamSpec("P")
R = TypeVar("R")


def positional_deprecated(*names: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Accept the keyword-only ``names`` by position, in that order, with a FutureWarning.

    For a function whose arguments ``names`` used to follow its positional ones and are now
    keyword-only.

    Examples
    --------
    >>> import warnings
    >>> @positional_deprecated("seed")
    ... def draw(n, *, seed=None):
    ...     return n, seed
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     draw(3, 7)
    (3, 7)
    >>> print(caught[0].message)
    passing seed to draw() by position is deprecated and will stop working in the next release: write seed=...
    """

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        params = inspect.signature(func).parameters.values()
        n_positional = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params)

        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            if len(args) > n_positional:
                extra = args[n_positional:]
                if len(extra) > len(names):
                    msg = (
                        f"{func.__name__}() takes at most {n_positional + len(names)} "
                        f"positional arguments ({len(args)} given)"
                    )
                    raise ArgumentTypeError(msg)
                given = names[: len(extra)]
                for name, value in zip(given, extra, strict=True):
                    if name in kwargs:
                        msg = f"{func.__name__}() got multiple values for argument {name!r}"
                        raise ArgumentTypeError(msg)
                    kwargs[name] = value
                msg = (
                    f"passing {', '.join(given)} to {func.__name__}() by position is deprecated "
                    "and will stop working in the next release: write "
                    + ", ".join(f"{n}=..." for n in given)
                )
                warnings.warn(msg, FutureWarning, stacklevel=2)
                args = args[:n_positional]  # type: ignore[assignment]
            return func(*args, **kwargs)

        return wrapper

    return decorate


def renamed_argument(
    old: str, new: str, *, factor: float | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Accept the keyword ``old`` as ``new``, with a FutureWarning.

    With ``factor``, the new argument is in another unit: an old value ``v`` is passed on as
    ``v * factor`` (``radius_km`` to ``radius_m``: 1000), and the warning says so.

    Examples
    --------
    >>> import warnings
    >>> @renamed_argument("level", "confidence")
    ... def interval(*, confidence=0.95):
    ...     return confidence
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     interval(level=0.9)
    0.9
    >>> print(caught[0].message)
    interval(level=...) is deprecated and will stop working in the next release: write confidence=...
    """

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            if old in kwargs:
                if new in kwargs:
                    msg = f"{func.__name__}() got both {old}= and {new}=; give only {new}="
                    raise ArgumentTypeError(msg)
                msg = (
                    f"{func.__name__}({old}=...) is deprecated and will stop working in the "
                    f"next release: write {new}=..."
                )
                value = kwargs.pop(old)
                if factor is not None:
                    msg += f" (a value in the new unit: {old} times {factor:g})"
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        value = value * factor
                warnings.warn(msg, FutureWarning, stacklevel=2)
                kwargs[new] = value
            return func(*args, **kwargs)

        return wrapper

    return decorate
