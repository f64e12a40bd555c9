"""Say clearly what a function needs when it is given the wrong kind of network.

The linkage metrics, the figures of an exchange network and the report read the records a
networkx graph does not carry (agencies and their subunits, groups, exchange kinds and dates),
so given one they used to fail deep inside with an ``AttributeError``. :func:`needs_network`
checks the first argument on entry and names what would do instead.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from selfhelp_exchange.exceptions import ArgumentTypeError
from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["expect_frame", "expect_instance", "needs_network", "network_type_message"]

P = ParamSpec("P")
R = TypeVar("R")


def network_type_message(function: str, argument: str, value: object) -> str:
    """Why ``value`` will not do as ``argument`` of ``function``, and what would."""
    kind = type(value)
    got = (
        f"{kind.__module__.split('.')[0]}.{kind.__name__}"
        if kind.__module__ != "builtins"
        else kind.__name__
    )
    msg = f"{function}() needs an ExchangeNetwork as {argument} (got {got})"
    if kind.__module__.startswith("networkx"):
        msg += (
            ": a networkx graph does not carry what it reads (agencies and their subunits, "
            "groups, exchange kinds and dates). Read the data with shx.read(path) or build an "
            "ExchangeNetwork with ExchangeNetwork.from_frames; the measures of shx.structure "
            "take a networkx graph as it is"
        )
    return msg


def needs_network(func: Callable[P, R]) -> Callable[P, R]:
    """Refuse, with :class:`ArgumentTypeError`, a first argument that is no ExchangeNetwork.

    Examples
    --------
    >>> import networkx as nx
    >>> @needs_network
    ... def n_agencies(net):
    ...     return net.n_agencies
    >>> n_agencies(nx.path_graph(3))
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.ArgumentTypeError: n_agencies() needs an ExchangeNetwork as net (got networkx.Graph): a networkx graph does not carry what it reads (agencies and their subunits, groups, exchange kinds and dates). Read the data with shx.read(path) or build an ExchangeNetwork with ExchangeNetwork.from_frames; the measures of shx.structure take a networkx graph as it is
    """
    first = next(iter(inspect.signature(func).parameters))

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        given = args[0] if args else kwargs.get(first, ExchangeNetwork)
        # a missing argument is left to Python's own TypeError
        if given is not ExchangeNetwork and not isinstance(given, ExchangeNetwork):
            raise ArgumentTypeError(network_type_message(func.__name__, first, given))
        return func(*args, **kwargs)

    return wrapper


def expect_instance(value: object, cls: type, argument: str, maker: str) -> None:
    """Refuse a ``value`` that is not a ``cls``, saying which function makes one.

    Examples
    --------
    >>> expect_instance(3, dict, "change", "social_integration_change")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.ArgumentTypeError: change must be a dict from social_integration_change (got int)
    """
    if not isinstance(value, cls):
        msg = f"{argument} must be a {cls.__name__} from {maker} (got {type(value).__name__})"
        raise ArgumentTypeError(msg)


def expect_frame(value: object, columns: tuple[str, ...], argument: str, maker: str) -> None:
    """Refuse a ``value`` that is not a DataFrame with ``columns``, saying which function makes one.

    Examples
    --------
    >>> import pandas as pd
    >>> expect_frame(pd.DataFrame({"value": [1]}), ("value", "mean"), "frame", "sensitivity")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.ArgumentTypeError: frame must be a DataFrame from sensitivity, with the columns value, mean (missing: mean)
    """
    import pandas as pd

    expect_instance(value, pd.DataFrame, argument, maker)
    assert isinstance(value, pd.DataFrame)  # for the type checker
    missing = [c for c in columns if c not in value.columns]
    if missing:
        msg = (
            f"{argument} must be a DataFrame from {maker}, with the columns "
            f"{', '.join(columns)} (missing: {', '.join(missing)})"
        )
        raise ArgumentTypeError(msg)
